"""`make bench`: figures for the read endpoints, against the embedded backend, all measured in one run.

For each endpoint: DynamoDB requests per API request, items read per item returned, and handler latency as a
ratio to a bare boto3 function doing the same single Query against the same backend. Then cold starts: a fresh
process importing the authorizer or a handler and serving its first request, as a ratio to a fresh process with a
bare boto3 function sending the same DynamoDB requests (`benchmarks/cold_start.py`). Then the import time of a
handler module as a ratio to `import boto3` alone, each in fresh processes. Last, the web bundle's gzip size and
what each page's first visit loads (`benchmarks/web_bundle.py`). Reports: a 100 000-row XML report made by the worker
in a fresh process, and the deposit history search on those rows (`benchmarks/reports.py`). Group statistics over
30 subsidiaries and 24 months, read from the month counters (`benchmarks/documents.py`). The case search over two
scopes (`benchmarks/cases.py`). The employee list and search (`benchmarks/employees.py`). The invoice list and the
overdue schedule over 10 000 invoices (`benchmarks/invoices.py`). A 10 000-row customer register imported by the
worker (`benchmarks/imports.py`).
"""

from __future__ import annotations

import os

os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "ERROR")

import functools
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

warnings.filterwarnings("ignore")

from benchmarks import web_bundle  # noqa: E402
from benchmarks.cases import case_search_figures  # noqa: E402
from benchmarks.cold_start import cold_starts, convention_floor, print_cold_starts  # noqa: E402
from benchmarks.documents import statistics_figures  # noqa: E402
from benchmarks.employees import employee_figures  # noqa: E402
from benchmarks.imports import import_figures  # noqa: E402
from benchmarks.invoices import invoice_figures  # noqa: E402
from benchmarks.reports import report_figures  # noqa: E402
from infrastructure.local.demo import seed  # noqa: E402
from infrastructure.local.runtime import start_runtime  # noqa: E402
from infrastructure.local.template import ROOT  # noqa: E402
from portal.customers.models import Customer, CustomerStatus  # noqa: E402
from portal.customers.repository import new_customer_items  # noqa: E402
from portal.store import Table, dynamodb_client  # noqa: E402
from tests.support import ApiClient  # noqa: E402

