"""Bulk upload of the customer register from a CSV file (ORG-3). Pure domain: no boto3, no HTTP.

Staff export a sheet from Excel (or any spreadsheet) as CSV: UTF-8 or Windows-1252, separated by commas or, as
Nordic Excel writes it, semicolons, headed in Norwegian, Swedish or English. `read_register` reads the header and
refuses a file it cannot make sense of as a whole; `RegisterFile.rows` then checks one row at a time, as the file is
read, with the same rules as a customer created by hand, and tells every problem of a row at once. `report_lines`
writes the per-row outcome as a CSV file that Nordic Excel opens as it is.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from portal import formats
from portal.customers.models import (
    Country,
    CustomerInput,
    CustomerRegisterSettings,
    CustomFieldDefinition,
    CustomFieldType,
    CustomFieldValue,
)

# _csv_line and _csv_safe are private, but the export's rules are the ones the report must follow too: one definition
# of a line (`;`, CRLF) and of a defused cell, not two that drift apart.
from portal.customers.service import (
    _csv_line,
    _csv_safe,
    validate_custom_fields,
    validate_customer_number,
    validate_organisation_number,
)
from portal.errors import FieldProblems, ValidationFailed, field_problem

MAX_IMPORT_BYTES = 10 * 1024 * 1024
MAX_IMPORT_ROWS = 20_000
SAVE_AS_CSV = "Save the sheet as CSV (UTF-8 or Windows-1252)"
DELIMITERS = (";", ",")  # the first wins a tie: it is what Nordic Excel writes

# The headings a column may have, per field; compared trimmed, case-insensitively and with inner spaces collapsed.
COLUMN_HEADINGS: dict[str, tuple[str, ...]] = {
    "number": ("kundenummer", "kundenr", "kundnummer", "kundnr", "customer number", "number"),
    "name": ("navn", "kundenavn", "namn", "kundnamn", "name", "customer name"),
    "organisation_number": (
        "organisasjonsnummer",
        "org.nr",
        "org.nr.",
        "orgnr",
        "org nr",
        "organisationsnummer",
        "organisation number",
        "organization number",
    ),
    "country": ("land", "country"),
    "email": ("e-post", "epost", "e-postadresse", "e-postadress", "e-post adress", "email", "e-mail"),
    "contact_person": ("kontaktperson", "contact person", "contact"),
    "phone": ("telefon", "tlf", "telefonnummer", "phone"),
    "address": ("adresse", "adress", "gateadresse", "utdelningsadress", "address"),
    "postal_code": ("postnummer", "postnr", "postal code", "postcode", "zip"),
    "city": ("poststed", "sted", "ort", "postort", "city"),
}
REQUIRED_COLUMNS = ("number", "name")
# How a missing required column is named to the person who uploaded the file.
_REQUIRED_DESCRIPTIONS = {
    "number": "the customer number (Kundenummer, Kundnummer or Customer number)",
    "name": "the name (Navn, Namn or Name)",
}

COUNTRIES: dict[str, Country] = {
    "no": Country.NORWAY,
    "norge": Country.NORWAY,
    "norway": Country.NORWAY,
    "noreg": Country.NORWAY,
    "se": Country.SWEDEN,
    "sverige": Country.SWEDEN,
    "sweden": Country.SWEDEN,
}
BOOLEANS: dict[str, bool] = {
    **dict.fromkeys(("ja", "yes", "true", "1", "x"), True),
    **dict.fromkeys(("nei", "nej", "no", "false", "0"), False),
}
_NORDIC_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
# Nordic spreadsheets group thousands with a (narrow) no-break space; validate_custom_fields drops ordinary ones.
_GROUPING_SPACES = str.maketrans("", "", "\u00a0\u202f")
# Pydantic's own words for a pattern would show the pattern; these say what is wanted.
_PATTERN_MESSAGES = {
    "number": "A customer number has only letters A-Z, digits and dashes",
    "email": "Not an e-mail address (name@company.com)",
}
# A physical line with its ending: \r\n, \n or a lone \r (old Mac files); the last one may have none.
_PHYSICAL_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")

ImportResult = Literal["imported", "already_imported", "rejected"]
REPORT_COLUMNS = ("Line", "Customer number", "Name", "Result", "Reasons")


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the file: its heading as written there, and the customer field it fills."""

    heading: str
    field: str  # "number", "name", … or "custom_fields.<key>"
    custom_field: CustomFieldDefinition | None = None


