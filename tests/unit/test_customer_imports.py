"""Bulk upload of the customer register (ORG-3): files as Nordic spreadsheets write them, every row checked with the
register's rules and every problem of a row told, and a report that Excel opens as it is."""

from __future__ import annotations

import csv
import inspect
import io
from itertools import islice

import pytest
from stdnum.no import orgnr as norwegian_orgnr
from stdnum.se import orgnr as swedish_orgnr

from portal.customers.models import (
    Country,
    CustomerRegisterSettings,
    CustomFieldDefinition,
    CustomFieldLabels,
    CustomFieldType,
)
from portal.errors import ValidationFailed
from portal.imports.register import (
    MAX_IMPORT_BYTES,
    MAX_IMPORT_ROWS,
    REPORT_COLUMNS,
    ImportRow,
    ReportRow,
    RowProblem,
    decode_register,
    read_register,
    report_lines,
)

NORWEGIAN_ORGNR = "923609016"
SWEDISH_ORGNR = "5560360793"

SETTINGS = CustomerRegisterSettings(
    number_min_length=3,
    number_max_length=20,
    custom_fields=[
        CustomFieldDefinition(
            key="segment",
            label="Kundetype",
            labels=CustomFieldLabels(sv="Kundtyp", en="Customer type"),
            type=CustomFieldType.CHOICE,
            choices=["Privat", "Bedrift"],
        ),
        CustomFieldDefinition(key="agreement", label="Avtale", type=CustomFieldType.BOOLEAN),
        CustomFieldDefinition(key="since", label="Kunde siden", type=CustomFieldType.DATE),
        CustomFieldDefinition(key="discount", label="Rabatt", type=CustomFieldType.NUMBER),
    ],
)


def read_rows(text: str, settings: CustomerRegisterSettings = SETTINGS, encoding: str = "utf-8") -> list[ImportRow]:
    return list(read_register(text.encode(encoding), settings).rows())


def codes(row: ImportRow) -> set[tuple[str, str]]:
    return {(problem.field, problem.code) for problem in row.problems}


def refusal(text: str | bytes, settings: CustomerRegisterSettings = SETTINGS) -> ValidationFailed:
    content = text.encode() if isinstance(text, str) else text
    with pytest.raises(ValidationFailed) as refused:
        read_register(content, settings)
    return refused.value


def test_the_numbers_used_in_these_tests_are_valid() -> None:
    assert norwegian_orgnr.is_valid(NORWEGIAN_ORGNR)
    assert swedish_orgnr.is_valid(SWEDISH_ORGNR)


# -- encodings and delimiters ------------------------------------------------------------------------------------


def test_utf8_with_a_byte_order_mark_and_semicolons_is_read() -> None:
    # Given a file as Excel saves "CSV UTF-8": a byte-order mark, semicolons, CRLF
    content = "\ufeffKundenummer;Navn;Postnummer;Poststed\r\n1001;Ørsta Rør AS;6150;Ørsta\r\n".encode()
    # When it is read
    register = read_register(content, SETTINGS)
    rows = list(register.rows())
    # Then the mark is not part of the first heading, and the row is a customer
    assert (register.encoding, register.delimiter) == ("utf-8", ";")
    assert [column.field for column in register.columns] == ["number", "name", "postal_code", "city"]
    assert register.columns[0].heading == "Kundenummer"
    assert len(rows) == 1
    customer = rows[0].customer
    assert customer is not None
    assert (customer.number, customer.name, customer.city) == ("1001", "Ørsta Rør AS", "Ørsta")
    assert customer.postal_code == "6150"
    assert customer.country is Country.NORWAY
    assert rows[0].line == 2
    assert rows[0].problems == []


def test_windows_1252_is_read_with_its_nordic_letters() -> None:
    # Given a file as older Excel saves "CSV (semicolon separated)": Windows-1252, not UTF-8
    text = "Kundenummer;Navn;Land;Adresse\r\n1001;Ørsta Rør AS;NO;Øyravegen 1\r\n1002;Åre Sågverk AB;SE;Väg 6 – Åre\r\n"
    content = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    # When it is read
    register = read_register(content, SETTINGS)
    rows = list(register.rows())
    # Then æ, ø and å are what the sheet showed
    assert register.encoding == "cp1252"
    assert decode_register(content) == text
    assert [row.name for row in rows] == ["Ørsta Rør AS", "Åre Sågverk AB"]
    assert [row.customer.country for row in rows if row.customer] == [Country.NORWAY, Country.SWEDEN]
    assert [row.customer.address for row in rows if row.customer] == ["Øyravegen 1", "Väg 6 – Åre"]  # 0x96: a dash


