"""Scanner-style checks in the rule pack (the well-known gosec, eslint-plugin-security and
find-sec-bugs checks the flow rules do not cover): every marked line of realistic code is flagged by
its rule (a `// VULN rule-id` comment on the line before) or left alone by it (`// SAFE rule-id`). One
review of all the files."""

from __future__ import annotations

import re

import pytest

from bot.analysis.pipeline import review_change
from bot.config.settings import Settings
from bot.core.diffmap import parse_diff

GO = """\
package server

import (
	"archive/zip"
	"compress/gzip"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

func dial(user, host string) (*ssh.Client, error) {
	// VULN go-ssh-insecure-host-key
	cfg := &ssh.ClientConfig{User: user, HostKeyCallback: ssh.InsecureIgnoreHostKey()}
	return ssh.Dial("tcp", host, cfg)
}

func dialAny(user, host string) (*ssh.Client, error) {
	cfg := &ssh.ClientConfig{
		User: user,
		// VULN go-ssh-insecure-host-key
		HostKeyCallback: func(h string, a net.Addr, k ssh.PublicKey) error { return nil },
	}
	return ssh.Dial("tcp", host, cfg)
}

func dialKnown(user, host, path string) (*ssh.Client, error) {
	cb, err := knownhosts.New(path)
	if err != nil {
		return nil, err
	}
	// SAFE go-ssh-insecure-host-key
	cfg := &ssh.ClientConfig{User: user, HostKeyCallback: cb}
	return ssh.Dial("tcp", host, cfg)
}

func tlsConfigs() (*tls.Config, *tls.Config) {
	// VULN go-tls-old-protocol-version
	legacy := &tls.Config{MinVersion: tls.VersionTLS10}
	// SAFE go-tls-old-protocol-version
	modern := &tls.Config{MinVersion: tls.VersionTLS12}
	return legacy, modern
}

func serve(addr string, h http.Handler) error {
	// VULN go-http-server-without-timeouts
	go http.ListenAndServe(":6060", nil)
	// VULN go-http-server-without-timeouts
	srv := &http.Server{Addr: addr, Handler: h}
	_ = srv
	// SAFE go-http-server-without-timeouts
	good := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}
	return good.ListenAndServe()
}

func prepare(root string, data []byte) error {
	// VULN go-file-world-writable
	if err := os.MkdirAll(root, 0777); err != nil {
		return err
	}
	// SAFE go-file-world-writable
	if err := os.MkdirAll(root+"/cache", 0o755); err != nil {
		return err
	}
	// VULN go-file-world-writable
	if err := os.WriteFile(root+"/state", data, 0666); err != nil {
		return err
	}
	// SAFE go-file-world-writable
	return os.WriteFile(root+"/key", data, 0600)
}

func unpack(body io.Reader, out io.Writer, f *zip.File) error {
	zr, err := gzip.NewReader(body)
	if err != nil {
		return err
	}
	// VULN go-decompression-unbounded
	if _, err := io.Copy(out, zr); err != nil {
		return err
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	// SAFE go-decompression-unbounded
	_, err = io.Copy(out, io.LimitReader(rc, 10<<20))
	return err
}
"""

JAVA = """\
package com.acme.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.thoughtworks.xstream.XStream;
import java.beans.XMLDecoder;
import java.io.InputStream;
import javax.net.ssl.SSLContext;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

public class Importer {
    private final ObjectMapper mapper = new ObjectMapper();

    public Object fromBeans(InputStream in) {
        // VULN java-deserialization-unsafe-library
        XMLDecoder decoder = new XMLDecoder(in);
        return decoder.readObject();
    }

    public Object fromXml(String xml) {
        XStream xstream = new XStream();
        // VULN java-deserialization-unsafe-library
        return xstream.fromXML(xml);
    }

    public Object fromXmlAllowed(String xml) {
        XStream xstream = new XStream();
        xstream.allowTypes(new Class[] {Order.class});
        // SAFE java-deserialization-unsafe-library
        return xstream.fromXML(xml);
    }

    public Object fromYaml(String doc) {
        // VULN java-deserialization-unsafe-library
        return new Yaml().load(doc);
    }

    public Object fromYamlSafe(String doc) {
        // SAFE java-deserialization-unsafe-library
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(doc);
    }

    public void polymorphic() {
        // VULN java-deserialization-unsafe-library
        mapper.enableDefaultTyping();
    }

    public Object evaluate(String expression) {
        ExpressionParser parser = new SpelExpressionParser();
        // SAFE java-expression-injection-construction
        Object total = parser.parseExpression("items.size()").getValue(this);
        // VULN java-expression-injection-construction
        return parser.parseExpression(expression).getValue(this);
    }

    public SSLContext legacyContext() throws Exception {
        // VULN java-tls-old-protocol
        return SSLContext.getInstance("TLSv1");
    }

    public SSLContext context() throws Exception {
        // SAFE java-tls-old-protocol
        return SSLContext.getInstance("TLSv1.3");
    }

    protected void configure(HttpSecurity http) throws Exception {
        // VULN diff-removed-csrf-opt-out
        http.csrf(AbstractHttpConfigurer::disable);
        // SAFE diff-removed-csrf-opt-out
        http.csrf(csrf -> csrf.ignoringRequestMatchers("/webhooks/**"));
    }
}
"""

