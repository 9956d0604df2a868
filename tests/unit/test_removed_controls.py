"""Diff-level findings: controls a change removes, and new routes without their siblings' auth check."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.removed_controls import find_removed_controls
from bot.analysis.route_auth import find_unprotected_routes, routes_in
from bot.core.coverage import Coverage
from bot.core.diffmap import parse_diff
from bot.core.models import Confidence
from bot.core.render import summary_body
from bot.core.review import Placement, Policy, build_review


def _diff(path: str, body: str) -> str:
    return f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n" + textwrap.dedent(body).lstrip("\n")


def _found(*diffs: str) -> list[tuple[str, str, int]]:
    return [(f.rule_id, f.path, f.start_line) for f in find_removed_controls(parse_diff("".join(diffs)))]


def test_a_removed_decorator_and_escape_call_are_findings_on_the_nearest_added_line():
    diff = _diff(
        "app/views.py",
        """
        @@ -1,5 +1,4 @@
         @app.route("/admin/users")
        -@login_required
         def users():
        -    name = escape(request.args["n"])
        +    name = request.args["n"]
             return "<b>" + name + "</b>"
        """,
    )
    found = _found(diff)
    assert ("diff-removed-authorization", "app/views.py", 3) in found
    assert ("diff-removed-escape", "app/views.py", 3) in found
    (auth,) = [f for f in find_removed_controls(parse_diff(diff)) if f.category == "missing-authorization"]
    assert auth.cwe == "CWE-862" and "@login_required" in auth.message


def test_a_check_moved_within_the_change_is_not_a_finding():
    removed = _diff(
        "app/views.py",
        """
        @@ -1,4 +1,3 @@
         @app.route("/admin/users")
        -@login_required
         def users():
             return render()
        """,
    )
    moved = _diff(
        "app/admin.py",
        """
        @@ -1,3 +1,4 @@
         @bp.route("/users")
        +@login_required
         def users():
             return render()
        """,
    )
    assert _found(removed, moved) == []
    assert _found(removed) != []  # the same removal alone is one


def test_tls_verification_weakened_in_place_is_a_finding():
    diff = _diff(
        "client.py",
        """
        @@ -1,2 +1,2 @@
         def fetch(url):
        -    return requests.get(url, verify=True, timeout=5)
        +    return requests.get(url, verify=False, timeout=5)
        """,
    )
    assert _found(diff) == [("diff-removed-tls", "client.py", 2)]
    # the verifying context dropped from an SMTP connection: the library's unverified default remains
    context = _diff(
        "mail.py",
        """
        @@ -1,4 +1,3 @@
         def connect(server, port):
        -    ctx = ssl.create_default_context(purpose=ssl.Purpose.SERVER_AUTH)
        -    smtp = smtplib.SMTP_SSL(server, port, context=ctx)
        +    smtp = smtplib.SMTP_SSL(server, port)
             return smtp
        """,
    )
    assert _found(context) == [("diff-removed-tls", "mail.py", 2)]
    kept = _diff(
        "mail.py",
        """
        @@ -1,3 +1,3 @@
         def connect(server, port):
        -    ctx = ssl.create_default_context()
        +    ctx = ssl.create_default_context(cafile=CA_BUNDLE)
             return smtplib.SMTP_SSL(server, port, context=ctx)
        """,
    )
    assert _found(kept) == []


def test_a_rewritten_guard_is_not_a_removal_but_a_deleted_one_is():
    rewritten = _diff(
        "lib/merge.js",
        """
        @@ -1,3 +1,3 @@
         function merge(target, key, value) {
        -  if (key === "__proto__") return target;
        +  if (key === "__proto__" || key === "constructor") return target;
           target[key] = value;
        """,
    )
    assert _found(rewritten) == []
    deleted = _diff(
        "lib/merge.js",
        """
        @@ -1,4 +1,3 @@
         function merge(target, key, value) {
        -  if (key === "__proto__") return target;
           target[key] = value;
         }
        """,
    )
    changeset = parse_diff(deleted)
    found = find_removed_controls(changeset)
    (finding,) = [f for f in found if f.rule_id == "diff-removed-prototype"]
    assert finding.category == "prototype-pollution" and finding.cwe == "CWE-1321"
    assert "__proto__" in finding.message
    # the hunk adds nothing: the finding goes to the summary, named, instead of being dropped
    review = build_review([finding], changeset, Coverage(()), Policy())
    (ranked,) = review.findings
    assert ranked.placement is Placement.SUMMARY and ranked.anchor is None
    assert "only deletes lines" in ranked.summary_reason


def test_comments_and_files_that_are_not_code_are_ignored():
    diff = _diff(
        "docs/notes.md",
        """
        @@ -1,2 +1,1 @@
        -@login_required is used on every view
         text
        """,
    ) + _diff(
        "app.py",
        """
        @@ -1,3 +1,2 @@
         def view():
        -    # escape(name) was here once
             return name
        """,
    )
    assert _found(diff) == []


def test_an_added_csrf_exemption_is_a_weakening():
    diff = _diff(
        "app/views.py",
        """
        @@ -1,2 +1,3 @@
        +@csrf_exempt
         def transfer(request):
             pass
        """,
    )
    assert _found(diff) == [("diff-removed-csrf-opt-out", "app/views.py", 1)]


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("  skip_before_action :verify_authenticity_token", True),
        ("  skip_forgery_protection", True),
        ("  skip_forgery_protection if: -> { request.format.json? }", True),
        ("  protect_from_forgery with: :exception", False),
    ],
)
def test_a_rails_controller_opting_out_of_csrf_is_a_weakening(line, flagged):
    diff = _diff(
        "app/controllers/payments_controller.rb",
        f"""
        @@ -1,2 +1,3 @@
         class PaymentsController < ApplicationController
        +{line}
         end
        """,
    )
    expected = [("diff-removed-csrf-opt-out", "app/controllers/payments_controller.rb", 2)] if flagged else []
    assert _found(diff) == expected


def test_low_confidence_validation_removals_stay_out_of_the_inline_comments():
    diff = _diff(
        "svc/upload.py",
        """
        @@ -1,4 +1,3 @@
         def upload(name, data):
        -    if name not in ALLOWED_NAMES:
        -        raise ValueError(name)
        +    log(name)
             store(name, data)
        """,
    )
    changeset = parse_diff(diff)
    (finding,) = find_removed_controls(changeset)
    assert finding.rule_id == "diff-removed-validation" and finding.confidence is Confidence.LOW
    review = build_review([finding], changeset, Coverage(()), Policy(min_confidence=Confidence.MEDIUM))
    (ranked,) = review.findings
    assert ranked.placement is Placement.SUMMARY and ranked.anchor is not None


FLASK = """\
from flask import Blueprint
bp = Blueprint("admin", __name__)

@bp.route("/users")
@login_required
def users():
    return list_users()

@bp.route("/users/<int:uid>", methods=["DELETE"])
@login_required
def delete_user(uid):
    return remove(uid)

@bp.route("/users/export")
def export_users():
    return dump_users()

@bp.route("/healthz")
def healthz():
    return "ok"
"""


def _routes(path: str, text: str, added: range) -> list[tuple[int, str]]:
    lines = text.splitlines()
    body = "".join(("+" if i + 1 in added else " ") + line + "\n" for i, line in enumerate(lines))
    old_len = len([i for i in range(len(lines)) if i + 1 not in added])
    header = f"@@ -1,{old_len} +1,{len(lines)} @@\n"
    changeset = parse_diff(f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n" + header + body)
    return [(f.end_line, f.rule_id) for f in find_unprotected_routes(changeset.files, {path: lines})]


def test_a_new_flask_route_without_the_decorator_its_siblings_carry_is_a_finding():
    assert _routes("app/admin.py", FLASK, range(13, 21)) == [(15, "route-missing-auth")]
    # the same route protected is quiet; so is a module whose routes are public by convention
    protected = FLASK.replace('@bp.route("/users/export")\n', '@bp.route("/users/export")\n@login_required\n')
    assert _routes("app/admin.py", protected, range(13, 22)) == []
    public = FLASK.replace("@login_required\n", "")
    assert _routes("app/admin.py", public, range(10, 18)) == []


def test_fastapi_dependencies_express_middleware_and_spring_annotations_count_as_protection():
    fastapi = """\
@router.get("/items")
def items(user=Depends(get_current_user)):
    return []

@router.get("/orders")
async def orders(user: User = Depends(get_current_user)):
    return []

@router.post("/refunds")
async def refund(body: Refund):
    return do_refund(body)
"""
    assert _routes("api/routes.py", fastapi, range(9, 12)) == [(10, "route-missing-auth")]
    express = """\
router.get('/accounts', requireAuth, listAccounts);
router.post('/accounts', requireAuth, createAccount);
router.delete('/accounts/:id', deleteAccount);
"""
    assert _routes("src/routes/accounts.js", express, range(3, 4)) == [(3, "route-missing-auth")]
    guarded = "router.use(requireAuth);\n" + express
    assert _routes("src/routes/accounts.js", guarded, range(4, 5)) == []
    spring = """\
@PreAuthorize("hasRole('ADMIN')")
@GetMapping("/users")
public List<User> users() { return repo.findAll(); }

@PreAuthorize("hasRole('ADMIN')")
@GetMapping("/users/{id}")
public User user(@PathVariable long id) { return repo.find(id); }

@DeleteMapping("/users/{id}")
public void remove(@PathVariable long id) { repo.delete(id); }
"""
    assert _routes("src/main/java/AdminController.java", spring, range(9, 11)) == [(10, "route-missing-auth")]


RAILS = """\
class InvoicesController < ApplicationController
  before_action :authenticate_user!, only: [:show, :edit, :update]
  before_action :set_invoice, only: %i[show edit update destroy]

  def show
  end

  def edit
  end

  def update
  end

  def destroy
    @invoice.destroy
  end

  private

  def set_invoice
    @invoice = Invoice.find(params[:id])
  end
end
"""


def test_rails_before_action_only_and_except_lists_are_followed():
    path = "app/controllers/invoices_controller.rb"
    # a new action left out of the `only:` list its siblings are in
    assert _routes(path, RAILS, range(14, 18)) == [(14, "route-missing-auth")]
    # listed, or covered by a filter without a list, or not excluded: quiet
    assert _routes(path, RAILS.replace(":update]", ":update, :destroy]"), range(14, 18)) == []
    assert _routes(path, RAILS.replace(", only: [:show, :edit, :update]", ""), range(14, 18)) == []
    assert (
        _routes(path, RAILS.replace("only: [:show, :edit, :update]", "except: [:index]"), range(14, 18)) == []
    )
    # excluded by `except:`; and an `only:` list the change edits so an existing action falls out
    assert _routes(
        path, RAILS.replace("only: [:show, :edit, :update]", "except: [:destroy]"), range(14, 18)
    ) == [(14, "route-missing-auth")]
    assert _routes(path, RAILS, range(2, 3)) == [(2, "route-missing-auth")]
    # private helpers are not actions, and a file that is not a controller is not read
    assert _routes(path, RAILS, range(20, 23)) == []
    assert _routes("lib/invoices.rb", RAILS.replace("< ApplicationController", ""), range(14, 18)) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=" :_!?,[]%iw()abdefnoxyclsp\nrtuv<>AC", max_size=120), max_size=12))
def test_the_rails_parser_takes_any_text(body):
    lines = [
        "class XController < ApplicationController",
        *body,
        "def " + "x" * 5000,
        "  before_action :" + "a, :" * 3000,
    ]
    routes = routes_in("ruby", "app/controllers/x_controller.rb", lines)
    assert all(1 <= r.line <= len(lines) and r.lines[0] == r.line for r in routes)


def test_inline_guards_replaced_by_a_new_shared_helper_are_not_removals():
    diff = _diff(
        "index.js",
        """
        @@ -1,6 +1,6 @@
         function setKey(o, key, v) {
        -  if (key === "__proto__") return;
        +  if (isUnsafeKey(o, key)) return;
           o[key] = v;
         }
         function setDeep(o, key, v) {
        -  if (key === "__proto__") return;
        +  if (isUnsafeKey(o, key)) return;
        @@ -20,1 +20,4 @@
         module.exports = setKey;
        +function isUnsafeKey(obj, key) {
        +  return key === "constructor" || key === "__proto__";
        +}
        """,
    )
    assert _found(diff) == []
    # an import going away is not the control going away
    imports = _diff(
        "app/files.py",
        """
        @@ -1,2 +1,2 @@
        -from os.path import normpath
        +import os
         x = 1
        """,
    )
    assert _found(imports) == []


def test_swapping_defusedxml_or_entity_settings_for_a_plain_parser_is_a_finding():
    usage = _diff(
        "saml/__init__.py",
        """
        @@ -1,3 +1,3 @@
         def from_string(xml_string):
        -    tree = defusedxml.ElementTree.fromstring(xml_string)
        +    tree = ElementTree.fromstring(xml_string)
             return tree
        """,
    )
    assert _found(usage) == [("diff-removed-xml", "saml/__init__.py", 2)]
    (finding,) = find_removed_controls(parse_diff(usage))
    assert finding.category == "xxe" and finding.cwe == "CWE-611"
    assert finding.confidence is Confidence.MEDIUM
    parser = _diff(
        "docx/oxml.py",
        """
        @@ -1,2 +1,2 @@
         lookup = etree.ElementNamespaceClassLookup()
        -oxml_parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
        +oxml_parser = etree.XMLParser(remove_blank_text=True)
        """,
    )
    assert _found(parser) == [("diff-removed-xml", "docx/oxml.py", 2)]
    # the import of defusedxml replaced by the import of a plain XML parser
    imports = _diff(
        "untangle.py",
        """
        @@ -1,3 +1,3 @@
         import os
        -from defusedxml.sax import make_parser
        +from xml.sax import make_parser, handler
         import keyword
        """,
    )
    assert _found(imports) == [("diff-removed-xml", "untangle.py", 2)]


def test_defusedxml_kept_moved_or_dropped_as_an_unused_import_is_not_a_finding():
    kept = _diff(
        "app/feed.py",
        """
        @@ -1,2 +1,2 @@
        -from defusedxml.ElementTree import fromstring
        +from defusedxml.ElementTree import fromstring, parse
         import os
        """,
    )
    assert _found(kept) == []
    unused = _diff(
        "app/feed.py",
        """
        @@ -1,2 +1,2 @@
        -import defusedxml.ElementTree
         import os
        +import json
        """,
    )
    assert _found(unused) == []
    stricter = _diff(
        "app/feed.py",
        """
        @@ -1,1 +1,1 @@
        -parser = etree.XMLParser(resolve_entities=False)
        +parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        """,
    )
    assert _found(stricter) == []
    moved_out = _diff(
        "app/feed.py",
        """
        @@ -1,2 +1,2 @@
         def load(data):
        -    return defusedxml.ElementTree.fromstring(data)
        +    return parse_xml(data)
        """,
    )
    moved_in = _diff(
        "app/xmlutil.py",
        """
        @@ -1,0 +1,2 @@
        +def parse_xml(data):
        +    return defusedxml.ElementTree.fromstring(data)
        """,
    )
    assert _found(moved_out, moved_in) == []
    assert _found(moved_out) == [("diff-removed-xml", "app/feed.py", 2)]


def test_a_removed_guard_clause_with_its_exit_on_the_next_line_is_a_finding():
    removed = _diff(
        "app/storage.py",
        """
        @@ -1,5 +1,3 @@
         def download(self, key, dest):
        -    if not self.is_safe_file_to_download(key, dest):
        -        print("skipping", key)
        -        return
        +    target = dest + key
             self.client.download(key, target)
        """,
    )
    found = find_removed_controls(parse_diff(removed))
    (guard,) = [f for f in found if f.rule_id == "diff-removed-guard"]
    assert guard.start_line == 2 and guard.confidence is Confidence.LOW
    assert "is_safe_file_to_download" in guard.title
    # the same guard moved (its predicate still called on an added line), or a branch that does not
    # leave early, or a condition without a call, is not a removed guard
    moved = removed.replace(
        "+    target = dest + key", "+    if not self.is_safe_file_to_download(key, dest): return"
    )
    no_exit = removed.replace("-        return", "-        key = key.strip()")
    no_call = removed.replace("if not self.is_safe_file_to_download(key, dest):", "if key is None:")
    rewritten = removed.replace(
        "+    target = dest + key", "+    if '..' in key:\n+        raise ValueError(key)"
    )
    rewritten = rewritten.replace("@@ -1,5 +1,3 @@", "@@ -1,5 +1,4 @@")
    shortcut = removed.replace("if not self.is_safe_file_to_download(key, dest):", "if self.is_cached(key):")
    raising = shortcut.replace("-        return", "-        raise ValueError(key)")
    assert "diff-removed-guard" in [f.rule_id for f in find_removed_controls(parse_diff(raising))]
    for diff in (moved, no_exit, no_call, rewritten, shortcut):
        assert "diff-removed-guard" not in [f.rule_id for f in find_removed_controls(parse_diff(diff))]


def test_a_removed_gsub_of_markup_is_a_removed_escape():
    """sanitize (Ruby) once dropped the '</' escape of style contents: `</style>` then ended the element."""
    diff = _diff(
        "lib/sanitize/css.rb",
        """
        @@ -1,3 +1,2 @@
         def stylesheet(css)
        -  css.gsub!('</', '<\\/')
           css
        """,
    )
    assert _found(diff) == [("diff-removed-escape", "lib/sanitize/css.rb", 2)]


_RAISE_TO_ASSERT = """
@@ -1,4 +1,3 @@
 def delete_post(user, post):
-    if user.id != post.author_id:
-        raise PermissionDenied("not allowed")
+    assert user.id == post.author_id, "not allowed"
     post.delete()
"""


def test_a_check_that_raised_turned_into_an_assert_is_a_finding():
    found = find_removed_controls(parse_diff(_diff("app/posts.py", _RAISE_TO_ASSERT)))
    assert [(f.rule_id, f.start_line, f.confidence) for f in found] == [
        ("diff-removed-assert", 2, Confidence.MEDIUM)
    ]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        # the fix direction: an assert turned into an explicit check
        (
            "app/posts.py",
            """
            @@ -1,3 +1,4 @@
             def delete_post(user, post):
            -    assert user.id == post.author_id
            +    if user.id != post.author_id:
            +        raise PermissionDenied("not allowed")
                 post.delete()
            """,
        ),
        # an early return on success is not a check that raised
        (
            "app/cache.py",
            """
            @@ -1,4 +1,3 @@
             def get(key):
            -    if key in CACHE:
            -        return CACHE[key]
            +    assert isinstance(key, str)
                 return load(key)
            """,
        ),
        # an assert added beside a check that stays
        (
            "app/posts.py",
            """
            @@ -1,4 +1,6 @@
             def delete_post(user, post):
            +    assert post is not None
                 if user.id != post.author_id:
                     raise PermissionDenied("not allowed")
            +    log(post)
                 post.delete()
            """,
        ),
        # test code, where assert is the check
        ("tests/test_posts.py", _RAISE_TO_ASSERT),
    ],
)
def test_asserts_that_replace_no_raising_check_or_in_tests_are_quiet(path, body):
    assert find_removed_controls(parse_diff(_diff(path, body))) == []


def test_a_check_that_refused_turned_into_an_assert_is_a_finding():
    body = """
    @@ -1,5 +1,4 @@
     def parse_header(value):
    -    if len(value.split(":")) != 2:
    -        return None
    +    assert len(value.split(":")) == 2
         name, val = value.split(":")
         return name.strip(), val.strip()
    """
    found = find_removed_controls(parse_diff(_diff("app/headers.py", body)))
    assert [(f.rule_id, f.start_line) for f in found] == [("diff-removed-assert", 2)]


def test_a_check_rewritten_in_place_or_removed_with_the_call_it_guarded_is_quiet():
    rewritten = """
    @@ -1,5 +1,6 @@
     def validate_request(self, request):
    -    auth = get_auth(request)
    -    if auth is None or auth not in self.allowed:
    +    auth = get_auth(request)
    +    ok = any(constant_time_compare(auth, a) for a in self.allowed)
    +    if not ok:
             raise ValidationFailure("bad auth")
         return True
    """
    assert find_removed_controls(parse_diff(_diff("app/hooks.py", rewritten))) == []
    with_sink = """
    @@ -1,4 +1,2 @@
     def calc(text):
    -    if not SAFE_CHARS.match(text):
    -        return None
    -    return eval(text, SAFE_ENV)
    +    return safe_eval(text)
    """
    assert find_removed_controls(parse_diff(_diff("app/calc.py", with_sink))) == []
    guard_only = """
    @@ -1,4 +1,2 @@
     def calc(text):
    -    if not SAFE_CHARS.match(text):
    -        return None
         return eval(text, SAFE_ENV)
    """
    found = find_removed_controls(parse_diff(_diff("app/calc.py", guard_only)))
    assert [f.rule_id for f in found] == ["diff-removed-validation"]


@pytest.mark.parametrize(
    ("after", "flagged"),
    [
        ("+    cfg = yaml.load(f.read(), Loader=yaml.FullLoader)", True),
        ("+    cfg = yaml.load(f.read())", True),
        ("+    cfg = json.loads(f.read())", False),  # another format, not a weaker loader
        ("+    cfg = yaml.load(f.read(), Loader=yaml.CSafeLoader)", False),
    ],
)
def test_a_safe_yaml_loader_swapped_for_a_weaker_one(after, flagged):
    body = f"""
    @@ -1,3 +1,3 @@
     def read(f):
    -    cfg = yaml.load(f.read(), Loader=yaml.SafeLoader)
    {after}
         return cfg
    """
    found = [f.rule_id for f in find_removed_controls(parse_diff(_diff("app/config.py", body)))]
    assert (found == ["diff-removed-yaml"]) is flagged, found


# -- work bounded by the size of the change ---------------------------------------------------------


def _many_hunks(n: int, hunk: str) -> str:
    body = "".join(hunk.format(a=1 + 10 * i) for i in range(n))
    return "diff --git a/app/m.py b/app/m.py\n--- a/app/m.py\n+++ b/app/m.py\n" + body


@pytest.mark.parametrize(
    "hunk",
    [
        # a guard removed from each hunk, none added: every hunk asks whether its predicate is still called
        "@@ -{a},3 +{a},2 @@\n x = 1\n-if not ok(x):\n-    raise E\n+y = 2\n",
        # a guard rewritten in each hunk
        "@@ -{a},3 +{a},3 @@\n x = 1\n-if not ok(x):\n+if not ok(y):\n     raise E\n",
    ],
)
def test_a_change_of_many_hunks_is_read_a_bounded_number_of_times(monkeypatch, hunk):
    """Each hunk read the whole file again (the file's dangerous calls, its added guards, every added
    line of the component): 2,000 hunks took 4-12 s, 8,000 minutes. Counted here as lines clipped."""
    import bot.analysis.removed_controls as rc

    clipped = 0
    real = rc._clip

    def counting(text: str) -> str:
        nonlocal clipped
        clipped += 1
        return real(text)

    monkeypatch.setattr(rc, "_clip", counting)
    n = 1_000
    rc.find_removed_controls(parse_diff(_many_hunks(n, hunk)))
    assert clipped < 200 * n, clipped  # about 85 a hunk now; over 1,000 a hunk before


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(st.text(alphabet="ab_(1.é -", max_size=30), max_size=6),
    name=st.text(alphabet="ab_1é(", min_size=1, max_size=5),
)
def test_the_index_of_calls_answers_as_a_scan_of_the_lines(lines, name):
    import bot.analysis.removed_controls as rc

    assert rc._calls_in(lines)(name) == any(f"{name}(" in line for line in lines)


def test_a_name_longer_than_the_index_is_looked_for_in_the_lines():
    import bot.analysis.removed_controls as rc

    long = "a" * (rc._SUFFIX_CAP + 5)
    assert rc._calls_in([f"x = {long}(1)"])(long)
    assert not rc._calls_in([f"x = {long}"])(long)


# -- sandboxed templates, constant-time comparisons, secure temporary files (issue 9) ---------------


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        # a sandboxed environment swapped for a plain one (salt, CVE-2021-25283)
        (
            """
            @@ -1,3 +1,3 @@
             def render(tmpl, ctx):
            -    env = jinja2.sandbox.SandboxedEnvironment(**opts)
            +    env = jinja2.Environment(**opts)
                 return env.from_string(tmpl).render(**ctx)
            """,
            True,
        ),
        # the sandbox named in a setting, deleted: the backend's default environment applies (nautobot)
        (
            """
            @@ -1,4 +1,3 @@
                         "app.context_processors.settings",
                     ],
            -        "environment": "jinja2.sandbox.SandboxedEnvironment",
                 },
            """,
            True,
        ),
        # template rendering removed altogether: nothing left to protect
        (
            """
            @@ -1,2 +1,2 @@
             def render(value):
            -    env = SandboxedEnvironment()
            +    return value
            """,
            False,
        ),
        # the library that defines the sandbox reorganising its classes
        (
            """
            @@ -1,3 +1,3 @@
            -class ImmutableSandboxedEnvironment(SandboxedEnvironment):
            +class ImmutableSandboxedEnvironment(BaseSandbox):
                 def render(self, source):
                     return Template(source).render()
            """,
            False,
        ),
        # the user's template replaced by the application's own file template: what the sandbox
        # protected (text compiled as a template) is gone, nothing was weakened
        (
            """
            @@ -1,3 +1,2 @@
             def preview(body):
            -    env = SandboxedEnvironment()
            -    return env.from_string(body).render()
            +    return render_template("preview.html", body=body)
            """,
            False,
        ),
        # string.Template's substitution in place of a sandboxed jinja2 template: no template code runs
        (
            """
            @@ -1,2 +1,2 @@
             def greet(fmt, name):
            -    return SandboxedEnvironment().from_string(fmt).render(name=name)
            +    return string.Template(fmt).safe_substitute(name=name)
            """,
            False,
        ),
        # the sandbox replaced by a helper's environment: what it builds is out of view, not judged
        (
            """
            @@ -1,3 +1,3 @@
             def preview(body):
            -    env = SandboxedEnvironment()
            +    env = make_env()
                 return env.from_string(body).render()
            """,
            False,
        ),
        # the sandbox dropped from a line that still compiles the text: a plain environment now
        (
            """
            @@ -1,2 +1,2 @@
             def preview(body):
            -    return SandboxedEnvironment().from_string(body).render()
            +    return jinja_env.from_string(body).render()
            """,
            True,
        ),
        # an immutable sandbox for a sandbox: still a sandbox
        (
            """
            @@ -1,1 +1,1 @@
            -env = SandboxedEnvironment(autoescape=True)
            +env = ImmutableSandboxedEnvironment(autoescape=True)
            """,
            False,
        ),
    ],
)
def test_a_sandboxed_template_environment_swapped_for_a_plain_one(body, flagged):
    found = find_removed_controls(parse_diff(_diff("app/templating.py", body)))
    rules = [f.rule_id for f in found]
    assert (rules == ["diff-removed-sandbox"]) is flagged, rules
    if flagged:
        assert found[0].category == "template-injection" and found[0].cwe == "CWE-1336"


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        # constant_time_compare replaced by membership and == (django-anymail, CVE-2018-6596)
        (
            """
            @@ -1,4 +1,3 @@
             def validate(self, request):
            -    auth_ok = any(constant_time_compare(given, allowed) for allowed in self.basic_auth)
            -    if not auth_ok:
            +    if given not in self.basic_auth:
                     raise AnymailWebhookValidationFailure()
            """,
            True,
        ),
        (
            """
            @@ -1,2 +1,2 @@
             def verify(sig, body):
            -    return hmac.compare_digest(sig, expected(body))
            +    return sig == expected(body)
            """,
            True,
        ),
        # moved into a helper the change adds: still constant time
        (
            """
            @@ -1,2 +1,2 @@
             def verify(sig, body):
            -    return hmac.compare_digest(sig, expected(body))
            +    return secrets.compare_digest(sig, expected(body))
            """,
            False,
        ),
        # the signature check is gone with the feature (no comparison left in the hunk)
        (
            """
            @@ -1,2 +1,2 @@
             def verify(sig, body):
            -    return hmac.compare_digest(sig, expected(body))
            +    raise NotImplementedError
            """,
            False,
        ),
    ],
)
def test_a_constant_time_comparison_replaced_by_equality(body, flagged):
    found = find_removed_controls(parse_diff(_diff("app/hooks.py", body)))
    rules = [f.rule_id for f in found if f.rule_id != "diff-removed-guard"]
    assert (rules == ["diff-removed-constant-time"]) is flagged, rules
    if flagged:
        assert found[0].category == "timing-attack" and found[0].cwe == "CWE-208"


@pytest.mark.parametrize(
    ("after", "flagged"),
    [
        ("+    path = tempfile.mktemp() if path is None else path", True),  # horovod, CVE-2022-0315
        ('+    path = "/tmp/rankfile"', True),
        ("+    path = os.path.join(tempfile.gettempdir(), 'rankfile')", True),
        ("+    path = os.path.join(tempfile.mkdtemp(), 'rankfile')", False),
        ("+    path = os.path.join(settings.WORK_DIR, 'rankfile')", False),  # no shared directory
    ],
)
def test_a_secure_temporary_file_swapped_for_a_predictable_name(after, flagged):
    body = f"""
    @@ -1,3 +1,3 @@
     def rankfile(path=None):
    -    fd, path = tempfile.mkstemp()
    {after}
         return path
    """
    found = [f.rule_id for f in find_removed_controls(parse_diff(_diff("runner/js_run.py", body)))]
    assert (found == ["diff-removed-tempfile"]) is flagged, found


@pytest.mark.parametrize(
    ("path", "hunk", "rule"),
    [
        # django-cms and wagtail: Django's conditional_escape dropped from an error or a help text
        (
            "cms/admin.py",
            """
            @@ -1,2 +1,2 @@
             error = form.errors[0]
            -return HttpResponseBadRequest(conditional_escape(error))
            +return HttpResponseBadRequest(error)
            """,
            "diff-removed-escape",
        ),
        # django-js-reverse: JSON put into an inline script without escaping '<'
        (
            "js_reverse/core.py",
            """
            @@ -1,3 +1,2 @@
             def _safe_json(obj):
            -    return mark_safe(json.dumps(obj)
            -        .replace('<', '\\\\u003C'))
            +    return json.dumps(obj)
            """,
            "diff-removed-escape",
        ),
        # markupfield: docutils' raw directive switched back on
        (
            "markupfield/markup.py",
            """
            @@ -1,4 +1,2 @@
             overrides = {}
            -overrides.update({'raw_enabled': False,
            -                  'file_insertion_enabled': False})
             parts = publish_parts(source=markup, settings_overrides=overrides)
            """,
            "diff-removed-autoescape",
        ),
        # horizon: the Django same-host check of ?next= dropped
        (
            "horizon/views.py",
            """
            @@ -1,4 +1,2 @@
             redirect_to = self.request.GET.get("next")
            -if redirect_to and not is_safe_url(url=redirect_to, allowed_hosts=hosts):
            -    redirect_to = None
             context["REDIRECT_URL"] = redirect_to
            """,
            "diff-removed-redirect",
        ),
        # aiohttp: leading slashes no longer collapsed before a redirect
        (
            "aiohttp/web_middlewares.py",
            """
            @@ -1,3 +1,2 @@
             for path in paths_to_check:
            -    path = re.sub("^//+", "/", path)
                 raise redirect_class(path)
            """,
            "diff-removed-redirect",
        ),
        # uvicorn/gunicorn: header values no longer checked for control characters
        (
            "uvicorn/protocols/http.py",
            """
            @@ -1,4 +1,2 @@
             for name, value in headers:
            -    if HEADER_VALUE_RE.search(value):
            -        raise RuntimeError("Invalid HTTP header value.")
                 content.append(name + b": " + value)
            """,
            "diff-removed-crlf",
        ),
        (
            "app/mail.py",
            """
            @@ -1,4 +1,2 @@
             def subject(value):
            -    if "\\r" in value or "\\n" in value:
            -        raise ValueError(value)
                 msg["Subject"] = value
            """,
            "diff-removed-crlf",
        ),
    ],
)
def test_removed_escapes_redirect_checks_and_crlf_checks_are_findings(path, hunk, rule):
    assert rule in [r for r, _, _ in _found(_diff(path, hunk))]


@pytest.mark.parametrize(
    "hunk",
    [
        # the same-host check moved into a helper the change adds
        """
        @@ -1,2 +1,4 @@
         redirect_to = request.GET.get("next")
        -if not is_safe_url(redirect_to, allowed_hosts=hosts):
        +def _checked(url):
        +    return url if is_safe_url(url, allowed_hosts=hosts) else "/"
        +redirect_to = _checked(redirect_to)
        """,
        # Django's newer name for the same check
        """
        @@ -1,2 +1,2 @@
         redirect_to = request.GET.get("next")
        -ok = is_safe_url(redirect_to, allowed_hosts=hosts)
        +ok = url_has_allowed_host_and_scheme(redirect_to, allowed_hosts=hosts)
        """,
        # joining header lines with CRLF is not a check, nor is splitting a URL on '//'
        """
        @@ -1,3 +1,1 @@
         out = []
        -data = "\\r\\n".join(lines)
        -scheme, rest = url.split("//", 1)
        """,
        # escaping rewritten with another escape on the same line
        """
        @@ -1,2 +1,2 @@
         error = form.errors[0]
        -return HttpResponseBadRequest(conditional_escape(error))
        +return HttpResponseBadRequest(escape(error))
        """,
    ],
)
def test_redirect_checks_moved_renamed_or_crlf_text_that_is_no_check_are_quiet(hunk):
    assert _found(_diff("app/views.py", hunk)) == []


@pytest.mark.parametrize(
    ("hunk", "rule"),
    [
        (
            """
            @@ -1,2 +1,2 @@
             <h1>{{ title }}</h1>
            -<div>{{ comment.body }}</div>
            +<div>{{ comment.body|safe }}</div>
            """,
            "diff-removed-template-safe",
        ),
        (
            """
            @@ -1,1 +1,3 @@
             <h1>{{ title }}</h1>
            +{% autoescape false %}<div>{{ comment.body }}</div>
            +{% endautoescape %}
            """,
            "diff-removed-template-opt-out",
        ),
        (
            """
            @@ -1,2 +1,2 @@
             <h1>{{ title }}</h1>
            -<a href="/s?q={{ query|urlencode }}">{{ query|e }}</a>
            +<a href="/s?q={{ query }}">{{ query }}</a>
            """,
            "diff-removed-template-escape",
        ),
    ],
)
def test_template_changes_that_let_markup_through_are_findings(hunk, rule):
    found = find_removed_controls(parse_diff(_diff("app/templates/post.html", hunk)))
    assert [(f.rule_id, f.start_line, f.confidence) for f in found] == [(rule, 2, Confidence.MEDIUM)]


@pytest.mark.parametrize(
    "hunk",
    [
        # a line that already had |safe, edited elsewhere
        """
        @@ -1,2 +1,2 @@
         <h1>{{ title }}</h1>
        -<div class="a">{{ form.media|safe }}</div>
        +<div class="b">{{ form.media|safe }}</div>
        """,
        # |safe taken away, an escape added: the fixes
        """
        @@ -1,2 +1,2 @@
         <h1>{{ title }}</h1>
        -<div>{{ comment.body|safe }}</div>
        +<div>{{ comment.body|e }}</div>
        """,
        # words that look like filters outside an expression, and autoescape switched on
        """
        @@ -1,1 +1,3 @@
         <h1>{{ title }}</h1>
        +<p>Is it safe | sure</p>
        +{% autoescape true %}{{ x }}{% endautoescape %}
        """,
    ],
)
def test_template_changes_that_keep_or_add_escaping_are_quiet(hunk):
    assert find_removed_controls(parse_diff(_diff("app/templates/post.html", hunk))) == []


def test_a_trim_of_line_ends_rewritten_is_not_a_removed_crlf_check():
    """trim-newlines' ReDoS fix replaced `.replace(/[\\r\\n]+$/, '')` with a loop: no header was checked."""
    diff = _diff(
        "index.js",
        """
        @@ -1,2 +1,3 @@
         'use strict';
        -module.exports.end = string => string.replace(/[\\r\\n]+$/, '');
        +module.exports.end = string => {
        +  return string.slice(0, end);
        """,
    )
    assert _found(diff) == []


