"""The baseline job (``bot.jobs.baseline:baseline_repository``): the default branch of a repository,
scanned as a whole tree when the app is installed on it (GitHub ``installation`` and
``installation_repositories``), on demand (``remediator baseline``, the dashboard's button) and on a
schedule (``REMEDIATOR_BASELINE_INTERVAL``). Its findings enter the ledger as advisories of origin
``baseline`` (``pr`` 0); nothing is posted on the host.

The branch's files are read through the host's API into a private temporary folder (never a clone,
never a write to the repository), within ``REMEDIATOR_BASELINE_MAX_FILES`` files; each file over
``REMEDIATOR_MAX_FILE_BYTES`` is left out and says so. Host paths are untrusted: one that is absolute,
climbs with ``..``, or holds a NUL is refused. Then ``scan_tree`` (bot.analysis.tree_scan) with the
data directory's cache, so a re-baseline re-analyses only what changed.
"""

from __future__ import annotations

import logging
import posixpath
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from bot.analysis.exposure import Site
from bot.analysis.tree_scan import ScanResult, default_cache, scan_tree
from bot.config.org import load_org_config
from bot.config.settings import Settings
from bot.core import codeowners
from bot.core.clock import Clock
from bot.core.models import Finding
from bot.core.redact import redact
from bot.core.review import Review
from bot.errors import ContentTooLarge, Permanent
from bot.hosts.base import Host, TreeReader
from bot.store import Scan, ScanOutcome, Sighting
from bot.store.query import BASELINE_PR

logger = logging.getLogger(__name__)

HANDLER = "bot.jobs.baseline:baseline_repository"
EXCERPT_CONTEXT = 3


class Context(Protocol):
    @property
    def settings(self) -> Settings: ...

    @property
    def clock(self) -> Clock: ...


HostFactory = Callable[[Mapping[str, Any], Settings, Callable[[], float]], Host]


@dataclass
class Fetched:
    files: int = 0
    skipped: list[str] = field(default_factory=list)
    truncated: bool = False


def safe_path(path: str) -> str | None:
    """``path`` if it names a file inside the tree ('/'-separated, relative, no '..', no NUL)."""
    if not path or "\x00" in path or path.startswith("/") or "\\" in path:
        return None
    norm = posixpath.normpath(path)
    if norm != path or norm in (".", "..") or norm.startswith("../") or "/../" in f"/{norm}/":
        return None
    if any(part in ("", ".git") for part in norm.split("/")):
        return None
    return norm


def fetch_tree(host: TreeReader, repo: str, ref: str, root: Path, settings: Settings) -> Fetched:
    """The files of ``ref`` written under ``root`` (bounded; large files and unsafe paths left out)."""
    out = Fetched()
    for entry in host.tree(repo, ref):
        path = safe_path(entry.path)
        if path is None:
            out.skipped.append(f"{entry.path[:200]!r}: not a safe path")
            continue
        if out.files >= settings.baseline_max_files:
            out.truncated = True
            break
        if entry.size is not None and entry.size > settings.max_file_bytes:
            out.skipped.append(f"{path}: {entry.size:,} bytes, over REMEDIATOR_MAX_FILE_BYTES")
            continue
        try:
            data = host.read_at(repo, ref, path)
        except ContentTooLarge:
            out.skipped.append(f"{path}: over REMEDIATOR_MAX_FILE_BYTES")
            continue
        if data is None:
            continue
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        out.files += 1
    return out


def _file(root: Path, path: str) -> bytes | None:
    target = root / path
    return target.read_bytes() if target.is_file() and not target.is_symlink() else None


def _excerpt(root: Path, finding: Finding) -> str:
    start, end = finding.start_line, finding.end_line
    try:
        lines = (root / finding.path).read_text("utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    lo, hi = max(start - EXCERPT_CONTEXT, 1), min(end + EXCERPT_CONTEXT, len(lines))
    shown = redact("\n".join(lines[lo - 1 : hi])).split("\n")
    return "\n".join(f"{n:>5}   {text}" for n, text in zip(range(lo, hi + 1), shown, strict=False))


def baseline_scan(review: Review, host: str, repo: str, ref: str, root: Path) -> Scan:
    """The ledger's view of a baseline: every finding of the tree, at ``pr`` 0, with its risk
    factors and its owners by the tree's CODEOWNERS."""
    from bot.jobs.record import read_codeowners  # noqa: PLC0415 - the store only where jobs run

    rules = read_codeowners(lambda path: _file(root, path))
    sightings = [
        Sighting(
            rf.finding,
            rf.risk,
            _excerpt(root, rf.finding),
            rf.risk_factors,
            codeowners.owners_of(rules, rf.finding.path),
        )
        for rf in review.findings
    ]
    return Scan(host, repo, BASELINE_PR, ref, sightings, complete=review.complete)


def baseline_repository(
    payload: Mapping[str, Any], ctx: Context, *, host_factory: HostFactory | None = None
) -> ScanOutcome:
    """Job: scan the default branch (or ``payload["ref"]``) of ``payload["repo"]`` and record it."""
    if host_factory is None:
        from bot.hosts.factory import host_for  # noqa: PLC0415 - the wiring module picks adapters

        host_factory = host_for
    settings = ctx.settings
    host = host_factory(payload, settings, ctx.clock.now)
    if not isinstance(host, TreeReader):
        raise Permanent(f"the {payload.get('host')} adapter cannot list a repository's files")
    repo = str(payload["repo"])
    ref = str(payload.get("ref") or "") or host.default_branch(repo)
    with tempfile.TemporaryDirectory(prefix="remediator-baseline-") as tmp:
        root = Path(tmp) / "tree"
        root.mkdir()
        fetched = fetch_tree(host, repo, ref, root, settings)
        site = Site(host.name, repo, load_org_config(settings.org_config).assets)
        result: ScanResult = scan_tree(root, settings, cache=default_cache(settings), site=site)
        scan = baseline_scan(result.review, host.name, repo, ref, root)
    if fetched.truncated:
        scan = Scan(scan.host, scan.repo, scan.pr, scan.commit, scan.sightings, complete=False)
    from bot.jobs import record  # noqa: PLC0415 - the store (SQLAlchemy) only where jobs run
    from bot.store.bootstrap import open_store  # noqa: PLC0415

    outcome = record.record(open_store(settings, ctx.clock), scan)
    logger.info(
        "baseline of %s:%s at %s: %d file(s) read, %d analysed, %d from the cache, %d finding(s)%s",
        host.name,
        repo,
        ref,
        fetched.files,
        result.analysed,
        result.cached,
        len(scan.sightings),
        f"; stopped at {settings.baseline_max_files} files" if fetched.truncated else "",
    )
    for line in fetched.skipped[:20]:
        logger.info("baseline of %s:%s: left out %s", host.name, repo, line)
    return outcome


def known_repositories(payload: Mapping[str, Any], ctx: Context) -> list[tuple[str, str]]:
    """The repositories the scheduled re-baseline covers (``bot.jobqueue`` calls this by name): every
    (host, repository) the ledger holds an advisory of."""
    from bot.store.bootstrap import open_store  # noqa: PLC0415 - SQLAlchemy only where jobs run

    return open_store(ctx.settings, ctx.clock).repositories()
