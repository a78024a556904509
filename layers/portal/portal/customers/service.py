"""The customer register's rules (ORG-1, ORG-3). Pure domain: no boto3, no API Gateway."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from portal import access, formats
from portal.access import Principal
from portal.clock import Clock, new_id, now
from portal.customers import search
from portal.customers.models import (
    Country,
    Customer,
    CustomerHistory,
    CustomerHistoryAction,
    CustomerInput,
    CustomerPage,
    CustomerPatch,
    CustomerQuery,
    CustomerRegisterSettings,
    CustomerRegisterSettingsInput,
    CustomerStatus,
    CustomerSummary,
    CustomerView,
    CustomFieldDefinition,
    CustomFieldType,
    CustomFieldValue,
    ExportColumn,
)
from portal.customers.repository import CustomerRepository
from portal.errors import Conflict, FieldProblems, NotFound, ValidationFailed, field_problem
from portal.history import FieldChange, next_version, require_version
from portal.languages import Language
from portal.observability import logger

_PATCHABLE = (
    "name",
    "number",
    "country",
    "organisation_number",
    "email",
    "contact_person",
    "phone",
    "address",
    "postal_code",
    "city",
    "subsidiaries_see_each_other",
    "custom_fields",
)


def facts(customer: Customer) -> access.CustomerFacts:
    return access.CustomerFacts(customer_id=customer.customer_id, assigned_staff=frozenset(customer.assigned_staff))


def facts_of(repository: CustomerRepository, customer_id: str) -> access.CustomerFacts | None:
    """What the access policy needs of a customer, or None for a customer that does not exist."""
    customer = repository.get(customer_id)
    return facts(customer) if customer else None


# -- settings ----------------------------------------------------------------------------------------------------


def get_register_settings(principal: Principal, repository: CustomerRepository) -> CustomerRegisterSettings:
    access.require_staff(principal)
    return repository.get_settings()


def save_register_settings(
    principal: Principal, repository: CustomerRepository, change: CustomerRegisterSettingsInput, clock: Clock = now
) -> CustomerRegisterSettings:
    access.require_administrator(principal, "change the customer register settings")
    if change.number_min_length > change.number_max_length:
        message = "The minimum length of a customer number cannot exceed the maximum"
        raise ValidationFailed(
            message,
            code="invalid_number_lengths",
            details=[field_problem("number_min_length", "less_than_equal", message, le=change.number_max_length)],
        )
    keys = [definition.key for definition in change.custom_fields]
    duplicates = [index for index, key in enumerate(keys) if keys.count(key) > 1]
    if duplicates:
        message = "Custom field keys must be unique"
        raise ValidationFailed(
            f"{message}: {', '.join(sorted({keys[index] for index in duplicates}))}",
            code="duplicate_custom_field",
            details=[field_problem(f"custom_fields.{index}.key", "duplicate", message) for index in duplicates],
        )
    without_choices = [
        index
        for index, definition in enumerate(change.custom_fields)
        if definition.type is CustomFieldType.CHOICE and not definition.choices
    ]
    if without_choices:
        message = "A choice field needs at least one choice"
        raise ValidationFailed(
            message,
            code="missing_choices",
            details=[field_problem(f"custom_fields.{index}.choices", "required", message) for index in without_choices],
        )
    saved = CustomerRegisterSettings(
        **change.model_dump(exclude={"version"}),
        version=change.version + 1,
        updated_at=clock(),
        updated_by=principal.username,
    )
    repository.save_settings(saved, expected_version=change.version, actor=principal.username)
    return saved


# -- validation --------------------------------------------------------------------------------------------------


def validate_organisation_number(country: Country, number: str | None) -> str | None:
    """The organisation number in compact form (its VAT number is accepted too), checked with python-stdnum."""
    return formats.organisation_number(country, number)


def validate_customer_number(number: str, settings: CustomerRegisterSettings) -> str:
    if not settings.number_min_length <= len(number) <= settings.number_max_length:
        message = f"A customer number must have {settings.number_min_length} to {settings.number_max_length} characters"
        raise ValidationFailed(
            message,
            code="invalid_customer_number",
            details=[
                {
                    **field_problem(
                        "number",
                        "invalid_customer_number",
                        message,
                        min_length=settings.number_min_length,
                        max_length=settings.number_max_length,
                    ),
                    "length": len(number),
                }
            ],
        )
    return number


class _InvalidValue(ValueError):
    """A custom field's value that does not fit its type; `reason` is the machine-readable word for why."""

    def __init__(self, reason: str, message: str, **allowed: object) -> None:
        super().__init__(message)
        self.reason = reason
        self.allowed = allowed


