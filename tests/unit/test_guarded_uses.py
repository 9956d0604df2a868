"""Removed length and nil checks whose guarded use still stands (Go, Java): bot.analysis.guarded_uses."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.guarded_uses import (
    CASE_RULE,
    CONDITION_RULE,
    LENGTH_RULE,
    MODE_RULE,
    NIL_RULE,
    SANITIZER_RULE,
    SINK_RULE,
    find_guarded_uses,
)
from bot.core.diffmap import parse_diff


def _hunk(path: str, before: list[str], removed: list[str], after: list[str], added: list[str] = ()) -> str:
    body = "".join(f" {b}\n" for b in before) + "".join(f"-{r}\n" for r in removed)
    body += "".join(f"+{a}\n" for a in added) + "".join(f" {a}\n" for a in after)
    old = len(before) + len(removed) + len(after)
    new = len(before) + len(added) + len(after)
    head = f"@@ -1,{old} +1,{new} @@\n"
    return f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n" + head + body


def _found(diff: str) -> list[tuple[str, int]]:
    return [(f.rule_id, f.start_line) for f in find_guarded_uses(parse_diff(diff))]


# a STUN-style attribute decoder: the length of the attribute was checked before its
# bytes were sliced; a short attribute then panicked with an index out of range
STUN_GUARD = ["\tif len(v) <= 4 {", "\t\treturn io.ErrUnexpectedEOF", "\t}"]
STUN_BEFORE = ["\tv, err := m.Get(t)", "\tif err != nil {", "\t\treturn err", "\t}"]
STUN_AFTER = ["\tfamily := bin.Uint16(v[0:2])", "\tif family != familyIPv6 && family != familyIPv4 {"]


def test_a_removed_length_check_before_a_slice_is_a_finding():
    assert _found(_hunk("xoraddr.go", STUN_BEFORE, STUN_GUARD, STUN_AFTER)) == [(LENGTH_RULE, 5)]


def test_a_removed_java_length_check_before_an_index_is_a_finding():
    guard = [
        "        if (buf.length < 4) {",
        '            throw new DecodeException("short header");',
        "        }",
    ]
    after = ["        int kind = buf[0] & 0xff;", "        int size = buf[3];"]
    assert _found(_hunk("src/Frame.java", ["    int read(byte[] buf) {"], guard, after)) == [(LENGTH_RULE, 2)]


def test_a_length_check_rewritten_or_not_guarding_an_index_stays_quiet():
    # the bound changed in place (a fix's own shape): the length is still read on an added line
    rewritten = _hunk(
        "xoraddr.go",
        STUN_BEFORE,
        STUN_GUARD,
        STUN_AFTER,
        ["\tif len(v) < 8 {", "\t\treturn io.ErrUnexpectedEOF", "\t}"],
    )
    assert _found(rewritten) == []
    # a length that guarded something other than an index of the same name
    other = [
        "\tfmt.Println(len(names))",
        '\treturn strings.Join(names, ",")',
    ]
    assert (
        _found(_hunk("names.go", [], ["\tif len(names) > 100 {", "\t\treturn errTooMany", "\t}"], other))
        == []
    )
    # a name that only ends like the checked one (`nv[0]` is not `v[0]`)
    assert _found(_hunk("xoraddr.go", STUN_BEFORE, STUN_GUARD, ["\tfamily := bin.Uint16(nv[0:2])"])) == []


def test_a_removed_err_check_before_the_value_is_used_is_a_finding():
    before = ["func load(path string) string {", "\tf, err := parse(path)"]
    guard = ["\tif err != nil {", '\t\treturn ""', "\t}"]
    assert _found(_hunk("conf.go", before, guard, ["\treturn f.Name"])) == [(NIL_RULE, 3)]
    java = _hunk(
        "src/Users.java",
        ["    User u = repo.find(id);"],
        ["    if (u == null) {", "        throw new NotFound(id);", "    }"],
        ["    return u.getName();"],
    )
    assert _found(java) == [(NIL_RULE, 2)]


def test_nil_checks_that_stay_or_guard_nothing_used_are_quiet():
    before = ["func load(path string) string {", "\tf, err := parse(path)"]
    guard = ["\tif err != nil {", '\t\treturn ""', "\t}"]
    # the check rewritten (wrapped error)
    rewritten = ["\tif err != nil {", "\t\treturn fmt.Sprint(err)", "\t}"]
    assert _found(_hunk("conf.go", before, guard, ["\treturn f.Name"], rewritten)) == []
    # the value is not dereferenced after it
    assert _found(_hunk("conf.go", before, guard, ["\treturn describe(f)"])) == []
    # the error of a call whose value is discarded
    assert _found(_hunk("conf.go", ["\t_, err := parse(path)"], guard, ["\treturn cfg.Name"])) == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet='if(len) <>=!nil{}[]:.,ab_ \t"return', max_size=120), min_size=1, max_size=8),
    st.lists(st.text(alphabet='if(len) <>=!nil{}[]:.,ab_ \t"return', max_size=120), max_size=8),
)
def test_any_hunk_is_read_without_error(removed, kept):
    removed = [r.replace("\n", " ") for r in removed]
    kept = [k.replace("\n", " ") for k in kept]
    for path in ("a.go", "A.java"):
        for f in find_guarded_uses(parse_diff(_hunk(path, [], removed, kept))):
            assert f.rule_id in (
                LENGTH_RULE,
                NIL_RULE,
                CASE_RULE,
                SINK_RULE,
                SANITIZER_RULE,
                CONDITION_RULE,
                MODE_RULE,
            )


def test_long_adversarial_lines_are_read_in_linear_time():
    for unit in (
        "len(a.",
        "if a[",
        "a.length <",
        "a != nil ",
        "a.b.c.d.e" * 3,
        "\t" * 7,
        "case '",
        "isSafe(a",
    ):
        line = (unit * (100_000 // len(unit)))[:100_000]
        diff = _hunk("a.go", [line], ["if " + line + " {", "return", "}"], [line, line])
        start = time.process_time()
        find_guarded_uses(parse_diff(diff))
        find_guarded_uses(parse_diff(diff.replace("a.go", "A.java")))
        find_guarded_uses(parse_diff(diff.replace("a.go", "a.rb")))
        assert time.process_time() - start < 2.0, unit


def _findings(diff: str, heads: dict[str, list[str]] | None = None) -> list[tuple[str, str, int]]:
    return [(f.rule_id, f.category, f.start_line) for f in find_guarded_uses(parse_diff(diff), heads=heads)]


# Apache Axis ServiceFactory.getService (CVE-2023-51441, trimmed): the JNDI name from the caller's map
# was refused when it named a remote scheme; without the check it reaches InitialContext.lookup
AXIS_BEFORE = [
    "        if (context != null) {",
    '            String name = (String)environment.get("jndiName");',
]
AXIS_GUARD = [
    '\t    if(name!=null && (name.toUpperCase().indexOf("LDAP")!=-1'
    ' || name.toUpperCase().indexOf("RMI")!=-1)) {',
    "	        return null;",
    "            }",
]
AXIS_AFTER = [
    "            if (name == null) {",
    '                name = "axisServiceName";',
    "            }",
    "            try {",
    "                service = (Service)context.lookup(name);",
]


def test_a_removed_scheme_check_before_a_jndi_lookup_is_a_finding():
    diff = _hunk("src/ServiceFactory.java", AXIS_BEFORE, AXIS_GUARD, AXIS_AFTER)
    assert _findings(diff) == [(SINK_RULE, "code-injection", 3)]


def test_the_jndi_check_added_kept_or_only_a_null_test_is_quiet():
    # the fixing change adds the check
    assert _findings(_hunk("src/ServiceFactory.java", AXIS_BEFORE, [], AXIS_AFTER, AXIS_GUARD)) == []
    # the check rewritten: the predicate is still called on an added line
    moved = _hunk(
        "src/ServiceFactory.java",
        AXIS_BEFORE,
        AXIS_GUARD,
        AXIS_AFTER,
        ['            if (name != null && name.toUpperCase().indexOf("JAVA:") != 0) { return null; }'],
    )
    assert _findings(moved) == []
    # a null test alone decides nothing about what the name points at
    null_only = ["            if (name == null) {", "                return null;", "            }"]
    assert _findings(_hunk("src/ServiceFactory.java", AXIS_BEFORE, null_only, AXIS_AFTER[3:])) == []


def test_a_validator_replaced_by_a_weaker_test_before_a_redirect_is_a_finding():
    """gogs afterLogin: `if tool.IsSameSiteURLPath(redirectTo)` became `if len(redirectTo) > 0`."""
    before = ['	redirectTo, _ := url.QueryUnescape(c.GetCookie("redirect_to"))']
    diff = _hunk(
        "internal/route/user/auth.go",
        before,
        ["	if tool.IsSameSiteURLPath(redirectTo) {", "		c.Redirect(redirectTo)"],
        ["		return", "	}"],
        ["	if len(redirectTo) > 0 {", "		c.RedirectSubpath(redirectTo)"],
    )
    assert _findings(diff) == [(SINK_RULE, "open-redirect", 2)]
    # the validator kept (the other direction of the same change) is quiet
    fixed = _hunk(
        "internal/route/user/auth.go",
        before,
        ["	if len(redirectTo) > 0 {", "		c.RedirectSubpath(redirectTo)"],
        ["		return", "	}"],
        ["	if tool.IsSameSiteURLPath(redirectTo) {", "		c.Redirect(redirectTo)"],
    )
    assert _findings(fixed) == []


def test_a_removed_allow_list_before_an_order_clause_is_a_finding():
    guard = [
        "		if !allowedOrderColumns[orderBy] {",
        '			return g.Order("created_at desc")',
        "		}",
    ]
    after = ['		return g.Order(fmt.Sprintf("%s %s", orderBy, order))']
    assert _findings(_hunk("repo/common.go", ["	return func(g *gorm.DB) *gorm.DB {"], guard, after)) == [
        (SINK_RULE, "sql-injection", 2)
    ]


def test_an_unsafe_named_call_or_a_syscall_exec_is_no_validated_sink():
    """runc's setns init: `utils.UnsafeCloseFrom` is not a validator, `system.Exec` is no SQL."""
    guard = [
        "	if err := utils.UnsafeCloseFrom(l.config.PassedFilesCount + 3); err != nil {",
        "		return err",
        "	}",
    ]
    after = ["	return system.Exec(name, l.config.Args, os.Environ())"]
    assert [r for r, _, _ in _findings(_hunk("setns_init_linux.go", [], guard, after))] == []


