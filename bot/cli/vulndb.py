"""``remediator vulndb sync | status``: the offline OSV vulnerability database behind dependency advice.

Entry-point helpers for bot/cli/main.py.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from bot.config.settings import Settings
from bot.deps.osv import VulnDB
from bot.deps.sync import DEFAULT_ECOSYSTEMS, age_days, sync
from bot.deps.versions import ECOSYSTEMS
from bot.errors import InputError


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    vdb = sub.add_parser("vulndb", help="the offline vulnerability database (OSV) for dependency advice")
    vsub = vdb.add_subparsers(dest="vulndb_command", required=True, parser_class=parser_class)
    s = vsub.add_parser("sync", help="download <REMEDIATOR_VULNDB_URL>/<ecosystem>/all.zip and swap it in")
    s.add_argument(
        "--ecosystem",
        action="append",
        metavar="NAME",
        help=f"only these ecosystems (repeatable; default {', '.join(DEFAULT_ECOSYSTEMS)})",
    )
    vsub.add_parser("status", help="where the database is, how old, how many records")


def run(args: argparse.Namespace, settings: Settings) -> int:
    target = settings.vulndb_path
    if args.vulndb_command == "sync":
        ecosystems = tuple(args.ecosystem or DEFAULT_ECOSYSTEMS)
        unknown = [e for e in ecosystems if e not in ECOSYSTEMS]
        if unknown:
            raise InputError(f"unknown ecosystem {unknown[0]!r} (known: {', '.join(ECOSYSTEMS)})")
        counts = sync(target, settings.vulndb_url, ecosystems)
        for eco, n in counts.items():
            print(f"{eco}: {n:,} records")
        print(f"vulnerability database ready in {target}")
        return 0
    age = age_days(target, time.time())
    if age is None:
        print(f"no vulnerability database in {target}: run `remediator vulndb sync`")
        return 1
    db = VulnDB.load(target)
    print(f"{target}: {db.count:,} records, synced {age:.1f} day(s) ago")
    return 0
