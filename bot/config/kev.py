"""Weakness classes known to be exploited in the wild, from the data file the project ships
(``data/exploited_cwes.json``: MITRE's CWE Top 10 KEV Weaknesses, built from CISA's KEV catalog;
the file cites its source, version and licence).

Reads package data only; imports bot.core.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources

from bot.core.risk import ExploitedClass

DATA_FILE = "exploited_cwes.json"


def parse_exploited(text: str) -> Mapping[str, ExploitedClass]:
    """CWE id (``CWE-78``) -> its entry; raises ValueError on a malformed file."""
    doc = json.loads(text)
    source = str(doc["short"])
    out: dict[str, ExploitedClass] = {}
    for entry in doc["entries"]:
        cwe = str(entry["cwe"]).upper()
        out[cwe] = ExploitedClass(cwe, str(entry["name"]), int(entry["rank"]), int(entry["mappings"]), source)
    return out


@cache
def exploited_classes() -> Mapping[str, ExploitedClass]:
    """The shipped list (read once per process)."""
    text = resources.files("bot.config").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    return parse_exploited(text)


def exploited(cwe: str) -> ExploitedClass | None:
    return exploited_classes().get(cwe.strip().upper())