@dataclass(frozen=True, slots=True)
class RowProblem:
    field: str
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class ReportRow:
    """The outcome of one row, for the report."""

    line: int
    number: str | None
    name: str | None
    result: ImportResult
    problems: Sequence[RowProblem] = ()


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One row of the file: where it starts, what it says, and the customer it makes or why it makes none."""

    line: int  # the physical line the row starts on, the header being line 1, as the spreadsheet shows it
    number: str | None
    name: str | None
    customer: CustomerInput | None
    problems: list[RowProblem]

    @property
    def valid(self) -> bool:
        return self.customer is not None

    def outcome(self, result: ImportResult) -> ReportRow:
        return ReportRow(line=self.line, number=self.number, name=self.name, result=result, problems=self.problems)


@dataclass(frozen=True, slots=True)
class RegisterFile:
    """A readable customer file whose header is understood; its rows are checked as `rows()` reaches them."""

    encoding: str  # "utf-8" or "cp1252"
    delimiter: str  # ";" or ","
    columns: tuple[Column, ...]
    settings: CustomerRegisterSettings = field(repr=False)
    text: str = field(repr=False)

    def rows(self) -> Iterator[ImportRow]:
        """Every non-blank row after the header, checked, one at a time (the file is never held as rows). Refuses
        with `too_many_customers` on reaching the row after the `MAX_IMPORT_ROWS`th."""
        records = _records(self.text, self.delimiter)
        next(records, None)  # the header: read_register has mapped it
        checker = _RowChecker(self.columns, self.settings)
        count = 0
        for line, cells in records:
            if not any(cell.strip() for cell in cells):
                continue  # Excel writes rows of empty cells (";;;;") below a table that once was longer
            count += 1
            if count > MAX_IMPORT_ROWS:
                raise ValidationFailed(
                    f"A file may hold at most {MAX_IMPORT_ROWS} customers: split it and upload the parts",
                    code="too_many_customers",
                    details=[{"max_rows": MAX_IMPORT_ROWS, "line": line}],
                )
            yield checker.check(line, cells)


# -- the file ----------------------------------------------------------------------------------------------------


def decode_register(content: bytes) -> str:
    """The file's text: UTF-8 (a byte-order mark is dropped) when it is that, Windows-1252 otherwise."""
    return _decode(content)[0]


def read_register(content: bytes, settings: CustomerRegisterSettings) -> RegisterFile:
    """The file, decoded and its header mapped to the register's fields; refused as a whole when it is too large,
    not text, or headed with columns missing, unknown or twice."""
    if len(content) > MAX_IMPORT_BYTES:
        raise ValidationFailed(
            f"The file has {len(content)} bytes; a customer file may have at most {MAX_IMPORT_BYTES // (1024 * 1024)}"
            " MB: split it and upload the parts",
            code="file_too_large",
            details=[{"max_bytes": MAX_IMPORT_BYTES}],
        )
    text, encoding = _decode(content)
    headings = _heading_lookup(settings.custom_fields)
    delimiter = _detect_delimiter(next(_physical_lines(text), ""), headings)
    _, header = next(_records(text, delimiter), (1, []))
    columns = _map_header(header, headings, settings)
    return RegisterFile(encoding=encoding, delimiter=delimiter, columns=columns, settings=settings, text=text)


def _decode(content: bytes) -> tuple[str, str]:
    # A NUL byte is in every xlsx (a zip), xls and UTF-16 file, and in no CSV file a spreadsheet writes.
    if b"\x00" in content:
        raise _unreadable(f"The file is not a CSV text file. {SAVE_AS_CSV}")
    try:
        text, encoding = content.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = content.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as error:
            raise _unreadable(f"The file is neither UTF-8 nor Windows-1252 text. {SAVE_AS_CSV}") from error
    if not text.strip():
        raise _unreadable(f"The file is empty. {SAVE_AS_CSV}")
    return text, encoding


