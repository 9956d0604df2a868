__author__ = "Mathieu Fenniak"


__author_email__ = "biziqe@mathieu.fenniak.net"


import math


import os


import shutil


import struct


import subprocess


import zlib


from base64 import a85decode


from dataclasses import dataclass


from io import BytesIO


from pathlib import Path


from tempfile import TemporaryDirectory


from typing import Any, Dict, List, Optional, Tuple, Union, cast


from ._codecs._codecs import LzwCodec as _LzwCodec


from ._utils import (
    WHITESPACES_AS_BYTES,
    deprecate,
    deprecate_with_replacement,
    deprecation_no_replacement,
    logger_warning,
)


from .constants import CcittFaxDecodeParameters as CCITT


from .constants import FilterTypeAbbreviations as FTA


from .constants import FilterTypes as FT


from .constants import ImageAttributes as IA


from .constants import LzwFilterParameters as LZW


from .constants import StreamAttributes as SA


from .errors import DependencyError, DeprecationError, PdfReadError, PdfStreamError


from .generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    IndirectObject,
    NullObject,
    StreamObject,
    is_null_or_none,
)


def decompress(data: bytes) -> bytes:
    """
    Decompress the given data using zlib.

    Attempts to decompress the input data using zlib.
    If the decompression fails due to a zlib error, it falls back
    to using a decompression object with a larger window size.

    Args:
        data: The input data to be decompressed.

    Returns:
        The decompressed data.

    """
    try:
        return zlib.decompress(data)
    except zlib.error:
        try:
            # For larger files, use decompression object to enable buffered reading
            return zlib.decompressobj().decompress(data)
        except zlib.error:
            # First quick approach for known issue with faulty added bytes to the
            # tail of the encoded stream from early Adobe Distiller or Pitstop versions
            # with CR char as the default line separator (assumed by reverse engeneering)
            # that breaks the decoding process in the end.
            #
            # Try first to cut off some of the tail byte by byte, however limited to not
            # iterate through too many loops and kill the performance for large streams,
            # to then allow the final fallback to run. Added this intermediate attempt,
            # because starting from the head of the stream byte by byte kills completely
            # the performace for large streams (e.g. 6 MB) with the tail-byte-issue
            # and takes ages. This solution is really fast:
            max_tail_cut_off_bytes: int = 8
            for i in range(1, min(max_tail_cut_off_bytes + 1, len(data))):
                try:
                    return zlib.decompressobj().decompress(data[:-i])
                except zlib.error:
                    pass
            # If still failing, then try with increased window size
            d = zlib.decompressobj(zlib.MAX_WBITS | 32)
            result_str = b""
            for b in [data[i : i + 1] for i in range(len(data))]:
                try:
                    result_str += d.decompress(b)
                except zlib.error:
                    pass
            return result_str


CCITParameters = __create_old_class_instance


JBIG2DEC_BINARY = shutil.which("jbig2dec")
