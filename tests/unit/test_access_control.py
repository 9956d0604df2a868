"""Diff-level access-control findings (bot.analysis.access_control): each shape taken from a real fix
(reversed: the change that introduces the flaw), and the benign look-alike that must stay quiet."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.access_control import PATTERNS, find_weakened_access, rule_ids
from bot.core.diffmap import parse_diff


def _diff(path: str, body: str) -> str:
    """A unified diff of one hunk; its header's line counts are computed from the body."""
    head, *lines = textwrap.dedent(body).strip("\n").split("\n")
    lines = [line if line else " " for line in lines]
    old = sum(1 for line in lines if line[0] in " -")
    new = sum(1 for line in lines if line[0] in " +")
    start_old, start_new = (part.split(",")[0].lstrip("-+") for part in head.split()[1:3])
    header = f"@@ -{start_old},{old} +{start_new},{new} @@"
    return f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n" + "\n".join([header, *lines]) + "\n"


def _found(diff: str, head: str | None = None) -> list[tuple[str, str, int]]:
    changes = parse_diff(diff).files
    contents = {fc.path: textwrap.dedent(head).splitlines() for fc in changes} if head is not None else {}
    return [(f.rule_id, f.category, f.start_line) for f in find_weakened_access(changes, contents)]


API = """
class Watch(Resource):
    @auth.check_token
    def get(self, uuid):
        return self.datastore.data[uuid]

    @auth.check_token
    def delete(self, uuid):
        return self.datastore.delete(uuid)


class WatchHistory(Resource):
    # the history of one watch
    def get(self, uuid):
        return list(self.datastore.data[uuid].history)
"""


def test_a_decorator_the_modules_other_handlers_keep_is_a_finding_when_taken_off_one():
    # changedetection.io 0.45.13 (CVE-2024-23329), reversed
    diff = _diff(
        "api/api_v1.py",
        """
        @@ -12,5 +12,5 @@
         class WatchHistory(Resource):
        -    @auth.check_token
        +    # the history of one watch
             def get(self, uuid):
                 return list(self.datastore.data[uuid].history)
        """,
    )
    assert _found(diff, API) == [("diff-removed-access-decorator", "missing-authorization", 13)]


def test_a_decorator_gone_from_the_whole_module_or_with_its_function_is_not_a_finding():
    # moved to a middleware: no function of the module keeps it
    head = API.replace("    @auth.check_token\n", "")
    diff = _diff(
        "api/api_v1.py",
        """
        @@ -12,5 +12,5 @@
         class WatchHistory(Resource):
        -    @auth.check_token
        +    # the history of one watch
             def get(self, uuid):
        """,
    )
    assert _found(diff, head) == []
    # the handler deleted with its decorator
    gone = _diff(
        "api/api_v1.py",
        """
        @@ -12,6 +12,3 @@
         class WatchHistory(Resource):
        -    @auth.check_token
        -    def get(self, uuid):
        -        return list(self.datastore.data[uuid].history)
        +    pass
        """,
    )
    assert _found(gone, API) == []
    # a decorator that is not an access check (a cache), even where siblings keep it
    cached = _diff(
        "api/api_v1.py",
        """
        @@ -12,5 +12,5 @@
         class WatchHistory(Resource):
        -    @functools.lru_cache
        +    # the history of one watch
             def get(self, uuid):
        """,
    )
    assert _found(cached, API.replace("@auth.check_token", "@functools.lru_cache")) == []


def test_a_view_no_longer_limited_to_post_is_a_csrf_finding():
    # modoboa 2.2.2 (CVE-2023-5690), reversed: logout answers a cross-site GET again
    diff = _diff(
        "core/views/auth.py",
        """
        @@ -127,4 +127,3 @@

        -@require_http_methods(["POST"])
         def dologout(request):
             \"\"\"Logout current user.\"\"\"
        """,
    )
    assert _found(diff, "") == [("diff-removed-access-decorator", "csrf", 128)]
    # a view that allowed POST and GET and still does
    same = _diff(
        "core/views/auth.py",
        """
        @@ -127,4 +127,4 @@
        -@require_http_methods(["GET", "POST"])
        +@require_http_methods(["POST", "GET"])
         def dologout(request):
        """,
    )
    assert _found(same, "") == []


