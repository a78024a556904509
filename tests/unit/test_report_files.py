"""Report files (REP-1): the XML a report writes is valid against the committed XSD whatever its text holds, a value
a deposit lacks is left out, the CSV has a header and a line per row, and the multipart upload sends parts of the
size S3 needs while holding one at a time."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from typing import Any

import xmlschema

from infrastructure.local.template import ROOT
from portal.deposits.models import DepositFilters, DepositRow, DepositStatus
from portal.money import Currency
from portal.reports import files
from portal.reports.files import MultipartUpload, write_report
from portal.reports.models import Report, ReportFormat

AT = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
CUSTOMER = "01JDX3Y5F2K7Q9W8E6R4T2Y1A0"


class Collected(io.RawIOBase):
    def __init__(self) -> None:
        super().__init__()
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, chunk: Any) -> int:
        self.data.extend(bytes(chunk))
        return len(chunk)


def report(format: ReportFormat) -> Report:
    return Report(
        report_id="01JDX3Y5F2K7Q9W8E6R4T2Y1A4",
        customer_id=CUSTOMER,
        kind="deposits",
        format=format,
        filters=DepositFilters(),
        date_from=date(2026, 1, 1),
        date_to=date(2026, 12, 3),
        requested_by="ola",
        requested_by_name="Ola",
        requested_at=AT,
        expires_at=AT,
    )


ROWS = [
    DepositRow(
        deposit_id="01JDX3Y5F2K7Q9W8E6R4T2Y1A2",
        customer_id=CUSTOMER,
        bag_number="123456789012",
        deposit_date=date(2026, 11, 30),
        department_id="01JDX3Y5F2K7Q9W8E6R4T2Y1A1",
        department_name='Kiosk & Kafé <1> "sør"',
        status=DepositStatus.COUNTED,
        currency=Currency.NOK,
        total=279050,
        counted=229050,
        difference=-50000,
        registered_at=AT,
        registered_by_name="Åse Ødegård",
    ),
    DepositRow(
        deposit_id="01JDX3Y5F2K7Q9W8E6R4T2Y1A3",
        customer_id=CUSTOMER,
        bag_number="123456789013",
        deposit_date=date(2026, 12, 1),
        status=DepositStatus.REGISTERED,
        currency=Currency.NOK,
        total=100,
        registered_at=AT,
        registered_by_name="Ola",
    ),
]


def test_the_xml_is_valid_against_the_schema_and_leaves_out_what_a_deposit_lacks() -> None:
    out = Collected()
    assert write_report(report(ReportFormat.XML), ROWS, out) == 2
    schema = xmlschema.XMLSchema(ROOT / "schemas" / "deposit-report.xsd")
    schema.validate(bytes(out.data).decode())
    parsed: dict[str, Any] = schema.to_dict(  # type: ignore[assignment]
        bytes(out.data).decode()
    )
    first, second = parsed["Deposit"]
    assert (first["Department"], first["Difference"], first["RegisteredBy"]) == (
        'Kiosk & Kafé <1> "sør"',
        -50000,
        "Åse Ødegård",
    )
    assert "Counted" not in second
    assert "DepartmentId" not in second
    assert parsed["@from"] == "2026-01-01"


def test_the_csv_has_a_header_and_a_line_per_row() -> None:
    out = Collected()
    write_report(report(ReportFormat.CSV), ROWS, out)
    lines = list(csv.reader(io.StringIO(bytes(out.data).decode())))
    assert lines[0][:2] == ["deposit_id", "bag_number"]
    assert [line[1] for line in lines[1:]] == ["123456789012", "123456789013"]
    assert lines[1][4] == 'Kiosk & Kafé <1> "sør"'


class RecordingS3:
    """S3's multipart calls, kept: what the upload sends, and in which parts (moto's in-process mock would reset the
    session's embedded backend, which other tests share)."""

    def __init__(self) -> None:
        self.parts: dict[int, bytes] = {}
        self.completed: list[Any] = []
        self.aborted = False

    def create_multipart_upload(self, **_: Any) -> dict[str, str]:
        return {"UploadId": "upload-1"}

    def upload_part(self, *, PartNumber: int, Body: bytes, **_: Any) -> dict[str, str]:  # noqa: N803 - boto3's names
        self.parts[PartNumber] = Body
        return {"ETag": f"etag-{PartNumber}"}

    def complete_multipart_upload(self, *, MultipartUpload: dict[str, Any], **_: Any) -> None:  # noqa: N803
        self.completed = MultipartUpload["Parts"]

    def abort_multipart_upload(self, **_: Any) -> None:
        self.aborted = True


def test_the_upload_sends_parts_of_the_size_s3_needs_holding_one_at_a_time() -> None:
    s3 = RecordingS3()
    upload = MultipartUpload(s3, "reports", "customers/x/r.csv", "text/csv")  # type: ignore[arg-type]
    chunk = b"x" * (1024 * 1024)
    for _ in range(17):
        upload.write(chunk)
        assert len(upload.buffer) < files.PART_SIZE
    upload.close()
    # Every part but the last at least the 5 MiB S3 requires; completed in order; nothing lost
    assert [len(s3.parts[number]) for number in sorted(s3.parts)] == [files.PART_SIZE] * 3 + [2 * 1024 * 1024]
    assert [part["PartNumber"] for part in s3.completed] == [1, 2, 3, 4]
    assert upload.size == 17 * len(chunk) == sum(len(body) for body in s3.parts.values())


def test_an_upload_that_fails_is_thrown_away() -> None:
    s3 = RecordingS3()
    upload = MultipartUpload(s3, "reports", "customers/x/r.xml", "application/xml")  # type: ignore[arg-type]
    upload.write(b"<partial")
    upload.abort()
    assert s3.aborted
    assert s3.completed == []
