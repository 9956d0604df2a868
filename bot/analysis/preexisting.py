"""Findings a change did not introduce: an edited line (or hunk) that keeps a flaw the file had.

A fix usually rewrites the flagged line: ``cmd = "ls " + path`` becomes ``cmd = "ls " + quote(path)``
while the sink two lines down stays. When the engine still reports the sink (the fix was partial, or
the engine cannot see the new guard), the review would blame the change for a flaw it found there.
Here a finding of the rule pack (semgrep), the Python flow analysis or the Java flow analysis that
lies in a hunk which also removes lines is compared with the same engine's findings on the file
before the change (rebuilt from the head and the hunks, ``diffmap.base_text``) on the lines that hunk
removes: when the earlier version already had as many findings of that rule there, at least as
confident, the head's are not new (a change that makes the source visible, medium to high, is still
reported). A Python flow finding whose hunk removes more calls of the flagged sink's function than
the earlier version had findings there stays too (``_unflagged_calls``): an ``if`` whose
``shell=False`` branch the change deletes, keeping the ``shell=True`` one, made the safe call unsafe.
The findings of a rule that outnumber the earlier ones all stay (which one is new cannot be told);
those left are matched against the earlier findings of the same engine and category that no
rule match used (a sink whose shape changed with the edit can change its rule id, not its class).

Each engine runs again only where it can matter: only the files with such a finding, semgrep with only
the rules of those findings' categories and languages (one more process), the flow analyses only on
the functions holding removed lines (their ``added`` lines are the removed ones). The Python flow
analysis reads the rest of the repository at the head, as in the review (the earlier text of one
file among the others' current ones). bandit has its own (``bandit.preexisting``); the diff readers
(``removed_controls``, ``c_diff``, ``route_auth``, ``redos``, ``ruby_diff``) judge the diff itself
and are not compared here. Files analysed from the diff's hunks only are left out (their line numbers
are not the file's), as are files whose earlier version cannot be rebuilt.
Imports bot.core, bot.config, bot.errors and the engines of bot.analysis.
"""

from __future__ import annotations

import ast
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from bot.analysis import flow as flow_mod
from bot.analysis import java_flow, java_snippet, py2compat
from bot.analysis import semgrep as semgrep_mod
from bot.analysis.workspace import Reader
from bot.config.settings import Settings
from bot.core.diffmap import base_text
from bot.core.models import Confidence, FileChange, Finding, LineKind, SourceFile
from bot.core.pyparse import dotted, parse_module
from bot.errors import AnalyzerError

logger = logging.getLogger(__name__)

ENGINES = frozenset({semgrep_mod.ENGINE, flow_mod.ENGINE})
"""The engines compared here (the Java flow analysis reports as ``flow_mod.ENGINE`` too)."""

Key = tuple[str, int, str, str]
"""(path, hunk index, engine, category)."""


def edited_hunk(f: Finding, change: FileChange) -> int | None:
    """Index of the hunk holding the first line of ``f`` the change adds, when that hunk also
    removes lines (an edit, not an insertion); None otherwise."""
    added = change.added_lines
    line = next((n for n in f.lines if n in added), None)
    if line is None:
        return None
    for i, hunk in enumerate(change.hunks):
        if hunk.covers_new(line):
            return i if any(dl.kind is LineKind.REMOVED for dl in hunk.lines) else None
    return None


def removed_lines(change: FileChange) -> dict[int, int]:
    """Line number before the change -> index of the hunk that removes it."""
    return {
        dl.old_no: i
        for i, hunk in enumerate(change.hunks)
        for dl in hunk.lines
        if dl.kind is LineKind.REMOVED and dl.old_no is not None
    }


def _key(f: Finding, index: int) -> Key:
    return (f.path, index, f.engine, f.category)


