"""``remediator serve``: execs gunicorn on the app factory with the given options."""

from __future__ import annotations

import os
import sys

import pytest

from bot.cli.main import build_parser, gunicorn_argv, main


class Exec(Exception):
    pass


def test_serve_execs_gunicorn_with_the_options(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, list[str]]] = []

    def fake_execv(path: str, argv: list[str]) -> None:
        calls.append((path, argv))
        raise Exec

    monkeypatch.setattr(os, "execv", fake_execv)
    with pytest.raises(Exec):
        main(["serve", "--host", "10.0.0.5", "--port", "9000", "--workers", "3"])
    [(path, argv)] = calls
    assert path == sys.executable
    assert argv == [
        sys.executable, "-m", "gunicorn", "--bind", "10.0.0.5:9000", "--workers", "3",
        "--logger-class", "webhooks.app.GunicornLogger", "webhooks:create_app()"
    ]  # fmt: skip


def test_serve_defaults_and_ipv6() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.workers) == ("127.0.0.1", 8000, 2)
    assert "[::1]:8000" in gunicorn_argv("::1", 8000, 2)


@pytest.mark.parametrize(
    "argv", [["serve", "--port", "70000"], ["serve", "--workers", "0"], ["serve", "--port", "x"]]
)
def test_serve_rejects_bad_options_with_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert capsys.readouterr().err.startswith("remediator:")


def test_serve_help_points_to_the_readme(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    assert "README" in capsys.readouterr().out