def test_utf8_without_a_byte_order_mark_is_utf8() -> None:
    assert decode_register("Navn\nÅre Sågverk AB\n".encode()) == "Navn\nÅre Sågverk AB\n"


def test_commas_with_quoted_cells_holding_commas_and_line_breaks() -> None:
    # Given a comma-separated file whose second row's address is quoted and spans two lines
    text = (
        "Customer number,Name,Address\n"
        '1001,"Rør, Hansen AS","Storgata 1\nBakgården"\n'
        "1002,Nilsen AS,Kaia 2\n"
        "1003,Berg AS,\n"
    )
    # When it is read
    register = read_register(text.encode(), SETTINGS)
    rows = list(register.rows())
    # Then the quoted cells keep their comma and line break, and later rows start on the lines the sheet shows
    assert register.delimiter == ","
    assert [row.line for row in rows] == [2, 4, 5]
    first = rows[0].customer
    assert first is not None
    assert first.name == "Rør, Hansen AS"
    assert first.address == "Storgata 1\nBakgården"
    assert [row.number for row in rows] == ["1001", "1002", "1003"]


def test_the_delimiter_is_the_one_that_finds_the_known_columns() -> None:
    # Names hold the other delimiter: the header decides which one separates the cells
    semicolons = read_register("Kundenummer;Navn\n1001;Hansen, Rør AS\n".encode(), SETTINGS)
    commas = read_register('Kundenummer,Navn\n1001,"Hansen; Rør AS"\n'.encode(), SETTINGS)
    assert semicolons.delimiter == ";"
    assert commas.delimiter == ","
    assert [row.name for row in semicolons.rows()] == ["Hansen, Rør AS"]
    assert [row.name for row in commas.rows()] == ["Hansen; Rør AS"]


# -- the header --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "fields"),
    [
        (
            "Kundenummer;Navn;Organisasjonsnummer;Land;E-post;Kontaktperson;Telefon;Adresse;Postnummer;Poststed",
            ["number", "name", "organisation_number", "country", "email", "contact_person", "phone", "address",
             "postal_code", "city"],
        ),
        (
            "Kundnr;Kundnamn;Organisationsnummer;Land;E-postadress;Kontaktperson;Telefon;Utdelningsadress;Postnr;Postort",
            ["number", "name", "organisation_number", "country", "email", "contact_person", "phone", "address",
             "postal_code", "city"],
        ),
        (
            " CUSTOMER  NUMBER ;customer name;Org.nr;E-mail;Zip;City;Kunde siden;kundtyp;Agreement",
            ["number", "name", "organisation_number", "email", "postal_code", "city", "custom_fields.since",
             "custom_fields.segment", "custom_fields.agreement"],
        ),
    ],
    ids=["norwegian", "swedish", "english-and-custom-fields"],
)  # fmt: skip
def test_headings_in_norwegian_swedish_and_english(header: str, fields: list[str]) -> None:
    register = read_register(f"{header}\n".encode(), SETTINGS)
    assert [column.field for column in register.columns] == fields


def test_missing_required_columns_are_refused_with_each_named() -> None:
    refused = refusal("Navn;Poststed\nØrsta Rør AS;Ørsta\n")
    assert refused.code == "missing_columns"
    assert [(detail["field"], detail["code"]) for detail in refused.details] == [("number", "missing_columns")]
    assert "customer number" in refused.message


def test_a_required_custom_field_without_a_column_refuses_the_file() -> None:
    region = CustomFieldDefinition(key="region", label="Region", type=CustomFieldType.TEXT, required=True)
    settings = SETTINGS.model_copy(update={"custom_fields": [region]})
    refused = refusal("Kundenummer;Navn\n1001;A AS\n", settings)
    assert refused.code == "missing_columns"
    assert [detail["field"] for detail in refused.details] == ["custom_fields.region"]


def test_unknown_columns_are_refused_by_name() -> None:
    # Given a misspelt heading and a column without one between known columns
    refused = refusal("Kundenummer;Navn;Kontakperson;;Poststed\n1001;A AS;Kari;x;Oslo\n")
    # Then the file is refused, naming both, not read with the column left out
    assert refused.code == "unknown_columns"
    assert "'Kontakperson'" in refused.message
    assert "column 4 (no heading)" in refused.message
    assert [detail["field"] for detail in refused.details] == ["columns.3", "columns.4"]