def test_a_scheme_test_dropped_from_a_redirect_check_is_a_finding():
    """jupyter_server once went back from `parsed.scheme or parsed.netloc` to `parsed.netloc` alone."""
    dropped = _diff(
        "jupyter_server/auth/login.py",
        """
        @@ -1,3 +1,3 @@
         parsed = urlparse(url)
        -if (parsed.scheme or parsed.netloc) or not parsed.path.startswith(self.base_url):
        +if parsed.netloc or not parsed.path.startswith(self.base_url):
             url = default
        """,
    )
    assert "diff-removed-redirect-scheme" in [r for r, _, _ in _found(dropped)]
    rewritten = dropped.replace("+if parsed.netloc or", "+if parsed.netloc or parsed.scheme or")
    built = dropped.replace(
        "-if (parsed.scheme or parsed.netloc) or not parsed.path.startswith(self.base_url):",
        '-origin = f"{parsed.scheme}://{parsed.netloc}"',
    )
    for diff in (rewritten, built):
        assert "diff-removed-redirect-scheme" not in [r for r, _, _ in _found(diff)]


# -- JS library controls: type checks, slash normalisation, encoded separators (issue 9) -----------


def _one_hunk(path: str, removed: list[str], added: list[str], kept: str = "  return out;") -> str:
    body = "".join(f"-{r}\n" for r in removed) + "".join(f"+{a}\n" for a in added) + f" {kept}\n"
    head = f"@@ -1,{len(removed) + 1} +1,{len(added) + 1} @@\n"
    return f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n" + head + body