def not_new(
    head: Iterable[Finding],
    before: Iterable[Finding],
    changes: Mapping[str, FileChange],
    undecided: Iterable[Key] = (),
) -> set[int]:
    """ids of the findings of ``head`` (the change's head) that ``before`` (the same engines on the
    files before the change) already had on the lines their hunk removes (see the module docstring).

    ``changes``: path -> the file's change; findings of other paths are left alone. ``undecided``:
    the (path, hunk, engine, category) whose findings stay whatever the counts (``_unflagged_calls``)."""
    now: dict[Key, list[Finding]] = defaultdict(list)
    for f in head:
        change = changes.get(f.path)
        index = None if change is None or f.sink_line else edited_hunk(f, change)
        if index is not None:
            now[_key(f, index)].append(f)
    removed = {path: removed_lines(change) for path, change in changes.items()}
    then: dict[Key, dict[str, list[Confidence]]] = defaultdict(lambda: defaultdict(list))
    for f in before:
        where = removed.get(f.path, {})
        index = next((where[n] for n in f.lines if n in where), None)
        if index is not None:
            then[_key(f, index)][f.rule_id].append(f.confidence)
    out: set[int] = set()
    stay = set(undecided)
    for key, findings in now.items():
        if key in then and key not in stay:
            out |= _matched(findings, then[key])
    return out


def _calls(tree: ast.Module | None, lines: Iterable[int]) -> Counter[str]:
    """The last names of the functions called on ``lines`` of ``tree`` (``os.system`` -> system)."""
    wanted = set(lines)
    out: Counter[str] = Counter()
    if tree is None or not wanted:
        return out
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.lineno in wanted:
            name = dotted(node.func).rpartition(".")[2]
            if name:
                out[name] += 1
    return out


def _unflagged_calls(
    wanted: Sequence[Finding],
    before: Sequence[Finding],
    files: Mapping[str, SourceFile],
    seen: Mapping[str, SourceFile],
    bases: Mapping[str, str],
) -> set[Key]:
    """The Python flow findings' (path, hunk, engine, category) whose hunk removes more calls of the
    flagged sink's function than the earlier version had findings there: the change may have turned
    a safe call into the flagged one beside one that was flagged already (an ``if`` whose branch with
    ``shell=False`` is gone, the one with ``shell=True`` kept), so which one is new cannot be told."""
    mine = [f for f in wanted if f.engine == flow_mod.ENGINE and files[f.path].language == "python"]
    out: set[Key] = set()
    for path in sorted({f.path for f in mine}):
        change = files[path].change
        head_tree, base_tree = parse_module(seen[path].text), parse_module(bases[path])
        where = removed_lines(change)
        removed: dict[int, list[int]] = defaultdict(list)
        for line, hunk in where.items():
            removed[hunk].append(line)
        had: Counter[Key] = Counter()
        for f in before:
            at = next((where[n] for n in f.lines if n in where), None) if f.path == path else None
            if at is not None:
                had[_key(f, at)] += 1
        for f in mine:
            index = edited_hunk(f, change) if f.path == path else None
            if index is None:
                continue
            names = set(_calls(head_tree, f.lines))
            calls = _calls(base_tree, removed[index])
            if sum(calls[n] for n in names) > had[_key(f, index)]:
                out.add(_key(f, index))
    return out


def _matched(findings: list[Finding], earlier: Mapping[str, list[Confidence]]) -> set[int]:
    """ids of the ``findings`` of one hunk, engine and category that ``earlier`` (rule -> the
    confidences of the earlier version's findings on the lines the hunk removes) accounts for: as
    many of the rule, at least as confident (a source the change makes visible is its doing)."""
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_rule[f.rule_id].append(f)
    spare: list[Confidence] = []
    rest: list[Finding] = []
    out: set[int] = set()
    for rule, group in by_rule.items():
        top = max(f.confidence for f in group)
        had = sorted(earlier.get(rule, ()), reverse=True)
        if len(group) <= sum(c >= top for c in had):
            out |= {id(f) for f in group}
            had = had[len(group) :]  # the most confident ones accounted for these
        else:
            rest += group  # more than before: which one is new cannot be told
        spare += had
    spare += [c for rule, had in earlier.items() if rule not in by_rule for c in had]
    if rest and len(rest) <= sum(c >= max(f.confidence for f in rest) for c in spare):
        out |= {id(f) for f in rest}  # same engine, same class, as many as before: a changed shape
    return out


