"""Peppol BIS Billing 3.0 rules the portal applies on top of EN 16931.

Only PEPPOL-EN16931-R003 for now: a Peppol invoice must let the buyer route it internally, by the buyer's
reference or by the purchase order it answers.
"""

from __future__ import annotations

from portal.documents.rules._model import rule
from portal.documents.rules._ubl import Element, document, has_text


@rule(
    "PEPPOL-EN16931-R003",
    reads=("BT-10", "BT-13"),
    context=document,
    nb="Fakturaen må oppgi kjøpers referanse eller et bestillingsnummer, så kjøperen vet hvem den skal til.",
    sv="Fakturan måste ange köparens referens eller ett ordernummer, så att köparen vet vem den ska till.",
    en="The invoice must give the buyer's reference or a purchase order number, so the buyer knows who it is for.",
)
def has_buyer_or_order_reference(root: Element) -> bool:
    # Peppol's schematron asks only that the element exists; an empty one routes nothing, and Peppol refuses empty
    # elements anyway (PEPPOL-EN16931-R008), so a blank reference does not count here.
    return has_text(root, "cbc:BuyerReference") or has_text(root, "cac:OrderReference/cbc:ID")
