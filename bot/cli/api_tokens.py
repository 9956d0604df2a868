"""``remediator tokens create|list|revoke``: API tokens for the dashboard and JSON API.

Entry-point helpers for bot/cli.py. A new token is printed once (standard output) and stored only
as a hash. Reads and writes through bot.store.api_tokens; never imports Flask or a host adapter.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bot.config.settings import Settings
from bot.store import utc
from bot.store.api_tokens import Role, TokenRecord, TokenStore


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    tok = sub.add_parser("tokens", help="API tokens for the dashboard and JSON API")
    tsub = tok.add_subparsers(dest="tokens_command", required=True, parser_class=parser_class)
    create = tsub.add_parser("create", help="issue a token (printed once; only its hash is kept)")
    create.add_argument(
        "--role",
        required=True,
        choices=[r.label for r in Role],
        help="viewer: read; triager: also dismiss, accept risk, reopen; admin: everything",
    )
    create.add_argument("--name", default="", help="who or what it is for (default: ROLE-ID)")
    lst = tsub.add_parser("list", help="tokens issued (never their secrets)")
    lst.add_argument("--format", choices=("table", "json"), default="table")
    lst.add_argument("--active", action="store_true", help="hide revoked tokens")
    rev = tsub.add_parser(
        "revoke",
        help="revoke a token by id, name or handle; it stops working at once (a number is an id, "
        "rmd_... a handle, anything else a name)",
    )
    rev.add_argument("token", metavar="ID|NAME|HANDLE")
    rev.add_argument("--by", choices=("id", "name", "handle"), help="say what TOKEN is (e.g. a name like 42)")


def run(args: argparse.Namespace, settings: Settings, clock: Any, created_by: str = "cli") -> int:
    from bot.store.bootstrap import engine_for  # noqa: PLC0415 - opens (and may upgrade) the database

    tokens = TokenStore(engine_for(settings))
    now = utc(clock.now())
    if args.tokens_command == "create":
        role = Role.parse(args.role)
        name = args.name or f"{role.label}-{len(tokens.list()) + 1}"
        secret, record = tokens.create(role, name, created_by=created_by, now=now)
        print(secret)
        print(
            f"token {record.id} {record.name!r} ({record.role.label}) created; it is shown only this once: "
            "keep it in a password manager. Use it as Authorization: Bearer <token>, or paste it on "
            "the dashboard's sign-in page.",
            file=sys.stderr,
        )
        return 0
    if args.tokens_command == "revoke":
        record = tokens.revoke(args.token, now=now, by=args.by)
        print(f"token {record.id} {record.name!r} ({record.role.label}) revoked")
        return 0
    records = tokens.list(include_revoked=not args.active)
    if args.format == "json":
        json.dump([_json(r) for r in records], sys.stdout, indent=2)
        print()
        return 0
    print(f"{'ID':>4}  {'NAME':24}  {'ROLE':8}  {'HANDLE':16}  {'CREATED':16}  {'LAST USED':16}  STATUS")
    for r in records:
        used = f"{r.last_used_at:%Y-%m-%d %H:%M}" if r.last_used_at else "never"
        status = f"revoked {r.revoked_at:%Y-%m-%d}" if r.revoked_at else "active"
        print(
            f"{r.id:>4}  {r.name[:24]:24}  {r.role.label:8}  rmd_{r.lookup}  "
            f"{r.created_at:%Y-%m-%d %H:%M}  {used:16}  {status}"
        )
    if not records:
        print("(no tokens: create one with `remediator tokens create --role viewer`)")
    return 0


def _json(r: TokenRecord) -> dict[str, Any]:
    return {
        "id": r.id,
        "name": r.name,
        "role": r.role.label,
        "handle": f"rmd_{r.lookup}",
        "created_at": r.created_at.isoformat(),
        "created_by": r.created_by,
        "last_used_at": r.last_used_at.isoformat() if r.last_used_at else None,
        "revoked_at": r.revoked_at.isoformat() if r.revoked_at else None,
    }


__all__ = ["add_parsers", "run"]
