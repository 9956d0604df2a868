"""The review job against the GitHub simulator, through the real PyGithub client over HTTP:
what a developer sees on the first push, the next push, a human dismissal and a bad config."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import github
import pytest
from github import Auth

from bot.config.settings import Settings
from bot.hosts import factory as wiring
from bot.jobs.review_pr import review_pull_request
from tests.integration.conftest import github_app_settings

REPO = "acme/payments"
BASE_VIEWS = """from flask import Flask, request
import sqlite3

app = Flask(__name__)


@app.route("/health")
def health():
    return "ok"
"""
HEAD_VIEWS = (
    BASE_VIEWS  # noqa: S608 - vulnerable code under review, not a query this test runs
    + """

@app.route("/invoice")
def invoice():
    invoice_id = request.args.get("id")
    db = sqlite3.connect("billing.db")
    rows = db.execute(f"SELECT * FROM invoices WHERE id = {invoice_id}").fetchall()
    return str(rows)


@app.route("/import", methods=["POST"])
def import_settings():
    import yaml
    settings = yaml.load(request.data)
    return str(settings)
"""
)
FIXED_VIEWS = HEAD_VIEWS.replace(
    'db.execute(f"SELECT * FROM invoices WHERE id = {invoice_id}")',
    'db.execute("SELECT * FROM invoices WHERE id = ?", (invoice_id,))',
)


def _diff(old: str, new: str, path: str = "app/views.py") -> str:
    import difflib

    body = "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{path}", f"b/{path}"))
    return f"diff --git a/{path} b/{path}\n" + body


class _Clock:
    offset = 0.0  # a test moves time forward (past a rate limit's reset) instead of sleeping

    def now(self) -> float:
        import time

        return time.time() + self.offset


@dataclasses.dataclass
class _Ctx:
    settings: Settings
    clock: Any = dataclasses.field(default_factory=_Clock)


@pytest.fixture
def app_settings(github_sim, tmp_path: Path) -> Settings:
    return github_app_settings(github_sim, tmp_path)


@pytest.fixture
def pr(github_sim):
    github_sim.add_repo(REPO, private=True)
    github_sim.set_files(REPO, "main", {"app/views.py": BASE_VIEWS})
    return github_sim.add_pull(
        REPO,
        diff=_diff(BASE_VIEWS, HEAD_VIEWS),
        title="Add invoice endpoints",
        user="dev1",
        head_files={"app/views.py": HEAD_VIEWS},
    )


def _payload(github_sim, number=1):
    return {"host": "github", "repo": REPO, "number": number, "installation_id": 77, "head_sha": "x"}


def _bot_comments(github_sim):
    return [c for c in github_sim.review_comments(REPO, 1) if c.user == "remediator[bot]"]


def test_first_push_gets_one_comment_review_summary_and_check(github_sim, app_settings, pr):
    result = review_pull_request(_payload(github_sim), _Ctx(app_settings))
    assert result is not None
    reviews = github_sim.reviews(REPO, 1)
    assert len(reviews) == 1 and reviews[0].event == "COMMENT"
    comments = _bot_comments(github_sim)
    by_line = {c.line: c for c in comments}
    sqli_line = (
        HEAD_VIEWS.splitlines().index(
            '    rows = db.execute(f"SELECT * FROM invoices WHERE id = {invoice_id}").fetchall()'
        )
        + 1
    )
    yaml_line = HEAD_VIEWS.splitlines().index("    settings = yaml.load(request.data)") + 1
    assert sqli_line in by_line and yaml_line in by_line
    assert "CWE-89" in by_line[sqli_line].body and "1. " in by_line[sqli_line].body
    assert "```suggestion\n    settings = yaml.safe_load(request.data)\n```" in by_line[yaml_line].body
    summaries = [c for c in github_sim.issue_comments(REPO, 1) if "remediator:summary" in c.body]
    assert len(summaries) == 1 and "Coverage" in summaries[0].body
    (run,) = github_sim.check_runs(REPO)
    assert run.name == "Remediator" and run.status == "completed" and run.conclusion == "failure"
    assert {a["start_line"] for a in run.annotations} >= {sqli_line, yaml_line}


def test_rerun_and_next_push_post_nothing_twice_and_resolve_the_fixed_thread(github_sim, app_settings, pr):
    ctx = _Ctx(app_settings)
    review_pull_request(_payload(github_sim), ctx)
    review_pull_request(_payload(github_sim), ctx)  # a redelivered or retried job
    assert len(github_sim.reviews(REPO, 1)) == 1
    first = _bot_comments(github_sim)

    github_sim.push(REPO, 1, diff=_diff(BASE_VIEWS, FIXED_VIEWS), head_files={"app/views.py": FIXED_VIEWS})
    result = review_pull_request(_payload(github_sim), ctx)
    assert result is not None
    assert len(_bot_comments(github_sim)) == len(first)  # no duplicates
    threads = {t.comment_ids[0]: t for t in github_sim.threads(REPO, 1)}
    sqli = next(c for c in first if "CWE-89" in c.body)
    yaml_c = next(c for c in first if "CWE-502" in c.body)
    assert threads[sqli.id].is_resolved
    assert not threads[yaml_c.id].is_resolved
    summaries = [c for c in github_sim.issue_comments(REPO, 1) if "remediator:summary" in c.body]
    assert len(summaries) == 1 and "threads were resolved" in summaries[0].body


def _resolve_as(github_sim, login, thread_id):
    human = github.Github(
        base_url=github_sim.url,
        auth=Auth.Token(github_sim.create_token(login)),
        retry=None,
        seconds_between_requests=0,
        seconds_between_writes=0,
    )
    human.requester.graphql_named_mutation("resolveReviewThread", {"threadId": thread_id}, "thread { id }")


def test_human_dismissal_is_respected_and_human_replies_are_kept(github_sim, app_settings, pr):
    ctx = _Ctx(app_settings)
    review_pull_request(_payload(github_sim), ctx)
    yaml_c = next(c for c in _bot_comments(github_sim) if "CWE-502" in c.body)
    github_sim.add_human_reply(REPO, 1, yaml_c.id, user="dev1", body="Trusted input, internal only.")
    thread = next(t for t in github_sim.threads(REPO, 1) if yaml_c.id in t.comment_ids)
    github_sim.set_role(REPO, "lead1", "write")
    _resolve_as(github_sim, "lead1", thread.node_id)  # a reviewer with write access, not the author

    github_sim.push(REPO, 1, diff=_diff(BASE_VIEWS, FIXED_VIEWS), head_files={"app/views.py": FIXED_VIEWS})
    result = review_pull_request(_payload(github_sim), ctx)
    assert result is not None and yaml_c_fp(yaml_c.body) in result.dismissed
    thread = next(t for t in github_sim.threads(REPO, 1) if yaml_c.id in t.comment_ids)
    assert thread.is_resolved and thread.resolved_by == "lead1"  # not reopened by the bot
    replies = [c for c in github_sim.review_comments(REPO, 1) if c.user == "dev1"]
    assert [r.body for r in replies] == ["Trusted input, internal only."]
    assert len(_bot_comments(github_sim)) == 2
    assert github_sim.check_runs(REPO)[-1].conclusion == "success"  # the only open finding was dismissed


def test_the_author_cannot_silence_a_finding_by_resolving_its_thread(github_sim, app_settings, pr):
    ctx = _Ctx(app_settings)
    review_pull_request(_payload(github_sim), ctx)
    yaml_c = next(c for c in _bot_comments(github_sim) if "CWE-502" in c.body)
    thread = next(t for t in github_sim.threads(REPO, 1) if yaml_c.id in t.comment_ids)
    github_sim.set_role(REPO, "dev1", "write")
    _resolve_as(github_sim, "dev1", thread.node_id)  # dev1 opened the pull request

    github_sim.push(REPO, 1, diff=_diff(BASE_VIEWS, FIXED_VIEWS), head_files={"app/views.py": FIXED_VIEWS})
    result = review_pull_request(_payload(github_sim), ctx)
    assert result is not None and yaml_c_fp(yaml_c.body) in result.reopened
    thread = next(t for t in github_sim.threads(REPO, 1) if yaml_c.id in t.comment_ids)
    assert not thread.is_resolved
    assert github_sim.check_runs(REPO)[-1].conclusion == "failure"
    (summary,) = [c for c in github_sim.issue_comments(REPO, 1) if "remediator:summary" in c.body]
    assert "dismissing a finding needs write access" in summary.body


def test_a_partial_run_resolves_nothing(github_sim, app_settings, pr, monkeypatch):
    from bot.analysis import semgrep as semgrep_mod
    from bot.errors import AnalyzerError

    ctx = _Ctx(app_settings)
    review_pull_request(_payload(github_sim), ctx)

    def broken(*args, **kwargs):
        raise AnalyzerError("semgrep did not finish within 600 s")

    monkeypatch.setattr(semgrep_mod, "run_semgrep", broken)
    result = review_pull_request(_payload(github_sim), ctx)
    assert result is not None and result.resolved == []
    assert not any(t.is_resolved for t in github_sim.threads(REPO, 1))
    (summary,) = [c for c in github_sim.issue_comments(REPO, 1) if "remediator:summary" in c.body]
    assert "This review is partial" in summary.body


def yaml_c_fp(body: str) -> str:
    from bot.core.render import marker_fingerprint

    fp = marker_fingerprint(body)
    assert fp
    return fp


def test_invalid_repo_config_gets_a_comment_and_the_review_runs_on_defaults(github_sim, app_settings, pr):
    github_sim.set_files(
        REPO, "main", {".remediator.yml": "review:\n  max_inline_comments: lots\n  colour: red\n"}
    )
    review_pull_request(_payload(github_sim), _Ctx(app_settings))
    notes = [c.body for c in github_sim.issue_comments(REPO, 1) if "remediator:config" in c.body]
    assert len(notes) == 1
    assert "`review.max_inline_comments`" in notes[0] and "`review.colour`: unknown key" in notes[0]
    assert len(github_sim.reviews(REPO, 1)) == 1  # defaults still reviewed it


def test_config_in_the_pull_request_head_cannot_switch_the_bot_off(github_sim, app_settings):
    github_sim.add_repo(REPO, private=True)
    github_sim.set_files(REPO, "main", {"app/views.py": BASE_VIEWS})
    evil = "paths:\n  ignore: ['**']\ncheck:\n  fail_on: never\n"
    github_sim.add_pull(
        REPO,
        diff=_diff(BASE_VIEWS, HEAD_VIEWS)
        + _diff("", evil, ".remediator.yml").replace(
            "--- a/.remediator.yml", "new file mode 100644\n--- /dev/null"
        ),
        head_files={"app/views.py": HEAD_VIEWS, ".remediator.yml": evil},
    )
    review_pull_request(_payload(github_sim), _Ctx(app_settings))
    assert len(_bot_comments(github_sim)) >= 2
    assert github_sim.check_runs(REPO)[0].conclusion == "failure"


def test_rejected_anchor_falls_back_and_posts_once(github_sim, app_settings, pr):
    github_sim.fail_next(
        "POST",
        r"/pulls/1/reviews$",
        422,
        body={"message": "Unprocessable Entity", "errors": ["Line could not be resolved"]},
    )
    review_pull_request(_payload(github_sim), _Ctx(app_settings))
    assert len(github_sim.reviews(REPO, 1)) == 1
    assert len(_bot_comments(github_sim)) == 2


def test_annotations_are_sent_in_batches_of_fifty(github_sim, app_settings):
    many = (
        BASE_VIEWS
        + "\n\nimport yaml\n\n\ndef load_all(blobs):\n"
        + "".join(f"    v{i} = yaml.load(blobs[{i}])\n" for i in range(60))
    )
    github_sim.add_repo(REPO, private=True)
    github_sim.set_files(REPO, "main", {"app/views.py": BASE_VIEWS})
    github_sim.add_pull(REPO, diff=_diff(BASE_VIEWS, many), head_files={"app/views.py": many})
    review_pull_request(_payload(github_sim), _Ctx(app_settings))
    (run,) = github_sim.check_runs(REPO)
    assert len(run.annotations) == 60 and run.updates >= 1 and run.conclusion == "failure"
    assert len(_bot_comments(github_sim)) == 25  # the default inline cap; the rest in the summary


class _FakeClock:
    def __init__(self) -> None:
        import time

        self.t = time.time()

    def now(self) -> float:
        return self.t


def _token_requests(sim):
    return [r for r in sim.requests if r.method == "POST" and r.path.endswith("/access_tokens")]


def test_installation_token_is_cached_until_it_expires(github_sim, app_settings, pr):
    clock = _FakeClock()
    ctx = _Ctx(app_settings, clock)
    review_pull_request(_payload(github_sim), ctx)
    review_pull_request(_payload(github_sim), ctx)
    assert len(_token_requests(github_sim)) == 1
    clock.t += 3600  # the hour-long token is about to expire
    review_pull_request(_payload(github_sim), ctx)
    assert len(_token_requests(github_sim)) == 2


def test_rate_limit_becomes_a_retry_after_the_reset(github_sim, app_settings, pr):
    import time

    from bot.errors import Retryable

    reset = int(time.time()) + 120
    github_sim.fail_next(
        "GET",
        r"/pulls/1/files",
        403,
        headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(reset)},
    )
    ctx = _Ctx(app_settings)
    with pytest.raises(Retryable) as caught:
        review_pull_request(_payload(github_sim), ctx)
    assert caught.value.retry_after is not None and 60 < caught.value.retry_after <= 121
    assert github_sim.reviews(REPO, 1) == []  # nothing half-posted
    # a retry before the reset writes nothing: the wait GitHub asked for holds the installation's
    # writes (for every worker: the pacing slots are shared) and re-queues the job
    with pytest.raises(Retryable) as held:
        review_pull_request(_payload(github_sim), ctx)
    assert held.value.retry_after is not None and 60 < held.value.retry_after <= 121
    assert github_sim.reviews(REPO, 1) == [] and github_sim.issue_comments(REPO, 1) == []
    ctx.clock.offset = 125.0  # past the reset
    review_pull_request(_payload(github_sim), ctx)  # the retry succeeds
    assert len(github_sim.reviews(REPO, 1)) == 1


def test_server_errors_are_retryable_and_secrets_are_not_in_the_message(github_sim, app_settings, pr):
    from bot.errors import Retryable

    github_sim.fail_next("POST", r"/pulls/1/reviews$", 502)
    with pytest.raises(Retryable) as caught:
        review_pull_request(_payload(github_sim), _Ctx(app_settings))
    assert "502" in str(caught.value)
    assert "ghs_" not in str(caught.value)


def test_github_enterprise_server_base_url(github_sim, app_settings, pr):
    settings = dataclasses.replace(app_settings, github_api_url=github_sim.ghes_url)
    wiring._CLIENTS.clear()
    review_pull_request(_payload(github_sim), _Ctx(settings))
    assert len(_bot_comments(github_sim)) == 2


def test_large_pull_request_files_are_paginated(github_sim, app_settings):
    from bot.hosts.github import GitHubHost
    from bot.hosts.github_auth import GitHubClients

    github_sim.add_repo(REPO, private=True)
    diffs = "".join(
        _diff("", f"x = {i}\n", f"pkg/m{i}.py").replace(
            f"--- a/pkg/m{i}.py", "new file mode 100644\n--- /dev/null"
        )
        for i in range(230)
    )
    github_sim.add_pull(REPO, diff=diffs, head_files={f"pkg/m{i}.py": f"x = {i}\n" for i in range(230)})
    clients = GitHubClients(app_settings, _FakeClock().now, seconds_between_writes=0)
    host = GitHubHost(clients.for_repo(REPO, 77), bot_login=clients.bot_login())
    pull = host.pull_request(REPO, 1)
    changeset = host.changeset(pull)
    assert len(changeset.files) == 230
    assert {f.path for f in changeset.files} == {f"pkg/m{i}.py" for i in range(230)}
    pages = [r for r in github_sim.requests if r.path.endswith("/pulls/1/files")]
    assert len(pages) >= 3


def test_personal_token_mode(github_sim, tmp_path):
    github_sim.add_repo(REPO, private=True)
    github_sim.set_files(REPO, "main", {"app/views.py": BASE_VIEWS})
    github_sim.add_pull(REPO, diff=_diff(BASE_VIEWS, HEAD_VIEWS), head_files={"app/views.py": HEAD_VIEWS})
    token = github_sim.create_token("remediator-bot")
    settings = dataclasses.replace(
        Settings(),
        github_token=token,
        github_api_url=github_sim.url,
        github_write_interval=0.0,
        data_dir=tmp_path / "data",
    )
    wiring._CLIENTS.clear()
    ctx = _Ctx(settings)
    review_pull_request(_payload(github_sim), ctx)
    posted = [c for c in github_sim.review_comments(REPO, 1) if c.user == "remediator-bot"]
    assert len(posted) == 2
    github_sim.push(REPO, 1, diff=_diff(BASE_VIEWS, FIXED_VIEWS), head_files={"app/views.py": FIXED_VIEWS})
    review_pull_request(_payload(github_sim), ctx)
    resolved = [t for t in github_sim.threads(REPO, 1) if t.is_resolved]
    assert len(resolved) == 1 and resolved[0].resolved_by in {"remediator-bot", "remediator-bot[bot]"}


def test_drafts_are_skipped_unless_the_repo_asks(github_sim, app_settings):
    github_sim.add_repo(REPO, private=True)
    github_sim.set_files(REPO, "main", {"app/views.py": BASE_VIEWS})
    github_sim.add_pull(
        REPO, diff=_diff(BASE_VIEWS, HEAD_VIEWS), head_files={"app/views.py": HEAD_VIEWS}, draft=True
    )
    assert review_pull_request(_payload(github_sim), _Ctx(app_settings)) is None
    assert github_sim.reviews(REPO, 1) == [] and github_sim.check_runs(REPO) == []
    github_sim.set_files(REPO, "main", {".remediator.yml": "review:\n  drafts: true\n"})
    assert review_pull_request(_payload(github_sim), _Ctx(app_settings)) is not None
    assert len(github_sim.reviews(REPO, 1)) == 1


def test_a_submodule_in_the_change_is_skipped_not_a_crash(github_sim, app_settings):
    github_sim.add_repo(REPO, private=True)
    github_sim.set_files(REPO, "main", {"app/views.py": BASE_VIEWS})
    sub_diff = (
        "diff --git a/libs/crypto b/libs/crypto\nnew file mode 160000\n--- /dev/null\n+++ b/libs/crypto\n"
        "@@ -0,0 +1 @@\n+Subproject commit 0123456789abcdef0123456789abcdef01234567\n"
    )
    github_sim.add_pull(
        REPO, diff=_diff(BASE_VIEWS, HEAD_VIEWS) + sub_diff, head_files={"app/views.py": HEAD_VIEWS}
    )
    submodule = {
        "type": "submodule",
        "name": "lib",
        "path": "libs/crypto",
        "size": 0,
        "sha": "0123456789abcdef0123456789abcdef01234567",
        "url": f"{github_sim.url}/repos/{REPO}/contents/libs/crypto",
        "git_url": None,
        "html_url": None,
        "download_url": None,
        "submodule_git_url": "https://github.com/acme/lib.git",
        "_links": {"self": f"{github_sim.url}/repos/{REPO}/contents/libs/crypto", "git": None, "html": None},
    }
    github_sim.fail_next("GET", r"/contents/libs/crypto", 200, body=submodule)
    result = review_pull_request(_payload(github_sim), _Ctx(app_settings))
    assert result is not None and len(_bot_comments(github_sim)) == 2
    (summary,) = [c for c in github_sim.issue_comments(REPO, 1) if "remediator:summary" in c.body]
    assert "`libs/crypto`: unreadable" in summary.body
    assert any(r.path.endswith("/contents/libs/crypto") for r in github_sim.requests)


def test_resolving_a_thread_follows_the_command_permissions(github_sim, app_settings, pr, tmp_path):
    """One permission model (issue 16 items 3-4): resolving a finding's thread dismisses it for the
    security team (read access is enough for them) and for writers, never for a reader."""
    org = tmp_path / "org.yml"
    org.write_text("security_team: ['github:sec-lead', 'gitlab:reader1']\n")
    ctx = _Ctx(dataclasses.replace(app_settings, org_config=str(org)))
    review_pull_request(_payload(github_sim), ctx)
    comments = _bot_comments(github_sim)
    yaml_c = next(c for c in comments if "CWE-502" in c.body)
    other = next(c for c in comments if c.id != yaml_c.id)
    github_sim.set_role(REPO, "sec-lead", "read")
    github_sim.set_role(REPO, "reader1", "read")  # in the team on GitLab only: no rights here
    for comment, who in ((yaml_c, "sec-lead"), (other, "reader1")):
        thread = next(t for t in github_sim.threads(REPO, 1) if comment.id in t.comment_ids)
        _resolve_as(github_sim, who, thread.node_id)

    result = review_pull_request(_payload(github_sim), ctx)
    assert result is not None
    assert yaml_c_fp(yaml_c.body) not in result.reopened  # the security team dismissed it
    assert yaml_c_fp(other.body) in result.reopened  # a reader's resolution is overruled
