"""What each kind of principal may do, stated route by route: staff rights with "edit assigned only" (account
managers and technicians alike), and the customer-side roles (only a customer's user administrator administers
its users). Unlike the tenant walk in test_route_authorization.py, every row here names the answer it expects,
so a change of policy fails here until the table is changed with it.

Writes that would change shared demo data are made so the policy is asked and nothing changes: with an outdated
version (an allowed request then answers 409 version_mismatch) or against one's own login (409 own_login).
"""

from __future__ import annotations

import base64
import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from portal.business_days import is_business_day
from portal.money import Currency
from tests.support import PDF, ApiClient, local_today, upload_file

EMAILS = {
    "admin": "anne.admin@kundeportal.example",
    "selger": "sven.selger@kundeportal.example",
    "tekniker": "tore.tekniker@kundeportal.example",
    "kari": "kari.nordmann@nordlys.no",
    "ola": "ola.hansen@nordlys-bergen.no",
    "faktura": "faktura@fjellbakeriet.no",
    "helse": "hanne.helse@kundeportal.example",
}
USERNAMES = {"kari": "kari.nordmann@nordlys.no", "ola": "ola.hansen@nordlys-bergen.no", "faktura": "faktura-20000"}
OUTDATED = 999_999

ALLOWED = "allowed"  # a 2xx, or for a probe write the 409 that only comes after the policy said yes


@dataclass(frozen=True)
class Row:
    who: str
    action: str
    at: str  # "assigned" / "unassigned" (this test's own customers) or a demo customer key
    expected: str | int  # ALLOWED, or the status of the refusal

    @property
    def id(self) -> str:
        return f"{self.who}-{self.action}-{self.at}"


# Changing a customer: "edit" for administrators, "edit assigned only" for account managers and technicians;
# only an administrator deactivates (the "delete" right). A technician does not even see unassigned customers.
CUSTOMER_ROWS = [
    Row("admin", "edit", "assigned", ALLOWED),
    Row("admin", "edit", "unassigned", ALLOWED),
    Row("admin", "add_department", "unassigned", ALLOWED),
    Row("admin", "set_status", "unassigned", ALLOWED),
    Row("selger", "edit", "assigned", ALLOWED),
    Row("selger", "add_department", "assigned", ALLOWED),
    Row("selger", "edit", "unassigned", 403),
    Row("selger", "add_department", "unassigned", 403),
    Row("selger", "set_status", "assigned", 403),
    Row("tekniker", "edit", "assigned", ALLOWED),
    Row("tekniker", "add_department", "assigned", ALLOWED),
    Row("tekniker", "edit", "unassigned", 404),
    Row("tekniker", "set_status", "assigned", 403),
    Row("kari", "edit", "group", 403),
    Row("kari", "edit", "assigned", 404),
    Row("faktura", "add_department", "bakery", 403),
]

# A customer's users: staff by their AUTH-3 rights (account managers invite but do not change or delete), and
# the customer's own user administrator (kari, at the group and the subsidiaries it holds the role for).
USER_ROWS = [
    Row("admin", "list_users", "group", ALLOWED),
    Row("admin", "invite", "group", ALLOWED),
    Row("admin", "change_roles", "group", ALLOWED),
    Row("admin", "delete_user", "bergen", ALLOWED),
    Row("selger", "list_users", "group", ALLOWED),
    Row("selger", "invite", "bergen", ALLOWED),
    Row("selger", "change_roles", "group", 403),
    Row("selger", "deactivate", "bergen", 403),
    Row("selger", "delete_user", "bergen", 403),
    Row("tekniker", "list_users", "bakery", 403),
    Row("tekniker", "invite", "bakery", 403),
    Row("kari", "list_users", "group", ALLOWED),
    Row("kari", "list_users", "bergen", ALLOWED),
    Row("kari", "invite", "group", ALLOWED),
    Row("kari", "change_roles", "bergen", ALLOWED),
    Row("kari", "deactivate", "bergen", ALLOWED),
    Row("kari", "delete_user", "bergen", ALLOWED),
    Row("kari", "change_roles", "group", ALLOWED),  # her own login: refused as such, after the policy
    Row("kari", "list_users", "bakery", 404),
    Row("ola", "list_users", "bergen", 403),
    Row("ola", "invite", "bergen", 403),
    Row("ola", "change_roles", "bergen", 403),
    Row("ola", "list_users", "group", 404),
    Row("faktura", "list_users", "bakery", 403),
]

