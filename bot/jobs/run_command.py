"""Job handler for ``/remediator`` commands (``bot.jobs.run_command:run_command``): read the comment back
from the host, decide who may do what (bot.core.permissions), apply it to the advisory store, and
acknowledge on the pull request (a reaction and a reply), within the rate limits.

The webhook only says which comment to look at: the actor, the text and the pull request come from the
host's API, so a forged or replayed delivery cannot act for anyone. Each comment runs once per edit
(bot.store.command_log). An unauthorised or invalid command changes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from bot.config.org import OrgConfig, load_org_config
from bot.config.settings import Settings
from bot.core.clock import Clock
from bot.core.commands import HELP, USAGE, Command, CommandError, command_line, parse_command
from bot.core.events import BOT_MARKER
from bot.core.markdown import md_code, md_text
from bot.core.permissions import Person, may, needs
from bot.core.redact import redact
from bot.errors import InputError, Permanent
from bot.hosts.base import CommandResponder, Host, PullRequest
from bot.jobs.review_pr import HostFactory, review_pull_request
from bot.store import AdvisoryRecord, AdvisoryStore, utc
from bot.store.bootstrap import engine_for, open_store
from bot.store.command_log import CommandLog, CommentKey
from bot.store.query import pr_label

logger = logging.getLogger(__name__)

HISTORY_LINES = 8
WINDOW = dt.timedelta(hours=1)


class CommandContext(Protocol):
    """What the worker gives a command job (bot.jobqueue.JobContext satisfies it)."""

    @property
    def settings(self) -> Settings: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def job_id(self) -> str: ...


class Refused(Exception):
    """The command is not allowed or cannot apply; the message is the polite reply."""


@dataclass
class _Run:
    """One command being run: who asked, where, and what the log should record."""

    host: Host
    responder: CommandResponder
    pr: PullRequest
    key: CommentKey
    person: Person
    log: CommandLog
    settings: Settings
    now: dt.datetime
    verb: str = ""

    def may_reply(self) -> bool:
        """Replies cost the installation's API quota: at most ``command_replies_per_pr`` an hour on a
        pull request; a person who may triage, or the pull request's author, gets
        ``command_replies_per_author`` an hour; anyone else one per pull request an hour."""
        since = self.now - WINDOW
        k = self.key
        on_pr = self.log.count(k.host, since, repo=k.repo, number=k.number, replied=True)
        if on_pr >= self.settings.command_replies_per_pr:
            return False
        if self.person.triager or self.person.author:
            sent = self.log.count(k.host, since, author=k.author, replied=True)
            return sent < self.settings.command_replies_per_author
        sent = self.log.count(k.host, since, author=k.author, repo=k.repo, number=k.number, replied=True)
        return sent < 1 and self.log.count(k.host, since, author=k.author, replied=True) < (
            self.settings.command_replies_per_author
        )

    def answer(self, outcome: str, reaction: str, body: str) -> str:
        replied = self.may_reply()
        if replied:
            self.responder.react(self.pr, self.key.comment_id, reaction)
            self.responder.reply(self.pr, self.key.comment_id, redact(f"@{self.key.author} {body}"))
        else:
            logger.info(
                "command on %s by %s: %s, reply withheld (rate limit)", self.pr.key, self.key.author, outcome
            )
        self.log.finish(self.key, verb=self.verb, outcome=outcome, replied=replied)
        return outcome


def run_command(
    payload: Mapping[str, Any], ctx: CommandContext, *, host_factory: HostFactory | None = None
) -> str:
    """Run one command job; returns the outcome (``done``, ``refused``, ``invalid``, ``ignored``,
    ``duplicate`` or ``unknown-comment``)."""
    if host_factory is None:
        from bot.hosts.factory import host_for  # noqa: PLC0415 - the wiring module picks adapters

        host_factory = host_for
    host = host_factory(payload, ctx.settings, ctx.clock.now)
    if not isinstance(host, CommandResponder):
        raise Permanent(f"host {host.name} cannot answer commands")
    pr = host.pull_request(str(payload["repo"]), int(payload["number"]))
    comment = host.read_comment(pr, str(payload.get("comment_id") or ""))
    if comment is None:
        logger.warning("command job for %s names a comment that is not on it; refused", pr.key)
        return "unknown-comment"
    if comment.bot or BOT_MARKER in comment.body:
        return "ignored"
    line = command_line(comment.body)
    if line is None:
        return "ignored"
    now = utc(ctx.clock.now())
    log = CommandLog(engine_for(ctx.settings))
    key = CommentKey(host.name, pr.repo, pr.number, comment.comment_id, comment.edited_at, comment.author)
    if not log.claim(key, job_id=ctx.job_id, now=now):
        logger.info("comment %s on %s already ran at this edit; not again", comment.comment_id, pr.key)
        return "duplicate"
    org = load_org_config(ctx.settings.org_config)
    person = Person(
        host=host.name,
        login=comment.author,
        role=host.role(pr.repo, comment.author),
        security_team=org.in_security_team(host.name, comment.author),
        author=bool(pr.author) and pr.author.lower() == comment.author.lower(),
    )
    run = _Run(host, host, pr, key, person, log, ctx.settings, now)
    try:
        command = parse_command(line)
    except CommandError as exc:
        return run.answer("invalid", "confused", f"Sorry, I did not understand that: {md_text(str(exc))}")
    run.verb = command.verb
    try:
        text = _execute(command, run, org=org, ctx=ctx, payload=payload, host_factory=host_factory)
    except (Refused, InputError) as exc:
        logger.info("command %s by %s on %s refused: %s", command.verb, comment.author, pr.key, exc)
        return run.answer("refused", "confused", f"{md_text(str(exc))} Nothing was changed.")
    logger.info("command %s by %s on %s done", command.verb, comment.author, pr.key)
    return run.answer("done", "+1", text)


def _refuse(action: str, person: Person) -> Refused:
    role = person.role if person.role else "none"
    return Refused(f"Sorry, that needs {needs(action)}; your access is `{role}`.")


def _execute(
    command: Command,
    run: _Run,
    *,
    org: OrgConfig,
    ctx: CommandContext,
    payload: Mapping[str, Any],
    host_factory: HostFactory,
) -> str:
    person, pr = run.person, run.pr
    if command.verb == "help":
        return "\n\n" + HELP
    if command.verb == "rescan":
        return _rescan(run, ctx, payload, host_factory)
    store = open_store(ctx.settings, ctx.clock, org=org)
    triager = may("explain-internal", person)
    try:
        advisory_id = store.resolve(command.ref, host=run.key.host, repo=pr.repo, pr=pr.number)
        adv = store.get(advisory_id)
    except InputError:
        if not triager:
            raise Refused(f"No finding {md_code(command.ref)} in this pull request.") from None
        raise
    if not triager and pr.number not in (adv.first_pr, adv.last_pr):
        # the same answer as an unknown id: ids cannot be walked to list the repository's advisories
        raise Refused(f"No finding {md_code(command.ref)} in this pull request.")
    if command.verb == "explain":
        return _explain(store, adv, internal=triager)
    if command.verb in ("dismiss", "accept-risk"):
        person = _as_author_of(run, adv)
    if not may(command.verb, person):
        raise _refuse(command.verb, person)
    actor = person.login
    if command.verb == "dismiss":
        adv = store.dismiss(advisory_id, actor=actor, reason=command.reason, source="command")
        return (
            f"Dismissed advisory `{adv.short_id}` ({md_text(adv.title)}): {md_text(adv.state_reason)}. "
            "It will not be raised again in this repository."
        )
    if command.verb == "reopen":
        adv = store.reopen(advisory_id, actor=actor, reason=command.reason, source="command")
        return f"Reopened advisory `{adv.short_id}` ({md_text(adv.title)}); the next review raises it again."
    assert command.until is not None  # noqa: S101 - the parser requires it for accept-risk
    adv = store.accept_risk(
        advisory_id, actor=actor, reason=command.reason, until=command.until, source="command"
    )
    return (
        f"Risk of advisory `{adv.short_id}` ({md_text(adv.title)}) accepted by {md_text(adv.approver)} "
        f"until {_date(adv.accepted_until)}: {md_text(adv.state_reason)}. It reopens on its own after "
        "that date, "
        "or when another pull request touches this code."
    )


def _as_author_of(run: _Run, adv: AdvisoryRecord) -> Person:
    """The person, marked as an author when they wrote this pull request or the one(s) the finding
    was seen in: nobody dismisses or accepts their own findings, from whichever pull request."""
    person = run.person
    if person.author:
        return person
    for number in {adv.first_pr, adv.last_pr} - {run.pr.number}:
        try:
            other = run.host.pull_request(run.pr.repo, number)
        except Permanent:
            continue  # a pull request the host no longer shows
        if other.author.lower() == person.login.lower():
            return Person(person.host, person.login, person.role, person.security_team, author=True)
    return person


def _rescan(run: _Run, ctx: CommandContext, payload: Mapping[str, Any], host_factory: HostFactory) -> str:
    person, pr, key = run.person, run.pr, run.key
    if not may("rescan", person):
        raise _refuse("rescan", person)
    if pr.state != "open":
        raise Refused(f"Sorry, this pull request is {pr.state}; only open pull requests are reviewed.")
    since = run.now - WINDOW
    mine = run.log.count(key.host, since, author=key.author, verb="rescan", outcome="done")
    if mine >= run.settings.rescans_per_author:
        raise Refused(
            f"Sorry, you asked for {mine} rescans in the last hour (the limit is "
            f"{run.settings.rescans_per_author}); every push is reviewed anyway."
        )
    here = run.log.count(key.host, since, repo=key.repo, number=key.number, verb="rescan", outcome="done")
    if here >= run.settings.rescans_per_pr:
        raise Refused(
            f"Sorry, this pull request was rescanned {here} times in the last hour (the limit is "
            f"{run.settings.rescans_per_pr}); every push is reviewed anyway."
        )
    result = review_pull_request(payload, ctx, host_factory=_reuse(run.host, host_factory))
    if result is None:
        return "Rescan skipped (a draft this repository does not review)."
    return (
        f"Rescanned at `{pr.head_sha[:12]}`: {len(result.posted)} new finding(s) commented, "
        f"{len(result.already_posted)} already commented, {len(result.resolved)} resolved."
    )


def _reuse(host: Host, fallback: HostFactory) -> HostFactory:
    def factory(payload: Mapping[str, Any], settings: Any, clock: Callable[[], float]) -> Host:
        return host

    del fallback
    return factory


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else "?"


def _explain(store: AdvisoryStore, adv: AdvisoryRecord, *, internal: bool) -> str:
    """The advisory's details; triage reasons and who triaged only for those who may triage."""
    reason = f" ({md_text(adv.state_reason)})" if adv.state_reason and internal else ""
    lines = [
        f"**Advisory `{adv.short_id}`: {md_text(adv.title)}** ({md_text(adv.cwe)}, "
        f"{adv.severity.label} severity, risk {adv.risk:.2f} of 4)",
        "",
        f"State: **{adv.state.value}**{reason}. At {md_code(f'{adv.path}:{adv.start_line}')}, first seen in "
        f"{pr_label(adv.first_pr)}, last in {pr_label(adv.last_pr)}.",
        "",
        md_text(adv.message),
    ]
    if adv.explanation:
        lines += ["", f"**Why it matters:** {md_text(adv.explanation)}"]
    if adv.remediation:
        lines += ["", "**How to fix it**", *(f"{i}. {md_text(s)}" for i, s in enumerate(adv.remediation, 1))]
    events = store.history(adv.id)[-HISTORY_LINES:]
    lines += ["", "**History**"]
    if internal:
        lines += [
            f"- {e.at:%Y-%m-%d %H:%M} UTC, {md_text(e.actor)}: {md_text(e.action)}"
            + (f" ({md_text(e.reason)})" if e.reason else "")
            for e in events
        ]
    else:
        lines += [f"- {e.at:%Y-%m-%d %H:%M} UTC: {e.action}" for e in events]
    return "\n".join(lines)


__all__ = ["USAGE", "Refused", "run_command"]
