"""``python -m bot.cli``: the same as the ``remediator`` command."""

from __future__ import annotations

from bot.cli.main import run

if __name__ == "__main__":
    run()
