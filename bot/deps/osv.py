"""The offline vulnerability database: OSV records (ossf.github.io/osv-schema) in a directory,
indexed by (ecosystem, package name), and which of them affect a given version.

Layout: ``<dir>/<ecosystem>/*.json`` (the records of OSV's ``<ecosystem>/all.zip``, unpacked by
``remediator vulndb sync``) or ``<dir>/<ecosystem>/all.zip``. Standard library and univers only.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cvss

from bot.core.models import Severity
from bot.deps.versions import ECOSYSTEMS, parse_version

MAX_RECORD_BYTES = 2_000_000


def normalise(ecosystem: str, name: str) -> str:
    """Package names as each ecosystem compares them (PEP 503 for PyPI; case-insensitive RubyGems)."""
    if ecosystem == "PyPI":
        return re.sub(r"[-_.]+", "-", name).lower()
    if ecosystem in ("RubyGems", "Maven"):
        return name.lower()
    return name


@dataclass(frozen=True, slots=True)
class Advisory:
    """One OSV record as it applies to one package."""

    id: str
    aliases: tuple[str, ...]
    summary: str
    severity: Severity
    fixed: tuple[str, ...]  # versions that fix it, in the record's order
    symbols: tuple[str, ...]  # vulnerable imports or symbols, where the record names them
    ranges: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (type, ((event, version), ...))
    versions: frozenset[str]
    imports: tuple[str, ...] = ()  # the vulnerable packages to import (Go records name them)

    @property
    def ids(self) -> tuple[str, ...]:
        """The record's id first, then GHSA and CVE aliases."""
        return (self.id, *sorted(a for a in self.aliases if a.startswith(("GHSA-", "CVE-"))))


def severity_of(record: dict[str, Any]) -> Severity:
    """From the record's CVSS vector (computed, not guessed); else its ecosystem label; else medium."""
    for item in record.get("severity") or []:
        vector = str(item.get("score") or "")
        try:
            if vector.startswith("CVSS:4"):
                label = cvss.CVSS4(vector).severity
            elif vector.startswith("CVSS:3"):
                label = cvss.CVSS3(vector).severities()[0]
            else:
                continue
        except (cvss.CVSSError, ValueError, KeyError, IndexError):
            continue
        if str(label).lower() in ("low", "medium", "high", "critical"):
            return Severity.parse(str(label).lower())
    label = str((record.get("database_specific") or {}).get("severity") or "").lower()
    if label == "moderate":
        label = "medium"
    return Severity.parse(label) if label in ("low", "medium", "high", "critical") else Severity.MEDIUM


def _first_sentence(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    text = text[: end + 1] if 0 < end < limit else text
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _advisories(record: dict[str, Any]) -> Iterator[tuple[str, str, Advisory]]:
    summary = _first_sentence(str(record.get("summary") or record.get("details") or ""))
    severity = severity_of(record)
    for affected in record.get("affected") or []:
        package = affected.get("package") or {}
        eco, name = str(package.get("ecosystem") or ""), str(package.get("name") or "")
        if eco not in ECOSYSTEMS or not name:
            continue
        ranges = []
        fixed: list[str] = []
        for rng in affected.get("ranges") or []:
            if rng.get("type") not in ("ECOSYSTEM", "SEMVER"):
                continue  # GIT ranges name commits, not versions
            events = tuple((k, str(v)) for e in rng.get("events") or [] for k, v in e.items())
            ranges.append((str(rng["type"]), events))
            fixed += [v for k, v in events if k == "fixed"]
        specific = affected.get("ecosystem_specific") or {}
        imports = [str(imp.get("path")) for imp in specific.get("imports") or [] if imp.get("path")]
        symbols = [
            *imports,
            *(str(sym) for imp in specific.get("imports") or [] for sym in imp.get("symbols") or []),
            *(str(fn) for fn in specific.get("affected_functions") or []),
        ]
        yield (
            eco,
            normalise(eco, name),
            Advisory(
                id=str(record.get("id") or ""),
                aliases=tuple(str(a) for a in record.get("aliases") or []),
                summary=summary,
                severity=severity,
                fixed=tuple(fixed),
                symbols=tuple(symbols),
                imports=tuple(imports),
                ranges=tuple(ranges),
                versions=frozenset(str(v) for v in affected.get("versions") or []),
            ),
        )


def affects(advisory: Advisory, ecosystem: str, version: str) -> bool:
    """OSV's rule: listed in ``versions``, or inside a range: the events sorted by version, each
    ``introduced`` at or below v opens it, each ``fixed`` (or ``limit``) at or below v, or
    ``last_affected`` below v, closes it."""
    if version in advisory.versions:
        return True
    v = parse_version(ecosystem, version)
    if v is None:
        return False
    for _kind, events in advisory.ranges:
        inside = False
        for key, raw in sorted(events, key=lambda e: _order(ecosystem, e[1])):
            if key == "introduced":
                inside = inside or raw == "0" or _le(ecosystem, raw, v)
            elif inside and key in ("fixed", "limit"):
                inside = not _le(ecosystem, raw, v)
            elif inside and key == "last_affected":
                inside = not _lt(ecosystem, raw, v)
        if inside:
            return True
    return False


def _order(ecosystem: str, raw: str) -> tuple[int, Any]:
    if raw == "0":
        return (0, 0)
    parsed = parse_version(ecosystem, raw)
    return (1, parsed) if parsed is not None else (2, 0)


def _le(ecosystem: str, raw: str, v: Any) -> bool:
    bound = parse_version(ecosystem, raw)
    return bound is not None and bool(bound <= v)


def _lt(ecosystem: str, raw: str, v: Any) -> bool:
    bound = parse_version(ecosystem, raw)
    return bound is not None and bool(bound < v)


class VulnDB:
    """Records indexed by (ecosystem, normalised name); loaded once per process from a directory."""

    def __init__(self, records: Iterable[dict[str, Any]], *, age_days: float | None = None) -> None:
        self._index: dict[tuple[str, str], list[Advisory]] = defaultdict(list)
        self.age_days = age_days
        self.count = 0
        for record in records:
            if record.get("withdrawn"):
                continue
            self.count += 1
            for eco, name, advisory in _advisories(record):
                self._index[(eco, name)].append(advisory)

    @classmethod
    def load(cls, directory: Path, *, age_days: float | None = None) -> VulnDB:
        return cls(_read_records(directory), age_days=age_days)

    def affecting(self, ecosystem: str, name: str, version: str) -> list[Advisory]:
        found = [
            a
            for a in self._index.get((ecosystem, normalise(ecosystem, name)), [])
            if affects(a, ecosystem, version)
        ]
        return sorted(found, key=lambda a: a.id)


def _read_records(directory: Path) -> Iterator[dict[str, Any]]:
    for eco_dir in sorted(p for p in directory.iterdir() if p.is_dir()) if directory.is_dir() else []:
        archive = eco_dir / "all.zip"
        if archive.is_file():
            with zipfile.ZipFile(archive) as zf:
                for info in zf.infolist():
                    if info.filename.endswith(".json") and info.file_size <= MAX_RECORD_BYTES:
                        yield from _parsed(zf.read(info))
        for path in sorted(eco_dir.glob("*.json")):
            if path.stat().st_size <= MAX_RECORD_BYTES:
                yield from _parsed(path.read_bytes())


def _parsed(data: bytes) -> Iterator[dict[str, Any]]:
    try:
        record = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return
    if isinstance(record, dict):
        yield record
