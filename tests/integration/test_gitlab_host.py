"""The GitLab adapter against the GitLab simulator through the real python-gitlab client: positions,
pagination, files at head and config from the default branch, statuses, roles, replies, reactions,
and every GitLab error translated into Retryable/Permanent (no GitlabError leaves the adapter)."""

from __future__ import annotations

import dataclasses
import difflib
import logging

import gitlab
import pytest

from bot.config.settings import Settings
from bot.errors import ContentTooLarge, Permanent, Retryable
from bot.hosts import factory as wiring
from bot.hosts import gitlab as gitlab_host
from bot.hosts.base import AnchorRejected, InlineComment, StatusReport
from bot.hosts.gitlab import GitLabHost
from bot.hosts.gitlab_auth import GitLabClients, check_credentials
from tests.sim.gitlab_state import DEVELOPER, MAINTAINER, REPORTER

REPO = "acme/payments"
BOT = "project_7_bot_remediator"
BASE = "a = 1\nb = 2\nc = 3\n"
HEAD = "a = 1\nb = 20\nc = 3\nd = 4\n"


def _diff(old: str, new: str, path: str = "x.py") -> str:
    body = "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{path}", f"b/{path}"))
    return f"diff --git a/{path} b/{path}\n{body}"


@pytest.fixture
def token(gitlab_sim):
    gitlab_sim.add_project(REPO)
    gitlab_sim.set_files(REPO, "main", {"x.py": BASE, ".remediator.yml": "check:\n  fail_on: low\n"})
    gitlab_sim.add_merge_request(
        REPO,
        diff=_diff(BASE, HEAD),
        head_files={"x.py": HEAD, ".remediator.yml": "check:\n  fail_on: never\n"},
    )
    return gitlab_sim.create_token(BOT, path=REPO)


@pytest.fixture
def settings(gitlab_sim, token, tmp_path) -> Settings:
    return dataclasses.replace(Settings(), gitlab_url=gitlab_sim.url, gitlab_token=token, data_dir=tmp_path)


@pytest.fixture
def host(settings) -> GitLabHost:
    clients = GitLabClients(settings)
    return GitLabHost(clients.client(), bot_username=clients.bot_username(), max_file_bytes=100)


def _fp(n: int) -> str:
    return f"{n:016x}"


def test_reads_the_change_through_versions_and_files_at_head_and_config_from_default(
    host, gitlab_sim
) -> None:
    pr = host.pull_request(REPO, 1)
    mr = gitlab_sim.merge_request(REPO, 1)
    assert (pr.head_sha, pr.base_sha, pr.state, pr.host) == (mr.latest.head, mr.latest.base, "open", "gitlab")
    changeset = host.changeset(pr)
    assert changeset.file("x.py").added_lines == {2, 4}
    assert host.read_file(pr, "x.py") == HEAD.encode()
    assert host.read_file(pr, "missing.py") is None
    assert host.repo_config(pr) == b"check:\n  fail_on: low\n"  # the default branch, not the MR head
    paths = [r.path for r in gitlab_sim.requests]
    assert any(p.endswith("/merge_requests/1/versions") for p in paths)
    assert not any(p.endswith("/changes") for p in paths)  # the deprecated endpoint is never used


def test_large_files_are_refused_before_download(host, gitlab_sim) -> None:
    pr = host.pull_request(REPO, 1)
    gitlab_sim.set_files(REPO, pr.head_sha, {"big.py": "x" * 500})
    with pytest.raises(ContentTooLarge):
        host.read_file(pr, "big.py")
    assert not any(r.path.endswith("big.py/raw") for r in gitlab_sim.requests)


