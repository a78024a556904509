"""Dashboards (CASE-6): the view a login asks for, narrowed to a customer or an object and to months, answered from
the counters of exactly the scopes that view covers (`access.dashboard_scopes`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, Field

from portal import access
from portal.access import DashboardView, Principal
from portal.cases import dashboards
from portal.cases.dashboards import CaseDashboard, DashboardFilters
from portal.cases.repository import CaseRepository
from portal.clock import Clock, now
from portal.customers import service as customers
from portal.customers.repository import CustomerRepository
from portal.errors import NotFound, ValidationFailed, field_problem
from portal.languages import portal_day
from portal.objects.repository import ObjectRepository


class DashboardQuery(BaseModel):
    view: DashboardView | None = Field(default=None, description="The login's first view when left out")
    customer_id: str | None = None
    object_id: str | None = Field(default=None, description="With its customer_id")
    month_from: date | None = Field(
        default=None, description="Its month counts; this month and the two before when left out"
    )
    month_to: date | None = None
    filters: DashboardFilters = Field(default_factory=DashboardFilters)


class CaseDashboardView(CaseDashboard):
    view: DashboardView
    views: list[DashboardView] = Field(description="The views this login may choose")


@dataclass
class DashboardService:
    cases: CaseRepository
    customers: CustomerRepository
    objects: ObjectRepository
    clock: Clock = now

    def dashboard(self, principal: Principal, query: DashboardQuery) -> CaseDashboardView:
        views = access.dashboard_views(principal)
        view = query.view or (views[0] if views else DashboardView.MINE)
        access.require_dashboard_view(principal, view, narrowed=bool(query.customer_id or query.object_id))
        try:
            scopes = self._scopes(principal, view, query)
        except NotFound:  # unknown, or another's: one answer
            raise NotFound("No such customer or object") from None
        months = self._months(query)
        figures = dashboards.dashboard(self.cases.counters(scopes, months), months, query.filters)
        return CaseDashboardView(**figures.model_dump(), view=view, views=views)

    def _scopes(self, principal: Principal, view: DashboardView, query: DashboardQuery) -> list[str]:
        customer = customers.facts_of(self.customers, query.customer_id) if query.customer_id else None
        if query.customer_id and customer is None:
            raise NotFound("No such customer")
        chosen = None
        if query.object_id:
            if customer is None:
                message = "Name the object's customer too"
                raise ValidationFailed(
                    message,
                    code="customer_required",
                    details=[field_problem("customer_id", "customer_required", message)],
                )
            if self.objects.get(customer.customer_id, query.object_id) is None:
                raise NotFound("No such object")
            chosen = access.ObjectFacts(object_id=query.object_id, customer=customer)
        assigned = customers.assigned_customer_ids(principal, self.customers)
        return access.dashboard_scopes(
            principal, view, customer=customer, chosen_object=chosen, assigned_customers=assigned
        )

    def _months(self, query: DashboardQuery) -> list[str]:
        first, last = dashboards.default_months(portal_day(self.clock()))
        first, last = query.month_from or first, query.month_to or last
        months = dashboards.months_between(first, last)
        if not months or len(months) > dashboards.MAX_MONTHS:
            message = f"Choose 1 to {dashboards.MAX_MONTHS} months, the first before the last"
            raise ValidationFailed(
                message,
                code="invalid_month_range",
                details=[field_problem("month_from", "invalid_month_range", message)],
            )
        return months
