from __future__ import absolute_import


import re


from collections import namedtuple


from ..exceptions import LocationParseError


from ..packages import six


url_attrs = ["scheme", "auth", "host", "port", "path", "query", "fragment"]


NORMALIZABLE_SCHEMES = ("http", "https", None)


PERCENT_RE = re.compile(r"%[a-fA-F0-9]{2}")


SCHEME_RE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+-]*:|/)")


IPV4_PAT = r"(?:[0-9]{1,3}\.){3}[0-9]{1,3}"


HEX_PAT = "[0-9A-Fa-f]{1,4}"


LS32_PAT = "(?:{hex}:{hex}|{ipv4})".format(hex=HEX_PAT, ipv4=IPV4_PAT)


_subs = {"hex": HEX_PAT, "ls32": LS32_PAT}


UNRESERVED_PAT = r"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._!\-~"


IPV6_PAT = "(?:" + "|".join([x % _subs for x in _variations]) + ")"


ZONE_ID_PAT = "(?:%25|%)(?:[" + UNRESERVED_PAT + "]|%[a-fA-F0-9]{2})+"


IPV6_ADDRZ_PAT = r"\[" + IPV6_PAT + r"(?:" + ZONE_ID_PAT + r")?\]"


REG_NAME_PAT = r"(?:[^\[\]%:/?#]|%[a-fA-F0-9]{2})*"


TARGET_RE = re.compile(r"^(/[^?#]*)(?:\?([^#]*))?(?:#.*)?$")


IPV4_RE = re.compile("^" + IPV4_PAT + "$")


IPV6_RE = re.compile("^" + IPV6_PAT + "$")


IPV6_ADDRZ_RE = re.compile("^" + IPV6_ADDRZ_PAT + "$")


BRACELESS_IPV6_ADDRZ_RE = re.compile("^" + IPV6_ADDRZ_PAT[2:-2] + "$")


ZONE_ID_RE = re.compile("(" + ZONE_ID_PAT + r")\]$")


SUBAUTHORITY_PAT = (u"^(?:(.*)@)?(%s|%s|%s)(?::([0-9]{0,5}))?$") % (
    REG_NAME_PAT,
    IPV4_PAT,
    IPV6_ADDRZ_PAT,
)


SUBAUTHORITY_RE = re.compile(SUBAUTHORITY_PAT, re.UNICODE | re.DOTALL)


UNRESERVED_CHARS = set(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-~"
)


SUB_DELIM_CHARS = set("!$&'()*+,;=")


USERINFO_CHARS = UNRESERVED_CHARS | SUB_DELIM_CHARS | {":"}


PATH_CHARS = USERINFO_CHARS | {"@", "/"}


QUERY_CHARS = FRAGMENT_CHARS = PATH_CHARS | {"?"}


def _encode_invalid_chars(component, allowed_chars, encoding="utf-8"):
    """Percent-encodes a URI component without reapplying
    onto an already percent-encoded component.
    """
    if component is None:
        return component

    component = six.ensure_text(component)

    # Normalize existing percent-encoded bytes.
    # Try to see if the component we're encoding is already percent-encoded
    # so we can skip all '%' characters but still encode all others.
    component, percent_encodings = PERCENT_RE.subn(
        lambda match: match.group(0).upper(), component
    )

    uri_bytes = component.encode("utf-8", "surrogatepass")
    is_percent_encoded = percent_encodings == uri_bytes.count(b"%")
    encoded_component = bytearray()

    for i in range(0, len(uri_bytes)):
        # Will return a single character bytestring on both Python 2 & 3
        byte = uri_bytes[i : i + 1]
        byte_ord = ord(byte)
        if (is_percent_encoded and byte == b"%") or (
            byte_ord < 128 and byte.decode() in allowed_chars
        ):
            encoded_component += byte
            continue
        encoded_component.extend(b"%" + (hex(byte_ord)[2:].encode().zfill(2).upper()))

    return encoded_component.decode(encoding)