def candidates(findings: Iterable[Finding], files: Mapping[str, SourceFile]) -> list[Finding]:
    """The findings of the compared engines that lie in a hunk which also removes lines, in files
    analysed whole."""
    out = []
    for f in findings:
        sf = files.get(f.path)
        if f.engine not in ENGINES or f.sink_line or sf is None or sf.from_hunks_only:
            continue
        if edited_hunk(f, sf.change) is not None:
            out.append(f)
    return out


def preexisting(
    findings: Sequence[Finding],
    files: Mapping[str, SourceFile],
    seen: Mapping[str, SourceFile],
    *,
    read: Reader | None,
    work: Path,
    settings: Settings,
) -> set[int]:
    """ids of ``findings`` (the rule pack's and the flow analyses') the change did not introduce.

    ``files``: the changed files as they are; ``seen``: as the engines read them (a Python 2 file's
    rewrite); ``work``: an empty directory for the earlier versions."""
    wanted = candidates(findings, files)
    if not wanted:
        return set()
    bases: dict[str, str] = {}
    for path in sorted({f.path for f in wanted}):
        sf = files[path]
        base = base_text(sf.text, sf.change.hunks)
        if base is not None:
            bases[path] = base
    if not bases:
        return set()
    py = {p: b for p, b in bases.items() if files[p].language == "python"}
    bases |= py2compat.convert(py)
    bases |= java_snippet.convert({p: b for p, b in bases.items() if files[p].language == "java"})
    wanted = [f for f in wanted if f.path in bases]
    before = [
        *_semgrep_before(wanted, files, bases, work, settings),
        *_flow_before(wanted, files, bases, read, settings),
        *_java_before(wanted, files, seen, bases),
    ]
    undecided = _unflagged_calls(wanted, before, files, seen, bases)
    return not_new(wanted, before, {p: files[p].change for p in bases}, undecided)


def _removed_set(change: FileChange) -> frozenset[int]:
    return frozenset(removed_lines(change))


def _semgrep_before(
    wanted: Sequence[Finding],
    files: Mapping[str, SourceFile],
    bases: Mapping[str, str],
    work: Path,
    settings: Settings,
) -> list[Finding]:
    mine = [f for f in wanted if f.engine == semgrep_mod.ENGINE]
    paths = sorted({f.path for f in mine})
    if not paths:
        return []
    languages = {files[p].language for p in paths}
    rules = semgrep_mod.rules_in_categories(languages, {f.category for f in mine})
    root = work / "base"
    for path in paths:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(bases[path], encoding="utf-8")
    try:
        run = semgrep_mod.run_semgrep(
            root,
            paths,
            timeout=settings.analyzer_timeout,
            jobs=settings.analyzer_jobs,
            languages=languages,
            rules_filter=semgrep_mod.RuleFilter(only=rules),
        )
    except AnalyzerError as exc:
        logger.info("semgrep on the files before the change failed: %s", exc)
        return []
    return semgrep_mod.to_findings(run, {p: replace(files[p], text=bases[p]) for p in paths})


def _flow_before(
    wanted: Sequence[Finding],
    files: Mapping[str, SourceFile],
    bases: Mapping[str, str],
    read: Reader | None,
    settings: Settings,
) -> list[Finding]:
    paths = {f.path for f in wanted if f.engine == flow_mod.ENGINE and files[f.path].language == "python"}
    if not paths:
        return []
    result = flow_mod.analyse_python(
        {p: (bases[p], _removed_set(files[p].change)) for p in sorted(paths)},
        read,
        flow_mod.Limits(file_bytes=settings.max_file_bytes),
    )
    return result.findings


def _java_before(
    wanted: Sequence[Finding],
    files: Mapping[str, SourceFile],
    seen: Mapping[str, SourceFile],
    bases: Mapping[str, str],
) -> list[Finding]:
    paths = {f.path for f in wanted if f.engine == flow_mod.ENGINE and files[f.path].language == "java"}
    if not paths:
        return []
    # the other Java files of the change at the head: the helpers and classes a method may call
    others: dict[str, tuple[str, frozenset[int]]] = {
        p: (sf.text, frozenset())
        for p, sf in seen.items()
        if sf.language == "java" and p not in paths and not sf.from_hunks_only
    }
    result = java_flow.analyse_java(others | {p: (bases[p], _removed_set(files[p].change)) for p in paths})
    return [f for f in result.findings if f.path in paths]