def test_a_file_whose_size_is_not_announced_is_cut_at_the_limit(host, gitlab_sim, monkeypatch) -> None:
    """Behind a proxy that drops X-Gitlab-Size the HEAD answer says nothing: the raw read streams and
    stops at the limit instead of holding the whole file (counted where requests hands bytes over)."""
    import requests

    handed: list[int] = []
    real_iter = requests.Response.iter_content

    def counting_iter(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        for chunk in real_iter(self, *args, **kwargs):
            handed.append(len(chunk))
            yield chunk

    monkeypatch.setattr(requests.Response, "iter_content", counting_iter)
    gitlab_sim.file_size_header = False
    pr = host.pull_request(REPO, 1)
    big = 4 * 1024 * 1024
    gitlab_sim.set_files(REPO, pr.head_sha, {"big.py": "x" * big, "small.py": "y = 1\n" * 16})
    with pytest.raises(ContentTooLarge) as refused:
        host.read_file(pr, "big.py")
    assert refused.value.size > 100
    assert 100 < sum(handed) <= 128 * 1024  # the first chunk or two, never the 4 MB
    assert host.read_file(pr, "small.py") == b"y = 1\n" * 16  # 96 bytes: under the limit, read whole
    assert any(r.path.endswith("big.py/raw") for r in gitlab_sim.requests)


def test_diffs_and_discussions_are_read_across_pages(gitlab_sim, settings) -> None:
    files = "".join(_diff("", f"v{i} = {i}\n", f"pkg/m{i}.py") for i in range(130))
    gitlab_sim.add_merge_request(REPO, diff=files, iid=2)
    clients = GitLabClients(settings)
    host = GitLabHost(clients.client(), bot_username=BOT)
    pr = host.pull_request(REPO, 2)
    assert len(host.changeset(pr).files) == 130
    comments = [
        InlineComment(f"pkg/m{i}.py", 1, f"<!-- remediator:finding fp={_fp(i)} -->\nf{i}", fingerprint=_fp(i))
        for i in range(105)
    ]
    host.post_review(pr, comments, "")
    assert len(host.bot_comments(pr)) == 105
    pages = [
        r
        for r in gitlab_sim.requests
        if r.path.endswith("/merge_requests/2/discussions") and r.method == "GET"
    ]
    assert len(pages) == 2


def test_positions_added_line_new_only_context_both_and_wrong_ones_rejected(host, gitlab_sim) -> None:
    pr = host.pull_request(REPO, 1)
    host.changeset(pr)
    host.post_review(
        pr,
        [
            InlineComment(
                "x.py", 2, "<!-- remediator:finding fp=aaaaaaaa -->\nadded", fingerprint="aaaaaaaa"
            ),
            InlineComment(
                "x.py", 3, "<!-- remediator:finding fp=bbbbbbbb -->\ncontext", fingerprint="bbbbbbbb"
            ),
        ],
        "",
    )
    sent = [
        r.body["position"]
        for r in gitlab_sim.requests
        if r.method == "POST" and r.path.endswith("/discussions")
    ]
    mr = gitlab_sim.merge_request(REPO, 1)
    common = {"base_sha": mr.latest.base, "start_sha": mr.latest.start, "head_sha": mr.latest.head}
    assert sent[0] == {
        **common,
        "position_type": "text",
        "old_path": "x.py",
        "new_path": "x.py",
        "new_line": 2,
    }
    assert sent[1] == {**sent[0], "new_line": 3, "old_line": 3}
    with pytest.raises(AnchorRejected):  # line 9 is not in the diff: never sent
        host.post_review(pr, [InlineComment("x.py", 9, "x", fingerprint="cccccccc")], "")
    # The simulator answers a bad position as GitLab does.
    human = gitlab.Gitlab(gitlab_sim.url, private_token=gitlab_sim.create_token("dev1", path=REPO))
    mr_api = human.projects.get(REPO, lazy=True).mergerequests.get(1, lazy=True)
    for bad in ({"new_line": 3}, {"new_line": 2, "old_line": 2}, {"old_line": 9}):
        position = {**common, "position_type": "text", "old_path": "x.py", "new_path": "x.py", **bad}
        with pytest.raises(gitlab.GitlabCreateError) as info:
            mr_api.discussions.create({"body": "hi", "position": position})
        assert info.value.response_code == 400 and "line_code" in str(info.value)


def test_a_rejected_position_posts_the_rest_once_and_never_twice(host, gitlab_sim) -> None:
    pr = host.pull_request(REPO, 1)
    gitlab_sim.fail_next("POST", r"/merge_requests/1/discussions$", 400)
    comments = [
        InlineComment("x.py", 2, "<!-- remediator:finding fp=aaaaaaaa -->\na", fingerprint="aaaaaaaa"),
        InlineComment("x.py", 4, "<!-- remediator:finding fp=bbbbbbbb -->\nb", fingerprint="bbbbbbbb"),
    ]
    with pytest.raises(AnchorRejected):
        host.post_review(pr, comments, "")
    host.post_review(pr, comments, "")  # the publisher's retry
    assert sorted(c.fingerprint for c in host.bot_comments(pr)) == ["aaaaaaaa", "bbbbbbbb"]


def test_commit_status_named_remediator_is_not_reposted_when_unchanged(host, gitlab_sim) -> None:
    pr = host.pull_request(REPO, 1)
    host.report_status(pr, StatusReport("failure", "2 security finding(s)", "..."))
    host.report_status(pr, StatusReport("failure", "2 security finding(s)", "..."))
    host.report_status(pr, StatusReport("neutral", "0 security finding(s), partial review", "..."))
    statuses = gitlab_sim.statuses(REPO)
    assert [(s.name, s.status, s.sha) for s in statuses] == [
        ("remediator", "failed", pr.head_sha),
        ("remediator", "success", pr.head_sha),
    ]
    assert statuses[-1].description == "0 security finding(s), partial review"


def test_roles_replies_and_reactions_answer_commands_once(host, gitlab_sim) -> None:
    from bot.hosts.base import CommandResponder

    assert isinstance(host, CommandResponder)
    pr = host.pull_request(REPO, 1)
    gitlab_sim.add_member(REPO, "dev1", DEVELOPER)
    gitlab_sim.add_member(REPO, "lead", MAINTAINER)
    gitlab_sim.add_member(REPO, "dev10", REPORTER)  # a name containing "dev1" must not match it
    assert [host.role(REPO, u) for u in ("dev1", "lead", "dev10", "stranger")] == [
        "write", "maintain", "triage", "none"
    ]  # fmt: skip
    command = gitlab_sim.human_note(REPO, 1, user="dev1", body="/remediator explain 3f9a1c2e")
    note_id = str(command.notes[0].id)
    for _ in range(2):  # a retried job reacts and replies once
        host.react(pr, note_id, "eyes")
        host.reply(pr, note_id, "Here is why.")
    (thread,) = [d for d in gitlab_sim.discussions(REPO, 1) if d.id == command.id]
    assert [n.body.splitlines()[-1] for n in thread.notes] == ["/remediator explain 3f9a1c2e", "Here is why."]
    assert thread.notes[0].awards == [("eyes", BOT)]


@pytest.mark.parametrize(
    ("status", "headers", "error", "wait"),
    [
        (429, {"Retry-After": "7"}, Retryable, 7.0),
        (429, {}, Retryable, 60.0),
        (502, {}, Retryable, None),
        (404, {}, Permanent, None),
        (403, {}, Permanent, None),
    ],
)
def test_gitlab_errors_are_translated(host, gitlab_sim, status, headers, error, *, wait) -> None:
    gitlab_sim.fail_next("GET", r"/merge_requests/1$", status, headers=headers)
    with pytest.raises(error) as info:
        host.pull_request(REPO, 1)
    assert not isinstance(info.value, gitlab.GitlabError)
    if wait is not None:
        assert info.value.retry_after == wait
    assert len([r for r in gitlab_sim.requests if r.injected]) == 1  # python-gitlab did not retry or sleep


def test_rate_limit_reset_is_honoured(host, gitlab_sim) -> None:
    import time

    gitlab_sim.fail_next(
        "GET", r"/merge_requests/1$", 429, headers={"RateLimit-Reset": str(int(time.time()) + 30)}
    )
    with pytest.raises(Retryable) as info:
        host.pull_request(REPO, 1)
    assert 25 <= info.value.retry_after <= 31


def test_a_bad_token_is_permanent_and_never_shown(gitlab_sim, settings, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    bad = dataclasses.replace(settings, gitlab_token="glpat-wrong-token-value")
    with pytest.raises(Permanent) as info:
        GitLabClients(bad).bot_username()
    assert "401" in str(info.value)
    assert "glpat-wrong-token-value" not in str(info.value) + caplog.text + repr(GitLabClients(bad)) + repr(
        bad
    )


def test_wiring_builds_the_gitlab_host(settings) -> None:
    wiring._CLIENTS.clear()
    host = wiring.host_for({"host": "gitlab", "repo": REPO, "number": 1}, settings, lambda: 0.0)
    assert isinstance(host, GitLabHost) and host.pull_request(REPO, 1).number == 1


def test_check_credentials_names_each_problem() -> None:
    problems = check_credentials(Settings(gitlab_url="http://gitlab.example", gitlab_webhook_secret="short"))
    assert any("REMEDIATOR_GITLAB_TOKEN" in p for p in problems)
    assert any("shorter than 16" in p for p in problems)
    assert any("https://" in p for p in problems)
    ok = Settings(gitlab_token="t", gitlab_webhook_secret="x" * 20)
    assert check_credentials(ok) == []


def test_check_config_for_gitlab_names_problems_then_accepts_the_token_online(
    settings, capsys, monkeypatch, tmp_path
) -> None:
    from bot.cli.main import main

    for name in list(__import__("os").environ):
        if name.startswith("REMEDIATOR_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("REMEDIATOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REMEDIATOR_GITLAB_WEBHOOK_SECRET", "short")
    assert main(["check-config", "--no-github"]) == 2
    err = capsys.readouterr().err
    assert "REMEDIATOR_GITLAB_TOKEN" in err and "shorter than 16" in err and "short " not in err
    monkeypatch.setenv("REMEDIATOR_GITLAB_WEBHOOK_SECRET", "a-long-enough-gitlab-secret")
    token = settings.gitlab_token
    monkeypatch.setenv("REMEDIATOR_GITLAB_TOKEN", token)
    monkeypatch.setenv("REMEDIATOR_GITLAB_URL", settings.gitlab_url.replace("127.0.0.1", "localhost"))
    assert main(["check-config", "--no-github", "--online"]) == 0
    out = capsys.readouterr().out
    assert f"comments will come from {BOT}" in out and token not in out


def test_root_names_list_a_ref_top_once_and_give_up_past_the_cap(host, gitlab_sim, monkeypatch) -> None:
    pr = host.pull_request(REPO, 1)
    gitlab_sim.set_files(REPO, pr.head_sha, {"x.py": HEAD, "deploy/ingress.yaml": "kind: Ingress\n"})
    before = len(gitlab_sim.requests)
    assert host.root_names(REPO, pr.head_sha) == frozenset({"x.py", "deploy", ".remediator.yml"})
    assert len(gitlab_sim.requests) - before == 1
    monkeypatch.setattr(gitlab_host, "ROOT_LISTING_CAP", 2)
    assert host.root_names(REPO, pr.head_sha) is None  # not known whole: callers probe as before
