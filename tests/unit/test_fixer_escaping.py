"""The escaping fixer: HTML built from a value goes through the framework's own escaping (html/template,
the Java encoder the file imports, React text children, Rails content_tag), and only where that
escaping is already at hand; every fix passes the real verifier. Vulnerable files come from the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from bot.analysis import fixers
from bot.analysis.fixers import escaping
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = [
    ("go-xss-vuln-3", "internal/web/search.go", "searchTmpl.Execute", '"html/template"'),
    ("java-xss-vuln-1", "src/main/java/com/acme/web/GreetingServlet.java", "Hello, ",
     'out.println("<h1>Hello, " + Encode.forHtml(name) + "!</h1>");'),
    ("rb-xss-vuln-1", "app/controllers/reports_controller.rb", "html_safe",
     "helpers.content_tag(:p, report.summary)"),
    ("ts-xss-vuln-3", "web/src/components/CommentItem.tsx", "dangerouslySetInnerHTML",
     '<div className="comment-body">{comment.body}</div>'),
]  # fmt: skip


def _file(case: str, rel: str):
    return new_file((CORPUS / case / "after" / rel).read_text(encoding="utf-8"), f"{case}/{rel}")


@pytest.mark.parametrize(("case", "rel", "needle", "expected"), CASES)
def test_the_value_goes_through_the_frameworks_escaping(case, rel, needle, expected):
    sf = _file(case, rel)
    finding = finding_at(sf, needle, "xss")
    out = fixers.propose(finding, {sf.path: sf})
    assert out.replacement is not None
    assert expected in [row.strip() for row in out.replacement.splitlines()]
    assert out.start_line <= finding.start_line <= out.end_line
    assert fixed_text(sf, finding) is not None


def test_every_escaping_fix_passes_verification(tmp_path):
    pairs = []
    for case, rel, needle, _ in CASES:
        sf = _file(case, rel)
        pairs.append((sf, finding_at(sf, needle, "xss")))
    assert [v.reason for v in verify_all(pairs, tmp_path) if not v.ok] == []


JAVA = (
    "import javax.servlet.http.HttpServletResponse;\n{imports}\nclass A {{\n"
    "  void f(HttpServletResponse r, String n) throws Exception {{\n"
    "    r.getWriter().println({arg});\n  }}\n}}\n"
)


@pytest.mark.parametrize(
    ("text", "path", "needle"),
    [
        # no encoder imported: which library to add is the developer's call
        (JAVA.format(imports="", arg='"<b>" + n + "</b>"'), "src/A.java", "println"),
        # already encoded
        (JAVA.format(imports="import org.owasp.encoder.Encode;", arg='"<b>" + Encode.forHtml(n) + "</b>"'),
         "src/A.java", "println"),
        # not HTML being built (no markup in a literal)
        (JAVA.format(imports="import org.owasp.encoder.Encode;", arg='"count: " + n'), "src/A.java",
         "println"),
        # a component may render children differently
        ("export const A = (p: any) => <Card dangerouslySetInnerHTML={{ __html: p.x }} />;\n", "src/a.tsx",
         "Card"),
        # html/template already
        ('package a\n\nimport (\n\t"html/template"\n\t"net/http"\n)\n\n'
         'var t = template.Must(template.New("x").Parse("{{.}}"))\n\n'
         "func h(w http.ResponseWriter, r *http.Request) {\n\tt.Execute(w, r.URL.Path)\n}\n",
         "a.go", "t.Execute"),
        # attributes on the tag, or two values: by hand
        ('class A\n  def f(x)\n    "<p class=\\"a\\">#{x}</p>".html_safe\n  end\nend\n', "app/helpers/a.rb",
         "html_safe"),
        ('class A\n  def f(x, y)\n    "<p>#{x}#{y}</p>".html_safe\n  end\nend\n', "app/helpers/a.rb",
         "html_safe"),
        # a model or a library: no view helpers there
        ('class A\n  def f(x)\n    "<p>#{x}</p>".html_safe\n  end\nend\n', "app/models/a.rb", "html_safe"),
    ],
)  # fmt: skip
def test_no_fix_where_the_escaping_is_not_at_hand_or_already_done(text, path, needle):
    sf = new_file(text, path)
    assert fixers.propose(finding_at(sf, needle, "xss"), {sf.path: sf}).replacement is None


def test_odd_formatting_a_helper_module_and_a_call_inside_the_value():
    sf = new_file(
        'module AHelper\n  def f(r)\n    "<em>#{ r.title(1) }</em>".html_safe\n  end\nend\n',
        "app/helpers/a.rb",
    )
    patched = fixed_text(sf, finding_at(sf, "html_safe", "xss"))
    assert patched is not None
    assert patched.splitlines()[2] == "    content_tag(:em, r.title(1))"


RUBY = st.one_of(
    st.text(alphabet='"<>/p#{}x.html_safe ', max_size=60),
    # one tag around one interpolated value, the shape the fixer rewrites, with hostile pieces
    st.builds(
        '"<{}>#{{{}}}</{}>".html_safe'.format,
        st.sampled_from(["p", "em", "b", "p x", ""]),
        st.text(alphabet="ab.()<> ", min_size=1, max_size=12),
        st.sampled_from(["p", "em", "b"]),
    ),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example('"<p>#{r.title}</p>".html_safe')
@given(RUBY)
def test_untrusted_ruby_lines_never_crash_and_a_fix_keeps_the_value(line):
    sf = new_file(f"class A\n  def f(x)\n    {line}\n  end\nend\n", "app/helpers/a.rb")
    out = escaping.propose(finding_at(sf, sf.lines[2], "xss"), sf)
    if out is not None and out.replacement is not None:
        assert out.replacement.strip().startswith("content_tag(:")
        assert ".html_safe" not in out.replacement
        # the tag and the interpolated value, whole: content_tag(:tag, value)
        inner = line[line.index('"<') + 2 : line.index('".html_safe')]
        tag, _, rest = inner.partition(">")
        value = rest[rest.index("#{") + 2 : rest.rindex("}")].strip()
        assert out.replacement.strip() == f"content_tag(:{tag}, {value})", (line, out.replacement)
        event("fixed")
