"""Every error code the API can answer has words in the web app's catalogue, so a refusal is never shown as a code
or in the API's English. (The catalogue test in web/ holds sv and en to the same keys as nb.)"""

from __future__ import annotations

import re

from infrastructure.local.template import ROOT

CATALOGUE = ROOT / "web" / "src" / "i18n" / "nb.ts"


def codes_the_api_answers() -> set[str]:
    """Read from the code itself: the domain's errors and field problems, and API Gateway's own answers."""
    codes: set[str] = set()
    for path in (ROOT / "layers" / "portal" / "portal").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'code="([a-z_]+)"', text))
        codes |= set(re.findall(r'^\s+code = "([a-z_]+)"', text, re.MULTILINE))
        codes |= set(re.findall(r'PydanticCustomError\(\s*"([a-z_]+)"', text))
        codes |= set(re.findall(r'field_problem\([^,]+,\s*"([a-z_]+)"', text))
    template = (ROOT / "template.yaml").read_text(encoding="utf-8")
    codes |= set(re.findall(r'"code": "([a-z_]+)"', template))
    return codes


def test_every_error_code_has_words_in_the_catalogue() -> None:
    codes = codes_the_api_answers()
    assert len(codes) > 40  # the patterns still find what the code raises
    keys = set(re.findall(r'^\s+"([A-Za-z0-9_.]+)":', CATALOGUE.read_text(encoding="utf-8"), re.MULTILINE))
    missing = sorted(code for code in codes if f"error.{code}" not in keys and f"fieldError.{code}" not in keys)
    assert missing == []
