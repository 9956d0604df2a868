"""``remediator advisories list|show|dismiss|accept-risk|reopen|export`` and ``remediator db upgrade``.

Entry-point helpers for bot/cli.py: argument definitions and the code behind them. Reads and writes
only through bot.store; never imports a host adapter.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from bot.config.settings import Settings
from bot.core.models import Severity
from bot.core.numbers import is_decimal
from bot.core.risk import Exposure
from bot.core.terminal import printable, printable_lines
from bot.errors import InputError
from bot.store import AdvisoryQuery, AdvisoryRecord, AdvisoryStore, Sort, State
from bot.store.export import write_csv, write_sarif
from bot.store.query import pr_label
from bot.store.serialize import record_json

LIST_FORMATS = ("table", "json", "csv", "sarif")
STATE_CHOICES = (*(s.value for s in State), "active")


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    adv = sub.add_parser("advisories", help="the advisory ledger: list, show, triage, export")
    asub = adv.add_subparsers(dest="advisories_command", required=True, parser_class=parser_class)
    lst = asub.add_parser("list", help="advisories matching the filters, one page (or --all)")
    _filters(lst)
    lst.add_argument("--format", choices=LIST_FORMATS, default="table")
    lst.add_argument("--limit", type=_whole, default=50, help="rows per page (1-1000, default 50)")
    lst.add_argument("--offset", type=_whole, default=0, help="skip this many rows")
    lst.add_argument("--after", metavar="CURSOR", help="the next-page cursor printed by the previous page")
    lst.add_argument("--all", action="store_true", help="every matching advisory, not one page")
    show = asub.add_parser("show", help="one advisory with its history")
    show.add_argument("id", help="advisory number or fingerprint (6+ hex characters)")
    show.add_argument("--format", choices=("table", "json"), default="table")
    for name, text in (("dismiss", "false positive or won't fix"), ("reopen", "undo a dismissal/acceptance")):
        p = asub.add_parser(name, help=text)
        p.add_argument("id")
        p.add_argument("--reason", required=name == "dismiss", default="", help="why (recorded in history)")
        p.add_argument("--actor", default=_default_actor(), help="who (default: cli:$USER)")
    acc = asub.add_parser("accept-risk", help="accept the risk until a date")
    acc.add_argument("id")
    acc.add_argument("--until", required=True, type=_date, help="YYYY-MM-DD; it reopens after that date")
    acc.add_argument("--reason", required=True)
    acc.add_argument("--approver", default="", help="who approved (default: the actor)")
    acc.add_argument("--actor", default=_default_actor())
    exp = asub.add_parser("export", help="every advisory matching the filters, as CSV, SARIF or JSON")
    _filters(exp)
    exp.add_argument("--format", choices=("csv", "sarif", "json"), default="csv")
    exp.add_argument("--output", metavar="FILE", help="write here (atomically) instead of stdout")

    dbp = sub.add_parser("db", help="the advisory database")
    dsub = dbp.add_subparsers(dest="db_command", required=True, parser_class=parser_class)
    dsub.add_parser("upgrade", help="apply the schema migrations (REMEDIATOR_DATABASE_URL or SQLite)")
    dsub.add_parser("current", help="print the schema revision of the database")


def _filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters (repeat a flag for OR; different flags combine with AND)")
    g.add_argument("--repo", action="append", default=[], help="owner/name")
    g.add_argument("--host", choices=("github", "gitlab"))
    g.add_argument("--severity", action="append", default=[], type=_severity)
    g.add_argument("--min-severity", type=_severity)
    g.add_argument(
        "--state", action="append", default=[], choices=STATE_CHOICES, help="active = open or reopened"
    )
    g.add_argument("--cwe", action="append", default=[], help="e.g. CWE-89")
    g.add_argument("--category", action="append", default=[])
    g.add_argument("--min-age", type=_whole, metavar="DAYS", help="first seen at least DAYS ago")
    g.add_argument("--max-age", type=_whole, metavar="DAYS", help="first seen at most DAYS ago")
    g.add_argument("--merged-while-open", action="store_true", help="only those merged while open")
    g.add_argument("--overdue", action="store_true", help="only open advisories past their SLA")
    g.add_argument("--pr", type=_whole, help="seen in this pull request number")
    g.add_argument(
        "--exposure",
        action="append",
        default=[],
        choices=[e.value for e in Exposure],
        help="where it sits: the asset map's or the inferred exposure",
    )
    g.add_argument(
        "--asset", action="append", default=[], help="an asset map entry, e.g. acme/payments:app/**"
    )
    g.add_argument("--sort", choices=[s.value for s in Sort], default="risk")


def _severity(text: str) -> Severity:
    try:
        return Severity.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _whole(text: str) -> int:
    if not is_decimal(text):
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
    return int(text)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from None


def _default_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):
        return "cli"


def query_from(args: argparse.Namespace, **page: Any) -> AdvisoryQuery:
    states = tuple(State(s) for s in args.state if s != "active")
    return AdvisoryQuery(
        repos=tuple(args.repo),
        host=args.host,
        severities=tuple(args.severity),
        min_severity=args.min_severity,
        states=states,
        open_only="active" in args.state,
        cwes=tuple(args.cwe),
        categories=tuple(args.category),
        min_age_days=args.min_age,
        max_age_days=args.max_age,
        merged_while_open=True if args.merged_while_open else None,
        overdue=True if args.overdue else None,
        pr=args.pr,
        exposures=tuple(args.exposure),
        assets=tuple(args.asset),
        sort=Sort(args.sort),
        **page,
    )


def run(args: argparse.Namespace, settings: Settings, clock: Any) -> int:
    from bot.store import db  # noqa: PLC0415
    from bot.store.bootstrap import engine_for, open_store  # noqa: PLC0415

    if args.command == "db":
        engine = db.make_engine(db.database_url(settings.database_url, settings.data_dir))
        try:
            if args.db_command == "upgrade":
                print(f"advisory store at schema revision {db.upgrade(engine)}")
            else:
                print(db.current_revision(engine) or "(empty: run `remediator db upgrade`)")
        finally:
            engine.dispose()
        return 0
    engine_for(settings)
    store = open_store(settings, clock)
    store.expire_risks()
    cmd = args.advisories_command
    if cmd == "list":
        return _list(store, args)
    if cmd == "export":
        return _export(store, args)
    advisory_id = store.resolve(args.id)
    if cmd == "show":
        return _show(store, advisory_id, args.format)
    if cmd == "dismiss":
        adv = store.dismiss(advisory_id, actor=args.actor, reason=args.reason, source="cli")
    elif cmd == "reopen":
        adv = store.reopen(advisory_id, actor=args.actor, reason=args.reason, source="cli")
    else:
        adv = store.accept_risk(
            advisory_id,
            actor=args.actor,
            reason=args.reason,
            until=args.until,
            source="cli",
            approver=args.approver,
        )
    print(f"advisory {adv.id} ({adv.short_id}) is now {adv.state.value}")
    return 0


def _list(store: AdvisoryStore, args: argparse.Namespace) -> int:
    if args.all:
        records: Iterable[AdvisoryRecord] = store.iter(query_from(args))
        cursor = None
    else:
        page = store.page(query_from(args, limit=args.limit, offset=args.offset, after=args.after))
        records, cursor = page.items, page.next_cursor
    if args.format in ("csv", "sarif"):
        (write_csv if args.format == "csv" else write_sarif)(records, sys.stdout)
    elif args.format == "json":
        json.dump(
            {"advisories": [record_json(a) for a in records], "next_cursor": cursor}, sys.stdout, indent=2
        )
        print()
    else:
        _table(list(records), cursor)
    return 0


def _table(records: list[AdvisoryRecord], cursor: str | None) -> None:
    _row(
        f"{'ID':>6}  {'ADVISORY':8}  {'STATE':13}  {'SEVERITY':8}  {'RISK':>4}  {'AGE':>4}  "
        f"{'CWE':9}  {'REPO':24}  TITLE"
    )
    for a in records:
        flags = (" [overdue]" if a.overdue else "") + (" [merged while open]" if a.merged_while_open else "")
        _row(
            f"{a.id:>6}  {a.short_id:8}  {a.state.value:13}  {a.severity.label:8}  {a.risk:>4.2f}  "
            f"{a.age_days:>3}d  {a.cwe:9}  {a.repo[:24]:24}  {a.title}{flags}"
        )
    if not records:
        _row("(no advisories match)")
    if cursor:
        _row(f"more: --after {cursor}")


def _show(store: AdvisoryStore, advisory_id: int, fmt: str) -> int:
    adv = store.get(advisory_id)
    history = store.history(advisory_id)
    if fmt == "json":
        events = [
            {
                **asdict(e),
                "at": e.at.isoformat(),
                "from_state": e.from_state.value if e.from_state else None,
                "to_state": e.to_state.value,
            }
            for e in history
        ]
        json.dump({**record_json(adv), "history": events}, sys.stdout, indent=2)
        _say()
        return 0
    _say(f"Advisory {adv.id} ({adv.short_id}): {adv.title}")
    _say(f"  {adv.host}:{adv.repo}  {adv.path}:{adv.start_line}-{adv.end_line}  {adv.cwe} {adv.category}")
    _say(
        f"  state {adv.state.value}"
        + (f" ({adv.state_reason})" if adv.state_reason else "")
        + (f", until {adv.accepted_until} approved by {adv.approver}" if adv.accepted_until else "")
    )
    _say(f"  severity {adv.severity.label}, confidence {adv.confidence.label}, risk {adv.risk:.2f}")
    where = adv.exposure + (f", asset map entry {adv.asset}" if adv.asset else "")
    _say(f"  {where}; the SLA of a {adv.sla_level.label} finding applies")
    if adv.risk_factors.get("why"):
        _say(f"  why: {adv.risk_factors['why']}")
    _say(
        f"  first seen {adv.first_seen_at:%Y-%m-%d} in {pr_label(adv.first_pr)}, "
        f"last {adv.last_seen_at:%Y-%m-%d} in {pr_label(adv.last_pr)} at {adv.last_commit[:12]}; "
        f"age {adv.age_days} days, due {adv.due_at:%Y-%m-%d}" + (" (OVERDUE)" if adv.overdue else "")
    )
    if adv.merged_while_open:
        _say(f"  merged while open: PR #{adv.merged_pr} at {adv.merge_commit}")
    if adv.closed_unmerged:
        _say("  its pull request was closed without merging")
    _say(f"\n  {adv.message}")
    for i, step in enumerate(adv.remediation, 1):
        _say(f"  {i}. {step}")
    if adv.excerpt:
        _say("\n" + "\n".join("  " + line for line in adv.excerpt.splitlines()))
    _say("\nHistory:")
    for e in history:
        _say(
            f"  {e.at:%Y-%m-%d %H:%M} {e.actor}: {e.action} -> {e.to_state.value}"
            + (f" ({e.reason})" if e.reason else "")
        )
    return 0


def _say(*parts: object) -> None:
    """A line of the terminal view: titles, paths, messages and reasons come from code, PR text and
    models, so what is not printable is shown as '?' (newlines of multi-line fields kept)."""
    print(printable_lines(" ".join(str(p) for p in parts)))


def _row(text: str) -> None:
    """One row of the table: a title with a newline or an escape sequence stays on its row."""
    print(printable(text))


def _export(store: AdvisoryStore, args: argparse.Namespace) -> int:
    records = store.iter(query_from(args))
    write = {"csv": write_csv, "sarif": write_sarif, "json": _write_json}[args.format]
    if args.output in (None, "-"):
        write(records, sys.stdout)
        return 0
    target = Path(args.output)
    if not target.parent.is_dir() or target.is_dir():
        raise InputError(f"cannot write {target}: no such directory, or it is a directory")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            n = write(records, handle)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    print(f"{n} advisories written to {target}", file=sys.stderr)
    return 0


def _write_json(records: Iterable[AdvisoryRecord], out: TextIO) -> int:
    out.write('{"advisories": [')
    n = 0
    for adv in records:
        out.write(("," if n else "") + "\n" + json.dumps(record_json(adv)))
        n += 1
    out.write("\n]}\n")
    return n


__all__ = ["add_parsers", "query_from", "run"]