def test_a_field_headed_twice_is_refused() -> None:
    refused = refusal("Kundenummer;Navn;Name\n1001;A AS;A AS\n")
    assert refused.code == "duplicate_columns"
    assert [(detail["field"], detail["code"]) for detail in refused.details] == [("name", "duplicate_columns")]
    assert "Name" in refused.message


def test_every_problem_of_the_header_is_told_at_once() -> None:
    refused = refusal("Navn;Navn;Foo\n")
    assert refused.code == "invalid_fields"
    assert {detail["code"] for detail in refused.details} == {"missing_columns", "unknown_columns", "duplicate_columns"}


def test_empty_header_cells_after_the_last_column_are_ignored() -> None:
    register = read_register(b"Kundenummer;Navn;;;\n1001;A AS;;;\n", SETTINGS)
    assert [column.field for column in register.columns] == ["number", "name"]
    assert [row.problems for row in register.rows()] == [[]]


# -- files that are not CSV --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b"", b"\xef\xbb\xbf", b" \r\n\r\n", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "Navn".encode("utf-16")],
    ids=["empty", "only-a-byte-order-mark", "only-blank-lines", "xlsx", "utf-16"],
)
def test_empty_and_binary_files_are_refused(content: bytes) -> None:
    refused = refusal(content)
    assert refused.code == "unreadable_file"
    assert "Save the sheet as CSV (UTF-8 or Windows-1252)" in refused.message
    with pytest.raises(ValidationFailed):
        decode_register(content)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read() -> None:
    content = b"Kundenummer;Navn\n" + b"x" * MAX_IMPORT_BYTES
    assert refusal(content).code == "file_too_large"


def test_a_quote_left_open_refuses_the_file_at_its_line() -> None:
    # An open quote swallows the rest of the file into one cell, until the csv module's cell limit stops it
    text = 'Kundenummer;Navn\n1001;"A AS\n' + "1002;B AS\n" * 20_000
    register = read_register(text.encode(), SETTINGS)
    with pytest.raises(ValidationFailed) as refused:
        list(register.rows())
    assert refused.value.code == "unreadable_file"
    assert refused.value.message.startswith("Line 2 cannot be read as CSV")


# -- the rows ----------------------------------------------------------------------------------------------------


def test_organisation_numbers_are_checked_and_stored_compact_for_their_country() -> None:
    # Given a Norwegian number written with spaces, a Norwegian VAT number and a Swedish number with its dash
    text = (
        "Kundenummer;Navn;Land;Org.nr;Postnummer\n"
        "1001;Ørsta Rør AS;Norge;923 609 016;6150\n"
        "1002;Ørsta Rør Vest AS;;NO 923 609 016 MVA;\n"
        "1003;Åre Sågverk AB;Sverige;556036-0793;837 52\n"
    )
    rows = read_rows(text)
    customers = [row.customer for row in rows]
    assert all(customers), [row.problems for row in rows]
    # Then each is stored in the compact form of its country, the Swedish postcode as NNN NN
    assert [customer.organisation_number for customer in customers if customer] == [
        NORWEGIAN_ORGNR,
        NORWEGIAN_ORGNR,
        SWEDISH_ORGNR,
    ]
    assert [customer.country for customer in customers if customer] == [Country.NORWAY, Country.NORWAY, Country.SWEDEN]
    assert [customer.postal_code for customer in customers if customer] == ["6150", None, "837 52"]


def test_an_invalid_organisation_number_rejects_the_row_with_its_code() -> None:
    [row] = read_rows("Kundenummer;Navn;Orgnr\n1001;Ørsta Rør AS;923609017\n")
    assert row.customer is None
    assert codes(row) == {("organisation_number", "invalid_organisation_number")}
    assert "923609017" in row.problems[0].message


def test_a_swedish_number_is_not_a_norwegian_one() -> None:
    [row] = read_rows(f"Kundenummer;Navn;Orgnr\n1001;Åre Sågverk AB;{SWEDISH_ORGNR}\n")
    assert codes(row) == {("organisation_number", "invalid_organisation_number")}


def test_every_problem_of_a_row_is_told_at_once() -> None:
    # Given a row without a name, with a number too long for the register, a bad postcode and a bad e-mail
    number = "N" * 25
    [row] = read_rows(f"Kundenummer;Navn;Postnummer;E-post\n{number};;61500;kari.no\n")
    # Then each is a problem of the row, and the row makes no customer
    assert row.customer is None
    assert codes(row) == {
        ("name", "missing"),
        ("number", "invalid_customer_number"),
        ("postal_code", "invalid_postal_code"),
        ("email", "string_pattern_mismatch"),
    }
    assert (row.number, row.name) == (number, None)
    messages = {problem.field: problem.message for problem in row.problems}
    assert messages["name"] == "Navn: Field required"
    assert messages["number"] == "A customer number must have 3 to 20 characters"
    assert messages["email"] == "E-post: Not an e-mail address (name@company.com)"


