"""No code path in the bot writes repository contents, refs, branches or merges, or approves:
the calls and API paths that would do so do not appear anywhere in bot/ or webhooks/."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN_CALLS = {
    "create_file",
    "update_file",
    "delete_file",
    "create_git_commit",
    "create_git_ref",
    "create_git_tree",
    "create_git_blob",
    "create_git_tag",
    "edit_ref",
    "merge",
    "create_pull",
    "approve",
    "unapprove",
    "create_branch",
    "update_branch",
    "delete_branch",
    "cherry_pick",
    "revert",
    "rebase",
}
FORBIDDEN_TEXT = re.compile(
    r"^(APPROVE|REQUEST_CHANGES)$|/git/(refs|commits|trees|blobs|tags)|/merges?\b|/contents/.*PUT|"
    r"/repository/(files|commits|branches)|/approve\b|/merge_requests/\d*/merge\b"
)


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            ids.add(id(first.value))
    return ids


def test_no_repository_writes_merges_or_approvals_in_the_bot():
    offending = []
    sources = [*ROOT.joinpath("bot").rglob("*.py"), *ROOT.joinpath("webhooks").rglob("*.py")]
    assert len(sources) > 20
    for path in sources:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                # merge() is also an ORM call (SQLAlchemy); on a host client it only lives in bot/hosts
                if name in FORBIDDEN_CALLS and (name != "merge" or "hosts" in path.parts):
                    offending.append(f"{path.relative_to(ROOT)}:{node.lineno} calls {name}()")
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docs
                and FORBIDDEN_TEXT.search(node.value)
            ):
                offending.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value[:60]!r}")
    assert offending == []


def test_every_review_the_github_adapter_sends_is_comment_only(github_sim):
    """The requests the simulator received, not the source text: a review carries event COMMENT
    (never APPROVE, REQUEST_CHANGES, or none at all, which would leave a PENDING review). The same
    check runs over every simulator of the whole suite at the end of the session (tests/conftest.py)."""
    from tests.contract.test_host_publishing import FIXED, GitHubWorld
    from tests.contract.test_host_publishing import run as publish_review

    world = GitHubWorld(github_sim)
    publish_review(world)  # high-severity findings: the check fails, the review is still COMMENT
    world.push(FIXED)
    publish_review(world, fixed_tls=True)
    reviews = github_sim.review_requests()
    assert reviews, "the adapter sent no review: nothing was checked"
    assert [r.body.get("event") for r in reviews] == ["COMMENT"] * len(reviews)
    assert all(r.status == 200 for r in reviews)
    assert github_sim.forbidden_writes() == []