def validate_custom_fields(
    values: dict[str, CustomFieldValue], definitions: Iterable[CustomFieldDefinition]
) -> dict[str, CustomFieldValue]:
    by_key = {definition.key: definition for definition in definitions}
    problems: list[dict[str, Any]] = []

    def problem(name: str, reason: str, message: str, **allowed: object) -> None:
        problems.append(field_problem(f"custom_fields.{name}", reason, message, **allowed))

    for name in values:
        if name not in by_key:
            problem(name, "unknown_field", "No such custom field")
    cleaned: dict[str, CustomFieldValue] = {}
    for name, definition in by_key.items():
        value = values.get(name)
        if value is None or value == "":
            if definition.required:
                problem(name, "required", f"{definition.label} is required")
            continue
        try:
            cleaned[name] = _typed_value(definition, value)
        except _InvalidValue as error:
            problem(name, error.reason, str(error), **error.allowed)
    if problems:
        raise ValidationFailed("Some custom fields are not valid", code="invalid_custom_fields", details=problems)
    return cleaned


def _typed_value(definition: CustomFieldDefinition, value: CustomFieldValue) -> CustomFieldValue:
    label = definition.label
    match definition.type:
        case CustomFieldType.TEXT:
            if not isinstance(value, str) or len(value) > 1000:
                raise _InvalidValue("too_long", f"{label} must be text of at most 1000 characters", max_length=1000)
            return value.strip()
        case CustomFieldType.NUMBER:
            if isinstance(value, bool):
                raise _InvalidValue("not_a_number", f"{label} must be a number")
            if isinstance(value, int):
                return value
            try:
                parsed = Decimal(str(value).replace(" ", "").replace(",", "."))
            except InvalidOperation as error:
                raise _InvalidValue("not_a_number", f"{label} must be a number") from error
            if not parsed.is_finite():
                raise _InvalidValue("not_a_number", f"{label} must be a number")
            return str(parsed)
        case CustomFieldType.DATE:
            try:
                return date.fromisoformat(str(value)).isoformat()
            except ValueError as error:
                raise _InvalidValue(
                    "not_a_date", f"{label} must be a date (yyyy-mm-dd)", format="yyyy-mm-dd"
                ) from error
        case CustomFieldType.BOOLEAN:
            if not isinstance(value, bool):
                raise _InvalidValue("not_boolean", f"{label} must be true or false")
            return value
        case CustomFieldType.CHOICE:
            if value not in definition.choices:
                raise _InvalidValue(
                    "not_a_choice",
                    f"{label} must be one of: {', '.join(definition.choices)}",
                    choices=definition.choices,
                )
            return value
    raise ValueError(f"Unknown field type {definition.type}")  # pragma: no cover - the enum is exhaustive


# -- commands ----------------------------------------------------------------------------------------------------


