"""The flow analysis on missing resource limits of real projects' fixes: data inflated with no bound on
its output (CWE-409: pypdf, urllib3, websockets, python-jose) and loops that read a stream without
testing for its end (CWE-835: pypdf, PyPDF2); each with the benign look-alikes that must stay quiet."""

from __future__ import annotations

import ast
import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.flow import analyse_python, limits


def _found(src: str, path: str = "app/codec.py") -> list[tuple[int, str, str, str]]:
    text = textwrap.dedent(src).lstrip("\n")
    added = frozenset(range(1, len(text.splitlines()) + 1))
    result = analyse_python({path: (text, added)}, None)
    return [
        (f.start_line, f.cwe, f.confidence.name.lower(), f.message)
        for f in result.findings
        if f.category == "resource-exhaustion"
    ]


def _lines(src: str) -> list[tuple[int, str, str]]:
    return [(line, cwe, level) for line, cwe, level, _ in _found(src)]


# -- decompression -------------------------------------------------------------------------------


def test_one_shot_decompression_of_a_parameter_is_low_and_names_the_call():
    # pypdf before 6.0.0 (CVE-2025-55197): FlateDecode streams inflated whole
    found = _found(
        """
        import zlib

        def decompress(data):
            try:
                return zlib.decompress(data)
            except zlib.error:
                return zlib.decompressobj().decompress(data)
        """
    )
    assert [(line, cwe, level) for line, cwe, level, _ in found] == [
        (5, "CWE-409", "low"),
        (7, "CWE-409", "low"),
    ]
    assert "`zlib.decompress()`" in found[0][3] and "no bound on the output" in found[0][3]
    assert "without `max_length`" in found[1][3]


def test_a_decompressor_kept_on_the_object_is_followed_into_its_method():
    # urllib3 before 2.6.0 (CVE-2025-66471): the streaming decoder's decompressobj() held in self._obj
    assert _lines(
        """
        import zlib

        class DeflateDecoder:
            def __init__(self):
                self._obj = zlib.decompressobj()

            def decompress(self, data):
                return self._obj.decompress(data)
        """
    ) == [(8, "CWE-409", "low")]


def test_request_data_read_whole_through_gzip_is_medium():
    assert _lines(
        """
        import gzip, io
        from flask import request

        def upload():
            body = gzip.GzipFile(fileobj=io.BytesIO(request.get_data())).read()
            return str(len(body))
        """
    ) == [(5, "CWE-409", "medium")]


def test_bounded_or_constant_or_local_decompression_is_quiet():
    # the fixes: max_length (pypdf 6.0.0, websockets 5.0), a size check first (jwcrypto 1.5.6), a
    # bounded read; and look-alikes: constant data, the program's own compressed file
    assert (
        _found(
            """
            import gzip, io, zlib
            from flask import request

            LIMIT = 75_000_000

            def bounded(data):
                d = zlib.decompressobj()
                out = d.decompress(data, max_length=LIMIT)
                if d.unconsumed_tail:
                    raise ValueError("too large")
                return out

            def positional(self, data, max_size):
                return self.decoder.decompress(data, max_size)

            def checked_first(data):
                if len(data) > 256 * 1024:
                    raise ValueError("too large")
                return zlib.decompress(data, -zlib.MAX_WBITS)

            def constant():
                return zlib.decompress(b"x\\x9c\\x03\\x00\\x00\\x00\\x00\\x01")

            def chunked():
                return gzip.GzipFile(fileobj=io.BytesIO(request.get_data())).read(65536)

            def own_file():
                with gzip.open("/var/lib/app/seed.json.gz") as f:
                    return f.read()

            def own_decompressor(data):
                d = zlib.decompressobj()
                return d.decompress(data, 1 << 20)
            """
        )
        == []
    )


def test_a_limit_of_zero_or_none_is_no_limit():
    assert _lines(
        """
        import zlib

        def inflate(data):
            d = zlib.decompressobj()
            return d.decompress(data, 0)
        """
    ) == [(5, "CWE-409", "low")]


# -- loops that never see the end of the stream ------------------------------------------------


def test_a_loop_waiting_for_a_byte_without_testing_for_the_end_is_low():
    # pypdf before 3.9.0 (CVE-2023-36464): a comment skipped until CR or LF
    found = _found(
        """
        def skip_comment(stream):
            peek = stream.read(1)
            while peek not in (b"\\r", b"\\n"):
                peek = stream.read(1)
            return peek
        """
    )
    assert [(line, cwe, level) for line, cwe, level, _ in found] == [(3, "CWE-835", "low")]
    assert "never tests for the end of the stream" in found[0][3]


def test_a_forever_loop_whose_exits_compare_what_was_read_with_constants_is_low():
    # PyPDF2 before 1.27.5 (CVE-2022-24859): an inline image read until EI, byte by byte
    assert _lines(
        """
        def read_inline_image(stream):
            data = b""
            while True:
                tok = stream.read(1)
                if tok == b"E":
                    tok2 = stream.read(1)
                    info = tok + tok2
                    seen = False
                    if tok2 == b"I" and not seen:
                        break
                    data += info
                else:
                    data += tok
            return data
        """
    ) == [(3, "CWE-835", "low")]


