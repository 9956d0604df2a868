__author__ = "Mathieu Fenniak"


__author_email__ = "biziqe@mathieu.fenniak.net"


__maintainer__ = "Phaseit, Inc."


__maintainer_email = "PyPDF2@phaseit.net"


import string


import math


import struct


import sys


import uuid


from sys import version_info


from . import filters


from . import utils


import warnings


import codecs


from .generic import *


from .utils import readNonWhitespace, readUntilWhitespace, ConvertFunctionsToVirtualList


from .utils import isString, b_, u_, ord_, str_, formatWarning


class ContentStream(DecodedStreamObject):
    def _readInlineImage(self, stream):
        # begin reading just after the "BI" - begin image
        # first read the dictionary of settings.
        settings = DictionaryObject()
        while True:
            tok = readNonWhitespace(stream)
            stream.seek(-1, 1)
            if tok == b_("I"):
                # "ID" - begin of image data
                break
            key = readObject(stream, self.pdf)
            tok = readNonWhitespace(stream)
            stream.seek(-1, 1)
            value = readObject(stream, self.pdf)
            settings[key] = value
        # left at beginning of ID
        tmp = stream.read(3)
        assert tmp[:2] == b_("ID")
        data = b_("")
        while True:
            # Read the inline image, while checking for EI (End Image) operator.
            tok = stream.read(1)
            if tok == b_("E"):
                # Check for End Image
                tok2 = stream.read(1)
                if tok2 == b_("I"):
                    # Data can contain EI, so check for the Q operator.
                    tok3 = stream.read(1)
                    info = tok + tok2
                    # We need to find whitespace between EI and Q.
                    has_q_whitespace = False
                    while tok3 in utils.WHITESPACES:
                        has_q_whitespace = True
                        info += tok3
                        tok3 = stream.read(1)
                    if tok3 == b_("Q") and has_q_whitespace:
                        stream.seek(-1, 1)
                        break
                    else:
                        stream.seek(-1,1)
                        data += info
                else:
                    stream.seek(-1, 1)
                    data += tok
            else:
                data += tok
        return {"settings": settings, "data": data}

    _data = property(_getData, _setData)


_encryption_padding = b_('\x28\xbf\x4e\x5e\x4e\x75\x8a\x41\x64\x00\x4e\x56') + \
        b_('\xff\xfa\x01\x08\x2e\x2e\x00\xb6\xd0\x68\x3e\x80\x2f\x0c') + \
        b_('\xa9\xfe\x64\x53\x69\x7a')
