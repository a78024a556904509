"""Service cases (CASE-1..3, AUTH-4, ORG-4): filed as the login may, found as it may see them, moved on and worked by
the vendor's staff. Every decision of who may is asked of `portal.access`."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Protocol, TypeVar

from portal import access
from portal.access import Principal
from portal.cases.models import (
    ArticleColumn,
    ArticleRow,
    ArticleRowInput,
    Case,
    CaseChange,
    CaseChoices,
    CaseColumn,
    CaseInput,
    CaseLinks,
    CasePage,
    CaseQuery,
    CaseSettings,
    CaseSettingsInput,
    CaseStatus,
    CaseSummary,
    CaseTimelineEntry,
    CaseTotals,
    CaseType,
    CaseView,
    StoredCaseSettings,
    WorkOrder,
    WorkOrderClosing,
    WorkOrderInput,
    WorkOrderStatus,
    WorkOrderView,
    shown_row,
)
from portal.cases.repository import (
    CaseRepository,
    CaseWrite,
    WordHit,
    current_facts,
    history_partition,
    word_partition,
)
from portal.clock import Clock, is_id, new_id, now
from portal.customers import search
from portal.customers import service as customers_service
from portal.customers.models import Customer, CustomerStatus
from portal.customers.repository import CustomerRepository
from portal.errors import NotFound, ValidationFailed, field_problem
from portal.history import FieldChange, require_version
from portal.languages import Language, of_country, portal_day
from portal.money import as_text, line_amounts
from portal.notifications import email
from portal.notifications.jobs import Job
from portal.notifications.repository import SideEffect
from portal.objects.models import ServiceObject
from portal.objects.repository import ObjectRepository
from portal.printouts.models import Printout, PrintoutDocument, protocol_printout_id
from portal.specifications.models import ClosedWork, SpecificationLine
from portal.staff.models import StaffUser

# A closed work order is kept whole with its rows for its specification (one item, within DynamoDB's 400 KB).
MAX_ROWS_PER_WORK_ORDER = 200
# A protocol made when its work order closes is kept as long as any printout; asked for later, it is made again.
PROTOCOL_DAYS = 30


def _page_size(limit: int, partitions: int) -> int:
    """Rows read from each partition at a time: its share of the page and one more (to know whether more follow),
    so a page over several scopes reads little more than it returns; a partition that gives more is read again."""
    return max(5, limit // max(1, partitions) + 1)


class Positions(Protocol):
    """Signed page cursors that carry a position in a merged list (see `store.Cursors`)."""

    def seal_position(self, position: str, *, scope: str) -> str: ...
    def open_position(self, cursor: str, *, scope: str) -> str: ...


@dataclass
class CaseService:
    cases: CaseRepository
    customers: CustomerRepository
    objects: ObjectRepository
    positions: Positions
    staff: Callable[[str], StaffUser | None]
    portal_url: str
    staff_language: Language = Language.NB
    clock: Clock = now

    # -- settings ----------------------------------------------------------------------------------------------------

    def settings(self, principal: Principal) -> StoredCaseSettings:
        access.require_case_settings(principal)
        return self.cases.settings()

    def save_settings(self, principal: Principal, data: CaseSettingsInput) -> StoredCaseSettings:
        access.require_case_settings(principal)
        current = self.cases.settings()
        require_version(current.version, data.version, "case settings")
        at = self.clock()
        saved = StoredCaseSettings(
            **CaseSettings.model_validate(data.model_dump(exclude={"version"})).model_dump(),
            version=current.version + 1,
            updated_at=at,
            updated_by=principal.username,
        )
        self.cases.save_settings(saved, read_version=current.version, actor=principal.username, at=at)
        return saved

    # -- filing (CASE-1) ---------------------------------------------------------------------------------------------

    def choices(self, principal: Principal, my_objects: list[ServiceObject]) -> CaseChoices:
        """What the new-case form offers this login: `my_objects` are the objects it works with (ORG-2)."""
        access.require_person(principal)
        settings = self.cases.settings()
        customer_ids = sorted(access.case_customers(principal)) if not principal.is_staff else []
        customers = {customer.customer_id: customer for customer in self.customers.get_many(customer_ids)}
        objects = [item for item in my_objects if item.customer_id in customers]
        omit_customer = access.case_customer_may_be_omitted(principal) and not (
            settings.customer_required and customers
        )
        return CaseChoices(
            customers=[
                CaseLinks(customer_id=customer.customer_id, customer_name=customer.name)
                for customer in sorted(customers.values(), key=lambda customer: customer.name.casefold())
            ],
            objects=[
                CaseLinks(
                    customer_id=item.customer_id,
                    customer_name=customers[item.customer_id].name,
                    object_id=item.object_id,
                    object_name=item.name,
                )
                for item in objects
            ],
            customer_may_be_omitted=omit_customer,
            object_may_be_omitted=not (settings.object_required and objects),
            primary_contact=principal.contact_id if principal.kind is access.PrincipalKind.CONTACT else None,
            form_fields=settings.form_fields,
        )

    def create(self, principal: Principal, data: CaseInput) -> CaseView:
        settings = self.cases.settings()
        customer_id = data.customer_id
        if data.object_id and not customer_id:
            customer_id = principal.linked_objects.get(data.object_id)
            if customer_id is None:
                raise ValidationFailed(
                    "Name the customer of the object",
                    code="customer_of_object_required",
                    details=[field_problem("customer_id", "required", "Name the customer of the object")],
                )
        customer = self.customers.get(customer_id) if customer_id and is_id(customer_id) else None
        if customer_id and customer is None:
            raise NotFound("No such object" if data.object_id else "No such customer")
        chosen_object = self.objects.get(customer_id, data.object_id) if customer_id and data.object_id else None
        if data.object_id and chosen_object is None:
            raise NotFound("No such object")
        customer_facts = customers_service.facts(customer) if customer else None
        placement = access.place_case(
            principal,
            customer=customer_facts,
            chosen_object=access.ObjectFacts(object_id=chosen_object.object_id, customer=customer_facts)
            if chosen_object and customer_facts
            else None,
            customer_required=settings.customer_required,
            object_required=settings.object_required,
        )
        if placement.customer_id is not None and customer is None:  # an object login's own object, not chosen
            customer = self.customers.get(placement.customer_id)
        if placement.object_id is not None and chosen_object is None and placement.customer_id:
            chosen_object = self.objects.get(placement.customer_id, placement.object_id)
        if customer is not None and placement.customer_id is None:
            customer = None
        if customer is not None and customer.status is CustomerStatus.INACTIVE:  # ORG-3: kept, never chosen anew
            message = "The customer is deactivated; new cases cannot be filed for it"
            raise ValidationFailed(
                message, code="customer_inactive", details=[field_problem("customer_id", "customer_inactive", message)]
            )
        at = self.clock()
        assignees = sorted(customer.assigned_staff) if customer else []  # ORG-4: the customer's assigned staff
        timeline = [CaseTimelineEntry(at=at, by_name=principal.display_name, action="created", status=CaseStatus.NEW)]
        if assignees:
            names = [self._name_of(username) for username in assignees]
            timeline.append(
                CaseTimelineEntry(at=at, by_name=principal.display_name, action="assigned", detail=", ".join(names))
            )
        case = Case(
            case_id=new_id(),
            number=self.cases.next_number(),
            title=data.title,
            description=data.description if _asked(settings, "description") else None,
            work_site_address=data.work_site_address if _asked(settings, "work_site_address") else None,
            reference_name=data.reference_name if _asked(settings, "reference_name") else None,
            type=(data.type if data.type and (principal.is_staff or _asked(settings, "type")) else CaseType.FAULT),
            status=CaseStatus.NEW,
            customer_id=customer.customer_id if customer else None,
            customer_name=customer.name if customer else None,
            object_id=chosen_object.object_id if chosen_object else None,
            object_name=chosen_object.name if chosen_object else None,
            contact_id=placement.contact_id,
            contact_name=principal.display_name if placement.contact_id else None,
            assignees=assignees,
            created_at=at,
            created_by=principal.username,
            created_by_name=principal.display_name,
            updated_at=at,
            timeline=timeline,
            version=1,
        )
        notices = self._assignment_notices(case, customer) if assignees and customer else []
        self.cases.apply(
            CaseWrite(case=case, action="case_created", actor=principal.username, at=at, side_effects=notices)
        )
        return self._view(principal, case, [], [])

    def _protocol(self, case: Case, work_order: WorkOrder, at: datetime) -> tuple[Printout | None, Job | None]:
        """The service protocol of a customer's closed work order, queued in the closing's transaction (seed 003:
        customers see the protocols of their work orders), in the customer's language."""
        customer = self.customers.get(case.customer_id) if case.customer_id else None
        if customer is None:
            return None, None
        language = of_country(customer.country)
        document = PrintoutDocument.SERVICE_PROTOCOL
        protocol = Printout(
            printout_id=protocol_printout_id(
                work_order.work_order_id, work_order.version, self.cases.settings().version, language, "customer"
            ),
            customer_id=customer.customer_id,
            document=document,
            subject_id=work_order.work_order_id,
            subject_version=work_order.version,
            case_id=case.case_id,
            language=language,
            audience="customer",
            requested_at=at,
            expires_at=at + timedelta(days=PROTOCOL_DAYS),
        )
        job = Job(queue="printouts", body={"customer_id": customer.customer_id, "printout_id": protocol.printout_id})
        return protocol, job

    def _assignment_notices(self, case: Case, customer: Customer) -> list[SideEffect]:
        found = [self.staff(username) for username in case.assignees]
        addresses = sorted({user.email for user in found if user is not None})
        if not addresses:
            return []
        return [
            email.case_assigned(
                to=addresses,
                number=case.number,
                title=case.title,
                customer=f"{customer.name} ({customer.number})",
                link=f"{self.portal_url.rstrip('/')}/#/cases/{case.case_id}",
                language=self.staff_language,
            )
        ]

    def _name_of(self, username: str) -> str:
        user = self.staff(username)
        return user.display_name if user else username

    # -- reading (CASE-2, CASE-3) ------------------------------------------------------------------------------------

    def get(self, principal: Principal, case_id: str) -> CaseView:
        case, work_orders, rows = self._visible(principal, case_id)
        return self._view(principal, case, work_orders, rows)

    def _visible(self, principal: Principal, case_id: str) -> tuple[Case, list[WorkOrder], list[ArticleRow]]:
        found = self.cases.with_work(case_id)
        access.require_view_case(principal, self._facts(found[0]) if found else None)
        assert found is not None
        return found

    def _facts(self, case: Case) -> access.CaseFacts:
        return current_facts(case, self.customers)

    def _view(self, principal: Principal, case: Case, work_orders: list[WorkOrder], rows: list[ArticleRow]) -> CaseView:
        columns = list(ArticleColumn) if access.sees_case_prices(principal) else self.cases.settings().article_columns
        shown = [shown_row(row, columns) for row in rows]
        totals: dict[str, list[int]] = {}
        if ArticleColumn.AMOUNT in columns:
            for row in rows:
                total = totals.setdefault(row.currency.value, [0, 0])
                total[0] += row.amount_minor or 0
                total[1] += (row.vat_minor or 0) if ArticleColumn.VAT in columns else 0
        return CaseView(
            case=_as_seen(principal, case),
            work_orders=[
                WorkOrderView(
                    **work_order.model_dump(),
                    rows=[row for row in shown if row.work_order_id == work_order.work_order_id],
                )
                for work_order in sorted(work_orders, key=lambda work_order: work_order.work_order_id)
            ],
            totals=[
                CaseTotals(currency=currency, amount_minor=amount, vat_minor=vat)
                for currency, (amount, vat) in sorted(totals.items())
            ],
            article_columns=columns,
            may_handle=principal.is_staff and access.may_handle_case(principal, self._facts(case)),
        )

    def find(self, principal: Principal, query: CaseQuery, *, limit: int, cursor: str | None) -> CasePage:
        """CASE-2: the cases the login sees, newest first, by free text, status, type, customer, object and dates."""
        access.require_person(principal)
        if query.date_from and query.date_to and query.date_from > query.date_to:
            raise ValidationFailed(
                "The start date is after the end date",
                code="invalid_date_range",
                details=[field_problem("date_from", "invalid_date_range", "The start date is after the end date")],
            )
        assigned = customers_service.assigned_customer_ids(principal, self.customers)
        scopes = self._search_scopes(principal, query, access.case_scopes(principal, assigned))
        terms = search.query_terms(query.q or "")
        if terms and max(len(term) for term in terms) < search.MIN_TERM_LENGTH:
            raise ValidationFailed(
                f"Type at least {search.MIN_TERM_LENGTH} characters to search", code="search_too_short"
            )
        scope = json.dumps(
            {"cases": query.model_dump(mode="json"), "scopes": scopes, "principal": principal.username},
            sort_keys=True,
        )
        after = self.positions.open_position(cursor, scope=scope) if cursor else None
        found = (
            self._by_words(scopes, query, terms, after, limit) if terms else self._by_date(scopes, query, after, limit)
        )
        items, last, more = found
        settings_columns = list(CaseColumn) if principal.is_staff else self.cases.settings().search_columns
        return CasePage(
            items=[_as_seen(principal, item) for item in items],
            columns=settings_columns,
            next_cursor=self.positions.seal_position(last, scope=scope) if more and last else None,
        )

    def _search_scopes(self, principal: Principal, query: CaseQuery, mine: list[str]) -> list[str]:
        """The partitions a search reads: the narrowest one its filters name, when the login sees all of it (or the
        customer filter, checked row by row, keeps it to what the login sees); else the login's own scopes."""
        everything = access.ALL_CASES in mine
        if query.object_id:
            wanted = access.object_scope(query.object_id)
            by_customer = query.customer_id is not None and access.customer_scope(query.customer_id) in mine
            if (
                everything
                or wanted in mine
                or by_customer
                or self._object_of_seen_customer(principal, mine, query.object_id)
            ):
                return [wanted]
        elif query.customer_id:
            wanted = access.customer_scope(query.customer_id)
            if everything or wanted in mine:
                return [wanted]
        return mine

    def _object_of_seen_customer(self, principal: Principal, mine: list[str], object_id: str) -> bool:
        """Whether the object is one of a customer whose cases the login sees whole: then every case on it is the
        login's to see (a case on an object is always its customer's). One lookup per such customer, at most ten."""
        seen = [c for c in sorted(principal.visible_customer_ids) if access.customer_scope(c) in mine][:10]
        return is_id(object_id) and any(self.objects.get(customer_id, object_id) for customer_id in seen)

    def _by_date(
        self, scopes: list[str], query: CaseQuery, after: str | None, limit: int
    ) -> tuple[list[CaseSummary], str | None, bool]:
        partitions = [history_partition(scope, status=query.status, type_=query.type) for scope in scopes]
        rows = self.cases.summaries(
            partitions,
            dates=(query.date_from, query.date_to),
            after=after,
            page_size=_page_size(limit, len(partitions)),
        )
        kept = ((sort_key, row) for sort_key, row in rows if _links_match(query, row.customer_id, row.object_id))
        return _take(kept, limit)

    def _by_words(
        self, scopes: list[str], query: CaseQuery, terms: list[str], after: str | None, limit: int
    ) -> tuple[list[CaseSummary], str | None, bool]:
        """Word rows of the longest term's prefix, then the cases they name: status and type are read from the case,
        which a change of status moves without touching its word rows."""
        leading = max(terms, key=len)
        partitions = [word_partition(scope, leading) for scope in scopes]
        hits = self.cases.word_hits(partitions, term=leading, after=after, page_size=_page_size(limit, len(partitions)))

        def matching() -> Iterator[tuple[str, WordHit]]:
            for sort_key, hit in hits:
                word = sort_key.rsplit("#", 1)[0]
                first = next((each for each in sorted(hit.words) if each.startswith(leading)), None)
                if first != word or not search.matches_all(terms, hit.words):
                    continue  # the case is listed at the first of its words the term matches, and only there
                if not _links_match(query, hit.customer_id, hit.object_id) or not _dated(query, hit.created_on):
                    continue
                yield sort_key, hit

        found: list[CaseSummary] = []
        last: str | None = None
        batch: list[tuple[str, WordHit]] = []
        source = matching()
        exhausted = False
        while len(found) < limit and not exhausted:
            batch = []
            for pair in source:
                batch.append(pair)
                if len(batch) >= limit - len(found):
                    break
            else:
                exhausted = True
            cases = self.cases.get_many([hit.case_id for _, hit in batch])
            for sort_key, hit in batch:
                last = sort_key
                case = cases.get(hit.case_id)
                if case and (query.status in {None, case.status}) and (query.type in {None, case.type}):
                    found.append(CaseSummary.model_validate(case.model_dump()))
        more = not exhausted and next(source, None) is not None
        return found, last, more

    # -- handling (staff) --------------------------------------------------------------------------------------------

    def change(self, principal: Principal, case_id: str, data: CaseChange) -> CaseView:
        case, work_orders, rows = self._visible(principal, case_id)
        access.require_handle_case(principal, self._facts(case))
        require_version(case.version, data.version, "case")
        at = self.clock()
        changes: list[FieldChange] = []
        timeline = list(case.timeline)
        update: dict[str, object] = {}
        if data.status is not None and data.status is not case.status:
            changes.append(FieldChange(field="status", before=case.status.value, after=data.status.value))
            timeline.append(
                CaseTimelineEntry(at=at, by_name=principal.display_name, action="status_changed", status=data.status)
            )
            update["status"] = data.status
            update["closed_at"] = at if data.status is CaseStatus.CLOSED else None
        if data.type is not None and data.type is not case.type:
            changes.append(FieldChange(field="type", before=case.type.value, after=data.type.value))
            timeline.append(
                CaseTimelineEntry(at=at, by_name=principal.display_name, action="type_changed", type=data.type)
            )
            update["type"] = data.type
        if not changes:
            return self._view(principal, case, work_orders, rows)
        after = case.model_copy(update={**update, "timeline": timeline, "version": case.version + 1, "updated_at": at})
        self.cases.apply(
            CaseWrite(case=after, before=case, action="case_changed", actor=principal.username, at=at, changes=changes)
        )
        return self._view(principal, after, work_orders, rows)

    def add_work_order(self, principal: Principal, case_id: str, data: WorkOrderInput) -> CaseView:
        case, work_orders, rows = self._visible(principal, case_id)
        access.require_handle_case(principal, self._facts(case))
        require_version(case.version, data.version, "case")
        technician = self.staff(data.technician) if data.technician else None
        if data.technician and technician is None:
            raise ValidationFailed(
                "No such technician",
                code="unknown_technician",
                details=[field_problem("technician", "unknown_technician", "No staff user with this username")],
            )
        at = self.clock()
        work_order = WorkOrder(
            work_order_id=new_id(),
            case_id=case.case_id,
            number=f"{case.number}-{len(work_orders) + 1}",
            type=data.type,
            description=data.description,
            technician=technician.username if technician else None,
            technician_name=technician.display_name if technician else None,
            planned_on=data.planned_on,
            status=WorkOrderStatus.OPEN,
            created_at=at,
            version=1,
        )
        entry = CaseTimelineEntry(
            at=at, by_name=principal.display_name, action="work_order_added", detail=work_order.number
        )
        after = _moved_on(case, entry, at)
        self.cases.apply(
            CaseWrite(
                case=after,
                before=case,
                action="work_order_added",
                actor=principal.username,
                at=at,
                work_orders=[(work_order, None)],
                subject=work_order.work_order_id,
            )
        )
        return self._view(principal, after, [*work_orders, work_order], rows)

    def close_work_order(
        self, principal: Principal, case_id: str, work_order_id: str, data: WorkOrderClosing
    ) -> CaseView:
        case, work_orders, rows = self._visible(principal, case_id)
        access.require_handle_case(principal, self._facts(case))
        work_order = _open_work_order(work_orders, work_order_id)
        require_version(work_order.version, data.version, "work order")
        at = self.clock()
        closed = work_order.model_copy(
            update={
                "status": WorkOrderStatus.CLOSED,
                "closed_at": at,
                "findings": data.findings,
                "version": work_order.version + 1,
            }
        )
        entry = CaseTimelineEntry(
            at=at, by_name=principal.display_name, action="work_order_closed", detail=work_order.number
        )
        protocol, job = self._protocol(case, closed, at)
        after = _moved_on(case, entry, at)
        self.cases.apply(
            CaseWrite(
                case=after,
                before=case,
                action="work_order_closed",
                actor=principal.username,
                at=at,
                work_orders=[(closed, work_order.version)],
                subject=work_order.work_order_id,
                closed_work=_closed_work(case, closed, rows, on=portal_day(at)),
                protocol=protocol,
                side_effects=[job] if job else [],
            )
        )
        return self._view(
            principal, after, [closed if each.work_order_id == work_order_id else each for each in work_orders], rows
        )

    def add_article_row(
        self, principal: Principal, case_id: str, work_order_id: str, data: ArticleRowInput
    ) -> CaseView:
        """CASE-3: a row of work or parts on an open work order, its amounts exact in minor units."""
        case, work_orders, rows = self._visible(principal, case_id)
        access.require_handle_case(principal, self._facts(case))
        work_order = _open_work_order(work_orders, work_order_id)
        require_version(work_order.version, data.version, "work order")
        if sum(1 for row in rows if row.work_order_id == work_order_id) >= MAX_ROWS_PER_WORK_ORDER:
            message = f"A work order holds at most {MAX_ROWS_PER_WORK_ORDER} article rows"
            raise ValidationFailed(message, code="too_many_rows", details=[{"max_rows": MAX_ROWS_PER_WORK_ORDER}])
        at = self.clock()
        amount, vat = line_amounts(data.quantity, data.unit_price_minor, Decimal(data.vat_rate.value))
        row = ArticleRow(
            row_id=new_id(),
            work_order_id=work_order_id,
            article_number=data.article_number,
            article=data.article,
            article_type=data.article_type,
            action_code=data.action_code,
            quantity=data.quantity,
            unit_price_minor=data.unit_price_minor,
            currency=data.currency,
            vat_rate=Decimal(data.vat_rate.value),
            amount_minor=amount,
            vat_minor=vat,
            registered_at=at,
            registered_by_name=principal.display_name,
        )
        touched = work_order.model_copy(update={"version": work_order.version + 1})
        self.cases.apply(
            CaseWrite(
                case=case,
                before=case,
                action="article_row_added",
                actor=principal.username,
                at=at,
                work_orders=[(touched, work_order.version)],
                rows=[row],
                subject=work_order.work_order_id,
                changes=[
                    FieldChange(field="article", after=data.article),
                    FieldChange(field="amount", after=as_text(amount, data.currency)),
                ],
            )
        )
        others = [touched if each.work_order_id == work_order_id else each for each in work_orders]
        return self._view(principal, case, others, [*rows, row])


