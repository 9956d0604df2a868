"""Coverage-guided fuzz targets for atheris (libFuzzer), run by tests/fuzz/test_atheris.py in a child
process for a bounded number of runs: ``python -m tests.fuzz.atheris_targets TARGET -runs=N``.

Each target feeds fuzzer bytes to one parser and lets only that parser's own error through; any
other exception is a crash, which atheris reports with the input that caused it (exit status != 0).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable

import atheris

with atheris.instrument_imports(include=["bot", "webhooks"]):
    from werkzeug.datastructures import MultiDict

    from bot.cli.sources import diff_change
    from bot.core import safejson
    from bot.core.commands import CommandError, command_line, parse_command
    from bot.core.diffmap import DiffError, parse_diff
    from bot.core.events import EventError, github_job
    from bot.core.events_gitlab import gitlab_job
    from bot.errors import InputError
    from webhooks.dashboard.filters import PARAMETERS, BadParameter, parse_view


def diffs(data: bytes) -> None:
    with contextlib.suppress(DiffError):
        parse_diff(data)
    with contextlib.suppress(InputError):
        diff_change(data)


def events(data: bytes) -> None:
    try:
        body = safejson.loads(data)
    except safejson.JSONLimitError:
        return
    if not isinstance(body, dict):
        return
    for event in ("pull_request", "issue_comment"):
        with contextlib.suppress(EventError):
            github_job(event, body)
    for event in ("Merge Request Hook", "Note Hook"):
        with contextlib.suppress(EventError):
            gitlab_job(event, body)


def commands(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    line = command_line(text)
    for candidate in (line, text.split("\n", 1)[0]):
        if candidate is None:
            continue
        with contextlib.suppress(CommandError):
            parse_command(candidate)


def filters(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    pairs = []
    for _ in range(fdp.ConsumeIntInRange(0, 8)):
        name = PARAMETERS[fdp.ConsumeIntInRange(0, len(PARAMETERS) - 1)]
        pairs.append((name, fdp.ConsumeUnicodeNoSurrogates(40)))
    with contextlib.suppress(BadParameter):
        parse_view(MultiDict(pairs))


TARGETS: dict[str, Callable[[bytes], None]] = {
    "diffs": diffs,
    "events": events,
    "commands": commands,
    "filters": filters,
}


def main() -> None:
    target = TARGETS[sys.argv[1]]
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
