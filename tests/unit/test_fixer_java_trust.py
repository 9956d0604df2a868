"""The Java trust-all fixer: an anonymous X509TrustManager with an empty checkServerTrusted, used only in
SSLContext.init, becomes a TrustManagerFactory over the method's KeyStore (or the JVM's default trust
store); other shapes are left alone; the fix passes the real verifier and (where javac is installed)
compiles."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

HEAD = (
    "package com.acme.http;\n\nimport java.security.KeyStore;\nimport java.security.cert.X509Certificate;\n"
    "import javax.net.ssl.SSLContext;\nimport javax.net.ssl.TrustManager;\n"
    "import javax.net.ssl.TrustManagerFactory;\nimport javax.net.ssl.X509TrustManager;\n\n"
    "public final class PartnerTls {\n"
)
TRUST_ALL = (
    "        X509TrustManager tm = new X509TrustManager() {\n"
    "            @Override\n"
    "            public void checkClientTrusted(X509Certificate[] chain, String authType) {\n"
    "            }\n\n"
    "            @Override\n"
    "            public void checkServerTrusted(X509Certificate[] chain, String authType) {\n"
    "            }\n\n"
    "            @Override\n            public X509Certificate[] getAcceptedIssuers() {\n"
    "                return new X509Certificate[0];\n            }\n        };\n"
)
BODY = (
    TRUST_ALL + '        SSLContext ctx = SSLContext.getInstance("TLS");\n'
    "        ctx.init(null, new TrustManager[] {tm}, null);\n        return ctx;\n    }\n}\n"
)
PARTNER = HEAD + "    public static SSLContext context(KeyStore partnerCa) throws Exception {\n" + BODY
FACTORY = (
    "        TrustManagerFactory tmf = "
    "TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());\n"
)


def _fix(text: str) -> str | None:
    sf = new_file(text, "src/main/java/com/acme/http/PartnerTls.java")
    return fixed_text(sf, finding_at(sf, "public void checkServerTrusted", "tls-verification"))


def test_the_callers_ca_is_trusted_instead_of_everything():
    assert _fix(PARTNER) == PARTNER.replace(TRUST_ALL, FACTORY + "        tmf.init(partnerCa);\n").replace(
        "new TrustManager[] {tm}", "tmf.getTrustManagers()"
    )


def test_without_a_keystore_the_default_trust_store_applies_and_the_import_is_qualified():
    text = (
        HEAD
        + "    public static SSLContext context() throws java.security.GeneralSecurityException {\n"
        + BODY
    )
    text = text.replace("import javax.net.ssl.TrustManagerFactory;\n", "")
    out = _fix(text)
    assert out is not None
    qualified = FACTORY.replace("TrustManagerFactory", "javax.net.ssl.TrustManagerFactory")
    assert qualified + "        tmf.init((java.security.KeyStore) null);\n" in out
    assert "checkServerTrusted" not in out


@pytest.mark.parametrize(
    "change",
    [
        ("throws Exception", ""),  # KeyStoreException would be a new checked exception
        ("KeyStore partnerCa)", "KeyStore a, KeyStore b)"),  # which CA? a person decides
        ("        return ctx;\n", "        LAST = tm;\n        return ctx;\n"),  # used elsewhere
        (  # it does check something
            "String authType) {\n            }\n\n            @Override\n            public X509",
            "String authType) {\n                verify(chain);\n            }\n\n            @Override\n"
            "            public X509",
        ),
    ],
)
def test_shapes_left_alone(change):
    text = PARTNER.replace(*change)
    assert text != PARTNER
    assert _fix(text) is None


def test_the_fix_passes_the_real_verifier(tmp_path):
    sf = new_file(PARTNER, "src/main/java/com/acme/http/PartnerTls.java")
    verdicts = verify_all(
        [(sf, finding_at(sf, "public void checkServerTrusted", "tls-verification"))], tmp_path
    )
    assert [(v.ok, v.reason) for v in verdicts] == [(True, "")]


@pytest.mark.skipif(shutil.which("javac") is None, reason="javac is not installed")
def test_the_fixed_class_compiles(tmp_path):
    out = _fix(PARTNER)
    assert out is not None
    source = tmp_path / "PartnerTls.java"
    source.write_text(out, encoding="utf-8")
    done = subprocess.run(
        ["javac", "-d", str(tmp_path / "classes"), str(source)],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
