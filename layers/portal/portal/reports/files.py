"""Report files, written as their rows are read: XML (schemas/deposit-report.xsd) or CSV, into an S3 multipart
upload that holds one part in memory at a time. A report of any length takes the same memory."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import XMLGenerator

from portal.deposits.models import DepositRow
from portal.reports.models import Report, ReportFormat

if TYPE_CHECKING:
    from mypy_boto3_s3.client import S3Client
    from mypy_boto3_s3.type_defs import CompletedPartTypeDef

NAMESPACE = "urn:kundeportal:reports:deposits:1"
# S3 takes parts of at least 5 MiB (all but the last): the smallest part keeps the worker's memory lowest.
PART_SIZE = 5 * 1024 * 1024

# The columns of a deposit report, as the XML elements and CSV headers name them.
DEPOSIT_COLUMNS = (
    ("DepositId", "deposit_id"),
    ("BagNumber", "bag_number"),
    ("DepositDate", "deposit_date"),
    ("DepartmentId", "department_id"),
    ("Department", "department_name"),
    ("ResponsibilityNumber", "responsibility_number"),
    ("Status", "status"),
    ("Currency", "currency"),
    ("Declared", "total"),
    ("Counted", "counted"),
    ("Difference", "difference"),
    ("RegisteredAt", "registered_at"),
    ("RegisteredBy", "registered_by_name"),
)


class MultipartUpload(io.RawIOBase):
    """A writable file whose bytes go to one S3 object in parts; `close` completes it, `abort` throws it away."""

    def __init__(self, client: S3Client, bucket: str, key: str, content_type: str) -> None:
        super().__init__()
        self.client, self.bucket, self.key = client, bucket, key
        self.upload_id = client.create_multipart_upload(Bucket=bucket, Key=key, ContentType=content_type)["UploadId"]
        self.parts: list[CompletedPartTypeDef] = []
        self.buffer = bytearray()
        self.size = 0
        self.requests = 1

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.buffer.extend(chunk)
        self.size += len(chunk)
        while len(self.buffer) >= PART_SIZE:
            with memoryview(self.buffer) as view:
                part = bytes(view[:PART_SIZE])  # the one copy a part needs
            del self.buffer[:PART_SIZE]
            self._send(part)
        return len(chunk)

    def _send(self, body: bytes) -> None:
        number = len(self.parts) + 1
        answer = self.client.upload_part(
            Bucket=self.bucket, Key=self.key, UploadId=self.upload_id, PartNumber=number, Body=body
        )
        self.parts.append({"ETag": answer["ETag"], "PartNumber": number})
        self.requests += 1

    def close(self) -> None:
        if self.closed:
            return
        if self.buffer or not self.parts:
            self._send(bytes(self.buffer))  # the last part may be small (or empty, for an empty report)
            self.buffer.clear()
        self.client.complete_multipart_upload(
            Bucket=self.bucket, Key=self.key, UploadId=self.upload_id, MultipartUpload={"Parts": self.parts}
        )
        self.requests += 1
        super().close()

    def abort(self) -> None:
        self.client.abort_multipart_upload(Bucket=self.bucket, Key=self.key, UploadId=self.upload_id)
        super().close()


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _values(row: DepositRow) -> list[str]:
    data = row.model_dump(mode="json")
    return [_text(data[field]) for _, field in DEPOSIT_COLUMNS]


def write_deposits(report: Report, rows: Iterable[DepositRow], out: io.RawIOBase) -> int:
    """Writes the rows to `out` in the report's format; returns how many."""
    text = io.TextIOWrapper(io.BufferedWriter(out, buffer_size=64 * 1024), encoding="utf-8", newline="")
    count = 0
    if report.format is ReportFormat.CSV:
        writer = csv.writer(text)
        writer.writerow([field for _, field in DEPOSIT_COLUMNS])
        for row in rows:
            writer.writerow(_values(row))
            count += 1
    else:
        count = _write_xml(report, rows, text)
    text.flush()
    text.detach().flush()
    return count


def _write_xml(report: Report, rows: Iterable[DepositRow], text: io.TextIOWrapper) -> int:
    xml = XMLGenerator(text, encoding="utf-8", short_empty_elements=True)
    xml.startDocument()
    xml.startPrefixMapping(None, NAMESPACE)
    attributes: dict[tuple[str | None, str], str] = {
        (None, "customerId"): report.customer_id,
        (None, "from"): report.date_from.isoformat(),
        (None, "to"): report.date_to.isoformat(),
        (None, "generatedAt"): report.requested_at.isoformat(),
    }
    from xml.sax.xmlreader import AttributesNSImpl

    xml.startElementNS((NAMESPACE, "DepositReport"), "DepositReport", AttributesNSImpl(attributes, {}))
    count = 0
    for row in rows:
        xml.startElementNS((NAMESPACE, "Deposit"), "Deposit", AttributesNSImpl({}, {}))
        for (element, _), value in zip(DEPOSIT_COLUMNS, _values(row), strict=True):
            if value == "":
                continue  # an element left out is a value the deposit does not have (yet)
            xml.startElementNS((NAMESPACE, element), element, AttributesNSImpl({}, {}))
            xml.characters(value)
            xml.endElementNS((NAMESPACE, element), element)
        xml.endElementNS((NAMESPACE, "Deposit"), "Deposit")
        count += 1
    xml.endElementNS((NAMESPACE, "DepositReport"), "DepositReport")
    xml.endPrefixMapping(None)
    xml.endDocument()
    return count
