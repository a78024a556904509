"""`make run`: the whole portal on this machine. Ctrl-C stops it."""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")  # before any handler creates its logger

from werkzeug.serving import run_simple

from infrastructure.local.demo import DEMO_API_KEYS, DEMO_PASSWORD, seed
from infrastructure.local.runtime import start_runtime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    arguments = parser.parse_args()
    address = f"http://localhost:{arguments.port}"
    runtime = start_runtime(portal_url=address)
    demo = seed()
    print(f"\nKundeportal runs at {address}")
    print(f"  API            {address}/api/…   (OpenAPI: {address}/openapi.json, Swagger UI: {address}/docs)")
    print(f"  Dev mailbox    {address}/dev/mailbox   (code lists, invitations, password links, notifications)")
    print(f"  Embedded AWS   {runtime.backend.endpoint}")
    print(f"\nDemo logins (password for all: {DEMO_PASSWORD}). The login asks for the code at one position of the")
    print("user's code list, printed here as 1-25 and e-mailed (SecurityCodesReport) to the dev mailbox:")
    for user in demo.users.values():
        what = user.role.value if user.role else user.kind.value
        print(f"  {user.username:<30} {what:<17} {address}/dev/mailbox?to={user.email}")
        print(f"  {'':<30} codes 1-{len(user.codes)}: {' '.join(user.codes)}")
    print("\nDemo API keys (the document API for a customer's own systems, as 'Authorization: Bearer <key>'):")
    for key in DEMO_API_KEYS:
        documents = f"{address}/api/customers/{demo.customer_ids[key.customer]}/documents"
        print(f"  {key.name} ({key.role.value}): {key.api_key}")
        print(f"    curl -H 'Authorization: Bearer {key.api_key}' {documents}")
    print("\nCtrl-C stops the portal.\n", flush=True)
    try:
        run_simple(arguments.host, arguments.port, runtime.gateway, threaded=True, use_reloader=False)
    finally:
        runtime.stop()


if __name__ == "__main__":
    main()
