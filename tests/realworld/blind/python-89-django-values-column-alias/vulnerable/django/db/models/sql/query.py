"""
Create SQL statements for QuerySets.

The code in here encapsulates all of the SQL construction so that QuerySets
themselves do not have to (and could be backed by things other than SQL
databases). The abstraction barrier only works one way: this module has to know
all about the internals of models in order to get the information it needs.
"""


import copy


import difflib


import functools


import sys


from collections import Counter, namedtuple


from collections.abc import Iterator, Mapping


from itertools import chain, count, product


from string import ascii_uppercase


from django.core.exceptions import FieldDoesNotExist, FieldError


from django.db import DEFAULT_DB_ALIAS, NotSupportedError, connections


from django.db.models.aggregates import Count


from django.db.models.constants import LOOKUP_SEP


from django.db.models.expressions import (
    BaseExpression,
    Col,
    Exists,
    F,
    OuterRef,
    Ref,
    ResolvedOuterRef,
    Value,
)


from django.db.models.fields import Field


from django.db.models.fields.related_lookups import MultiColSource


from django.db.models.lookups import Lookup


from django.db.models.query_utils import (
    Q,
    check_rel_lookup_compatibility,
    refs_expression,
)


from django.db.models.sql.constants import INNER, LOUTER, ORDER_DIR, SINGLE


from django.db.models.sql.datastructures import BaseTable, Empty, Join, MultiJoin


from django.db.models.sql.where import AND, OR, ExtraWhere, NothingNode, WhereNode


from django.utils.functional import cached_property


from django.utils.regex_helper import _lazy_re_compile


from django.utils.tree import Node


__all__ = ["Query", "RawQuery"]


FORBIDDEN_ALIAS_PATTERN = _lazy_re_compile(r"['`\"\]\[;\s]|--|/\*|\*/")


EXPLAIN_OPTIONS_PATTERN = _lazy_re_compile(r"[\w-]+")


JoinInfo = namedtuple(
    "JoinInfo",
    ("final_field", "targets", "opts", "joins", "path", "transform_function"),
)


ExplainInfo = namedtuple("ExplainInfo", ("format", "options"))


class Query(BaseExpression):
    """A single SQL query."""

    alias_prefix = "T"

    empty_result_set_value = None

    subq_aliases = frozenset([alias_prefix])

    compiler = "SQLCompiler"

    base_table_class = BaseTable

    join_class = Join

    default_cols = True

    default_ordering = True

    standard_ordering = True

    filter_is_sticky = False

    subquery = False

    select = ()

    group_by = None

    order_by = ()

    low_mark = 0  # Used for offset/limit.

    high_mark = None  # Used for offset/limit.

    distinct = False

    distinct_fields = ()

    select_for_update = False

    select_for_update_nowait = False

    select_for_update_skip_locked = False

    select_for_update_of = ()

    select_for_no_key_update = False

    select_related = False

    has_select_fields = False

    max_depth = 5

    values_select = ()

    annotation_select_mask = None

    _annotation_select_cache = None

    combinator = None

    combinator_all = False

    combined_queries = ()

    extra_select_mask = None

    _extra_select_cache = None

    extra_tables = ()

    extra_order_by = ()

    deferred_loading = (frozenset(), True)

    explain_info = None

    def check_alias(self, alias):
        if FORBIDDEN_ALIAS_PATTERN.search(alias):
            raise ValueError(
                "Column aliases cannot contain whitespace characters, quotation marks, "
                "semicolons, or SQL comments."
            )

    def set_values(self, fields):
        self.select_related = False
        self.clear_deferred_loading()
        self.clear_select_fields()
        self.has_select_fields = True

        if fields:
            field_names = []
            extra_names = []
            annotation_names = []
            if not self.extra and not self.annotations:
                # Shortcut - if there are no extra or annotations, then
                # the values() clause must be just field names.
                field_names = list(fields)
            else:
                self.default_cols = False
                for f in fields:
                    if f in self.extra_select:
                        extra_names.append(f)
                    elif f in self.annotation_select:
                        annotation_names.append(f)
                    elif f in self.annotations:
                        raise FieldError(
                            f"Cannot select the '{f}' alias. Use annotate() to "
                            "promote it."
                        )
                    else:
                        # Call `names_to_path` to ensure a FieldError including
                        # annotations about to be masked as valid choices if
                        # `f` is not resolvable.
                        if self.annotation_select:
                            self.names_to_path(f.split(LOOKUP_SEP), self.model._meta)
                        field_names.append(f)
            self.set_extra_mask(extra_names)
            self.set_annotation_mask(annotation_names)
            selected = frozenset(field_names + extra_names + annotation_names)
        else:
            field_names = [f.attname for f in self.model._meta.concrete_fields]
            selected = frozenset(field_names)
        # Selected annotations must be known before setting the GROUP BY
        # clause.
        if self.group_by is True:
            self.add_fields(
                (f.attname for f in self.model._meta.concrete_fields), False
            )
            # Disable GROUP BY aliases to avoid orphaning references to the
            # SELECT clause which is about to be cleared.
            self.set_group_by(allow_aliases=False)
            self.clear_select_fields()
        elif self.group_by:
            # Resolve GROUP BY annotation references if they are not part of
            # the selected fields anymore.
            group_by = []
            for expr in self.group_by:
                if isinstance(expr, Ref) and expr.refs not in selected:
                    expr = self.annotations[expr.refs]
                group_by.append(expr)
            self.group_by = tuple(group_by)

        self.values_select = tuple(field_names)
        self.add_fields(field_names, True)