def test_a_removed_denial_is_a_finding_unless_the_file_refuses_the_same_way_elsewhere():
    # alerta 7.5.7 (CVE-2020-26214), reversed: the empty-password refusal before the LDAP bind
    diff = _diff(
        "auth/basic_ldap.py",
        """
        @@ -27,9 +27,6 @@
             except KeyError:
                 raise ApiError("must supply 'username' and 'password'", 401)

        -    if not password:
        -        raise ApiError('password not allowed to be empty', 401)
        -
             try:
                 if '\\\\' in login:
        """,
    )
    assert _found(diff) == [("diff-removed-access-check", "missing-authorization", 30)]
    # the refusal moved into a helper the change adds: the same status is raised on an added line
    moved = _diff(
        "auth/basic_ldap.py",
        """
        @@ -27,9 +27,7 @@
             except KeyError:
                 raise ApiError("must supply 'username' and 'password'", 401)

        -    if not password:
        -        raise ApiError('password not allowed to be empty', 401)
        -
        +    _require(password, "password not allowed to be empty", status=401)
             try:
        """,
    )
    assert _found(moved) == []


def test_a_removed_permission_test_and_a_removed_dispatch_hook_are_findings():
    # wagtail-2fa 1.4.1 (CVE-2020-5240), reversed: the dispatch override that checked the user
    diff = _diff(
        "wagtail_2fa/views.py",
        """
        @@ -75,8 +75,3 @@
                 return context

        -    def dispatch(self, request, *args, **kwargs):
        -        if self.kwargs["user_id"] == request.user.pk or request.user.has_perm("change_user"):
        -            return super().dispatch(request, *args, **kwargs)
        -        raise PermissionDenied
        -
         class DeviceCreateView(OtpRequiredMixin, FormView):
        """,
    )
    assert _found(diff) == [("diff-removed-access-check", "missing-authorization", 77)]
    # an ordinary helper deleted with its own refusal (dead code going away) is not one
    helper = diff.replace("def dispatch(", "def legacy_listing(")
    assert _found(helper) == []
    # a permission test whose body does not refuse (a branch of the feature) is not one
    branch = _diff(
        "gitlab.py",
        """
        @@ -10,6 +10,4 @@
             headers = _api_headers(access_token)
        -    if is_admin:
        -        # admins see every group: ask for membership of each
             for group in self.gitlab_group_whitelist:
                 url = "%s/groups/%s/members/%d" % (GITLAB_API, group, user_id)
        """,
    )
    assert _found(branch) == []


def test_a_dropped_enforcement_call_or_permission_class_is_a_finding():
    # keystone 15.0.1 (CVE-2020-12691), reversed: the update no longer enforces the target's policy
    diff = _diff(
        "keystone/api/credentials.py",
        """
        @@ -150,10 +150,6 @@
                 validation.lazy_validate(schema.credential_update, credential)
                 self._require_matching_id(credential)
        -        target = {'credential': dict(current, **credential)}
        -        ENFORCER.enforce_call(
        -            action='identity:update_credential', target_attr=target
        -        )
                 ref = PROVIDERS.credential_api.update_credential(
        """,
    )
    assert _found(diff) == [("diff-removed-access-check", "missing-authorization", 152)]
    # modoboa 2.1.0 (CVE-2023-2227), reversed: a superuser-only viewset open to every user
    attribute = _diff(
        "parameters/api/v2/viewsets.py",
        """
        @@ -14,5 +14,4 @@
             lookup_value_regex = r"\\w+"
        -    permission_classes = [permissions.IsAuthenticated, IsSuperUser]
             serializer_class = None
        """,
    )
    assert _found(attribute) == [("diff-removed-access-check", "missing-authorization", 15)]
    # a stricter list replacing it is not a finding; a shorter one is
    stricter = _diff(
        "parameters/api/v2/viewsets.py",
        """
        @@ -14,5 +14,5 @@
             lookup_value_regex = r"\\w+"
        -    permission_classes = [permissions.IsAuthenticated, IsSuperUser]
        +    permission_classes = [permissions.IsAuthenticated, IsSuperUser, IsOwner]
             serializer_class = None
        """,
    )
    assert _found(stricter) == []
    shorter = stricter.replace(", IsSuperUser, IsOwner]", "]")
    assert _found(shorter) == [("diff-removed-access-check", "missing-authorization", 15)]


