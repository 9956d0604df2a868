"""Shapes fixing changes take that the flow analysis read as flaws: a pickle round trip, a check's
result held in a name and tested later."""

from __future__ import annotations

import textwrap

from bot.analysis.flow import analyse_python


def _found(code: str, path: str = "tests/test_models.py") -> list[tuple[str, int]]:
    text = textwrap.dedent(code)
    added = frozenset(range(1, text.count("\n") + 2))
    return [(f.category, f.start_line) for f in analyse_python({path: (text, added)}, None, None).findings]


def test_a_test_loading_what_it_just_pickled_is_quiet():
    # the shape of a library's test suite: an object pickled and loaded back to compare
    code = """
    import pickle

    def test_point_pickle():
        p = Point(1, 2)
        data = pickle.dumps(p)
        assert pickle.loads(data) == p

    def test_point_pickle_inline():
        assert pickle.loads(pickle.dumps(Point(3, 4), protocol=2)) == Point(3, 4)
    """
    assert _found(code) == []


def test_loading_bytes_from_elsewhere_still_reports():
    code = """
    import pickle

    def load(request, cache, key):
        data = cache.get(key) if key else pickle.dumps(None)
        first = pickle.loads(data)
        return first, pickle.loads(request.data)
    """
    assert _found(code, "app/views.py") == [("deserialization", 6), ("deserialization", 7)]


_DJANGO_REDIRECT = """
from django.http import HttpResponseRedirect
from django.utils.http import is_safe_url

class LoginView(View):
    def get_redirect_url(self):
        redirect_to = self.request.POST.get(
            self.redirect_field_name, self.request.GET.get(self.redirect_field_name, "")
        )
        url_is_safe = is_safe_url(
            url=redirect_to,
            allowed_hosts=self.get_success_url_allowed_hosts(),
            require_https=self.request.is_secure(),
        )
        return redirect_to if url_is_safe else ""

    def done(self):
        return HttpResponseRedirect(self.get_redirect_url() or "/")
"""


def test_a_check_held_in_a_name_guards_the_value_it_tested():
    # django-two-factor-auth's fix (copied from Django's LoginView): the check's result is named,
    # then the URL is returned only when it holds
    assert _found(_DJANGO_REDIRECT, "two_factor/views/core.py") == []


def test_the_held_check_no_longer_counts_once_the_value_is_rebound_or_without_it():
    rebound = _DJANGO_REDIRECT.replace(
        '        return redirect_to if url_is_safe else ""',
        '        redirect_to = self.request.GET.get("other")\n'
        '        return redirect_to if url_is_safe else ""',
    )
    assert [c for c, _ in _found(rebound, "app/views.py")] == ["open-redirect"]
    unchecked = _DJANGO_REDIRECT.replace("return redirect_to if url_is_safe else", "return redirect_to or")
    assert [c for c, _ in _found(unchecked, "app/views.py")] == ["open-redirect"]


def test_text_searched_in_a_string_is_not_an_xpath_query():
    # str.find with a bracket in its text (splitting an IPv6 literal): no ElementTree path syntax
    code = """
    def split_host(value, sep):
        start = value.find("[" + sep)
        return value[start:]
    """
    assert _found(code, "app/urls.py") == []


def test_an_element_path_built_from_request_data_still_reports():
    code = """
    def find_user(tree, request):
        name = request.args["name"]
        return tree.find(".//user[@name='" + name + "']")

    def find_named(tree, name):
        return tree.findall(f"./users/user[name='{name}']")
    """
    assert [c for c, _ in _found(code, "app/users.py")] == ["xpath-injection", "xpath-injection"]
