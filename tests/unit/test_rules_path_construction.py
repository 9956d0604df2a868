"""File paths joined from non-constant text (issue 9 item 1) in Go and Java: reported at medium
confidence without a visible request source; quiet on the shapes that keep a path inside its
directory (last element only, a containment check before use, a validated name, numbers, constants,
a directory entry's own name)."""

from __future__ import annotations

import pytest

from bot.analysis.pipeline import review_change
from bot.config.settings import Settings
from bot.core.diffmap import parse_diff
from bot.core.models import Confidence


def _findings(path: str, code: str, rule: str) -> list:
    lines = code.splitlines()
    diff = (
        f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
        f"@@ -0,0 +1,{len(lines)} @@\n" + "".join(f"+{line}\n" for line in lines)
    )
    review = review_change(parse_diff(diff), None, Settings())
    return [rf.finding for rf in review.findings if rf.finding.rule_id == rule]


GO = """package store

import (
\t"fmt"
\t"io/ioutil"
\t"os"
\t"path"
\t"path/filepath"
\t"strings"
)

type Store struct{{ root string }}

func (s *Store) Get(name string, id int) ([]byte, error) {{
{body}
}}

func validName(n string) error {{ return nil }}
"""
GO_RULE = "go-path-traversal-construction"


@pytest.mark.parametrize(
    "body",
    [
        "\tp := filepath.Join(s.root, name)\n\treturn os.ReadFile(p)",
        '\treturn nil, os.RemoveAll(s.root + "/" + name)',
        '\treturn nil, ioutil.WriteFile(fmt.Sprintf("%s/%s", s.root, name), nil, 0o600)',
        '\tf, err := os.Create(path.Join(s.root, "cache", name))\n\tf.Close()\n\treturn nil, err',
    ],
)
def test_go_path_joined_from_a_parameter_is_flagged(body):
    found = _findings("internal/store/store.go", GO.format(body=body), GO_RULE)
    assert found and all(f.confidence is Confidence.MEDIUM for f in found)


@pytest.mark.parametrize(
    "body",
    [
        "\treturn os.ReadFile(filepath.Join(s.root, filepath.Base(name)))",
        '\treturn os.ReadFile(filepath.Join(s.root, filepath.Clean("/"+name)))',
        "\tp := filepath.Clean(filepath.Join(s.root, name))\n"
        "\tif !strings.HasPrefix(p, s.root+string(os.PathSeparator)) {\n"
        '\t\treturn nil, fmt.Errorf("outside")\n\t}\n'
        "\treturn os.ReadFile(p)",
        '\tif !filepath.IsLocal(name) {\n\t\treturn nil, fmt.Errorf("bad")\n\t}\n'
        "\treturn os.ReadFile(filepath.Join(s.root, name))",
        '\tif strings.Contains(name, "..") {\n\t\treturn nil, fmt.Errorf("bad")\n\t}\n'
        "\treturn os.ReadFile(filepath.Join(s.root, name))",
        "\tif err := validName(name); err != nil {\n\t\treturn nil, err\n\t}\n"
        "\treturn os.ReadFile(filepath.Join(s.root, name))",
        "\tp := filepath.Join(s.root, name)\n\trel, err := filepath.Rel(s.root, p)\n"
        '\tif err != nil || strings.HasPrefix(rel, "..") {\n\t\treturn nil, err\n\t}\n'
        "\treturn os.ReadFile(p)",
        '\treturn os.ReadFile(filepath.Join(s.root, "config.yaml"))',
        '\treturn os.ReadFile(filepath.Join(s.root, fmt.Sprintf("%d.json", id)))',
        "\tentries, _ := os.ReadDir(s.root)\n\tfor _, e := range entries {\n"
        "\t\tos.Remove(filepath.Join(s.root, e.Name()))\n\t}\n\treturn nil, nil",
        # joined but only inspected, never opened
        "\t_, err := os.Stat(filepath.Join(s.root, name))\n\treturn nil, err",
    ],
)
def test_go_contained_or_constant_paths_are_quiet(body):
    assert _findings("internal/store/store.go", GO.format(body=body), GO_RULE) == []


