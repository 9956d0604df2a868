"""The JWT fixer: a token read without checking its signature is checked with the key the file already
holds, and only then; every fix passes the real verifier. Vulnerable files come from the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from bot.analysis import fixers
from bot.analysis.fixers import jwt
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = [
    ("ts-jwt-verification-vuln-2", "src/auth/verifyToken.ts", "return jwt.verify", "algorithms: ['RS256'],"),
    ("java-jwt-verification-vuln-1", "src/main/java/com/acme/auth/TokenAuthenticator.java", "parseClaimsJwt",
     "Claims claims = Jwts.parser().setSigningKey(signingKey).parseClaimsJws(token).getBody();"),
    ("java-jwt-verification-vuln-2", "src/main/java/com/acme/auth/ApiKeyFilter.java", "JWT.decode",
     "DecodedJWT jwt = JWT.require(algorithm).build().verify(token);"),
    ("go-jwt-verification-vuln-2", "internal/auth/jwt.go", "jwt.ParseWithClaims",
     '}, jwt.WithValidMethods([]string{"HS256", "HS384", "HS512"}))'),
    ("go-jwt-verification-vuln-1", "internal/auth/jwt.go", "ParseUnverified",
     '_, err := jwt.NewParser(jwt.WithValidMethods([]string{"HS256", "HS384", "HS512"})).ParseWithClaims('
     "raw, claims, func(*jwt.Token) (interface{}, error) { return hmacSecret, nil })"),
]  # fmt: skip


def _file(case: str, rel: str):
    return new_file((CORPUS / case / "after" / rel).read_text(encoding="utf-8"), f"{case}/{rel}")


@pytest.mark.parametrize(("case", "rel", "needle", "expected"), CASES)
def test_an_unverified_token_is_verified_with_the_key_in_sight(case, rel, needle, expected):
    sf = _file(case, rel)
    finding = finding_at(sf, needle, "jwt-verification")
    out = fixers.propose(finding, {sf.path: sf})
    assert out.replacement is not None
    assert expected in [row.strip() for row in out.replacement.splitlines()]
    assert out.start_line <= finding.start_line <= out.end_line  # the comment stays on the flaw
    assert fixed_text(sf, finding) is not None  # it parses


def test_every_jwt_fix_passes_verification(tmp_path):
    pairs = []
    for case, rel, needle, _ in CASES:
        sf = _file(case, rel)
        pairs.append((sf, finding_at(sf, needle, "jwt-verification")))
    assert [v.reason for v in verify_all(pairs, tmp_path) if not v.ok] == []


GO_HEAD = 'package a\n\nimport "github.com/golang-jwt/jwt/v5"\n\n'


@pytest.mark.parametrize(
    ("text", "path", "needle"),
    [
        # no key in sight: jwt.decode stays advice
        ("const jwt = require('jsonwebtoken');\nconst c = jwt.decode(t);\n", "src/a.js", "jwt.decode"),
        # 'none' is the only algorithm: nothing to keep
        ("const c = jwt.verify(t, k, { algorithms: ['none'] });\n", "src/a.js", "jwt.verify"),
        # already without 'none'
        ("const c = jwt.verify(t, k, { algorithms: ['HS256'] });\n", "src/a.js", "jwt.verify"),
        # two keys in the class: which one signs is not known
        ("class A {\n  private Key a;\n  private Key b;\n  Claims c(String t) {\n"
         "    return Jwts.parser().parseClaimsJwt(t).getBody();\n  }\n}\n", "src/A.java", "parseClaimsJwt"),
        # already restricted
        (GO_HEAD + 'var k = []byte("x")\n\nfunc f(s string) {\n\tjwt.Parse(s, func(t *jwt.Token) '
         "(interface{}, error) { return k, nil }, jwt.WithValidMethods([]string{\"HS256\"}))\n}\n", "a.go",
         "jwt.Parse"),
        # the key function returns an RSA key: HMAC would be wrong
        (GO_HEAD + "var pub = loadKey()\n\nfunc f(s string) {\n\tjwt.Parse(s, func(t *jwt.Token) "
         "(interface{}, error) { return pub, nil })\n}\n", "a.go", "jwt.Parse"),
        # the parts of an unverified token are used: by hand
        (GO_HEAD + 'var secretKey = []byte("x")\n\nfunc f(s string) {\n\ttok, parts, err := '
         "jwt.NewParser().ParseUnverified(s, jwt.MapClaims{})\n\t_, _, _ = tok, parts, err\n}\n", "a.go",
         "ParseUnverified"),
    ],
)  # fmt: skip
def test_no_fix_without_a_known_key_or_when_already_checked(text, path, needle):
    sf = new_file(text, path)
    assert fixers.propose(finding_at(sf, needle, "jwt-verification"), {sf.path: sf}).replacement is None


def test_odd_formatting_double_quotes_and_upper_case_none():
    sf = new_file('const c = jwt.verify(t, k, {algorithms:["NONE","ES256" ,"RS256"]});\n', "src/a.js")
    patched = fixed_text(sf, finding_at(sf, "jwt.verify", "jwt-verification"))
    assert patched == 'const c = jwt.verify(t, k, {algorithms:["ES256", "RS256"]});\n'


_ALG = st.sampled_from(["'none'", '"NONE"', "'None'", "'HS256'", '"RS256"', "'ES256'", "'none '", "'x,y'"])
JS = st.one_of(
    st.text(alphabet="jwt.verify(){}[]'\",: nonealgorithmsHS256\n", max_size=120),
    # a jwt.verify call with an algorithms list, the shape the fixer rewrites
    st.builds(
        "const c = jwt.verify(t, k, {{ {}: [{}] }});\n".format,
        st.sampled_from(["algorithms", "'algorithms'", "algorithm"]),
        st.lists(_ALG, max_size=5).map(", ".join),
    ),
)


def _algorithms(text: str) -> list[str]:
    inside = text[text.index("[") + 1 : text.index("]")]
    return [a.strip() for a in inside.split(", ") if a.strip()]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example("const c = jwt.verify(t, k, { algorithms: ['HS256', 'none'] });\n")
@given(JS)
def test_untrusted_javascript_never_crashes_and_never_drops_every_algorithm(text):
    sf = new_file(text, "src/a.js")
    for n in range(1, len(sf.lines) + 1):
        finding = finding_at(sf, sf.lines[n - 1], "jwt-verification")
        out = jwt.propose(finding, sf)
        if out is not None and out.replacement is not None:
            assert "algorithms: []" not in out.replacement and "algorithms:[]" not in out.replacement
            # exactly the algorithms other than none are kept, in their order
            before = _algorithms(sf.lines[n - 1])
            assert _algorithms(out.replacement) == [a for a in before if a[1:-1].lower() != "none"] != []
            event("fixed")
