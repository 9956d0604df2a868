"""JavaScript (Express), Go (net/http) and Java (servlet) modules for the mixed-language benchmark.

Same shape as ``synthetic.PYTHON``: realistic definitions with a seeded sprinkling of patterns
the rule pack flags (shell commands and eval from request data, MD5 of passwords).
"""

from __future__ import annotations

from synthetic import Language, Template


def _js_header(name: str, compact: bool) -> list[str]:
    return [
        f"// {name}: Express routes and helpers.",
        '"use strict";',
        "",
        'const crypto = require("crypto");',
        'const express = require("express");',
        'const { exec, execFile } = require("child_process");',
        "",
        "const router = express.Router();",
    ]


def _js_filler(lines: int, n: int) -> list[str]:
    if lines < 4:
        return [f"const LIMIT_{n}_{i} = {17 * (i + 1)};" for i in range(lines)]
    body = [f"  values.option{i} = {(n * 7 + i * 13) % 97};" for i in range(lines - 4)]
    return [f"function defaults{n}() {{", "  const values = {};", *body, "  return values;", "}"]


JS_TEMPLATES = (
    Template(
        """
        router.get("/api/@noun@s/:id/v@n@", (req, res) => {
          const id = Number.parseInt(req.params.id, 10);
          if (Number.isNaN(id)) {
            return res.status(400).json({ error: "bad id" });
          }
          return res.json({ id, name: `@noun@-${id}` });
        });
        """,
        """
        router.post("/api/@noun@s/export/v@n@", (req, res) => {
          const target = req.body.target;
          exec("tar czf /tmp/" + target + ".tgz /srv/@noun@s", (err) => {
            res.json({ ok: !err });
          });
        });
        """,
    ),
    Template(
        """
        function checksum@Noun@@n@(payload) {
          return crypto.createHash("sha256").update(payload).digest("hex");
        }
        """,
        """
        function hash@Noun@Password@n@(password) {
          return crypto.createHash("md5").update(password).digest("hex");
        }
        """,
    ),
    Template(
        """
        function slugify@Noun@@n@(text) {
          return String(text)
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, "-")
            .replace(/^-+|-+$/g, "");
        }
        """
    ),
    Template(
        """
        function format@Noun@Rows@n@(rows) {
          return rows
            .map((row) => `${String(row.name).padEnd(20)} ${row.total}`)
            .join("\\n");
        }
        """
    ),
    Template(
        """
        router.post("/api/@noun@s/archive/v@n@", (req, res) => {
          execFile("tar", ["czf", "/tmp/@noun@.tgz", "/srv/@noun@s"], (err) => {
            res.json({ ok: !err });
          });
        });
        """,
        """
        router.post("/api/@noun@s/calc/v@n@", (req, res) => {
          const result = eval(req.body.expression);
          res.json({ result });
        });
        """,
    ),
    Template(
        """
        function total@Noun@s@n@(items) {
          let sum = 0;
          for (const item of items) {
            sum += Number(item.amount || 0);
          }
          return Math.round(sum * 100) / 100;
        }
        """
    ),
)

JAVASCRIPT = Language(
    "javascript", ".js", _js_header, JS_TEMPLATES, _js_filler, footer=("", "module.exports = router;")
)


def _go_header(name: str, compact: bool) -> list[str]:
    imports = ("crypto/md5", "crypto/sha256", "encoding/hex", "encoding/json", "fmt", "net/http")
    return [
        f"// Package {name} serves the HTTP API and its helpers.",
        f"package {name}",
        "",
        "import (",
        *(f'\t"{imp}"' for imp in (*imports, "os/exec", "strings")),
        ")",
    ]


def _go_filler(lines: int, n: int) -> list[str]:
    if lines < 4:
        return [f"const limit{n}x{i} = {17 * (i + 1)}" for i in range(lines)]
    body = [f'\tvalues["option{i}"] = {(n * 7 + i * 13) % 97}' for i in range(lines - 4)]
    return [
        f"func defaults{n}() map[string]int {{",
        "\tvalues := map[string]int{}",
        *body,
        "\treturn values",
        "}",
    ]


