"""Repository names from installation deliveries and the dashboard's baseline form are untrusted:
only a host's repository path gets through (no '..', '?', '#', '%', control or space characters)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.events import EventError, check_repo, github_baseline_jobs


@pytest.mark.parametrize(
    "bad", ["../x", "a/..", "a/b?ref=evil", "a/b#x", "a/b%2f..", "a/b\x00", "a\tb/c", "a", "", "a//b"]
)
def test_a_name_that_is_no_repository_path_is_refused(bad):
    with pytest.raises(EventError):
        check_repo(bad)


def test_ordinary_names_pass():
    assert check_repo(" acme/web-app.v2 ") == "acme/web-app.v2"
    assert check_repo("group/sub_group/project") == "group/sub_group/project"


def test_an_installation_delivery_queues_only_repository_paths():
    body = {
        "action": "created",
        "installation": {"id": 7},
        "repositories": [{"full_name": n} for n in ("../x", "a/b?x=1", "acme/api", "acme/api")],
    }
    assert [j.payload["repo"] for j in github_baseline_jobs("installation", body)] == ["acme/api"]


@given(st.text(max_size=80))
def test_whatever_passes_is_a_plain_relative_path(text):
    try:
        repo = check_repo(text)
    except EventError:
        return
    assert all(c.isascii() and (c.isalnum() or c in "._-/") for c in repo)
    assert all(part not in ("", ".", "..") for part in repo.split("/"))