@pytest.mark.parametrize(
    ("removed", "added", "rule"),
    [
        # striptags (CVE-2021-32696): an array got past the string-only state machine
        (
            ['  if (typeof html != "string") {', "    throw new TypeError('html must be a string');", "  }"],
            [],
            "diff-removed-type-check",
        ),
        # node-notifier: an array argument was pushed unescaped into a shell line
        (
            ["    if (typeof val === 'string') {", "      args.push(escapeFn(val));", "    }"],
            ["    args.push(escapeFn(val));"],
            "diff-removed-type-check",
        ),
        # mpath (CVE-2021-23438): a segment given as ['__proto__'] passed the string comparison
        (
            ["    if (typeof parts[i] !== 'string' && typeof parts[i] !== 'number') {"],
            [],
            "diff-removed-type-check",
        ),
        # sanitize-html (CVE-2021-26540): `https:/\\evil.com` passed the iframe host check
        (
            ["    value = value.replace(/^(\\w+:)?\\s*[\\\\/]\\s*[\\\\/]/, '$1//');"],
            [],
            "diff-removed-slashes",
        ),
        # express res.location: only the part after scheme and host was to be encoded
        (
            ["var schemaAndHostRegExp = /^(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?\\/\\/[^\\\\\\/\\?]+/;"],
            [],
            "diff-removed-slashes",
        ),
        # serve-static: `//evil.com/` + '/' became a protocol-relative Location
        (
            ["  originalUrl.pathname = collapseLeadingSlashes(originalUrl.pathname + '/')"],
            ["  originalUrl.pathname += '/'"],
            "diff-removed-slashes",
        ),
        # st: %2e%2e escaped the served root
        (
            ["  p = p.replace(/%2e/ig, '.')", "  p = p.replace(/%2f/ig, '/')"],
            [],
            "diff-removed-encoded-separator",
        ),
    ],
)
def test_a_removed_js_library_control_is_reported(removed, added, rule):
    found = find_removed_controls(parse_diff(_one_hunk("lib/index.js", removed, added)))
    assert rule in [f.rule_id for f in found]