# netty DefaultHttpHeaders.validateHeaderNameElement (GHSA-fx2c-96vj-985v, trimmed): the
# file, group and record separators were added to the rejected characters
NETTY_REMOVED = ["        case 0x1c:", "        case 0x1d:"]
NETTY_AFTER = [
    "        case 0x00:",
    "        case ':':",
    "        case '=':",
    "            throw new IllegalArgumentException(",
]


def test_removed_labels_of_a_rejecting_switch_group_are_a_finding():
    diff = _hunk("DefaultHttpHeaders.java", ["        switch (value) {"], NETTY_REMOVED, NETTY_AFTER)
    assert _findings(diff) == [(CASE_RULE, "input-validation", 2)]


def test_labels_of_an_accepting_group_or_moved_labels_are_quiet():
    mapping = ["        case 0x00:", '            return "nul";']
    assert _findings(_hunk("Names.java", ["        switch (value) {"], NETTY_REMOVED, mapping)) == []
    moved = _hunk(
        "DefaultHttpHeaders.java", ["        switch (value) {"], NETTY_REMOVED, NETTY_AFTER[:1], NETTY_REMOVED
    )
    assert _findings(moved) == []
    # the group's body went with the labels (a whole case deleted): nothing it rejected stands
    whole = ["        case 0x1c:", "            throw new IllegalArgumentException();"]
    assert (
        _findings(
            _hunk("A.java", ["        switch (value) {"], whole, ["        default:", "            break;"])
        )
        == []
    )


