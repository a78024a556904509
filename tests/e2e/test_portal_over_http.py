"""A person's path through the portal over HTTP: log in with a code from the mailbox, manage a customer, log out.

`requests` never sends a Secure cookie over http://, so the session cookie is passed explicitly (it stays Secure).
"""

from __future__ import annotations

import re
import uuid

import pytest
import requests

from infrastructure.local.demo import DEMO_PASSWORD
from tests.support import seeded_login

pytestmark = pytest.mark.e2e


def mailbox_code(base_url: str, email: str, position: int) -> str:
    messages = requests.get(f"{base_url}/dev/mailbox.json", params={"to": email}, timeout=10).json()
    code_list = next(message for message in messages if "SecurityCodesReport" in message["subject"])
    match = re.search(rf"^\s*{position}: (\d+)$", code_list["body"], re.M)
    assert match
    return match.group(1)


def login(base_url: str, username: str, email: str) -> tuple[str, dict[str, object]]:
    started = requests.post(
        f"{base_url}/api/auth/login", json={"username": username, "password": DEMO_PASSWORD}, timeout=10
    )
    assert started.status_code == 200, started.text
    challenge = started.json()
    code = mailbox_code(base_url, email, challenge["code_position"])
    finished = requests.post(
        f"{base_url}/api/auth/login/code", json={"challenge": challenge["challenge"], "code": code}, timeout=10
    )
    assert finished.status_code == 200, finished.text
    return _cookie(finished), {"challenge": challenge["challenge"], "code": code}


def _cookie(response: requests.Response) -> str:
    match = re.search(r"kp_session=([^;]+)", response.headers["Set-Cookie"])
    assert match
    return match.group(1)


def test_the_mailbox_page_shows_the_code_list(base_url: str) -> None:
    page = requests.get(f"{base_url}/dev/mailbox", params={"to": "anne.admin@kundeportal.example"}, timeout=10)
    assert page.status_code == 200
    assert "SecurityCodesReport" in page.text
    assert "Passord" not in page.text  # seeded users get their code list; no password is ever e-mailed


def test_login_customer_lifecycle_and_logout(base_url: str) -> None:
    token, used = login(base_url, "admin", "anne.admin@kundeportal.example")
    cookies = {"kp_session": token}
    # The code just used is refused if offered again for the same challenge.
    replay = requests.post(f"{base_url}/api/auth/login/code", json=used, timeout=10)
    assert replay.status_code == 401
    assert replay.json()["error"]["code"] == "login_expired"

    number = str(uuid.uuid4().int)[:7]
    created = requests.post(
        f"{base_url}/api/customers",
        cookies=cookies,
        timeout=10,
        json={"name": "Ende til Ende AS", "number": number, "city": "Trondheim"},
    )
    assert created.status_code == 201, created.text
    customer = created.json()
    assert created.headers["Location"] == f"/customers/{customer['customer_id']}"
    changed = requests.patch(
        f"{base_url}/api/customers/{customer['customer_id']}",
        cookies=cookies,
        timeout=10,
        json={"version": 1, "contact_person": "Eli Ende"},
    )
    assert changed.status_code == 200
    history = requests.get(
        f"{base_url}/api/customers/{customer['customer_id']}/history", cookies=cookies, timeout=10
    ).json()["items"]
    assert [entry["action"] for entry in history] == ["updated", "created"]
    assert history[0]["changes"] == [{"field": "contact_person", "before": None, "after": "Eli Ende"}]
    found = requests.get(f"{base_url}/api/customers", params={"q": "ende til"}, cookies=cookies, timeout=10)
    assert customer["customer_id"] in {item["customer_id"] for item in found.json()["items"]}

    logged_out = requests.post(f"{base_url}/api/auth/logout", cookies=cookies, timeout=10)
    assert logged_out.status_code == 200
    assert requests.get(f"{base_url}/api/me", cookies=cookies, timeout=10).status_code == 401


def test_a_portal_user_sees_only_its_group(base_url: str) -> None:
    token, _ = login(base_url, "kari.nordmann@nordlys.no", "kari.nordmann@nordlys.no")
    mine = requests.get(f"{base_url}/api/me/customers", cookies={"kp_session": token}, timeout=10).json()
    assert sorted(customer["name"] for customer in mine) == [
        "Nordlys Bergen AS",
        "Nordlys Gruppen AS",
        "Nordlys Oslo AS",
    ]
    register = requests.get(f"{base_url}/api/customers", cookies={"kp_session": token}, timeout=10)
    assert register.status_code == 403


def test_lockout_over_http(base_url: str) -> None:
    username = seeded_login(f"lock-{uuid.uuid4().hex[:6]}@example.no", "Lock Test")
    statuses = [
        requests.post(
            f"{base_url}/api/auth/login", json={"username": username, "password": "wrong-wrong"}, timeout=10
        ).status_code
        for _ in range(6)
    ]
    assert statuses == [401] * 6  # a locked account answers like any failed login
