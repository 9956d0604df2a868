"""The settings fixer (issue 12): an insecure option on the flagged line becomes its safe value, Java XML
factories get DOCTYPEs refused right after their creation, and every fix passes the real verifier."""

from __future__ import annotations

import pytest

from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

# (path, vulnerable text, needle on the flagged line, category, expected text)
CASES = [
    (
        "mail/imap.py",
        "import ssl\n\n\ndef ctx():\n    c = ssl.create_default_context()\n    c.check_hostname = False\n"
        "    c.verify_mode = ssl.CERT_NONE\n    return c\n",
        "check_hostname",
        "tls-verification",
        "import ssl\n\n\ndef ctx():\n    c = ssl.create_default_context()\n    c.check_hostname = True\n"
        "    c.verify_mode = ssl.CERT_NONE\n    return c\n",
    ),
    (
        "mail/imap2.py",
        "import ssl\n\n\ndef ctx():\n    c = ssl.create_default_context()\n"
        "    c.verify_mode = ssl.CERT_NONE\n"
        "    return c\n",
        "CERT_NONE",
        "tls-verification",
        "import ssl\n\n\ndef ctx():\n    c = ssl.create_default_context()\n"
        "    c.verify_mode = ssl.CERT_REQUIRED\n"
        "    return c\n",
    ),
    (
        "lib/css_fetch.rb",
        'require "net/http"\n\ndef read(uri)\n  http = Net::HTTP.new(uri.host, uri.port)\n'
        "  http.use_ssl = true\n"
        "  http.verify_mode = OpenSSL::SSL::VERIFY_NONE\n"
        "  http.request(Net::HTTP::Get.new(uri.request_uri)).body\n"
        "end\n",
        "VERIFY_NONE",
        "tls-verification",
        'require "net/http"\n\ndef read(uri)\n  http = Net::HTTP.new(uri.host, uri.port)\n'
        "  http.use_ssl = true\n"
        "  http.verify_mode = OpenSSL::SSL::VERIFY_PEER\n"
        "  http.request(Net::HTTP::Get.new(uri.request_uri)).body\n"
        "end\n",
    ),
    (
        "billing/imp.py",
        "from flask import request\nfrom lxml import etree\n\n\ndef f():\n"
        "    parser = etree.XMLParser(resolve_entities=True, no_network=False)\n"
        "    return etree.fromstring(request.get_data(), parser)\n",
        "XMLParser",
        "xxe",
        "from flask import request\nfrom lxml import etree\n\n\ndef f():\n"
        "    parser = etree.XMLParser(resolve_entities=False, no_network=True)\n"
        "    return etree.fromstring(request.get_data(), parser)\n",
    ),
    (
        "src/routes/import.js",
        "const libxmljs = require('libxmljs');\n\nfunction f(req) {\n"
        "  return libxmljs.parseXml(req.body, { noent: true, noblanks: true });\n}\nmodule.exports = f;\n",
        "noent",
        "xxe",
        "const libxmljs = require('libxmljs');\n\nfunction f(req) {\n"
        "  return libxmljs.parseXml(req.body, { noent: false, noblanks: true });\n}\nmodule.exports = f;\n",
    ),
    (
        "src/main/java/com/acme/Imp.java",
        "package com.acme;\n\nimport java.io.InputStream;\nimport javax.xml.parsers.DocumentBuilder;\n"
        "import javax.xml.parsers.DocumentBuilderFactory;\nimport org.w3c.dom.Document;\n\n"
        "public class Imp {\n"
        "    public Document read(InputStream upload) throws Exception {\n"
        "        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();\n"
        "        DocumentBuilder builder = factory.newDocumentBuilder();\n"
        "        return builder.parse(upload);\n"
        "    }\n}\n",
        "newDocumentBuilder",
        "xxe",
        "package com.acme;\n\nimport java.io.InputStream;\nimport javax.xml.parsers.DocumentBuilder;\n"
        "import javax.xml.parsers.DocumentBuilderFactory;\nimport org.w3c.dom.Document;\n\n"
        "public class Imp {\n"
        "    public Document read(InputStream upload) throws Exception {\n"
        "        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();\n"
        '        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);\n'
        "        DocumentBuilder builder = factory.newDocumentBuilder();\n"
        "        return builder.parse(upload);\n"
        "    }\n}\n",
    ),
    (
        "src/api/pipelines.ts",
        "import { Router } from 'express';\nimport yaml from 'js-yaml';\n\nexport const r = Router();\n"
        "r.post('/p', async (req, res) => {\n  const text = String(req.body.definition ?? '');\n"
        "  const spec = yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA });\n  res.json(spec);\n});\n",
        "yaml.load",
        "deserialization",
        "import { Router } from 'express';\nimport yaml from 'js-yaml';\n\nexport const r = Router();\n"
        "r.post('/p', async (req, res) => {\n  const text = String(req.body.definition ?? '');\n"
        "  const spec = yaml.load(text, { schema: yaml.DEFAULT_SAFE_SCHEMA });\n  res.json(spec);\n});\n",
    ),
    (
        "api/__init__.py",
        "from flask import Flask\nfrom flask_cors import CORS\n\n\ndef create_app() -> Flask:\n"
        '    app = Flask(__name__)\n    CORS(app, origins="*", supports_credentials=True)\n    return app\n',
        "CORS(app",
        "permissive-cors",
        "from flask import Flask\nfrom flask_cors import CORS\n\n\ndef create_app() -> Flask:\n"
        '    app = Flask(__name__)\n    CORS(app, origins="*")\n    return app\n',
    ),
    (
        "src/app.js",
        "const express = require('express');\nconst cors = require('cors');\n\nconst app = express();\n"
        "app.use(cors({ origin: true, credentials: true, maxAge: 600 }));\nmodule.exports = app;\n",
        "cors({",
        "permissive-cors",
        "const express = require('express');\nconst cors = require('cors');\n\nconst app = express();\n"
        "app.use(cors({ origin: true, maxAge: 600 }));\nmodule.exports = app;\n",
    ),
]