# The vendor's own settings: administrators only.
SETTINGS_ROWS = [
    Row("admin", "save_support", "group", ALLOWED),
    Row("selger", "save_support", "group", 403),
    Row("tekniker", "save_support", "group", 403),
    Row("kari", "save_support", "group", 403),
]
# Orders (ORD-1): placed by the customer's orderers (ola at Bergen), seen by its orderers and order approvers (kari,
# whose group role reaches Bergen) and by staff who see the customer; delivered by staff who may change it. The
# catalogue is kept by administrators.
ORDER_ROWS = [
    Row("ola", "place_order", "bergen", ALLOWED),
    Row("ola", "list_orders", "bergen", ALLOWED),
    Row("ola", "place_order", "group", 404),
    Row("ola", "deliver_order", "bergen", 403),
    Row("kari", "list_orders", "bergen", ALLOWED),
    Row("kari", "place_order", "bergen", 403),
    Row("faktura", "list_orders", "bakery", 403),
    Row("faktura", "place_order", "bakery", 403),
    Row("admin", "list_orders", "bergen", ALLOWED),
    Row("admin", "place_order", "bergen", 403),
    Row("admin", "deliver_order", "bergen", ALLOWED),
    Row("selger", "list_orders", "bergen", ALLOWED),
    Row("selger", "deliver_order", "bergen", 403),
    Row("tekniker", "list_orders", "bergen", 404),
    Row("ola", "place_change", "bergen", ALLOWED),
    Row("ola", "list_change", "bergen", ALLOWED),
    Row("ola", "delete_change", "bergen", ALLOWED),
    Row("ola", "see_agreement", "bergen", ALLOWED),
    Row("ola", "save_agreement", "bergen", 403),
    Row("kari", "list_change", "bergen", ALLOWED),
    Row("kari", "place_change", "bergen", 403),
    Row("kari", "delete_change", "bergen", 403),
    Row("kari", "see_agreement", "bergen", ALLOWED),
    Row("faktura", "list_change", "bakery", 403),
    Row("faktura", "see_agreement", "bakery", 403),
    Row("admin", "place_change", "bergen", 403),
    Row("admin", "delete_change", "bergen", 403),
    Row("admin", "save_agreement", "bergen", ALLOWED),
    Row("selger", "save_agreement", "assigned", ALLOWED),
    Row("selger", "save_agreement", "bergen", 403),
    Row("tekniker", "list_change", "bergen", 404),
    Row("tekniker", "save_agreement", "assigned", ALLOWED),
    Row("ola", "place_service", "bergen", ALLOWED),
    Row("ola", "list_service", "bergen", ALLOWED),
    Row("ola", "cancel_service", "bergen", ALLOWED),
    Row("ola", "approve_service", "bergen", 403),
    Row("ola", "list_contracts", "bergen", ALLOWED),
    Row("ola", "change_contract", "bergen", 403),
    Row("kari", "list_service", "bergen", ALLOWED),
    Row("kari", "place_service", "bergen", 403),
    Row("kari", "approve_service", "bergen", 403),
    Row("faktura", "list_service", "bakery", 403),
    Row("admin", "place_service", "bergen", 403),
    Row("admin", "approve_service", "bergen", ALLOWED),
    Row("admin", "change_contract", "bergen", ALLOWED),
    Row("selger", "approve_service", "bergen", 403),
    Row("selger", "change_contract", "bergen", 403),
    Row("tekniker", "list_service", "bergen", 404),
    Row("admin", "set_progress", "bergen", ALLOWED),
    Row("ola", "order_history", "bergen", ALLOWED),
    Row("kari", "order_history", "bergen", ALLOWED),
    Row("faktura", "order_history", "bakery", 403),
    Row("selger", "order_history", "bergen", ALLOWED),
    Row("tekniker", "order_history", "bergen", 404),
    Row("selger", "set_progress", "bergen", 403),
    Row("ola", "set_progress", "bergen", 403),
    Row("kari", "set_progress", "bergen", 403),
    Row("admin", "change_product", "group", ALLOWED),
    Row("selger", "change_product", "group", 403),
    Row("tekniker", "change_product", "group", 403),
    Row("ola", "change_product", "group", 403),
]
# Deposits (DEP-1, DEP-2): registered and reversed by the customer's deposit registrars (ola at Bergen), read by them
# and by staff who see the customer; counted (and reversed) by staff who may change it.
DEPOSIT_ROWS = [
    Row("ola", "list_deposits", "bergen", ALLOWED),
    Row("ola", "review_deposit", "bergen", ALLOWED),
    Row("ola", "register_deposit", "bergen", ALLOWED),
    Row("ola", "reverse_deposit", "bergen", ALLOWED),
    Row("ola", "count_deposit", "bergen", 403),
    Row("ola", "list_deposits", "group", 404),
    Row("kari", "list_deposits", "bergen", 403),
    Row("kari", "register_deposit", "bergen", 403),
    Row("faktura", "list_deposits", "bakery", 403),
    Row("admin", "list_deposits", "bergen", ALLOWED),
    Row("admin", "see_deposit", "bergen", ALLOWED),
    Row("admin", "register_deposit", "bergen", 403),
    Row("admin", "count_deposit", "bergen", ALLOWED),
    Row("admin", "reverse_deposit", "bergen", ALLOWED),
    Row("selger", "list_deposits", "bergen", ALLOWED),
    Row("selger", "count_deposit", "bergen", 403),
    Row("selger", "count_deposit", "assigned", 404),  # the deposit is Bergen's: under another customer it is none
    Row("tekniker", "list_deposits", "bergen", 404),
    Row("tekniker", "see_deposit", "bergen", 404),
    Row("ola", "search_deposits", "bergen", ALLOWED),
    Row("kari", "search_deposits", "bergen", 403),
    Row("faktura", "search_deposits", "bakery", 403),
    Row("admin", "search_deposits", "bergen", ALLOWED),
    Row("tekniker", "search_deposits", "bergen", 404),
]
# Reports (REP-1): made of the deposit history by whoever may search it; downloaded by whoever may read the
# customer's deposits; each user lists its own.
REPORT_ROWS = [
    Row("ola", "request_report", "bergen", ALLOWED),
    Row("ola", "download_report", "bergen", ALLOWED),
    Row("ola", "list_reports", "bergen", ALLOWED),
    Row("kari", "request_report", "bergen", 403),
    Row("kari", "download_report", "bergen", 403),
    Row("faktura", "request_report", "bakery", 403),
    Row("faktura", "download_report", "bergen", 404),
    Row("faktura", "list_reports", "bakery", ALLOWED),
    Row("admin", "request_report", "bergen", ALLOWED),
    Row("admin", "download_report", "bergen", ALLOWED),
    Row("selger", "download_report", "bergen", ALLOWED),
    Row("tekniker", "request_report", "bergen", 404),
    Row("tekniker", "download_report", "bergen", 404),
    Row("kari", "request_order_report", "bergen", ALLOWED),
    Row("faktura", "request_order_report", "bakery", 403),
]
# Printouts (DEP-2, ORD-4): a receipt's PDF for whoever reads the customer's deposits, an order confirmation's for
# whoever reads its orders; the order itself, whatever its kind, the same.
PRINTOUT_ROWS = [
    Row("ola", "print_receipt", "bergen", ALLOWED),
    Row("admin", "print_receipt", "bergen", ALLOWED),
    Row("kari", "print_receipt", "bergen", 403),
    Row("faktura", "print_receipt", "bakery", 403),
    Row("tekniker", "print_receipt", "bergen", 404),
    Row("selger", "print_receipt", "assigned", 404),  # the deposit is Bergen's: under another customer it is none
    Row("ola", "see_printout", "bergen", ALLOWED),
    Row("selger", "see_printout", "bergen", ALLOWED),
    Row("kari", "see_printout", "bergen", 403),
    Row("faktura", "see_printout", "bergen", 404),
    Row("tekniker", "see_printout", "bergen", 404),
    Row("kari", "print_confirmation", "bergen", ALLOWED),
    Row("admin", "print_confirmation", "bergen", ALLOWED),
    Row("faktura", "print_confirmation", "bakery", 403),
    Row("tekniker", "print_confirmation", "bergen", 404),
    Row("kari", "see_order", "bergen", ALLOWED),
    Row("ola", "see_order", "bergen", ALLOWED),
    Row("selger", "see_order", "bergen", ALLOWED),
    Row("faktura", "see_order", "bakery", 403),
    Row("tekniker", "see_order", "bergen", 404),
    Row("selger", "see_order", "assigned", 404),  # the order is Bergen's: under another customer it is none
]
# Booking slots (ORD-3, EMP-2): read with the order by whoever reads the customer's orders; added by the vendor's
# staff who may change the customer.
BOOKING_ROWS = [
    Row("ola", "list_slots", "bergen", ALLOWED),
    Row("kari", "list_slots", "bergen", ALLOWED),
    Row("admin", "list_slots", "bergen", ALLOWED),
    Row("faktura", "list_slots", "bakery", 403),
    Row("tekniker", "list_slots", "bergen", 404),
    Row("selger", "list_slots", "assigned", 404),  # the order is Bergen's: under another customer it is none
    Row("admin", "add_slot", "bergen", ALLOWED),
    Row("ola", "add_slot", "bergen", 403),
    Row("kari", "add_slot", "bergen", 403),
    Row("selger", "add_slot", "bergen", 403),
    Row("tekniker", "add_slot", "bergen", 404),
]
# Documents (DOC-1..7): sent by the customer's document handlers (kari, whose group role reaches Bergen), read by
# them, its invoice readers and staff who see the customer; settings changed by its user administrators and staff
# who may change the customer.
DOCUMENT_ROWS = [
    Row("kari", "send_document", "bergen", ALLOWED),
    Row("kari", "search_documents", "bergen", ALLOWED),
    Row("kari", "see_document", "bergen", ALLOWED),
    Row("kari", "list_partners", "bergen", ALLOWED),
    Row("kari", "see_document_settings", "bergen", ALLOWED),
    Row("kari", "save_document_settings", "bergen", ALLOWED),
    Row("kari", "search_documents", "bakery", 404),
    Row("ola", "send_document", "bergen", 403),
    Row("ola", "search_documents", "bergen", 403),
    Row("ola", "see_document", "bergen", 403),
    Row("ola", "save_document_settings", "bergen", 403),
    Row("faktura", "search_documents", "bakery", ALLOWED),
    Row("faktura", "send_document", "bakery", ALLOWED),
    Row("faktura", "search_documents", "bergen", 404),
    Row("admin", "search_documents", "bergen", ALLOWED),
    Row("admin", "see_document", "bergen", ALLOWED),
    Row("admin", "send_document", "bergen", 403),
    Row("admin", "save_document_settings", "bergen", ALLOWED),
    Row("selger", "search_documents", "bergen", ALLOWED),
    Row("selger", "save_document_settings", "bergen", 403),
    Row("selger", "save_document_settings", "assigned", ALLOWED),
    Row("tekniker", "search_documents", "bergen", 404),
    Row("tekniker", "see_document", "bergen", 404),
    Row("selger", "see_document", "assigned", 404),  # the document is Bergen's: under another customer it is none
    Row("kari", "check_correction", "bergen", ALLOWED),
    Row("kari", "correct_document", "bergen", ALLOWED),
    Row("kari", "refuse_document", "bergen", ALLOWED),
    Row("kari", "see_document_file", "bergen", ALLOWED),
    Row("ola", "correct_document", "bergen", 403),
    Row("ola", "see_document_file", "bergen", 403),
    Row("admin", "correct_document", "bergen", 403),
    Row("admin", "refuse_document", "bergen", 403),
    Row("admin", "see_document_file", "bergen", ALLOWED),
    Row("faktura", "correct_document", "bergen", 404),
    Row("tekniker", "see_document_file", "bergen", 404),
    Row("kari", "document_statistics", "group", ALLOWED),
    Row("kari", "document_statistics", "bergen", ALLOWED),
    Row("ola", "document_statistics", "bergen", 403),
    Row("admin", "document_statistics", "group", ALLOWED),
    Row("tekniker", "document_statistics", "group", 404),
    Row("faktura", "document_statistics", "group", 404),
    Row("kari", "ask_viewing_copy", "bergen", ALLOWED),
    Row("admin", "ask_viewing_copy", "bergen", ALLOWED),
    Row("ola", "ask_viewing_copy", "bergen", 403),
    Row("tekniker", "ask_viewing_copy", "bergen", 404),
    Row("kari", "see_viewing_copy", "bergen", ALLOWED),
    Row("ola", "see_viewing_copy", "bergen", 403),
    Row("kari", "save_document_logo", "bergen", ALLOWED),
    Row("ola", "save_document_logo", "bergen", 403),
    Row("selger", "save_document_logo", "bergen", 403),
    # Smartmail's failed prints (DOC-7): the vendor's administrators see and redrive them.
    Row("admin", "failed_print_jobs", "group", ALLOWED),
    Row("admin", "redrive_print_jobs", "group", ALLOWED),
    Row("selger", "failed_print_jobs", "group", 403),
    Row("selger", "redrive_print_jobs", "group", 403),
    Row("kari", "failed_print_jobs", "group", 403),
    Row("faktura", "redrive_print_jobs", "bakery", 403),
]
# API keys (DOC-3): created by the customer's user administrators, who list and revoke them, as may staff who change
# customers' users (never create). A key reaches its own customer's documents only, within its role; "send-key" is
# the demo key Bergen's accounting system sends with, "read-key" one that only reads.
API_KEY_ROWS = [
    Row("kari", "list_api_keys", "bergen", ALLOWED),
    Row("kari", "create_api_key", "bergen", ALLOWED),
    Row("kari", "revoke_api_key", "bergen", ALLOWED),
    Row("kari", "list_api_keys", "bakery", 404),
    Row("ola", "list_api_keys", "bergen", 403),
    Row("ola", "create_api_key", "bergen", 403),
    Row("faktura", "list_api_keys", "bakery", 403),
    Row("admin", "list_api_keys", "bergen", ALLOWED),
    Row("admin", "revoke_api_key", "bergen", ALLOWED),
    Row("admin", "create_api_key", "bergen", 403),
    Row("selger", "list_api_keys", "bergen", 403),
    Row("selger", "revoke_api_key", "bergen", 403),
    Row("tekniker", "list_api_keys", "bergen", 404),
    Row("send-key", "search_documents", "bergen", ALLOWED),
    Row("send-key", "send_document", "bergen", ALLOWED),
    Row("send-key", "see_document", "bergen", ALLOWED),
    Row("send-key", "see_document_file", "bergen", ALLOWED),
    Row("send-key", "ask_viewing_copy", "bergen", ALLOWED),
    Row("send-key", "see_viewing_copy", "bergen", ALLOWED),
    Row("send-key", "search_documents", "bakery", 404),
    Row("send-key", "see_document", "group", 404),
    Row("send-key", "list_partners", "bergen", 403),
    Row("send-key", "correct_document", "bergen", 403),
    Row("send-key", "see_document_settings", "bergen", 403),
    Row("send-key", "list_api_keys", "bergen", 403),
    Row("send-key", "create_api_key", "bergen", 403),
    Row("send-key", "list_orders", "bergen", 403),
    Row("send-key", "list_users", "bergen", 403),
    Row("read-key", "search_documents", "bergen", ALLOWED),
    Row("read-key", "see_viewing_copy", "bergen", ALLOWED),
    Row("read-key", "send_document", "bergen", 403),
    Row("read-key", "ask_viewing_copy", "bergen", ALLOWED),
    # Webhooks follow the same rule as API keys.
    Row("kari", "list_webhooks", "bergen", ALLOWED),
    Row("kari", "create_webhook", "bergen", ALLOWED),
    Row("kari", "webhook_deliveries", "bergen", ALLOWED),
    Row("kari", "delete_webhook", "bakery", 404),
    Row("ola", "list_webhooks", "bergen", 403),
    Row("ola", "create_webhook", "bergen", 403),
    Row("ola", "webhook_deliveries", "bergen", 403),
    Row("faktura", "create_webhook", "bakery", 403),
    Row("admin", "list_webhooks", "bergen", ALLOWED),
    Row("admin", "webhook_deliveries", "bergen", ALLOWED),
    Row("admin", "create_webhook", "bergen", 403),
    Row("selger", "list_webhooks", "bergen", 403),
    Row("selger", "delete_webhook", "bergen", 403),
    Row("tekniker", "list_webhooks", "bergen", 404),
    Row("send-key", "list_webhooks", "bergen", 403),
    Row("send-key", "create_webhook", "bergen", 403),
]
# Service cases (CASE-1..3, AUTH-4): seen as the login's scopes allow (a case of Bergen's, filed by ola, and one of
# the account manager's and technician's own customer, filed by admin); filed by portal users on what they may choose
# and by staff who may change the customer; moved on and worked by staff who may change its customer. Filing is
# probed for real: an allowed row files a case (cases only add up). The case settings are the administrators'.
CASE_ROWS = [
    Row("ola", "find_cases", "bergen", ALLOWED),
    Row("ola", "see_case", "bergen", ALLOWED),
    Row("kari", "see_case", "bergen", ALLOWED),  # her group's subsidiary
    Row("faktura", "see_case", "bergen", 404),
    Row("admin", "see_case", "bergen", ALLOWED),
    Row("selger", "see_case", "bergen", ALLOWED),
    Row("tekniker", "see_case", "bergen", 404),  # View assigned only: not assigned to it
    Row("tekniker", "see_case", "assigned", ALLOWED),
    Row("ola", "file_case", "bergen", ALLOWED),
    Row("faktura", "file_case", "bergen", 404),
    Row("admin", "file_case", "bergen", ALLOWED),
    Row("selger", "file_case", "bergen", 403),  # sees Bergen, may not change it
    Row("tekniker", "file_case", "bergen", 404),
    Row("ola", "case_choices", "bergen", ALLOWED),
    Row("admin", "change_case", "bergen", ALLOWED),
    Row("selger", "change_case", "bergen", 403),
    Row("selger", "change_case", "assigned", ALLOWED),
    Row("tekniker", "change_case", "assigned", ALLOWED),
    Row("tekniker", "change_case", "bergen", 404),
    Row("ola", "change_case", "bergen", 403),
    Row("kari", "change_case", "bergen", 403),
    Row("admin", "add_work_order", "bergen", ALLOWED),
    Row("ola", "add_work_order", "bergen", 403),
    Row("tekniker", "add_work_order", "assigned", ALLOWED),
    Row("admin", "close_work_order", "bergen", ALLOWED),
    Row("ola", "close_work_order", "bergen", 403),
    Row("admin", "add_article_row", "bergen", ALLOWED),
    Row("kari", "add_article_row", "bergen", 403),
    Row("selger", "add_article_row", "bergen", 403),
    Row("admin", "see_case_settings", "group", ALLOWED),
    Row("admin", "save_case_settings", "group", ALLOWED),
    Row("selger", "see_case_settings", "group", 403),
    Row("selger", "save_case_settings", "group", 403),
    Row("kari", "save_case_settings", "group", 403),
    Row("send-key", "find_cases", "bergen", 403),
    Row("send-key", "file_case", "bergen", 403),
]
# Assignment (ORG-4): staff with the Assign right (administrators, account managers) on the customers they see; the
# menu's groups are listed to them and kept by administrators. Probes name a user who is not staff (assigning answers
# unknown_staff) or not assigned (unassigning answers not_assigned), so nothing changes.
ASSIGNMENT_ROWS = [
    Row("admin", "assign", "bergen", ALLOWED),
    Row("selger", "assign", "bergen", ALLOWED),
    Row("selger", "unassign", "bergen", ALLOWED),
    Row("tekniker", "assign", "assigned", 403),
    Row("tekniker", "unassign", "assigned", 403),
    Row("kari", "assign", "bergen", 403),
    Row("ola", "assign", "group", 404),
    Row("selger", "list_assignees", "bergen", ALLOWED),
    Row("tekniker", "list_assignees", "assigned", ALLOWED),
    Row("kari", "list_assignees", "bergen", 403),
    Row("selger", "staff_groups", "group", ALLOWED),
    Row("tekniker", "staff_groups", "group", 403),
    Row("kari", "staff_groups", "group", 403),
    Row("admin", "save_staff_groups", "group", ALLOWED),
    Row("selger", "save_staff_groups", "group", 403),
]
# Logins made by staff (AUTH-2): contacts' personal logins in bulk and a customer's shared invoice-customer and object
# logins by staff who create customer users; a new password link by whoever changes the customer's users. Probes name
# an unknown contact (reported not_found), a taken username (user_exists) or one's own login (own_login).
LOGIN_ROWS = [
    Row("admin", "contact_logins", "group", ALLOWED),
    Row("selger", "contact_logins", "group", ALLOWED),
    Row("tekniker", "contact_logins", "group", 403),
    Row("kari", "contact_logins", "group", 403),
    Row("admin", "shared_login", "bergen", ALLOWED),
    Row("selger", "shared_login", "bergen", ALLOWED),
    Row("tekniker", "shared_login", "bergen", 404),
    Row("tekniker", "shared_login", "assigned", 403),
    Row("kari", "shared_login", "bergen", 403),
    Row("admin", "reset_login", "bergen", ALLOWED),
    Row("kari", "reset_login", "group", ALLOWED),  # her own login: refused as such, after the policy
    Row("selger", "reset_login", "bergen", 403),
    Row("ola", "reset_login", "bergen", 403),
]
# Invoice specifications (CASE-4, AUTH-4): published by staff who may change the customer; seen by them and by the
# contacts linked to the customer (ola at Bergen, kari through her group), not by invoice-customer logins; reviewed
# by those contacts only. Probes publish a period without work (nothing_to_specify) and review with an outdated
# version.
SPECIFICATION_ROWS = [
    Row("admin", "publish_specification", "bergen", ALLOWED),
    Row("selger", "publish_specification", "bergen", 403),
    Row("ola", "publish_specification", "bergen", 403),
    Row("tekniker", "publish_specification", "bergen", 404),
    Row("admin", "list_specifications", "bergen", ALLOWED),
    Row("ola", "list_specifications", "bergen", ALLOWED),
    Row("kari", "list_specifications", "bergen", ALLOWED),
    Row("faktura", "list_specifications", "bakery", 403),
    Row("faktura", "list_specifications", "bergen", 404),
    Row("ola", "see_specification", "bergen", ALLOWED),
    Row("faktura", "see_specification", "bakery", 403),
    Row("ola", "review_specification", "bergen", ALLOWED),
    Row("kari", "review_specification", "bergen", ALLOWED),
    Row("admin", "review_specification", "bergen", 403),
    Row("faktura", "review_specification", "bakery", 403),
    Row("tekniker", "review_specification", "bergen", 404),
]
# Quotes (seed 003): made by staff who may change the customer; seen by them and the customer's orderers and order
# approvers, who accept or decline them. Probes make one with a last day past (date_in_past) and decide with an
# outdated version.
QUOTE_ROWS = [
    Row("admin", "create_quote", "bergen", ALLOWED),
    Row("selger", "create_quote", "bergen", 403),
    Row("selger", "create_quote", "assigned", ALLOWED),
    Row("ola", "create_quote", "bergen", 403),
    Row("tekniker", "create_quote", "bergen", 404),
    Row("ola", "list_quotes", "bergen", ALLOWED),
    Row("kari", "list_quotes", "bergen", ALLOWED),
    Row("selger", "list_quotes", "bergen", ALLOWED),
    Row("faktura", "list_quotes", "bakery", 403),
    Row("ola", "decide_quote", "bergen", ALLOWED),
    Row("kari", "decide_quote", "bergen", ALLOWED),
    Row("admin", "decide_quote", "bergen", 403),
    Row("faktura", "decide_quote", "bakery", 403),
    Row("tekniker", "decide_quote", "bergen", 404),
]
# Files (CASE-5, AUTH-3, AUTH-4): uploaded by staff with the Upload right to the customers they see; read by staff
# who see the customer and by the contacts linked to it (ola at Bergen, kari through her group); deleted by staff with
# "Delete uploaded files" only. The refused deletions come before the one that deletes.
FILE_ROWS = [
    Row("admin", "upload_file", "bergen", ALLOWED),
    Row("selger", "upload_file", "bergen", ALLOWED),
    Row("tekniker", "upload_file", "bergen", 404),
    Row("tekniker", "upload_file", "assigned", ALLOWED),
    Row("ola", "upload_file", "bergen", 403),
    Row("ola", "list_files", "bergen", ALLOWED),
    Row("kari", "list_files", "bergen", ALLOWED),
    Row("faktura", "list_files", "bakery", ALLOWED),
    Row("faktura", "list_files", "bergen", 404),
    Row("tekniker", "list_files", "bergen", 404),
    Row("ola", "get_file", "bergen", ALLOWED),
    Row("kari", "get_file", "bergen", ALLOWED),
    Row("faktura", "get_file", "bergen", 404),
    Row("selger", "delete_file", "bergen", 403),
    Row("ola", "delete_file", "bergen", 403),
    Row("faktura", "delete_file", "bergen", 404),
    Row("tekniker", "delete_file", "bergen", 404),
    Row("admin", "delete_file", "bergen", ALLOWED),
]
# Deleting a customer (AUTH-3 "Delete", administrators): probed with an outdated version, so nothing goes.
DELETE_CUSTOMER_ROWS = [
    Row("admin", "delete_customer", "unassigned", ALLOWED),
    Row("selger", "delete_customer", "assigned", 403),
    Row("tekniker", "delete_customer", "unassigned", 404),
    Row("tekniker", "delete_customer", "assigned", 403),
    Row("kari", "delete_customer", "bergen", 403),
]
# Employees (EMP-1): the customer's employee administrators find, add, change and deactivate them and alone reveal
# a number; staff who see the customer read them (masked). Changes are probed with an outdated version.
EMPLOYEE_ROWS = [
    Row("kari", "list_employees", "bergen", ALLOWED),
    Row("kari", "add_employee", "bergen", ALLOWED),
    Row("kari", "see_employee", "bergen", ALLOWED),
    Row("kari", "change_employee", "bergen", ALLOWED),
    Row("kari", "employee_status", "bergen", ALLOWED),
    Row("kari", "reveal_national_id", "bergen", ALLOWED),
    Row("kari", "lookup_employee", "bergen", ALLOWED),
    Row("kari", "employee_history", "bergen", ALLOWED),
    Row("ola", "employee_history", "bergen", 403),
    Row("faktura", "employee_history", "bergen", 404),
    Row("admin", "employee_history", "bergen", ALLOWED),
    Row("ola", "list_employees", "bergen", 403),
    Row("ola", "add_employee", "bergen", 403),
    Row("ola", "see_employee", "bergen", 403),
    Row("ola", "reveal_national_id", "bergen", 403),
    Row("faktura", "list_employees", "bergen", 404),
    Row("faktura", "see_employee", "bergen", 404),
    Row("faktura", "add_employee", "bakery", 403),
    Row("admin", "list_employees", "bergen", ALLOWED),
    Row("admin", "see_employee", "bergen", ALLOWED),
    Row("admin", "lookup_employee", "bergen", ALLOWED),
    Row("admin", "add_employee", "bergen", 403),
    Row("admin", "change_employee", "bergen", 403),
    Row("admin", "employee_status", "bergen", 403),
    Row("admin", "reveal_national_id", "bergen", 403),
    Row("selger", "list_employees", "assigned", ALLOWED),
    Row("tekniker", "list_employees", "unassigned", 404),
    Row("tekniker", "list_employees", "assigned", ALLOWED),
    Row("tekniker", "see_employee", "unassigned", 404),
]
# Bookings (EMP-2): the customer's employee administrators book its employees into the vendor's slots (and remove
# them); staff who may change the customer move and cancel slots (probed with an outdated version).
APPOINTMENT_ROWS = [
    Row("kari", "list_bookings", "bergen", ALLOWED),
    Row("kari", "book_employee", "bergen", ALLOWED),
    Row("admin", "list_bookings", "bergen", ALLOWED),
    Row("admin", "book_employee", "bergen", 403),
    Row("ola", "list_bookings", "bergen", 403),
    Row("ola", "book_employee", "bergen", 403),
    Row("ola", "unbook_employee", "bergen", 403),
    Row("faktura", "list_bookings", "bergen", 404),
    Row("faktura", "book_employee", "bergen", 404),
    Row("admin", "move_slot", "bergen", ALLOWED),
    Row("admin", "cancel_slot", "bergen", ALLOWED),
    Row("selger", "move_slot", "bergen", 403),
    Row("kari", "move_slot", "bergen", 403),
    Row("kari", "cancel_slot", "bergen", 403),
    Row("faktura", "cancel_slot", "bergen", 404),
    Row("helse", "list_bookings", "bergen", ALLOWED),
    Row("helse", "book_employee", "bergen", 403),
    Row("helse", "move_slot", "bergen", 403),
]
# Self-declarations (EMP-2): special-category data, read by the vendor's health personnel alone — not the employer's
# employee administrator, not the administrator, not an account manager; another tenant's login as for an unknown id.
DECLARATION_ROWS = [
    Row("helse", "read_declaration", "bergen", ALLOWED),
    Row("kari", "read_declaration", "bergen", 403),
    Row("admin", "read_declaration", "bergen", 403),
    Row("selger", "read_declaration", "bergen", 403),
    Row("ola", "read_declaration", "bergen", 403),
    Row("faktura", "read_declaration", "bergen", 404),
    Row("tekniker", "read_declaration", "unassigned", 404),
]
# Invoices (INV-1): read by the customer's invoice readers and the staff who see it; registered, with their payments
# and credit notes, by staff who may change it (payments probed with an outdated version).
INVOICE_ROWS = [
    Row("faktura", "list_invoices", "bakery", ALLOWED),
    Row("kari", "list_invoices", "bergen", ALLOWED),
    Row("ola", "list_invoices", "bergen", 403),
    Row("faktura", "list_invoices", "bergen", 404),
    Row("admin", "list_invoices", "bergen", ALLOWED),
    Row("tekniker", "list_invoices", "unassigned", 404),
    Row("kari", "see_invoice", "bergen", ALLOWED),
    Row("ola", "see_invoice", "bergen", 403),
    Row("faktura", "see_invoice", "bergen", 404),
    Row("admin", "register_invoice", "bergen", ALLOWED),
    Row("selger", "register_invoice", "bergen", 403),
    Row("kari", "register_invoice", "bergen", 403),
    Row("admin", "register_payment", "bergen", ALLOWED),
    Row("kari", "register_payment", "bergen", 403),
    Row("admin", "register_credit_note", "bergen", ALLOWED),
    Row("faktura", "register_credit_note", "bergen", 404),
]
# Support tickets (DOC-8): opened by the customer's users, read by them and by staff who see the customer, answered
# and moved on by staff who may change it; the overview of every customer's tickets is for staff who see them all.
# Replies and status changes are probed with an outdated version.
TICKET_ROWS = [
    Row("ola", "open_ticket", "bergen", ALLOWED),
    Row("faktura", "open_ticket", "bakery", ALLOWED),
    Row("admin", "open_ticket", "bergen", 403),
    Row("faktura", "open_ticket", "bergen", 404),
    Row("tekniker", "open_ticket", "bergen", 404),
    Row("kari", "list_tickets", "bergen", ALLOWED),
    Row("selger", "list_tickets", "bergen", ALLOWED),
    Row("faktura", "list_tickets", "bergen", 404),
    Row("ola", "see_ticket", "bergen", ALLOWED),
    Row("faktura", "see_ticket", "bergen", 404),
    Row("ola", "reply_ticket", "bergen", ALLOWED),
    Row("admin", "reply_ticket", "bergen", ALLOWED),
    Row("selger", "reply_ticket", "bergen", 403),
    Row("selger", "reply_ticket", "assigned", 404),  # no such ticket at that customer: after the policy
    Row("admin", "ticket_status", "bergen", ALLOWED),
    Row("selger", "ticket_status", "bergen", 403),
    Row("ola", "ticket_status", "bergen", 403),
    Row("admin", "ticket_overview", "bergen", ALLOWED),
    Row("selger", "ticket_overview", "bergen", ALLOWED),
    Row("tekniker", "ticket_overview", "bergen", 403),
    Row("ola", "ticket_overview", "bergen", 403),
    # attachments: the ticket's readers attach files (staff with the Upload right)
    Row("ola", "attach_to_ticket", "bergen", ALLOWED),
    Row("kari", "attach_to_ticket", "bergen", ALLOWED),
    Row("selger", "attach_to_ticket", "bergen", ALLOWED),
    Row("faktura", "attach_to_ticket", "bergen", 404),
    Row("tekniker", "attach_to_ticket", "bergen", 404),
]
# Dashboards (CASE-6, AUTH-4): staff for the customers they see; a contact linked to the customer in its view of its
# customers; nobody else's customer.
DASHBOARD_ROWS = [
    Row("admin", "staff_dashboard", "bergen", ALLOWED),
    Row("selger", "staff_dashboard", "bergen", ALLOWED),
    Row("tekniker", "staff_dashboard", "bergen", 404),
    Row("tekniker", "staff_dashboard", "assigned", ALLOWED),
    Row("ola", "customer_dashboard", "bergen", ALLOWED),
    Row("kari", "customer_dashboard", "bergen", ALLOWED),
    Row("faktura", "customer_dashboard", "bakery", ALLOWED),
    Row("faktura", "customer_dashboard", "bergen", 404),
    Row("ola", "staff_dashboard", "bergen", 403),
]
# Bulk upload of a register (ORG-3): staff with the Create right (administrators, account managers) only.
IMPORT_ROWS = [
    Row("admin", "start_import", "bergen", ALLOWED),
    Row("selger", "start_import", "bergen", ALLOWED),
    Row("tekniker", "start_import", "bergen", 403),
    Row("kari", "start_import", "bergen", 403),
    Row("selger", "list_imports", "bergen", ALLOWED),
    Row("tekniker", "list_imports", "bergen", 403),
    Row("ola", "list_imports", "bergen", 403),
    Row("admin", "see_import", "bergen", ALLOWED),
    Row("tekniker", "see_import", "bergen", 403),
    Row("faktura", "see_import", "bergen", 403),
]
# An invoice in another company's name: an allowed sending is refused as not_the_sender, and nothing is sent.
FOREIGN_INVOICE = (
    b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
    b'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
    b'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>M-1</cbc:ID>'
    b"<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Andre AS"
    b"</cbc:RegistrationName><cbc:CompanyID>974760673</cbc:CompanyID></cac:PartyLegalEntity></cac:Party>"
    b"</cac:AccountingSupplierParty></Invoice>"
)
# More than 13 months: an allowed request is refused as date_range_too_long, and no report is made.
TOO_LONG_REPORT = {"format": "csv", "filters": {"date_from": "2020-01-01"}}
FUTURE_SLIP = {
    "deposit_date": "2999-01-01",
    "bag_number": "000000000001",
    "lines": [{"denomination": "note-100", "pieces": 1}],
}
COUNTING = {"lines": [{"denomination": "note-100", "pieces": 1}], "version": OUTDATED}
PAST_CHANGE_ORDER = {"delivery_date": "2020-01-06", "lines": [{"denomination": "note-100", "pieces": 1}]}
AGREEMENT = {"currency": "NOK", "delivery_weekdays": ["monday"], "credit_limit": 100}
UNKNOWN_CONTRACT_ORDER = {
    "department_id": "01JNOSUCHDEPARTMENT0000000",
    "contract_id": "01JNOSUCHCONTRACT000000000",
    "product_group": "Helsekontroll",
    "description": "Probe",
}
UNORDERABLE = {
    "lines": [{"product_id": "01JNOSUCHPRODUCT0000000000", "quantity": 1}],
    "delivery_address": {"recipient": "Matrise", "address": "Gate 1", "postal_code": "5013", "city": "Bergen"},
}
SUPPORT = {
    "phone": "+47 21 00 00 00",
    "email": "kundeservice@kundeportal.example",
    "opening_hours": {"nb": "Man–fre 08–16", "sv": "Mån–fre 08–16", "en": "Mon–Fri 8:00–16:00"},
}


