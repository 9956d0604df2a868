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
        "| write access or the security team, never the change's author |",
        "| `/remediator accept-risk <id> until <YYYY-MM-DD> <reason>` | accept the risk until that date "
        "(it reopens then, or when the code is touched again) "
        "| the security team, never the change's author |",
        "| `/remediator reopen <id> [reason]` | undo a dismissal or risk acceptance "
        "| write access or the security team |",
        "| `/remediator explain <id>` | a finding's details and history (triage reasons for triagers) "
        "| anyone |",
        "| `/remediator rescan` | review the pull request again now (rate-limited) "
        "| write access, the security team or its author |",
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


MAX_BODY = 65_536
"""Longest comment scanned (GitHub and GitLab cap comments near this); the rest is never read."""
_HIDDEN_BREAKS = ("\u2028", "\u2029", "\u0085")
"""Unicode line separators: Markdown does not end a line at them, so a reader sees the text on either
side as one line; a line holding one is never a command."""
_HTML_RAW_BLOCKS = ("<pre", "<script", "<style", "<textarea")


def _fence(line: str) -> tuple[str, int] | None:
    """The (character, length) of a code fence opened by ``line``, CommonMark rules (0-3 spaces)."""
    text = line.lstrip(" ")
    if len(line) - len(text) > 3 or text[:1] not in ("`", "~"):
        return None
    char = text[0]
    length = len(text) - len(text.lstrip(char))
    if length < 3 or (char == "`" and "`" in text[length:]):
        return None
    return char, length


def _closes(line: str, fence: tuple[str, int]) -> bool:
    """Whether ``line`` closes ``fence``: same character, at least as long, nothing after it."""
    text = line.lstrip(" ")
    char, length = fence
    if len(line) - len(text) > 3:
        return False
    run = len(text) - len(text.lstrip(char))
    return run >= length and not text[run:].strip(" \t")


def _indent(line: str) -> int:
    """Columns of leading whitespace (a tab moves to the next multiple of 4)."""
    col = 0
    for ch in line:
        if ch == " ":
            col += 1
        elif ch == "\t":
            col += 4 - col % 4
        else:
            break
    return col


def _container(text: str) -> bool:
    """Whether a (de-indented) line opens a block whose lazy continuation lines belong to it:
    a block quote, a list item, a table row or an HTML block."""
    if text.startswith((">", "|", "<")):
        return True
    if text[:1] in "-*+" and text[1:2] in (" ", "\t", ""):
        return True
    digits = len(text) - len(text.lstrip("0123456789"))
    return (
        0 < digits <= 9
        and text[digits : digits + 1] in (".", ")")
        and text[digits + 1 : digits + 2]
        in (
            " ",
            "\t",
            "",
        )
    )


def _setext_underline(line: str) -> bool:
    text = line.strip(" \t")
    return _indent(line) <= 3 and bool(text) and (set(text) == {"="} or set(text) == {"-"})


def _thematic_break(text: str) -> bool:
    compact = text.replace(" ", "").replace("\t", "")
    return len(compact) >= 3 and len(set(compact)) == 1 and compact[0] in "-*_"


def _is_command(line: str) -> bool:
    return line == PREFIX or line.startswith((PREFIX + " ", PREFIX + "\t"))


def visible_lines(body: str) -> list[str]:  # noqa: C901, PLR0912 - one linear state machine over lines
    """The lines of ``body`` a reader sees as plain top-level text, CommonMark-aware and in linear time.

    Left out: fenced code (closed only by the same character and at least the same length), indented
    code, HTML comments and HTML blocks, block quotes, list items and tables with the lines that
    continue them, setext headings, and any line holding a Unicode line separator. Lines end only at
    ``\\n``, ``\\r\\n`` and ``\\r``, as in Markdown. Only the first ``MAX_BODY`` characters are read.
    """
    lines = (body or "")[:MAX_BODY].replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    pending: list[str] = []  # plain lines of the current paragraph (a setext underline drops them)
    fence: tuple[str, int] | None = None
    in_comment = inline_comment = False
    raw_block = ""
    lazy = False  # the current paragraph continues a quote, list item or table
    html = False  # inside an HTML block: everything up to the next blank line is HTML
    for line in lines:
        if fence is not None:
            if _closes(line, fence):
                fence = None
            continue
        if in_comment:
            if "-->" in line:
                in_comment = False
                html = inline_comment  # after an inline comment: skip the rest of its paragraph
            continue
        if raw_block:
            if "</" + raw_block[1:] in line.lower():
                raw_block = ""
            continue
        if not line.strip(" \t"):
            out += pending
            pending, lazy, html = [], False, False
            continue
        if _setext_underline(line):
            # the paragraph above is a heading (or this is a rule): not plain text. Checked before
            # the HTML state: a line starting with `<` cannot interrupt a paragraph, so an underline
            # after it still makes the whole paragraph a heading
            pending = []
            continue
        if html:
            # what we take for HTML may be a paragraph (`<3 thanks`): a fence there still opens,
            # so everything up to its close stays hidden (stricter than CommonMark, never looser)
            fence = _fence(line)
            continue
        opened = _fence(line)
        text = line.lstrip(" \t")
        if opened is not None or text.startswith("#") or _thematic_break(text):
            out += pending
            pending, lazy, fence = [], False, opened
            continue
        if "<!--" in line and "-->" not in line[line.index("<!--") + 4 :]:
            in_comment, inline_comment = True, not (_indent(line) <= 3 and text.startswith("<!--"))
            continue
        if _indent(line) <= 3 and text.startswith("<!--"):
            continue  # an HTML comment block that ends on this line
        if line[:1] in (" ", "\t"):
            lazy = True  # indented code, or a paragraph that may sit inside a list item above
            continue
        lowered = text.lower()
        raw = next((tag for tag in _HTML_RAW_BLOCKS if lowered.startswith(tag)), "")
        if raw and ("</" + raw[1:]) not in lowered:
            raw_block = raw
            continue
        if text.startswith("<"):
            html = True
            continue
        if _container(text):
            lazy = True
            continue
        if lazy or "<!--" in line or any(mark in line for mark in _HIDDEN_BREAKS):
            continue
        pending.append(line.rstrip(" \t"))
    return out + pending


def command_line(body: str) -> str | None:
    """The first plain top-level line of ``body`` that starts with ``/remediator``, or None.

    A command must be where a reader sees it: at the start of a line of its own (no indentation),
    outside code, HTML, quotes and lists (``visible_lines``)."""
    for line in visible_lines(body):
        if _is_command(line):
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
