from __future__ import annotations


import collections


import io


import json as _json


import logging


import socket


import sys


import typing


import warnings


import zlib


from contextlib import contextmanager


from http.client import HTTPMessage as _HttplibHTTPMessage


from http.client import HTTPResponse as _HttplibHTTPResponse


from socket import timeout as SocketTimeout


from . import util


from ._base_connection import _TYPE_BODY


from ._collections import HTTPHeaderDict


from .connection import BaseSSLError, HTTPConnection, HTTPException


from .exceptions import (
    BodyNotHttplibCompatible,
    DecodeError,
    DependencyWarning,
    HTTPError,
    IncompleteRead,
    InvalidChunkLength,
    InvalidHeader,
    ProtocolError,
    ReadTimeoutError,
    ResponseNotChunked,
    SSLError,
)


from .util.response import is_fp_closed, is_response_to_head


from .util.retry import Retry


log = logging.getLogger(__name__)


class MultiDecoder(ContentDecoder):
    max_decode_links = 5

    def __init__(self, modes: str) -> None:
        encodings = [m.strip() for m in modes.split(",")]
        if len(encodings) > self.max_decode_links:
            raise DecodeError(
                "Too many content encodings in the chain: "
                f"{len(encodings)} > {self.max_decode_links}"
            )
        self._decoders = [_get_decoder(e) for e in encodings]

    def decompress(self, data: bytes, max_length: int = -1) -> bytes:
        if max_length <= 0:
            for d in reversed(self._decoders):
                data = d.decompress(data)
            return data

        ret = bytearray()
        # Every while loop iteration goes through all decoders once.
        # It exits when enough data is read or no more data can be read.
        # It is possible that the while loop iteration does not produce
        # any data because we retrieve up to `max_length` from every
        # decoder, and the amount of bytes may be insufficient for the
        # next decoder to produce enough/any output.
        while True:
            any_data = False
            for d in reversed(self._decoders):
                data = d.decompress(data, max_length=max_length - len(ret))
                if data:
                    any_data = True
                # We should not break when no data is returned because
                # next decoders may produce data even with empty input.
            ret += data
            if not any_data or len(ret) >= max_length:
                return bytes(ret)
            data = b""
