__author__ = "Mathieu Fenniak"


__author_email__ = "biziqe@mathieu.fenniak.net"


import logging


import re


from io import BytesIO


from typing import Any, Dict, Iterable, List, Optional, Tuple, Union, cast


from .._protocols import PdfReaderProtocol, PdfWriterProtocol


from .._utils import (
    WHITESPACES,
    StreamType,
    b_,
    deprecate_with_replacement,
    deprecation_with_replacement,
    hex_str,
    logger_warning,
    read_non_whitespace,
    read_until_regex,
    skip_over_comment,
)


from ..constants import (
    CheckboxRadioButtonAttributes,
    FieldDictionaryAttributes,
    OutlineFontFlag,
)


from ..constants import FilterTypes as FT


from ..constants import StreamAttributes as SA


from ..constants import TypArguments as TA


from ..constants import TypFitArguments as TF


from ..errors import STREAM_TRUNCATED_PREMATURELY, PdfReadError, PdfStreamError


from ._base import (
    BooleanObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    PdfObject,
    TextStringObject,
)


from ._fit import Fit


from ._utils import read_hex_string_from_stream, read_string_from_stream


logger = logging.getLogger(__name__)


NumberSigns = b"+-"


IndirectPattern = re.compile(rb"[+-]?(\d+)\s+(\d+)\s+R[^a-zA-Z]")


class ContentStream(DecodedStreamObject):
    def __parse_content_stream(self, stream: StreamType) -> None:
        # 7.8.2 Content Streams
        stream.seek(0, 0)
        operands: List[Union[int, str, PdfObject]] = []
        while True:
            peek = read_non_whitespace(stream)
            if peek == b"" or peek == 0:
                break
            stream.seek(-1, 1)
            if peek.isalpha() or peek in (b"'", b'"'):
                operator = read_until_regex(stream, NameObject.delimiter_pattern)
                if operator == b"BI":
                    # begin inline image - a completely different parsing
                    # mechanism is required, of course... thanks buddy...
                    assert operands == []
                    ii = self._read_inline_image(stream)
                    self.operations.append((ii, b"INLINE IMAGE"))
                else:
                    self.operations.append((operands, operator))
                    operands = []
            elif peek == b"%":
                # If we encounter a comment in the content stream, we have to
                # handle it here.  Typically, read_object will handle
                # encountering a comment -- but read_object assumes that
                # following the comment must be the object we're trying to
                # read.  In this case, it could be an operator instead.
                while peek not in (b"\r", b"\n"):
                    peek = stream.read(1)
            else:
                operands.append(read_object(stream, None, self.forced_encoding))
