"""Log set-up (bot/obs/logs.py): time and level on every line, the context fields, JSON lines, the
level taken from the settings (INFO for the services by default), secrets redacted."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.config.settings import Settings
from bot.obs.context import bound, carried
from bot.obs.logs import MARK, configure_logging

KEY = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"


@pytest.fixture
def restore_root() -> Iterator[None]:
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)


def test_json_lines_carry_time_level_context_and_hide_secrets(restore_root: None) -> None:
    out = io.StringIO()
    configure_logging(Settings(log_format="json"), service=True, stream=out)
    log = logging.getLogger("bot.test")
    with bound(delivery_id="d-1", job_id="j-1", repository="acme/api", pull_request=7):
        log.info("reviewed with token %s", KEY)
    log.info("outside")
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert first["level"] == "INFO" and first["logger"] == "bot.test" and first["time"]
    assert (first["delivery_id"], first["job_id"], first["repository"], first["pull_request"]) == (
        "d-1",
        "j-1",
        "acme/api",
        "7",
    )
    assert KEY not in out.getvalue() and "<redacted>" in first["message"]
    assert "delivery_id" not in second and second["message"] == "outside"


def test_text_lines_and_the_default_levels(restore_root: None) -> None:
    out = io.StringIO()
    configure_logging(Settings(), service=True, stream=out)
    log = logging.getLogger("bot.test")
    with bound(job_id="j-2"):
        log.info("one review")
    log.debug("not shown")
    [line] = out.getvalue().splitlines()
    assert " INFO bot.test [job_id=j-2]: one review" in line and line[:4].isdigit()
    configure_logging(Settings(), service=False, stream=out)  # a command: WARNING, one handler only
    assert logging.getLogger().level == logging.WARNING
    assert sum(1 for h in logging.getLogger().handlers if getattr(h, MARK, False)) == 1
    configure_logging(Settings(log_level="DEBUG"), service=False, stream=out)
    assert logging.getLogger().level == logging.DEBUG


def test_a_traceback_is_redacted_too(restore_root: None) -> None:
    out = io.StringIO()
    configure_logging(Settings(log_format="json"), service=True, stream=out)
    try:
        raise RuntimeError(f"token={KEY}")
    except RuntimeError:
        logging.getLogger("bot.test").exception("failed")
    assert KEY not in out.getvalue() and "RuntimeError" in out.getvalue()


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown"), bound(tenant="x"):
        pass


def test_lines_from_the_reviews_other_threads_carry_its_fields(restore_root: None) -> None:
    # found by reading a worker's log: the LLM requests (a thread pool), the analyzers' pool and the
    # lease heartbeat logged from threads of their own, which start with empty context variables
    import threading

    from bot.llm.candidates import pool

    out = io.StringIO()
    configure_logging(Settings(log_format="json"), service=True, stream=out)
    log = logging.getLogger("bot.test")
    with bound(delivery_id="d-3", job_id="j-3", repository="acme/api", pull_request=9):
        with pool(2) as executor:
            list(executor.map(lambda n: log.info("request %d retried", n), range(4)))
        thread = threading.Thread(target=carried(lambda: log.warning("lease lost")))
    thread.start()  # started after the block: the fields are those of when it was made
    thread.join()
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == 5
    for line in lines:
        fields = (
            line.get("delivery_id"),
            line.get("job_id"),
            line.get("repository"),
            line.get("pull_request"),
        )
        assert fields == ("d-3", "j-3", "acme/api", "9"), line


def test_routine_library_lines_stay_out_of_the_info_log(restore_root: None) -> None:
    # found in a worker's log at the default level: huey's task and periodic-sweep lines, a few a
    # minute and none about a review, outnumbered the one line per reviewed pull request
    out = io.StringIO()
    configure_logging(Settings(), service=True, stream=out)
    huey = logging.getLogger("huey")
    huey.info("Executing remediator_sweep_periodic")
    huey.warning("consumer restarting")
    logging.getLogger("bot.test").info("reviewed")
    assert [line.split(": ", 1)[1] for line in out.getvalue().splitlines()] == [
        "consumer restarting",
        "reviewed",
    ]
    configure_logging(Settings(log_level="DEBUG"), service=True, stream=out)
    huey.info("shown at DEBUG")
    assert out.getvalue().splitlines()[-1].endswith("shown at DEBUG")
    configure_logging(Settings(), service=True, stream=out)
