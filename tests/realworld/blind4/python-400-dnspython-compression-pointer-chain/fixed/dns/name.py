"""DNS Names.
"""


from typing import Any, Dict, Iterable, Optional, Tuple, Union


import copy
import struct


import encodings.idna  # type: ignore


import dns.enum
import dns.wire
import dns.exception
import dns.immutable


CompressType = Dict["Name", int]


NAMERELN_NONE = NameRelation.NONE
NAMERELN_SUPERDOMAIN = NameRelation.SUPERDOMAIN
NAMERELN_SUBDOMAIN = NameRelation.SUBDOMAIN
NAMERELN_EQUAL = NameRelation.EQUAL
NAMERELN_COMMONANCESTOR = NameRelation.COMMONANCESTOR


class BadPointer(dns.exception.FormError):
    """A DNS compression pointer points forward instead of backward."""


class PointerChainTooLong(dns.exception.FormError):
    """A DNS compression pointer chain was too long."""


class BadLabelType(dns.exception.FormError):
    """The label type in DNS name wire format is unknown."""


_escaped = b'"().;\\@$'
_escaped_text = '"().;\\@$'


IDNA_2003_Practical = IDNA2003Codec(False)
IDNA_2003_Strict = IDNA2003Codec(True)
IDNA_2003 = IDNA_2003_Practical
IDNA_2008_Practical = IDNA2008Codec(True, False, True, False)
IDNA_2008_UTS_46 = IDNA2008Codec(True, False, False, False)
IDNA_2008_Strict = IDNA2008Codec(False, False, False, True)
IDNA_2008_Transitional = IDNA2008Codec(True, True, False, False)
IDNA_2008 = IDNA_2008_Practical


root = Name([b""])


empty = Name([])


MAX_COMPRESSION_POINTER_CHAIN = 16


def from_wire_parser(parser: "dns.wire.Parser") -> Name:
    """Convert possibly compressed wire format into a Name.

    *parser* is a dns.wire.Parser.

    Raises ``dns.name.BadPointer`` if a compression pointer did not
    point backwards in the message.

    Raises ``dns.name.BadLabelType`` if an invalid label type was encountered.

    Returns a ``dns.name.Name``
    """

    labels = []
    biggest_pointer = parser.current
    hops = 0
    with parser.restore_furthest():
        count = parser.get_uint8()
        while count != 0:
            if count < 64:
                labels.append(parser.get_bytes(count))
            elif count >= 192:
                current = (count & 0x3F) * 256 + parser.get_uint8()
                if current >= biggest_pointer:
                    raise BadPointer
                biggest_pointer = current
                hops += 1
                if hops > MAX_COMPRESSION_POINTER_CHAIN:
                    raise PointerChainTooLong
                parser.seek(current)
            else:
                raise BadLabelType
            count = parser.get_uint8()
        labels.append(b"")
    return Name(labels)


def from_wire(message: bytes, current: int) -> Tuple[Name, int]:
    """Convert possibly compressed wire format into a Name.

    *message* is a ``bytes`` containing an entire DNS message in DNS
    wire form.

    *current*, an ``int``, is the offset of the beginning of the name
    from the start of the message

    Raises ``dns.name.BadPointer`` if a compression pointer did not
    point backwards in the message.

    Raises ``dns.name.BadLabelType`` if an invalid label type was encountered.

    Returns a ``(dns.name.Name, int)`` tuple consisting of the name
    that was read and the number of bytes of the wire format message
    which were consumed reading it.
    """

    if not isinstance(message, bytes):
        raise ValueError("input to from_wire() must be a byte string")
    parser = dns.wire.Parser(message, current)
    name = from_wire_parser(parser)
    return (name, parser.current - current)