@pytest.fixture(scope="module")
def admin_api(runtime: Runtime, demo: DemoData) -> ApiClient:
    return ApiClient(runtime.gateway)


@pytest.fixture(scope="module")
def tokens(admin_api: ApiClient) -> dict[str, str]:
    return {who: admin_api.login(USERNAMES.get(who, who), email=email) for who, email in EMAILS.items()}


@pytest.fixture(scope="module")
def customers(admin_api: ApiClient, tokens: dict[str, str], demo: DemoData) -> dict[str, str]:
    """This test's own customers: one assigned to the account manager and the technician, one to no one."""
    from portal.wiring import customer_repository

    created = {}
    for key in ("assigned", "unassigned"):
        body = {"name": f"Matrise {key} AS", "number": str(uuid.uuid4().int)[:7]}
        reply = admin_api.post("/customers", token=tokens["admin"], body=body)
        assert reply.status == 201, reply.body
        created[key] = reply.body["customer_id"]
    repository = customer_repository()
    for username in ("selger", "tekniker"):
        customer = repository.get(created["assigned"])
        assert customer is not None
        repository.assign(customer, username, actor="admin", at=customer.updated_at)
    return {**demo.customer_ids, **created}


def user_ids(api: ApiClient, admin: str, customer_id: str) -> dict[str, str]:
    listed = api.get(f"/customers/{customer_id}/users", token=admin)
    assert listed.status == 200, listed.body
    return {user["username"]: user["user_id"] for user in listed.body["items"]}