def test_a_query_that_loses_its_owner_filter_is_an_idor_finding_on_the_added_line():
    diff = _diff(
        "documents/views.py",
        """
        @@ -20,3 +20,3 @@
         def document(request, pk):
        -    doc = get_object_or_404(Document, pk=pk, owner=request.user)
        +    doc = get_object_or_404(Document, pk=pk)
             return render(request, "doc.html", {"doc": doc})
        """,
    )
    assert _found(diff) == [("diff-removed-owner-filter", "incorrect-authorization", 21)]
    # look-alikes: another filter renamed, an ordering changed, the owner kept under another spelling
    renamed = diff.replace(
        "get_object_or_404(Document, pk=pk)", "get_object_or_404(Document, id=pk, owner=request.user)"
    )
    assert _found(renamed) == []
    ordering = _diff(
        "documents/views.py",
        """
        @@ -20,3 +20,3 @@
         def documents(request):
        -    docs = Document.objects.filter(owner=request.user).order_by("title")
        +    docs = Document.objects.filter(owner=request.user).order_by("-created")
             return render(request, "docs.html", {"docs": docs})
        """,
    )
    assert _found(ordering) == []
    unrelated = _diff(
        "jobs/views.py",
        """
        @@ -5,3 +5,3 @@
         def job(job_id):
        -    jobs = DjangoJob.objects.filter(name=job_id)
        +    jobs = DjangoJob.objects.filter(id=job_id)
        """,
    )
    assert _found(unrelated) == []


def test_a_sqlalchemy_filter_that_tests_another_column_instead_of_the_owner_is_a_finding():
    # ihatemoney 4.1.5 (CVE-2020-15120), reversed: the project test moved off the person's own column
    diff = _diff(
        "ihatemoney/models.py",
        """
        @@ -283,3 +283,3 @@
                     return Person.query.filter(Person.id == id)\\
        -                .filter(Person.project_id == project.id).one_or_none()
        +                .filter(Project.id == project.id).one()
        """,
    )
    assert _found(diff) == [("diff-removed-owner-filter", "incorrect-authorization", 284)]
    # the fix (the other way round) and a rename of an unrelated column are not findings
    fix = diff.replace("-    ", "=").replace("+    ", "-    ").replace("=", "+    ")
    assert _found(fix) == []
    renamed = diff.replace("Project.id == project.id).one()", "Person.project_id == project.pk).one()")
    assert _found(renamed) == []


def test_an_access_test_that_now_passes_on_one_factor_or_without_its_not_is_a_finding():
    # a refusing guard whose `or` became `and`: both failures are now needed to refuse
    weakened = _diff(
        "proxy/auth.py",
        """
        @@ -3,4 +3,4 @@
         def before_upstream_connection(self, request):
        -    if b'proxy-authorization' not in headers or headers[b'proxy-authorization'] != self.auth:
        +    if b'proxy-authorization' not in headers and headers[b'proxy-authorization'] != self.auth:
                 raise ProxyAuthenticationFailed()
        """,
    )
    assert _found(weakened) == [("diff-fail-open", "improper-authentication", 4)]
    # the other way round (`and` -> `or` in a refusing guard) refuses more: not a finding
    stricter = weakened.replace("-    if", "=").replace("+    if", "-    if").replace("=", "+    if", 1)
    assert _found(stricter) == []
    inverted = _diff(
        "auth.py",
        """
        @@ -3,4 +3,4 @@
         def login(user, password):
        -    if not check_password(user, password):
        +    if check_password(user, password):
                 raise AuthError("bad credentials")
        """,
    )
    assert _found(inverted) == [("diff-fail-open", "improper-authentication", 4)]
    # a guard rewritten the other way round with its body (same meaning) is not a finding
    same = _diff(
        "auth.py",
        """
        @@ -3,5 +3,5 @@
         def login(user, password):
        -    if not check_password(user, password):
        -        raise AuthError("bad credentials")
        +    if check_password(user, password):
        +        return session_for(user)
        +    raise AuthError("bad credentials")
        """,
    )
    assert _found(same) == []


def test_an_allow_list_matched_with_re_match_of_a_configured_pattern_is_a_finding():
    # flower 1.2.0 (CVE-2022-30034), reversed: an e-mail admitted when the --auth pattern matches its start
    diff = _diff(
        "flower/views/auth.py",
        """
        @@ -70,5 +70,5 @@
                 email = json.loads(response.body.decode('utf-8'))['email']
        -        if not authenticate(self.application.options.auth, email):
        +        if not re.match(self.application.options.auth, email):
                     message = "Access denied to '{email}'."
                     raise tornado.web.HTTPError(403, message)
        """,
    )
    assert _found(diff) == [("diff-fail-open", "incorrect-authorization", 71)]
    # look-alikes: a literal, anchored pattern validating input; a match that picks a branch
    literal = diff.replace("re.match(self.application.options.auth, email)", 're.match(r"^[a-z]+$", email)')
    assert _found(literal) == []
    branch = _diff(
        "mail/route.py",
        """
        @@ -3,3 +3,4 @@
         def route(email):
        +    if re.match(settings.INTERNAL_DOMAINS, email):
        +        return "internal"
             return "external"
        """,
    )
    assert _found(branch) == []


