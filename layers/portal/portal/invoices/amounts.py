"""What an invoice still owes, in whole minor units of its currency: payments and credit notes take from it, never
below nothing and never as a float; its status follows from what is left and when it fell due. Pure rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.errors import RuleRefused
from portal.invoices.models import InvoiceStatus


@dataclass(frozen=True)
class Balance:
    total_minor: int
    paid_minor: int = 0
    credited_minor: int = 0

    @property
    def outstanding_minor(self) -> int:
        return self.total_minor - self.paid_minor - self.credited_minor

    def paid(self, amount_minor: int) -> Balance:
        return Balance(self.total_minor, self.paid_minor + self._taken(amount_minor), self.credited_minor)

    def credited(self, amount_minor: int) -> Balance:
        return Balance(self.total_minor, self.paid_minor, self.credited_minor + self._taken(amount_minor))

    def _taken(self, amount_minor: int) -> int:
        if amount_minor <= 0:
            raise RuleRefused("invalid_amount", "An amount is more than nothing")
        if amount_minor > self.outstanding_minor:
            raise RuleRefused(
                "amount_exceeds_outstanding",
                f"The invoice has {self.outstanding_minor} (minor units) outstanding; no more can be taken from it",
            )
        return amount_minor


def status_of(balance: Balance, *, due_date: date, today: date) -> InvoiceStatus:
    """Paid when payments settled it, credited when credit notes did (in full, or for what payments left); overdue
    when something is still owed after its due date; else unpaid."""
    if balance.outstanding_minor == 0:
        return InvoiceStatus.PAID if balance.paid_minor > 0 else InvoiceStatus.CREDITED
    return InvoiceStatus.OVERDUE if today > due_date else InvoiceStatus.UNPAID