def test_a_sanitiser_unwrapped_from_a_redirect_target_is_a_finding():
    """echo's AddTrailingSlash middleware (open redirect via `//evil.com`, trimmed): the target
    went through sanitizeURI, which collapses leading slashes and backslashes."""
    before = ["\t\t\t\tif config.RedirectCode != 0 {"]
    diff = _hunk(
        "middleware/slash.go",
        before,
        ["\t\t\t\t\treturn c.Redirect(config.RedirectCode, sanitizeURI(uri))"],
        ["\t\t\t\t}"],
        ["\t\t\t\t\treturn c.Redirect(config.RedirectCode, uri)"],
    )
    assert _findings(diff) == [(SANITIZER_RULE, "open-redirect", 2)]
    # the fixing direction adds the call; a null check unwrapped or a call renamed is no sanitiser removed
    fixed = _hunk(
        "middleware/slash.go",
        before,
        ["\t\t\t\t\treturn c.Redirect(config.RedirectCode, uri)"],
        ["\t\t\t\t}"],
        ["\t\t\t\t\treturn c.Redirect(config.RedirectCode, sanitizeURI(uri))"],
    )
    assert _findings(fixed) == []
    null_check = _hunk(
        "Req.java", [], ['        this.uri = checkNotNull(uri, "uri");'], [], ["        this.uri = uri;"]
    )
    assert _findings(null_check) == []
    renamed = _hunk("a.go", [], ["\treturn sanitizeURI(uri)"], [], ["\treturn cleanURI(uri)"])
    assert _findings(renamed) == []


