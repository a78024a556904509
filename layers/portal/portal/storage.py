"""Files in S3, for every area: reports written by multipart upload, printouts, documents and logos in one request;
read by the workers, and by users through short-lived presigned links."""

from __future__ import annotations

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

    def link(self, key: str, *, file_name: str, seconds: int, content_type: str | None = None) -> str:
        params = {"Bucket": self.bucket, "Key": key, "ResponseContentDisposition": attachment(file_name)}
        if content_type:
            params["ResponseContentType"] = content_type
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

    def size(self, key: str) -> int | None:
        """The object's size, or None when there is no such object."""
        from botocore.exceptions import ClientError

        try:
            return _client().head_object(Bucket=self.bucket, Key=key)["ContentLength"]
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
                return None
            raise

    def read_start(self, key: str, length: int) -> bytes:
        return _client().get_object(Bucket=self.bucket, Key=key, Range=f"bytes=0-{length - 1}")["Body"].read()

    def delete(self, key: str) -> None:
        _client().delete_object(Bucket=self.bucket, Key=key)


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
