"""A whole tree reviewed as if every line were new: ``remediator scan`` and the baseline job call
``scan_tree``.

The tree is read in two streaming passes (never all contents at once): the first lists, classifies
and hashes every file; the second reuses each file's cached result while its content and everything
its flow analysis depended on are unchanged, and analyses the rest in batches with the same
pipeline a review uses (``pipeline.analyse``: rule pack, bandit, flow analysis, route checks,
dependencies, fix verification). A cached result whose only changed inputs are modules it imports
waits until those are analysed: it is reused when each one's interface digest (the flow analysis'
summaries of its functions) is what it was, else the file is analysed again, with semgrep's and
bandit's results for it served from the per-engine cache (they depend on the file alone), so only
the flow analysis and what follows it run. Semgrep runs that time out are retried in halves. The
LLM pass is not run on a whole tree. Fingerprints are numbered over the whole tree at the end, so
they do not depend on how files were batched or cached. Imports bot.core, bot.config and this
package only.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path

from bot.analysis.exposure import LazyTexts, RiskContext, Site, infer
from bot.analysis.pipeline import analyse, policy_from
from bot.analysis.scan_cache import FILE_NAME, CachedFile, ScanCache, entry_key
from bot.analysis.static_pass import EngineResult, SemgrepRunner, StaticOptions
from bot.analysis.tree_source import DirectorySource, TreeSource
from bot.analysis.workspace import path_skip
from bot.config.settings import Settings
from bot.core.coverage import Coverage, FileCoverage, FileState, SkipReason
from bot.core.fingerprint import fingerprint, normalise_code
from bot.core.languages import detect_language
from bot.core.models import ChangeSet, DiffLine, FileChange, FileStatus, Finding, Hunk, LineKind
from bot.core.review import Review, build_review
from bot.llm.augment import STATIC_ONLY_NOTE

logger = logging.getLogger(__name__)

ScanProgress = Callable[[int, int], None]
"""Called with (files done, files to do) as the scan goes."""

BATCH_FILES = 300
BATCH_BYTES = 6_000_000
SCAN_NOTE = "Whole-tree scan: every line is treated as new; the LLM pass does not run on a scan."
_BINARY_PROBE = 8192
_CODE_ROOTS = ("analysis", "core", "deps")


@dataclass(frozen=True, slots=True)
class ScanResult:
    """The review of the whole tree, and what the cache saved."""

    review: Review
    files: int
    """Files listed in the tree (analysed, skipped or cached)."""
    analysed: int
    """Files analysed in this run (not taken from the cache)."""
    cached: int
    """Files whose earlier result was reused (content and dependencies unchanged)."""
    batches: int
    label: str = ""


@dataclass
class _Tally:
    entries: dict[str, CachedFile] = field(default_factory=dict)
    skipped: list[FileCoverage] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    notes: dict[str, None] = field(default_factory=dict)
    engines: dict[str, None] = field(default_factory=dict)
    analysed: int = 0
    cached: int = 0
    batches: int = 0
    to_store: dict[str, str] = field(default_factory=dict)
    """Path -> content hash of the entries to write once every interface digest is known."""


def default_cache(settings: Settings) -> ScanCache:
    """The cache in the data directory (``scan-cache.sqlite3``)."""
    return ScanCache(settings.data_dir / FILE_NAME)


def config_key(settings: Settings) -> str:
    """What a cached result depends on besides the file: the analysis code and rule pack (hashed),
    the analyzers' versions, the vulnerability database's version and the settings that change
    results (file size bound, excluded paths)."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent.parent
    for root in _CODE_ROOTS:
        for path in sorted((here / root).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".yml", ".yaml", ".json"}:
                digest.update(str(path.relative_to(here)).encode())
                digest.update(path.read_bytes())
    digest.update(tool_versions().encode())
    vulndb = settings.vulndb_path
    try:
        stamp = max(p.stat().st_mtime for p in vulndb.iterdir())
    except (OSError, ValueError):
        stamp = 0.0
    digest.update(f"{settings.max_file_bytes}|{stamp}".encode())
    digest.update("\x1f".join(sorted(settings.exclude_paths)).encode())
    return digest.hexdigest()


def tool_versions() -> str:
    """The analyzers' versions (semgrep, bandit), part of the config key."""
    out = []
    for dist in ("semgrep", "bandit"):
        try:
            out.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            out.append(f"{dist}=absent")
    return ";".join(out)


