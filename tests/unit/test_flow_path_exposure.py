"""Path traversal (CWE-22) shapes of the Python flow analysis taken from real fixes: a caller's file
name placed under a constant directory (tuf 0.18.1's role names), a name URL-encoded with no safe
character, and the containment checks real fixes add, which stay quiet."""

from __future__ import annotations

import textwrap

import pytest

from bot.analysis.flow import analyse_python


def _found(code: str, path: str = "app/mod.py") -> list[tuple[str, str, int]]:
    text = textwrap.dedent(code)
    added = frozenset(range(1, text.count("\n") + 2))
    return [
        (f.category, f.confidence.label, f.start_line)
        for f in analyse_python({path: (text, added)}, None).findings
    ]


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        ("path = os.path.join(UPLOADS, filename)\n    return open(path).read()", True),
        ("return (Path(UPLOADS) / filename).read_text()", True),
        ("os.remove(os.path.join(UPLOADS, filename))", True),
        # look-alikes: the name reduced to its last component, a checked result, a fixed name
        ("return open(os.path.join(UPLOADS, os.path.basename(filename))).read()", False),
        (
            "path = os.path.realpath(os.path.join(UPLOADS, filename))\n"
            "    if not path.startswith(UPLOADS + os.sep):\n        raise ValueError(filename)\n"
            "    return open(path).read()",
            False,
        ),
        ('return open(os.path.join(UPLOADS, "index.html")).read()', False),
        ("return open(filename).read()", False),  # the whole path: its callers' to check
    ],
)
def test_a_callers_file_name_under_a_constant_directory_reaches_a_file_operation(body, flagged):
    code = f"""
import os
from pathlib import Path

UPLOADS = "/var/lib/app/uploads"

def read_upload(filename):
    {body}
"""
    found = _found(code)
    assert bool(found) is flagged, found
    assert all(c == "path-traversal" and level == "medium" for c, level, _ in found), found


@pytest.mark.parametrize(
    "check",
    [
        # pymdown-extensions 10.0's fix (CVE-2023-32309) and its kin: `startswith` on a normalised root
        # without its separator still lets a sibling (`/srv/files-old`) through, but it is what real
        # fixes add; the flow analysis takes it as the containment check it is meant to be (a
        # separator dropped from such a root is a diff-level finding, diff-removed-path-separator)
        "if not full.startswith(root):",
        "if not full.startswith(root + os.sep):",
        'if not full.startswith(f"{root}/"):',
        "if os.path.commonpath([full, root]) != root:",
    ],
)
def test_a_normalised_path_checked_against_its_root_is_quiet_whatever_the_separator(check):
    code = f"""
import os

class Store:
    def read(self, base, name):
        root = os.path.realpath(base)
        full = os.path.realpath(os.path.join(root, name))
        {check}
            raise PermissionError(name)
        with open(full) as f:
            return f.read()
"""
    assert _found(code) == []


@pytest.mark.parametrize(
    ("encoded", "flagged"),
    [
        # tuf 0.19.0 (CVE-2021-41131): the role name URL-encoded with no safe character is one component
        ('parse.quote(rolename, "")', False),
        ('parse.quote(rolename, safe="")', False),
        # look-alikes that keep `/`: the default safe characters, or `/` named as safe
        ("parse.quote(rolename)", True),
        ('parse.quote(rolename, safe="/")', True),
        ("rolename", True),
    ],
)
def test_a_role_name_written_as_a_file_under_a_directory_is_a_callers_choice_unless_encoded(encoded, flagged):
    code = f"""
import os
from urllib import parse

class Updater:
    def _persist_metadata(self, rolename, data):
        encoded_name = {encoded}
        with open(os.path.join(self._dir, f"{{encoded_name}}.json"), "wb") as f:
            f.write(data)
"""
    found = _found(code)
    assert bool(found) is flagged, found
    assert all(c == "path-traversal" and level == "medium" for c, level, _ in found), found


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        # a user model copied whole into the response: its password hash and tokens with it
        ("return jsonify(user.__dict__)", True),
        ("return JsonResponse(model_to_dict(user))", True),
        ("return vars(current_user)", True),
        # look-alikes: chosen fields, another object, a user's own fields
        ('return JsonResponse(model_to_dict(user, fields=["id", "username"]))', False),
        ("return jsonify(settings.__dict__)", False),
        ('return jsonify({"id": user.id, "name": user.username})', False),
        ("return jsonify(user.to_dict())", False),
    ],
)
def test_a_user_object_copied_whole_into_a_response_is_an_exposure(body, flagged):
    code = f"""
from django.forms.models import model_to_dict
from django.http import JsonResponse
from flask import Flask, jsonify

app = Flask(__name__)

@app.route("/me")
def me():
    user = load_user()
    current_user = user
    {body}
"""
    found = _found(code)
    assert bool(found) is flagged, found
    assert all(c == "information-exposure" and level == "medium" for c, level, _ in found), found