@pytest.fixture(scope="module")
def bergen_order(admin_api: ApiClient, tokens: dict[str, str], demo: DemoData) -> str:
    """An order of Bergen's that the delivery rows probe with an outdated version (so none is delivered)."""
    body = {
        "lines": [{"product_id": demo.product_ids["slips"], "quantity": 1}],
        "delivery_address": {"recipient": "Matrise", "address": "Gate 1", "postal_code": "5013", "city": "Bergen"},
    }
    placed = admin_api.post(f"/customers/{demo.customer_ids['bergen']}/supplies-orders", token=tokens["ola"], body=body)
    assert placed.status == 201, placed.body
    return str(placed.body["order_id"])


@pytest.fixture(scope="module")
def bergen_change_order(admin_api: ApiClient, tokens: dict[str, str], demo: DemoData) -> str:
    """A change order of Bergen's that the deletion rows probe with an outdated version (so none is deleted)."""
    bergen = demo.customer_ids["bergen"]
    agreement = admin_api.get(f"/customers/{bergen}/cash-agreement", token=tokens["admin"]).body
    weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"]
    body = {"version": agreement["version"], "currency": "NOK", "delivery_weekdays": weekdays, "credit_limit": 10**9}
    saved = admin_api.call("PUT", f"/customers/{bergen}/cash-agreement", token=tokens["admin"], body=body)
    assert saved.status == 200, saved.body
    delivery = local_today() + timedelta(days=7)
    while not is_business_day(delivery, Currency.NOK):
        delivery += timedelta(days=1)
    order = {"delivery_date": delivery.isoformat(), "lines": [{"denomination": "note-100", "pieces": 1}]}
    placed = admin_api.post(f"/customers/{bergen}/change-orders", token=tokens["ola"], body=order)
    assert placed.status == 201, placed.body
    return str(placed.body["order_id"])