def test_a_permission_lowered_from_edit_to_read_is_a_finding():
    # airflow 2.7.3 (CVE-2023-47037), reversed: setting a DAG run's note needs only read access
    diff = _diff(
        "airflow/api_connexion/endpoints/dag_run_endpoint.py",
        """
        @@ -376,5 +376,5 @@
         @security.requires_access(
             [
        -        (permissions.ACTION_CAN_EDIT, permissions.RESOURCE_DAG),
        +        (permissions.ACTION_CAN_READ, permissions.RESOURCE_DAG),
                 (permissions.ACTION_CAN_EDIT, permissions.RESOURCE_DAG_RUN),
        """,
    )
    assert _found(diff) == [("diff-fail-open", "incorrect-authorization", 378)]
    # raised (the fix), or another resource named: not findings
    raised = diff.replace("-        (permissions.ACTION_CAN_EDIT", "=").replace(
        "+        (permissions.ACTION_CAN_READ", "-        (permissions.ACTION_CAN_READ"
    )
    raised = raised.replace("=", "+        (permissions.ACTION_CAN_EDIT", 1)
    assert _found(raised) == []
    other = diff.replace(
        "ACTION_CAN_READ, permissions.RESOURCE_DAG)", "ACTION_CAN_READ, permissions.RESOURCE_LOG)"
    )
    assert _found(other) == []


def test_a_dropped_readable_scope_and_permission_policy_are_findings():
    # airflow 2.7.3 (CVE-2023-42781), reversed: '~' lists task instances of every DAG
    scope = _diff(
        "airflow/api_connexion/endpoints/task_instance_endpoint.py",
        """
        @@ -339,5 +339,3 @@
             if dag_id != "~":
                 base_query = base_query.where(TI.dag_id == dag_id)
        -    else:
        -        base_query = base_query.where(TI.dag_id.in_(get_readable_dags()))
             if dag_run_id != "~":
        """,
    )
    assert _found(scope) == [("diff-removed-access-check", "missing-authorization", 341)]
    # wagtail 5.1.3 (CVE-2023-45809), reversed: the bulk actions on users lose their policy
    policy = _diff(
        "wagtail/users/views/bulk_actions/user_bulk_action.py",
        """
        @@ -10,5 +10,3 @@
        -class UserBulkAction(PermissionCheckedMixin, BulkAction):
        +class UserBulkAction(BulkAction):
             models = [User]
        -    permission_policy = ModelPermissionPolicy(User)
        -    any_permission_required = ["add", "change", "delete"]
             def get_all_objects_in_listing_query(self, parent_id):
        """,
    )
    assert _found(policy) == [("diff-removed-access-check", "missing-authorization", 10)]


def test_a_refusal_replaced_by_another_kind_of_refusal_is_not_a_finding():
    # a fix that refactors the error handling: a 403 response becomes an exception raised elsewhere
    diff = _diff(
        "app/views.py",
        """
        @@ -10,6 +10,6 @@
         def report(request, pk):
             report = Report.objects.get(pk=pk)
        -    if report.owner != request.user:
        -        return JsonResponse({"error": "forbidden"}, status=403)
        +    if not can_view(request.user, report):
        +        raise PermissionDenied("not your report")
             return JsonResponse(report.as_dict())
        """,
    )
    assert _found(diff) == []


def test_a_check_whose_result_is_no_longer_used_is_a_finding():
    # salt 3002.9 (CVE-2022-22967), reversed: the account check's answer is dropped
    diff = _diff(
        "salt/auth/pam.py",
        """
        @@ -209,5 +209,5 @@
             retval = PAM_AUTHENTICATE(handle, 0)
             if retval == 0:
        -        retval = PAM_ACCT_MGMT(handle, 0)
        +        PAM_ACCT_MGMT(handle, 0)
             PAM_END(handle, 0)
        """,
    )
    assert _found(diff) == [("diff-fail-open", "improper-authentication", 211)]
    # a result dropped from a call that checks nothing (a log line, a cleanup) is not one
    cleanup = diff.replace("PAM_ACCT_MGMT", "PAM_CLOSE_SESSION")
    assert _found(cleanup) == []