JS = """\
'use strict';
const crypto = require('crypto');
const Handlebars = require('handlebars');
const nunjucks = require('nunjucks');

function copyValue(val) {
  // VULN js-buffer-constructor-non-literal
  const legacy = new Buffer(val.length);
  // SAFE js-buffer-constructor-non-literal
  const exact = Buffer.from(val);
  // SAFE js-buffer-constructor-non-literal
  const literal = new Buffer('ok');
  // SAFE js-buffer-constructor-non-literal
  const compat = Buffer.alloc ? Buffer.alloc(val.length) : new Buffer(val.length);
  return [legacy, exact, literal, compat];
}

function parseHeader(buf, offset) {
  // VULN js-buffer-no-assert
  const length = buf.readUInt32BE(offset, true);
  // SAFE js-buffer-no-assert
  const kind = buf.readUInt16LE(offset + 4);
  // VULN js-buffer-no-assert
  buf.writeInt32LE(length, offset + 6, true);
  return { length, kind };
}

function newToken() {
  // VULN js-pseudo-random-bytes
  const weak = crypto.pseudoRandomBytes(32).toString('hex');
  // SAFE js-pseudo-random-bytes
  const strong = crypto.randomBytes(32).toString('hex');
  return [weak, strong];
}

function render(source) {
  // VULN js-template-escaping-disabled
  const raw = Handlebars.compile(source, { noEscape: true });
  // SAFE js-template-escaping-disabled
  const escaped = Handlebars.compile(source, { strict: true });
  // VULN js-template-escaping-disabled
  nunjucks.configure('views', { autoescape: false });
  // SAFE js-template-escaping-disabled
  nunjucks.configure('views', { autoescape: true });
  return [raw, escaped];
}

module.exports = { copyValue, parseHeader, newToken, render };
"""

PY = """\
import os
from pathlib import Path


def prepare(root, name):
    # VULN py-permissive-file-mode
    os.makedirs(os.path.join(root, "spool"), mode=0o777, exist_ok=True)
    # SAFE py-permissive-file-mode
    os.makedirs(os.path.join(root, "bin"), 0o755, exist_ok=True)
    # SAFE py-permissive-file-mode
    os.makedirs(os.path.join(root, "cache"), exist_ok=True)
    # VULN py-permissive-file-mode
    fd = os.open(os.path.join(root, name), os.O_CREAT | os.O_WRONLY, 0o666)
    # SAFE py-permissive-file-mode
    key = os.open(os.path.join(root, "key"), os.O_CREAT | os.O_WRONLY, 0o600)
    # VULN py-permissive-file-mode
    Path(root, "plugins").mkdir(mode=0o775, parents=True)
    # SAFE py-permissive-file-mode
    old = os.umask(0o077)
    # VULN py-permissive-file-mode
    os.umask(0)
    return fd, key, old
"""
FILES = {
    "server/serve.go": GO,
    "src/main/java/com/acme/importer/Importer.java": JAVA,
    "lib/codec.js": JS,
    "app/spool.py": PY,
}
_MARK = re.compile(r"^\s*(?://|#) (VULN|SAFE) ([a-z0-9-]+)$")


def _diff(files: dict[str, str]) -> str:
    out = []
    for path, code in files.items():
        lines = code.splitlines()
        out.append(
            f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
            f"@@ -0,0 +1,{len(lines)} @@\n" + "".join(f"+{line}\n" for line in lines)
        )
    return "".join(out)


def _marks() -> list[tuple[str, int, str, str]]:
    out = []
    for path, code in FILES.items():
        for n, line in enumerate(code.splitlines(), 1):
            m = _MARK.search(line)
            if m:
                out.append((path, n + 1, m.group(1), m.group(2)))  # the marked line is the next one
    return out


@pytest.fixture(scope="module")
def flagged() -> dict[tuple[str, int], set[str]]:
    review = review_change(parse_diff(_diff(FILES)), None, Settings())
    out: dict[tuple[str, int], set[str]] = {}
    for rf in review.findings:
        f = rf.finding
        for n in range(f.start_line, f.end_line + 1):
            out.setdefault((f.path, n), set()).add(f.rule_id)
    return out


def test_every_rule_has_a_true_and_a_false_case():
    kinds: dict[str, set[str]] = {}
    for _, _, kind, rule in _marks():
        kinds.setdefault(rule, set()).add(kind)
    assert len(kinds) == 14  # 13 rules and the CSRF opt-out of removed_controls
    assert all(k == {"VULN", "SAFE"} for k in kinds.values()), kinds


@pytest.mark.parametrize(("path", "line", "kind", "rule"), _marks())
def test_marked_line(flagged, path, line, kind, rule):
    got = flagged.get((path, line), set())
    if kind == "VULN":
        assert rule in got, (path, line, got)
    else:
        assert rule not in got, (path, line, got)