def create_customer(
    principal: Principal,
    repository: CustomerRepository,
    data: CustomerInput,
    clock: Clock = now,
    customer_id: str | None = None,
) -> Customer:
    access.require_create_customer(principal)
    settings = repository.get_settings()
    if data.parent_id:
        parent = repository.get(data.parent_id)
        access.require_view_customer(principal, facts(parent) if parent else None)
        assert parent is not None
        if parent.parent_id:
            message = "A subsidiary cannot itself be a group: choose the group at the top"
            problem = field_problem("parent_id", "nested_group", message)
            raise ValidationFailed(message, code="nested_group", details=[problem])
    # Every problem of the request at once: number, organisation number, postcode and custom fields.
    problems = FieldProblems()
    number = problems.attempt(validate_customer_number, data.number, settings)
    organisation_number = problems.attempt(validate_organisation_number, data.country, data.organisation_number)
    postal_code = problems.attempt(formats.postcode, data.country, data.postal_code)
    custom_fields = problems.attempt(validate_custom_fields, data.custom_fields, settings.custom_fields)
    problems.raise_if_any()
    at = clock()
    customer = Customer(
        **data.model_dump(exclude={"organisation_number", "number", "custom_fields", "postal_code"}),
        customer_id=customer_id or new_id(),
        number=number,
        organisation_number=organisation_number,
        postal_code=postal_code,
        custom_fields=custom_fields or {},
        version=1,
        created_at=at,
        updated_at=at,
    )
    repository.create(customer, actor=principal.username)
    return customer


def get_customer(principal: Principal, repository: CustomerRepository, customer_id: str) -> Customer:
    customer = repository.get(customer_id)
    access.require_view_customer(principal, facts(customer) if customer else None)
    assert customer is not None
    return customer


def view_customer(principal: Principal, repository: CustomerRepository, customer_id: str) -> CustomerView:
    customer = get_customer(principal, repository, customer_id)
    return CustomerView(**dict(customer), actions=access.customer_actions(principal, facts(customer)))


def customer_to_change(principal: Principal, repository: CustomerRepository, customer_id: str) -> Customer:
    """A customer the principal may change: it, its objects, departments and contacts (ORG-2, AUTH-3)."""
    customer = get_customer(principal, repository, customer_id)
    access.require_edit_customer(principal, facts(customer))
    return customer


def update_customer(
    principal: Principal, repository: CustomerRepository, customer_id: str, patch: CustomerPatch, clock: Clock = now
) -> Customer:
    before = customer_to_change(principal, repository, customer_id)
    require_version(before.version, patch.version, "customer")
    requested = patch.model_dump(include=set(_PATCHABLE), exclude_unset=True)
    settings = repository.get_settings()
    changes_number = "number" in requested and requested["number"] != before.number
    if changes_number:
        access.require_administrator(principal, "change a customer number")
    # Every problem of the change at once; a new country checks the numbers and postcode kept from before too.
    problems = FieldProblems()
    if changes_number:
        problems.attempt(validate_customer_number, requested["number"], settings)
    country = Country(requested.get("country", before.country))
    if "organisation_number" in requested or "country" in requested:
        requested["organisation_number"] = problems.attempt(
            validate_organisation_number, country, requested.get("organisation_number", before.organisation_number)
        )
    if "postal_code" in requested or "country" in requested:
        requested["postal_code"] = problems.attempt(
            formats.postcode, country, requested.get("postal_code", before.postal_code)
        )
    if "custom_fields" in requested:
        requested["custom_fields"] = problems.attempt(
            validate_custom_fields,
            {**before.custom_fields, **(requested["custom_fields"] or {})},
            settings.custom_fields,
        )
    problems.raise_if_any()
    after, changes = next_version(before, requested, clock())
    if changes:
        repository.update(
            before, after, actor=principal.username, action=CustomerHistoryAction.UPDATED, changes=changes
        )
    return after


