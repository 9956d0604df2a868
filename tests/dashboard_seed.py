"""A seeded advisory ledger for the dashboard/API tests (unit and browser): real scans recorded
through the store's lifecycle over a few simulated weeks, so histories, ages, SLA and trends are real."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from bot.core.models import Confidence, Finding, Severity
from bot.store import AdvisoryStore, Scan, Sighting
from bot.store.api_tokens import Role, TokenStore
from bot.store.db import make_engine
from bot.store.store import utc
from tests.contract.advisory_fixtures import DAY, START, FakeClock

NOW = START  # 2026-01-01: the tests' "today"
SECRET_IN_CODE = "hunter2-very-secret-value"
XSS_TITLE = '<script>alert("x")</script> Reflected XSS'


def finding(
    n: int,
    *,
    severity: Severity,
    cwe: str,
    category: str,
    title: str,
    path: str | None = None,
    message: str = "",
) -> Finding:
    return Finding(
        rule_id=f"remediator.{category}",
        engine="semgrep",
        category=category,
        cwe=cwe,
        title=title,
        severity=severity,
        confidence=Confidence.HIGH,
        path=path or f"app/module_{n}.py",
        start_line=10 + n,
        end_line=10 + n,
        message=message or f"{title} in module {n}.",
        explanation="User input reaches a dangerous sink without validation.",
        remediation=("Use a parameterised API.", "Add a regression test."),
        replacement="cursor.execute(query, (user_id,))",
        fingerprint=hashlib.sha256(f"finding-{n}".encode()).hexdigest()[:40],
    )


@dataclass
class Seeded:
    store: AdvisoryStore
    clock: FakeClock
    ids: dict[str, int]
    tokens: dict[str, str]
    """role label -> secret"""


def _scan(repo: str, pr: int, commit: str, sightings: list[Sighting], complete: bool = True) -> Scan:
    return Scan("github", repo, pr, (commit * 40)[:40], sightings, complete)


def seed(data_dir: Path, *, bulk: int = 60, now: float = NOW) -> Seeded:
    """The ledger in ``data_dir/advisories.db`` (what the app opens) with named advisories and tokens;
    ``now`` is "today" for the ages (the fake clock's, or the wall clock's for a real server)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(f"sqlite:///{data_dir / 'advisories.db'}")
    clock = FakeClock(now - 40 * DAY)
    store = AdvisoryStore(engine, clock)
    store.upgrade()
    ids: dict[str, int] = {}

    sqli = Sighting(
        finding(
            1,
            severity=Severity.CRITICAL,
            cwe="CWE-89",
            category="sql-injection",
            title="SQL injection in login",
        ),
        9.5,
        f'query = "SELECT * FROM users WHERE id=" + user_id\npassword = "{SECRET_IN_CODE}"',  # noqa: S608 - flagged code, data
    )
    xss = Sighting(
        finding(2, severity=Severity.HIGH, cwe="CWE-79", category="xss", title=XSS_TITLE), 7.0, "return html"
    )
    store.record_scan(_scan("acme/payments", 7, "a", [sqli, xss]))
    ids["sqli"], ids["xss"] = (store.resolve(s.finding.fingerprint) for s in (sqli, xss))

    clock.advance(12)  # 28 days ago
    cmd = Sighting(
        finding(
            3, severity=Severity.HIGH, cwe="CWE-78", category="command-injection", title="Shell injection"
        ),
        8.0,
        "subprocess.call(cmd, shell=True)",
    )
    (ids["cmd"],) = store.record_scan(_scan("acme/web", 12, "b", [cmd])).opened
    store.pr_closed("github", "acme/web", 12, merge_commit="c" * 40)

    clock.advance(7)  # 21 days ago
    fixed = Sighting(
        finding(4, severity=Severity.MEDIUM, cwe="CWE-22", category="path-traversal", title="Path traversal"),
        5.0,
        "open(base + name)",
    )
    (ids["fixed"],) = store.record_scan(_scan("beta/api", 5, "d", [fixed])).opened
    clock.advance(7)  # 14 days ago
    store.record_scan(_scan("beta/api", 5, "e", []))  # the fix landed: a complete scan no longer finds it

    for n in range(bulk):
        clock.t = now - (35 - (n % 30)) * DAY
        sev = (Severity.LOW, Severity.MEDIUM, Severity.HIGH)[n % 3]
        f = finding(100 + n, severity=sev, cwe="CWE-327", category="weak-crypto", title=f"Weak hash {n:02d}")
        repo = ("acme/infra", "beta/api", "gamma/site")[n % 3]
        store.record_scan(_scan(repo, 40 + n, "f", [Sighting(f, 1.0 + (n % 10) / 10, "md5(x)")], False))

    clock.t = now - 1 * DAY
    recent = Sighting(
        finding(5, severity=Severity.LOW, cwe="CWE-532", category="logging", title="Token written to a log"),
        2.0,
        "log.info(token)",
    )
    (ids["recent"],) = store.record_scan(_scan("acme/infra", 3, "9", [recent])).opened
    dismissed = Sighting(
        finding(6, severity=Severity.MEDIUM, cwe="CWE-330", category="randomness", title="Weak random"),
        3.0,
        "random.random()",
    )
    store.record_scan(_scan("acme/infra", 3, "9", [recent, dismissed]))
    ids["dismissed"] = store.resolve(dismissed.finding.fingerprint)
    store.dismiss(ids["dismissed"], actor="alice", reason="test fixture only", source="command")

    clock.t = now
    tokens = TokenStore(engine)
    secrets = {
        role.label: tokens.create(role, f"{role.label} user", created_by="test", now=utc(now))[0]
        for role in Role
    }
    engine.dispose()
    return Seeded(store, clock, ids, secrets)
