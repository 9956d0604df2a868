"""``remediator sbom --repo PATH [--rev REV]``: a CycloneDX SBOM of the tree's manifests and lockfiles,
with the vulnerabilities the offline OSV database knows. Entry-point helpers for bot/cli/main.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bot.analysis.dependencies import open_vulndb
from bot.cli.output import write_output
from bot.cli.sources import tree_files
from bot.config.settings import Settings
from bot.deps.advise import is_manifest
from bot.deps.sbom import build_sbom

_VENDORED = ("node_modules/", "vendor/", "third_party/", ".git/")


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    s = sub.add_parser(
        "sbom", help="a CycloneDX SBOM of a repository's dependencies, with their vulnerabilities"
    )
    s.add_argument("--repo", required=True, metavar="PATH", help="a git checkout")
    s.add_argument("--rev", default="HEAD", help="the revision to describe (default HEAD)")
    s.add_argument("--output", metavar="FILE", help="write here (atomically) instead of standard output")


def run(args: argparse.Namespace, settings: Settings) -> int:
    def wanted(path: str) -> bool:
        return is_manifest(path) and not any(f"/{v}" in f"/{path}" for v in _VENDORED)

    files = tree_files(Path(args.repo), args.rev, wanted)
    db = open_vulndb(settings.vulndb_path)
    text, notes = build_sbom({p: d.decode("utf-8", errors="replace") for p, d in files.items()}, db)
    for note in notes:
        print(f"remediator: {note}", file=sys.stderr)
    if db is None:
        print("remediator: no vulnerability database: the SBOM lists components only", file=sys.stderr)
    write_output(text + "\n", args.output)
    return 0