def test_a_number_pydantic_refuses_is_told_once() -> None:
    [too_long] = read_rows(f"Kundenummer;Navn\n{'1' * 41};A AS\n")
    [bad_characters] = read_rows("Kundenummer;Navn\n10 01/A;A AS\n")
    assert codes(too_long) == {("number", "string_too_long")}
    assert codes(bad_characters) == {("number", "string_pattern_mismatch")}
    message = "Kundenummer: A customer number has only letters A-Z, digits and dashes"
    assert bad_characters.problems[0].message == message


def test_a_country_the_register_does_not_have_is_a_problem() -> None:
    rows = read_rows("Kundenummer;Navn;Land;Postnummer\n1001;A AS;Danmark;1234\n1002;B AS;sweden;12345\n")
    assert codes(rows[0]) == {("country", "invalid_country")}
    assert "'Danmark'" in rows[0].problems[0].message
    assert rows[1].customer is not None
    assert rows[1].customer.country is Country.SWEDEN
    assert rows[1].customer.postal_code == "123 45"


def test_a_number_twice_in_the_file_is_a_problem_of_the_later_row() -> None:
    # Given the same number on lines 2 and 4, and once more in other letter case on line 5
    rows = read_rows("Kundenummer;Navn\nAB-1;A AS\nAB-2;B AS\nAB-1;C AS\nab-1;D AS\n")
    # Then the first is a customer, and the later ones point to it
    assert rows[0].customer is not None
    assert rows[1].customer is not None
    for later in rows[2:]:
        assert later.customer is None
        assert codes(later) == {("number", "duplicate_in_file")}
        assert "line 2" in later.problems[0].message
    assert [row.line for row in rows] == [2, 3, 4, 5]


def test_a_row_rejected_for_another_reason_still_holds_its_number() -> None:
    rows = read_rows("Kundenummer;Navn;E-post\n1001;A AS;no-mail\n1001;B AS;b@b.no\n")
    assert codes(rows[0]) == {("email", "string_pattern_mismatch")}
    assert codes(rows[1]) == {("number", "duplicate_in_file")}


def test_custom_fields_are_read_from_text_and_checked() -> None:
    # Given custom fields as a sheet holds them: a Norwegian yes, a Nordic date, a choice typed in lower case and a
    # number with a decimal comma and a no-break space between the thousands
    text = "Kundenummer;Navn;Avtale;Kunde siden;Kundetype;Rabatt\n1001;A AS;ja;31.12.2026;bedrift;1\u00a0234,50\n"
    [row] = read_rows(text)
    assert row.problems == []
    assert row.customer is not None
    assert row.customer.custom_fields == {
        "agreement": True,
        "since": "2026-12-31",
        "segment": "Bedrift",
        "discount": "1234.50",
    }


@pytest.mark.parametrize(
    ("cell", "value"),
    [("Ja", True), ("nej", False), ("NO", False), ("x", True), ("0", False), ("true", True), ("yes", True)],
)
def test_boolean_cells(cell: str, value: bool) -> None:
    [row] = read_rows(f"Kundenummer;Navn;Avtale\n1001;A AS;{cell}\n")
    assert row.customer is not None
    assert row.customer.custom_fields == {"agreement": value}


def test_empty_custom_cells_are_not_set_and_iso_dates_are_kept() -> None:
    [row] = read_rows("Kundenummer;Navn;Avtale;Kunde siden;Kundetype\n1001;A AS;;2026-01-05; \n")
    assert row.customer is not None
    assert row.customer.custom_fields == {"since": "2026-01-05"}


def test_custom_values_that_do_not_fit_their_type_are_rejected() -> None:
    text = "Kundenummer;Navn;Avtale;Kunde siden;Kundetype;Rabatt\n1001;A AS;kanskje;31.02.2026;Offentlig;mye\n"
    [row] = read_rows(text)
    assert row.customer is None
    assert codes(row) == {
        ("custom_fields.agreement", "not_boolean"),
        ("custom_fields.since", "not_a_date"),
        ("custom_fields.segment", "not_a_choice"),
        ("custom_fields.discount", "not_a_number"),
    }
    choice = next(problem for problem in row.problems if problem.code == "not_a_choice")
    assert choice.message == "Kundetype must be one of: Privat, Bedrift"


