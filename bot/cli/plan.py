"""``remediator plan``: the open advisories of the ledger grouped into work items by root cause, with
owners (CODEOWNERS), sizes, due dates, validation and links to each advisory and pull request, in risk
order (bot.store.plan), as text, Markdown, JSON or CSV. Reads only.
"""

from __future__ import annotations

import argparse
from typing import Any

from bot.cli.output import write_output
from bot.config.settings import Settings
from bot.core.clock import Clock
from bot.store import AdvisoryQuery
from bot.store.plan import build_plan, plan_csv, plan_json, plan_markdown, plan_text
from bot.store.query import ORIGINS

FORMATS = ("text", "markdown", "json", "csv")


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    plan = sub.add_parser("plan", help="group the open advisories into work items with owners and due dates")
    plan.add_argument("--repo", action="append", default=[], metavar="OWNER/NAME", help="repeatable")
    plan.add_argument("--host", choices=("github", "gitlab"))
    plan.add_argument("--origin", choices=ORIGINS, help="only advisories a baseline (or a review) found")
    plan.add_argument("--format", choices=FORMATS, default="text")
    plan.add_argument("--output", metavar="FILE")


def run(args: argparse.Namespace, settings: Settings, clock: Clock) -> int:
    from bot.store.bootstrap import open_store  # noqa: PLC0415 - SQLAlchemy only for this command

    store = open_store(settings, clock)
    query = AdvisoryQuery(repos=tuple(args.repo), host=args.host, origin=args.origin, open_only=True)
    records = list(store.iter(query))
    items = build_plan(records)
    links = settings.links()
    if args.format == "json":
        text = plan_json(items, len(records), links)
    elif args.format == "csv":
        text = plan_csv(items, links)
    elif args.format == "markdown":
        text = plan_markdown(items, len(records), links)
    else:
        text = plan_text(items, len(records), links)
    write_output(text, args.output)
    return 0