@pytest.fixture(scope="module")
def bergen_service_order(admin_api: ApiClient, tokens: dict[str, str], demo: DemoData) -> tuple[str, str]:
    """A contract of Bergen's and a service order under it, which the rows probe with an outdated version."""
    bergen = demo.customer_ids["bergen"]
    terms = {"name": "Matrise", "product_groups": ["Helsekontroll"]}
    contract = admin_api.post(f"/customers/{bergen}/contracts", token=tokens["admin"], body=terms)
    assert contract.status == 201, contract.body
    body = {
        "department_id": demo.department_ids["bergen-shop"],
        "contract_id": contract.body["contract_id"],
        "product_group": "Helsekontroll",
        "description": "Matrise",
    }
    placed = admin_api.post(f"/customers/{bergen}/service-orders", token=tokens["ola"], body=body)
    assert placed.status == 201, placed.body
    return str(contract.body["contract_id"]), str(placed.body["order_id"])


@pytest.fixture(scope="module")
def bergen_slot(
    admin_api: ApiClient, tokens: dict[str, str], demo: DemoData, bergen_service_order: tuple[str, str]
) -> str:
    """A slot on the matrix's service order, a month ahead, with room for every booking the rows make."""
    starts = (datetime.now(UTC) + timedelta(days=30)).replace(microsecond=0)
    body = {"place": "Matrise", "starts_at": starts.isoformat(), "duration_minutes": 30, "capacity": 5}
    path = f"/customers/{demo.customer_ids['bergen']}/service-orders/{bergen_service_order[1]}/booking-slots"
    made = admin_api.post(path, token=tokens["admin"], body=body)
    assert made.status == 201, made.body
    return str(made.body["slot_id"])


@pytest.fixture(scope="module")
def bergen_declaration(
    runtime: Runtime,
    admin_api: ApiClient,
    tokens: dict[str, str],
    demo: DemoData,
    bergen_service_order: tuple[str, str],
) -> tuple[str, str]:
    """A slot that asks for a self-declaration, an employee of Bergen's booked into it, and the answers sent through
    the invitation's link: (slot, employee)."""
    from infrastructure.local import mailbox

    bergen, kari = demo.customer_ids["bergen"], tokens["kari"]
    starts = (datetime.now(UTC) + timedelta(days=30)).replace(microsecond=0)
    body = {"place": "Matrise", "starts_at": starts.isoformat(), "duration_minutes": 30, "capacity": 2}
    slots = f"/customers/{bergen}/service-orders/{bergen_service_order[1]}/booking-slots"
    slot = admin_api.post(slots, token=tokens["admin"], body={**body, "self_declaration": True}).body["slot_id"]
    person = {"first_name": "Erklæring", "last_name": "Matrise", "email": f"erkl.{uuid.uuid4().hex[:6]}@example.no"}
    employee = admin_api.post(f"/customers/{bergen}/employees", token=kari, body=person).body["employee_id"]
    booked = admin_api.post(f"{slots}/{slot}/bookings", token=kari, body={"employee_id": employee})
    assert booked.status == 201, booked.body
    runtime.streams.drain()
    [invitation] = mailbox.messages_to(person["email"])
    token = invitation["body"].split("/#/self-declaration/")[1].split()[0]
    answers = {"general_health": "good", "takes_medication": False, "chronic_illness": False, "confirmed": True}
    answers |= dict.fromkeys(
        ["hearing_problems", "breathing_problems", "skin_problems", "musculoskeletal_problems"], False
    )
    sent = admin_api.post("/self-declarations", body={"token": token, "answers": answers})
    assert sent.status == 200, sent.body
    return str(slot), str(employee)


@pytest.fixture(scope="module")
def bergen_invoice(admin_api: ApiClient, tokens: dict[str, str], customers: dict[str, str]) -> str:
    """An invoice of Bergen's that the payment rows probe with an outdated version."""
    body = {"number": f"M-{uuid.uuid4().hex[:8]}", "invoice_date": "2026-01-05", "due_date": "2026-01-25"}
    made = admin_api.post(
        f"/customers/{customers['bergen']}/invoices",
        token=tokens["admin"],
        body={**body, "total_minor": 1000_00, "currency": "NOK"},
    )
    assert made.status == 201, made.body
    return str(made.body["invoice_id"])


@pytest.fixture(scope="module")
def bergen_deposit(admin_api: ApiClient, tokens: dict[str, str], demo: DemoData) -> str:
    """A slip of Bergen's that the reversal and counting rows probe with an outdated version."""
    body = {**FUTURE_SLIP, "deposit_date": local_today().isoformat(), "bag_number": str(uuid.uuid4().int)[:12]}
    registered = admin_api.post(f"/customers/{demo.customer_ids['bergen']}/deposits", token=tokens["ola"], body=body)
    assert registered.status == 201, registered.body
    return str(registered.body["deposit_id"])


@pytest.fixture(scope="module")
def bergen_printout(admin_api: ApiClient, tokens: dict[str, str], demo: DemoData, bergen_deposit: str) -> str:
    """The receipt of Bergen's deposit as a PDF, queued (and never made here: the queues are not polled)."""
    asked = admin_api.post(
        f"/customers/{demo.customer_ids['bergen']}/printouts",
        token=tokens["ola"],
        body={"document": "deposit_receipt", "subject_id": bergen_deposit},
    )
    assert asked.status == 202, asked.body
    return str(asked.body["printout_id"])


@pytest.fixture(scope="module")
def bergen_document(admin_api: ApiClient, tokens: dict[str, str], demo: DemoData) -> str:
    """An invoice Bergen sent (received, never processed here: the queues are not polled)."""
    from decimal import Decimal

    from infrastructure.local.sample_documents import SampleParty, invoice

    content = invoice(
        number=f"M-{uuid.uuid4().hex[:8]}",
        seller=SampleParty("Nordlys Bergen AS", "912345696"),
        buyer=SampleParty("Bygg og Anlegg Vest AS", "974760673"),
        lines=[("Matrise", Decimal(1), Decimal(1))],
    )
    body = {"content_base64": base64.b64encode(content).decode()}
    sent = admin_api.post(f"/customers/{demo.customer_ids['bergen']}/documents", token=tokens["kari"], body=body)
    assert sent.status == 202, sent.body
    return str(sent.body["document_id"])


@pytest.fixture(scope="module")
def bergen_copy(admin_api: ApiClient, tokens: dict[str, str], demo: DemoData, bergen_document: str) -> str:
    """A viewing copy of Bergen's document, queued (never made here: the queues are not polled)."""
    path = f"/customers/{demo.customer_ids['bergen']}/documents/{bergen_document}/viewing-copies"
    asked = admin_api.post(path, token=tokens["kari"], body={"channel": "email"})
    assert asked.status == 202, asked.body
    return str(asked.body["copy_id"])


@pytest.fixture(scope="module")
def bergen_report(admin_api: ApiClient, tokens: dict[str, str], demo: DemoData) -> str:
    """A report of Bergen's deposits, queued and never made here (the runtime's queues are not polled): the
    download rows are answered `report_not_ready` once the policy lets them through."""
    asked = admin_api.post(f"/customers/{demo.customer_ids['bergen']}/reports", token=tokens["ola"], body={})
    assert asked.status == 202, asked.body
    return str(asked.body["report_id"])