def _unreadable(message: str) -> ValidationFailed:
    detail = field_problem("file", "unreadable_file", message)
    return ValidationFailed(message, code="unreadable_file", details=[detail])


def _physical_lines(text: str) -> Iterator[str]:
    """The lines of the text one by one, endings kept (the csv module needs them inside quoted cells)."""
    for match in _PHYSICAL_LINE.finditer(text):
        yield match.group()


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """The records of the text one by one, each with the physical line it starts on (the header's is 1)."""
    reader = csv.reader(_physical_lines(text), delimiter=delimiter)
    while True:
        line = reader.line_num + 1  # line_num counts the lines read so far, those of quoted line breaks too
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # e.g. a quote left open, which swallows the rest of the file into one cell
            raise _unreadable(f"Line {line} cannot be read as CSV ({error}). {SAVE_AS_CSV}") from error
        yield line, cells


# -- the header --------------------------------------------------------------------------------------------------


def _normalised(heading: str) -> str:
    return " ".join(heading.split()).casefold()


def _heading_lookup(definitions: Iterable[CustomFieldDefinition]) -> dict[str, Column]:
    """Each heading the register knows, normalised, with the column it makes. A custom field is headed by its key
    or any of its labels; a standard field's heading wins over a custom field's label that happens to be the same."""
    lookup = {
        _normalised(heading): Column(heading=heading, field=name)
        for name, headings in COLUMN_HEADINGS.items()
        for heading in headings
    }
    for definition in definitions:
        labels = (definition.labels.nb, definition.labels.sv, definition.labels.en)
        for heading in (definition.key, definition.label, *labels):
            if heading:
                column = Column(heading=heading, field=f"custom_fields.{definition.key}", custom_field=definition)
                lookup.setdefault(_normalised(heading), column)
    return lookup


def _detect_delimiter(header_line: str, headings: dict[str, Column]) -> str:
    """The delimiter that splits the header into the most known headings (then: into the most cells)."""

    def score(delimiter: str) -> tuple[int, int]:
        cells = next(csv.reader([header_line], delimiter=delimiter), [])
        return sum(_normalised(cell) in headings for cell in cells), len(cells)

    return max(DELIMITERS, key=score)


def _map_header(
    cells: list[str], headings: dict[str, Column], settings: CustomerRegisterSettings
) -> tuple[Column, ...]:
    """The columns in file order; every problem of the header is refused at once."""
    while cells and not cells[-1].strip():
        cells = cells[:-1]  # a sheet's formatted but empty columns end the header with empty cells
    columns: list[Column] = []
    unknown: list[tuple[int, str]] = []
    duplicates: list[Column] = []
    for position, heading in enumerate(cells, start=1):
        known = headings.get(_normalised(heading))
        if known is None:
            unknown.append((position, heading.strip()))
            continue
        column = Column(heading=heading.strip(), field=known.field, custom_field=known.custom_field)
        if any(earlier.field == column.field for earlier in columns):
            duplicates.append(column)
        columns.append(column)
    refusals = FieldProblems()
    _missing_columns(refusals, {column.field for column in columns}, settings)
    _unknown_columns(refusals, unknown)
    _duplicate_columns(refusals, duplicates)
    refusals.raise_if_any()
    return tuple(columns)


def _missing_columns(refusals: FieldProblems, present: set[str], settings: CustomerRegisterSettings) -> None:
    # A required custom field without a column would reject every row: the file is refused once instead.
    wanted = dict(_REQUIRED_DESCRIPTIONS)
    wanted |= {
        f"custom_fields.{definition.key}": definition.label
        for definition in settings.custom_fields
        if definition.required
    }
    missing = {name: description for name, description in wanted.items() if name not in present}
    if not missing:
        return
    message = f"The file has no column for {', '.join(missing.values())}"
    details = [
        field_problem(name, "missing_columns", f"No column for {description}") for name, description in missing.items()
    ]
    refusals.add(ValidationFailed(message, code="missing_columns", details=details))


