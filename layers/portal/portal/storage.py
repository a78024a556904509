"""Files in S3, for every area: reports written by multipart upload, printouts, documents and logos in one request;
read by the workers, and by users through short-lived presigned links."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote_plus

from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from pydantic import BaseModel, Field, Json

from portal.reports.files import MultipartUpload

if TYPE_CHECKING:
    from mypy_boto3_s3.client import S3Client


@cache
def _client() -> S3Client:
    import boto3

    return boto3.client("s3")


@dataclass(frozen=True)
class ObjectVersion:
    """One version of an object in a versioned bucket: what a check judged, and what a link then serves."""

    version_id: str
    size: int


class S3Files:
    def __init__(self, bucket: str) -> None:
        self.bucket = bucket

    def upload(self, key: str, content_type: str) -> MultipartUpload:
        return MultipartUpload(_client(), self.bucket, key, content_type)

    def put(self, key: str, content: bytes, content_type: str) -> None:
        """A small file (a printout) in one request."""
        _client().put_object(Bucket=self.bucket, Key=key, Body=content, ContentType=content_type)

    def read(self, key: str) -> bytes:
        return _client().get_object(Bucket=self.bucket, Key=key)["Body"].read()

    def link(
        self, key: str, *, file_name: str, seconds: int, content_type: str | None = None, version_id: str | None = None
    ) -> str:
        """A presigned GET; with `version_id`, for those bytes only, whatever is written under the key later."""
        params = {"Bucket": self.bucket, "Key": key, "ResponseContentDisposition": attachment(file_name)}
        if content_type:
            params["ResponseContentType"] = content_type
        if version_id:
            params["VersionId"] = version_id
        return _client().generate_presigned_url("get_object", Params=params, ExpiresIn=seconds)

    def upload_form(
        self, key: str, *, content_type: str, max_bytes: int, seconds: int, file_name: str
    ) -> tuple[str, dict[str, str]]:
        """A presigned POST for exactly this key, this content type and at most `max_bytes` (S3 refuses anything
        else); the user's name for the file travels as metadata, percent-encoded (S3 metadata is ASCII)."""
        metadata = {"x-amz-meta-original-name": quote(file_name)}
        fields = {"Content-Type": content_type, **metadata}
        conditions: list[object] = [
            {"Content-Type": content_type},
            {"x-amz-meta-original-name": metadata["x-amz-meta-original-name"]},
            ["content-length-range", 1, max_bytes],
        ]
        form = _client().generate_presigned_post(
            Bucket=self.bucket, Key=key, Fields=fields, Conditions=conditions, ExpiresIn=seconds
        )
        return form["url"], {name: str(value) for name, value in form["fields"].items()}

    def latest(self, key: str) -> ObjectVersion | None:
        """The object's current version (its id "null" in a bucket without versioning), or None when there is none."""
        from botocore.exceptions import ClientError

        try:
            head = _client().head_object(Bucket=self.bucket, Key=key)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
                return None
            raise
        return ObjectVersion(version_id=head.get("VersionId", "null"), size=head["ContentLength"])

    def read_start(self, key: str, length: int, *, version_id: str | None = None) -> bytes:
        request = {"Bucket": self.bucket, "Key": key, "Range": f"bytes=0-{length - 1}"}
        if version_id:
            request["VersionId"] = version_id
        return _client().get_object(**request)["Body"].read()  # type: ignore[arg-type]

    def delete(self, key: str) -> None:
        _client().delete_object(Bucket=self.bucket, Key=key)

    def purge(self, key: str, *, keep: str | None = None) -> None:
        """Every version of the object (and every delete marker) removed for good, but the one to keep: in a
        versioned bucket a plain delete only hides the bytes."""
        doomed: list[dict[str, str]] = []
        for page in _client().get_paginator("list_object_versions").paginate(Bucket=self.bucket, Prefix=key):
            for version in [*page.get("Versions", []), *page.get("DeleteMarkers", [])]:
                if version["Key"] == key and version["VersionId"] != keep:
                    doomed.append({"Key": key, "VersionId": version["VersionId"]})
        for start in range(0, len(doomed), 1000):  # DeleteObjects takes at most 1000 at a time
            _client().delete_objects(
                Bucket=self.bucket,
                Delete={"Objects": doomed[start : start + 1000], "Quiet": True},  # type: ignore[typeddict-item]
            )


def attachment(file_name: str) -> str:
    """A Content-Disposition that keeps any name as the user had it (RFC 6266: `filename*` in UTF-8), with a plain
    ASCII `filename` for the clients that read only that, quotes and backslashes left out."""
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in file_name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(file_name, safe='')}"


# -- a bucket's notifications, as its queue delivers them ------------------------------------------------------------


class _StoredObject(BaseModel):
    key: str


class _ObjectNotice(BaseModel):
    object: _StoredObject


class _NotificationRecord(BaseModel):
    s3: _ObjectNotice


class BucketNotification(BaseModel):
    # S3 sends one test event without records when the notification is set up.
    Records: list[_NotificationRecord] = Field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        """The keys of the objects made, as stored (the notification URL-encodes them, spaces as "+")."""
        return [unquote_plus(record.s3.object.key) for record in self.Records]


class BucketNotificationRecord(SqsRecordModel):
    body: Json[BucketNotification]
