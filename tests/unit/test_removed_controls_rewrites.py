"""Fixing changes that rewrite a control in another form (an allow-list for a deny-list, a named
check for a literal key, own keys for a ``hasOwnProperty`` filter) are not the control removed; a BSON
type named ``MaxKey`` is not a key-count limit."""

from __future__ import annotations

import difflib
import textwrap

from bot.analysis.removed_controls import find_removed_controls
from bot.core.diffmap import parse_diff


def _rules(path: str, body: str) -> list[str]:
    """Findings on the change ``body`` describes: hunks of context, ``-`` and ``+`` lines (``@@`` lines
    separate them), turned into the two files and diffed with three lines of context."""
    before: list[str] = []
    after: list[str] = []
    for line in textwrap.dedent(body).strip("\n").splitlines():
        if line.startswith("@@"):
            before += ["", "", "", ""]
            after += ["", "", "", ""]
        elif line.startswith("-"):
            before.append(line[1:])
        elif line.startswith("+"):
            after.append(line[1:])
        else:
            before.append(line[1:])
            after.append(line[1:])
    lines = difflib.unified_diff(before, after, f"a/{path}", f"b/{path}", lineterm="")
    diff = f"diff --git a/{path} b/{path}\n" + "\n".join(lines) + "\n"
    return [f.rule_id for f in find_removed_controls(parse_diff(diff))]


# gunicorn 21.2.0 -> 22.0.0 (CVE-2024-1135), gunicorn/http/message.py, trimmed
_GUNICORN_FIX = """
@@ -22,6 +22,9 @@
 MAX_HEADERS = 32768
 DEFAULT_MAX_HEADERFIELD_SIZE = 8190
-HEADER_RE = re.compile(r"[\\x00-\\x1F\\x7F()<>@,;:\\[\\]={} \\t\\\\\\"]")
-METH_RE = re.compile(r"[A-Z0-9$-_.]{3,20}")
-VERSION_RE = re.compile(r"HTTP/(\\d+)\\.(\\d+)")
+# verbosely on purpose, avoid backslash ambiguity
+RFC9110_5_6_2_TOKEN_SPECIALS = r"!#$%&'*+-.^_`|~"
+TOKEN_RE = re.compile(r"[%s0-9a-zA-Z]+" % (re.escape(RFC9110_5_6_2_TOKEN_SPECIALS)))
+METHOD_BADCHAR_RE = re.compile("[a-z#]")
+VERSION_RE = re.compile(r"HTTP/(\\d)\\.(\\d)")


"""


def test_a_character_deny_list_rewritten_as_an_allow_list_is_not_a_removed_crlf_check():
    assert "diff-removed-crlf" not in _rules("gunicorn/http/message.py", _GUNICORN_FIX)


def test_the_deny_list_removed_without_an_allow_list_still_reports():
    loose = _GUNICORN_FIX.replace('r"[%s0-9a-zA-Z]+" %', 'r"[^:]+" %')
    assert "diff-removed-crlf" in _rules("gunicorn/http/message.py", loose)
    # a class that admits whitespace lets CR and LF in
    spaced = _GUNICORN_FIX.replace('r"[%s0-9a-zA-Z]+" %', 'r"[%s\\s0-9a-zA-Z]+" %')
    assert "diff-removed-crlf" in _rules("gunicorn/http/message.py", spaced)


# handlebars 4.5.2 -> 4.5.3 (CVE-2019-19919), lib/handlebars/compiler/javascript-compiler.js, trimmed
_HANDLEBARS_FIX = """
@@ -14,9 +15,9 @@ JavaScriptCompiler.prototype = {
   nameLookup: function(parent, name/* , type*/) {
-    const isEnumerable = [this.aliasable('c.propertyIsEnumerable'), '.call(', parent, ',"constructor")'];
-
-    if (name === 'constructor') {
+    if (dangerousPropertyRegex.test(name)) {
+      const isEnumerable = [this.aliasable('c.propertyIsEnumerable'), '.call(', parent, JSON.stringify(x)];
       return ['(', isEnumerable, '?', _actualLookup(), ' : undefined)'];
     }
     return _actualLookup();
@@ -218,10 +218,10 @@ JavaScriptCompiler.prototype = {
     // aliases will not be used, but this case is already being run on the client and
     // we aren't concern about minimizing the template size.
     let aliasCount = 0;
-    for (let alias in this.aliases) { // eslint-disable-line guard-for-in
+    Object.keys(this.aliases).forEach(alias => {
       let node = this.aliases[alias];
-      if (this.aliases.hasOwnProperty(alias) && node.children && node.referenceCount > 1) {
+      if (node.children && node.referenceCount > 1) {
         node.children[0] = 'alias' + (++aliasCount);
         this.aliases[alias] = 'alias' + aliasCount;
       }
"""


def test_a_literal_key_test_rewritten_as_a_named_check_and_own_keys_are_not_removed_guards():
    assert _rules("lib/handlebars/compiler/javascript-compiler.js", _HANDLEBARS_FIX) == []


