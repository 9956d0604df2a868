"""Run bandit once per review over the Python files and turn its results into Findings.

Bandit has no data-flow analysis, so most of its tests only corroborate a finding of the rule
pack (raising confidence); a short list of tests that are precise on their own is reported alone.
``# nosec`` comments are ignored: a change must not be able to silence the reviewer.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from bot.core.models import Confidence, Finding, Provenance, Severity
from bot.core.taxonomy import category as lookup_category
from bot.errors import AnalyzerError

logger = logging.getLogger(__name__)

ENGINE = "bandit"

# bandit test id -> Remediator category
CATEGORY_OF = {
    "B102": "code-injection",
    "B307": "code-injection",
    "B301": "deserialization",
    "B302": "deserialization",
    "B506": "deserialization",
    "B303": "weak-crypto",
    "B304": "weak-crypto",
    "B305": "weak-crypto",
    "B324": "weak-crypto",
    "B505": "weak-crypto",
    "B311": "insecure-randomness",
    "B306": "insecure-temp-file",
    "B313": "xxe",
    "B314": "xxe",
    "B315": "xxe",
    "B316": "xxe",
    "B317": "xxe",
    "B318": "xxe",
    "B319": "xxe",
    "B320": "xxe",
    "B323": "tls-verification",
    "B501": "tls-verification",
    "B502": "tls-verification",
    "B503": "tls-verification",
    "B504": "tls-verification",
    "B507": "tls-verification",
    "B105": "hardcoded-secret",
    "B106": "hardcoded-secret",
    "B107": "hardcoded-secret",
    "B201": "debug-mode",
    "B602": "command-injection",
    "B603": "command-injection",
    "B604": "command-injection",
    "B605": "command-injection",
    "B606": "command-injection",
    "B607": "command-injection",
    "B608": "sql-injection",
    "B610": "sql-injection",
    "B611": "sql-injection",
    "B308": "xss",
    "B701": "xss",
    "B702": "xss",
    "B703": "xss",
    "B310": "ssrf",
}


@dataclass(frozen=True, slots=True)
class StandaloneTest:
    """A bandit test precise enough to report on its own, with the advice Remediator gives."""

    title: str
    severity: Severity
    explanation: str
    remediation: tuple[str, ...]
    confidence: Confidence | None = None
    """The tier Remediator reports it at (None: bandit's own confidence)."""


STANDALONE = {
    "B323": StandaloneTest(
        "TLS certificate verification disabled",
        Severity.HIGH,
        "An unverified TLS context accepts any certificate, so anyone on the network path can "
        "read and change the traffic.",
        (
            "Use `ssl.create_default_context()`.",
            "If a private CA is needed, load it with `cafile=` instead of disabling verification.",
        ),
    ),
    "B501": StandaloneTest(
        "TLS certificate verification disabled",
        Severity.HIGH,
        "`verify=False` accepts any certificate, so a machine in the middle can read and change "
        "the request, including credentials.",
        (
            "Remove `verify=False` (verification is on by default).",
            "For an internal CA pass `verify='/path/to/ca-bundle.pem'`.",
        ),
    ),
    "B502": StandaloneTest(
        "Obsolete SSL/TLS protocol version",
        Severity.HIGH,
        "SSLv2/SSLv3/TLS 1.0 have practical attacks; traffic can be decrypted or downgraded.",
        (
            "Use `ssl.PROTOCOL_TLS_CLIENT` / `ssl.create_default_context()`.",
            "Set `minimum_version = ssl.TLSVersion.TLSv1_2` or later.",
        ),
    ),
    "B503": StandaloneTest(
        "Obsolete SSL/TLS protocol version",
        Severity.MEDIUM,
        "A default of an obsolete protocol version allows downgrade attacks.",
        ("Use `ssl.create_default_context()` and set a TLS 1.2+ minimum version.",),
    ),
    "B504": StandaloneTest(
        "TLS connection without a protocol version",
        Severity.LOW,
        "`ssl.wrap_socket` without a version may negotiate an obsolete protocol.",
        ("Use an `SSLContext` from `ssl.create_default_context()` and its `wrap_socket`.",),
    ),
    "B506": StandaloneTest(
        "Unsafe YAML load",
        Severity.HIGH,
        "`yaml.load` without a safe loader can construct arbitrary Python objects and run code.",
        ("Use `yaml.safe_load(...)` or pass `Loader=yaml.SafeLoader`.",),
    ),
    "B507": StandaloneTest(
        "SSH host key not verified",
        Severity.HIGH,
        "Accepting unknown host keys lets a machine in the middle impersonate the server.",
        ("Load known hosts with `client.load_system_host_keys()` and use `RejectPolicy`.",),
    ),
    "B306": StandaloneTest(
        "Insecure temporary file name (mktemp)",
        Severity.MEDIUM,
        "`tempfile.mktemp()` returns a name that does not exist yet; another local user can create "
        "that file (or a symlink) first, and the program then writes to a file the attacker controls.",
        (
            "Use `tempfile.mkstemp()` (returns an open descriptor) or `tempfile.NamedTemporaryFile()`.",
            "For a directory use `tempfile.mkdtemp()` / `TemporaryDirectory()`.",
        ),
        Confidence.MEDIUM,
    ),
    "B505": StandaloneTest(
        "Cryptographic key too small",
        Severity.HIGH,
        "RSA/DSA keys under 2048 bits (and EC curves under 224 bits) can be factored or broken with "
        "resources well within reach; anything signed or encrypted with them is forgeable or readable.",
        ("Generate RSA keys of at least 3072 bits (`key_size=3072`), or use Ed25519 / P-256.",),
        Confidence.HIGH,
    ),
    "B701": StandaloneTest(
        "Jinja2 autoescape disabled",
        Severity.HIGH,
        "Without autoescaping every variable rendered into HTML is a cross-site scripting vector.",
        ("Create the environment with `autoescape=select_autoescape()` (or `True`).",),
    ),
}

_LEVEL = {"LOW": 1, "MEDIUM": 2, "HIGH": 3}


@dataclass(frozen=True, slots=True)
class BanditRun:
    results: list[dict[str, Any]]
    errors: list[dict[str, Any]]
    version: str


def run_bandit(root: Path, relpaths: Sequence[str], *, timeout: int) -> BanditRun:
    """One bandit process over the Python files ``relpaths`` (relative to ``root``)."""
    if not relpaths:
        return BanditRun([], [], "")
    cmd = [sys.executable, "-m", "bandit", "-f", "json", "-q", "--ignore-nosec", "--", *relpaths]
    try:
        proc = subprocess.run(
            cmd, cwd=root, capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired as exc:
        raise AnalyzerError(f"bandit did not finish within {timeout} s") from exc
    except OSError as exc:
        raise AnalyzerError(f"bandit could not start: {exc}") from exc
    try:
        data = json.loads(proc.stdout.decode("utf-8", errors="replace") or "{}")
    except json.JSONDecodeError as exc:
        raise AnalyzerError(f"bandit output was not JSON (exit {proc.returncode})") from exc
    if "results" not in data:
        raise AnalyzerError(f"bandit failed (exit {proc.returncode})")
    return BanditRun(list(data["results"]), list(data.get("errors", [])), _version())


def _version() -> str:
    try:
        return metadata.version("bandit")
    except metadata.PackageNotFoundError:
        return ""


def to_findings(run: BanditRun, known_paths: Mapping[str, object]) -> tuple[list[Finding], list[Finding]]:
    """(standalone findings, corroborating findings) from a bandit run."""
    standalone: list[Finding] = []
    corroborating: list[Finding] = []
    for r in run.results:
        path = str(r.get("filename", "")).removeprefix("./")
        test_id = str(r.get("test_id", ""))
        if path not in known_paths or test_id not in CATEGORY_OF:
            continue
        cat = lookup_category(CATEGORY_OF[test_id])
        line_range = [int(x) for x in r.get("line_range") or [r.get("line_number", 1)]]
        start, end = min(line_range), max(line_range)
        spec = STANDALONE.get(test_id)
        sev = spec.severity if spec else Severity(min(4, _LEVEL.get(str(r.get("issue_severity")), 2)))
        conf = Confidence(_LEVEL.get(str(r.get("issue_confidence")), 2))
        if spec is not None and spec.confidence is not None:
            conf = spec.confidence
        finding = Finding(
            rule_id=f"bandit-{test_id}-{r.get('test_name', '')}".replace("_", "-"),
            engine=ENGINE,
            category=cat.id,
            cwe=cat.cwe,
            title=spec.title if spec else cat.title,
            severity=sev,
            confidence=conf,
            path=path,
            start_line=int(r.get("line_number", start)),
            end_line=max(int(r.get("line_number", start)), min(end, int(r.get("line_number", start)))),
            message=" ".join(str(r.get("issue_text", "")).split()),
            explanation=spec.explanation if spec else "",
            remediation=spec.remediation if spec else (),
            provenance=Provenance(engine=ENGINE, tool_version=run.version),
        )
        (standalone if spec else corroborating).append(finding)
    return standalone, corroborating