REGISTER_SIZE = int(os.environ.get("BENCH_CUSTOMERS", "2000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "30"))
FIRST_NAMES = ["Nordlys", "Fjord", "Havbris", "Solsikke", "Bakeri", "Kafé", "Elektro", "Bygg", "Rør", "Transport"]
PLACES = ["Oslo", "Bergen", "Trondheim", "Tromsø", "Stavanger", "Bodø", "Molde", "Hamar", "Gjøvik", "Skien"]


@dataclass
class Counter:
    requests: int = 0
    items_read: int = 0

    def __call__(self, http_response: Any, parsed: dict[str, Any], model: Any, **_: Any) -> None:
        self.requests += 1
        if "ScannedCount" in parsed:
            self.items_read += int(parsed["ScannedCount"])
        elif "Item" in parsed:
            self.items_read += 1
        elif "Responses" in parsed:
            self.items_read += sum(len(items) for items in parsed["Responses"].values())

    def reset(self) -> None:
        self.requests = self.items_read = 0


def fill_register(table: Table) -> None:
    """Writes the same items the API writes for a new customer, in batches: moto copies the whole table on every
    transaction, which would make filling a large register quadratic."""
    from datetime import UTC, datetime

    from ulid import ULID

    at = datetime.now(UTC)
    batch: list[dict[str, Any]] = []
    for index in range(REGISTER_SIZE):
        customer = Customer(
            customer_id=str(ULID()),
            name=f"{FIRST_NAMES[index % 10]} {PLACES[index // 10 % 10]} {index} AS",
            number=str(100000 + index),
            country="NO",
            contact_person=f"Person {index}",
            email=f"post{index}@firma{index % 97}.no",
            city=PLACES[index % 10],
            status=CustomerStatus.ACTIVE,
            version=1,
            created_at=at,
            updated_at=at,
        )
        batch.extend(new_customer_items(customer, actor="bench"))
        if len(batch) >= 500:
            table.batch_put(batch)
            batch.clear()
    table.batch_put(batch)


def write_requests(api: ApiClient, token: str, counter: Counter) -> None:
    """DynamoDB requests of one API write each (the authorizer's session read included): writes are not
    repeated for a median, since each changes what the next would find."""
    import uuid

    customer = api.post("/customers", token=token, body={"name": "Skrivetest AS", "number": str(uuid.uuid4().int)[:7]})
    customer_id = customer.body["customer_id"]
    objects = [
        api.post(f"/customers/{customer_id}/objects", token=token, body={"name": f"Objekt {index}"}).body
        for index in range(3)
    ]
    contact = api.post("/contacts", token=token, body={"name": "Skrive Kontakt"}).body
    refs = [{"customer_id": customer_id, "object_id": item["object_id"]} for item in objects]
    writes = [
        (
            "change an object",
            "PATCH",
            f"/customers/{customer_id}/objects/{objects[0]['object_id']}",
            {"version": 1, "name": "Objekt A"},
        ),
        (
            "link a contact to 3 objects",
            "PUT",
            f"/contacts/{contact['contact_id']}/links",
            {"version": 1, "customer_ids": [customer_id], "objects": refs},
        ),
        ("change a linked contact", "PATCH", f"/contacts/{contact['contact_id']}", {"version": 2, "title": "Leder"}),
    ]
    print(f"{'write':<32} {'DDB req/API req':>15}")
    for name, method, path, body in writes:
        counter.reset()
        reply = api.call(method, path, token=token, body=body)
        assert reply.status == 200, (path, reply.body)
        print(f"{name:<32} {counter.requests:>15}")
    print()


def median_seconds(action: Callable[[], Any]) -> float:
    action()
    samples = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def import_seconds(statement: str) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    # As in a deployed package: byte-compiled modules (this machine disables writing them by default).
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    env.update({"PYTHONPATH": f"{ROOT}:{ROOT / 'layers' / 'portal'}", "TABLE_NAME": "bench"})
    subprocess.check_output([sys.executable, "-c", code], env=env, cwd=ROOT, text=True)  # noqa: S603 - warm-up
    runs = [
        float(subprocess.check_output([sys.executable, "-c", code], env=env, cwd=ROOT, text=True))  # noqa: S603 for _ in range(5)
    ]
    return statistics.median(runs)


def main() -> None:
    runtime = start_runtime(poll_queues=False)
    try:
        demo = seed()
        counter = Counter()
        dynamodb_client().meta.events.register("after-call.dynamodb", counter)
        api = ApiClient(runtime.gateway)
        admin = api.login("admin")
        # Writes first, on the demo data: they count requests, not time, and moto copies the whole table (with its
        # stream's records) on every transaction, which with the large register below ran out of memory.
        write_requests(api, admin, counter)
        started = time.perf_counter()
        fill_register(Table())
        print(f"register: {REGISTER_SIZE} customers written in {time.perf_counter() - started:.1f} s\n")
        kari = api.login("kari.nordmann@nordlys.no")
        group_id = demo.customer_ids["group"]
        table = Table()

        def bare_query(
            pk: str, index: str | None = None, prefix: str | None = None, limit: int = 25
        ) -> Callable[[], Any]:
            return lambda: table.query(pk=pk, index=index, sk_prefix=prefix, limit=limit, principal="bench")

        cases: list[tuple[str, str, dict[str, Any], str, Callable[[], Any], Callable[[Any], int]]] = [
            (
                "list customers by name (25)",
                "/customers",
                {"limit": 25},
                admin,
                bare_query("CUSTOMERS#active", "GSI1"),
                lambda body: len(body["items"]),
            ),
            (
                "search 'fjord' (25)",
                "/customers",
                {"q": "fjord", "limit": 25},
                admin,
                bare_query("CSEARCH#active#fj", prefix="fjord"),
                lambda body: len(body["items"]),
            ),
            (
                "search 'fjord bergen' (25)",
                "/customers",
                {"q": "fjord bergen", "limit": 25},
                admin,
                bare_query("CSEARCH#active#be", prefix="bergen", limit=50),
                lambda body: len(body["items"]),
            ),
            (
                "search 'post1234' (exact)",
                "/customers",
                {"q": "post1234"},
                admin,
                bare_query("CSEARCH#active#po", prefix="post1234"),
                lambda body: len(body["items"]),
            ),
            (
                "get one customer",
                f"/customers/{group_id}",
                {},
                admin,
                lambda: table.get(f"CUST#{group_id}", "CUSTOMER"),
                lambda body: 1,
            ),
            (
                "customer history (50)",
                f"/customers/{group_id}/history",
                {},
                admin,
                bare_query(f"CUST#{group_id}", prefix="AUDIT#", limit=50),
                lambda body: len(body["items"]),
            ),
            (
                "a group's subsidiaries",
                f"/customers/{group_id}/subsidiaries",
                {},
                admin,
                bare_query(f"CUST#{group_id}", prefix="CHILD#", limit=50),
                len,
            ),
            (
                "my customers (group contact)",
                "/me/customers",
                {},
                kari,
                lambda: table.get(f"CUST#{group_id}", "CUSTOMER"),
                len,
            ),
            ("me", "/me", {}, admin, lambda: table.get("SESSION#x", "SESSION"), lambda body: 1),
        ]
        header = (
            f"{'endpoint':<32} {'DDB req/API req':>15} {'items read/returned':>20} {'latency':>9} "
            f"{'bare boto3':>10} {'ratio':>6}"
        )
        print(header)
        print("-" * len(header))
        for name, path, query, token, bare, returned in cases:
            counter.reset()
            reply = api.get(path, token=token, query=query)
            assert reply.status == 200, (path, reply.body)
            requests, items_read, count = counter.requests, counter.items_read, returned(reply.body)
            api_seconds = median_seconds(functools.partial(api.get, path, token=token, query=query))
            bare_seconds = median_seconds(bare)
            amplification = f"{items_read}/{count} = {items_read / count:.2f}" if count else f"{items_read}/0"
            print(
                f"{name:<32} {requests:>15} {amplification:>20} {api_seconds * 1000:>7.1f}ms "
                f"{bare_seconds * 1000:>8.1f}ms {api_seconds / bare_seconds:>6.1f}"
            )
        print(
            "\n(DynamoDB requests include the authorizer's session read; latency is the whole API request through "
            "the local gateway, authorizer included, median of",
            REPEATS,
            "runs)\n",
        )
        statistics_figures(api, counter, admin)
        case_search_figures(api, counter, admin)
        employee_figures(
            api,
            counter,
            api.login("kari.nordmann@nordlys.no"),
            demo.customer_ids["bergen"],
            [demo.department_ids["bergen-shop"], demo.department_ids["bergen-stock"]],
        )
        invoice_figures(api, counter, admin, demo.customer_ids["bakery"], api.login("faktura-20000"))
        import_figures(api, admin)
        report_figures(api, counter, demo.customer_ids["bergen"], api.login("ola.hansen@nordlys-bergen.no"))
        cold_start_paths = {
            "GET /me": "/me",
            "GET /customers": "/customers",
            "GET /customers/{id}": f"/customers/{group_id}",
        }
        figures = cold_starts(runtime, api, admin, cold_start_paths)
        figures.append(convention_floor(runtime, api, admin, group_id))
        print_cold_starts(figures)
    finally:
        runtime.stop()

    boto3_alone = import_seconds("import boto3")
    print(f"{'import':<58} {'seconds':>8} {'ratio to boto3':>15}")
    print(f"{'import boto3':<58} {boto3_alone:>8.3f} {1.0:>15.2f}")
    for module in ("functions/customers/list_customers.py", "functions/authorizer/authorizer.py"):
        statement = (
            "import importlib.util as u; s = u.spec_from_file_location('h', '" + module + "'); "
            "m = u.module_from_spec(s); s.loader.exec_module(m)"
        )
        seconds = import_seconds(statement)
        print(f"{'handler ' + module:<58} {seconds:>8.3f} {seconds / boto3_alone:>15.2f}")
    print()
    web_bundle.main()


if __name__ == "__main__":
    main()
