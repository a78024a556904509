"""What a file may contain (CASE-5), judged from its bytes after upload, never from its name or what the browser
said. Pure rules: the worker hands in the first bytes of the object and the content type it was declared with."""

from __future__ import annotations

from enum import StrEnum

import filetype

MAX_FILE_BYTES = 20 * 1024 * 1024
SNIFF_BYTES = 8192  # magic numbers sit in the first bytes; Office files name their parts within the first entries


class FileType(StrEnum):
    """The content types a file may have: documents, pictures and the text exports people send."""

    PDF = "application/pdf"
    PNG = "image/png"
    JPEG = "image/jpeg"
    WEBP = "image/webp"
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    TEXT = "text/plain"
    CSV = "text/csv"


_TEXT_TYPES = frozenset({FileType.TEXT, FileType.CSV})
# Control characters never found in text a person wrote (tab, line feed, form feed and carriage return are).
_BINARY_CONTROLS = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}


class FileRejection(StrEnum):
    EMPTY = "empty_file"
    TOO_LARGE = "file_too_large"
    NOT_ALLOWED = "content_not_allowed"
    MISMATCH = "content_mismatch"


def judge(first_bytes: bytes, *, size: int, declared: FileType) -> FileRejection | None:
    """None when the file may be kept: its size is within the limit and its bytes are what it was declared as."""
    if size == 0:
        return FileRejection.EMPTY
    if size > MAX_FILE_BYTES:
        return FileRejection.TOO_LARGE
    found = sniffed_type(first_bytes)
    if found is None:
        return FileRejection.NOT_ALLOWED
    if found is FileType.TEXT:
        return None if declared in _TEXT_TYPES else FileRejection.MISMATCH
    return None if found is declared else FileRejection.MISMATCH


def sniffed_type(first_bytes: bytes) -> FileType | None:
    """The allowed type the bytes are, TEXT for anything that reads as text, None for anything else."""
    mime = filetype.guess_mime(first_bytes)
    if mime is not None:
        try:
            return FileType(mime)
        except ValueError:
            return None
    return FileType.TEXT if _reads_as_text(first_bytes) else None


def _reads_as_text(first_bytes: bytes) -> bool:
    # UTF-8 and Windows-1252 text alike (both are what Nordic spreadsheets export); binary formats are full of
    # control bytes from their first kilobytes.
    return not any(byte in _BINARY_CONTROLS for byte in first_bytes)