def test_hardening_that_looks_like_a_weakening_is_not_a_finding():
    # an SSRF fix pins redirects off, a privilege fix pins is_admin off: constants that refuse
    pinned = _diff(
        "app/fetch.py",
        """
        @@ -3,3 +3,3 @@
         def fetch(url, follow):
        -    return requests.get(url, allow_redirects=follow, timeout=5)
        +    return requests.get(url, allow_redirects=False, timeout=5)
        """,
    )
    assert _found(pinned) == []
    assert _found(pinned.replace("allow_redirects", "is_admin")) == []
    # a fix that adds a host check with re.match of a constant pattern (nothing exact replaced)
    new_check = _diff(
        "app/redirect.py",
        """
        @@ -3,3 +3,5 @@
         def next_url(request, host):
        +    if not re.match(ALLOWED_HOSTS_RE, host):
        +        raise PermissionDenied("host not allowed")
             return redirect(request.GET["next"])
        """,
    )
    assert _found(new_check) == []
    # removing an opt-out (a fix): @csrf_exempt taken off, AllowAny dropped from a viewset
    exempt = _diff(
        "app/views.py",
        """
        @@ -12,4 +12,4 @@
        -@csrf_exempt
        +@login_required
         def upload(request):
             return save(request.FILES["f"])
        """,
    )
    assert _found(exempt, "@csrf_exempt\ndef a(r):\n    pass\n@csrf_exempt\ndef b(r):\n    pass\n") == []
    allow_any = _diff(
        "app/api.py",
        """
        @@ -5,3 +5,2 @@
         class ReportViewSet(viewsets.ModelViewSet):
        -    permission_classes = [AllowAny]
             queryset = Report.objects.all()
        """,
    )
    assert _found(allow_any) == []


def test_test_files_are_not_read():
    diff = _diff(
        "tests/test_views.py",
        """
        @@ -1,3 +1,2 @@
         def test_denied(client):
        -    raise PermissionDenied
             pass
        """,
    )
    assert _found(diff) == []


def test_rule_ids_are_listed():
    assert set(rule_ids()) == {
        "diff-removed-access-decorator",
        "diff-removed-access-check",
        "diff-removed-owner-filter",
        "diff-fail-open",
    }


_ATOMS = st.sampled_from(
    ["@", "auth", ".", "check_token", "(", ")", "=", ",", " ", "if ", "not ", "raise ", "abort(", "403",
     "PermissionDenied", "request.user", "owner", "filter", "get_object_or_404", "csrf", "'", '"', "\n",
     "permission_classes", "[", "]", "enforce_call", " and ", " or ", "def ", "dispatch", "    ", "é"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_ATOMS, max_size=30).map("".join), max_size=8), st.lists(_ATOMS, max_size=60))
def test_any_diff_text_is_read_without_error(lines, head):
    body = "@@ -1,{0} +1,{0} @@\n".format(len(lines) * 2) + "".join(
        f"-{line}\n+{line[::-1]}\n" for line in (text.replace("\n", " ") for text in lines)
    )
    diff = _diff("app/views.py", body)
    changes = parse_diff(diff).files
    find_weakened_access(changes, {fc.path: "".join(head).splitlines() for fc in changes})


def test_every_pattern_is_cut_to_bounded_lines():
    long = "x" * 100_000
    for pattern in PATTERNS:
        assert pattern.search(long[:400]) is None or pattern.pattern


LONE = """
    # the history of one watch
    def get(self, uuid):
        return list(self.datastore.data[uuid].history)
"""


def test_a_function_reviewed_alone_that_loses_its_access_decorator_is_a_finding():
    # the same fix as above, cut to the one method (no siblings left to show the convention)
    diff = _diff(
        "api/api_v1.py",
        """
        @@ -1,4 +1,4 @@
        -    @auth.check_token
        +    # the history of one watch
             def get(self, uuid):
                 return list(self.datastore.data[uuid].history)
        """,
    )
    assert _found(diff, LONE) == [("diff-removed-access-decorator", "missing-authorization", 1)]


