"""The per-file result cache of ``remediator scan``: one entry per (path, content hash, config key).

An entry holds what the analyzers found in one file (texts already redacted: no secret is stored),
its coverage entry, the content hashes of every other file the flow analysis looked at to resolve its
imports and the interface digests of those modules (what an importer sees of them: the flow
analysis' function summaries); it is used while each of those files is unchanged or, for a changed
module, while its interface digest is. Beside them, each engine's own result for a file (semgrep,
bandit: they depend on nothing but the file) is kept under its engine's name, so a file whose
imports changed is given to the flow analysis again but not to semgrep or bandit. The config key
names the analysis code, the rule pack, the analyzer versions and the settings that change results,
so an upgrade or a changed setting never reuses an old answer. SQLite ``scan-cache.sqlite3`` in the
data directory, or in memory for tests. Imports bot.core, bot.analysis.static_pass and the standard
library only.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.analysis.static_pass import EngineResult
from bot.core.coverage import FileCoverage, FileState, SkipReason
from bot.core.models import Confidence, Finding, Provenance, Severity
from bot.core.redact import redact

FILE_NAME = "scan-cache.sqlite3"
FORMAT = 2


@dataclass(frozen=True, slots=True)
class CachedFile:
    """What one file's analysis produced, ready to be reused while its inputs are unchanged."""

    findings: tuple[tuple[Finding, str], ...]
    """Each finding with its identity code (normalised, redacted) so fingerprints can be renumbered."""
    coverage: FileCoverage
    notes: tuple[str, ...] = ()
    depends_on: Mapping[str, str | None] = field(default_factory=dict)
    """Other paths -> content hash (None: absent) that the result depends on (import resolution)."""
    summary_only: str = ""
    engines: tuple[str, ...] = ()
    interface: str = ""
    """The flow analysis' interface digest of this file (Python it analysed whole), else ''."""
    interfaces: Mapping[str, str] = field(default_factory=dict)
    """For the paths of ``depends_on``: their interface digests when this entry was made."""


def _finding_to(f: Finding, code: str) -> dict[str, Any]:
    p = f.provenance
    return {
        "rule_id": f.rule_id,
        "engine": f.engine,
        "category": f.category,
        "cwe": f.cwe,
        "title": redact(f.title),
        "severity": int(f.severity),
        "confidence": int(f.confidence),
        "path": f.path,
        "start_line": f.start_line,
        "end_line": f.end_line,
        "message": redact(f.message),
        "explanation": redact(f.explanation),
        "remediation": [redact(s) for s in f.remediation],
        "replacement": redact(f.replacement) if f.replacement is not None else None,
        "provenance": [
            p.engine,
            p.tool_version,
            p.model,
            p.prompt_version,
            p.config_hash,
            list(p.corroborated_by),
        ],
        "symbol": f.symbol,
        "verifier_note": redact(f.verifier_note),
        "sink_line": f.sink_line,
        "code": code,
    }


def _finding_from(d: Mapping[str, Any]) -> tuple[Finding, str]:
    engine, tool_version, model, prompt_version, config_hash, corroborated = d["provenance"]
    finding = Finding(
        rule_id=d["rule_id"],
        engine=d["engine"],
        category=d["category"],
        cwe=d["cwe"],
        title=d["title"],
        severity=Severity(d["severity"]),
        confidence=Confidence(d["confidence"]),
        path=d["path"],
        start_line=d["start_line"],
        end_line=d["end_line"],
        message=d["message"],
        explanation=d["explanation"],
        remediation=tuple(d["remediation"]),
        replacement=d["replacement"],
        provenance=Provenance(engine, tool_version, model, prompt_version, config_hash, tuple(corroborated)),
        symbol=d["symbol"],
        verifier_note=d["verifier_note"],
        sink_line=int(d.get("sink_line", 0)),
    )
    return finding, str(d["code"])


def encode(entry: CachedFile) -> str:
    cov = entry.coverage
    return json.dumps(
        {
            "format": FORMAT,
            "findings": [_finding_to(f, code) for f, code in entry.findings],
            "coverage": [
                cov.path,
                cov.state.value,
                list(cov.analyzers),
                cov.reason.value if cov.reason else None,
                cov.detail,
            ],
            "notes": [redact(n) for n in entry.notes],
            "depends_on": dict(entry.depends_on),
            "summary_only": entry.summary_only,
            "engines": list(entry.engines),
            "interface": entry.interface,
            "interfaces": dict(entry.interfaces),
        },
        separators=(",", ":"),
    )