@pytest.mark.parametrize(
    ("removed", "added"),
    [
        # callback plumbing, not input: `typeof cb === 'function'` goes away with callbacks
        (["  if (typeof cb === 'function') {", "    cb(out);", "  }"], []),
        # the same check rewritten (quotes, ==): the operand is still tested
        (
            ['  if (typeof html != "string") throw new TypeError("html");'],
            ["  if (typeof html !== 'string') throw new TypeError('html');"],
        ),
        # a type read for a message, not a decision
        (["  log('got ' + typeof html);"], []),
        # the separator class moved into a helper the change adds
        (
            ["    value = value.replace(/^(\\w+:)?\\s*[\\\\/]\\s*[\\\\/]/, '$1//');"],
            [
                "    value = normalise(value);",
                "function normalise(v) { return v.replace(/^[\\\\/]+/, '/'); }",
            ],
        ),
        # an encoded dot only named in a constant
        (["const EXAMPLE = 'a%2eb';"], []),
    ],
)
def test_js_library_look_alikes_stay_quiet(removed, added):
    found = find_removed_controls(parse_diff(_one_hunk("lib/index.js", removed, added)))
    assert not [
        f
        for f in found
        if f.rule_id in {"diff-removed-type-check", "diff-removed-slashes", "diff-removed-encoded-separator"}
    ]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet="typeof ()[]'\"!=|&?\\/%2e5cfsring.$_x", max_size=200), min_size=1, max_size=5)
)
def test_a_line_removed_and_added_back_is_never_a_removed_control(lines):
    lines = [line.replace("\n", " ") for line in lines]
    found = find_removed_controls(parse_diff(_one_hunk("lib/index.js", lines, lines)))
    assert found == []