def whole_file_change(path: str, lines: list[str]) -> FileChange:
    """A file as a change that adds every one of its lines."""
    if not lines:
        return FileChange(path, None, FileStatus.ADDED)
    diff_lines = tuple(DiffLine(LineKind.ADDED, None, n, text) for n, text in enumerate(lines, start=1))
    return FileChange(path, None, FileStatus.ADDED, (Hunk(0, 0, 1, len(lines), diff_lines),))


def scan_tree(
    source: Path | TreeSource,
    settings: Settings,
    *,
    progress: ScanProgress | None = None,
    cache: ScanCache | None = None,
    batch_files: int = BATCH_FILES,
    batch_bytes: int = BATCH_BYTES,
    site: Site | None = None,
    semgrep_runner: SemgrepRunner | None = None,
) -> ScanResult:
    """Review every file of ``source`` (a directory, or a ``tree_source`` such as a git revision).

    ``cache`` (``default_cache(settings)`` for the data directory's) makes a second scan of a
    slightly changed tree analyse only the changed files and those whose imports reach them. The
    result's ``review`` renders with the same functions as a change's review; its coverage lists
    every file, and ``review.complete`` is False when any file that should have been analysed was
    not. Raises ``InputError`` for a source that cannot be read at all. ``site`` (the repository and
    the organisation's asset map) ranks the findings; without it exposure is only inferred.
    ``semgrep_runner`` replaces ``semgrep.run_semgrep`` (tests)."""
    tree = DirectorySource(source) if isinstance(source, Path) else source
    settings = replace(settings, llm_enabled=False)
    key = config_key(settings)
    tally = _Tally()
    try:
        hashes, todo = _list_and_hash(tree, settings, tally)
        total = len(todo)
        if progress:
            progress(0, total)
        pending: list[tuple[str, str]] = []
        waiting: list[_Waiting] = []
        for path, digest in todo:
            hit = cache.get(entry_key(key, path, digest)) if cache else None
            changed = _changed_inputs(hit, hashes) if hit is not None else None
            if hit is None or changed is None:
                pending.append((path, digest))
            elif changed:
                waiting.append(_Waiting(path, digest, hit, changed))
            else:
                tally.entries[path] = hit
                tally.cached += 1
        done = tally.cached
        if progress and done:
            progress(done, total)
        run = _Run(tree, settings, hashes, tally, cache, key, semgrep_runner)
        while pending or waiting:
            for batch in _batches(pending, tree, batch_files, batch_bytes):
                _analyse_batch(batch, run)
                _store(tally, cache, key, hashes, final=False)
                done += len(batch)
                if progress:
                    progress(done, total)
            pending, waiting, reused = _settle(waiting, tally, hashes)
            done += reused
            if progress and reused:
                progress(done, total)
        _store(tally, cache, key, hashes, final=True)
        review = _assemble(tally, settings, _risk(tree, tally, hashes, site or Site()))
    finally:
        if isinstance(source, Path):
            tree.close()
    return ScanResult(
        review,
        len(todo) + len(tally.skipped),
        tally.analysed,
        tally.cached,
        tally.batches,
        tree.label,
    )