def _unknown_columns(refusals: FieldProblems, unknown: list[tuple[int, str]]) -> None:
    # Refused rather than skipped: a misspelt heading would otherwise drop a column of data without a word.
    if not unknown:
        return
    names = [f"'{heading}'" if heading else f"column {position} (no heading)" for position, heading in unknown]
    message = f"Unknown columns: {', '.join(names)}. Rename or remove them"
    details = [
        field_problem(f"columns.{position}", "unknown_columns", f"Unknown column {name}", heading=heading)
        for (position, heading), name in zip(unknown, names, strict=True)
    ]
    refusals.add(ValidationFailed(message, code="unknown_columns", details=details))


def _duplicate_columns(refusals: FieldProblems, duplicates: list[Column]) -> None:
    if not duplicates:
        return
    message = f"More than one column for: {', '.join(column.heading for column in duplicates)}"
    details = [
        field_problem(column.field, "duplicate_columns", f"'{column.heading}' is a second column for {column.field}")
        for column in duplicates
    ]
    refusals.add(ValidationFailed(message, code="duplicate_columns", details=details))


# -- the rows ----------------------------------------------------------------------------------------------------


class _RowChecker:
    """Checks rows in file order, remembering each valid number's first line to find duplicates within the file."""

    def __init__(self, columns: tuple[Column, ...], settings: CustomerRegisterSettings) -> None:
        self._columns = columns
        self._settings = settings
        self._headings = {column.field: column.heading for column in columns}
        self._first_line_of: dict[str, int] = {}

    def check(self, line: int, cells: list[str]) -> ImportRow:
        values = {column.field: cell.strip() for column, cell in zip(self._columns, cells, strict=False)}
        values = {name: value for name, value in values.items() if value}  # an empty cell is a value not set
        problems = self._extra_cells(cells)
        country = self._country(values.get("country"), problems)
        base = self._base_fields(values, country, problems)
        checked = self._checked_fields(values, country, problems)
        self._duplicate(line, checked["number"], problems)
        customer = base.model_copy(update=checked) if base is not None and not problems else None
        return ImportRow(
            line=line, number=values.get("number"), name=values.get("name"), customer=customer, problems=problems
        )

    def _extra_cells(self, cells: list[str]) -> list[RowProblem]:
        # Empty cells past the header are what a sheet with one wider row writes on every row: no problem.
        extra = [cell for cell in cells[len(self._columns) :] if cell.strip()]
        if not extra:
            return []
        message = f"The row has {len(extra)} filled cells more than the header has columns ({len(self._columns)})"
        return [RowProblem("row", "extra_cells", message)]

    def _country(self, text: str | None, problems: list[RowProblem]) -> Country | None:
        if text is None:
            return Country.NORWAY
        country = COUNTRIES.get(text.casefold())
        if country is None:
            heading = self._headings["country"]
            message = f"{heading}: '{text}' is not a country of the register: NO (Norge) or SE (Sverige)"
            problems.append(RowProblem("country", "invalid_country", message))
        return country

    def _base_fields(
        self, values: dict[str, str], country: Country | None, problems: list[RowProblem]
    ) -> CustomerInput | None:
        """The fields CustomerInput checks itself, or None with pydantic's problems added (as the API words them)."""
        data: dict[str, Any] = {name: value for name, value in values.items() if name in COLUMN_HEADINGS}
        data["country"] = country or Country.NORWAY  # an unknown country is already a problem of the row
        try:
            return CustomerInput.model_validate(data)
        except ValidationError as error:
            problems.extend(self._pydantic_problem(problem) for problem in error.errors())
            return None

    def _pydantic_problem(self, problem: Any) -> RowProblem:
        # The same field and code as api.request_problem gives a customer sent to the API (pydantic's `type`, which
        # the web already words); the message is headed with the column as the file calls it.
        name = str(problem["loc"][0]) if problem["loc"] else "row"
        code = str(problem["type"])
        text = _PATTERN_MESSAGES.get(name, "") if code == "string_pattern_mismatch" else ""
        return RowProblem(name, code, f"{self._headings.get(name, name)}: {text or problem['msg']}")

    def _checked_fields(
        self, values: dict[str, str], country: Country | None, problems: list[RowProblem]
    ) -> dict[str, Any]:
        """The fields the register's rules check and normalise, as create_customer does, each None when refused (the
        refusals added to `problems`). A field pydantic refused is not checked again: one problem is told once. The
        organisation number and postcode depend on the country, and are not checked without one."""
        told = {problem.field for problem in problems}
        checks = FieldProblems()
        checked: dict[str, Any] = {"number": None, "organisation_number": None, "postal_code": None}
        if "number" in values and "number" not in told:
            checked["number"] = checks.attempt(validate_customer_number, values["number"], self._settings)
        if country is not None and "organisation_number" not in told:
            organisation_number = values.get("organisation_number")
            checked["organisation_number"] = checks.attempt(validate_organisation_number, country, organisation_number)
        if country is not None and "postal_code" not in told:
            checked["postal_code"] = checks.attempt(formats.postcode, country, values.get("postal_code"))
        custom_values = self._custom_values(values)
        checked["custom_fields"] = checks.attempt(validate_custom_fields, custom_values, self._settings.custom_fields)
        problems.extend(RowProblem(detail["field"], detail["code"], detail["message"]) for detail in checks.details)
        return checked

    def _custom_values(self, values: dict[str, str]) -> dict[str, CustomFieldValue]:
        return {
            column.custom_field.key: _custom_value(column.custom_field, values[column.field])
            for column in self._columns
            if column.custom_field is not None and column.field in values
        }

    def _duplicate(self, line: int, number: str | None, problems: list[RowProblem]) -> None:
        # Keyed as the repository keys a number (upper case): "ab-1" and "AB-1" cannot both be in the register.
        # A row rejected for other reasons still holds its number: fixed and uploaded again, it would collide.
        if number is None:
            return
        first_line = self._first_line_of.setdefault(number.upper(), line)
        if first_line != line:
            message = f"Customer number {number} is already on line {first_line} of the file"
            problems.append(RowProblem("number", "duplicate_in_file", message))


