"""The vendor's support contacts: anyone reads them (the login page shows them), only an administrator changes
them, and only from the version read."""

from __future__ import annotations

from tests.support import ApiClient

NEW = {
    "phone": "+47 22 33 44 55",
    "email": "hjelp@kundeportal.example",
    "opening_hours": {"nb": "Man–fre 07–17", "sv": "Mån–fre 07–17", "en": "Mon–Fri 7:00–17:00"},
}


def test_anyone_reads_the_support_contacts_and_an_administrator_changes_them(api: ApiClient) -> None:
    # Before login
    shown = api.get("/support-contacts")
    assert shown.status == 200
    assert {"phone", "email", "opening_hours", "version"} <= set(shown.body)
    version = shown.body["version"]
    # An account manager may not change them; an administrator may
    selger = api.login("selger")
    refused = api.call("PUT", "/settings/support-contacts", token=selger, body={**NEW, "version": version})
    assert (refused.status, refused.error_code) == (403, "administrator_only")
    admin = api.login("admin")
    saved = api.call("PUT", "/settings/support-contacts", token=admin, body={**NEW, "version": version})
    assert saved.status == 200, saved.body
    assert (saved.body["updated_by"], saved.body["version"]) == ("admin", version + 1)
    assert api.get("/support-contacts").body["opening_hours"]["en"] == "Mon–Fri 7:00–17:00"
    # A change from an old copy is refused
    stale = api.call("PUT", "/settings/support-contacts", token=admin, body={**NEW, "version": version})
    assert (stale.status, stale.error_code) == (409, "version_mismatch")


def test_every_problem_of_a_change_is_named_at_once(api: ApiClient) -> None:
    admin = api.login("admin")
    body = {"phone": "ring oss", "email": "ikke en adresse", "opening_hours": {"nb": "", "sv": "x"}, "version": 1}
    reply = api.call("PUT", "/settings/support-contacts", token=admin, body=body)
    assert reply.status == 422
    fields = {detail["field"] for detail in reply.body["error"]["details"]}
    assert {"phone", "email", "opening_hours.nb", "opening_hours.en"} <= fields