@pytest.mark.parametrize(("path", "text", "needle", "category", "expected"), CASES, ids=[c[0] for c in CASES])
def test_the_insecure_setting_becomes_the_safe_one(path, text, needle, category, expected):
    sf = new_file(text, path)
    assert fixed_text(sf, finding_at(sf, needle, category)) == expected


@pytest.mark.parametrize(
    ("path", "text", "needle", "category"),
    [
        (
            "a.py",
            "import ssl\n\n\ndef f(c):\n    c.check_hostname = True\n",
            "check_hostname",
            "tls-verification",
        ),
        ("a.js", "const o = { rejectUnauthorized: true };\n", "rejectUnauthorized", "tls-verification"),
        (
            "a.py",
            "from lxml import etree\n\nP = etree.XMLParser(resolve_entities=False, no_network=True)\n",
            "XMLParser",
            "xxe",
        ),
        (  # hardened already
            "src/A.java",
            "class A {\n    void f() throws Exception {\n"
            "        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();\n"
            '        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);\n'
            "        f.newDocumentBuilder();\n    }\n}\n",
            "newDocumentBuilder",
            "xxe",
        ),
        ("a.py", "import ssl\n\n\ndef f(c):\n    c.check_hostname = False\n", "check_hostname", "xxe"),
    ],
)
def test_safe_settings_and_other_classes_are_left_alone(path, text, needle, category):
    sf = new_file(text, path)
    assert fixed_text(sf, finding_at(sf, needle, category)) is None


def test_every_fix_passes_verification(tmp_path):
    pairs = []
    for path, text, needle, category, _ in CASES:
        sf = new_file(text, path)
        pairs.append((sf, finding_at(sf, needle, category)))
    verdicts = verify_all(pairs, tmp_path)
    assert [(p, v.reason) for (p, *_), v in zip(CASES, verdicts, strict=True)] == [(c[0], "") for c in CASES]


@pytest.mark.parametrize(
    ("path", "line"),
    [
        ("api/a.py", "CORS(app, origins=TRUSTED, supports_credentials=True)\n"),
        ("src/a.js", "app.use(cors({ origin: allowed, credentials: true }));\n"),
    ],
)
def test_credentials_with_named_origins_are_left_alone(path, line):
    sf = new_file(line, path)
    assert (
        fixed_text(sf, finding_at(sf, "cors" if path.endswith(".js") else "CORS", "permissive-cors")) is None
    )