JAVA = """package com.acme.store;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

public class Store {{
    private final File root;
    private final Path base;

    public Store(File root) {{
        this.root = root;
        this.base = root.toPath();
    }}

    public Object get(String name, long id) throws IOException {{
{body}
    }}

    private static boolean isValidName(String n) {{
        return n.matches("[a-z0-9]+");
    }}
}}
"""
JAVA_RULE = "java-path-traversal-construction"


@pytest.mark.parametrize(
    "body",
    [
        "        File f = new File(root, name);\n        return new FileInputStream(f);",
        "        return Files.readAllBytes(base.resolve(name));",
        "        return new FileOutputStream(root.getPath() + File.separator + name);",
        "        Files.delete(Paths.get(root.getPath(), name));\n        return null;",
    ],
)
def test_java_path_joined_from_a_parameter_is_flagged(body):
    found = _findings("src/main/java/com/acme/store/Store.java", JAVA.format(body=body), JAVA_RULE)
    assert found and all(f.confidence is Confidence.MEDIUM for f in found)


@pytest.mark.parametrize(
    "body",
    [
        "        File f = new File(root, name);\n"
        "        if (!f.getCanonicalPath().startsWith(root.getCanonicalPath() + File.separator)) {\n"
        '            throw new IOException("outside");\n        }\n        return new FileInputStream(f);',
        "        Path p = base.resolve(name).normalize();\n"
        '        if (!p.startsWith(base)) {\n            throw new IOException("outside");\n        }\n'
        "        return Files.readAllBytes(p);",
        "        return new FileInputStream(new File(root, new File(name).getName()));",
        "        return Files.readAllBytes(base.resolve(Paths.get(name).getFileName()));",
        '        if (!isValidName(name)) {\n            throw new IOException("bad");\n        }\n'
        "        return new FileInputStream(new File(root, name));",
        '        if (name.contains("..")) {\n            throw new IOException("bad");\n        }\n'
        "        return new FileInputStream(new File(root, name));",
        '        return new FileInputStream(new File(root, "index.json"));',
        '        return new FileInputStream(new File(root, id + ".json"));',
        "        for (File child : root.listFiles()) {\n"
        "            Files.delete(new File(root, child.getName()).toPath());\n"
        "        }\n        return null;",
        # joined but only inspected, never opened
        "        return new File(root, name).exists();",
    ],
)
def test_java_contained_or_constant_paths_are_quiet(body):
    assert _findings("src/main/java/com/acme/store/Store.java", JAVA.format(body=body), JAVA_RULE) == []


RUBY = """class DiskStore
  def initialize(root)
    @root = root
  end

  def get(name, id)
{body}
  end

  def valid_name?(name)
    name.match?(/\\A[a-z0-9_]+\\z/)
  end
end
"""
RUBY_RULE = "rb-path-traversal-construction"


@pytest.mark.parametrize(
    "body",
    [
        "    File.read(File.join(@root, name))",
        '    FileUtils.rm_rf("#{@root}/#{name}")',
        '    path = Rails.root.join("storage", name)\n    File.open(path, "rb") { |f| f.read }',
        "    send_file File.join(@root, name)",
    ],
)
def test_ruby_path_joined_from_a_parameter_is_flagged(body):
    found = _findings("app/models/disk_store.rb", RUBY.format(body=body), RUBY_RULE)
    assert found and all(f.confidence is Confidence.MEDIUM for f in found)


@pytest.mark.parametrize(
    "body",
    [
        "    File.read(File.join(@root, File.basename(name)))",
        "    path = File.expand_path(File.join(@root, name))\n"
        '    raise ArgumentError, "outside" unless path.start_with?(File.expand_path(@root) + "/")\n'
        "    File.read(path)",
        "    path = File.expand_path(File.join(@root, name))\n"
        "    if path.start_with?(@root)\n      File.read(path)\n    end",
        '    raise ArgumentError, "bad" unless valid_name?(name)\n    File.read(File.join(@root, name))',
        '    return nil if name.include?("..")\n    File.read(File.join(@root, name))',
        '    File.read(File.join(@root, "config.yml"))',
        "    File.read(File.join(@root, id.to_i.to_s))",
        "    File.exist?(File.join(@root, name))",
        '    File.read(name.split(",").join("/"))',
    ],
)
def test_ruby_contained_or_constant_paths_are_quiet(body):
    assert _findings("app/models/disk_store.rb", RUBY.format(body=body), RUBY_RULE) == []