def set_customer_status(
    principal: Principal,
    repository: CustomerRepository,
    customer_id: str,
    status: CustomerStatus,
    version: int,
    clock: Clock = now,
) -> Customer:
    """Deactivation keeps everything: the customer just cannot be chosen for new orders (ORG-3)."""
    before = get_customer(principal, repository, customer_id)
    access.require_delete_customer(principal, facts(before))
    require_version(before.version, version, "customer")
    if before.status is status:
        return before
    after = before.model_copy(update={"status": status, "version": before.version + 1, "updated_at": clock()})
    action = (
        CustomerHistoryAction.DEACTIVATED if status is CustomerStatus.INACTIVE else CustomerHistoryAction.REACTIVATED
    )
    repository.update(
        before,
        after,
        actor=principal.username,
        action=action,
        changes=[FieldChange(field="status", before=before.status.value, after=status.value)],
    )
    return after


def delete_customer(
    principal: Principal,
    repository: CustomerRepository,
    customer_id: str,
    version: int,
    *,
    other_uses: Callable[[str], list[str]],
    clock: Clock = now,
) -> None:
    """AUTH-3 "Delete": a customer nothing was ever done with goes, its personal data with it; its history stays
    under a pseudonym. One with traffic or people tied to it is refused: deactivate it instead. `other_uses` names
    what is kept outside the customer's partition (its cases, its files)."""
    before = get_customer(principal, repository, customer_id)
    access.require_delete_customer(principal, facts(before))
    require_version(before.version, version, "customer")
    uses = sorted(set(repository.in_use(customer_id)) | set(other_uses(customer_id)))
    if uses:
        raise Conflict(
            f"The customer has {', '.join(uses).replace('_', ' ')}: deactivate it instead, which keeps its history",
            code="customer_in_use",
            details=[{"in_use": uses}],
        )
    arrived = repository.delete(before, actor=principal.username, at=clock())
    if arrived:
        logger.warning(
            "Made for a customer while it was deleted, and kept",
            extra={"customer_id": customer_id, "kept": arrived},
        )


# -- queries -----------------------------------------------------------------------------------------------------


def find_customers(principal: Principal, repository: CustomerRepository, query: CustomerQuery) -> CustomerPage:
    """The staff register: list sorted by name or number, or search by name, contact person and e-mail."""
    access.require_staff(principal)
    terms = search.query_terms(query.q)
    if query.q and not terms:
        raise ValidationFailed("Search for letters or digits", code="invalid_search")
    if any(len(term) < search.MIN_TERM_LENGTH for term in terms) and len(terms) == 1:
        raise ValidationFailed(f"Type at least {search.MIN_TERM_LENGTH} characters to search", code="search_too_short")
    assignee = query.assigned_to or (None if access.staff_sees_all_customers(principal) else principal.username)
    if assignee:
        return _assigned_customers(principal, repository, query, terms, assignee)
    searchable = [term for term in terms if len(term) >= search.MIN_TERM_LENGTH] or terms
    if terms:
        result = repository.search_page(
            status=query.status, terms=searchable, limit=query.limit, cursor=query.cursor, viewer=principal.username
        )
    else:
        result = repository.list_page(
            status=query.status,
            sort=query.sort,
            ascending=query.order == "asc",
            limit=query.limit,
            cursor=query.cursor,
            viewer=principal.username,
        )
    return CustomerPage(items=result.items, next_cursor=result.cursor)


def _assigned_customers(
    principal: Principal, repository: CustomerRepository, query: CustomerQuery, terms: list[str], username: str
) -> CustomerPage:
    """The (bounded) set of customers assigned to one staff user, in one page: what 'view assigned only' sees,
    and the 'assigned to' filter of those who see everything."""
    if username != principal.username:
        access.require_staff(principal, access.Permission.VIEW)
    else:
        access.require_staff(principal)
    rows = [
        summary
        for summary, words in repository.assigned_to(username)
        if summary.status is query.status and search.matches_all(terms, words)
    ]
    sort_field = "name" if query.sort.value == "name" else "number"
    rows.sort(key=lambda summary: search.sort_key(getattr(summary, sort_field)), reverse=query.order == "desc")
    return CustomerPage(items=rows, next_cursor=None)