def test_a_path_normalised_to_locate_a_file_is_no_containment_check():
    """python-dbusmock's fix replaced `sys.path.insert(0, os.path.dirname(os.path.abspath(name)))`
    with loading the file by path: `abspath` there located a module, it compared nothing."""
    located = _diff(
        "dbusmock/mockobject.py",
        """
        @@ -1,4 +1,3 @@
         def load_module(name):
        -    sys.path.insert(0, os.path.dirname(os.path.abspath(name)))
        -    m = os.path.splitext(os.path.basename(name))[0]
        -    return importlib.import_module(m)
        +    spec = importlib.util.spec_from_file_location(module_name(name), name)
        +    return load(spec)
        """,
    )
    assert _found(located) == []
    # the normalisation a kept containment test relies on, removed (symlinks escape the root again)
    compared = _diff(
        "app/static.py",
        """
        @@ -1,4 +1,4 @@
         def resolve(root, name):
        -    full = os.path.realpath(os.path.join(root, name))
        +    full = os.path.join(root, name)
             if not full.startswith(root + os.sep):
                 raise Forbidden()
        """,
    )
    assert [r for r, _, _ in _found(compared)] == ["diff-removed-path"]
    decided = _diff(
        "app/static.py",
        """
        @@ -1,4 +1,2 @@
         def resolve(root, name):
        -    if os.path.normpath(name) != name:
        -        raise Forbidden()
             return os.path.join(root, name)
        """,
    )
    assert "diff-removed-path" in [r for r, _, _ in _found(decided)]


def test_a_check_moved_to_another_function_of_the_file_is_not_a_removal():
    """A fix that moves validation from the handler into the function every caller goes through (or
    swaps an escape for a sanitiser in another hunk) keeps the control: it is not reported."""
    moved = _diff(
        "app/upload.py",
        """
        @@ -10,6 +10,4 @@
         def upload(request):
             name = request.files["f"].filename
        -    if not NAME_RE.fullmatch(name):
        -        raise BadRequest("bad name")
             store(name, request.files["f"])
             return "ok"
        @@ -30,2 +28,4 @@
         def store(name, data):
        +    if os.sep in name or name.startswith("."):
        +        raise BadRequest("bad name")
             with open(os.path.join(UPLOADS, name), "wb") as f:
        """,
    )
    assert _found(moved) == []
    swapped = _diff(
        "app/render.py",
        """
        @@ -5,2 +5,2 @@
         def comment(text):
        -    return "<p>" + escape(text) + "</p>"
        +    return "<p>" + render_safe(text) + "</p>"
        @@ -40,2 +40,3 @@
         def render_safe(text):
        +    text = bleach.clean(text, tags=ALLOWED_TAGS)
             return markdown(text)
        """,
    )
    assert _found(swapped) == []
    # the same removal with nothing put back anywhere in the file is still reported
    alone = moved.split("@@ -30,2")[0]
    assert [r for r, _, _ in _found(alone)] == ["diff-removed-guard"]


def test_keeping_some_of_the_removed_keys_elsewhere_is_still_a_weakening():
    """minimist's regression kept `__proto__` in one hunk and deleted the helper that also refused
    `constructor`: the keys the file still refuses are a subset of those it refused."""
    diff = _diff(
        "index.js",
        """
        @@ -70,3 +70,3 @@
             var key = keys[i];
        -    if (isConstructorOrProto(o, key)) return;
        +    if (key === '__proto__') return;
             o[key] = o[key] || {};
        @@ -243,4 +243,1 @@
         }
        -function isConstructorOrProto (obj, key) {
        -    return key === 'constructor' && typeof obj[key] === 'function' || key === '__proto__';
        -}
        """,
    )
    assert "diff-removed-prototype" in [r for r, _, _ in _found(diff)]


def test_a_check_moved_into_a_new_helper_the_change_calls_is_not_a_removal():
    """A fix that replaces inline checks with a call to a helper it adds in another file (the helper
    raises) moved the control; the same helper added but not called leaves the removal standing."""
    caller = _diff(
        "lib/handlers.py",
        """
        @@ -4,4 +4,3 @@
         def download(self, key):
        -    if len(key) > MAX_KEY_LENGTH:
        -        raise ValueError("key too long")
        +    key = checked_key(key)
             return self.store.get(key)
        """,
    )
    helper = _diff(
        "lib/keys.py",
        """
        @@ -1,1 +1,7 @@
         import re
        +
        +
        +def checked_key(key):
        +    if len(key) > settings.max_key_length or not KEY_RE.fullmatch(key):
        +        raise ValueError("bad key")
        +    return key
        """,
    )
    assert _found(caller, helper) == []
    uncalled = caller.replace("+    key = checked_key(key)", "+    key = key.strip()")
    assert "diff-removed-limit" in [r for r, _, _ in _found(uncalled, helper)]


def test_a_hunk_that_adds_as_many_checks_as_it_removes_rewrites_them():
    """JavaScript: a fix replacing a weak test with stronger throws (one line each) rewrote the check;
    the same hunk with the throw gone is a removal."""
    rewritten = _diff(
        "lib/parse.js",
        """
        @@ -1,4 +1,5 @@
         function parse(input) {
        -  if (input.indexOf('<') !== -1) throw new Error('bad input');
        +  if (typeof input !== 'string') throw new TypeError('input must be a string');
        +  if (/[<>"']/.test(input)) throw new Error('bad input');
           return compile(input);
         }
        """,
    )
    assert _found(rewritten) == []
    dropped = _diff(
        "lib/parse.js",
        """
        @@ -1,4 +1,3 @@
         function parse(input) {
        -  if (!/^[\\w-]+$/.test(input)) throw new Error('bad input');
           return compile(input);
         }
        """,
    )
    assert "diff-removed-validation" in [r for r, _, _ in _found(dropped)]


def test_a_guard_that_hands_its_value_back_is_not_a_denial():
    """vault-cli's fix deleted template rendering, with `if not secret.startswith(prefix): return
    secret`, which passes values through; a guard that refuses (returns None) is still a removal."""
    passing = _diff(
        "vault_cli/client.py",
        """
        @@ -1,4 +1,2 @@
         def value(self, secret):
        -    if not secret.startswith(self.template_prefix):
        -        return secret
        -    return self.render_template(secret[len(self.template_prefix) :])
        +    return secret
        """,
    )
    assert _found(passing) == []
    refusing = passing.replace("-        return secret", "-        return None")
    assert [r for r, _, _ in _found(refusing)] == ["diff-removed-guard"]


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=300))
def test_the_readers_of_definitions_and_exits_take_any_text(text):
    body = f"@@ -1,2 +1,3 @@\n-{text}\n+function {text}(x) {{\n+  if (!x) return {text}\n ok\n"
    diff = _diff("a.js", body)
    find_removed_controls(parse_diff(diff))


def test_a_length_compared_with_zero_is_an_emptiness_test_not_a_limit():
    """clean-css's ReDoS fix replaced `value.length > 0 && ...` with a scanner: no size was limited.
    A length compared with a bound (ruby-saml's duplicate-ID test, `> 1`) is still a limit."""
    emptiness = _diff(
        "lib/validator.js",
        """
        @@ -1,3 +1,3 @@
         function isNumber(value) {
        -  return value.length > 0 && ('' + parseFloat(value)) === value;
        +  return scanForNumber(value) == value.length;
         }
        """,
    )
    assert _found(emptiness) == []
    bounded = emptiness.replace("value.length > 0 &&", "value.length > MAX_NUMBER_LENGTH &&")
    assert [r for r, _, _ in _found(bounded)] == ["diff-removed-limit"]


# -- size and count limits (real projects' DoS fixes, read the other way round) --------------------


def test_removed_limits_named_by_their_words_are_findings():
    # priority 1.2.0 (CVE-2016-6580): `self._maximum_streams`; Django's `DATA_UPLOAD_MAX_NUMBER_FILES`;
    # python-jose 3.4.0: `JWE_SIZE_LIMIT`; synapse 1.61.1: `stack_limit`
    for removed in (
        "        if (len(self._streams) + 1) > self._maximum_streams:",
        "        if num_files > settings.DATA_UPLOAD_MAX_NUMBER_FILES:",
        "    if len(jwe_str) > JWE_SIZE_LIMIT:",
        "            if len(elements) > stack_limit:",
        "        if content_length > 1048576:",
        "    except RecursionError as err:",
    ):
        diff = _diff(
            "pkg/tree.py",
            f"""
            @@ -1,3 +1,2 @@
             def insert(self, stream_id):
            -{removed}
            -        raise TooMany()
            +    self._streams[stream_id] = Stream(stream_id)
            """,
        )
        assert _found(diff) == [("diff-removed-limit", "pkg/tree.py", 2)], removed


def test_removed_look_alikes_of_limits_are_quiet():
    # a cookie's max_age, str.split's maxsplit, a retry count, a limit kept under the same name
    for removed, added in (
        ('    response.set_cookie("seen", "1", max_age=3600)', '    response.set_cookie("seen", "1")'),
        ('    head, tail = line.split(":", maxsplit=1)', '    head, tail = line.split(":", 1)'),
        ("    session.mount(url, Adapter(max_retries=3))", "    session.mount(url, Adapter())"),
        ("    if len(data) > MAX_BODY_SIZE:", "    if len(data) > MAX_BODY_SIZE + 1:"),
    ):
        diff = _diff(
            "pkg/web.py",
            f"""
            @@ -1,3 +1,3 @@
             def handle(line, response, session, url, data):
            -{removed}
            +{added}
                 return response
            """,
        )
        assert [r for r, _, _ in _found(diff) if r == "diff-removed-limit"] == [], removed


