"""Issue 13 item 4 on the GitHub simulator: a pull request that pins a Go module whose advisories name
vulnerable packages; the review lists the head's tree through the real PyGithub adapter and reads the
source files (bounded) to see whether the repository imports them: imported elsewhere -> said where;
imported nowhere -> ranked a level lower and said so."""

from __future__ import annotations

import dataclasses
import shutil

from bot.config.settings import Settings
from bot.hosts import factory as wiring
from bot.jobqueue import JobContext, SystemClock
from bot.jobs.review_pr import review_pull_request
from tests.fixtures import PLATFORM
from tests.integration.command_world import diff

REPO = "acme/gateway"
BASE_MOD = "module example.com/gw\n\ngo 1.21\n"
HEAD_MOD = BASE_MOD + "\nrequire golang.org/x/text v0.3.5\n"
USES = (
    'package lang\n\nimport (\n\t"fmt"\n\t"golang.org/x/text/language"\n)\n\n'
    "var _ = fmt.Sprint(language.English)\n"
)
PLAIN = 'package lang\n\nimport "fmt"\n\nvar _ = fmt.Sprint("en")\n'


def _review(github_sim, tmp_path, number: int, other: str) -> str:
    repo = f"{REPO}{number}"
    github_sim.add_repo(repo, default_branch="main")
    github_sim.set_files(repo, "main", {"go.mod": BASE_MOD, "internal/lang/lang.go": other})
    github_sim.add_pull(
        repo,
        number=number,
        diff=diff(BASE_MOD, HEAD_MOD, "go.mod"),
        user="dev1",
        head_files={"go.mod": HEAD_MOD, "internal/lang/lang.go": other},
    )
    vulndb = tmp_path / f"vulndb{number}"
    shutil.copytree(PLATFORM.parent / "vulndb", vulndb)
    wiring._CLIENTS.clear()
    settings = dataclasses.replace(
        Settings(data_dir=tmp_path / f"data{number}"),
        github_api_url=github_sim.url,
        github_token=github_sim.create_token("remediator[bot]"),
        github_write_interval=0.0,
        vulndb_dir=vulndb,
        max_inline_comments=5,
    )
    review_pull_request(
        {"host": "github", "repo": repo, "number": number}, JobContext(settings, SystemClock(), "r", 1)
    )
    [comment] = [c for c in github_sim.review_comments(repo, number) if c.user == "remediator[bot]"]
    return comment.body


def test_the_repository_importing_the_named_package_is_said_and_one_that_never_does_ranks_lower(
    github_sim, tmp_path
):
    used = _review(github_sim, tmp_path, 1, USES)
    unused = _review(github_sim, tmp_path, 2, PLAIN)
    assert "The repository imports golang.org/x/text/language at internal/lang/lang.go:5" in used
    assert "the repository imports none of them: ranked one level lower" in unused
    order = ["low", "medium", "high", "critical"]

    def severity(body: str) -> int:
        return next(
            i
            for i, label in enumerate(order)
            if f"**{label.capitalize()}" in body or f"{label} severity" in body.lower()
        )

    assert severity(unused) == severity(used) - 1
