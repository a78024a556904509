"""Files in S3, for every area: reports written by multipart upload, printouts, documents and logos in one request;
read by the workers, and by users through short-lived presigned links."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

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

    def link(self, key: str, *, file_name: str, seconds: int) -> str:
        return _client().generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self.bucket,
                "Key": key,
                "ResponseContentDisposition": f'attachment; filename="{file_name}"',
            },
            ExpiresIn=seconds,
        )