def test_a_limit_raised_or_switched_off_is_a_finding_on_the_added_line():
    for before, after in (
        ("DEFAULT_MAX_HEADER_LIST_SIZE = 2**16", "DEFAULT_MAX_HEADER_LIST_SIZE = 2**30"),
        ("MAX_REQUEST_SIZE = 512 * 1024", "MAX_REQUEST_SIZE = None"),
        ("def __init__(self, maximum_streams=1000):", "def __init__(self, maximum_streams=1_000_000):"),
    ):
        diff = _diff(
            "pkg/limits.py",
            f"""
            @@ -1,2 +1,2 @@
            -{before}
            +{after}
             X = 1
            """,
        )
        found = find_removed_controls(parse_diff(diff))
        assert [(f.rule_id, f.start_line, f.category) for f in found] == [
            ("diff-removed-limit-raised", 1, "resource-exhaustion")
        ], before
        assert "raised from" in found[0].title


def test_a_limit_lowered_or_raised_in_tests_or_a_non_limit_raised_is_quiet():
    for path, before, after in (
        ("pkg/limits.py", "MAX_REQUEST_SIZE = 1 << 20", "MAX_REQUEST_SIZE = 1 << 16"),
        ("tests/test_limits.py", "MAX_REQUEST_SIZE = 1024", "MAX_REQUEST_SIZE = 4096"),
        ("pkg/cookies.py", "SESSION_MAX_AGE = 3600", "SESSION_MAX_AGE = 86400"),
        ("pkg/client.py", "TIMEOUT = 10", "TIMEOUT = 60"),
    ):
        diff = _diff(
            path,
            f"""
            @@ -1,2 +1,2 @@
            -{before}
            +{after}
             X = 1
            """,
        )
        assert [r for r, _, _ in _found(diff) if r.endswith("limit-raised")] == [], before


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="aMAX_LIMIT01=*<>len()._ -\n", max_size=300))
def test_limit_values_and_names_never_fail_on_arbitrary_text(text):
    from bot.analysis import removed_controls as rc

    rc.limit_name(text)
    rc.limit_value(text)
    rc._settings(text)


def test_a_negated_check_rewritten_in_place_is_not_a_removed_validation():
    # flower 1.2.0 (the fix): `if not re.match(pattern, email)` became `if not authenticate(pattern, email)`
    rewritten = _diff(
        "flower/views/auth.py",
        """
        @@ -50,3 +50,3 @@
                 email = json.loads(response.body.decode('utf-8'))['email']
        -        if not re.match(self.application.options.auth, email):
        +        if not authenticate(self.application.options.auth, email):
                     message = "Access denied"
        """,
    )
    assert _found(rewritten) == []
    # the same test with another function on the same arguments, inside a comprehension
    swapped = _diff(
        "flower/views/auth.py",
        """
        @@ -150,2 +150,2 @@
                 emails = [e['email'] for e in found
        -                  if e['verified'] and re.match(self.application.options.auth, e['email'])]
        +                  if e['verified'] and authenticate(self.application.options.auth, e['email'])]
        """,
    )
    assert _found(swapped) == []
    # the same test deleted (nothing replaces it) is still one
    deleted = _diff(
        "flower/views/auth.py",
        """
        @@ -50,4 +50,2 @@
                 email = json.loads(response.body.decode('utf-8'))['email']
        -        if not re.match(self.application.options.auth, email):
        -            raise tornado.web.HTTPError(403, "Access denied")
                 self.set_secure_cookie("user", email)
        """,
    )
    assert _found(deleted) != []


# -- Java and Go controls of real fixes (issue 9: function-level pairs) ------------------------


@pytest.mark.parametrize(
    ("path", "removed", "added", "rule"),
    [
        # StAX reader hardened with SUPPORT_DTD (the Java XXE fixes of XMLInputFactory users)
        (
            "src/Feed.java",
            ["    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);"],
            [],
            "diff-removed-xml",
        ),
        # TransformerFactory with JAXP's access properties
        (
            "src/Xslt.java",
            ['    tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");'],
            [],
            "diff-removed-xml",
        ),
        # ObjectInputStream filter (CVE-2023-46604-style class allow-lists)
        (
            "src/Codec.java",
            ["    in.setObjectInputFilter(FILTER);"],
            [],
            "diff-removed-deserialization",
        ),
        # XStream's type allow-list
        (
            "src/Store.java",
            ["    xstream.allowTypes(new Class[] {Config.class});"],
            [],
            "diff-removed-deserialization",
        ),
        # SnakeYAML's SafeConstructor swapped for the default constructor
        (
            "src/Conf.java",
            ["    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));"],
            ["    Yaml yaml = new Yaml();"],
            "diff-removed-deserialization",
        ),
        # SpEL evaluated in the standard (method-calling) context again (CVE-2022-22963's fix reversed)
        (
            "src/Route.java",
            ["    SimpleEvaluationContext ctx = SimpleEvaluationContext.forReadOnlyDataBinding().build();"],
            ["    StandardEvaluationContext ctx = new StandardEvaluationContext();"],
            "diff-removed-expression-context",
        ),
        # SecureRandom swapped for java.util.Random
        (
            "src/Tokens.java",
            ["    SecureRandom r = new SecureRandom();"],
            ["    Random r = new Random();"],
            "diff-removed-secure-random",
        ),
        # Go's open-redirect check, prefix second (strings.HasPrefix(next, "//"))
        (
            "auth/login.go",
            [
                '\tif !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {',
                '\t\tnext = "/"',
                "\t}",
            ],
            [],
            "diff-removed-redirect",
        ),
        # a tar entry name refused when it holds ".." (the dot-dot token is no longer stripped to nothing)
        (
            "pkg/untar.go",
            [
                '\t\tif strings.Contains(hdr.Name, "..") {',
                '\t\t\treturn fmt.Errorf("invalid entry %q", hdr.Name)',
                "\t\t}",
            ],
            [],
            "diff-removed-path",
        ),
    ],
)
def test_java_and_go_controls_removed_are_findings(path, removed, added, rule):
    found = _found(_one_hunk(path, removed, added, kept="    return in.readObject();"))
    assert rule in [r for r, _, _ in found], found


@pytest.mark.parametrize(
    ("path", "removed", "added"),
    [
        # the filter moved to a new line of the same hunk (rewritten, not removed)
        (
            "src/Codec.java",
            ["    in.setObjectInputFilter(FILTER);"],
            ["    in.setObjectInputFilter(Filters.strict());"],
        ),
        # XStream deleted together with its reading: nothing deserialises any more
        (
            "src/Store.java",
            ["    xstream.allowTypes(new Class[] {Config.class});"],
            ["    return gson.toJson(cfg);"],
        ),
        # SecureRandom removed with no predictable generator in its place (a seed moved elsewhere)
        (
            "src/Tokens.java",
            ["    SecureRandom r = new SecureRandom();"],
            ["    byte[] b = generator.next(16);"],
        ),
        # a StAX switch rewritten with the string property
        (
            "src/Feed.java",
            ["    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);"],
            ["    f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);"],
        ),
        # HasPrefix of a path on its own (no "//" test): not a redirect check
        ("auth/login.go", ['\tif strings.HasPrefix(name, "/tmp") {', "\t\treturn nil", "\t}"], []),
    ],
)
def test_java_and_go_look_alikes_stay_quiet(path, removed, added):
    found = _found(_one_hunk(path, removed, added, kept="    return toJson(cfg);"))
    assert not [r for r, _, _ in found if r != "diff-removed-guard"], found


def test_a_go_guard_that_answers_with_an_error_response_is_a_refusal():
    # the host allow-list of an outgoing request (SSRF), refused with http.Error then return
    removed = [
        "\tif err != nil || !allowedHosts[u.Hostname()] {",
        '\t\thttp.Error(w, "forbidden", http.StatusForbidden)',
        "\t\treturn",
        "\t}",
    ]
    found = _found(_one_hunk("proxy/handler.go", removed, [], kept="\tresp, err := http.Get(target)"))
    assert ("diff-removed-guard", "proxy/handler.go", 1) in found
    # a shortcut that returns early on success refuses nothing
    shortcut = ["\tif useCache(key) {", "\t\tserveCached(w, key)", "\t\treturn", "\t}"]
    assert _found(_one_hunk("proxy/handler.go", shortcut, [], kept="\tresp, err := http.Get(target)")) == []


def _split_condition_diff(kept: str) -> str:
    # a formatter's pass (commander 12.0.0 -> 12.1.0, seen on an ordinary release diff) moved a
    # method and split its one-line condition over several lines
    return _diff(
        "lib/command.js",
        f"""
        @@ -1,9 +1,2 @@
         class Command {{
        -  _parseEnv() {{
        -    this.options.forEach((option) => {{
        -      if (this.getValue(key) === undefined || ['default', 'env'].includes(this.getSource(key))) {{
        -        this.emit(option.name());
        -      }}
        -    }});
        -  }}
         }}
        @@ -20,2 +13,15 @@
         function other() {{
         }}
        +class Parser {{
        +  _parseEnv() {{
        +    this.options.forEach((option) => {{
        +      // keep what the command line set
        +      if (
        +        this.getValue(key) === undefined ||
        +        {kept}
        +      ) {{
        +        this.emit(option.name());
        +      }}
        +    }});
        +  }}
        +}}
        """,
    )


def test_a_condition_a_formatter_split_over_lines_is_not_removed():
    assert _found(_split_condition_diff("['default', 'env'].includes(this.getSource(key))")) == []


def test_a_split_condition_that_lost_its_allow_list_test_is_still_removed():
    found = _found(_split_condition_diff("this.getSource(key) !== 'cli'"))
    assert [r for r, _, _ in found] == ["diff-removed-validation"]


def test_a_javascript_test_whose_function_is_swapped_on_the_same_arguments_is_rewritten():
    # glob-parent 6.0.0 -> 6.0.1 (CVE-2021-35065, dev): a ReDoS-prone regex test replaced by a helper
    # taking the same argument; the fixing change was flagged as removing a validation
    swapped = _diff(
        "index.js",
        """
        @@ -24,4 +24,4 @@
           }
        -  if (enclosure.test(str)) {
        +  if (isEnclosure(str)) {
             str += slash;
           }
        """,
    )
    assert _found(swapped) == []