GO_TEMPLATES = (
    Template(
        """
        func get@Noun@Handler@n@(w http.ResponseWriter, r *http.Request) {
        \tid := strings.TrimSpace(r.URL.Query().Get("id"))
        \tif id == "" {
        \t\thttp.Error(w, "missing id", http.StatusBadRequest)
        \t\treturn
        \t}
        \tw.Header().Set("Content-Type", "application/json")
        \t_ = json.NewEncoder(w).Encode(map[string]string{"id": id, "kind": "@noun@"})
        }
        """,
        """
        func export@Noun@Handler@n@(w http.ResponseWriter, r *http.Request) {
        \ttarget := r.URL.Query().Get("target")
        \tout, err := exec.Command("sh", "-c", "tar czf /tmp/"+target+".tgz /srv/@noun@").CombinedOutput()
        \tif err != nil {
        \t\thttp.Error(w, string(out), http.StatusInternalServerError)
        \t\treturn
        \t}
        \tfmt.Fprintln(w, "ok")
        }
        """,
    ),
    Template(
        """
        func checksum@Noun@@n@(payload []byte) string {
        \tsum := sha256.Sum256(payload)
        \treturn hex.EncodeToString(sum[:])
        }
        """,
        """
        func hash@Noun@Password@n@(password string) string {
        \tsum := md5.Sum([]byte(password))
        \treturn hex.EncodeToString(sum[:])
        }
        """,
    ),
    Template(
        """
        func slugify@Noun@@n@(text string) string {
        \tfields := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
        \t\treturn !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
        \t})
        \treturn strings.Join(fields, "-")
        }
        """
    ),
    Template(
        """
        type @Noun@Record@n@ struct {
        \tID   int      `json:"id"`
        \tName string   `json:"name"`
        \tTags []string `json:"tags"`
        }

        func (r @Noun@Record@n@) Label() string {
        \treturn fmt.Sprintf("%s (%d)", r.Name, r.ID)
        }
        """
    ),
    Template(
        """
        func total@Noun@s@n@(amounts []float64) float64 {
        \tsum := 0.0
        \tfor _, amount := range amounts {
        \t\tsum += amount
        \t}
        \treturn sum
        }
        """
    ),
)

GO = Language("go", ".go", _go_header, GO_TEMPLATES, _go_filler)


def _java_header(name: str, compact: bool) -> list[str]:
    imports = (
        "java.io.IOException",
        "java.nio.charset.StandardCharsets",
        "java.security.MessageDigest",
        "java.security.NoSuchAlgorithmException",
        "javax.servlet.http.HttpServletRequest",
        "javax.servlet.http.HttpServletResponse",
    )
    cls = "".join(part.capitalize() for part in name.split("_"))
    return [
        "package com.example.api;",
        "",
        *(f"import {imp};" for imp in imports),
        "",
        f"/** {cls}: servlet handlers and helpers. */",
        f"public class {cls} {{",
    ]


def _java_filler(lines: int, n: int) -> list[str]:
    if lines < 4:
        return [f"    private static final int LIMIT_{n}_{i} = {17 * (i + 1)};" for i in range(lines)]
    body = [f"        values[{i}] = {(n * 7 + i * 13) % 97};" for i in range(lines - 4)]
    return [
        f"    static int[] defaults{n}() {{",
        f"        int[] values = new int[{max(lines - 4, 1)}];",
        *body,
        "        return values;",
        "    }",
    ]


JAVA_TEMPLATES = (
    Template(
        """
            public void get@Noun@@n@(HttpServletRequest request, HttpServletResponse response)
                    throws IOException {
                String id = request.getParameter("id");
                if (id == null || id.isBlank()) {
                    response.sendError(400, "missing id");
                    return;
                }
                response.setContentType("application/json");
                response.getWriter().println("{\\"id\\": " + Integer.parseInt(id) + "}");
            }
        """,
        """
            public void export@Noun@@n@(HttpServletRequest request, HttpServletResponse response)
                    throws IOException {
                String target = request.getParameter("target");
                Process process = Runtime.getRuntime().exec("tar czf /tmp/" + target + ".tgz /srv/data");
                response.getWriter().println("started " + process.pid());
            }
        """,
    ),
    Template(
        """
            static String checksum@Noun@@n@(byte[] payload) throws NoSuchAlgorithmException {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                return java.util.HexFormat.of().formatHex(digest.digest(payload));
            }
        """,
        """
            static byte[] hash@Noun@Password@n@(String password) throws NoSuchAlgorithmException {
                MessageDigest digest = MessageDigest.getInstance("MD5");
                return digest.digest(password.getBytes(StandardCharsets.UTF_8));
            }
        """,
    ),
    Template(
        """
            static String slugify@Noun@@n@(String text) {
                return text.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
            }
        """
    ),
    Template(
        """
            static String formatRow@Noun@@n@(String name, int total) {
                StringBuilder builder = new StringBuilder();
                builder.append(String.format("%-20s", name));
                builder.append(' ').append(total);
                return builder.toString();
            }
        """
    ),
)

JAVA = Language("java", ".java", _java_header, JAVA_TEMPLATES, _java_filler, footer=("}",), indent="    ")