def assigned_customer_ids(principal: Principal, repository: CustomerRepository) -> list[str]:
    """The customers a staff user who sees only those assigned to it sees (ORG-4), as they are now; none for
    everyone else (they see all customers, or none at all)."""
    if not principal.is_staff or access.staff_sees_all_customers(principal):
        return []
    return [summary.customer_id for summary, _ in repository.assigned_to(principal.username)]


def customer_history(
    principal: Principal, repository: CustomerRepository, customer_id: str, *, limit: int, cursor: str | None
) -> CustomerHistory:
    get_customer(principal, repository, customer_id)
    access.require_staff(principal)
    entries, next_cursor = repository.history(customer_id, limit=limit, cursor=cursor, viewer=principal.username)
    return CustomerHistory(items=entries, next_cursor=next_cursor)


def subsidiaries_of(principal: Principal, repository: CustomerRepository, customer_id: str) -> list[CustomerSummary]:
    """A group's subsidiaries (ORG-1) that the principal may see, by name."""
    get_customer(principal, repository, customer_id)
    children = repository.get_many(repository.subsidiaries(customer_id))
    return sorted(
        (
            CustomerSummary.model_validate(child.model_dump())
            for child in children
            if access.can_view_customer(principal, facts(child))
        ),
        key=lambda summary: summary.name.casefold(),
    )


def customers_of(principal: Principal, repository: CustomerRepository) -> list[CustomerSummary]:
    """A portal user's own customers, as the visibility rules allow (AUTH-4, ORG-1)."""
    if principal.is_staff:
        raise NotFound("Staff have the customer register instead")
    acting_for = access.customers_acted_for(principal)
    summaries = [
        CustomerSummary.model_validate(customer.model_dump()) for customer in repository.get_many(sorted(acting_for))
    ]
    # An object-linked login chooses among its objects' customers by name; their contact details are not its own.
    return [
        summary
        if access.sees_customer(principal, summary.customer_id)
        else summary.model_copy(update={"contact_person": None, "email": None})
        for summary in summaries
    ]


EXPORT_COLUMNS = tuple(ExportColumn)
# The file is read by people: its headings, statuses and closing note are in the language the user asked for.
EXPORT_HEADINGS: dict[Language, dict[ExportColumn, str]] = {
    Language.NB: {
        ExportColumn.NUMBER: "Kundenummer",
        ExportColumn.NAME: "Navn",
        ExportColumn.CONTACT_PERSON: "Kontaktperson",
        ExportColumn.EMAIL: "E-post",
        ExportColumn.CITY: "Sted",
        ExportColumn.STATUS: "Status",
    },
    Language.SV: {
        ExportColumn.NUMBER: "Kundnummer",
        ExportColumn.NAME: "Namn",
        ExportColumn.CONTACT_PERSON: "Kontaktperson",
        ExportColumn.EMAIL: "E-post",
        ExportColumn.CITY: "Ort",
        ExportColumn.STATUS: "Status",
    },
    Language.EN: {
        ExportColumn.NUMBER: "Customer number",
        ExportColumn.NAME: "Name",
        ExportColumn.CONTACT_PERSON: "Contact person",
        ExportColumn.EMAIL: "E-mail",
        ExportColumn.CITY: "City",
        ExportColumn.STATUS: "Status",
    },
}
EXPORT_STATUSES: dict[Language, dict[CustomerStatus, str]] = {
    Language.NB: {CustomerStatus.ACTIVE: "aktiv", CustomerStatus.INACTIVE: "inaktiv"},
    Language.SV: {CustomerStatus.ACTIVE: "aktiv", CustomerStatus.INACTIVE: "inaktiv"},
    Language.EN: {CustomerStatus.ACTIVE: "active", CustomerStatus.INACTIVE: "inactive"},
}
EXPORT_STOPPED: dict[Language, str] = {
    Language.NB: "# Eksporten stoppet etter {rows} kunder: {limit}. Snevre inn søket for å få resten.",
    Language.SV: "# Exporten stoppade efter {rows} kunder: {limit}. Begränsa sökningen för att få resten.",
    Language.EN: "# Export stopped after {rows} customers: {limit}. Narrow the search to get the rest.",
}
EXPORT_LIMITS: dict[Language, tuple[str, str]] = {
    Language.NB: ("en fil kan ha høyst {size}", "en eksport kan ta høyst tiden til én forespørsel"),
    Language.SV: ("en fil kan vara högst {size}", "en export får ta högst tiden för en förfrågan"),
    Language.EN: ("a file holds at most {size}", "an export may take at most the time of one request"),
}
EXPORT_PAGE_SIZE = 100
# A Lambda response carries at most 6 MB, JSON escapes included: the file stops well short of that, and says so.
EXPORT_MAX_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class CsvExport:
    """The CSV file, how many customers it holds, and, when it stopped before the end, the limit that stopped it."""

    body: str
    rows: int
    limit: str | None = None

    @property
    def complete(self) -> bool:
        return self.limit is None


