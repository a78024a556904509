"""The customer register's rules (ORG-1, ORG-3). Pure domain: no boto3, no API Gateway."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from portal import access
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
    CustomFieldDefinition,
    CustomFieldType,
    CustomFieldValue,
)
from portal.customers.repository import CustomerRepository
from portal.errors import NotFound, ValidationFailed
from portal.history import FieldChange, next_version, require_version

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


# -- settings ----------------------------------------------------------------------------------------------------


def get_register_settings(principal: Principal, repository: CustomerRepository) -> CustomerRegisterSettings:
    access.require_staff(principal)
    return repository.get_settings()


def save_register_settings(
    principal: Principal, repository: CustomerRepository, change: CustomerRegisterSettingsInput, clock: Clock = now
) -> CustomerRegisterSettings:
    access.require_administrator(principal, "change the customer register settings")
    if change.number_min_length > change.number_max_length:
        raise ValidationFailed(
            "The minimum length of a customer number cannot exceed the maximum", code="invalid_number_lengths"
        )
    keys = [definition.key for definition in change.custom_fields]
    duplicates = sorted({name for name in keys if keys.count(name) > 1})
    if duplicates:
        raise ValidationFailed(
            f"Custom field keys must be unique: {', '.join(duplicates)}", code="duplicate_custom_field"
        )
    for definition in change.custom_fields:
        if definition.type is CustomFieldType.CHOICE and not definition.choices:
            raise ValidationFailed(
                f"The choice field '{definition.key}' needs at least one choice", code="missing_choices"
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
    if not number:
        return None
    # Imported here: python-stdnum loads pydoc and pkgutil, a cost every cold start of the customer handlers paid.
    from stdnum import exceptions as stdnum_errors
    from stdnum.no import orgnr as norwegian_orgnr
    from stdnum.se import orgnr as swedish_orgnr

    module = norwegian_orgnr if country is Country.NORWAY else swedish_orgnr
    try:
        return str(module.compact(module.validate(number)))
    except stdnum_errors.ValidationError as error:
        raise ValidationFailed(
            f"'{number}' is not a valid {country.value} organisation number",
            code="invalid_organisation_number",
            details=[{"field": "organisation_number", "message": str(error)}],
        ) from error


def validate_customer_number(number: str, settings: CustomerRegisterSettings) -> str:
    if not settings.number_min_length <= len(number) <= settings.number_max_length:
        raise ValidationFailed(
            f"A customer number must have {settings.number_min_length} to {settings.number_max_length} characters",
            code="invalid_customer_number",
            details=[{"field": "number", "length": len(number)}],
        )
    return number


class _InvalidValue(ValueError):
    """A custom field's value that does not fit its type; `reason` is the machine-readable word for why."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def validate_custom_fields(
    values: dict[str, CustomFieldValue], definitions: Iterable[CustomFieldDefinition]
) -> dict[str, CustomFieldValue]:
    by_key = {definition.key: definition for definition in definitions}
    problems: list[dict[str, Any]] = []

    def problem(name: str, reason: str, message: str) -> None:
        problems.append({"field": f"custom_fields.{name}", "reason": reason, "message": message})

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
            problem(name, error.reason, str(error))
    if problems:
        raise ValidationFailed("Some custom fields are not valid", code="invalid_custom_fields", details=problems)
    return cleaned


def _typed_value(definition: CustomFieldDefinition, value: CustomFieldValue) -> CustomFieldValue:
    label = definition.label
    match definition.type:
        case CustomFieldType.TEXT:
            if not isinstance(value, str) or len(value) > 1000:
                raise _InvalidValue("too_long", f"{label} must be text of at most 1000 characters")
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
                raise _InvalidValue("not_a_date", f"{label} must be a date (yyyy-mm-dd)") from error
        case CustomFieldType.BOOLEAN:
            if not isinstance(value, bool):
                raise _InvalidValue("not_boolean", f"{label} must be true or false")
            return value
        case CustomFieldType.CHOICE:
            if value not in definition.choices:
                raise _InvalidValue("not_a_choice", f"{label} must be one of: {', '.join(definition.choices)}")
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
            raise ValidationFailed(
                "A subsidiary cannot itself be a group: choose the group at the top", code="nested_group"
            )
    at = clock()
    customer = Customer(
        **data.model_dump(exclude={"organisation_number", "number", "custom_fields"}),
        customer_id=customer_id or new_id(),
        number=validate_customer_number(data.number, settings),
        organisation_number=validate_organisation_number(data.country, data.organisation_number),
        custom_fields=validate_custom_fields(data.custom_fields, settings.custom_fields),
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
    if "number" in requested and requested["number"] != before.number:
        access.require_administrator(principal, "change a customer number")
        validate_customer_number(requested["number"], settings)
    country = Country(requested.get("country", before.country))
    if "organisation_number" in requested or "country" in requested:
        requested["organisation_number"] = validate_organisation_number(
            country, requested.get("organisation_number", before.organisation_number)
        )
    if "custom_fields" in requested:
        requested["custom_fields"] = validate_custom_fields(
            {**before.custom_fields, **(requested["custom_fields"] or {})}, settings.custom_fields
        )
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
        result = repository.search_page(status=query.status, terms=searchable, limit=query.limit, cursor=query.cursor)
    else:
        result = repository.list_page(
            status=query.status, sort=query.sort, ascending=query.order == "asc", limit=query.limit, cursor=query.cursor
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


def customer_history(
    principal: Principal, repository: CustomerRepository, customer_id: str, *, limit: int, cursor: str | None
) -> CustomerHistory:
    get_customer(principal, repository, customer_id)
    access.require_staff(principal)
    entries, next_cursor = repository.history(customer_id, limit=limit, cursor=cursor)
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
    return [
        CustomerSummary.model_validate(customer.model_dump()) for customer in repository.get_many(sorted(acting_for))
    ]


EXPORT_COLUMNS = ("number", "name", "contact_person", "email", "city", "status")
EXPORT_PAGE_SIZE = 100
EXPORT_MAX_ROWS = 5000


def export_csv(principal: Principal, repository: CustomerRepository, query: CustomerQuery) -> str:
    """The filtered list as a CSV file for spreadsheet programs: `;`-separated, cells that could run as formulas
    defused, and a byte-order mark so they read æ, ø and å correctly."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(_export_rows(principal, repository, query))
    return "\ufeff" + buffer.getvalue()


def _export_rows(principal: Principal, repository: CustomerRepository, query: CustomerQuery) -> list[list[str]]:
    """The filtered list as rows, following every page (bounded; larger exports go to REP-1)."""
    rows: list[list[str]] = [list(EXPORT_COLUMNS)]
    page_query = query.model_copy(update={"limit": EXPORT_PAGE_SIZE, "cursor": None})
    while True:
        page = find_customers(principal, repository, page_query)
        for summary in page.items:
            plain = summary.model_dump(mode="json")
            rows.append([_csv_safe(str(plain.get(column) or "")) for column in EXPORT_COLUMNS])
        if page.next_cursor is None or len(rows) > EXPORT_MAX_ROWS:
            return rows
        page_query = page_query.model_copy(update={"cursor": page.next_cursor})


def _csv_safe(value: str) -> str:
    """Spreadsheets run cells that start with these characters as formulas; a leading quote defuses them."""
    return f"'{value}" if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value