def test_a_javascript_test_replaced_by_one_on_other_arguments_is_still_removed():
    dropped = _diff(
        "index.js",
        """
        @@ -24,4 +24,4 @@
           }
        -  if (allowed.test(name)) {
        +  if (isString(value)) {
             return load(name);
           }
        """,
    )
    assert [r for r, _, _ in _found(dropped)] == ["diff-removed-validation"]


def test_the_summary_counts_a_removed_check_as_a_finding_of_the_change():
    deleted = _diff(
        "lib/merge.js",
        """
        @@ -1,4 +1,3 @@
         function merge(target, key, value) {
        -  if (key === "__proto__") return target;
           target[key] = value;
         }
        """,
    )
    changeset = parse_diff(deleted)
    review = build_review(find_removed_controls(changeset), changeset, Coverage(()), Policy())
    summary = summary_body(review)
    # the finding sits beside deleted lines: the headline must not say it is in lines the change adds
    assert "1 finding in this change (the lines it adds, and checks it removes)" in summary
    assert "lines this change adds" not in summary


def test_a_key_file_created_with_an_owner_only_mode_now_opened_plainly_is_a_finding():
    # the shape of paramiko 2.10.1's fix (CVE-2022-24302, pyctl's sample): the key file was created
    # with mode 0o600 by os.open; the reverse writes it with open() and its default mode first
    diff = _diff(
        "keys/store.py",
        """
        @@ -10,4 +10,3 @@
         def write_key(filename, data):
        -    fd = os.open(filename, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        -    with os.fdopen(fd, "w") as f:
        +    with open(filename, "w") as f:
                 f.write(data)
        """,
    )
    found = find_removed_controls(parse_diff(diff))
    assert [(f.rule_id, f.cwe, f.start_line) for f in found] == [("diff-removed-file-mode", "CWE-732", 11)]


def test_an_owner_only_create_rewritten_or_removed_with_its_write_is_quiet():
    rewritten = _diff(
        "keys/store.py",
        """
        @@ -10,3 +10,3 @@
         def write_key(filename, data):
        -    fd = os.open(filename, os.O_WRONLY | os.O_CREAT, 0o600)
        +    fd = os.open(filename, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
             os.write(fd, data)
        """,
    )
    assert _found(rewritten) == []
    dropped = _diff(
        "keys/store.py",
        """
        @@ -10,3 +10,1 @@
         def write_key(filename, data):
        -    fd = os.open(filename, os.O_WRONLY | os.O_CREAT, 0o600)
        -    os.write(fd, data)
             return filename
        """,
    )
    assert _found(dropped) == []


def test_a_cache_size_is_not_a_limit_that_replaces_a_removed_one():
    # django 4.2.14 -> 4.2.15 parse_accept_lang_header (CVE-2024-41990 class, CWE-400; dev
    # python-400-django-accept-language-length) cut to the function: the reverse drops the length bound
    # and puts an lru_cache(maxsize=1000) on the function, which bounds the cache, not the header
    diff = _diff(
        "django/utils/translation/trans_real.py",
        """
        @@ -1,4 +1,3 @@
        +@functools.lru_cache(maxsize=1000)
         def parse_accept_lang_header(lang_string):
        -    if len(lang_string) <= ACCEPT_LANGUAGE_HEADER_MAX_LENGTH:
        -        return _parse_accept_lang_header(lang_string)
        -    return ()
        +    return _parse_accept_lang_header(lang_string)
        """,
    )
    assert [r for r, _, _ in _found(diff)] == ["diff-removed-limit"]
    # and a cache size taken away is not a limit removed
    uncached = _diff(
        "app/lookup.py",
        """
        @@ -1,3 +1,2 @@
        -@functools.lru_cache(maxsize=1000)
         def lookup(key):
             return TABLE[key]
        """,
    )
    assert _found(uncached) == []


# PyPDF2 1.27.x ContentStream._readInlineImage (CWE-835, dev python-835-pypdf2-inline-image-eof) cut
# to the function: the reverse drops the refusal at the end of the stream; its condition calls nothing
PYPDF2 = _diff(
    "PyPDF2/pdf.py",
    """
    @@ -20,5 +20,3 @@
             while True:
                 buf = stream.read(8192)
    -            if not buf:
    -                raise utils.PdfReadError("Unexpected end of stream")
                 loc = buf.find(b_("E"))
    """,
)
ALERTA = _diff(
    "alerta/auth/basic_ldap.py",
    """
    @@ -12,6 +12,3 @@
             raise ApiError("must supply 'username' and 'password'", 401)

    -    if not password:
    -        raise ApiError('password not allowed to be empty', 401)
    -
         try:
    """,
)


def test_a_removed_refusing_guard_whose_condition_calls_nothing_is_a_finding():
    assert _found(PYPDF2) == [("diff-removed-guard", "PyPDF2/pdf.py", 22)]
    # alerta's empty-password refusal (401) is access_control's to report, not a second finding here
    assert _found(ALERTA) == []


def test_a_refusing_guard_moved_rewritten_or_a_placeholder_is_quiet():
    # the same guard added in another file of the component: moved
    helper = _diff(
        "PyPDF2/utils.py",
        """
        @@ -3,2 +3,4 @@
         def read_block(stream, buf):
        +    if not buf:
        +        raise utils.PdfReadError("Unexpected end of stream")
             return buf
        """,
    )
    assert _found(PYPDF2, helper) == []
    rewritten = _diff(
        "PyPDF2/pdf.py",
        """
        @@ -22,3 +22,3 @@
        -            if not buf:
        -                raise utils.PdfReadError("Unexpected end of stream")
        +            if not buf and not stream.tell():
        +                raise utils.PdfReadError("Unexpected end of stream")
                     loc = buf.find(b_("E"))
        """,
    )
    assert _found(rewritten) == []
    placeholder = _diff(
        "app/base.py",
        """
        @@ -3,3 +3,1 @@
             def run(self):
        -        if self.abstract:
        -            raise NotImplementedError
                 return self.go()
        """,
    )
    assert _found(placeholder) == []


def test_a_session_no_longer_renewed_at_login_is_a_finding():
    # the shape of rdiffweb 2.4.7's fix (PYSEC-2022-290, session fixation; pyctl's function-level
    # sample): the login handler renews the session once the user is known; the reverse keeps the
    # session id the visitor arrived with
    diff = _diff(
        "app/login.py",
        """
        @@ -14,4 +14,3 @@
                 if user is not None:
                     session[SESSION_KEY] = user.username
        -            session.regenerate()
                     raise HTTPRedirect(form.redirect.data)
        """,
    )
    found = find_removed_controls(parse_diff(diff))
    expected = [("diff-removed-session-rotation", "CWE-287", 16)]
    assert [(f.rule_id, f.cwe, f.start_line) for f in found] == expected


def test_a_session_renewal_swapped_or_removed_with_the_login_is_quiet():
    swapped = _diff(
        "app/login.py",
        """
        @@ -14,3 +14,3 @@
                 if user is not None:
                     login(request, user)
        -            session.regenerate()
        +            request.session.cycle_key()
        """,
    )
    assert _found(swapped) == []
    gone = _diff(
        "app/login.py",
        """
        @@ -14,4 +14,2 @@
                 if user is not None:
        -            session[SESSION_KEY] = user.username
        -            session.regenerate()
                     return redirect("/")
        """,
    )
    assert _found(gone) == []


def test_a_rate_limit_taken_off_a_view_is_a_finding_and_a_changed_rate_is_not():
    # the shape of rdiffweb 2.5.5's and 2.8.4's fixes (PYSEC-2022-43009, PYSEC-2023-186; pyctl's sample):
    # a rate limit on the POST of a second-factor or token page; the reverse takes it off
    diff = _diff(
        "app/views.py",
        """
        @@ -1,4 +1,3 @@
         @app.route("/mfa", methods=["GET", "POST"])
        -@limiter.limit("5 per minute", methods=["POST"])
         def mfa():
             return check_code(request.form["code"])
        """,
    )
    found = find_removed_controls(parse_diff(diff))
    assert [(f.rule_id, f.cwe) for f in found] == [("diff-removed-rate-limit", "CWE-400")]
    changed = diff.replace(" def mfa():", '+@limiter.limit("10 per minute", methods=["POST"])\n def mfa():')
    changed = changed.replace("@@ -1,4 +1,3 @@", "@@ -1,4 +1,4 @@")
    assert _found(changed) == []


def test_a_removed_guard_that_answered_false_is_a_finding_and_a_bare_return_is_not():
    # the shape of waitress 3.0.1's fix (CVE-2024-49768, pyctl's sample; ZPL code not copied): a
    # channel stops taking request data once it is closing; the reverse keeps processing pipelined data
    diff = _diff(
        "server/channel.py",
        """
        @@ -8,6 +8,3 @@
             def received(self, data):
                 with self.lock:
        -            if self.closing or self.flush_then_close:
        -                return False
        -
                     self.buffer += data
        """,
    )
    assert [r for r, _, _ in _found(diff)] == ["diff-removed-guard"]
    skip = diff.replace("                return False", "                return")
    assert _found(skip) == []


def test_a_removed_ruby_guard_that_warns_and_skips_is_a_finding():
    """rubyzip Entry#extract (CVE-2018-1000544, trimmed): an entry whose name was not safe was
    skipped with a warning when no destination was given; without the guard `../` names are written."""
    diff = _diff(
        "lib/zip/entry.rb",
        """
        @@ -1,8 +1,3 @@
        -    def extract(dest_path = nil, &block)
        -      if dest_path.nil? && !name_safe?
        -        puts "WARNING: skipped #{@name} as unsafe"
        -        return self
        -      end
        -      dest_path ||= @name
        +    def extract(dest_path = @name, &block)
               block ||= proc { ::Zip.on_exists_proc }
               if directory? || file? || symlink?
        """,
    )
    assert _found(diff) == [("diff-removed-guard", "lib/zip/entry.rb", 1)]
    # a shortcut that returns early without refusing anything (no warning, no negation) is quiet
    shortcut = _diff(
        "lib/cache.rb",
        """
        @@ -1,5 +1,2 @@
         def fetch(key)
        -  if cached?(key)
        -    return @store[key]
        -  end
           compute(key)
        """,
    )
    assert _found(shortcut) == []