def test_blank_rows_are_skipped_and_filled_cells_past_the_header_are_a_problem() -> None:
    # Given blank rows between and after the customers, as Excel writes them, and a row with a cell too many
    text = "Kundenummer;Navn\n1001;A AS;\n;;;\n\n1002;B AS;overflow\n;;;\r\n;;;\r\n"
    rows = read_rows(text)
    assert [row.line for row in rows] == [2, 5]
    assert rows[0].customer is not None
    assert codes(rows[1]) == {("row", "extra_cells")}


def test_a_customer_takes_only_the_checked_values() -> None:
    [row] = read_rows("Kundenummer;Navn;Telefon;E-post\n 1001 ; A AS ;+47 22  33 44 55; kari@a.no \n")
    assert row.customer is not None
    assert row.customer.model_dump(exclude_defaults=True) == {
        "number": "1001",
        "name": "A AS",
        "phone": "+47 22 33 44 55",
        "email": "kari@a.no",
    }


# -- streaming ---------------------------------------------------------------------------------------------------


def test_rows_are_read_as_they_are_asked_for() -> None:
    # Given one row more than a file may hold
    text = "Kundenummer;Navn\n" + "".join(f"{10000 + index};Kunde {index}\n" for index in range(MAX_IMPORT_ROWS + 1))
    register = read_register(text.encode(), SETTINGS)
    # Then reading the file and its first rows is no refusal: the rows are made one by one
    assert inspect.isgenerator(register.rows())
    rows = register.rows()
    first = next(rows)
    assert (first.line, first.number) == (2, "10000")
    assert sum(1 for _ in islice(rows, MAX_IMPORT_ROWS - 1)) == MAX_IMPORT_ROWS - 1
    # And the row past the limit refuses the file
    with pytest.raises(ValidationFailed) as refused:
        next(rows)
    assert refused.value.code == "too_many_customers"
    assert refused.value.details == [{"max_rows": MAX_IMPORT_ROWS, "line": MAX_IMPORT_ROWS + 2}]


def test_rows_can_be_read_again() -> None:
    register = read_register(b"Kundenummer;Navn\n1001;A AS\n1001;B AS\n", SETTINGS)
    assert [codes(row) for row in register.rows()] == [set(), {("number", "duplicate_in_file")}]
    assert [codes(row) for row in register.rows()] == [set(), {("number", "duplicate_in_file")}]


# -- the report --------------------------------------------------------------------------------------------------


def test_the_report_opens_in_nordic_excel_and_defuses_formulas() -> None:
    outcomes = [
        ReportRow(line=2, number="1001", name="Ørsta Rør AS", result="imported"),
        ReportRow(line=3, number="1002", name="=cmd|' /C calc'!A0", result="already_imported"),
        ReportRow(
            line=4,
            number="@SUM(1)",
            name=None,
            result="rejected",
            problems=[
                RowProblem("name", "missing", "Navn: Field required"),
                RowProblem("number", "string_pattern_mismatch", "Kundenummer: letters and digits"),
            ],
        ),
    ]
    body = "".join(report_lines(outcomes))
    # Then the file starts with a byte-order mark, uses semicolons and CRLF
    assert body.startswith("\ufeffLine;Customer number;Name;Result;Reasons\r\n")
    assert body.count("\r\n") == 4
    assert "\n" not in body.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert rows[0] == list(REPORT_COLUMNS)
    assert rows[1] == ["2", "1001", "Ørsta Rør AS", "imported", ""]
    # And cells that would run as formulas start with an apostrophe; the reasons are "code: message" joined by " | "
    assert rows[2] == ["3", "1002", "'=cmd|' /C calc'!A0", "already_imported", ""]
    assert rows[3] == [
        "4",
        "'@SUM(1)",
        "",
        "rejected",
        "missing: Navn: Field required | string_pattern_mismatch: Kundenummer: letters and digits",
    ]


def test_the_report_is_written_from_the_rows_as_they_come() -> None:
    register = read_register(b"Kundenummer;Navn\n1001;A AS\n=1+1;\n", SETTINGS)
    lines = report_lines(row.outcome("imported" if row.valid else "rejected") for row in register.rows())
    assert inspect.isgenerator(lines)
    assert list(lines)[1:] == [
        "2;1001;A AS;imported;\r\n",
        "3;'=1+1;;rejected;missing: Navn: Field required | "
        "string_pattern_mismatch: Kundenummer: A customer number has only letters A-Z, digits and dashes\r\n",
    ]
