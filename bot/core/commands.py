"""``/remediator`` commands left as pull request comments: find and parse them, nothing more.

Pure: standard library only. Comment text is untrusted data: it is matched against a fixed grammar,
never executed, evaluated or passed to a shell; anything that does not fit gets a polite error.

    /remediator dismiss <id> <reason>
    /remediator accept-risk <id> until <YYYY-MM-DD> <reason>
    /remediator reopen <id> [reason]
    /remediator explain <id>
    /remediator rescan
    /remediator help
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

PREFIX = "/remediator"
VERBS = ("dismiss", "accept-risk", "reopen", "explain", "rescan", "help")
MAX_REASON = 500
_REF = re.compile(r"#?(?:\d{1,5}|[0-9a-fA-F]{6,64})")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

USAGE = {
    "dismiss": "/remediator dismiss <id> <reason>",
    "accept-risk": "/remediator accept-risk <id> until <YYYY-MM-DD> <reason>",
    "reopen": "/remediator reopen <id> [reason]",
    "explain": "/remediator explain <id>",
    "rescan": "/remediator rescan",
    "help": "/remediator help",
}
HELP = "\n".join(
    [
        "**Remediator commands** (one per comment, on a line of its own):",
        "",
        "| Command | What it does | Who may use it |",
        "|---|---|---|",
        "| `/remediator dismiss <id> <reason>` | false positive or won't fix; never raised again here "
        "| write access or the security team |",
        "| `/remediator accept-risk <id> until <YYYY-MM-DD> <reason>` | accept the risk until that date "
        "(it reopens then, or when the code is touched again) | admin/maintain or the security team |",
        "| `/remediator reopen <id> [reason]` | undo a dismissal or risk acceptance "
        "| write access or the security team |",
        "| `/remediator explain <id>` | the advisory's details and history | anyone |",
        "| `/remediator rescan` | review the pull request again now | write access or its author |",
        "| `/remediator help` | this table | anyone |",
        "",
        "`<id>` is the advisory id shown on each finding's comment (8 characters, e.g. `3f9a1c2e`).",
    ]
)


class CommandError(ValueError):
    """The comment holds a ``/remediator`` line that does not fit the grammar; the text says why."""


@dataclass(frozen=True, slots=True)
class Command:
    verb: str
    ref: str = ""
    reason: str = ""
    until: dt.date | None = None

    def as_payload(self) -> dict[str, str]:
        out = {"verb": self.verb, "ref": self.ref, "reason": self.reason}
        if self.until is not None:
            out["until"] = self.until.isoformat()
        return out

    @classmethod
    def from_payload(cls, data: dict[str, str]) -> Command:
        until = data.get("until")
        return parse_command(
            " ".join(
                part
                for part in (
                    PREFIX,
                    data.get("verb", ""),
                    data.get("ref", ""),
                    f"until {until}" if until else "",
                    data.get("reason", ""),
                )
                if part
            )
        )


def command_line(body: str) -> str | None:
    """The first line of ``body`` that starts with ``/remediator`` (outside code blocks), or None."""
    fenced = False
    for raw in (body or "").splitlines():
        line = raw.strip()
        if line.startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced:
            continue
        if line == PREFIX or line.startswith(PREFIX + " ") or line.startswith(PREFIX + "\t"):
            return line
    return None


def parse_command(line: str) -> Command:
    """Parse one ``/remediator ...`` line; raises CommandError with a message fit to post as a reply."""
    words = line.split()
    if not words or words[0] != PREFIX:
        raise CommandError("a command starts with `/remediator`")
    if len(words) == 1:
        return Command("help")
    verb = words[1].lower()
    args = words[2:]
    if verb not in VERBS:
        raise CommandError(f"`{_quote(words[1])}` is not a Remediator command. " + _choices())
    if verb in ("help", "rescan"):
        return Command(verb)
    if not args or not _REF.fullmatch(args[0]):
        shown = f"`{_quote(args[0])}` is not an advisory id" if args else "the advisory id is missing"
        raise CommandError(f"{shown}. Usage: `{USAGE[verb]}`")
    ref = args[0].lstrip("#").lower()
    rest = args[1:]
    if verb == "explain":
        return Command(verb, ref)
    until = None
    if verb == "accept-risk":
        if len(rest) < 2 or rest[0].lower() != "until" or not _DATE.fullmatch(rest[1]):
            raise CommandError(f"the expiry date is missing or not YYYY-MM-DD. Usage: `{USAGE[verb]}`")
        try:
            until = dt.date.fromisoformat(rest[1])
        except ValueError:
            raise CommandError(f"{rest[1]} is not a calendar date. Usage: `{USAGE[verb]}`") from None
        rest = rest[2:]
    reason = " ".join(rest)[:MAX_REASON]
    if verb in ("dismiss", "accept-risk") and len(reason) < 3:
        raise CommandError(f"a reason is required. Usage: `{USAGE[verb]}`")
    return Command(verb, ref, reason, until)


def _choices() -> str:
    return "Commands: " + ", ".join(f"`{v}`" for v in VERBS) + " (`/remediator help` explains them)."


def _quote(text: str) -> str:
    """Echo at most 40 characters of user text, without backticks or markup that could break out."""
    return re.sub(r"[^A-Za-z0-9._#:/-]", "?", text[:40])