def export_csv(
    principal: Principal,
    repository: CustomerRepository,
    query: CustomerQuery,
    *,
    columns: Sequence[ExportColumn] = EXPORT_COLUMNS,
    language: Language = Language.NB,
    max_bytes: int = EXPORT_MAX_BYTES,
    out_of_time: Callable[[], bool] = lambda: False,
) -> CsvExport:
    """The filtered list as a CSV file for spreadsheet programs: `;`-separated, cells that could run as formulas
    defused, and a byte-order mark so they read æ, ø and å correctly. Every customer of the list is written, page
    after page, unless the file reaches `max_bytes` or `out_of_time()` says the request must end: then a last row
    says where and why it stopped (never a silent cut). The columns are those asked for (the ones on the user's
    screen), in the order asked for, headed in `language`."""
    chosen = list(dict.fromkeys(columns)) or list(EXPORT_COLUMNS)
    lines = [_csv_line(EXPORT_HEADINGS[language][column] for column in chosen)]
    size = len(lines[0].encode())
    too_big, too_slow = EXPORT_LIMITS[language]
    limit: str | None = None
    for row in _export_rows(principal, repository, query, chosen, language):
        line = _csv_line(row)
        size += len(line.encode())
        if size > max_bytes:
            limit = too_big.format(size=_size(max_bytes))
            break
        if out_of_time():
            limit = too_slow
            break
        lines.append(line)
    rows = len(lines) - 1
    if limit is not None:
        lines.append(_csv_line([EXPORT_STOPPED[language].format(rows=rows, limit=limit)]))
    return CsvExport(body="\ufeff" + "".join(lines), rows=rows, limit=limit)


def _csv_line(row: Iterable[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerow(row)
    return buffer.getvalue()


def _size(max_bytes: int) -> str:
    return f"{max_bytes / (1024 * 1024):g} MB" if max_bytes >= 1024 * 1024 else f"{max_bytes} bytes"


def _export_rows(
    principal: Principal,
    repository: CustomerRepository,
    query: CustomerQuery,
    columns: Sequence[ExportColumn],
    language: Language,
) -> Iterator[list[str]]:
    """Every customer of the filtered list as a row, read a page at a time as the rows are written."""
    page_query = query.model_copy(update={"limit": EXPORT_PAGE_SIZE, "cursor": None})
    while True:
        page = find_customers(principal, repository, page_query)
        for summary in page.items:
            plain = summary.model_dump(mode="json")
            plain["status"] = EXPORT_STATUSES[language][summary.status]
            yield [_csv_safe(str(plain.get(column) or "")) for column in columns]
        if page.next_cursor is None:
            return
        page_query = page_query.model_copy(update={"cursor": page.next_cursor})


def _csv_safe(value: str) -> str:
    """Spreadsheets run cells that start with these characters as formulas; a leading quote defuses them."""
    return f"'{value}" if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value
