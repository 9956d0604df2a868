"""Ruby lines a change adds that build code, SQL, regexes or secrets unsafely (bot.analysis.ruby_diff)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.ruby_diff import CHECKS, PATTERNS, find_ruby_diff, line_rules, rule_ids
from bot.core.diffmap import parse_diff
from bot.core.models import Confidence

# (line, the rule it triggers or None): shapes from Rails apps and Ruby libraries
CASES = [
    # CWE-185: rack's directory listing and sendfile mapping interpolated a root without escaping
    ("show_path = Utils.escape_html(path.sub(/^#{root}/, ''))", "rb-regex-interpolation"),
    ("new_path = path.sub(/\\A#{internal}/i, external)", "rb-regex-interpolation"),
    ("allowed = Regexp.new(prefix)", "rb-regex-interpolation"),
    ("show_path = Utils.escape_html(path.sub(/\\A#{Regexp.escape(root)}/, ''))", None),
    ("pattern_after_tag = /(?!\\A)#{pattern}/", None),
    ('pattern = /(#{patterns.join("|")})/i', None),
    ('line.gsub(/(.{1,#{line_width}})(\\s+|$)/, "\\\\1\\n")', None),
    ("TOKEN = /\\A#{ALNUM}+\\z/", None),
    # CWE-625: line anchors in a format validation
    ("validates :email, format: /^[a-z0-9.]+@[a-z.]+$/", "rb-regex-line-anchor"),
    ("validates :slug, format: { with: /^[a-z-]+$/ }", "rb-regex-line-anchor"),
    ("validates :slug, format: { with: /\\A[a-z-]+\\z/ }", None),
    ("errors.add(:slug) unless slug =~ /\\A[a-z-]+\\z/", None),
    # CWE-94: dispatch by a non-constant name, evaluated values, inline templates
    ("@report.send(params[:column])", "rb-dynamic-dispatch"),
    ('record.public_send("#{attribute}=", value)', "rb-dynamic-dispatch"),
    ("exporter = params[:format].constantize", "rb-dynamic-dispatch"),
    ('klass = "#{type.camelize}Policy".safe_constantize', "rb-dynamic-dispatch"),
    ("Object.const_get(kind)", "rb-dynamic-dispatch"),
    ("record.send(:update_columns, attrs)", None),
    ('record.public_send("name")', None),
    ('"Admin::UsersController".constantize', None),
    ("Object.const_get(:Foo)", None),
    ("result = eval(expression)", "rb-eval-value"),
    ("model.instance_eval(snippet)", "rb-eval-value"),
    ("class_eval <<-RUBY, __FILE__, __LINE__ + 1", None),
    ("instance_eval(&block)", None),
    ("config.instance_eval { setup }", None),
    ("render inline: params[:template]", "rb-render-inline"),
    ('render inline: "<h1>#{title}</h1>"', "rb-render-inline"),
    ('render inline: "<p>Not found</p>", status: 404', None),
    # CWE-78: Kernel#open
    ("data = open(params[:source]).read", "rb-kernel-open"),
    ("body = URI.open(url).read", "rb-kernel-open"),
    ("File.open(path, 'rb') { |f| f.read }", None),
    ("open('config/settings.yml')", None),
    ("def open(path, mode = 'r')", None),
    ("def eval(expression)", None),
    # CWE-89: SQL text interpolated outside a query method's argument
    ("sql = \"SELECT * FROM users WHERE name = '#{name}'\"", "rb-sql-text-interpolation"),
    ('connection.execute("DELETE FROM sessions WHERE user_id = #{user_key}")', "rb-sql-text-interpolation"),
    ('sql = "SELECT * FROM users WHERE id = #{id.to_i}"', None),
    ('sql = "SELECT * FROM #{quoted_table_name} WHERE id = ?"', None),
    ('raise ArgumentError, "directory where uploads go: #{dir}"', None),
    # CWE-916 / CWE-338: fast hashes for passwords, predictable secrets
    ("self.password_digest = Digest::MD5.hexdigest(password)", "rb-weak-password-hash"),
    ('hashed = Digest::SHA1.hexdigest("#{salt}--#{pwd}")', "rb-weak-password-hash"),
    ("etag = Digest::MD5.hexdigest(body)", None),
    # CWE-1391: ruby-jwt verified HMAC with an empty key when none was given
    ("        key ||= ''", "rb-empty-secret-default"),
    ('    secret = options[:secret] || ""', "rb-empty-secret-default"),
    ("    key ||= default_key", None),
    ('    key_name = ""', None),
    ("self.reset_token = rand(36**20).to_s(36)", "rb-weak-random-secret"),
    ("otp = Array.new(6) { rand(10) }.join", "rb-weak-random-secret"),
    ("api_key = ('a'..'z').to_a.sample(32).join", "rb-weak-random-secret"),
    ("self.reset_token = SecureRandom.urlsafe_base64(32)", None),
    ("sleep(rand(5))", None),
    ("# token = rand(1000)", None),
]


@pytest.mark.parametrize(("line", "rule"), CASES)
def test_each_line_triggers_its_rule_and_look_alikes_stay_quiet(line, rule):
    assert list(line_rules(line)) == ([rule] if rule else [])


def _diff(path: str, removed: list[str], added: list[str]) -> str:
    body = "".join(f"-{ln}\n" for ln in removed) + "".join(f"+{ln}\n" for ln in added)
    header = f"@@ -1,{len(removed)} +1,{len(added)} @@\n"
    return f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n" + header + body


def test_findings_are_low_confidence_and_anchored_on_the_added_line():
    changeset = parse_diff(_diff("app/models/user.rb", ["x = 1"], ["x = 1", "token = rand(10**8)"]))
    (finding,) = find_ruby_diff(changeset)
    assert (finding.rule_id, finding.start_line, finding.cwe) == ("rb-weak-random-secret", 2, "CWE-338")
    assert finding.confidence is Confidence.LOW
    assert finding.category == "insecure-randomness"


def test_a_fix_that_keeps_the_same_call_is_not_flagged():
    """The fixing side of rack's regex case edits a line that interpolated before and still does."""
    before = ["new_path = path.sub(/\\A#{internal}/i, external)"]
    kept = ["new_path = path.sub(/\\A#{internal}/, external.to_s)"]
    assert find_ruby_diff(parse_diff(_diff("lib/rack/sendfile.rb", before, kept))) == []
    # one more than the hunk removed: all of them are reported
    more = [*kept, "other = path.sub(/^#{root}/, '')"]
    assert len(find_ruby_diff(parse_diff(_diff("lib/rack/sendfile.rb", before, more)))) == 2
    escaped = ["new_path = path.sub(/\\A#{Regexp.escape(internal)}/i, external)"]
    assert find_ruby_diff(parse_diff(_diff("lib/rack/sendfile.rb", before, escaped))) == []


def test_only_ruby_files_are_read():
    line = ["result = eval(expression)"]
    assert find_ruby_diff(parse_diff(_diff("lib/calc.py", [], line))) == []
    assert [f.rule_id for f in find_ruby_diff(parse_diff(_diff("lib/calc.rb", [], line)))] == [
        "rb-eval-value"
    ]


def test_every_rule_is_documented():
    assert set(rule_ids()) == set(CHECKS)
    assert {rule for _, rule in CASES if rule} == set(CHECKS)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=500))
def test_any_line_is_read_without_error(text):
    for rule in line_rules(text):
        assert rule in CHECKS


@pytest.mark.parametrize("atom", ["#{", "/#{a", "send(", "SELECT a FROM b WHERE c = ", "rand ", "a.", " "])
def test_adversarial_lines_are_linear(atom):
    line = (atom * (100_000 // len(atom)))[:100_000]
    start = time.perf_counter()
    list(line_rules(line[:400]))
    for pattern in PATTERNS:
        pattern.search(line)
    assert time.perf_counter() - start < 2.0