def test_a_lone_function_whose_change_checks_access_inline_is_quiet():
    head = """
    def get(self, uuid):
        if not current_user.has_perm("watch.view"):
            abort(403)
        return list(self.datastore.data[uuid].history)
    """
    diff = _diff(
        "api/api_v1.py",
        """
        @@ -1,3 +1,5 @@
        -    @auth.check_token
             def get(self, uuid):
        +        if not current_user.has_perm("watch.view"):
        +            abort(403)
                 return list(self.datastore.data[uuid].history)
        """,
    )
    assert _found(diff, head) == []


def test_a_module_of_several_functions_none_keeping_the_decorator_is_still_quiet():
    head = """
    def get(self, uuid):
        return list(self.datastore.data[uuid].history)

    def other(self):
        return 1
    """
    diff = _diff(
        "api/api_v1.py",
        """
        @@ -1,3 +1,2 @@
        -    @auth.check_token
             def get(self, uuid):
                 return list(self.datastore.data[uuid].history)
        """,
    )
    assert _found(diff, head) == []


# the shape of rdiffweb 2.4.6's fix (PYSEC-2022-285, CSRF; pyctl's function-level sample): the settings
# page changed a repository's settings only for POST; the reverse runs the change for any method
METHOD_GATE = _diff(
    "app/views.py",
    """
    @@ -8,7 +8,6 @@
     def settings_page(request, repo):
    -    if request.method == "POST":
    -        if request.form.get("keepdays"):
    -            return remove_older(repo, request.form)
    +    if request.form.get("keepdays"):
    +        return remove_older(repo, request.form)
         return render("settings.html", repo=repo)
    """,
)


def test_a_state_change_no_longer_kept_to_post_is_a_csrf_finding():
    assert _found(METHOD_GATE) == [("diff-removed-access-check", "csrf", 9)]


def test_a_refusing_method_test_removed_is_a_csrf_finding():
    diff = _diff(
        "app/views.py",
        """
        @@ -8,6 +8,4 @@
         def delete(request, pk):
        -    if request.method != "POST":
        -        return HttpResponseNotAllowed(["POST"])
             Item.objects.filter(pk=pk).delete()
             return redirect("/")
        """,
    )
    assert _found(diff) == [("diff-removed-access-check", "csrf", 9)]


def test_a_method_test_rewritten_or_removed_with_its_body_is_quiet():
    widened = _diff(
        "app/views.py",
        """
        @@ -8,4 +8,4 @@
         def settings_page(request, repo):
        -    if request.method == "POST":
        +    if request.method in ("POST", "PUT"):
                 save(repo, request.form)
        """,
    )
    assert _found(widened) == []
    gone = _diff(
        "app/views.py",
        """
        @@ -8,5 +8,3 @@
         def settings_page(request, repo):
        -    if request.method == "POST":
        -        save(repo, request.form)
             return render("settings.html", repo=repo)
        """,
    )
    assert _found(gone) == []
    get_branch = _diff(
        "app/views.py",
        """
        @@ -8,5 +8,4 @@
         def settings_page(request, repo):
        -    if request.method == "GET":
        -        return render("settings.html", repo=repo)
        +    return render("settings.html", repo=repo)
        """,
    )
    assert _found(get_branch) == []


def test_a_removed_call_that_checked_the_requester_is_a_finding():
    # the shape of paramiko 2.4.1's fix (CVE-2018-7750, pyctl's function-level sample; LGPL code not
    # copied): the server handled a message only once the client was authenticated; the reverse hands
    # every message to its handler
    diff = _diff(
        "server/transport.py",
        """
        @@ -40,6 +40,2 @@
                     if ptype in self.handlers:
        -                error = self._ensure_authed(ptype, message)
        -                if error:
        -                    self.send(error)
        -                else:
        -                    self.handlers[ptype](self, message)
        +                self.handlers[ptype](self, message)
        """,
    )
    assert _found(diff) == [("diff-removed-access-check", "missing-authorization", 41)]


def test_an_auth_check_call_renamed_or_a_lookalike_call_removed_is_quiet():
    renamed = _diff(
        "server/transport.py",
        """
        @@ -40,3 +40,3 @@
                     if ptype in self.handlers:
        -                error = self._ensure_authed(ptype, message)
        +                error = self._check_authenticated(ptype, message)
                         handle(error)
        """,
    )
    assert _found(renamed) == []
    output = _diff(
        "tools/run.py",
        """
        @@ -1,3 +1,2 @@
         def run(cmd):
        -    out = subprocess.check_output(cmd)
             return cmd
        """,
    )
    assert _found(output) == []