def test_loops_that_can_see_the_end_are_quiet():
    # the fixes (b"" among the terminators, `if not buf: raise`) and everyday read loops
    assert (
        _found(
            """
            def skip_comment(stream):
                peek = stream.read(1)
                while peek not in (b"\\r", b"\\n", b""):
                    peek = stream.read(1)

            def chunks(f):
                while True:
                    chunk = f.read(4096)
                    if not chunk:
                        break
                    yield chunk

            def lines(f):
                line = f.readline()
                while line:
                    yield line
                    line = f.readline()

            def counted(sock):
                tries = 0
                while True:
                    data = sock.recv(1)
                    tries += 1
                    if data == b"\\n" or tries > 100:
                        break

            def sized(stream):
                while True:
                    buf = stream.read(8192)
                    if len(buf) == 0:
                        raise EOFError
                    if buf == b"E":
                        break

            def bounded_by_position(stream, end):
                while stream.tell() < end:
                    tok = stream.read(1)
                    if tok == b"E":
                        break
            """
        )
        == []
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["tok", "b''", "b'E'", "n", "not tok", "len(tok)", "x.y"]), min_size=1, max_size=4
    )
)
def test_the_loop_reading_never_fails_on_arbitrary_tests(parts):
    test = " and ".join(p if " " in p or p in {"tok", "n"} else f"tok == {p}" for p in parts)
    tree = ast.parse(f"while {test}:\n    tok = s.read(1)\n")
    loop = tree.body[0]
    assert isinstance(loop, ast.While)
    found = limits.endless_read(loop)
    if "not tok" in parts or "tok" in parts or "len(tok)" in parts or "b''" in parts:
        assert found is None


def test_a_loop_that_runs_only_while_it_reads_a_given_byte_ends_with_the_stream():
    # a tokenizer (dateutil's parser, seen on an ordinary release diff) skips NUL characters:
    # ``while ch == "\x00"`` is false on the empty read at the end, so the loop ends there
    assert (
        _found(
            """
            def next_char(self):
                ch = self.instream.read(1)
                while ch == "\\x00":
                    ch = self.instream.read(1)
                return ch

            def skip_blanks(stream):
                ch = stream.read(1)
                while ch in (" ", "\\t"):
                    ch = stream.read(1)
                return ch

            def until_other(stream):
                while True:
                    tok = stream.read(1)
                    if tok != b"E":
                        break
            """
        )
        == []
    )


def test_loops_the_empty_read_keeps_running_still_report():
    # the siblings that spin at the end: a negative test, and a substring test ("" is in every string)
    assert _lines(
        """
        def until_newline(stream):
            ch = stream.read(1)
            while ch != "\\n":
                ch = stream.read(1)
            return ch

        def skip_blanks(stream):
            ch = stream.read(1)
            while ch in " \\t":
                ch = stream.read(1)
            return ch

        def until_e(stream):
            while True:
                tok = stream.read(1)
                if tok not in b"EI":
                    break
        """
    ) == [(3, "CWE-835", "low"), (9, "CWE-835", "low"), (14, "CWE-835", "low")]


# -- reads appended until a length is reached ------------------------------------------------------

# gunicorn 22.0.0 -> 23.0.0 ChunkedReader.parse_chunked (CVE-2024-6827 release; pyctl's function-level
# sample), cut to the method: the vulnerable side appends reads until two bytes are there, and an
# ended stream gives b"" for ever
GUNICORN = """
    def parse_chunked(self, unreader):
        (size, rest) = self.parse_chunk_size(unreader)
        while size > 0:
            yield rest[:size]
            rest = rest[size:]
            while len(rest) < 2:
                rest += unreader.read()
            if rest[:2] != b'\\r\\n':
                raise ChunkMissingTerminator(rest[:2])
            (size, rest) = self.parse_chunk_size(unreader, data=rest[2:])
"""


def test_a_loop_that_appends_reads_until_a_length_is_an_endless_read():
    assert _lines(GUNICORN) == [(6, "CWE-835", "low")]


def test_the_fixed_loop_that_stops_on_an_empty_read_is_quiet():
    fixed = GUNICORN.replace(
        "                rest += unreader.read()\n",
        "                new_data = unreader.read()\n"
        "                if not new_data:\n"
        "                    break\n"
        "                rest += new_data\n",
    )
    assert _lines(fixed) == []
    # a loop with its own way out, or one growing a value from something other than a read
    bounded = GUNICORN.replace(
        "                rest += unreader.read()\n",
        "                rest += unreader.read()\n                tries += 1\n                if tries > 9:\n"
        "                    raise NoMoreData()\n",
    )
    assert _lines(bounded) == []
    padded = GUNICORN.replace("rest += unreader.read()", "rest += b' '")
    assert _lines(padded) == []
