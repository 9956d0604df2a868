import re


import urllib


from email.Utils import formatdate


from django.utils.encoding import smart_str, force_unicode


from django.utils.functional import allow_lazy


ETAG_MATCH = re.compile(r'(?:W/)?"((?:\\.|[^"])*)"')


urlquote = allow_lazy(urlquote, unicode)


urlquote_plus = allow_lazy(urlquote_plus, unicode)


def base36_to_int(s):
    """
    Converts a base 36 string to an ``int``. To prevent
    overconsumption of server resources, raises ``ValueError` if the
    input is longer than 13 base36 digits (13 digits is sufficient to
    base36-encode any 64-bit integer).
    """
    if len(s) > 13:
        raise ValueError("Base36 input too large")
    return int(s, 36)


def int_to_base36(i):
    """
    Converts an integer to a base36 string
    """
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    factor = 0
    # Find starting factor
    while True:
        factor += 1
        if i < 36 ** factor:
            factor -= 1
            break
    base36 = []
    # Construct base36 representation
    while factor >= 0:
        j = 36 ** factor
        base36.append(digits[i / j])
        i = i % j
        factor -= 1
    return ''.join(base36)