@pytest.fixture(scope="module")
def api_keys(admin_api: ApiClient, tokens: dict[str, str], demo: DemoData) -> dict[str, str]:
    """The demo key that sends for Bergen, and a reading key Bergen's user administrator creates here."""
    from infrastructure.local.demo import DEMO_API_KEYS

    body = {"name": "Probe", "role": "read_documents", "expires_on": (local_today() + timedelta(days=30)).isoformat()}
    created = admin_api.post(f"/customers/{demo.customer_ids['bergen']}/api-keys", token=tokens["kari"], body=body)
    assert created.status == 201, created.body
    sending = next(key for key in DEMO_API_KEYS if key.customer == "bergen")
    return {"send-key": sending.api_key, "read-key": str(created.body["api_key"])}


@pytest.fixture(scope="module")
def bergen_webhook(admin_api: ApiClient, tokens: dict[str, str], demo: DemoData) -> str:
    """A webhook of Bergen's. The matrix never deletes it: its delete rows are refused, or aimed at Fjellbakeriet."""
    body = {"url": "https://erp.nordlys-bergen.example/hooks", "events": ["stopped"]}
    created = admin_api.post(f"/customers/{demo.customer_ids['bergen']}/webhooks", token=tokens["kari"], body=body)
    assert created.status == 201, created.body
    return str(created.body["webhook"]["webhook_id"])


@pytest.fixture(scope="module")
def probe_cases(admin_api: ApiClient, tokens: dict[str, str], customers: dict[str, str]) -> dict[str, str]:
    """A case of Bergen's (filed by ola) and one of this test's assigned customer (filed by admin), each with an open
    work order; the rows probe them with an outdated version, so none changes."""
    made = {}
    for key, who in (("bergen", "ola"), ("assigned", "admin")):
        body = {"title": "Matrise", "customer_id": customers[key]}
        filed = admin_api.post("/cases", token=tokens[who], body=body, headers={"Idempotency-Key": str(uuid.uuid4())})
        assert filed.status == 201, filed.body
        case = filed.body["case"]
        work = {"version": case["version"], "type": "repair", "description": "Matrise"}
        added = admin_api.post(f"/cases/{case['case_id']}/work-orders", token=tokens["admin"], body=work)
        assert added.status == 201, added.body
        made[key] = case["case_id"]
        made[f"{key}_work_order"] = added.body["work_orders"][0]["work_order_id"]
    return made


@pytest.fixture(scope="module")
def bergen_specification(admin_api: ApiClient, tokens: dict[str, str], customers: dict[str, str]) -> str:
    """An invoice specification of Bergen's (one closed work order with one row), never reviewed here."""
    admin = tokens["admin"]
    body = {"title": "Matrise", "customer_id": customers["bergen"]}
    case = admin_api.post("/cases", token=admin, body=body, headers={"Idempotency-Key": str(uuid.uuid4())}).body["case"]
    work = {"version": case["version"], "type": "repair", "description": "Matrise"}
    work_order = admin_api.post(f"/cases/{case['case_id']}/work-orders", token=admin, body=work).body["work_orders"][0]
    path = f"/cases/{case['case_id']}/work-orders/{work_order['work_order_id']}"
    row = {"version": 1, "article": "Matrise", "article_type": "work", "quantity": "1", "unit_price_minor": 100}
    assert admin_api.post(f"{path}/rows", token=admin, body={**row, "currency": "NOK", "vat_rate": "25"}).status == 201
    assert admin_api.post(f"{path}/close", token=admin, body={"version": 2}).status == 200
    today = local_today().isoformat()
    published = admin_api.post(
        f"/customers/{customers['bergen']}/invoice-specifications",
        token=admin,
        body={"period_from": today, "period_to": today},
    )
    assert published.status == 201, published.body
    return str(published.body["specification_id"])


@pytest.fixture(scope="module")
def bergen_quote(admin_api: ApiClient, tokens: dict[str, str], customers: dict[str, str]) -> str:
    """A quote to Bergen, never decided here."""
    body = {
        "title": "Matrise",
        "currency": "NOK",
        "valid_until": (local_today() + timedelta(days=30)).isoformat(),
        "lines": [{"description": "Matrise", "quantity": "1", "unit_price_minor": 100, "vat_rate": "25"}],
    }
    made = admin_api.post(f"/customers/{customers['bergen']}/quotes", token=tokens["admin"], body=body)
    assert made.status == 201, made.body
    return str(made.body["quote_id"])


@pytest.fixture(scope="module")
def bergen_files(
    runtime: Runtime, admin_api: ApiClient, tokens: dict[str, str], customers: dict[str, str]
) -> dict[str, str]:
    """Two ready files on Bergen: one read here, one deleted by the one row that may."""
    made = {
        key: upload_file(admin_api, runtime, tokens["admin"], PDF, name=f"{key}.pdf", customer_id=customers["bergen"])
        for key in ("file", "doomed_file")
    }
    return {key: str(file["file_id"]) for key, file in made.items()}


@pytest.fixture(scope="module")
def bergen_ticket(admin_api: ApiClient, tokens: dict[str, str], customers: dict[str, str]) -> str:
    """A support ticket Ola opened at Bergen."""
    body = {"subject": "Matrise", "description": "Prøve"}
    made = admin_api.post(f"/customers/{customers['bergen']}/tickets", token=tokens["ola"], body=body)
    assert made.status == 201, made.body
    return str(made.body["ticket_id"])


def unused_national_id() -> str:
    """A fødselsnummer with valid check digits no other test uses: a random birth date and individual number."""
    from stdnum.no import fodselsnummer

    generator = random.Random(uuid.uuid4().int)
    while True:
        first = f"{generator.randint(1, 28):02d}{generator.randint(1, 12):02d}{generator.randint(50, 99):02d}"
        first += f"{generator.randint(0, 499):03d}"
        check1 = fodselsnummer.calc_check_digit1(first + "00")
        check2 = fodselsnummer.calc_check_digit2(first + check1 + "0")
        if len(check1) == len(check2) == 1:
            return first + check1 + check2


@pytest.fixture(scope="module")
def bergen_employee(admin_api: ApiClient, tokens: dict[str, str], customers: dict[str, str]) -> tuple[str, str]:
    """An employee Kari added at Bergen, and its national identity number."""
    number = unused_national_id()
    body = {"first_name": "Matrise", "last_name": "Ansatt", "email": f"matrise.{uuid.uuid4().hex[:6]}@example.no"}
    made = admin_api.post(
        f"/customers/{customers['bergen']}/employees", token=tokens["kari"], body={**body, "national_id": number}
    )
    assert made.status == 201, made.body
    return str(made.body["employee_id"]), number


@pytest.fixture(scope="module")
def register_import(admin_api: ApiClient, tokens: dict[str, str]) -> str:
    """A register upload started (its file never comes)."""
    made = admin_api.post("/customer-imports", token=tokens["admin"], body={"name": "matrise.csv", "size": 100})
    assert made.status == 201, made.body
    return str(made.body["customer_import"]["import_id"])


@pytest.fixture(scope="module")
def revoked_key(admin_api: ApiClient, tokens: dict[str, str], demo: DemoData) -> str:
    """A key of Bergen's, revoked already: revoking it again is allowed and changes nothing."""
    path = f"/customers/{demo.customer_ids['bergen']}/api-keys"
    body = {"name": "Revoked", "role": "read_documents", "expires_on": local_today().isoformat()}
    created = admin_api.post(path, token=tokens["kari"], body=body)
    assert created.status == 201, created.body
    key_id = created.body["key"]["key_id"]
    assert admin_api.call("DELETE", f"{path}/{key_id}", token=tokens["kari"]).status == 200
    return str(key_id)