def decode(text: str) -> CachedFile | None:
    """The entry, or None when it was written by another format (then it is recomputed)."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    path, state, analyzers, reason, detail = data["coverage"]
    coverage = FileCoverage(
        path, FileState(state), tuple(analyzers), SkipReason(reason) if reason else None, detail
    )
    return CachedFile(
        tuple(_finding_from(d) for d in data["findings"]),
        coverage,
        tuple(data["notes"]),
        dict(data["depends_on"]),
        data["summary_only"],
        tuple(data["engines"]),
        str(data["interface"]),
        dict(data["interfaces"]),
    )


def encode_engine(result: EngineResult) -> str:
    return json.dumps(
        {
            "format": FORMAT,
            "findings": [_finding_to(f, "") for f in result.findings],
            "corroborating": [_finding_to(f, "") for f in result.corroborating],
            "problem": redact(result.problem),
        },
        separators=(",", ":"),
    )


def decode_engine(text: str) -> EngineResult | None:
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    return EngineResult(
        tuple(_finding_from(d)[0] for d in data["findings"]),
        tuple(_finding_from(d)[0] for d in data["corroborating"]),
        str(data["problem"]),
    )


def entry_key(config_key: str, path: str, content_hash: str, engine: str = "") -> str:
    """The key of a file's entry (``engine`` '') or of one engine's result for it."""
    payload = "\x1f".join((config_key, path, content_hash, engine))
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


class ScanCache:
    """Entries by key in SQLite (``path``), or in memory when ``path`` is None."""

    def __init__(self, path: Path | None = None, *, now: Callable[[], float] = time.time) -> None:
        self.path = path
        self._now = now
        self._memory: dict[str, str] = {}
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self.stores = 0
        """File entries written (engine results are counted in ``engine_stores``)."""
        self.engine_stores = 0
        self._engine_memory: dict[str, str] = {}
        self._touched: list[str] = []

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            if self.path is None:
                raise ValueError("an in-memory scan cache has no database")
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS scan_cache "
                "(key TEXT PRIMARY KEY, value TEXT NOT NULL, used_at REAL NOT NULL)"
            )
            self._conn = conn
        return self._conn

    def get(self, key: str) -> CachedFile | None:
        text = self._read(key, self._memory)
        return decode(text) if text is not None else None

    def put(self, key: str, entry: CachedFile) -> None:
        self.stores += 1
        self._write(key, encode(entry), self._memory)

    def get_engine(self, key: str) -> EngineResult | None:
        text = self._read(key, self._engine_memory)
        return decode_engine(text) if text is not None else None

    def put_engine(self, key: str, result: EngineResult) -> None:
        self.engine_stores += 1
        self._write(key, encode_engine(result), self._engine_memory)

    def _read(self, key: str, memory: dict[str, str]) -> str | None:
        with self._lock:
            if self.path is None:
                return memory.get(key)
            row = self._db().execute("SELECT value FROM scan_cache WHERE key = ?", (key,)).fetchone()
            if row:
                self._touched.append(key)
            return str(row[0]) if row else None

    def _write(self, key: str, text: str, memory: dict[str, str]) -> None:
        with self._lock:
            if self.path is None:
                memory[key] = text
                return
            self._db().execute(
                "INSERT OR REPLACE INTO scan_cache (key, value, used_at) VALUES (?, ?, ?)",
                (key, text, self._now()),
            )

    def _flush_touched(self) -> None:
        if self._touched and self._conn is not None:
            now = self._now()
            with self._conn:
                self._conn.execute("BEGIN")
                self._conn.executemany(
                    "UPDATE scan_cache SET used_at = ? WHERE key = ?", [(now, k) for k in self._touched]
                )
            self._touched = []

    def purge(self, before: float) -> int:
        """Drop entries not used since ``before`` (epoch seconds); returns how many."""
        with self._lock:
            if self.path is None:
                return 0
            self._flush_touched()
            cur = self._db().execute("DELETE FROM scan_cache WHERE used_at < ?", (before,))
            return cur.rowcount

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._flush_touched()
                self._conn.close()
                self._conn = None
