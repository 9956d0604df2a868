"""Issue 16 item 10 on the GitHub simulator, through the real review job: a `.remediator.yml` on the default
branch that is an alias bomb, 60 KB of unknown keys, an exclude-everything pattern, or thresholds that
silence every finding. The check run is always created; a configuration that empties the review makes
it neutral and is named in the summary."""

from __future__ import annotations

import time

import pytest

from bot.jobqueue import JobContext
from bot.jobs.review_pr import review_pull_request
from tests.integration.command_world import REPO, World, make_world
from tests.integration.test_e2e_github import BASE, HEAD, _diff

ALIAS_BOMB = (
    'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    + "".join(
        f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
        for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
    )
).encode()


@pytest.fixture
def world(github_sim, tmp_path) -> World:
    w = make_world("github", github_sim, tmp_path)
    github_sim.set_files(REPO, "main", {"app/jobs.py": BASE})
    github_sim.add_pull(
        REPO, number=3, diff=_diff(BASE, HEAD), user="author1", head_files={"app/jobs.py": HEAD}
    )
    w.number = 3
    return w


def review(world: World, config: bytes) -> tuple[str, str, list[str]]:
    """Review #3 with ``config`` on the default branch: (check conclusion, check title, PR comments)."""
    world.sim.set_files(REPO, "main", {".remediator.yml": config})
    ctx = JobContext(world.settings, world.clock, "review-job", 1)
    review_pull_request({"host": "github", "repo": REPO, "number": 3, "installation_id": None}, ctx)
    run = world.sim.check_runs(REPO)[-1]
    bodies = [c.body for c in world.sim.issue_comments(REPO, 3)]
    return run.conclusion, run.output["title"], bodies


def test_an_alias_bomb_is_refused_quickly_and_the_review_still_runs(world):
    assert len(ALIAS_BOMB) < 450
    started = time.perf_counter()
    conclusion, _, bodies = review(world, ALIAS_BOMB)
    assert time.perf_counter() - started < 60  # the whole review; expanding the bomb took over 31 s alone
    (config_comment,) = [b for b in bodies if "remediator:config" in b]
    assert "YAML alias" in config_comment and len(config_comment) < 1_000
    assert conclusion == "failure"  # the defaults apply: the command injection fails the check


def test_sixty_kilobytes_of_unknown_keys_give_a_short_comment_and_the_check_run(world):
    keys = "".join(f"{'k' * 480}{i:04d}: 1\n" for i in range(120)).encode()
    assert len(keys) > 58_000
    conclusion, _, bodies = review(world, keys)
    (config_comment,) = [b for b in bodies if "remediator:config" in b]
    assert len(config_comment) < 9_000 and "and 100 more problem(s)" in config_comment
    assert conclusion == "failure"  # the check run exists and the review ran on the defaults


def test_a_configuration_that_excludes_everything_is_named_and_neutral(world):
    conclusion, title, bodies = review(world, b'paths:\n  ignore: ["*"]\n')
    (summary,) = [b for b in bodies if "remediator:summary" in b]
    assert conclusion == "neutral" and "silenced by the configuration" in title
    assert "every file of this change (1) is excluded by the configuration" in summary
    assert "paths.ignore" in summary


def test_thresholds_that_silence_every_finding_are_named_and_neutral(world):
    silencing = b"review:\n  max_inline_comments: 0\ncheck:\n  fail_on: never\n"
    conclusion, title, bodies = review(world, silencing)
    (summary,) = [b for b in bodies if "remediator:summary" in b]
    assert conclusion == "neutral" and "silenced by the configuration" in title
    assert "thresholds silence every finding of this change" in summary
    # the same thresholds with a finding commented inline are an ordinary, green review
    conclusion, _, _ = review(world, b"review:\n  max_inline_comments: 5\ncheck:\n  fail_on: never\n")
    assert conclusion == "success"