def act(
    api: ApiClient,
    tokens: dict[str, str],
    customers: dict[str, str],
    row: Row,
    ids: dict[str, str],
    api_keys: dict[str, str] | None = None,
) -> tuple[int, str | None]:
    api_key = (api_keys or {}).get(row.who)
    case_id, work_order_id = ids.get(row.at, ""), ids.get(f"{row.at}_work_order", "")
    admin, token, customer_id = tokens["admin"], None if api_key else tokens[row.who], customers[row.at]
    version = api.get(f"/customers/{customer_id}", token=admin).body["version"]
    targeted = {"change_roles", "deactivate", "delete_user", "reset_login"}
    users = user_ids(api, admin, customer_id) if row.action in targeted else {}
    # Someone else's login where there is one (the group's only user is kari: her own, refused after the policy).
    target = next((user_id for name, user_id in users.items() if name != USERNAMES.get(row.who, row.who)), None)
    target = target or next(iter(users.values()), "")
    slot_path = (
        f"/customers/{customer_id}/service-orders/{ids.get('service_order', '')}/booking-slots/{ids.get('slot', '')}"
    )
    declaration_path = (
        f"/customers/{customer_id}/service-orders/{ids.get('service_order', '')}/booking-slots/"
        f"{ids.get('declaration_slot', '')}/bookings/{ids.get('declaration_employee', '')}"
    )
    calls = {
        "edit": ("PATCH", f"/customers/{customer_id}", {"version": version, "city": f"By {uuid.uuid4().hex[:4]}"}),
        "set_status": ("PUT", f"/customers/{customer_id}/status", {"status": "active", "version": version}),
        "add_department": ("POST", f"/customers/{customer_id}/departments", {"name": "Matrise"}),
        "list_users": ("GET", f"/customers/{customer_id}/users", None),
        # kari's address exists already: an allowed invitation is refused as user_exists, and nothing is sent
        "invite": ("POST", f"/customers/{customer_id}/users", {"name": "Probe", "email": EMAILS["kari"]}),
        "change_roles": ("PUT", f"/customers/{customer_id}/users/{target}/roles", {"version": OUTDATED, "roles": []}),
        "deactivate": ("POST", f"/customers/{customer_id}/users/{target}/deactivate", {"version": OUTDATED}),
        "delete_user": ("DELETE", f"/customers/{customer_id}/users/{target}", None),
        "save_support": ("PUT", "/settings/support-contacts", {**SUPPORT, "version": OUTDATED}),
        # an unknown product: an allowed order is refused as product_not_orderable, and none is placed
        "place_order": ("POST", f"/customers/{customer_id}/supplies-orders", UNORDERABLE),
        "list_orders": ("GET", f"/customers/{customer_id}/supplies-orders", None),
        "deliver_order": (
            "POST",
            f"/customers/{customer_id}/supplies-orders/{ids['order']}/delivery",
            {"version": OUTDATED},
        ),
        "change_product": ("PATCH", f"/products/{ids['product']}", {"version": OUTDATED, "name": "Probe"}),
        # a date long past: an allowed order is refused as invalid_delivery_date, and none is placed
        "place_change": ("POST", f"/customers/{customer_id}/change-orders", PAST_CHANGE_ORDER),
        "list_change": ("GET", f"/customers/{customer_id}/change-orders", None),
        "delete_change": ("DELETE", f"/customers/{customer_id}/change-orders/{ids['change_order']}", None),
        "see_agreement": ("GET", f"/customers/{customer_id}/cash-agreement", None),
        "save_agreement": ("PUT", f"/customers/{customer_id}/cash-agreement", {**AGREEMENT, "version": OUTDATED}),
        # an unknown contract and department: an allowed order is refused as not_a_choice, and none is placed
        "place_service": ("POST", f"/customers/{customer_id}/service-orders", UNKNOWN_CONTRACT_ORDER),
        "list_service": ("GET", f"/customers/{customer_id}/service-orders", None),
        "approve_service": (
            "POST",
            f"/customers/{customer_id}/service-orders/{ids['service_order']}/transitions",
            {"action": "approve", "version": OUTDATED},
        ),
        "cancel_service": (
            "POST",
            f"/customers/{customer_id}/service-orders/{ids['service_order']}/transitions",
            {"action": "cancel", "version": OUTDATED},
        ),
        "list_contracts": ("GET", f"/customers/{customer_id}/contracts", None),
        "order_history": ("GET", f"/customers/{customer_id}/order-history", None),
        "set_progress": (
            "PUT",
            f"/customers/{customer_id}/service-orders/{ids['service_order']}/progress",
            {"progress": "started", "version": OUTDATED},
        ),
        # a date far ahead: an allowed slip is refused as date_in_future, and none is saved
        "review_deposit": ("POST", f"/customers/{customer_id}/deposit-reviews", FUTURE_SLIP),
        "register_deposit": ("POST", f"/customers/{customer_id}/deposits", FUTURE_SLIP),
        "list_deposits": ("GET", f"/customers/{customer_id}/deposits", None),
        "see_deposit": ("GET", f"/customers/{customer_id}/deposits/{ids['deposit']}", None),
        "reverse_deposit": (
            "POST",
            f"/customers/{customer_id}/deposits/{ids['deposit']}/reversal",
            {"reason": "Probe", "version": OUTDATED},
        ),
        "count_deposit": ("PUT", f"/customers/{customer_id}/deposits/{ids['deposit']}/counting", COUNTING),
        "search_deposits": ("GET", f"/customers/{customer_id}/deposit-history", None),
        "request_report": ("POST", f"/customers/{customer_id}/reports", TOO_LONG_REPORT),
        "request_order_report": ("POST", f"/customers/{customer_id}/reports", {**TOO_LONG_REPORT, "kind": "orders"}),
        "download_report": ("GET", f"/customers/{customer_id}/reports/{ids['report']}/download", None),
        "list_reports": ("GET", "/reports", None),
        "print_receipt": (
            "POST",
            f"/customers/{customer_id}/printouts",
            {"document": "deposit_receipt", "subject_id": ids["deposit"]},
        ),
        "print_confirmation": (
            "POST",
            f"/customers/{customer_id}/printouts",
            {"document": "order_confirmation", "subject_id": ids["order"], "language": "sv"},
        ),
        "see_printout": ("GET", f"/customers/{customer_id}/printouts/{ids['printout']}", None),
        "see_order": ("GET", f"/customers/{customer_id}/orders/{ids['order']}", None),
        "list_slots": ("GET", f"/customers/{customer_id}/service-orders/{ids['service_order']}/booking-slots", None),
        # a start long past: an allowed slot is refused as date_in_past, and none is added
        "add_slot": (
            "POST",
            f"/customers/{customer_id}/service-orders/{ids['service_order']}/booking-slots",
            {"place": "Matrise", "starts_at": "2020-01-06T09:00:00+01:00", "duration_minutes": 30, "capacity": 1},
        ),
        "send_document": (
            "POST",
            f"/customers/{customer_id}/documents",
            {"content_base64": base64.b64encode(FOREIGN_INVOICE).decode()},
        ),
        "search_documents": ("GET", f"/customers/{customer_id}/documents", None),
        "see_document": ("GET", f"/customers/{customer_id}/documents/{ids['document']}", None),
        "list_partners": ("GET", f"/customers/{customer_id}/trading-partners", None),
        "check_correction": (
            "POST",
            f"/customers/{customer_id}/documents/{ids['document']}/correction-check",
            {"values": {"buyer_reference": "Probe"}, "version": OUTDATED},
        ),
        "correct_document": (
            "POST",
            f"/customers/{customer_id}/documents/{ids['document']}/corrections",
            {"values": {"buyer_reference": "Probe"}, "version": OUTDATED},
        ),
        "refuse_document": (
            "POST",
            f"/customers/{customer_id}/documents/{ids['document']}/rejection",
            {"reason": "Probe", "terms": ["BT-10"], "version": OUTDATED},
        ),
        "see_document_file": ("GET", f"/customers/{customer_id}/documents/{ids['document']}/files/1", None),
        "failed_print_jobs": ("GET", "/print-jobs/failed", None),
        "ask_viewing_copy": (
            "POST",
            f"/customers/{customer_id}/documents/{ids['document']}/viewing-copies",
            {"channel": "post"},
        ),
        "see_viewing_copy": (
            "GET",
            f"/customers/{customer_id}/documents/{ids['document']}/viewing-copies/{ids['copy']}",
            None,
        ),
        # not an image: an allowed upload is refused as invalid_logo, and the logo stays as it was
        "save_document_logo": ("PUT", f"/customers/{customer_id}/document-logo", {"content_base64": "PGh0bWw+"}),
        "document_statistics": ("GET", f"/customers/{customer_id}/document-statistics", None),
        "list_api_keys": ("GET", f"/customers/{customer_id}/api-keys", None),
        # an expiry long past: an allowed creation is refused as expiry_out_of_range, and no key is made
        "create_api_key": (
            "POST",
            f"/customers/{customer_id}/api-keys",
            {"name": "Probe", "role": "read_documents", "expires_on": "2020-01-06"},
        ),
        "revoke_api_key": ("DELETE", f"/customers/{customer_id}/api-keys/{ids['revoked_key']}", None),
        "list_webhooks": ("GET", f"/customers/{customer_id}/webhooks", None),
        # an address inside the vendor's network: an allowed registration is refused as unsafe_webhook_url
        "create_webhook": (
            "POST",
            f"/customers/{customer_id}/webhooks",
            {"url": "https://169.254.169.254/latest", "events": ["delivered"]},
        ),
        "delete_webhook": ("DELETE", f"/customers/{customer_id}/webhooks/{ids['webhook']}", None),
        "webhook_deliveries": ("GET", f"/customers/{customer_id}/webhooks/{ids['webhook']}/deliveries", None),
        "redrive_print_jobs": ("POST", "/print-jobs/redrive", None),
        "see_document_settings": ("GET", f"/customers/{customer_id}/document-settings", None),
        "save_document_settings": (
            "PUT",
            f"/customers/{customer_id}/document-settings",
            {"filter_scope": "off", "smartmail_days": 14, "endpoint": None, "version": OUTDATED},
        ),
        "create_quote": (
            "POST",
            f"/customers/{customer_id}/quotes",
            {
                "title": "Matrise",
                "currency": "NOK",
                "valid_until": "2020-01-01",
                "lines": [{"description": "Matrise", "quantity": "1", "unit_price_minor": 100, "vat_rate": "25"}],
            },
        ),
        "list_quotes": ("GET", f"/customers/{customer_id}/quotes", None),
        "decide_quote": (
            "POST",
            f"/customers/{customer_id}/quotes/{ids['quote']}/decision",
            {"version": OUTDATED, "accept": True},
        ),
        "upload_file": (
            "POST",
            "/files",
            {"customer_id": customer_id, "name": "Matrise.pdf", "content_type": "application/pdf", "size": 100},
        ),
        "list_files": ("GET", f"/files?customer_id={customer_id}", None),
        "delete_customer": ("DELETE", f"/customers/{customer_id}", None),
        "open_ticket": ("POST", f"/customers/{customer_id}/tickets", {"subject": "Matrise", "description": "Prøve"}),
        "list_tickets": ("GET", f"/customers/{customer_id}/tickets", None),
        "see_ticket": ("GET", f"/customers/{customer_id}/tickets/{ids['ticket']}", None),
        "list_employees": ("GET", f"/customers/{customer_id}/employees", None),
        "list_invoices": ("GET", f"/customers/{customer_id}/invoices", None),
        "see_invoice": ("GET", f"/customers/{customer_id}/invoices/{ids['invoice']}", None),
        "register_invoice": (
            "POST",
            f"/customers/{customer_id}/invoices",
            {"number": f"M-{uuid.uuid4().hex[:8]}", "invoice_date": "2026-02-01", "due_date": "2026-02-21"}
            | {"total_minor": 100, "currency": "NOK"},
        ),
        "register_payment": (
            "POST",
            f"/customers/{customer_id}/invoices/{ids['invoice']}/payments",
            {"version": OUTDATED, "amount_minor": 1, "paid_on": "2026-02-01"},
        ),
        "register_credit_note": (
            "POST",
            f"/customers/{customer_id}/invoices/{ids['invoice']}/credit-notes",
            {"version": OUTDATED, "number": f"K-{uuid.uuid4().hex[:8]}", "amount_minor": 1, "issued_on": "2026-02-01"},
        ),
        "list_bookings": ("GET", f"{slot_path}/bookings", None),
        "book_employee": ("POST", f"{slot_path}/bookings", {"employee_id": ids["employee"]}),
        "unbook_employee": ("DELETE", f"{slot_path}/bookings/{ids['employee']}", None),
        "read_declaration": ("GET", f"{declaration_path}/self-declaration", None),
        "move_slot": ("PATCH", slot_path, {"version": OUTDATED, "place": "Flyttet"}),
        "cancel_slot": ("DELETE", f"{slot_path}?version={OUTDATED}", None),
        "add_employee": (
            "POST",
            f"/customers/{customer_id}/employees",
            {"first_name": "Ny", "last_name": "Ansatt", "email": f"ny.{uuid.uuid4().hex[:8]}@example.no"},
        ),
        "see_employee": ("GET", f"/customers/{customer_id}/employees/{ids['employee']}", None),
        "employee_history": ("GET", f"/customers/{customer_id}/employees/{ids['employee']}/history", None),
        "change_employee": (
            "PATCH",
            f"/customers/{customer_id}/employees/{ids['employee']}",
            {"version": OUTDATED, "mobile": "12345678"},
        ),
        "employee_status": (
            "PUT",
            f"/customers/{customer_id}/employees/{ids['employee']}/status",
            {"version": OUTDATED, "status": "inactive"},
        ),
        "reveal_national_id": (
            "POST",
            f"/customers/{customer_id}/employees/{ids['employee']}/national-id/reveal",
            {"reason": "Matrisetest"},
        ),
        "lookup_employee": (
            "POST",
            f"/customers/{customer_id}/employee-lookups",
            {"national_id": ids["national_id"]},
        ),
        "reply_ticket": (
            "POST",
            f"/customers/{customer_id}/tickets/{ids['ticket']}/replies",
            {"text": "Matrise", "version": OUTDATED},
        ),
        "ticket_status": (
            "PUT",
            f"/customers/{customer_id}/tickets/{ids['ticket']}/status",
            {"status": "closed", "version": OUTDATED},
        ),
        "ticket_overview": ("GET", "/tickets", None),
        "attach_to_ticket": (
            "POST",
            "/files",
            {"customer_id": customer_id, "ticket_id": ids["ticket"], "name": "Skjerm.png", "content_type": "image/png"}
            | {"size": 100},
        ),
        "staff_dashboard": ("GET", f"/case-dashboard?view=all&customer_id={customer_id}", None),
        "customer_dashboard": ("GET", f"/case-dashboard?view=customers&customer_id={customer_id}", None),
        "start_import": ("POST", "/customer-imports", {"name": "kunder.csv", "size": 100}),
        "list_imports": ("GET", "/customer-imports", None),
        "see_import": ("GET", f"/customer-imports/{ids['import']}", None),
        "get_file": ("GET", f"/files/{ids['file']}", None),
        "delete_file": ("DELETE", f"/files/{ids['doomed_file']}", None),
        "publish_specification": (
            "POST",
            f"/customers/{customer_id}/invoice-specifications",
            {"period_from": "2020-01-01", "period_to": "2020-01-31"},
        ),
        "list_specifications": ("GET", f"/customers/{customer_id}/invoice-specifications", None),
        "see_specification": ("GET", f"/customers/{customer_id}/invoice-specifications/{ids['specification']}", None),
        "review_specification": (
            "POST",
            f"/customers/{customer_id}/invoice-specifications/{ids['specification']}/review",
            {"version": OUTDATED, "approve": True},
        ),
        "contact_logins": ("POST", "/contact-logins", {"contact_ids": ["01JNOSUCHCONTACT0000000000"]}),
        "shared_login": (
            "POST",
            f"/customers/{customer_id}/logins",
            {"kind": "invoice_customer", "username": "faktura-20000", "name": "Probe", "email": "probe@example.no"},
        ),
        "reset_login": ("POST", f"/customers/{customer_id}/users/{target}/password-reset", None),
        "assign": ("PUT", f"/customers/{customer_id}/assignees/nobody-probe", None),
        "unassign": ("DELETE", f"/customers/{customer_id}/assignees/nobody-probe", None),
        "list_assignees": ("GET", f"/customers/{customer_id}/assignees", None),
        "staff_groups": ("GET", "/staff-groups", None),
        "save_staff_groups": ("PUT", "/staff-groups", {"version": OUTDATED, "groups": []}),
        "find_cases": ("GET", "/cases", None),
        "see_case": ("GET", f"/cases/{case_id}", None),
        "file_case": ("POST", "/cases", {"title": "Matrise", "customer_id": customer_id}),
        "case_choices": ("GET", "/case-choices", None),
        "change_case": ("PATCH", f"/cases/{case_id}", {"version": OUTDATED, "status": "planned"}),
        "add_work_order": (
            "POST",
            f"/cases/{case_id}/work-orders",
            {"version": OUTDATED, "type": "repair", "description": "Matrise"},
        ),
        "close_work_order": ("POST", f"/cases/{case_id}/work-orders/{work_order_id}/close", {"version": OUTDATED}),
        "add_article_row": (
            "POST",
            f"/cases/{case_id}/work-orders/{work_order_id}/rows",
            {
                "version": OUTDATED,
                "article": "Matrise",
                "article_type": "work",
                "quantity": "1",
                "unit_price_minor": 100,
                "currency": "NOK",
                "vat_rate": "25",
            },
        ),
        "see_case_settings": ("GET", "/case-settings", None),
        "save_case_settings": ("PUT", "/case-settings", {"version": OUTDATED}),
        "change_contract": (
            "PATCH",
            f"/customers/{customer_id}/contracts/{ids['contract']}",
            {"version": OUTDATED, "name": "Probe"},
        ),
    }
    method, path, body = calls[row.action]
    query = {"version": OUTDATED} if row.action in {"delete_user", "delete_change", "delete_customer"} else None
    headers = {"Idempotency-Key": str(uuid.uuid4())} if row.action == "file_case" else None
    reply = api.call(method, path, token=token, api_key=api_key, body=body, query=query, headers=headers)
    return reply.status, reply.error_code


