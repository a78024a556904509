"""How many resources each stack has after the SAM transform; fails past 400 (CloudFormation allows 500).

Runs in the SAM tools' environment (`make lint`: `.tools/sam/bin/python -m infrastructure.stack_limits`), because
aws-sam-translator pins a pydantic older than the portal's. Decision 0010 says how the stacks are split.
"""

from __future__ import annotations

import copy
import logging
import os
import sys
from typing import Any

from samtranslator.translator.transform import transform

from infrastructure.local.template import ROOT, TEMPLATE_PATH, load_raw, nested_stack_paths

MOST_RESOURCES_PER_STACK = 400


class _NoManagedPolicies:
    """The transform asks IAM for AWS managed policy ARNs only when a function names one by its short name."""

    def load(self) -> dict[str, str]:
        return {}


def as_packaged(template: dict[str, Any]) -> dict[str, Any]:
    """What `sam package` hands CloudFormation: local code and nested templates replaced by S3 locations."""
    packaged = copy.deepcopy(template)
    for resource in packaged["Resources"].values():
        properties = resource.get("Properties", {})
        for uri in ("CodeUri", "ContentUri", "DefinitionUri"):
            if isinstance(properties.get(uri), str):
                properties[uri] = f"s3://artifacts/{properties[uri]}"
        if resource["Type"] == "AWS::Serverless::Application" and isinstance(properties.get("Location"), str):
            properties["Location"] = f"https://artifacts.s3.eu-north-1.amazonaws.com/{properties['Location']}"
    return packaged


def resource_counts() -> dict[str, int]:
    logging.getLogger("samtranslator").setLevel(logging.ERROR)  # it warns about usage metrics it never sends
    os.environ.setdefault("AWS_DEFAULT_REGION", "eu-north-1")  # the transform builds ARNs with it
    counts = {}
    for path in [TEMPLATE_PATH, *nested_stack_paths().values()]:
        transformed = transform(as_packaged(load_raw(path)), {}, _NoManagedPolicies())
        counts[path.relative_to(ROOT).as_posix()] = len(transformed["Resources"])
    return counts


def main() -> int:
    counts = resource_counts()
    for name, count in counts.items():
        print(f"{name:32} {count:4} resources after the SAM transform (at most {MOST_RESOURCES_PER_STACK})")
    over = [name for name, count in counts.items() if count > MOST_RESOURCES_PER_STACK]
    if over:
        print(f"Over {MOST_RESOURCES_PER_STACK}: {', '.join(over)}. Give an area a stack of its own (decision 0010).")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
