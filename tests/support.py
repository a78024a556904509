"""Test helpers: an API client for the local gateway, and logging in the way a person does."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from werkzeug.test import Client

from infrastructure.local import mailbox
from infrastructure.local.demo import DEMO_PASSWORD
from infrastructure.local.gateway import Gateway
from infrastructure.local.runtime import Runtime
from portal.clock import now
from portal.languages import portal_day

NEW_PASSWORD = "Et helt nytt passord 2026"


def seeded_login(username: str, display_name: str = "Test User", **extra: Any) -> str:
    """A contact login of a test's own with the demo password, made as staff tooling would (its code list is
    e-mailed with it); `extra` passes on what `AuthService.create_user` takes besides (language, contact_id)."""
    from portal.access import PrincipalKind
    from portal.wiring import auth_service

    auth_service().create_user(
        actor="test",
        username=username,
        display_name=display_name,
        user_email=username,
        kind=PrincipalKind.CONTACT,
        password=DEMO_PASSWORD,
        **extra,
    )
    return username


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str]
    text: str

    @property
    def error_code(self) -> str | None:
        if isinstance(self.body, dict) and isinstance(self.body.get("error"), dict):
            return str(self.body["error"]["code"])
        return None


class ApiClient:
    """Calls the API through the local gateway in-process, passing the session cookie explicitly."""

    def __init__(self, gateway: Gateway):
        self.client = Client(gateway, use_cookies=False)

    def call(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        body: Any = None,
        headers: dict[str, str] | None = None,
        query: dict[str, Any] | None = None,
        source_ip: str = "127.0.0.1",
        api_key: str | None = None,
    ) -> Reply:
        all_headers = dict(headers or {})
        if token is not None:
            all_headers["Cookie"] = f"kp_session={token}"
        if api_key is not None:
            all_headers["Authorization"] = f"Bearer {api_key}"
        response = self.client.open(
            f"/api{path}",
            method=method,
            headers=all_headers,
            query_string=query,
            data=json.dumps(body) if body is not None else None,
            content_type="application/json" if body is not None else None,
            environ_base={"REMOTE_ADDR": source_ip},
        )
        text = response.get_data(as_text=True)
        try:
            parsed: Any = json.loads(text) if text else None
        except json.JSONDecodeError:
            parsed = None
        return Reply(status=response.status_code, body=parsed, headers=dict(response.headers), text=text)

    def get(self, path: str, **kwargs: Any) -> Reply:
        return self.call("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Reply:
        return self.call("POST", path, **kwargs)

    def login(self, username: str, password: str = DEMO_PASSWORD, *, email: str | None = None) -> str:
        """Both steps, reading the requested code from the newest code list in the dev mailbox."""
        started = self.post("/auth/login", body={"username": username, "password": password})
        assert started.status == 200, started.body
        code = code_from_mailbox(email or username_email(username), started.body["code_position"])
        finished = self.post("/auth/login/code", body={"challenge": started.body["challenge"], "code": code})
        assert finished.status == 200, finished.body
        return session_token(finished.headers)


def session_token(headers: dict[str, str]) -> str:
    cookie = headers.get("Set-Cookie", "")
    match = re.search(r"kp_session=([^;]*)", cookie)
    assert match, f"no session cookie in {headers}"
    return match.group(1)


def username_email(username: str) -> str:
    from infrastructure.local.demo import PORTAL_USERS, STAFF

    for user in [*STAFF, *PORTAL_USERS]:
        if user.username == username:
            return user.email
    return username


def newest_code_list(email: str) -> dict[int, str]:
    for message in mailbox.messages_to(email):
        if "SecurityCodesReport" in str(message["subject"]):
            return {int(position): code for position, code in re.findall(r"^\s*(\d+): (\d+)$", message["body"], re.M)}
    raise AssertionError(f"no code list was e-mailed to {email}")


def code_from_mailbox(email: str, position: int) -> str:
    return newest_code_list(email)[position]


def link_token(email: str, kind: str) -> str:
    """The token of the newest single-use link of this kind (UserReport: invitation, PasswordReset) e-mailed."""
    for message in mailbox.messages_to(email):
        if message["subject"] and kind in _kind_of(message):
            match = re.search(r"/#/password/([A-Za-z0-9_-]+)", message["body"])
            assert match, message["body"]
            return match.group(1)
    raise AssertionError(f"no {kind} link was e-mailed to {email}")


def _kind_of(message: dict[str, Any]) -> str:
    """The kind of a message, told by its subject in any language."""
    from portal.notifications.email import TEXTS

    return next(
        (kind for kind, texts in TEXTS.items() for subject, _ in texts.values() if subject == message["subject"]), ""
    )


def accept_invitation(api: ApiClient, email: str, password: str = NEW_PASSWORD) -> str:
    """Follows the invitation e-mailed to a new user, choosing a password, and returns that password."""
    reply = api.post("/auth/password", body={"token": link_token(email, "UserReport"), "password": password})
    assert reply.status == 200, reply.body
    return password


def wait_for(condition: Callable[[], Any], *, seconds: float = 20, what: str = "condition") -> Any:
    """The condition's first true answer, asked every 0.1 s (state machines and queues run beside the test)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def execution_status(runtime: Runtime, state_machine: str, name: str) -> str:
    """The status of the execution a state machine of the template runs under that name."""
    import boto3

    arn = runtime.backend.names.refs[state_machine].replace(":stateMachine:", ":execution:")
    return str(boto3.client("stepfunctions").describe_execution(executionArn=f"{arn}:{name}")["status"])


def service_order_waits(customer_id: str, order_id: str) -> bool:
    """Whether a step of a service order's workflow waits for it (its task token is on the order)."""
    from portal.wiring import order_repository

    found = order_repository().service_order(customer_id, order_id)
    return bool(found and found[1])


def local_today() -> date:
    """The day it is in Oslo, as the portal counts days (deposit dates, delivery dates, report periods); the
    machine's own day differs from it around midnight UTC."""
    return portal_day(now())


# The smallest file a PDF reader and the upload check (CASE-5) take for a PDF.
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def upload_file(
    api: ApiClient,
    runtime: Runtime,
    token: str,
    content: bytes,
    *,
    name: str = "Servicerapport.pdf",
    content_type: str = "application/pdf",
    **target: str,
) -> dict[str, Any]:
    """What the browser does with a file (CASE-5): asks for the form, posts the bytes to S3; then, as the worker
    soon would, the check runs; the file as the API then shows it."""
    import requests

    body = {"name": name, "content_type": content_type, "size": len(content), **target}
    started = api.post("/files", token=token, body=body)
    assert started.status == 201, started.body
    form = started.body["upload"]
    posted = requests.post(form["url"], data=form["fields"], files={"file": (name, content, content_type)}, timeout=10)
    assert posted.status_code in {200, 201, 204}, posted.text
    runtime.queues.drain()
    checked = api.get(f"/files/{started.body['file']['file_id']}", token=token)
    assert checked.status == 200, checked.body
    return dict(checked.body)


def table_items(**scan: Any) -> list[dict[str, Any]]:
    """Every item of the portal's table (a test may scan; the portal never does), page after page: one Scan answers
    at most 1 MB, and a table a long test run has filled holds many times that."""
    import boto3

    from portal.settings import get_settings

    pages = boto3.client("dynamodb").get_paginator("scan").paginate(TableName=get_settings().table_name, **scan)
    return [item for page in pages for item in page["Items"]]
