"""CASE-5: a file is judged from its bytes, never from its name or the content type the browser claimed."""

from __future__ import annotations

import io
import zipfile

import pytest

from portal.files.content import MAX_FILE_BYTES, FileRejection, FileType, judge, sniffed_type
from portal.files.repository import file_id_of
from portal.storage import attachment


def office(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("first_bytes", "found"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", FileType.PDF),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", FileType.PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", FileType.JPEG),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", FileType.WEBP),
        (office("word/document.xml"), FileType.DOCX),
        (office("xl/workbook.xml"), FileType.XLSX),
        ("Kundenr;Navn\r\n1001;Ørsta Rør AS\r\n".encode(), FileType.TEXT),
        ("Kundnr;Namn\r\n1;Åre Sågverk AB\r\n".encode("cp1252"), FileType.TEXT),
        (b"MZ\x90\x00\x03\x00\x00\x00", None),  # a Windows program
        (b"\x7fELF\x02\x01\x01\x00", None),
        (b"PK\x03\x04\x14\x00\x00\x00", None),  # a plain zip archive
        (b"GIF89a\x01\x00\x01\x00", None),  # a picture of a type not allowed
    ],
)
def test_the_type_is_read_from_the_bytes(first_bytes: bytes, found: FileType | None) -> None:
    assert sniffed_type(first_bytes) is found


def test_a_file_is_kept_only_when_its_bytes_are_what_was_declared_and_its_size_within_the_limit() -> None:
    pdf = b"%PDF-1.4\n"
    assert judge(pdf, size=9, declared=FileType.PDF) is None
    assert judge(pdf, size=9, declared=FileType.PNG) is FileRejection.MISMATCH
    assert judge(b"a;b\r\n", size=5, declared=FileType.CSV) is None
    assert judge(b"a;b\r\n", size=5, declared=FileType.PDF) is FileRejection.MISMATCH
    assert judge(b"", size=0, declared=FileType.TEXT) is FileRejection.EMPTY
    assert judge(pdf, size=MAX_FILE_BYTES, declared=FileType.PDF) is None
    assert judge(pdf, size=MAX_FILE_BYTES + 1, declared=FileType.PDF) is FileRejection.TOO_LARGE
    assert judge(b"MZ\x90\x00", size=4, declared=FileType.PDF) is FileRejection.NOT_ALLOWED


def test_only_keys_the_portal_makes_name_a_file() -> None:
    file_id = "01JD5X0Q8T6W0ZQ3J7R5K2M4NB"
    assert file_id_of(f"customers/01JD5X0Q8T6W0ZQ3J7R5K2M4NA/files/{file_id}") == file_id
    assert file_id_of(f"cases/01JD5X0Q8T6W0ZQ3J7R5K2M4NA/files/{file_id}") == file_id
    assert file_id_of(f"customers/x/reports/{file_id}") is None
    assert file_id_of(f"customers/x/files/{file_id}/../other") is None
    assert file_id_of("customers/x/files/not-an-id") is None


def test_a_download_keeps_any_name_and_offers_a_plain_one_beside_it() -> None:
    assert attachment('Rapport "mars".pdf') == (
        "attachment; filename=\"Rapport _mars_.pdf\"; filename*=UTF-8''Rapport%20%22mars%22.pdf"
    )
    assert attachment("Årsrapport.pdf").startswith('attachment; filename="_rsrapport.pdf"; ')
