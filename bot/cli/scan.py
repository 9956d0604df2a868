"""``remediator scan``: review a whole tree (a directory, or a git revision read without a checkout)
and print it in any of review's formats or as a self-contained HTML report.

The work is ``bot.analysis.tree_scan.scan_tree``; this module chooses the source, the cache and the
progress display (a bar on a terminal, plain lines otherwise, nothing with ``--quiet``).
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from bot.analysis.exposure import Site
from bot.analysis.scan_cache import ScanCache
from bot.analysis.tree_scan import ScanResult, default_cache, scan_tree
from bot.analysis.tree_source import DirectorySource, GitRevSource, TreeSource
from bot.config.settings import Settings
from bot.core.formats import review_json, review_sarif
from bot.core.html_report import html_report
from bot.core.render import markdown_report, text_report
from bot.errors import InputError

BAR_WIDTH = 30
_LINE_EVERY = 0.1
"""Without a terminal, a progress line at each further tenth of the files (and at the end)."""


class ProgressDisplay:
    """Files done out of files to do: a redrawn bar on a terminal, plain lines on anything else."""

    def __init__(self, stream: TextIO, *, tty: bool) -> None:
        self.stream = stream
        self.tty = tty
        self._next_line = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        share = done / total if total else 1.0
        if self.tty:
            filled = round(BAR_WIDTH * share)
            bar = "#" * filled + "." * (BAR_WIDTH - filled)
            self.stream.write(f"\rscanning [{bar}] {done:,}/{total:,} files")
            self._drawn = True
            if done >= total:
                self.stream.write("\n")
                self._drawn = False
        elif share >= self._next_line or done >= total:
            self.stream.write(f"remediator: scanned {done:,}/{total:,} files\n")
            self._next_line = (int(share / _LINE_EVERY) + 1) * _LINE_EVERY
        self.stream.flush()

    def finish(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()


def open_source(repo: str, rev: str | None) -> TreeSource:
    path = Path(repo)
    if rev is not None:
        return GitRevSource(path, rev)
    return DirectorySource(path)


def render(result: ScanResult, fmt: str) -> str:
    review = result.review
    if fmt == "json":
        body = review_json(review)
        body["scan"] = {
            "tree": result.label,
            "files": result.files,
            "analysed": result.analysed,
            "cached": result.cached,
        }
        return json.dumps(body, indent=2) + "\n"
    if fmt == "sarif":
        return json.dumps(review_sarif(review), indent=2) + "\n"
    if fmt == "markdown":
        return markdown_report(review)
    if fmt == "html":
        return html_report(review, title=result.label)
    return text_report(review, whole_tree=True)


def run_scan(
    args: argparse.Namespace,
    settings: Settings,
    *,
    progress: ProgressDisplay | None,
    site: Site | None = None,
) -> ScanResult:
    """Scan what ``args`` names with ``settings`` (already overridden by the command line); ``site``
    names the repository in the organisation's asset map, which ranks the findings."""
    if args.repo is None:
        raise InputError("nothing to scan: give --repo PATH")
    settings = replace(settings, exclude_paths=(*settings.exclude_paths, *args.exclude))
    cache: ScanCache | None = None if args.no_cache else default_cache(settings)
    source = open_source(args.repo, args.rev)
    try:
        result = scan_tree(source, settings, progress=progress, cache=cache, site=site)
    finally:
        source.close()
        if progress is not None:
            progress.finish()
        if cache is not None:
            if settings.retention_days:
                cache.purge(time.time() - settings.retention_days * 86400)
            cache.close()
    return result
