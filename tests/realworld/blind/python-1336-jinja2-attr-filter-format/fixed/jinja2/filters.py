"""Built-in template filters used with the ``|`` operator."""


import math


import random


import re


import typing


import typing as t


from collections import abc


from inspect import getattr_static


from itertools import chain


from itertools import groupby


from markupsafe import escape


from markupsafe import Markup


from markupsafe import soft_str


from .async_utils import async_variant


from .async_utils import auto_aiter


from .async_utils import auto_await


from .async_utils import auto_to_list


from .exceptions import FilterArgumentError


from .runtime import Undefined


from .utils import htmlsafe_json_dumps


from .utils import pass_context


from .utils import pass_environment


from .utils import pass_eval_context


from .utils import pformat


from .utils import url_quote


from .utils import urlize


F = t.TypeVar("F", bound=t.Callable[..., t.Any])


K = t.TypeVar("K")


V = t.TypeVar("V")


_attr_key_re = re.compile(r"[\s/>=]", flags=re.ASCII)


_word_beginning_split_re = re.compile(r"([-\s({\[<]+)")


_uri_scheme_re = re.compile(r"^([\w.+-]{2,}:(/){0,2})$")


_word_re = re.compile(r"\w+")


@pass_environment
def do_attr(
    environment: "Environment", obj: t.Any, name: str
) -> t.Union[Undefined, t.Any]:
    """Get an attribute of an object. ``foo|attr("bar")`` works like
    ``foo.bar``, but returns undefined instead of falling back to ``foo["bar"]``
    if the attribute doesn't exist.

    See :ref:`Notes on subscriptions <notes-on-subscriptions>` for more details.
    """
    # Environment.getattr will fall back to obj[name] if obj.name doesn't exist.
    # But we want to call env.getattr to get behavior such as sandboxing.
    # Determine if the attr exists first, so we know the fallback won't trigger.
    try:
        # This avoids executing properties/descriptors, but misses __getattr__
        # and __getattribute__ dynamic attrs.
        getattr_static(obj, name)
    except AttributeError:
        # This finds dynamic attrs, and we know it's not a descriptor at this point.
        if not hasattr(obj, name):
            return environment.undefined(obj=obj, name=name)

    return environment.getattr(obj, name)


FILTERS = {
    "abs": abs,
    "attr": do_attr,
    "batch": do_batch,
    "capitalize": do_capitalize,
    "center": do_center,
    "count": len,
    "d": do_default,
    "default": do_default,
    "dictsort": do_dictsort,
    "e": escape,
    "escape": escape,
    "filesizeformat": do_filesizeformat,
    "first": do_first,
    "float": do_float,
    "forceescape": do_forceescape,
    "format": do_format,
    "groupby": do_groupby,
    "indent": do_indent,
    "int": do_int,
    "join": do_join,
    "last": do_last,
    "length": len,
    "list": do_list,
    "lower": do_lower,
    "items": do_items,
    "map": do_map,
    "min": do_min,
    "max": do_max,
    "pprint": do_pprint,
    "random": do_random,
    "reject": do_reject,
    "rejectattr": do_rejectattr,
    "replace": do_replace,
    "reverse": do_reverse,
    "round": do_round,
    "safe": do_mark_safe,
    "select": do_select,
    "selectattr": do_selectattr,
    "slice": do_slice,
    "sort": do_sort,
    "string": soft_str,
    "striptags": do_striptags,
    "sum": do_sum,
    "title": do_title,
    "trim": do_trim,
    "truncate": do_truncate,
    "unique": do_unique,
    "upper": do_upper,
    "urlencode": do_urlencode,
    "urlize": do_urlize,
    "wordcount": do_wordcount,
    "wordwrap": do_wordwrap,
    "xmlattr": do_xmlattr,
    "tojson": do_tojson,
}
