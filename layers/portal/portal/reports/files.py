"""Report files, written as their rows are read: XML (schemas/<kind>-report.xsd) or CSV, into an S3 multipart
upload that holds one part in memory at a time. A report of any length takes the same memory."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import XMLGenerator

from pydantic import BaseModel

from portal.reports.models import Report, ReportFormat

if TYPE_CHECKING:
    from mypy_boto3_s3.client import S3Client
    from mypy_boto3_s3.type_defs import CompletedPartTypeDef

# S3 takes parts of at least 5 MiB (all but the last): the smallest part keeps the worker's memory lowest.
PART_SIZE = 5 * 1024 * 1024


@dataclass(frozen=True)
class Layout:
    """How a kind of report is written: its XML namespace and elements (its XSD in schemas/), and its columns as
    (XML element, the row's field, which is also the CSV header)."""

    namespace: str
    root: str
    row: str
    columns: tuple[tuple[str, str], ...]


DEPOSITS = Layout(
    namespace="urn:kundeportal:reports:deposits:1",
    root="DepositReport",
    row="Deposit",
    columns=(
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
    ),
)
ORDERS = Layout(
    namespace="urn:kundeportal:reports:orders:1",
    root="OrderReport",
    row="Order",
    columns=(
        ("OrderId", "order_id"),
        ("Kind", "kind"),
        ("Number", "number"),
        ("Status", "status"),
        ("PlacedOn", "placed_on"),
        ("PlacedAt", "placed_at"),
        ("PlacedBy", "placed_by_name"),
        ("DepartmentId", "department_id"),
        ("Department", "department_name"),
        ("ProductGroup", "product_group"),
        ("CustomerReference", "customer_reference"),
        ("Currency", "currency"),
        ("Total", "total"),
    ),
)
LAYOUTS = {"deposits": DEPOSITS, "orders": ORDERS}


class MultipartUpload(io.RawIOBase):
    """A writable file whose bytes go to one S3 object in parts; `close` completes it, `abort` throws it away."""

    def __init__(self, client: S3Client, bucket: str, key: str, content_type: str) -> None:
        super().__init__()
        self.client, self.bucket, self.key = client, bucket, key
        self.upload_id = client.create_multipart_upload(Bucket=bucket, Key=key, ContentType=content_type)["UploadId"]
        self.parts: list[CompletedPartTypeDef] = []
        self.buffer = bytearray()
        self.size = 0

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

    def close(self) -> None:
        if self.closed:
            return
        if self.buffer or not self.parts:
            self._send(bytes(self.buffer))  # the last part may be small (or empty, for an empty report)
            self.buffer.clear()
        self.client.complete_multipart_upload(
            Bucket=self.bucket, Key=self.key, UploadId=self.upload_id, MultipartUpload={"Parts": self.parts}
        )
        super().close()

    def abort(self) -> None:
        self.client.abort_multipart_upload(Bucket=self.bucket, Key=self.key, UploadId=self.upload_id)
        super().close()


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _values(layout: Layout, row: BaseModel) -> list[str]:
    data = row.model_dump(mode="json")
    return [_text(data[field]) for _, field in layout.columns]


def write_report(report: Report, rows: Iterable[BaseModel], out: io.RawIOBase) -> int:
    """Writes the rows to `out` in the report's format and its kind's layout; returns how many."""
    layout = LAYOUTS[report.kind]
    text = io.TextIOWrapper(io.BufferedWriter(out, buffer_size=64 * 1024), encoding="utf-8", newline="")
    count = 0
    if report.format is ReportFormat.CSV:
        writer = csv.writer(text)
        writer.writerow([field for _, field in layout.columns])
        for row in rows:
            writer.writerow(_values(layout, row))
            count += 1
    else:
        count = _write_xml(report, layout, rows, text)
    text.flush()
    text.detach().flush()
    return count


def _write_xml(report: Report, layout: Layout, rows: Iterable[BaseModel], text: io.TextIOWrapper) -> int:
    from xml.sax.xmlreader import AttributesNSImpl

    xml = XMLGenerator(text, encoding="utf-8", short_empty_elements=True)
    xml.startDocument()
    xml.startPrefixMapping(None, layout.namespace)
    attributes: dict[tuple[str | None, str], str] = {
        (None, "customerId"): report.customer_id,
        (None, "from"): report.date_from.isoformat(),
        (None, "to"): report.date_to.isoformat(),
        (None, "generatedAt"): report.requested_at.isoformat(),
    }
    xml.startElementNS((layout.namespace, layout.root), layout.root, AttributesNSImpl(attributes, {}))
    count = 0
    for row in rows:
        xml.startElementNS((layout.namespace, layout.row), layout.row, AttributesNSImpl({}, {}))
        for (element, _), value in zip(layout.columns, _values(layout, row), strict=True):
            if value == "":
                continue  # an element left out is a value the record does not have (yet)
            xml.startElementNS((layout.namespace, element), element, AttributesNSImpl({}, {}))
            xml.characters(value)
            xml.endElementNS((layout.namespace, element), element)
        xml.endElementNS((layout.namespace, layout.row), layout.row)
        count += 1
    xml.endElementNS((layout.namespace, layout.root), layout.root)
    xml.endPrefixMapping(None)
    xml.endDocument()
    return count