def _list_and_hash(
    tree: TreeSource, settings: Settings, tally: _Tally
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Pass one: every path classified (skipped with its reason, or to analyse with its hash)."""
    hashes: dict[str, str] = {}
    todo: list[tuple[str, str]] = []
    limit = settings.max_file_bytes
    for path in tree.paths():
        skip = path_skip(path, settings.exclude_paths)
        if skip is not None:
            tally.skipped.append(skip)
            continue
        size = tree.size(path)
        if size is not None and size > limit:
            tally.skipped.append(
                FileCoverage(
                    path, FileState.SKIPPED, reason=SkipReason.TOO_LARGE, detail=f"{size:,} bytes > {limit:,}"
                )
            )
            continue
        data = tree.read(path)
        if data is None:
            tally.skipped.append(FileCoverage(path, FileState.SKIPPED, reason=SkipReason.UNREADABLE))
            continue
        if b"\x00" in data[:_BINARY_PROBE]:
            tally.skipped.append(
                FileCoverage(path, FileState.SKIPPED, reason=SkipReason.BINARY, detail="NUL bytes in content")
            )
            continue
        if not data.strip():
            tally.skipped.append(FileCoverage(path, FileState.SKIPPED, reason=SkipReason.EMPTY))
            continue
        digest = hashlib.sha256(data).hexdigest()
        hashes[path] = digest
        todo.append((path, digest))
    return hashes, todo


def _batches(
    pending: list[tuple[str, str]], tree: TreeSource, max_files: int, max_bytes: int
) -> Iterator[list[tuple[str, str]]]:
    batch: list[tuple[str, str]] = []
    size = 0
    for item in pending:
        n = tree.size(item[0]) or 0
        if batch and (len(batch) >= max_files or size + n > max_bytes):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += n
    if batch:
        yield batch


@dataclass(frozen=True, slots=True)
class _Waiting:
    """A cached result whose own file is unchanged but some modules it imports changed."""

    path: str
    digest: str
    hit: CachedFile
    changed: tuple[str, ...]


def _changed_inputs(hit: CachedFile, hashes: Mapping[str, str]) -> tuple[str, ...] | None:
    """The dependencies of ``hit`` whose content changed; None when one of them cannot be judged
    by its interface (it appeared, disappeared, or had no interface digest): the file is analysed."""
    changed = tuple(p for p, h in hit.depends_on.items() if hashes.get(p) != h)
    for p in changed:
        if hit.depends_on[p] is None or p not in hashes or not hit.interfaces.get(p):
            return None
    return changed


def _settle(
    waiting: list[_Waiting], tally: _Tally, hashes: Mapping[str, str]
) -> tuple[list[tuple[str, str]], list[_Waiting], int]:
    """Reuse the waiting results whose changed dependencies kept their interface digests; those
    whose dependency's digest differs are to analyse. A dependency not settled yet keeps its
    importers waiting (it is itself waiting); when nothing moves, the rest are analysed.
    Returns (to analyse, still waiting, how many were reused)."""
    to_analyse: list[tuple[str, str]] = []
    reused = 0
    while waiting:
        still: list[_Waiting] = []
        for w in waiting:
            known = [tally.entries.get(p) for p in w.changed]
            if any(e is None for e in known):
                still.append(w)
            elif all(
                e is not None and e.interface == w.hit.interfaces[p]
                for p, e in zip(w.changed, known, strict=True)
            ):
                depends = {p: hashes.get(p) for p in w.hit.depends_on}
                tally.entries[w.path] = replace(w.hit, depends_on=depends)
                tally.to_store[w.path] = w.digest
                tally.cached += 1
                reused += 1
            else:
                to_analyse.append((w.path, w.digest))
        if len(still) == len(waiting):
            if to_analyse:
                return to_analyse, still, reused
            return [(w.path, w.digest) for w in still], [], reused
        waiting = still
    return to_analyse, [], reused


def _store(
    tally: _Tally, cache: ScanCache | None, key: str, hashes: Mapping[str, str], *, final: bool
) -> None:
    """Write the new entries, each with the interface digests of the modules it depends on: those
    whose every dependency in the tree has its result already (after each batch, so an interrupted
    scan keeps its progress), and at the end (``final``) the rest with what is known."""
    if cache is None:
        return
    for path, digest in list(tally.to_store.items()):
        entry = tally.entries[path]
        if not final and any(p in hashes and p not in tally.entries for p in entry.depends_on):
            continue
        interfaces = {}
        for p in entry.depends_on:
            dep = tally.entries.get(p)
            if dep is not None and dep.interface:
                interfaces[p] = dep.interface
        cache.put(entry_key(key, path, digest), replace(entry, interfaces=interfaces))
        del tally.to_store[path]


@dataclass(frozen=True, slots=True)
class _EngineView:
    """The scan cache's per-engine results for the files of one batch whose content is as hashed."""

    cache: ScanCache
    key: str
    digests: Mapping[str, str]

    def engine_get(self, engine: str, path: str) -> EngineResult | None:
        digest = self.digests.get(path)
        return self.cache.get_engine(entry_key(self.key, path, digest, engine)) if digest else None

    def engine_put(self, engine: str, path: str, result: EngineResult) -> None:
        digest = self.digests.get(path)
        if digest:
            self.cache.put_engine(entry_key(self.key, path, digest, engine), result)


@dataclass(frozen=True, slots=True)
class _Run:
    tree: TreeSource
    settings: Settings
    hashes: Mapping[str, str]
    tally: _Tally
    cache: ScanCache | None
    key: str
    semgrep_runner: SemgrepRunner | None = None


def _analyse_batch(batch: list[tuple[str, str]], run: _Run) -> None:
    tree, settings, hashes, tally, cache, key = (
        run.tree,
        run.settings,
        run.hashes,
        run.tally,
        run.cache,
        run.key,
    )
    tally.batches += 1
    changes: list[FileChange] = []
    lines_of: dict[str, list[str]] = {}
    unchanged: set[str] = set()
    for path, digest in batch:
        data = tree.read(path)
        if data is None:
            tally.skipped.append(
                FileCoverage(
                    path, FileState.SKIPPED, reason=SkipReason.UNREADABLE, detail="gone during the scan"
                )
            )
            continue
        if hashlib.sha256(data).hexdigest() == digest:
            unchanged.add(path)  # a file that changed since pass one is analysed but never cached
        lines = data.decode("utf-8", errors="replace").splitlines()
        lines_of[path] = lines
        changes.append(whole_file_change(path, lines))
    if not changes:
        return

    def read(path: str) -> bytes | None:
        return tree.read(path) if path in hashes else None

    digests = {p: hashes[p] for p in unchanged}
    view = _EngineView(cache, key, digests) if cache is not None else None
    options = StaticOptions(cache=view, split=True, runner=run.semgrep_runner)
    result = analyse(ChangeSet(tuple(changes)), read, settings, static_options=options)
    tally.analysed += len(changes)
    tally.failures += result.failures
    notes = tuple(n for n in result.notes if n and n != STATIC_ONLY_NOTE)
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        by_path[f.path].append(f)
    coverage = {fc.path: fc for fc in result.coverage}
    for change in changes:
        path = change.path
        lines = lines_of[path]
        found = tuple(
            (f, normalise_code(lines[f.start_line - 1 : f.end_line])) for f in by_path.get(path, ())
        )
        deps = _closure(path, result.flow_probes)
        entry = CachedFile(
            found,
            coverage.get(path) or FileCoverage(path, FileState.SKIPPED, reason=SkipReason.ANALYZER_FAILED),
            notes,
            {p: hashes.get(p) for p in sorted(deps)},
            result.summary_only.get(path, ""),
            tuple(result.engines),
            result.interfaces.get(path, ""),
        )
        tally.entries[path] = entry
        if not result.failures and path in unchanged:
            tally.to_store[path] = hashes[path]


def _closure(path: str, probes: Mapping[str, Iterable[str]]) -> set[str]:
    """Every path the flow analysis of ``path`` looked at, following the files it found."""
    seen: set[str] = set()
    stack = [path]
    while stack:
        for probed in probes.get(stack.pop(), ()):
            if probed not in seen and probed != path:
                seen.add(probed)
                stack.append(probed)
    return seen


def _risk(tree: TreeSource, tally: _Tally, hashes: Mapping[str, str], site: Site) -> RiskContext:
    """Risk factors for the tree's findings: the asset map, else exposure inferred from the files
    with findings and the tree's deployment files (read again on demand, never all kept)."""

    def read(path: str) -> bytes | None:
        return tree.read(path) if path in hashes else None

    with_findings = [p for p, entry in tally.entries.items() if entry.findings]
    texts = LazyTexts(read, with_findings)
    inference = infer(read, texts, listed=hashes)
    languages = {p: detect_language(p) for p in with_findings}
    return RiskContext(site, inference, texts, languages)


def _assemble(tally: _Tally, settings: Settings, risk: RiskContext | None = None) -> Review:
    findings: list[tuple[Finding, str]] = []
    coverage: list[FileCoverage] = list(tally.skipped)
    notes: dict[str, None] = {SCAN_NOTE: None}
    engines: dict[str, None] = {}
    summary_only: dict[str, str] = {}
    for path, entry in tally.entries.items():
        findings += entry.findings
        coverage.append(entry.coverage)
        notes.update(dict.fromkeys(entry.notes))
        engines.update(dict.fromkeys(entry.engines))
        if entry.summary_only:
            summary_only[path] = entry.summary_only
    # numbered over the whole tree, in the order assign_fingerprints uses: batching changes nothing
    findings.sort(key=lambda fc: (fc[0].path, fc[0].start_line, fc[0].end_line, fc[0].rule_id))
    seen: dict[tuple[str, str, str], int] = {}
    numbered: list[Finding] = []
    for f, code in findings:
        ident = (f.rule_id, code, f.symbol)
        occurrence = seen.get(ident, 0)
        seen[ident] = occurrence + 1
        numbered.append(f.with_(fingerprint=fingerprint(f.rule_id, code, f.symbol, occurrence)))
    extent: dict[str, int] = {}
    for f in numbered:
        extent[f.path] = max(extent.get(f.path, 0), f.end_line)
    # every line of a scanned file is "added": anchors need only the line numbers, not the text
    changes = tuple(whole_file_change(p, [""] * n) for p, n in sorted(extent.items()))
    coverage.sort(key=lambda fc: fc.path)
    return build_review(
        numbered,
        ChangeSet(changes),
        Coverage(tuple(coverage)),
        policy_from(settings),
        notes=[n for n in notes if n],
        engines=list(engines),
        failures=list(dict.fromkeys(tally.failures)),
        summary_only=summary_only,
        factors=risk.factors if risk is not None else None,
    )
