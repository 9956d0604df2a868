"""The dependency step of a review: the manifests and lockfiles a change adds or edits, checked
against the offline OSV database (bot.deps), whatever the static file selection skipped as a lock file.

The database is loaded once per process per directory (it is large) and reloaded when a sync replaced
it. Without a database, a change that touches a manifest gets a note saying so.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.analysis.workspace import Reader, text_from_hunks
from bot.config.settings import Settings
from bot.core.coverage import FileCoverage, FileState
from bot.core.models import ChangeSet, FileStatus, SourceFile
from bot.deps.advise import DepResult, dependency_findings, is_manifest
from bot.deps.osv import VulnDB
from bot.deps.reach import ImportIndex
from bot.deps.sync import STAMP, age_days

logger = logging.getLogger(__name__)
ANALYZER = "dependencies (OSV)"
_lock = threading.Lock()
_cache: dict[Path, tuple[float, VulnDB]] = {}
RepositoryFiles = Callable[[], Iterable[tuple[str, bytes | None]]]
"""The source files at the change's head (path, contents), for repository-wide reachability; read
lazily, only when an advisory names packages; contents None: the listing was cut short there."""


@dataclass
class DependencyPass:
    result: DepResult = field(default_factory=DepResult)
    files: list[SourceFile] = field(default_factory=list)

    def coverage(self, entries: list[FileCoverage]) -> list[FileCoverage]:
        """``entries`` with the manifests checked here marked analysed (a lock file is not 'skipped')."""
        checked = {sf.path for sf in self.files}
        return [_checked(e) if e.path in checked else e for e in entries]


def _checked(entry: FileCoverage) -> FileCoverage:
    if entry.state is FileState.SKIPPED:
        return FileCoverage(entry.path, FileState.ANALYSED, (ANALYZER,), detail="dependencies checked")
    return FileCoverage(entry.path, entry.state, (*entry.analyzers, ANALYZER), entry.reason, entry.detail)


def open_vulndb(directory: Path, now: float | None = None) -> VulnDB | None:
    """The database in ``directory`` (cached until a sync replaces it), or None when there is none."""
    try:
        version = max(p.stat().st_mtime for p in directory.iterdir() if p.is_dir() or p.name == STAMP)
    except (OSError, ValueError):  # no directory, or nothing in it
        return None
    with _lock:
        cached = _cache.get(directory)
        if cached and cached[0] == version:
            db = cached[1]
        else:
            db = VulnDB.load(directory)
            _cache[directory] = (version, db)
    db.age_days = age_days(directory, time.time() if now is None else now)
    return db


def check_dependencies(
    changeset: ChangeSet,
    read: Reader | None,
    settings: Settings,
    code: Sequence[SourceFile] = (),
    repository_files: RepositoryFiles | None = None,
) -> DependencyPass:
    """Dependency findings for the manifests the change adds or edits; ``code`` is the change's other
    files, to see whether it imports what an advisory names; ``repository_files`` (the head's source
    files, read only when an advisory names packages) tells whether the repository imports them."""
    files = []
    for change in changeset.files:
        if change.status is FileStatus.DELETED or change.is_binary or not change.added_lines:
            continue
        if not is_manifest(change.path):
            continue
        data = read(change.path) if read is not None else None
        text = data.decode("utf-8", errors="replace") if data is not None else text_from_hunks(change)
        files.append(SourceFile(change, text, None, data is None))
    out = DependencyPass(files=files)
    if not files:
        return out
    db = open_vulndb(settings.vulndb_path)
    index = None if repository_files is None else (lambda: ImportIndex.build(repository_files()))
    out.result = dependency_findings(files, db, code, read, repository=index)
    if db is not None and db.age_days is not None and db.age_days > settings.vulndb_max_age_days:
        out.result.notes.append(
            f"The vulnerability database is {db.age_days:.0f} days old (more than "
            f"REMEDIATOR_VULNDB_MAX_AGE_DAYS={settings.vulndb_max_age_days:g}): run `remediator vulndb sync`."
        )
    return out