def _custom_value(definition: CustomFieldDefinition, text: str) -> CustomFieldValue:
    """A cell's text as the value its field's type wants; text that fits no reading is passed on as it is, for
    validate_custom_fields to refuse in the same words as in the portal."""
    match definition.type:
        case CustomFieldType.BOOLEAN:
            return BOOLEANS.get(text.casefold(), text)
        case CustomFieldType.DATE:
            nordic = _NORDIC_DATE.fullmatch(text)
            if nordic is None:
                return text
            day, month, year = nordic.groups()
            return f"{year}-{int(month):02}-{int(day):02}"
        case CustomFieldType.NUMBER:
            return text.translate(_GROUPING_SPACES)
        case CustomFieldType.CHOICE:
            # Typed by hand in a sheet, "bedrift" means the choice "Bedrift".
            return next((choice for choice in definition.choices if choice.casefold() == text.casefold()), text)
        case CustomFieldType.TEXT:
            return text
    return text  # pragma: no cover - the enum is exhaustive


# -- the report --------------------------------------------------------------------------------------------------


def report_lines(outcomes: Iterable[ReportRow]) -> Iterator[str]:
    """The report as CSV lines for Nordic Excel: a byte-order mark first (so it reads UTF-8), `;`, CRLF, and cells
    that could run as formulas defused (a number or name in the file may start with "=")."""
    yield "\ufeff" + _csv_line(REPORT_COLUMNS)
    for outcome in outcomes:
        reasons = " | ".join(f"{problem.code}: {problem.message}" for problem in outcome.problems)
        cells = (str(outcome.line), outcome.number or "", outcome.name or "", outcome.result, reasons)
        yield _csv_line(_csv_safe(cell) for cell in cells)
