"""Hypothesis strategies shared by the fuzz suite: JSON values, webhook-shaped bodies, query strings."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=10,
)
"""Any JSON value (what bot.core.safejson lets through)."""


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly ``strategy``, sometimes any JSON value in its place: reaches deep code paths while
    still putting the wrong type in every field."""
    return st.one_of(strategy, strategy, strategy, JSON)


NUMBERS = st.one_of(st.integers(min_value=1, max_value=10**6), st.integers(), st.text(max_size=8), JSON)
SHA = st.text(alphabet="0123456789abcdef", min_size=0, max_size=40)
LOGIN = st.text(max_size=20)
COMMENT = st.one_of(
    st.text(max_size=200),
    st.builds(
        lambda verb, rest: f"/remediator {verb} {rest}",
        st.sampled_from(["dismiss", "accept-risk", "reopen", "explain", "rescan", "help", "bogus"]),
        st.text(max_size=60),
    ),
)


GITHUB_ACTIONS = ("opened", "reopened", "synchronize", "ready_for_review", "edited")


def github_bodies() -> st.SearchStrategy[dict[str, Any]]:
    """pull_request and issue_comment shapes with any field replaced by any JSON value."""
    pull = st.fixed_dictionaries(
        {
            "number": maybe(NUMBERS),
            "head": maybe(st.fixed_dictionaries({"sha": maybe(SHA)})),
            "draft": maybe(st.booleans()),
            "merged": maybe(st.booleans()),
            "merge_commit_sha": maybe(SHA),
        }
    )
    return st.fixed_dictionaries(
        {
            "action": maybe(
                st.sampled_from(
                    ["opened", "reopened", "synchronize", "ready_for_review", "closed", "created"]
                )
            ),
            "pull_request": maybe(pull),
            "repository": maybe(st.fixed_dictionaries({"full_name": maybe(st.text(max_size=30))})),
            "installation": maybe(st.fixed_dictionaries({"id": maybe(NUMBERS)})),
            "issue": maybe(
                st.fixed_dictionaries(
                    {
                        "number": maybe(NUMBERS),
                        "pull_request": maybe(st.just({"url": "u"})),
                        "user": maybe(st.fixed_dictionaries({"login": maybe(LOGIN)})),
                    }
                )
            ),
            "comment": maybe(
                st.fixed_dictionaries(
                    {
                        "id": maybe(NUMBERS),
                        "body": maybe(COMMENT),
                        "user": maybe(
                            st.fixed_dictionaries(
                                {"login": maybe(LOGIN), "type": maybe(st.sampled_from(["User", "Bot"]))}
                            )
                        ),
                    }
                )
            ),
        }
    )


_USER = st.fixed_dictionaries({"username": maybe(LOGIN)})


def gitlab_bodies() -> st.SearchStrategy[dict[str, Any]]:
    """Merge Request Hook and Note Hook shapes with any field replaced by any JSON value."""
    attrs = st.fixed_dictionaries(
        {
            "action": maybe(st.sampled_from(["open", "reopen", "update", "merge", "close", "create"])),
            "iid": maybe(NUMBERS),
            "id": maybe(NUMBERS),
            "oldrev": maybe(SHA),
            "last_commit": maybe(st.fixed_dictionaries({"id": maybe(SHA)})),
            "draft": maybe(st.booleans()),
            "merge_commit_sha": maybe(SHA),
            "noteable_type": maybe(st.sampled_from(["MergeRequest", "Issue"])),
            "system": maybe(st.booleans()),
            "note": maybe(COMMENT),
        }
    )
    return st.fixed_dictionaries(
        {
            "object_kind": maybe(st.sampled_from(["merge_request", "note", "push"])),
            "project": maybe(st.fixed_dictionaries({"path_with_namespace": maybe(st.text(max_size=30))})),
            "object_attributes": maybe(attrs),
            "merge_request": maybe(
                st.fixed_dictionaries(
                    {
                        "iid": maybe(NUMBERS),
                        "author": maybe(st.fixed_dictionaries({"username": maybe(LOGIN)})),
                    }
                )
            ),
            "user": maybe(st.fixed_dictionaries({"username": maybe(LOGIN)})),
        }
    )
