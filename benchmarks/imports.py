"""`make bench`, bulk upload of a customer register (ORG-3): a 10 000-row CSV file as Norwegian Excel saves it
(Windows-1252, semicolons; one row in fifty rejected for a bad organisation number, one in a hundred a number given
twice) posted to the file bucket and imported by the worker in a fresh process against the embedded backend — its
time, its peak memory (RSS) and its DynamoDB requests; then the same file again, which makes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import requests

from infrastructure.local.template import ROOT
from tests.support import ApiClient

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "10000"))
TARGET_MB = 300

# Runs in a fresh process, as the worker function does: its memory is the worker's alone.
WORKER = """
import json, re, sys, time
from portal.store import dynamodb_client
counts = {"dynamodb": 0}
def count(**_):
    counts["dynamodb"] += 1
dynamodb_client().meta.events.register("after-call.dynamodb", count)
from portal.wiring import import_service
started = time.perf_counter()
status = import_service().run(sys.argv[1])
print(json.dumps({
    "seconds": time.perf_counter() - started,
    # VmHWM: this program's own peak (ru_maxrss would carry the forking parent's over exec).
    "peak_rss_mb": int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1)) / 1024,
    "status": status, "dynamodb_requests": counts["dynamodb"],
}))
"""


def register_file(rows: int) -> bytes:
    tag = uuid.uuid4().hex[:3].upper()  # numbers of 9 characters: within the demo register's 3 to 10
    lines = ["Kundenummer;Navn;Organisasjonsnummer;Adresse;Postnummer;Poststed;E-post"]
    for index in range(rows):
        number = f"B{tag}{index:05d}" if index % 100 != 99 else f"B{tag}{index - 1:05d}"  # a number given twice
        organisation = "123456789" if index % 50 == 7 else ("923609016" if index % 2 else "")
        lines.append(
            f"{number};Bedrift {index} Ørsta AS;{organisation};Storgata {index % 200 + 1};6150;Ørsta;"
            f"post{index}@bedrift.no"
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def import_figures(api: ApiClient, admin: str) -> None:
    content = register_file(ROWS)
    for attempt in ("first upload", "same file again"):
        started = api.post("/customer-imports", token=admin, body={"name": "register.csv", "size": len(content)})
        assert started.status == 201, started.body
        form, import_id = started.body["upload"], started.body["customer_import"]["import_id"]
        posted = requests.post(form["url"], data=form["fields"], files={"file": ("register.csv", content)}, timeout=60)
        assert posted.status_code in {200, 201, 204}, posted.text
        environment = {
            **os.environ,
            "PYTHONPATH": f"{ROOT}:{ROOT / 'layers' / 'portal'}",
            "POWERTOOLS_LOG_LEVEL": "ERROR",
        }
        output = subprocess.check_output(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", WORKER, f"imports/{import_id}.csv"], env=environment, cwd=ROOT, text=True
        )
        figures = json.loads(output.strip().splitlines()[-1])
        job = api.get(f"/customer-imports/{import_id}", token=admin).body
        verdict = "within" if figures["peak_rss_mb"] < TARGET_MB else "OVER"
        print(
            f"customer register import, {attempt}: {job['rows_read']} rows ({len(content) / 1e6:.1f} MB) "
            f"in {figures['seconds']:.1f} s, peak RSS {figures['peak_rss_mb']:.0f} MB ({verdict} the {TARGET_MB} MB "
            f"target), {figures['dynamodb_requests']} DynamoDB requests; {job['imported']} imported, "
            f"{job['already_imported']} already there, {job['rejected']} rejected ({job['status']})"
        )
    print()
