"""``js-insecure-random-secret`` on the values real libraries derive from Math.random that input must
not guess: a multipart boundary (form-data, CVE-2025-7783) and a placeholder UID (serialize-javascript,
CVE-2020-7660). Quiet on names that only contain the letters (``fluid``) and on a crypto source."""

from __future__ import annotations

import pytest

from bot.analysis.pipeline import review_change
from bot.config.settings import Settings
from bot.core.diffmap import parse_diff

RULE = "js-insecure-random-secret"


def _found(code: str) -> list:
    lines = code.splitlines()
    path = "lib/form.js"
    diff = (
        f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
        f"@@ -0,0 +1,{len(lines)} @@\n" + "".join(f"+{line}\n" for line in lines)
    )
    review = review_change(parse_diff(diff), None, Settings())
    return [rf.finding for rf in review.findings if rf.finding.rule_id == RULE]


FLAGGED = [
    "FormData.prototype._generateBoundary = function() {\n"
    "  var boundary = '--------------------------';\n"
    "  for (var i = 0; i < 24; i++) {\n"
    "    boundary += Math.floor(Math.random() * 10).toString(16);\n"
    "  }\n"
    "  this._boundary = boundary;\n"
    "};",
    "var UID = Math.floor(Math.random() * 0x10000000000).toString(16);\nmodule.exports = UID;",
    "function generateUID() {\n  return Math.random().toString(36).slice(2);\n}",
]
QUIET = [
    "var fluid = Math.random() * width;\nmodule.exports = fluid;",
    "var crypto = require('crypto');\n"
    "FormData.prototype._generateBoundary = function() {\n"
    "  this._boundary = '--------------------------' + crypto.randomBytes(12).toString('hex');\n"
    "};",
    "function build() {\n  return Math.random() * 3;\n}",
]


@pytest.mark.parametrize("code", FLAGGED)
def test_a_predictable_boundary_or_uid_is_flagged(code):
    assert _found(code)


@pytest.mark.parametrize("code", QUIET)
def test_look_alike_names_and_crypto_sources_stay_quiet(code):
    assert _found(code) == []