def allowed(status: int, code: str | None) -> bool:
    """Past the policy: done, or refused only by what comes after it."""
    return (
        status < 300
        or (status == 409 and code in {"version_mismatch", "user_exists", "own_login", "report_not_ready"})
        or (
            status == 422
            and code
            in {
                "product_not_orderable",
                "invalid_delivery_date",
                "not_a_choice",
                "date_in_future",
                "date_range_too_long",
                "date_in_past",
                "not_the_sender",
                "invalid_logo",
                "expiry_out_of_range",
                "unsafe_webhook_url",
                "unknown_staff",
                "nothing_to_specify",
            }
        )
        or (status == 404 and code == "not_assigned")
    )


ROWS = (
    CUSTOMER_ROWS
    + USER_ROWS
    + SETTINGS_ROWS
    + ORDER_ROWS
    + DEPOSIT_ROWS
    + REPORT_ROWS
    + PRINTOUT_ROWS
    + BOOKING_ROWS
    + DOCUMENT_ROWS
    + API_KEY_ROWS
    + CASE_ROWS
    + ASSIGNMENT_ROWS
    + LOGIN_ROWS
    + SPECIFICATION_ROWS
    + QUOTE_ROWS
    + FILE_ROWS
    + IMPORT_ROWS
    + DELETE_CUSTOMER_ROWS
    + TICKET_ROWS
    + DASHBOARD_ROWS
    + EMPLOYEE_ROWS
    + APPOINTMENT_ROWS
    + DECLARATION_ROWS
    + INVOICE_ROWS
)


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_each_principal_may_do_what_its_rights_and_roles_allow(
    admin_api: ApiClient,
    tokens: dict[str, str],
    customers: dict[str, str],
    bergen_order: str,
    bergen_change_order: str,
    bergen_service_order: tuple[str, str],
    bergen_deposit: str,
    bergen_report: str,
    bergen_printout: str,
    bergen_document: str,
    bergen_copy: str,
    api_keys: dict[str, str],
    revoked_key: str,
    bergen_webhook: str,
    probe_cases: dict[str, str],
    bergen_specification: str,
    bergen_quote: str,
    bergen_files: dict[str, str],
    register_import: str,
    bergen_ticket: str,
    bergen_employee: tuple[str, str],
    bergen_slot: str,
    bergen_invoice: str,
    bergen_declaration: tuple[str, str],
    demo: DemoData,
    row: Row,
) -> None:
    ids = {
        "order": bergen_order,
        "change_order": bergen_change_order,
        "product": demo.product_ids["slips"],
        "contract": bergen_service_order[0],
        "service_order": bergen_service_order[1],
        "deposit": bergen_deposit,
        "report": bergen_report,
        "printout": bergen_printout,
        "document": bergen_document,
        "copy": bergen_copy,
        "revoked_key": revoked_key,
        "webhook": bergen_webhook,
        **probe_cases,
        "specification": bergen_specification,
        "quote": bergen_quote,
        **bergen_files,
        "import": register_import,
        "ticket": bergen_ticket,
        "employee": bergen_employee[0],
        "national_id": bergen_employee[1],
        "slot": bergen_slot,
        "invoice": bergen_invoice,
        "declaration_slot": bergen_declaration[0],
        "declaration_employee": bergen_declaration[1],
    }
    status, code = act(admin_api, tokens, customers, row, ids, api_keys)
    if row.expected == ALLOWED:
        assert allowed(status, code), (status, code)
    else:
        assert (status, allowed(status, code)) == (row.expected, False), code


def test_the_table_covers_every_staff_role_and_customer_role() -> None:
    """A new staff role or customer-side role must get rows here (and a demo user to play it)."""
    from infrastructure.local.demo import PORTAL_USERS, STAFF
    from portal.access import CustomerRole, StaffRole

    rows = ROWS
    staff_played = {user.role for user in STAFF if user.username in {row.who for row in rows}}
    assert staff_played == set(StaffRole)
    roles_held = {
        CustomerRole(role)
        for user in PORTAL_USERS
        if any(USERNAMES.get(row.who) == user.username for row in rows)
        for roles in user.roles.values()
        for role in roles
    }
    # these decide routes here; the others are held by someone refused
    deciding = {CustomerRole.USER_ADMINISTRATOR, CustomerRole.ORDERER, CustomerRole.ORDER_APPROVER}
    assert deciding | {CustomerRole.DEPOSIT_REGISTRAR} <= roles_held
    assert roles_held - {CustomerRole.USER_ADMINISTRATOR}, "a portal user with roles but not user administration"
