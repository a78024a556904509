"""`make bench`, the employee list and search (EMP-1): a customer with BENCH_EMPLOYEES employees over three
departments, listed by name, within a department, and found by a word of the name or e-mail, with and without a
department filter. Each is a Query on a key designed for it, so the items read per employee returned stay near one
however many employees the customer has (plus the session, its user and the customer)."""

from __future__ import annotations

import os
import uuid
from typing import Any

from tests.support import ApiClient

EMPLOYEES = int(os.environ.get("BENCH_EMPLOYEES", "300"))
PAGE = 25
SURNAMES = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen"]
FIRST_NAMES = ["Ola", "Kari", "Per", "Anne", "Jon", "Ingrid", "Lars", "Marte", "Nils", "Sofie"]


def employee_figures(api: ApiClient, counter: Any, kari: str, customer_id: str, department_ids: list[str]) -> None:
    from portal.employees.models import EmployeeInput
    from portal.wiring import auth_service, employee_service

    auth = auth_service()
    principal = auth.principal_for(auth.users.get_user("kari.nordmann@nordlys.no"))  # type: ignore[arg-type]
    service = employee_service()
    tag = uuid.uuid4().hex[:6]
    for index in range(EMPLOYEES):
        first, last = FIRST_NAMES[index % 10], SURNAMES[index % 9]
        service.create(
            principal,
            customer_id,
            EmployeeInput(
                first_name=first,
                last_name=f"{last} {tag}",
                email=f"{first.lower()}.{index}.{tag}@benk.no",
                department_id=department_ids[index % len(department_ids)],
            ),
        )
    searches = {
        "by name": {},
        "one department": {"department_id": department_ids[0]},
        "text 'hansen'": {"q": "hansen"},
        "text 'kari hansen'": {"q": "kari hansen"},
        "text + department": {"q": tag, "department_id": department_ids[1]},
    }
    print(f"{'employees (EMP-1)':<32} {'DDB req/API req':>15} {'items read':>11} {'returned':>9} {'per employee':>13}")
    for name, query in searches.items():
        counter.reset()
        reply = api.get(f"/customers/{customer_id}/employees", token=kari, query={"limit": PAGE, **query})
        assert reply.status == 200, reply.body
        returned = len(reply.body["items"])
        per = counter.items_read / returned if returned else 0.0
        print(f"{name:<32} {counter.requests:>15} {counter.items_read:>11} {returned:>9} {per:>13.2f}")
    print(f"({EMPLOYEES} employees at the customer; the reads include the session, its user and the customer)\n")
