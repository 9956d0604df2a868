"""Stable finding fingerprints: rule + normalised code + enclosing symbol, never path:line.

A fingerprint survives lines moving up or down and the file being renamed; it changes when the
flagged code itself changes. Pure: standard library only.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence

from bot.core.models import Finding
from bot.core.redact import redact

_SPACE = re.compile(r"\s+")


def normalise_code(lines: Sequence[str]) -> str:
    """Code with whitespace folded and secrets redacted, so formatting changes keep identity."""
    return _SPACE.sub(" ", redact("\n".join(lines))).strip()


def fingerprint(rule_id: str, code: str, symbol: str, occurrence: int = 0) -> str:
    """Hex digest (16 bytes) of the identity parts; ``occurrence`` separates identical copies."""
    payload = "\x1f".join((rule_id, code, symbol, str(occurrence)))
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def assign_fingerprints(findings: Iterable[Finding], code_of: Mapping[str, Sequence[str]]) -> list[Finding]:
    """Findings with ``fingerprint`` set; ``code_of`` maps a path to its lines (new side).

    Identical (rule, code, symbol) triples are numbered in path and line order so that two copies
    of the same flaw keep distinct identities.
    """
    ordered = sorted(findings, key=lambda f: (f.path, f.start_line, f.end_line, f.rule_id))
    seen: dict[tuple[str, str, str], int] = {}
    out = []
    for f in ordered:
        lines = code_of.get(f.path, ())
        code = normalise_code(lines[f.start_line - 1 : f.end_line]) if lines else f.message
        key = (f.rule_id, code, f.symbol)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        out.append(f.with_(fingerprint=fingerprint(f.rule_id, code, f.symbol, occurrence)))
    return out
