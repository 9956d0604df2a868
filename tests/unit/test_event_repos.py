"""Repository names from installation deliveries and the dashboard's baseline form are untrusted:
only a host's repository path gets through (no '..', '?', '#', '%', control or space characters)."""

from __future__ import annotations

import pytest
from hypothesis import event, example, given, settings
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


# paths made of segments, ordinary or not (dots, empty, escapes, spaces, control and non-ASCII
# look-alikes), with padding: random text alone almost never passes, so nothing was checked
_SEGMENT = st.one_of(
    st.sampled_from(
        ["", ".", "..", "acme", "web-app.v2", "_x", "%2e%2e", "a b", "a\x00", "\u00e9", "\uff0e"]
    ),
    st.text(alphabet="ab._-%?#\\", max_size=6),
)
_NAMEISH = st.builds(
    "{}{}{}".format,
    st.sampled_from(["", " ", "/", "\t"]),
    st.lists(_SEGMENT, min_size=1, max_size=4).map("/".join),
    st.sampled_from(["", " ", "/", "\n"]),
)


@settings(max_examples=300)
@example(" acme/web-app.v2 ")
@given(st.one_of(st.text(max_size=80), _NAMEISH))
def test_whatever_passes_is_a_plain_relative_path(text):
    try:
        repo = check_repo(text)
    except EventError:
        return
    assert all(c.isascii() and (c.isalnum() or c in "._-/") for c in repo)
    assert all(part not in ("", ".", "..") for part in repo.split("/"))
    assert repo == text.strip().strip("/") and "/" in repo
    event("passed")
