"""Tests of the GitHub simulator through the real PyGithub client over HTTP (no sleeps, no network)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import github
import jsonschema
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from github import Auth, GithubException, GithubIntegration, UnknownObjectException

from tests.sim.github import ROUTES, GitHubSimulator

REPO = "acme/api"
BASE_APP = "import os\nx = 1\nz = 4\nw = 5\n" + "".join(f"line{i}\n" for i in range(5, 12)) + "a\nb\nd\n"
HEAD_APP = (
    "import os\nx = 2\ny = 3\nz = 4\nw = 5\n" + "".join(f"line{i}\n" for i in range(5, 12)) + "a\nc\nd\n"
)
TWO_HUNKS = """diff --git a/app.py b/app.py
index 1111111..2222222 100644
--- a/app.py
+++ b/app.py
@@ -1,4 +1,5 @@
 import os
-x = 1
+x = 2
+y = 3
 z = 4
 w = 5
@@ -12,3 +13,3 @@ def handler():
 a
-b
+c
 d
"""


def client(sim: GitHubSimulator, token: str, **kw: Any) -> github.Github:
    return github.Github(
        base_url=kw.pop("base_url", sim.url),
        auth=Auth.Token(token),
        seconds_between_requests=0,
        seconds_between_writes=0,
        **{"retry": None, **kw},
    )


@pytest.fixture
def sim() -> Iterator[GitHubSimulator]:
    with GitHubSimulator() as simulator:
        simulator.add_repo(REPO, private=True)
        simulator.set_files(REPO, "main", {"app.py": BASE_APP, ".remediator.yml": "mode: comment\n"})
        simulator.add_pull(
            REPO, diff=TWO_HUNKS, title="Tweak x", user="alice", head_files={"app.py": HEAD_APP}
        )
        yield simulator


@pytest.fixture
def gh(sim: GitHubSimulator) -> Iterator[github.Github]:
    g = client(sim, sim.create_token())
    yield g
    g.close()


def raw(gh: github.Github, url: str) -> Any:
    return gh.requester.requestJsonAndCheck("GET", url)[1]


def check_schema(sim: GitHubSimulator, op_id: str, status: str, payload: Any) -> None:
    jsonschema.validate(payload, sim.api.response_schema(op_id, status))


def test_pull_and_two_hunk_files(sim: GitHubSimulator, gh: github.Github) -> None:
    pr = gh.get_repo(REPO).get_pull(1)
    assert (pr.title, pr.user.login, pr.base.ref, pr.head.ref) == ("Tweak x", "alice", "main", "feature")
    [changed] = list(pr.get_files())
    assert (changed.filename, changed.status, changed.additions, changed.deletions) == (
        "app.py",
        "modified",
        3,
        2,
    )
    assert (
        changed.patch.startswith("@@ -1,4 +1,5 @@\n import os\n-x = 1")
        and "@@ -12,3 +13,3 @@" in changed.patch
    )
    check_schema(sim, "pulls/list-files", "200", raw(gh, f"/repos/{REPO}/pulls/1/files"))
    check_schema(sim, "repos/get-content", "200", raw(gh, f"/repos/{REPO}/contents/app.py"))
    assert sim.violations() == []


def test_350_files_are_paginated_with_link_headers(sim: GitHubSimulator, gh: github.Github) -> None:
    diff = "".join(
        f"diff --git a/f{i}.py b/f{i}.py\nnew file mode 100644\n--- /dev/null\n+++ b/f{i}.py\n"
        f"@@ -0,0 +1 @@\n+v = {i}\n"
        for i in range(350)
    )
    sim.add_pull(REPO, number=7, diff=diff)
    names = [f.filename for f in gh.get_repo(REPO).get_pull(7).get_files()]
    assert names == [f"f{i}.py" for i in range(350)]
    pages = [r for r in sim.requests if r.path.endswith("/pulls/7/files")]
    assert len(pages) == 12  # 30 per page by default
    with GitHubSimulator() as other:  # per_page=100 -> 4 pages, Link rel=last points at page 4
        other.add_repo(REPO)
        other.add_pull(REPO, number=7, diff=diff)
        g = client(other, other.create_token(), per_page=100)
        files = g.get_repo(REPO).get_pull(7).get_files()
        assert files.totalCount == 350 and len(list(files)) == 350
        assert [r.query.get("page") for r in other.requests if r.path.endswith("/files")][-1] == ["4"]
        g.close()


def test_contents_at_ref_and_404(sim: GitHubSimulator, gh: github.Github) -> None:
    repo = gh.get_repo(REPO)
    pr = repo.get_pull(1)
    assert repo.get_contents("app.py", ref=pr.head.sha).decoded_content.decode() == HEAD_APP
    assert repo.get_contents("app.py", ref="main").decoded_content.decode() == BASE_APP
    assert repo.get_contents(".remediator.yml").decoded_content == b"mode: comment\n"  # default branch
    with pytest.raises(UnknownObjectException):
        repo.get_contents("missing.py", ref=pr.head.sha)
    with pytest.raises(GithubException) as info:  # GitHub's message here is not "Not Found"
        repo.get_contents("app.py", ref="no-such-branch")
    assert info.value.status == 404


def test_review_with_single_and_multi_line_comments_creates_threads(
    sim: GitHubSimulator, gh: github.Github
) -> None:
    pr = gh.get_repo(REPO).get_pull(1)
    review = pr.create_review(
        body="Remediator found 3 issues",
        event="COMMENT",
        comments=[
            {"path": "app.py", "line": 3, "side": "RIGHT", "body": "single"},
            {
                "path": "app.py",
                "start_line": 2,
                "start_side": "RIGHT",
                "line": 4,
                "side": "RIGHT",
                "body": "multi",
            },
            {"path": "app.py", "line": 2, "side": "LEFT", "body": "on the removed line"},
        ],
    )
    assert review.state == "COMMENTED"
    [stored] = sim.reviews(REPO, 1)
    assert stored.event == "COMMENT" and len(stored.comment_ids) == 3
    assert len(sim.threads(REPO, 1)) == 3
    listed = list(pr.get_review_comments())
    assert [(c.line, c.start_line, c.side) for c in listed] == [
        (3, None, "RIGHT"),
        (4, 2, "RIGHT"),
        (2, None, "LEFT"),
    ]
    assert listed[0].diff_hunk.endswith("+y = 3")
    check_schema(sim, "pulls/list-review-comments", "200", raw(gh, f"/repos/{REPO}/pulls/1/comments"))
    check_schema(sim, "pulls/list-reviews", "200", raw(gh, f"/repos/{REPO}/pulls/1/reviews"))
    _, second = gh.requester.requestJsonAndCheck(
        "POST",
        f"/repos/{REPO}/pulls/1/reviews",
        input={"commit_id": pr.head.sha, "event": "COMMENT", "body": "pinned to the head commit"},
    )
    assert second["commit_id"] == pr.head.sha


@pytest.mark.parametrize(
    "bad",
    [
        {"path": "app.py", "line": 9, "side": "RIGHT", "body": "outside any hunk"},
        {"path": "app.py", "line": 9, "side": "LEFT", "body": "old line 9 is in no hunk"},
        {"path": "app.py", "start_line": 3, "line": 14, "side": "RIGHT", "body": "spans two hunks"},
        {"path": "app.py", "start_line": 4, "line": 3, "side": "RIGHT", "body": "start after end"},
        {"path": "nope.py", "line": 1, "side": "RIGHT", "body": "path not in the diff"},
    ],
)
def test_one_bad_comment_fails_the_whole_review(
    sim: GitHubSimulator, gh: github.Github, bad: dict[str, Any]
) -> None:
    pr = gh.get_repo(REPO).get_pull(1)
    good = {"path": "app.py", "line": 3, "side": "RIGHT", "body": "fine"}
    with pytest.raises(GithubException) as info:
        pr.create_review(body="x", event="COMMENT", comments=[good, bad])
    assert info.value.status == 422
    assert info.value.data["message"] == "Unprocessable Entity" and info.value.data["errors"]
    assert sim.reviews(REPO, 1) == [] and sim.review_comments(REPO, 1) == [] and sim.threads(REPO, 1) == []
    assert any(
        "could not be resolved" in e or "pull_request_review_thread" in e for e in info.value.data["errors"]
    )


def test_check_run_annotation_limit_and_accumulation(sim: GitHubSimulator, gh: github.Github) -> None:
    repo = gh.get_repo(REPO)
    head = repo.get_pull(1).head.sha
    notes = [
        {"path": "app.py", "start_line": 2, "end_line": 2, "annotation_level": "warning", "message": f"m{i}"}
        for i in range(51)
    ]
    with pytest.raises(GithubException) as info:
        repo.create_check_run(
            "remediator",
            head,
            status="in_progress",
            output={"title": "t", "summary": "s", "annotations": notes},
        )
    assert info.value.status == 422 and sim.check_runs(REPO) == []
    run = repo.create_check_run(
        "remediator",
        head,
        status="in_progress",
        output={"title": "t", "summary": "s", "annotations": notes[:50]},
    )
    run.edit(conclusion="neutral", output={"title": "t", "summary": "done", "annotations": notes[50:]})
    [stored] = sim.check_runs(REPO)
    assert (stored.status, stored.conclusion, len(stored.annotations), stored.output["summary"]) == (
        "completed",
        "neutral",
        51,
        "done",
    )


def _app_key() -> tuple[str, bytes]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, public


def test_installation_token_flow_with_rs256_jwt(sim: GitHubSimulator) -> None:
    private, public = _app_key()
    sim.register_app(4242, public, installation_id=77, account="acme")
    app_auth = Auth.AppAuth(4242, private)
    integration = GithubIntegration(
        auth=app_auth, base_url=sim.url, seconds_between_requests=0, seconds_between_writes=0
    )
    assert integration.get_repo_installation("acme", "api").id == 77
    token = integration.get_access_token(77)
    assert 3590 <= token.expires_at.timestamp() - time.time() <= 3610
    g = client(sim, token.token)
    g.get_repo(REPO).get_pull(1).create_issue_comment("hello from the app")
    assert sim.issue_comments(REPO, 1)[0].user == "remediator[bot]"
    assert sim.requests[-1].login == "remediator[bot]"
    g.close()
    # the same through PyGithub's installation auth (it fetches and refreshes the token itself)
    g2 = github.Github(
        base_url=sim.url,
        auth=app_auth.get_installation_auth(77),
        seconds_between_requests=0,
        seconds_between_writes=0,
    )
    assert g2.get_repo(REPO).private is True
    g2.close()
    integration.close()
    # a JWT signed by another key, or living longer than 10 minutes, is refused
    other_private, _ = _app_key()
    now = int(time.time())
    for key, exp in ((other_private, now + 300), (private, now + 900)):
        bad = jwt.encode({"iat": now - 60, "exp": exp, "iss": "4242"}, key, algorithm="RS256")
        g3 = github.Github(
            base_url=sim.url,
            auth=Auth.AppAuthToken(bad),
            seconds_between_requests=0,
            seconds_between_writes=0,
            retry=None,
        )
        with pytest.raises(GithubException) as info:
            g3.requester.requestJsonAndCheck("POST", "/app/installations/77/access_tokens")
        assert info.value.status == 401
        g3.close()


def test_tokens_expire_and_permissions_are_enforced() -> None:
    now = [1_700_000_000.0]
    with GitHubSimulator(clock=lambda: now[0]) as sim:
        sim.add_repo(REPO)
        sim.add_pull(REPO, diff=TWO_HUNKS)
        sim.register_app(
            1, _app_key()[1], account="acme", permissions={"pull_requests": "write", "metadata": "read"}
        )
        inst_token = sim.create_token(installation_id=1)
        g = client(sim, inst_token)
        repo = g.get_repo(REPO)
        with pytest.raises(GithubException) as info:  # no checks permission
            repo.create_check_run("remediator", repo.get_pull(1).head.sha)
        assert info.value.status == 403
        now[0] += 3601
        with pytest.raises(GithubException) as info:
            g.get_repo(REPO)
        assert info.value.status == 401
        g.close()


def test_graphql_threads_resolve_and_unresolve(sim: GitHubSimulator, gh: github.Github) -> None:
    pr = gh.get_repo(REPO).get_pull(1)
    pr.create_review(
        body="b", event="COMMENT", comments=[{"path": "app.py", "line": 3, "side": "RIGHT", "body": "c1"}]
    )
    comment_id = sim.review_comments(REPO, 1)[0].id
    sim.add_human_reply(REPO, 1, comment_id, user="alice", body="not a bug")
    query = """
    query Threads($owner: String!, $name: String!, $number: Int!, $cursor: String) {
      repository(owner: $owner, name: $name) {
        pullRequest(number: $number) {
          reviewThreads(first: 50, after: $cursor) {
            pageInfo { hasNextPage endCursor }
            nodes {
              id isResolved path line
              comments(first: 20) { nodes { databaseId body author { login } } }
            }
          }
        }
      }
    }"""
    _, data = gh.requester.graphql_query(query, {"owner": "acme", "name": "api", "number": 1})
    threads = data["data"]["repository"]["pullRequest"]["reviewThreads"]
    [thread] = threads["nodes"]
    assert threads["pageInfo"]["hasNextPage"] is False
    assert thread["isResolved"] is False and (thread["path"], thread["line"]) == ("app.py", 3)
    assert [(c["body"], c["author"]["login"]) for c in thread["comments"]["nodes"]] == [
        ("c1", "remediator"),
        ("not a bug", "alice"),
    ]  # GraphQL shows the bot login without "[bot]"
    resolve = (
        "mutation($id: ID!) { resolveReviewThread(input: {threadId: $id}) { thread { id isResolved } } }"
    )
    _, data = gh.requester.graphql_query(resolve, {"id": thread["id"]})
    assert data["data"]["resolveReviewThread"]["thread"]["isResolved"] is True
    assert sim.threads(REPO, 1)[0].is_resolved and sim.threads(REPO, 1)[0].resolved_by == "remediator[bot]"
    _, data = gh.requester.graphql_query(
        "mutation($id: ID!) { unresolveReviewThread(input: {threadId: $id}) { thread { isResolved } } }",
        {"id": thread["id"]},
    )
    assert data["data"]["unresolveReviewThread"]["thread"]["isResolved"] is False
    with pytest.raises(UnknownObjectException):
        gh.requester.graphql_query(resolve, {"id": "PRRT_nope"})


def test_graphql_on_ghes_style_base_url(sim: GitHubSimulator) -> None:
    g = client(sim, sim.create_token(), base_url=sim.ghes_url)
    assert g.get_repo(REPO).get_pull(1).number == 1
    _, data = g.requester.graphql_query("{ viewer { login } }", {})
    assert data == {"data": {"viewer": {"login": "remediator"}}}
    assert sim.requests[-1].path == "/graphql" and sim.violations() == []
    g.close()


def test_unknown_endpoint_is_a_violation_and_code_writes_are_forbidden(
    sim: GitHubSimulator, gh: github.Github
) -> None:
    repo = gh.get_repo(REPO)
    with pytest.raises(UnknownObjectException):
        repo.get_branch("main")  # not in the OpenAPI subset
    assert [v.path for v in sim.violations()] == [f"/{'repos'}/{REPO}/branches/main"]
    # the collaborator-permission extension (for /remediator commands) answers GitHub's shape
    sim.set_role(REPO, "alice", "maintain")
    assert repo.get_collaborator_permission("alice") == "write"  # legacy field; role_name is "maintain"
    with pytest.raises(GithubException) as missing:
        repo.get_collaborator_permission("nobody")  # no access to this private repository
    assert missing.value.status == 404
    assert sim.violations()[1:] == []
    with pytest.raises(GithubException) as info:
        repo.create_file("evil.py", "msg", "print(1)", branch="feature")
    assert info.value.status == 403
    with pytest.raises(GithubException):
        repo.get_pull(1).create_review(body="lgtm", event="APPROVE")
    forbidden = sim.forbidden_writes()
    assert [(r.method, r.path) for r in forbidden] == [
        ("PUT", f"/repos/{REPO}/contents/evil.py"),
        ("POST", f"/repos/{REPO}/pulls/1/reviews"),
    ]
    assert sim.reviews(REPO, 1) == [] and all(r in sim.writes() for r in forbidden)


def test_issue_comments_reactions_and_human_edits(sim: GitHubSimulator, gh: github.Github) -> None:
    pr = gh.get_repo(REPO).get_pull(1)
    mine = pr.create_issue_comment("summary v1")
    mine.edit("summary v2")
    mine.create_reaction("eyes")
    human = sim.add_human_issue_comment(REPO, 1, user="alice", body="/remediator rescan")
    sim.edit_comment_as_human(human.id, "/remediator dismiss")
    listed = list(pr.get_issue_comments())
    assert [(c.body, c.user.login) for c in listed] == [
        ("summary v2", "remediator[bot]"),
        ("/remediator dismiss", "alice"),
    ]
    assert sim.issue_comments(REPO, 1)[0].reactions[0].content == "eyes"
    check_schema(sim, "issues/list-comments", "200", raw(gh, f"/repos/{REPO}/issues/1/comments"))
    assert [r.operation for r in sim.writes()] == [
        "issues/create-comment",
        "issues/update-comment",
        "reactions/create-for-issue-comment",
    ]


def test_failure_injection_and_rate_limit_headers(sim: GitHubSimulator, gh: github.Github) -> None:
    sim.fail_next("GET", r"/pulls/1$", 502)
    with pytest.raises(GithubException) as info:
        gh.get_repo(REPO).get_pull(1)
    assert info.value.status == 502
    reset = str(int(time.time()) + 60)
    sim.fail_next("*", r"/pulls/1$", 403, headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset})
    with pytest.raises(github.RateLimitExceededException) as limit:
        gh.get_repo(REPO).get_pull(1)
    assert limit.value.headers["x-ratelimit-reset"] == reset
    sim.fail_next("GET", r"/pulls/1$", 429, headers={"Retry-After": "0"}, times=2)
    retrying = client(
        sim,
        sim.create_token(),
        retry=github.GithubRetry(total=3, backoff_factor=0, status_forcelist=[429, 502]),
    )
    assert retrying.get_repo(REPO).get_pull(1).number == 1
    assert [r.status for r in sim.requests if r.path.endswith("/pulls/1")][-3:] == [429, 429, 200]
    retrying.close()
    headers = gh.requester.requestJsonAndCheck("GET", f"/repos/{REPO}")[0]
    assert {
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-reset",
        "x-ratelimit-used",
        "x-ratelimit-resource",
    } <= set(headers)
    assert gh.get_rate_limit().resources.core.limit == 5000
    check_schema(sim, "rate-limit/get", "200", raw(gh, "/rate_limit"))


def test_human_inline_comment_and_push_outdates_threads(sim: GitHubSimulator, gh: github.Github) -> None:
    human = sim.add_human_comment(REPO, 1, user="bob", path="app.py", line=14, body="why c?")
    assert sim.threads(REPO, 1)[0].line == 14
    sim.push(REPO, 1, diff=TWO_HUNKS.split("@@ -12", maxsplit=1)[0])  # second hunk gone
    assert gh.get_repo(REPO).get_pull(1).head.sha == sim.state.pull(REPO, 1).head_sha
    [thread] = sim.threads(REPO, 1)
    assert thread.is_outdated and thread.line is None and sim.state.comments[human.id].line is None


def test_every_subset_operation_is_served(sim: GitHubSimulator) -> None:
    subset = {op.op_id for op in sim.api.operations if not op.extension}
    assert len(subset) == 22 and {op.op_id for op in sim.api.operations} <= set(ROUTES)


def test_pending_review_single_comment_reply_status_and_app_endpoints(
    sim: GitHubSimulator, gh: github.Github
) -> None:
    pr = gh.get_repo(REPO).get_pull(1)
    pending = pr.create_review(comments=[{"path": "app.py", "line": 3, "side": "RIGHT", "body": "draft"}])
    assert pending.state == "PENDING" and list(pr.get_review_comments()) == []
    url = f"/repos/{REPO}/pulls/1/reviews/{pending.id}"
    assert [c["body"] for c in raw(gh, f"{url}/comments")] == ["draft"]
    gh.requester.requestJsonAndCheck("POST", f"{url}/events", input={"event": "COMMENT", "body": "done"})
    assert [c.body for c in pr.get_review_comments()] == ["draft"]
    _, single = gh.requester.requestJsonAndCheck(
        "POST",
        f"/repos/{REPO}/pulls/1/comments",
        input={"body": "one", "commit_id": pr.head.sha, "path": "app.py", "line": 14, "side": "RIGHT"},
    )
    reply = pr.create_review_comment_reply(single["id"], "thanks")
    assert reply.in_reply_to_id == single["id"] and len(sim.threads(REPO, 1)) == 2
    gh.requester.requestJsonAndCheck(
        "POST", f"/repos/{REPO}/statuses/{pr.head.sha}", input={"state": "pending"}
    )
    assert sim.statuses(REPO)[0].state == "pending"
    private, public = _app_key()
    sim.register_app(9, public, account="acme")
    integration = GithubIntegration(
        auth=Auth.AppAuth(9, private), base_url=sim.url, seconds_between_requests=0
    )
    assert integration.get_app().slug == "remediator"
    integration.close()
    sim.add_manifest_code("abc", {"id": 9, "pem": private, "webhook_secret": "s3cret"})
    _, conversion = gh.requester.requestJsonAndCheck("POST", "/app-manifests/abc/conversions")
    assert conversion["id"] == 9 and sim.violations() == []


def test_secondary_rate_limit_and_missing_auth() -> None:
    now = [1_700_000_000.0]
    with GitHubSimulator(clock=lambda: now[0], content_writes_per_minute=2) as sim:
        sim.add_repo(REPO)
        sim.add_pull(REPO, diff=TWO_HUNKS)
        g = client(sim, sim.create_token())
        pr = g.get_repo(REPO).get_pull(1)
        pr.create_issue_comment("1")
        pr.create_issue_comment("2")
        with pytest.raises(GithubException) as info:
            pr.create_issue_comment("3")
        assert info.value.status == 403 and info.value.headers["retry-after"] == "60"
        now[0] += 61
        pr.create_issue_comment("3")
        g.close()
        anonymous = github.Github(base_url=sim.url, seconds_between_requests=0, retry=None)
        with pytest.raises(GithubException) as info:
            anonymous.get_repo(REPO)
        assert info.value.status == 401
        anonymous.close()