def test_checked_command_arguments_unwrapped_are_a_finding():
    """Apache Kylin migrateCube (CVE-2020-1956, trimmed): each argument of the command line went
    through CliCommandExecutor.checkParameter."""
    diff = _hunk(
        "CubeService.java",
        ["        String cmd = String.format(Locale.ROOT, template, KylinConfig.getKylinHome(),"],
        [
            "                CliCommandExecutor.checkParameter(srcCfgUri),"
            " CliCommandExecutor.checkParameter(dstCfgUri),",
            "                CliCommandExecutor.checkParameter(projectName));",
        ],
        ["        exec.execute(cmd, patternedLogger);"],
        ["                srcCfgUri, dstCfgUri, projectName);"],
    )
    assert [r for r, _, _ in _findings(diff)] == [SANITIZER_RULE]


def test_a_security_term_dropped_from_a_condition_is_a_finding():
    """doorkeeper PreAuthorization (CVE-2023-34246, trimmed): skipping the consent screen for a
    matching token was limited to confidential clients."""
    fixed = "      if skip_authorization? || (matching_token? && pre_auth.client.application.confidential?)"
    vulnerable = "      if skip_authorization? || matching_token?"
    diff = _hunk(
        "app/controllers/doorkeeper/authorizations_controller.rb", ["    def new"], [fixed], [], [vulnerable]
    )
    assert _findings(diff) == [(CONDITION_RULE, "incorrect-authorization", 2)]
    # the fixing direction adds the term; an `||` alternative dropped narrows the branch
    assert _findings(_hunk("a.rb", ["    def new"], [vulnerable], [], [fixed])) == []
    narrowed = _hunk(
        "a.rb", ["    def new"], ["      if valid? || skip_validation?"], [], ["      if valid?"]
    )
    assert _findings(narrowed) == []


def test_a_file_mode_widened_in_place_is_a_finding():
    """containerd's root directory (GHSA-c9cp-9c75-9v8c, trimmed): 0711 let other users traverse it."""
    fixed = [
        "    if err := sys.MkdirAllWithACL(config.Root, 0700); err != nil {",
        "        return err",
        "    }",
    ]
    vulnerable = ["    if err := sys.MkdirAllWithACL(config.Root, 0711); err != nil {"]
    diff = _hunk(
        "services/server/server.go", ["func New() error {"], fixed, ["        return err"], vulnerable
    )
    assert _findings(diff) == [(MODE_RULE, "insecure-permissions", 2)]
    # narrowed (the fix), a umask, or a number that is no mode of a file call, is quiet
    assert _findings(_hunk("server.go", [], vulnerable, [], fixed[:1])) == []
    assert _findings(_hunk("main.go", [], ["    syscall.Umask(0022)"], [], ["    syscall.Umask(0077)"])) == []
    assert _findings(_hunk("main.go", [], ["    retries := 0700"], [], ["    retries := 0711"])) == []
