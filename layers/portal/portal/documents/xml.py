"""Reading UBL 2.1 XML that a customer or a trading partner sent: safely, or not at all.

The parser resolves no entities, reads nothing from the network or the disk, builds no huge trees and refuses a
DOCTYPE altogether, because UBL has no use for one and every entity expansion attack (billion laughs, external
entities, XXE) needs it. A file larger than `MAX_BYTES` is refused before it is parsed.
"""

from __future__ import annotations

from lxml import etree

from portal.errors import ValidationFailed, field_problem

MAX_BYTES = 10 * 1024 * 1024

CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
ORDER = "urn:oasis:names:specification:ubl:schema:xsd:Order-2"
ORDER_RESPONSE = "urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2"
NAMESPACES = {"cbc": CBC, "cac": CAC}


class UnreadableXml(ValidationFailed):
    code = "unreadable_xml"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse(content: bytes) -> etree._Element:
    """The document's root element, or `UnreadableXml` (422) saying why not."""
    if len(content) > MAX_BYTES:
        raise UnreadableXml(
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.",
            code="file_too_large",
            details=[field_problem("file", "file_too_large", "The file is too large", max_bytes=MAX_BYTES)],
        )
    try:
        tree = etree.fromstring(content, parser=_parser())
    except etree.XMLSyntaxError as error:
        message = f"The file is not well-formed XML: {error.msg}."
        raise UnreadableXml(message, details=[field_problem("file", "unreadable_xml", message)]) from None
    if getattr(tree.getroottree().docinfo, "doctype", None):
        message = "The file declares a DOCTYPE; UBL documents have none, and it is not read."
        raise UnreadableXml(message, code="doctype", details=[field_problem("file", "doctype", message)])
    return tree