Seen = TypeVar("Seen", Case, CaseSummary)


def _as_seen(principal: Principal, case: Seen) -> Seen:
    """Logins are the staff's to see: the customer's side sees names, never a contact's id, a filer's username (a
    contact's is its e-mail address) or the usernames of the staff it is assigned to (the timeline names them)."""
    if principal.is_staff:
        return case
    hidden: dict[str, object] = {}
    if case.contact_id is not None and case.contact_id != principal.contact_id:
        hidden["contact_id"] = None
    if isinstance(case, Case):
        hidden |= {"assignees": [], "created_by": ""}
    return case.model_copy(update=hidden) if hidden else case


def _asked(settings: CaseSettings, name: str) -> bool:
    return name in {field.value for field in settings.form_fields}


def _links_match(query: CaseQuery, customer_id: str | None, object_id: str | None) -> bool:
    return (query.customer_id in {None, customer_id}) and (query.object_id in {None, object_id})


def _dated(query: CaseQuery, created_on: str) -> bool:
    return (query.date_from is None or created_on >= query.date_from.isoformat()) and (
        query.date_to is None or created_on <= query.date_to.isoformat()
    )


def _take(rows: Iterator[tuple[str, CaseSummary]], limit: int) -> tuple[list[CaseSummary], str | None, bool]:
    found: list[CaseSummary] = []
    last: str | None = None
    for sort_key, row in rows:
        if len(found) == limit:
            return found, last, True
        found.append(row)
        last = sort_key
    return found, last, False


def _moved_on(case: Case, entry: CaseTimelineEntry, at: object) -> Case:
    return case.model_copy(update={"timeline": [*case.timeline, entry], "version": case.version + 1, "updated_at": at})


def _open_work_order(work_orders: list[WorkOrder], work_order_id: str) -> WorkOrder:
    work_order = next((each for each in work_orders if each.work_order_id == work_order_id), None)
    if work_order is None:
        raise NotFound("No such work order")
    if work_order.status is not WorkOrderStatus.OPEN:
        raise ValidationFailed("The work order is closed", code="work_order_closed")
    return work_order


def _closed_work(case: Case, work_order: WorkOrder, rows: list[ArticleRow], *, on: date) -> ClosedWork:
    return ClosedWork(
        case_id=case.case_id,
        case_number=case.number,
        case_title=case.title,
        object_name=case.object_name,
        work_order_id=work_order.work_order_id,
        work_order_number=work_order.number,
        closed_on=on,
        rows=[
            SpecificationLine.model_validate(row.model_dump())
            for row in rows
            if row.work_order_id == work_order.work_order_id
        ],
    )
