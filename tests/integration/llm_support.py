"""Helpers for the LLM tests: build a change from before/after dicts and run the LLM step."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from bot.analysis.workspace import select_files
from bot.cli.sources import diff_change
from bot.config.settings import Settings
from bot.core.models import ChangeSet, SourceFile
from bot.llm.augment import augment
from bot.llm.store import MemoryLLMStore
from bot.llm.types import LLMOutcome, ReviewContext


def make_change(before: Mapping[str, str], after: Mapping[str, str]) -> tuple[ChangeSet, list[SourceFile]]:
    parts = []
    for path in sorted(set(before) | set(after)):
        old, new = before.get(path), after.get(path)
        if old == new:
            continue
        header = f"diff --git a/{path} b/{path}\n"
        if old is None:
            header += "new file mode 100644\n"
        body = difflib.unified_diff(
            (old or "").splitlines(keepends=True),
            (new or "").splitlines(keepends=True),
            fromfile=f"a/{path}" if old is not None else "/dev/null",
            tofile=f"b/{path}",
        )
        parts.append(header + "".join(body))
    changeset = diff_change("".join(parts).encode())
    files, _ = select_files(
        changeset, lambda p: after[p].encode() if p in after else None, max_file_bytes=10**6
    )
    return changeset, files


def llm_settings(url: str, tmp: Path, **changes: object) -> Settings:
    base = Settings(
        data_dir=tmp,
        openai_base_url=url,
        openai_api_key="sk-test-key-0123456789abcdefghij",
        llm_model="test-model",
        llm_timeout=5.0,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


class Sleeps:
    """An injected sleeper: records the waits, never sleeps."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def run(
    settings: Settings,
    before: Mapping[str, str],
    after: Mapping[str, str],
    *,
    findings=(),
    context: ReviewContext | None = None,
    store: MemoryLLMStore | None = None,
    sleeps: Sleeps | None = None,
) -> LLMOutcome:
    changeset, files = make_change(before, after)
    return augment(
        list(findings),
        files,
        changeset,
        settings,
        context or ReviewContext(repo="acme/shop"),
        store=store if store is not None else MemoryLLMStore(),
        sleep=sleeps if sleeps is not None else Sleeps(),
        now=lambda: 1_750_000_000.0,
    )
