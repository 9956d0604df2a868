"""The permission model (bot.core.permissions) over every role, team membership and authorship: the
author never dismisses, accepts or resolves; risk acceptance needs the security team."""

from __future__ import annotations

import itertools

import pytest

from bot.core.permissions import ACTIONS, ROLES, Person, may


@pytest.mark.parametrize(
    ("role", "team", "author"), list(itertools.product(ROLES, (False, True), (False, True)))
)
def test_every_person_against_every_action(role, team, author):
    person = Person("github", "someone", role, team, author)
    writer = ROLES.index(role) >= ROLES.index("write")
    expected = {
        "dismiss": (writer or team) and not author,
        "resolve": (writer or team) and not author,
        "accept-risk": team and not author,
        "reopen": writer or team,
        "explain-internal": writer or team,
        "rescan": writer or team or author,
        "explain": True,
        "help": True,
    }
    assert {action: may(action, person) for action in ACTIONS} == expected


def test_an_unknown_role_or_action_grants_nothing():
    assert not may("dismiss", Person("gitlab", "x", "owner?"))
    assert not may("delete-repository", Person("github", "x", "admin", True))
