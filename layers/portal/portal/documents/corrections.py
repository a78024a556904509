"""Correct and resend (DOC-6): the sender fixes, in the portal, the fields of a stopped invoice that its broken rules
name — or those the recipient said were missing when it did not accept a delivered one — and sends it again.

A correction never edits the file it corrects: it writes a new version of the XML with only those elements set,
each where UBL's sequence puts it, and every other byte as sent. The original and each version stay.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from lxml import etree
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from portal.documents.content import DocumentType
from portal.documents.xml import CAC, CBC, NAMESPACES
from portal.errors import ValidationFailed, field_problem


@dataclass(frozen=True)
class Correctable:
    """A business term the sender may set in a correction: where it lives, and which elements come before it."""

    term: str
    field: str
    path: tuple[str, ...]  # from the root: the aggregate (if any) and the basic element holding the value
    after: tuple[str, ...]  # the root's children that UBL puts before the first element of `path`
    kinds: frozenset[DocumentType]
    is_date: bool = False


# UBL 2.1's sequence of an invoice's and a credit note's first children, up to the parties (what a correction may
# need to insert something after). Elements the two kinds do not share are in the list of both: absent ones are
# skipped.
_HEAD = (
    "cbc:UBLVersionID",
    "cbc:CustomizationID",
    "cbc:ProfileID",
    "cbc:ProfileExecutionID",
    "cbc:ID",
    "cbc:CopyIndicator",
    "cbc:UUID",
    "cbc:IssueDate",
    "cbc:IssueTime",
    "cbc:DueDate",
    "cbc:InvoiceTypeCode",
    "cbc:CreditNoteTypeCode",
    "cbc:Note",
    "cbc:TaxPointDate",
    "cbc:DocumentCurrencyCode",
    "cbc:TaxCurrencyCode",
    "cbc:PricingCurrencyCode",
    "cbc:PaymentCurrencyCode",
    "cbc:PaymentAlternativeCurrencyCode",
    "cbc:AccountingCostCode",
    "cbc:AccountingCost",
    "cbc:LineCountNumeric",
    "cbc:BuyerReference",
    "cac:InvoicePeriod",
    "cac:DiscrepancyResponse",
    "cac:OrderReference",
    "cac:BillingReference",
    "cac:DespatchDocumentReference",
    "cac:ReceiptDocumentReference",
    "cac:StatementDocumentReference",
    "cac:OriginatorDocumentReference",
    "cac:ContractDocumentReference",
    "cac:AdditionalDocumentReference",
    "cac:ProjectReference",
)
_INVOICES = frozenset({DocumentType.INVOICE, DocumentType.CREDIT_NOTE})


def _before(element: str) -> tuple[str, ...]:
    return _HEAD[: _HEAD.index(element)]


CORRECTABLE: Mapping[str, Correctable] = {
    correctable.field: correctable
    for correctable in (
        Correctable("BT-10", "buyer_reference", ("cbc:BuyerReference",), _before("cbc:BuyerReference"), _INVOICES),
        Correctable(
            "BT-13", "order_reference", ("cac:OrderReference", "cbc:ID"), _before("cac:OrderReference"), _INVOICES
        ),
        Correctable(
            "BT-12",
            "contract_reference",
            ("cac:ContractDocumentReference", "cbc:ID"),
            _before("cac:ContractDocumentReference"),
            _INVOICES,
        ),
        Correctable(
            "BT-9",
            "due_date",
            ("cbc:DueDate",),
            _before("cbc:DueDate"),
            frozenset({DocumentType.INVOICE}),
            is_date=True,
        ),
    )
}
BY_TERM = {correctable.term: correctable for correctable in CORRECTABLE.values()}

Value = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class CorrectionInput(BaseModel):
    """The new values, by field; only the fields the document's problems name may be set."""

    model_config = ConfigDict(extra="forbid")

    values: dict[str, Value] = Field(
        min_length=1, max_length=len(CORRECTABLE), examples=[{"buyer_reference": "Innkjøp 4711"}]
    )
    version: int = Field(ge=1, le=2_147_483_647, description="The version of the document you read")

    @field_validator("values")
    @classmethod
    def _known(cls, values: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(values) - set(CORRECTABLE))
        if unknown:
            raise ValueError(f"Not a field a correction sets: {', '.join(unknown)}")
        return values


def correctable_fields(kind: DocumentType, terms: set[str]) -> list[str]:
    """The fields a correction may set for problems that read `terms`."""
    return [c.field for c in CORRECTABLE.values() if c.term in terms and kind in c.kinds]


def apply(content: bytes, kind: DocumentType, values: Mapping[str, str], allowed: list[str]) -> bytes:
    """The document's XML with `values` set (each a field in `allowed`), every other byte as it was."""
    from portal.documents.xml import parse

    refused = sorted(name for name in values if name not in allowed)
    if refused:
        raise ValidationFailed(
            "Only the fields the document's problems name can be corrected",
            code="not_correctable",
            details=[
                field_problem(f"values.{name}", "not_correctable", "Not named by the problems") for name in refused
            ],
        )
    root = parse(content)
    for name, value in values.items():
        correctable = CORRECTABLE[name]
        if correctable.is_date:
            _require_date(name, value)
        _set(root, correctable, value)
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")


def _require_date(name: str, value: str) -> None:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValidationFailed(
            "A date is written YYYY-MM-DD",
            code="invalid_date",
            details=[field_problem(f"values.{name}", "invalid_date", "A date is written YYYY-MM-DD")],
        ) from None


def _set(root: etree._Element, correctable: Correctable, value: str) -> None:
    first, *rest = correctable.path
    holder = root.find(first, NAMESPACES)
    if holder is None:
        holder = etree.Element(_qualified(first))
        predecessors = [found for name in correctable.after for found in root.findall(name, NAMESPACES)]
        if predecessors:
            predecessors[-1].addnext(holder)
        else:
            root.insert(0, holder)
    target = holder
    for name in rest:
        child = target.find(name, NAMESPACES)
        if child is None:
            child = etree.Element(_qualified(name))
            target.insert(0, child)  # the id comes first in every reference aggregate
        target = child
    target.text = value


def _qualified(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{CBC if prefix == 'cbc' else CAC}}}{local}"
