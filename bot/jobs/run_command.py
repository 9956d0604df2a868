"""Job handler for ``/remediator`` commands (``bot.jobs.run_command:run_command``): check who may do what,
apply it to the advisory store, and acknowledge on the pull request (a reaction and a reply).

The command was parsed at the web edge (bot.core.commands); this module never sees comment text.
An unauthorised or invalid command changes nothing and gets a reply saying why.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from typing import Any

from bot.config.org import OrgConfig, load_org_config
from bot.core.commands import HELP, USAGE, Command, CommandError
from bot.core.redact import redact
from bot.errors import InputError, Permanent
from bot.hosts.base import ROLES, CommandResponder, Host, PullRequest
from bot.jobs.review_pr import Context, HostFactory, review_pull_request
from bot.store import AdvisoryRecord, AdvisoryStore
from bot.store.bootstrap import open_store

logger = logging.getLogger(__name__)

NEEDS = {"dismiss": "write", "reopen": "write", "accept-risk": "maintain", "rescan": "write"}
HISTORY_LINES = 8


class Refused(Exception):
    """The command is not allowed or cannot apply; the message is the polite reply."""


def run_command(payload: Mapping[str, Any], ctx: Context, *, host_factory: HostFactory | None = None) -> str:
    """Run one command job; returns the outcome (``done``, ``refused`` or ``invalid``)."""
    if host_factory is None:
        from bot.hosts.factory import host_for  # noqa: PLC0415 - the wiring module picks adapters

        host_factory = host_for
    host = host_factory(payload, ctx.settings, ctx.clock.now)
    if not isinstance(host, CommandResponder):
        raise Permanent(f"host {host.name} cannot answer commands")
    pr = host.pull_request(str(payload["repo"]), int(payload["number"]))
    comment_id = str(payload["comment_id"])
    author = str(payload["author"])
    if payload.get("error") or not isinstance(payload.get("command"), Mapping):
        reason = str(payload.get("error") or "the command could not be read")
        _answer(host, pr, comment_id, "confused", f"@{author} Sorry, I did not understand that: {reason}")
        return "invalid"
    try:
        command = Command.from_payload(dict(payload["command"]))
    except CommandError as exc:
        _answer(host, pr, comment_id, "confused", f"@{author} Sorry, I did not understand that: {exc}")
        return "invalid"
    try:
        text = _execute(command, host, pr=pr, payload=payload, ctx=ctx, host_factory=host_factory)
    except (Refused, InputError) as exc:
        logger.info("command %s by %s on %s refused: %s", command.verb, author, pr.key, exc)
        _answer(host, pr, comment_id, "confused", f"@{author} {exc} Nothing was changed.")
        return "refused"
    _answer(host, pr, comment_id, "+1", f"@{author} {text}")
    logger.info("command %s by %s on %s done", command.verb, author, pr.key)
    return "done"


def _answer(host: CommandResponder, pr: PullRequest, comment_id: str, reaction: str, body: str) -> None:
    host.react(pr, comment_id, reaction)
    host.reply(pr, comment_id, redact(body))


def _allowed(
    host: CommandResponder, repo: str, login: str, org: OrgConfig, *, verb: str, pr_author: str
) -> None:
    needed = NEEDS.get(verb)
    if needed is None or org.in_security_team(login):
        return
    if verb == "rescan" and login.lower() == pr_author.lower():
        return
    role = host.role(repo, login)
    if ROLES.index(role if role in ROLES else "none") >= ROLES.index(needed):
        return
    who = "admin or maintain access" if needed == "maintain" else "write access"
    team = "" if verb == "rescan" else " or membership of the security team"
    extra = " or being the pull request's author" if verb == "rescan" else ""
    raise Refused(
        f"Sorry, `{USAGE[verb]}` needs {who} to this repository{team}{extra}; your access is `{role}`."
    )


def _execute(
    command: Command,
    host: Host,
    *,
    pr: PullRequest,
    payload: Mapping[str, Any],
    ctx: Context,
    host_factory: HostFactory,
) -> str:
    assert isinstance(host, CommandResponder)  # noqa: S101 - checked by run_command
    author = str(payload["author"])
    org = load_org_config(ctx.settings.org_config)
    _allowed(host, pr.repo, author, org, verb=command.verb, pr_author=str(payload.get("pr_author") or ""))
    if command.verb == "help":
        return "\n\n" + HELP
    if command.verb == "rescan":
        if pr.state != "open":
            raise Refused(f"Sorry, this pull request is {pr.state}; only open pull requests are reviewed.")
        result = review_pull_request(payload, ctx, host_factory=_reuse(host, host_factory))
        if result is None:
            return "Rescan skipped (a draft this repository does not review)."
        return (
            f"Rescanned at `{pr.head_sha[:12]}`: {len(result.posted)} new finding(s) commented, "
            f"{len(result.already_posted)} already commented, {len(result.resolved)} resolved."
        )
    store = open_store(ctx.settings, ctx.clock, org=org)
    advisory_id = store.resolve(command.ref, host=host.name, repo=pr.repo)
    if command.verb == "explain":
        return _explain(store, store.get(advisory_id))
    if command.verb == "dismiss":
        adv = store.dismiss(advisory_id, actor=author, reason=command.reason, source="command")
        return (
            f"Dismissed advisory `{adv.short_id}` ({adv.title}): {adv.state_reason}. "
            "It will not be raised again in this repository."
        )
    if command.verb == "reopen":
        adv = store.reopen(advisory_id, actor=author, reason=command.reason, source="command")
        return f"Reopened advisory `{adv.short_id}` ({adv.title}); the next review raises it again."
    assert command.until is not None  # noqa: S101 - the parser requires it for accept-risk
    adv = store.accept_risk(
        advisory_id, actor=author, reason=command.reason, until=command.until, source="command"
    )
    return (
        f"Risk of advisory `{adv.short_id}` ({adv.title}) accepted by {adv.approver} until "
        f"{_date(adv.accepted_until)}: {adv.state_reason}. It reopens on its own after that date, "
        "or when another pull request touches this code."
    )


def _reuse(host: Host, fallback: HostFactory) -> HostFactory:
    def factory(payload: Mapping[str, Any], settings: Any, clock: Callable[[], float]) -> Host:
        return host

    del fallback
    return factory


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else "?"


def _explain(store: AdvisoryStore, adv: AdvisoryRecord) -> str:
    lines = [
        f"**Advisory `{adv.short_id}`: {adv.title}** ({adv.cwe}, {adv.severity.label} severity, "
        f"risk {adv.risk:.2f} of 4)",
        "",
        f"State: **{adv.state.value}**"
        + (f" ({adv.state_reason})" if adv.state_reason else "")
        + f". At `{adv.path}:{adv.start_line}`, first seen in #{adv.first_pr}, last in #{adv.last_pr}.",
        "",
        adv.message,
    ]
    if adv.explanation:
        lines += ["", f"**Why it matters:** {adv.explanation}"]
    if adv.remediation:
        lines += ["", "**How to fix it**", *(f"{i}. {s}" for i, s in enumerate(adv.remediation, 1))]
    events = store.history(adv.id)[-HISTORY_LINES:]
    lines += ["", "**History**"]
    lines += [
        f"- {e.at:%Y-%m-%d %H:%M} UTC, {e.actor}: {e.action}" + (f" ({e.reason})" if e.reason else "")
        for e in events
    ]
    return "\n".join(lines)