def test_a_removed_ruby_modifier_guard_that_refuses_is_a_finding():
    diff = _diff(
        "app/controllers/owners_controller.rb",
        """
        @@ -1,4 +1,3 @@
         def destroy
        -  return head(:forbidden) unless @rubygem.owned_by?(@api_key.user)
           owner = User.find_by_name(params[:email])
           @rubygem.ownerships.find_by(user: owner).destroy
        """,
    )
    assert _found(diff) == [("diff-removed-guard", "app/controllers/owners_controller.rb", 2)]
    # Python's conditional expression is no guard, nor is a Ruby modifier outside a .rb file
    ternary = _diff(
        "app/views.py",
        """
        @@ -1,3 +1,2 @@
         def pick(a, b):
        -    return a if valid(a) else b
             return b
        """,
    )
    assert _found(ternary) == []


def test_public_send_swapped_for_send_is_a_finding():
    """image_processing Builder#apply (CVE-2022-24720, trimmed): `public_send` of a caller-given
    operation name became `send`, which reaches private Kernel methods such as `system`."""
    diff = _one_hunk(
        "lib/image_processing/chainable.rb",
        ["        builder.public_send(name, *argument)"],
        ["        builder.send(name, *argument)"],
        kept="      end",
    )
    assert [r for r, _, _ in _found(diff)] == ["diff-removed-public-send"]
    # the dispatch dropped altogether, or public_send added, is quiet
    assert (
        _found(_one_hunk("lib/a.rb", ["    obj.public_send(name)"], ["    obj.resize"], kept="  end")) == []
    )
    assert (
        _found(_one_hunk("lib/a.rb", ["    obj.send(name)"], ["    obj.public_send(name)"], kept="  end"))
        == []
    )


def test_a_removed_pattern_anchor_before_compiling_is_a_finding():
    """go-restful CORS (GHSA-r48q-9g5r-8q2h, trimmed): allowed domains became exact-match patterns."""
    diff = _diff(
        "cors_filter.go",
        """
        @@ -1,8 +1,5 @@
        -func compileRegexps(allowedDomains []string) ([]*regexp.Regexp, error) {
        +func compileRegexps(regexpStrings []string) ([]*regexp.Regexp, error) {
             regexps := []*regexp.Regexp{}
        -    for _, each := range allowedDomains {
        -        if !strings.HasPrefix(each, "^") {
        -            each = fmt.Sprintf("^%s$", each)
        -        }
        -        r, err := regexp.Compile(each)
        +    for _, regexpStr := range regexpStrings {
        +        r, err := regexp.Compile(regexpStr)
                 if err != nil {
        """,
    )
    assert [r for r, _, _ in _found(diff)] == ["diff-removed-anchor"]
    # anchors dropped together with the pattern they wrapped (no compile or match left) are quiet
    gone = _one_hunk("names.go", ['\tname = fmt.Sprintf("^%s$", name)'], ["\tname = strings.ToLower(name)"])
    assert _found(gone) == []


def test_an_allman_braced_containment_check_on_camel_case_paths_is_a_finding():
    """plexus-archiver AbstractUnArchiver.extractFile (CVE-2018-1002200, trimmed)."""
    diff = _diff(
        "src/main/java/org/codehaus/plexus/archiver/AbstractUnArchiver.java",
        """
        @@ -1,11 +1,3 @@
                 final File f = FileUtils.resolveFile( dir, entryName );
        -
        -        String canonicalDirPath = dir.getCanonicalPath();
        -        String canonicalDestPath = f.getCanonicalPath();
        -
        -        if ( !canonicalDestPath.startsWith( canonicalDirPath ) )
        -        {
        -            throw new ArchiverException( "Entry is outside of the target directory" );
        -        }
                 try
                 {
        """,
    )
    assert [r for r, _, _ in _found(diff)] == ["diff-removed-path"]
    # a camelCase name holding a path word that does not end it (`userDirection`) is no path
    other = _one_hunk("A.java", ['        if (!userDirection.startsWith("north")) {'], [], kept="        }")
    assert _found(other) == []


def test_removed_trusted_packages_while_a_stream_still_deserialises_is_a_finding():
    """ActiveMQ ActiveMQObjectMessage.getObject (CVE-2015-5254, trimmed)."""
    diff = _one_hunk(
        "activemq-client/src/main/java/org/apache/activemq/command/ActiveMQObjectMessage.java",
        [
            "                ClassLoadingAwareObjectInputStream objIn ="
            " new ClassLoadingAwareObjectInputStream(dataIn);",
            "                objIn.setTrustedPackages(trustedPackages);",
        ],
        ["                ObjectInputStream objIn = new ObjectInputStream(dataIn);"],
        kept="                try {",
    )
    assert [r for r, _, _ in _found(diff)] == ["diff-removed-deserialization"]


def test_a_removed_go_guard_returning_an_error_value_is_a_finding():
    """goa v1 FileHandler (goadesign/goa#2388, trimmed): a `../` in the path was refused."""
    diff = _diff(
        "service.go",
        """
        @@ -1,5 +1,2 @@
             return func(ctx context.Context, rw http.ResponseWriter, req *http.Request) error {
        -        if attemptsPathTraversal(req.URL.Path, path) {
        -            return ErrNotFound(req.URL.Path)
        -        }
                 fname := filename
        """,
    )
    assert [r for r, _, _ in _found(diff)] == ["diff-removed-guard"]


# fastapi 0.65.1 -> 0.65.2 get_request_handler (CVE-2021-32677, CWE-352; dev
# python-352-fastapi-json-content-type) cut to the function: the reverse reads any body as JSON
FASTAPI = _diff(
    "fastapi/routing.py",
    """
    @@ -28,11 +28,3 @@
                     body_bytes = await request.body()
                     if body_bytes:
    -                    json_body: Any = Undefined
    -                    content_type_value = request.headers.get("content-type")
    -                    if content_type_value:
    -                        message = email.message.Message()
    -                        message["content-type"] = content_type_value
    -                        if message.get_content_maintype() == "application":
    -                            subtype = message.get_content_subtype()
    -                            if subtype == "json" or subtype.endswith("+json"):
    -                                json_body = await request.json()
    +                    body = await request.json()
    """,
)


def test_a_content_type_check_removed_before_a_json_body_is_read_is_a_csrf_finding():
    found = find_removed_controls(parse_diff(FASTAPI))
    assert [(f.rule_id, f.cwe) for f in found] == [("diff-removed-content-type", "CWE-352")]


def test_a_content_type_check_rewritten_or_removed_with_the_json_is_quiet():
    rewritten = _diff(
        "app/views.py",
        """
        @@ -3,3 +3,3 @@
         def update():
        -    if not request.is_json:
        +    if request.mimetype != "application/json":
                 abort(415)
        """,
    )
    assert _found(rewritten) == []
    dropped = _diff(
        "app/views.py",
        """
        @@ -3,4 +3,2 @@
         def update():
        -    if request.content_type == "application/json":
        -        data = request.get_json()
             return render("form.html")
        """,
    )
    assert _found(dropped) == []


def test_a_removed_java_guard_that_throws_without_a_call_is_a_finding():
    """netty HttpUtil.normalizeAndGetContentLength-style check (trimmed): a negative length was refused."""
    diff = _diff(
        "codec-http/src/main/java/io/netty/handler/codec/http/HttpUtil.java",
        """
        @@ -1,5 +1,2 @@
                 long value = Long.parseLong(firstField);
        -        if (value < 0) {
        -            throw new IllegalArgumentException("Content-Length value must be >=0: " + value);
        -        }
                 return value;
        """,
    )
    assert [r for r, _, _ in _found(diff)] == ["diff-removed-guard"]
    # a call-less guard that only returns early is quiet (Python's call-less guards have their own reader)
    returning = diff.replace(
        '-            throw new IllegalArgumentException("Content-Length value must be >=0: " + value);',
        "-            return 0;",
    )
    assert _found(returning) == []


def test_a_removed_regex_escape_is_regex_injection_not_a_removed_html_escape():
    # re.escape was read as an HTML escape (its finding said XSS); it keeps caller text out of pattern
    # syntax: removing it is regex injection (CWE-1333's ReDoS comes with it)
    diff = _diff(
        "app/search.py",
        """
        @@ -1,3 +1,3 @@
         def find(name, text):
        -    pattern = re.compile(r"^%s$" % re.escape(name))
        +    pattern = re.compile(r"^%s$" % name)
             return pattern.search(text)
        """,
    )
    found = find_removed_controls(parse_diff(diff))
    expected = [("diff-removed-regex-escape", "redos", "CWE-1333")]
    assert [(f.rule_id, f.category, f.cwe) for f in found] == expected
    html = _diff(
        "app/page.py",
        """
        @@ -1,2 +1,2 @@
         def page(name):
        -    return "<b>%s</b>" % html.escape(name)
        +    return "<b>%s</b>" % name
        """,
    )
    assert [f.category for f in find_removed_controls(parse_diff(html))] == ["xss"]


def test_a_removed_host_name_check_of_the_peer_certificate_is_removed_tls_verification():
    # python-ovirt-engine-sdk before 3.6.2 (CVE-2015-1773 class), reversed: the client's own check of
    # the certificate's names against the URL's host is deleted, the connection is still TLS
    diff = _diff(
        "ovirtsdk/web/httpsconnection.py",
        """
        @@ -60,7 +60,3 @@
                 self.sock = ssl.wrap_socket(sock, cert_reqs=ssl.CERT_REQUIRED, ca_certs=self.ca_file)
        -        if not self.insecure:
        -            cert = self.sock.getpeercert()
        -            if not self.__check_host_name(cert):
        -                raise httplib.HTTPException("host name mismatch")
             def close(self):
                 pass
        """,
    )
    found = find_removed_controls(parse_diff(diff))
    assert [(f.rule_id, f.cwe) for f in found] == [("diff-removed-tls", "CWE-295")]


def test_an_os_open_without_an_owner_only_mode_is_not_an_owner_only_create():
    # os.open(p, flags) creates the file 0o777 less the umask: replacing it with open() loses nothing
    diff = _diff(
        "keys/store.py",
        """
        @@ -10,4 +10,3 @@
         def write_key(filename, data):
        -    fd = os.open(filename, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        -    with os.fdopen(fd, "w") as f:
        +    with open(filename, "w") as f:
                 f.write(data)
        """,
    )
    assert [f.rule_id for f in find_removed_controls(parse_diff(diff))] == []
