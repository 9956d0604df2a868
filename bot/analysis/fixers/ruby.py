"""Ruby on Rails fixers for SQL, shell commands and file paths built from a value, one line at a time.

- SQL: ``Model.where("owner = '#{v}'")`` (also ``find_by``, ``exists?``, ``having``) -> ``where("owner = ?",
  v)``; ``find_by_sql``/``count_by_sql`` take ``["... ?", v]``: ActiveRecord quotes the value for the
  connection's database. Each interpolation must stand alone, bare or in single quotes (not inside a
  ``LIKE`` pattern or an identifier); a value already escaped, quoted or made a number is left alone;
- shell: ``system("cmd arg #{v}")`` (``exec``, ``spawn``) -> ``system("cmd", "arg", v.to_s)``, which runs
  the program without a shell, when every word is plain text or one whole interpolation;
- file paths: ``params[:x]`` given to ``Rails.root.join``/``File.join`` in a ``send_file`` line ->
  ``File.basename(params[:x].to_s)``: one file name, no ``../`` or absolute path.
Line-based (a linear scan, no regular expressions on the file's text). Pure: text in, text out.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import Edit, to_finding
from bot.core.models import Finding, SourceFile

WHERE = ("where(", "where.not(", "find_by(", "exists?(", "having(")
BY_SQL = ("find_by_sql(", "count_by_sql(")
SHELL = ("system(", "exec(", "spawn(")
SHELL_META = set("|&;<>()$`\\\"'*?[]{}~!#=%")
SQL_STEP = "ActiveRecord now passes the value as a bound parameter; the SQL text no longer changes with it."
SHELL_STEP = (
    "The program now runs without a shell, its arguments passed as they are: no `;`, `|` or `$(...)` in "
    "a value is interpreted. A value starting with `-` can still be read as an option: check it."
)
SAFE = ("escape", "quote", "sanitize", ".to_i", ".to_f", "Integer(", "Float(")


def _safe(value: str) -> bool:
    """A value already made safe for the context (a number, an escaped or quoted string): left alone."""
    return any(word in value for word in SAFE)


PATH_STEP = (
    "Only a file name is kept (File.basename): no `../` or absolute path leaves the directory. If "
    "sub-directories are meant, check the expanded path starts with the directory instead."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "ruby" or finding.replacement is not None or finding.start_line != finding.end_line:
        return None
    if not 1 <= finding.start_line <= len(sf.lines):
        return None
    row = sf.lines[finding.start_line - 1]
    if len(row) > 400:
        return None
    handler = {"sql-injection": _sql, "command-injection": _shell, "path-traversal": _path}.get(
        finding.category
    )
    edit_step = handler(row) if handler else None
    if edit_step is None:
        return None
    start, end, text, step = edit_step
    return to_finding(finding, sf, [Edit(finding.start_line, start, end, text)], (step,))


def _string_at(row: str, at: int) -> tuple[list[tuple[bool, str]], int] | None:
    """The double-quoted literal opening at ``at`` as (is interpolation, text) pieces and its end."""
    if at >= len(row) or row[at] != '"':
        return None
    pieces: list[tuple[bool, str]] = []
    text, i = "", at + 1
    while i < len(row):
        ch = row[i]
        if ch == "\\":
            return None  # escapes are not reinterpreted
        if ch == '"':
            pieces.append((False, text))
            return pieces, i + 1
        if row.startswith("#{", i):
            close = row.find("}", i + 2)
            inner = row[i + 2 : close] if close > 0 else ""
            if close < 0 or "{" in inner or '"' in inner or not inner.strip():
                return None
            pieces += [(False, text), (True, inner.strip())]
            text, i = "", close + 1
            continue
        text += ch
        i += 1
    return None


def _call(row: str, names: tuple[str, ...]) -> tuple[str, int] | None:
    """The one call of ``names`` on the line whose first argument is a double-quoted string."""
    found = [(n, row.find(n)) for n in names if row.count(n) == 1]
    found = [(n, i) for n, i in found if i >= 0 and row[i + len(n) : i + len(n) + 1] == '"']
    return found[0] if len(found) == 1 else None


def _sql(row: str) -> tuple[int, int, str, str] | None:
    hit = _call(row, WHERE) or _call(row, BY_SQL)
    if hit is None:
        return None
    name, at = hit
    open_at = at + len(name)
    parsed = _string_at(row, open_at)
    if parsed is None or row[parsed[1] : parsed[1] + 1] != ")":
        return None  # more arguments already, or a longer expression: by hand
    pieces, end = parsed
    sql, values = "", []
    for n, (is_value, text) in enumerate(pieces):
        if not is_value:
            sql += text
            continue
        before, after = sql, pieces[n + 1][1] if n + 1 < len(pieces) else ""
        quoted = before.endswith("'") and after.startswith("'")
        if quoted:
            sql = sql[:-1]
            pieces[n + 1] = (False, after[1:])
        elif before.endswith(('"', "%", "`")) or after.startswith(("%", "`", "'", '"')):
            return None  # a LIKE pattern or an identifier
        if _safe(text):
            return None
        sql += "?"
        values.append(text)
    if not values or "'" in sql.replace("''", ""):
        return None  # a quote left open: the value sat inside a longer literal
    if any("?" in text for is_value, text in pieces if not is_value):
        return None  # a '?' of the SQL itself (PostgreSQL's jsonb operator, a literal) would take a value
    args = ", ".join(values)
    new = f'["{sql}", {args}]' if name in BY_SQL else f'"{sql}", {args}'
    return open_at, end, new, SQL_STEP


def _shell(row: str) -> tuple[int, int, str, str] | None:
    hit = _call(row, SHELL)
    lead = row[: hit[1]].strip() if hit else ""
    if hit is None or (lead not in ("", "return") and not lead.endswith("=")):
        return None  # ``instance_exec(``, ``filesystem(``: not Kernel's
    name, at = hit
    parsed = _string_at(row, at + len(name))
    if parsed is None or row[parsed[1] : parsed[1] + 1] != ")":
        return None
    pieces, end = parsed
    words: list[str] = []
    glued = False  # whether the next piece continues the current word
    for is_value, text in pieces:
        if is_value:
            if glued or _safe(text):
                return None  # glued to text (one argument built from both, by hand), or escaped already
            words.append(f"{text}.to_s")
            glued = True
            continue
        if any(c in SHELL_META for c in text):
            return None
        if glued and text and not text[0].isspace():
            return None
        parts = text.split()
        words += [f'"{p}"' for p in parts]
        glued = bool(text) and not text[-1].isspace() and bool(parts)
    if len(words) < 2 or not words[0].startswith('"'):
        return None
    return at + len(name), end, ", ".join(words), SHELL_STEP


def _path(row: str) -> tuple[int, int, str, str] | None:
    if not row.lstrip().startswith("send_file"):
        return None
    hits = [i for i in range(len(row)) if row.startswith("params[", i)]
    if len(hits) != 1:
        return None
    at = hits[0]
    close = row.find("]", at)
    before = row[:at].rstrip()
    if (
        close < 0
        or not before.endswith(",")
        or not any(j in before for j in ("Rails.root.join(", "File.join("))
    ):
        return None
    if "basename" in row or row[close + 1 : close + 2] not in (")", ","):
        return None
    value = row[at : close + 1]
    return at, close + 1, f"File.basename({value}.to_s)", PATH_STEP
