import base64


import binascii


import json


import re


import sys


import uuid


import warnings


from collections import deque


from collections.abc import Mapping, Sequence


from types import TracebackType


from typing import (
    TYPE_CHECKING,
    Any,
    Deque,
    Dict,
    Iterator,
    List,
    Optional,
    Tuple,
    Type,
    Union,
    cast,
)


from urllib.parse import parse_qsl, unquote, urlencode


from multidict import CIMultiDict, CIMultiDictProxy


from .abc import AbstractStreamWriter


from .compression_utils import (
    DEFAULT_MAX_DECOMPRESS_SIZE,
    ZLibCompressor,
    ZLibDecompressor,
)


from .hdrs import (
    CONTENT_DISPOSITION,
    CONTENT_ENCODING,
    CONTENT_LENGTH,
    CONTENT_TRANSFER_ENCODING,
    CONTENT_TYPE,
)


from .helpers import CHAR, TOKEN, parse_mimetype, reify


from .http import HeadersParser


from .log import internal_logger


from .payload import (
    JsonPayload,
    LookupError,
    Order,
    Payload,
    StringPayload,
    get_payload,
    payload_type,
)


from .streams import StreamReader


class BodyPartReader:
    chunk_size = 8192

    def __init__(
        self,
        boundary: bytes,
        headers: "CIMultiDictProxy[str]",
        content: StreamReader,
        *,
        subtype: str = "mixed",
        default_charset: Optional[str] = None,
        max_decompress_size: int = DEFAULT_MAX_DECOMPRESS_SIZE,
    ) -> None:
        self.headers = headers
        self._boundary = boundary
        self._boundary_len = len(boundary) + 2  # Boundary + \r\n
        self._content = content
        self._default_charset = default_charset
        self._at_eof = False
        self._is_form_data = subtype == "form-data"
        # https://datatracker.ietf.org/doc/html/rfc7578#section-4.8
        length = None if self._is_form_data else self.headers.get(CONTENT_LENGTH, None)
        self._length = int(length) if length is not None else None
        self._read_bytes = 0
        self._unread: Deque[bytes] = deque()
        self._prev_chunk: Optional[bytes] = None
        self._content_eof = 0
        self._cache: Dict[str, Any] = {}
        self._max_decompress_size = max_decompress_size

    async def decode(self, data: bytes) -> bytes:
        """Decodes data.

        Decoding is done according the specified Content-Encoding
        or Content-Transfer-Encoding headers value.
        """
        if CONTENT_TRANSFER_ENCODING in self.headers:
            data = self._decode_content_transfer(data)
        # https://datatracker.ietf.org/doc/html/rfc7578#section-4.8
        if not self._is_form_data and CONTENT_ENCODING in self.headers:
            return await self._decode_content(data)
        return data

    async def _decode_content(self, data: bytes) -> bytes:
        encoding = self.headers.get(CONTENT_ENCODING, "").lower()
        if encoding == "identity":
            return data
        if encoding in {"deflate", "gzip"}:
            return await ZLibDecompressor(
                encoding=encoding,
                suppress_deflate_header=True,
            ).decompress(data, max_length=self._max_decompress_size)

        raise RuntimeError(f"unknown content encoding: {encoding}")


_Part = Tuple[Payload, str, str]