def test_the_prototype_guards_removed_outright_still_report():
    dropped = _HANDLEBARS_FIX.replace(
        "+    if (dangerousPropertyRegex.test(name)) {", "+    if (typeof name === 'string') {"
    )
    assert _rules("lib/handlebars/compiler/javascript-compiler.js", dropped) == ["diff-removed-prototype"]
    unfiltered = _HANDLEBARS_FIX.replace(
        "+    Object.keys(this.aliases).forEach(alias => {", "+    for (const alias in this.aliases) {"
    )
    assert _rules("lib/handlebars/compiler/javascript-compiler.js", unfiltered) == ["diff-removed-prototype"]
    # the named check, taken away with nothing in its place, is a removed guard now (the introducing side)
    named_gone = """
    @@ -14,6 +14,5 @@ JavaScriptCompiler.prototype = {
       nameLookup: function(parent, name/* , type*/) {
    -    if (dangerousPropertyRegex.test(name)) {
    -      return undefined;
    -    }
    +    // lookups of any name
         return _actualLookup();
    """
    assert "diff-removed-prototype" in _rules("lib/handlebars/compiler/javascript-compiler.js", named_gone)


# mongo-express 0.53.0 -> 0.54.0 (CVE-2019-10758), lib/bson.js: the vm sandbox's BSON types go away
_MONGO_EXPRESS_FIX = """
@@ -25,12 +6,0 @@
-exports.getSandbox = function () {
-  return {
-    Long: mongodb.Long,
-    NumberLong: mongodb.Long,
-    MaxKey: mongodb.MaxKey,
-    MinKey: mongodb.MinKey,
-    DBRef: DBRef,
-    Timestamp: Timestamp,
-  };
-};
"""


def test_a_bson_type_named_maxkey_is_not_a_limit():
    assert "diff-removed-limit" not in _rules("lib/bson.js", _MONGO_EXPRESS_FIX)


def test_a_key_count_limit_removed_still_reports():
    limited = _MONGO_EXPRESS_FIX.replace("-    MaxKey: mongodb.MaxKey,", "-    maxKeys: 1000,")
    assert "diff-removed-limit" in _rules("lib/qs.js", limited)


# jupyterhub 1.4.0 -> 1.4.1 (CVE-2021-32692), make_singleuser_app read alone: its block moved to a helper
_JUPYTERHUB_FIX = """
@@ -20,31 +20,1 @@ def make_singleuser_app(App):
     empty_parent_app = App()
-    BaseHandler = getattr(empty_parent_app, "base_handler_class", None)
-    if BaseHandler is None:
-        pkg = detect_base_package(App)
-        if pkg == "jupyter_server":
-            BaseHandler = import_item("jupyter_server.base.handlers.JupyterHandler")
-        elif pkg == "notebook":
-            BaseHandler = import_item("notebook.base.handlers.IPythonHandler")
-        else:
-            raise ValueError(
-                "{}.base_handler_class must be defined".format(App.__name__)
-            )
-
-    # patch-in HubAuthenticatedHandler to BaseHandler,
-    # so anything inheriting from BaseHandler uses Hub authentication
-    if HubAuthenticatedHandler not in BaseHandler.__bases__:
-        new_bases = (HubAuthenticatedHandler,) + BaseHandler.__bases__
-        BaseHandler.__bases__ = new_bases
+    BaseHandler = _patch_app_base_handlers(empty_parent_app)

     # create Handler classes from mixins + bases
"""


def test_a_block_moved_into_a_helper_out_of_view_is_not_a_removed_check():
    assert _rules("jupyterhub/singleuser/mixins.py", _JUPYTERHUB_FIX) == []


def test_a_short_guard_replaced_by_a_call_still_reports():
    # the siblings the rule leaves alone: a guard of a few lines dropped for a call is not a block moved,
    # nor a block whose function is still named on a removed line
    short = """
    @@ -20,4 +20,1 @@ def make_singleuser_app(App):
         empty_parent_app = App()
    -    BaseHandler = getattr(empty_parent_app, "base_handler_class", None)
    -    if HubAuthenticatedHandler not in BaseHandler.__bases__:
    -        BaseHandler.__bases__ = (HubAuthenticatedHandler,) + BaseHandler.__bases__
    +    BaseHandler = _patch_app_base_handlers(empty_parent_app)
    """
    assert "diff-removed-validation" in _rules("jupyterhub/singleuser/mixins.py", short)
    inline = _JUPYTERHUB_FIX.replace("_patch_app_base_handlers(empty_parent_app)", "import_item(App)")
    assert "diff-removed-validation" in _rules("jupyterhub/singleuser/mixins.py", inline)


# django-two-factor-auth 1.12 -> 1.13 (LoginView.done read alone): the user comes from the login storage
_TWO_FACTOR_FIX = """
@@ X
     def get_user(self):
         if not self.user_cache:
-            form_obj = self.get_form(step='auth',
-                                     data=self.storage.get_step_data('auth'))
-            self.user_cache = form_obj.is_valid() and form_obj.user_cache
+            self.user_cache = self.storage.authenticated_user
         return self.user_cache
"""


def test_a_validated_value_obtained_another_way_is_not_a_removed_guard():
    assert _rules("two_factor/views/core.py", _TWO_FACTOR_FIX) == []


def test_a_validated_value_replaced_by_a_constant_or_a_dropped_guard_still_reports():
    constant = _TWO_FACTOR_FIX.replace("= self.storage.authenticated_user", "= True")
    assert "diff-removed-validation" in _rules("two_factor/views/core.py", constant)
    guard = """
    @@ X
         def get_user(self):
    -        if not form_obj.is_valid():
    -            raise PermissionDenied()
    +        self.user_cache = self.storage.authenticated_user
             return self.user_cache
    """
    assert _rules("two_factor/views/core.py", guard) != []
