"""Diff-level findings: a change that deletes or weakens a security control.

Only a reviewer of diffs sees these: the removed lines of each hunk are matched against known
controls (escaping, validation guards, path containment, authorisation, CSRF, TLS verification,
autoescaping, redirect-target and CR/LF checks, cookie flags, size and recursion limits, a
``typeof x !== 'string'`` type check (JS libraries: an array gets past string-only sanitising), the
normalisation of backslashes and leading slashes in a URL or path (``[\\/]``, ``collapseLeadingSlashes``)
or the decoding of ``%2e``/``%2f``/``%5c`` before a path is checked, hardened XML parsing: defusedxml or
``resolve_entities=False``, whose import swapped for a plain XML parser's counts too, and Java's
``disallow-doctype-decl``, StAX's ``SUPPORT_DTD`` and JAXP's ``ACCESS_EXTERNAL_*``; a deserialisation
filter or type allow-list (``setObjectInputFilter``, XStream's ``allowTypes``, SnakeYAML's
``SafeConstructor``) where the hunk still deserialises; SpEL's ``SimpleEvaluationContext``; a
``SecureRandom`` swapped for a predictable generator on an added line; a sandboxed
template environment, a constant-time comparison and a securely created temporary file, when the hunk
still renders, compares or names a shared temporary path; the trailing separator of a root a
containment check still compares (`normalize(root + sep)`, CWE-22); and information exposure
(CWE-200): a credential header (`Authorization`, `Cookie`, `Proxy-Authorization`) no longer stripped
before a redirect, each header name its own token, or the list of such headers a client strips; a
secret no longer masked (`mask_password(...)`, `SENSITIVE_DATA_SUBSTITUTE`, `'***'`); a serializer's
secret field no longer `write_only`/`load_only`, or taken off an exclude list). A control
counts as removed only when it is gone on balance from its component (top-level directory) of the
change, so a check moved elsewhere is not a finding; nor is one a fix rewrote: a value-level
control (a check, an escape, a limit) of the same kind, or a more specific check for a generic
guard, that the change adds elsewhere in the file in a form it does not remove, or in a new function
the hunk calls, or a hunk that adds at least as many checks (raises, throws, guard clauses) as it
removes; nor a control rewritten in another form: a deny-list of characters as the class of those
allowed (CR/LF and validation), a ``for in`` filtered by ``hasOwnProperty`` as a walk of
``Object.keys``, a block of five lines or more moved into a helper called in its place (validation:
the function read alone does not show the helper), a value a validation call computed assigned anew
from another non-constant expression. A guard clause refuses when its body raises,
or answers with an error (Go's ``http.Error``,
a 4xx status, a returned ``fmt.Errorf``; Java's ``sendError``). A path normalisation counts only
beside a containment test, a guard that hands back the
value it tested only steers, and a length compared with 0 tests for emptiness. Findings anchor on
the nearest added line of the hunk, or, when the hunk adds nothing, on the line now standing where
the control was (the review lists them in the summary). In template files (html, Jinja) a change that adds
``{% autoescape false %}`` or ``|safe``, or drops an escaping filter, is read the same way.
A file created owner-only (``os.open(p, flags, 0o600)``, an owner-only ``chmod``) that an added line now
writes with ``open()`` and its default mode is reported too (CWE-732), as are the session renewal at
login (session fixation) and a view's rate-limit decorator. Imports bot.core only.
"""

from __future__ import annotations

import ast
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from bot.core.models import ChangeSet, Confidence, FileChange, Finding, Hunk, LineKind, Provenance, Severity
from bot.core.taxonomy import category as lookup_category

ENGINE = "remediator"
RULE_PREFIX = "diff-removed-"
MAX_LINE = 400
"""Lines longer than this are cut before matching (every pattern below is linear, this bounds it)."""

CODE_LANGUAGES = {"python", "javascript", "typescript", "java", "go", "ruby", "php", "csharp", "kotlin"}


@dataclass(frozen=True, slots=True)
class Control:
    """One kind of control: how to recognise it on a line and what removing it exposes."""

    kind: str
    what: str
    category: str
    severity: Severity
    confidence: Confidence
    pattern: re.Pattern[str]
    requires: re.Pattern[str] | None = None
    """A second pattern the same line must also match (kept separate so each stays linear)."""
    beside: re.Pattern[str] | None = None
    """A pattern some added or kept line of the hunk must match: what the control protected is still
    there (a template still rendered, a value still compared, a temporary file still made), so the
    control was swapped for a weaker form rather than removed with the feature."""
    beside_added: bool = False
    """``beside`` must match an added line (what replaces the control is in view), not a kept one."""
    replaces: bool = True
    """Whether this control, added elsewhere in the file, puts back a removed one of its kind (not a
    path normalisation, which checks nothing on its own)."""
    setting: re.Pattern[str] | None = None
    """A removed line matching this is the control on its own, whatever the hunk keeps (``beside`` is
    not needed): a setting that names it (``"environment": "jinja2.sandbox.SandboxedEnvironment"``,
    without which the default, weaker form applies), or a decision made on the spot (``if
    os.path.realpath(p) != p``)."""


def _rx(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


_CAMEL_PATH_WORD = r"(?-i:[a-z](?:Root|Base|Dir|Directory|Folder|Path|Dest|Target|Parent)\b)"
"""A path word ending a camelCase name (``canonicalDestPath``, ``outputDir``), where ``\b`` sees none."""


CONTROLS: tuple[Control, ...] = (
    Control(
        "authorization",
        "an authentication or authorisation check",
        "missing-authorization",
        Severity.HIGH,
        Confidence.MEDIUM,
        _rx(
            r"@(login_required|permission_required|user_passes_test|staff_member_required|"
            r"superuser_required|jwt_required|auth_required|requires_auth\w*|roles?_required|"
            r"admin_required|authenticated|PreAuthorize|PostAuthorize|Secured|RolesAllowed|authorize\w*)\b"
            r"|before_action\s+:(authenticate\w*|authorize\w*|require_\w+|check_\w+)"
            r"|\bDepends\(\s*(get_current\w*|current_\w*|require\w*|auth\w*|verify\w*)"
            r"|\b(ensureAuthenticated|ensureLoggedIn|requireAuth\w*|isAuthenticated|requireLogin|"
            r"requireAdmin|checkPermission\w*|authorize|authenticate)\b"
            r"|\b(has_perm|has_permission|check_permission\w*|can\?|authorize!)\b"
        ),
    ),
    Control(
        "csrf",
        "CSRF protection",
        "csrf",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        _rx(
            r"\b(csrf_protect|CSRFProtect|csrf\(|csurf|protect_from_forgery|verify_authenticity_token|csrfToken|_csrf)\b"
        ),
    ),
    Control(
        "tls",
        "TLS certificate verification",
        "tls-verification",
        Severity.HIGH,
        Confidence.MEDIUM,
        _rx(
            r"\bverify\s*=\s*True\b|rejectUnauthorized\s*:\s*true|InsecureSkipVerify\s*:\s*false"
            r"|VERIFY_PEER\b|check_hostname\s*=\s*True|CERT_REQUIRED\b|verify_mode\s*=\s*OpenSSL::SSL::VERIFY_PEER"
            r"|\bcreate_default_context\("
            # a host name check of the peer's certificate (ssl.match_hostname, a client's own
            # check_host_name): without it any certificate the CAs signed is accepted for any host
            r"|\b_{0,2}(?:check|verify|match)_?host_?name\("
        ),
    ),
    Control(
        "autoescape",
        "template autoescaping",
        "xss",
        Severity.HIGH,
        Confidence.MEDIUM,
        _rx(
            r"\bautoescape\s*[=:]\s*(True|true|select_autoescape)|select_autoescape\(|\bescape\s*:\s*true\b"
            r"|\b(raw_enabled|file_insertion_enabled)['\"]?\s*[=:]\s*(False|0)\b|\bescape\s*=\s*True\b"
            r"|\bsafe_mode\s*=\s*['\"]?(escape|replace|remove|True)\b"
        ),
    ),
    Control(
        "cookie",
        "a cookie security flag",
        "insecure-cookie",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        _rx(
            r"\b(secure|httponly|http_only|httpOnly)\s*[=:]\s*(True|true)\b|\bsame_?site\s*[=:]"
            r"|SESSION_COOKIE_(SECURE|HTTPONLY)\s*=\s*True|\.setHttpOnly\(\s*true|\.setSecure\(\s*true"
        ),
    ),
    Control(
        "escape",
        "an escaping or sanitising call",
        "xss",
        Severity.HIGH,
        Confidence.MEDIUM,
        _rx(
            r"\b((?<!\bre\.)(?<!\bregex\.)escape\(|escape_?html|escapeHtml|html\.escape|htmlspecialchars|htmlentities|markupsafe\.escape|"
            r"bleach\.clean|DOMPurify\.sanitize|sanitize_?html|sanitizeHtml|xss\(|filterXSS|"
            r"CGI\.escapeHTML|ERB::Util\.h|html_escape|h\(|escape_javascript|encodeForHTML|forHtml|"
            r"HtmlUtils\.htmlEscape|StringEscapeUtils\.escape\w*|template\.HTMLEscapeString|html\.EscapeString|"
            r"\.gsub!?\(\s*['\"/]<|conditional_escape\(|xhtml_escape\(|escapejs\b|json_script\b)"
            r"|\.replace\(\s*r?['\"]</?['\"]|\\\\u003[cCeE]"
        ),
    ),
    Control(
        # a value escaped before it is put into a regular expression: without it, text the caller
        # passes is read as pattern syntax (regex injection, and catastrophic backtracking with it)
        "regex-escape",
        "escaping of text put into a regular expression",
        "redos",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        _rx(
            r"\b(?:re|regex)\.escape\(|\bRegexp\.(?:escape|quote)\b|\bregexp\.QuoteMeta\(|\bPattern\.quote\("
            r"|\bescapeRegExp\(|\bescapeStringRegexp\(|\bescape_?regexp?\("
        ),
    ),
    Control(
        "redirect",
        "a redirect target check (same host, local path, no `//` or `/\\` prefix)",
        "open-redirect",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        _rx(
            r"\b(url_has_allowed_host_and_scheme|is_safe_url|is_safe_redirect\w*|is_safe_next\w*|safe_redirect\w*|"
            r"is_local_url|is_same_origin|validate_(next|redirect|return)_?\w*|check_(next|redirect)_?url)\b"
            r"|\bre\.sub\(\s*r?['\"]\^/"
            r"|\b(startswith|startsWith|HasPrefix|indexOf)\(\s*\(?\s*r?['\"](//|/\\\\|\\\\)"
            # Go's strings.HasPrefix(target, "//"): the prefix is the second argument
            r"|\bHasPrefix\(\s*[\w.]{1,80}\s*,\s*\"(//|/\\\\|\\\\)"
            r"|['\"]//['\"]\s*(not\s+)?in\b"
        ),
    ),
    Control(
        "redirect-scheme",
        "the scheme test of a redirect or URL check (`https:/evil.com` has no netloc)",
        "open-redirect",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        _rx(r"\.scheme\b"),
        # a decision, not the scheme read to build a URL
        _rx(r"^\s*(if|elif|return|assert)\b|\b(and|or|not)\b"),
    ),
    Control(
        "crlf",
        "a CR/LF (control character) check on header or protocol text",
        "crlf-injection",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        _rx(
            r"\\x00-\\x(1[fF]|20)|\[\\r\\n\]|\[\\n\\r\]|['\"]\\[rn]['\"]\s*(not\s+)?in\b"
            r"|\breplace\(\s*b?['\"]\\[rn]['\"]|\b\w*HEADER_(VALUE|NAME)_RE\b|\b_?is_illegal_header_(value|name)\b"
        ),
        # a check or a header's text, not a trim of line ends (`.replace(/[\r\n]+$/, '')`)
        _rx(
            r"header|disallow|illegal|invalid|forbid|unsafe|reject|crlf|ctrl|control|\bin\b|search|raise|throw"
        ),
    ),
    Control(
        "quote",
        "shell or SQL quoting",
        "command-injection",
        Severity.HIGH,
        Confidence.MEDIUM,
        _rx(
            r"\b(shlex\.quote|pipes\.quote|shellescape|shell_?escape|escapeshellarg|Shellwords\.escape|quote_ident|escapeId|escapeLiteral|mysql_real_escape_string|sqlescape)\b"
        ),
    ),
    Control(
        "path",
        "a path containment check",
        "path-traversal",
        Severity.HIGH,
        Confidence.MEDIUM,
        _rx(
            r"\b(is_relative_to|commonpath|commonprefix|safe_join|secure_filename|"
            r"path\.relative|filepath\.Rel|startswith|startsWith|HasPrefix|start_with\?|isPathInside|"
            r"pathIsInside|isSubdir)|['\"]\.\.['\"]|\.\./"
        ),
        _rx(
            r"\b(root|base|dir|directory|folder|path|sep|resolved|real|abs|upload|static|target|dest)|\.\.|"
            r"Inside\(|\bfilepath\.Rel\(|" + _CAMEL_PATH_WORD
        ),
    ),
    Control(
        "path",
        "the normalisation of a path a containment check compares",
        "path-traversal",
        Severity.HIGH,
        Confidence.MEDIUM,
        _rx(r"\b(realpath|abspath|normpath|filepath\.Clean|getCanonicalPath|toRealPath|File\.expand_path)"),
        _rx(
            r"\b(root|base|dir|directory|folder|path|sep|resolved|real|abs|upload|static|target|dest)|\.\.|"
            + _CAMEL_PATH_WORD
        ),
        # normalising a path protects only where the result is compared with a root: a containment
        # comparison still standing in the hunk, or the removed line a decision itself (not
        # `sys.path.insert(0, os.path.dirname(os.path.abspath(name)))`, which locates a file)
        beside=_rx(
            r"\b(is_relative_to|commonpath|commonprefix|startswith|startsWith|HasPrefix|start_with\?|"
            r"path\.relative|relative_to|filepath\.Rel)\b|\.\."
        ),
        replaces=False,
        setting=_rx(r"^\s*(if|elif|unless|return|assert|while)\b|\b(and|or|not)\b|&&|\|\||[=!]="),
    ),
    Control(
        "path-separator",
        "the trailing separator of the root a containment check compares (without it `/srv/www-private` "
        "starts with `/srv/www`)",
        "path-traversal",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        # a separator appended last (`normalize(root + sep)`, `realpath(base) + os.sep`), not one
        # between two parts of a path being built (`base + "/" + name`)
        _rx(
            r"\+\s*(os\.path\.sep|os\.sep|path\.sep|filepath\.Separator|File\.separator|sep|SEP|"
            r"['\"](/|\\\\)['\"])\s*(\)|;|,|$)"
        ),
        _rx(r"\b(root|base|dir|directory|folder|prefix|parent|resolved|real|abs|upload|static|target|dest)"),
        # the comparison of text it served still stands in the hunk
        beside=_rx(
            r"\b(startswith|startsWith|HasPrefix|start_with\?|indexOf|lastIndexOf|substr|substring|"
            r"commonprefix)\b"
        ),
        replaces=False,
    ),
    Control(
        "credential-header",
        "the removal of a credential header (`Authorization`, `Cookie`, `Proxy-Authorization`) "
        "before a request is sent on, so a redirect or proxy to another host receives it",
        "information-exposure",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        # the header's name quoted, as a property of a header map, or in a pattern of names
        # (`/^(?:authorization|cookie)$/i`); each name is a token of its own
        _rx(
            r"(?:['\"]|\bheaders\.|[\^|]|\(\?:)(?P<tok>proxy-authorization|proxy_?authorization|authorization|"
            r"cookie2?|x-api-key|x-auth-token)(?=['\"|)$;,]|$)"
        ),
        # the header tested or deleted, not set or read for use
        _rx(
            r"[=!]==?|\b(del|delete|pop|remove\w{0,20}|unset|strip\w{0,20}|drop\w{0,20}|discard|"
            r"omit|in|not in|equalsIgnoreCase|EqualFold|casecmp)\b"
        ),
    ),
    Control(
        "credential-header",
        "the removal of credential headers before a redirect or proxy request is sent on",
        "information-exposure",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        # the list of headers a client strips on redirect, or its helper (urllib3, requests, httpx)
        _rx(
            r"\b(remove_headers_on_redirect|redirect_headers_(black|block|deny)list|should_strip_auth|"
            r"strip_auth\w{0,20}|rebuild_auth|removeMatchingHeaders|sensitive_headers)\b"
        ),
    ),
    Control(
        "serializer-secret",
        "a secret field kept out of what a serializer returns (`write_only=True`, `load_only=True`)",
        "information-exposure",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        # DRF `password = serializers.CharField(write_only=True)`, `extra_kwargs = {"password":
        # {"write_only": True}}`, marshmallow `fields.Str(load_only=True)`: the whole declaration is
        # the token, so the same field declared without the flag is the flag gone
        _rx(
            r"\b\w{1,40}\s*=\s*[\w.]{1,60}\([^()\n]{0,160}\b(write_only|load_only)\s*=\s*True"
            r"|['\"]\w{1,40}['\"]\s*:\s*\{[^{}\n]{0,80}['\"](write_only|load_only)['\"]\s*:\s*True"
        ),
        _rx(r"passw|secret|token|api_?key|private_?key|hash|otp|pin\b|salt"),
    ),
    Control(
        "serializer-secret",
        "a secret field's name taken off the list of fields a serializer or model leaves out",
        "information-exposure",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        _rx(
            r"['\"](?P<tok>[a-z_]{0,30}(passw(or)?d|secret|token|api_?key|private_?key|hash|otp)[a-z_]{0,30})['\"]"
        ),
        _rx(
            r"\b(exclude\w{0,20}|\w{0,20}_exclude|hidden_fields|write_only_fields|load_only|private_fields|"
            r"sensitive_\w{0,20}|__hidden__|_hidden|protected_fields)\b"
        ),
    ),
    Control(
        "redaction",
        "the masking of a secret before it is logged, shown or returned",
        "information-exposure",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        _rx(
            r"\b(redact\w{0,30}|mask_\w{1,30}|mask|scrub\w{0,30}|censor\w{0,30}|obfuscate\w{0,30}|"
            r"filter_sensitive\w{0,20}|sanitize_(log|secret|password|token|sensitive|credential|header|url)"
            r"\w{0,20}|hide_(password|secret|token|credential)\w{0,20}|strip_(password|credential|auth)\w{0,20})"
            r"\s*\("
            # a value replaced by a mask (`SENSITIVE_DATA_SUBSTITUTE`, `"[Filtered]"`, `"*****"`)
            r"|\b[A-Z_]{0,30}(SUBSTITUTE|REDACTED)[A-Z_]{0,20}\b"
            r"|['\"]\[?(redacted|filtered|masked|hidden)\]?['\"]|['\"]\*{3,}['\"]"
        ),
        _rx(
            r"passw|secret|token|api_?key|auth|credential|cookie|header|dsn|url|uri|log|print|message|msg|repr"
        ),
    ),
    Control(
        "xml",
        "a hardened XML parser (defusedxml, or entity resolution and DTDs turned off)",
        "xxe",
        Severity.HIGH,
        Confidence.MEDIUM,
        _rx(
            r"\bdefusedxml\b|\bresolve_entities\s*=\s*False\b|\bno_network\s*=\s*True\b|\bload_dtd\s*=\s*False\b"
            r"|\bforbid_(dtd|entities|external)\b|\bfeature_external_[gp]es\s*,\s*False\b"
            r"|disallow-doctype-decl|FEATURE_SECURE_PROCESSING|setExpandEntityReferences\(\s*false"
            # Java's other switches: StAX's DTD support and external entities, JAXP's access
            # properties (`ACCESS_EXTERNAL_DTD`, "" = none), the SAX entity features
            r"|\b(SUPPORT_DTD|IS_SUPPORTING_EXTERNAL_ENTITIES|ACCESS_EXTERNAL_(DTD|STYLESHEET|SCHEMA))\b"
            r"|javax\.xml\.stream\.(supportDTD|isSupportingExternalEntities)"
            r"|external-(general|parameter)-entities|load-external-dtd"
        ),
    ),
    Control(
        "deserialization",
        "a deserialisation filter or type allow-list (ObjectInputFilter, XStream's permissions, "
        "SnakeYAML's SafeConstructor)",
        "deserialization",
        Severity.HIGH,
        Confidence.MEDIUM,
        _rx(
            r"\b(setObjectInputFilter|ValidatingObjectInputStream|setupDefaultSecurity|"
            r"allowTypes(ByWildcard|ByRegExp)?|allowTypeHierarchy|denyTypes\w{0,20}|NoTypePermission|"
            r"SafeConstructor|PolymorphicTypeValidator|setTrustedPackages)\b"
        ),
        # what it guarded still deserialises in the hunk (not the reader deleted with it)
        beside=_rx(
            r"\b(readObject|readUnshared|fromXML|unmarshal|load(All|As)?|ObjectInputStream|XStream|Yaml|"
            r"readValue|DefaultTyping)\b"
        ),
    ),
    Control(
        "expression-context",
        "a restricted expression evaluation context (SpEL's SimpleEvaluationContext)",
        "code-injection",
        Severity.HIGH,
        Confidence.MEDIUM,
        _rx(r"\bSimpleEvaluationContext\b|\bforReadOnlyDataBinding\(|\bforReadWriteDataBinding\("),
    ),
    Control(
        "secure-random",
        "a cryptographically secure random generator",
        "insecure-randomness",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        _rx(r"\bSecureRandom\b|\bsecrets\.\w+|\bcrypto\.(randomBytes|randomUUID|getRandomValues)\b"),
        # swapped for a predictable generator on an added line of the hunk
        beside=_rx(
            r"\bnew\s+(java\.util\.)?Random\s*\(|\bMath\.random\(|\bThreadLocalRandom\b"
            r"|\brandom\.(random|randint|choice|choices|getrandbits|randrange)\("
        ),
        beside_added=True,
    ),
    Control(
        "yaml",
        "a safe YAML loader (safe_load or SafeLoader)",
        "deserialization",
        Severity.HIGH,
        Confidence.MEDIUM,
        _rx(r"\b(safe_load(_all)?|C?SafeLoader)\b"),
    ),
    Control(
        "prototype",
        "a guard against prototype keys",
        "prototype-pollution",
        Severity.HIGH,
        Confidence.MEDIUM,
        _rx(
            r"__proto__|['\"]constructor['\"]|['\"]prototype['\"]|hasOwnProperty|Object\.create\(null\)|isPrototypePolluted|isSafeKey|isValidKey"
            # a check named for what it refuses (`dangerousPropertyRegex.test(name)`, `isUnsafeKey(k)`,
            # `FORBIDDEN_KEYS`): the keys it lists are out of view
            r"|\b(is_?)?(dangerous|forbidden|polluting|unsafe)_?(prop(erty|erties)?|keys?)(_?(regexp?|re|list|set|names?|pattern))?\b"
        ),
    ),
    Control(
        # a length compared with 0 tests for emptiness (`value.length > 0 &&`), it limits nothing
        "limit",
        "a size or recursion limit",
        "resource-exhaustion",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        _rx(
            r"\b(max_?(depth|size|length|len|bytes|content_length|body|items|count|recursion|entries|files|"
            r"redirects|header\w*|field\w*|array\w*|keys\w*|key_?(len|length|size|count)\w*|nest\w*)|MAX_(?!(age|digits|retries|workers)(?!\w))[A-Z_]+|"
            r"maxDepth|maxLength|maxSize|"
            r"maxBodyLength|maxContentLength|sizeLimit|limit_?(size|depth)|setrecursionlimit|"
            r"recursion_?limit|depth\s*[<>]=?|depth\s*>\s*\d|\.length\s*>\s*(?!0\b)\w+|len\(\w+\)\s*>\s*(?!0\b)\w+)"
            # a name whose words say limit (`max_form_parts`, `self._maximum_streams`, `JWE_SIZE_LIMIT`,
            # `DATA_UPLOAD_MAX_NUMBER_FILES`; not a cookie's `max_age` nor `maxsplit`), a length compared
            # with a bound (`len(self.buf) >= limit`), a size compared with a number of two digits or
            # more (`content_length > 65536`), a recursion error caught as the depth check
            r"|(?<!\w)(max|maximum|limit)_(?!(age|digits|line_length|retries|workers)(?!\w))[a-z0-9_]+"
            r"|(?<!\w)[a-z0-9_]*_(max|maximum|limit)(?![a-z0-9])\w*"
            r"|\blen\([\w.]+\)\s*>=?\s*(?![01]\b)[\w.]+"
            r"|(?<!\w)[a-z0-9_]*(size|length|count|depth|nbytes)\s*>=?\s*\d[\d_]*\d"
            r"|\bRecursionError\b"
        ),
    ),
    Control(
        "sandbox",
        "a sandboxed template environment",
        "template-injection",
        Severity.HIGH,
        Confidence.MEDIUM,
        # built or named as the environment (a call, an assignment, a setting's string), not a class
        # statement or an isinstance test in the library that defines it
        _rx(
            r"(?<!class )\b(Immutable)?SandboxedEnvironment\s*\(|=\s*[\w.]{0,60}SandboxedEnvironment\b"
            r"|[\"'][\w.]{0,80}SandboxedEnvironment[\"']"
        ),
        # what replaces it, on an added line: a plain environment built in its place, or template
        # source that is not a literal compiled there. A sandbox whose replacement is out of view (a
        # helper's environment) is not judged, nor a constant or file template, string.Template's
        # substitution or render() alone, which need no sandbox
        beside=_rx(
            r"\bEnvironment\(|(?<!string\.)\bTemplate\(\s*(?![\"'\s)])|\.from_string\(\s*(?![\"'\s)])"
            r"|\brender_template_string\(\s*(?![\"'\s)])"
        ),
        beside_added=True,
        setting=_rx(r"[\"'][\w.]{0,80}SandboxedEnvironment[\"']"),
    ),
    Control(
        "constant-time",
        "a constant-time comparison",
        "timing-attack",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        _rx(
            r"\b(compare_digest|constant_time_compare|constant_time_eq\w*|safe_str_cmp|secure_compare|"
            r"timingSafeEqual|ConstantTimeCompare|ConstantTimeEq|MessageDigest\.isEqual|"
            r"fixed_length_secure_compare|const_time_compare)\b"
        ),
        beside=_rx(r"[=!]==?|\bin\b|\.equals\(|\bbytes\.Equal\("),
    ),
    Control(
        "tempfile",
        "a securely created temporary file",
        "insecure-temp-file",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        _rx(r"\b(mkstemp|mkdtemp|NamedTemporaryFile|TemporaryDirectory|SpooledTemporaryFile)\b"),
        beside=_rx(r"\bmktemp\(|['\"]/(var/)?tmp\b|\bgettempdir\(|\btempnam\("),
    ),
    Control(
        "type-check",
        "a type check on input (an array or object passed where a string was expected gets past "
        "string-only sanitising and checks)",
        "input-validation",
        Severity.MEDIUM,
        Confidence.LOW,
        # the operand only (`typeof html`), so the same check rewritten with other quotes or `==`
        # on an added line still counts as present; only string, number and boolean tests (not
        # `typeof cb === 'function'`, which callback plumbing adds and removes)
        _rx(
            r"\btypeof\s*\(?\s*[\w$.\[\]]{1,80}(?=\s*\)?\s*[!=]==?\s*['\"](string|number|boolean)['\"])"
            r"|['\"](string|number|boolean)['\"]\s*[!=]==?\s*typeof\s*\(?\s*[\w$.\[\]]{1,80}"
        ),
        # a decision: a condition, a returned test or an assertion, not a type read for a message
        _rx(r"^\s*(\}\s*)?(if|else\s+if|while|return|assert\w*)\b|&&|\|\||\?"),
    ),
    Control(
        "slashes",
        "the normalisation of backslashes or repeated leading slashes in a URL or path (browsers "
        "read `https:\\\\evil.com` and `//evil.com` as another host)",
        "open-redirect",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        # a character class of slash and backslash as the source writes it (`[\\/]`, `[\/\\]`,
        # `[^\\\/`), or a helper named for collapsing slashes
        _rx(r"\[\^?(\\\\\\?/|\\?/\\\\)|\bcollapse\w{0,40}slash\w{0,20}"),
    ),
    Control(
        "encoded-separator",
        "the decoding of encoded dots and separators (`%2e`, `%2f`, `%5c`) before a path is "
        "normalised or checked",
        "path-traversal",
        Severity.HIGH,
        Confidence.MEDIUM,
        _rx(r"%(2e|2f|5c)\b"),
        # used on the text (replaced, searched, compared), not a constant that happens to hold it
        _rx(
            r"\.(replace|replaceAll|test|match|search|includes|indexOf|gsub|sub|contains)\b|\b(re\.sub|unquote)\b"
        ),
    ),
    Control(
        "file-mode",
        "a file created or kept readable by its owner only (`os.open(..., 0o600)`, `os.chmod(p, 0o600)`)",
        "insecure-permissions",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        # a low-level create, a chmod or a mode= given a mode with no group or other bits (an
        # ``os.open`` without one creates the file 0o777 less the umask: nothing owner-only to lose)
        _rx(r"\b(?:os\.open\(|os\.f?chmod\(|mode\s*=\s*)[^)]{0,200}?\b0o?[4-7]00\b"),
        # a file is still written: the create became a plain open() with its default mode
        beside=_rx(r"(?<![\w.])open\([^)]{0,200}['\"][wax]b?\+?['\"]|\.write_(?:text|bytes)\("),
        beside_added=True,
    ),
    Control(
        "session-rotation",
        "the renewal of the session at login (a new session id, so one fixed or stolen before login stops "
        "working: session fixation, CWE-384)",
        "improper-authentication",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        _rx(
            r"\b(?:session\.regenerate|regenerate_session|session_regenerate_id|regenerate_id|cycle_key|"
            r"rotate_token|rotate_session|session\.rotate|renew_session|session\.renew)\s*\("
        ),
        # the login it renewed the session for still happens
        beside=_rx(r"\bsession\s*\[|\blogin\w{0,20}\(|\bauthenticate\w{0,20}\(|\bSESSION_KEY\b|\buser_id\b"),
    ),
    Control(
        "rate-limit",
        "a rate limit on the view (unlimited attempts: brute force of a password, code or token, or "
        "requests that exhaust resources)",
        "resource-exhaustion",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        _rx(
            r"^\s*@[\w.]{0,80}?\b(?:rate_?limit\w{0,20}|throttle\w{0,20}|limiter\.limit)\b"
            r"|^\s*throttle_classes\s*="
        ),
    ),
    Control(
        "public-send",
        "Ruby's `public_send` (a name chosen at run time reaches only public methods; `send` reaches "
        "private ones too, `Kernel#system` and `eval` among them)",
        "code-injection",
        Severity.HIGH,
        Confidence.MEDIUM,
        _rx(r"\bpublic_send\b"),
        # swapped for the unrestricted dispatch, not the call dropped
        beside=_rx(r"\.(send|__send__)\("),
        beside_added=True,
    ),
    Control(
        "anchor",
        "the anchoring of a pattern built from configuration or input (`^...$`, `\\A...\\z`): "
        "unanchored, `evil-example.com` matches an allow-list entry `example.com`",
        "input-validation",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        # a format or concatenation that wraps a value in anchors
        _rx(r"['\"]\^%[sv]\$['\"]|['\"]\^['\"]\s*\+|\+\s*['\"]\$['\"]|['\"]\\\\A#\{|\}\\\\z['\"]"),
        # the pattern is still compiled or matched in the hunk
        beside=_rx(r"\b(compile|MustCompile|Regexp|RegExp|matches|MatchString|Pattern)\b|=~"),
    ),
    Control(
        "content-type",
        "the request's content type checked before its body is read as JSON (a cross-site form can send "
        "`text/plain` that a JSON API then accepts: CSRF)",
        "csrf",
        Severity.MEDIUM,
        Confidence.MEDIUM,
        _rx(r"\b(?:get_content_(?:main|sub)?type|is_json|mimetype|content[-_]type)\b"),
        # a test of it, not a header merely set or passed on
        requires=_rx(r"^\s*(?:el)?if\b|[!=]=|\bnot\s+in\b|\bin\s*\(|\.startswith\(|\.endswith\("),
        # the body is still read as JSON
        beside=_rx(r"\.json\(\s*\)|\bjson\.loads?\(|\.get_json\("),
        beside_added=True,
    ),
    Control(
        "validation",
        "an input validation guard",
        "input-validation",
        Severity.MEDIUM,
        Confidence.LOW,
        _rx(
            r"^\s*(?:if|unless|elif|else\s+if)\b.*(?:\braise\b|\bthrow\b|\breturn\s+(?:false|nil|None|null|err|"
            r"error|res\.status|abort|HttpResponse(?:Bad|Forbidden))|\babort\(|\bcontinue\b|\bnot\s+in\b|"
            r"\.(?:includes|has|test|match)\(|\bre\.(?:fullmatch|match)\()"
            r"|\b(validate\w*|is_?valid\w*|assert_?valid\w*|allow_?list|whitelist|ALLOWED_\w+)\("
        ),
    ),
)

# Adding one of these opts a route or a client out of a control: a weakening on an added line.
_OPT_OUTS: tuple[tuple[str, str, str, re.Pattern[str]], ...] = (
    (
        "csrf",
        "CSRF protection (exempted)",
        "csrf",
        _rx(
            r"@csrf_exempt\b|skip_(?:before_action\s+:verify_authenticity_token|forgery_protection\b)|csrf\(\)\.disable\(\)|\.csrf\(\s*\w+\s*->\s*\w+\.disable\(\)\)"
            r"|\.csrf\(\s*\w+::disable\s*\)|csrf\s*:\s*false"
        ),
    ),
    (
        "authorization",
        "an authentication requirement (skipped)",
        "missing-authorization",
        _rx(
            r"skip_before_action\s+:(authenticate\w*|authorize\w*|require_login\w*)|@PermitAll\b|\.permitAll\(\)|permission_classes\s*=\s*\[\s*AllowAny|authentication_classes\s*=\s*(\[\s*\]|\(\s*\))"
        ),
    ),
)

TEMPLATE_LANGUAGES = {"html", "jinja"}
"""Template files (Jinja, Django, Nunjucks-like syntax): read for markup let through unescaped."""
_TEMPLATE_AUTOESCAPE_OFF = re.compile(r"\{%-?\s*autoescape\s+(false|off)\b", re.IGNORECASE)
_TEMPLATE_SAFE = re.compile(r"\|\s*safe\b|\{%-?\s*filter\s+safe\b")
"""``{{ value|safe }}``: the value is inserted as markup, unescaped."""
_TEMPLATE_ESCAPE = re.compile(r"\|\s*(e|escape|forceescape|escapejs|urlencode|striptags|tojson)\b")
"""Filters that escape a value for its place in the page."""
_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
"""A call on a line (the predicate of a guard clause)."""
_ASSERT = re.compile(r"^\s*assert\b")
_TEST_PATH = re.compile(r"(^|/)(tests?|testing)/|(^|/)test_[^/]*$|_tests?\.py$|(^|/)conftest\.py$")
"""Test code, where ``assert`` is the check."""
PATTERNS = (
    *(p for c in CONTROLS for p in (c.pattern, c.requires, c.beside, c.setting) if p is not None),
    _TEMPLATE_AUTOESCAPE_OFF,
    _TEMPLATE_SAFE,
    _TEMPLATE_ESCAPE,
    _CALL,
    _ASSERT,
    _TEST_PATH,
)
"""Every pattern above, for the linear-time test (they see untrusted diff lines)."""

_UNSAFE_XML_IMPORT = _rx(
    r"^\s*(from\s+(xml\.(etree|dom|sax|parsers)|lxml|elementtree|cElementTree)\b"
    r"|import\s+(xml\.(etree|dom|sax|parsers)|lxml|elementtree|cElementTree)\b)"
)
"""An import of an XML parser that resolves entities or expands them without limit (not defusedxml)."""
_COMMENT = re.compile(r"^\s*(#|//|/\*|\*|--)")
_IMPORT = re.compile(r"^\s*(import\b|from\s+\S+\s+import\b|require\b|using\b|#include\b)|\brequire\(")


def _clip(text: str) -> str:
    return text[:MAX_LINE]


def _is_comment(text: str) -> bool:
    return bool(_COMMENT.match(text))


def _tokens(control: Control, text: str) -> list[str]:
    """The normalised matches of ``control`` on one line (what must stay present somewhere): no
    whitespace, lower case, without the punctuation around them (`@login_required` -> `login_required`).
    A line is read by several passes (the balance, the kinds a file adds, each hunk): the matches of
    the table's controls are kept in a bounded cache."""
    index = _CONTROL_INDEX.get(id(control))
    if index is None or CONTROLS[index] is not control:
        return list(_matches(control, _clip(text)))
    return list(_line_matches(_clip(text))[index])


def _matches(control: Control, line: str) -> tuple[str, ...]:
    if control.requires is not None and not control.requires.search(line):
        return ()
    out = []
    named = "tok" in control.pattern.groupindex
    for m in control.pattern.finditer(line):
        token = "".join(m.group("tok" if named else 0).split()).lower()
        # `".."` is its dots: stripped of punctuation it would be nothing (and never count)
        token = token.strip("@('\":.!=<>,") or token.strip("'\"")
        if token and not (control.kind == "limit" and token in _CACHE_SIZES and _CACHE.search(line)):
            out.append(token)
    return tuple(out)


_CACHE_SIZES = frozenset({"maxsize", "max_size", "cache_size", "max_entries", "max_items"})
_CACHE = re.compile(r"\b\w{0,40}cache\w{0,40}\(", re.IGNORECASE)
"""A cache's size (``functools.lru_cache(maxsize=1000)``) bounds what the cache keeps, not the input a
function accepts: neither a limit added nor one removed."""


_CONTROL_INDEX = {id(control): i for i, control in enumerate(CONTROLS)}


@functools.lru_cache(maxsize=1 << 14)
def _line_matches(line: str) -> tuple[tuple[str, ...], ...]:
    """The matches of every control of the table on one (clipped) line, in table order."""
    return tuple(_matches(control, line) for control in CONTROLS)


def _squash(text: str) -> str:
    return "".join(_clip(text).split()).lower()


def _component(path: str) -> str:
    """The top-level directory of ``path``: a control moved within one component is still there."""
    return path.split("/", 1)[0] if "/" in path else ""


def _balance(files: Sequence[FileChange]) -> dict[tuple[str, str, str], int]:
    """Per (component, control kind, token): how many lines remove it, or 0 when added lines of
    the same component still carry it: one line, or a run of added lines read as one text (whitespace
    and line breaks dropped), so a condition a formatter split over several lines is still there."""
    removed: Counter[tuple[str, str, str]] = Counter()
    added: dict[str, list[str]] = {}
    for fc in files:
        where = _component(fc.path)
        for hunk in fc.hunks:
            run: list[str] = []
            for dl in hunk.lines:
                if dl.kind is LineKind.ADDED:
                    if not _is_comment(dl.text):  # a comment inside a split condition is skipped
                        run.append(_squash(dl.text))
                    continue
                if run:
                    added.setdefault(where, []).append("".join(run))
                    run = []
                if dl.kind is LineKind.CONTEXT or _is_comment(dl.text):
                    continue
                for control in CONTROLS:
                    for tok in set(_tokens(control, dl.text)):
                        removed[(where, control.kind, tok)] += 1
            if run:
                added.setdefault(where, []).append("".join(run))
    # presence, not counts: a control that still appears on an added line of the component (a
    # shared helper replacing two inline checks) is not gone
    return {
        key: 0 if any(key[2] in line for line in added.get(key[0], ())) else n for key, n in removed.items()
    }


def _anchor(hunk: Hunk, index: int) -> tuple[int, bool]:
    """The new-side line nearest to ``hunk.lines[index]``: an added line if the hunk has one."""
    added = [(abs(i - index), dl.new_no) for i, dl in enumerate(hunk.lines) if dl.kind is LineKind.ADDED]
    if added:
        return min((d, n) for d, n in added if n is not None)[1], True
    after = [dl.new_no for dl in hunk.lines[index:] if dl.new_no is not None]
    before = [dl.new_no for dl in hunk.lines[:index] if dl.new_no is not None]
    if after:
        return after[0], False  # the line that now stands where the control was
    return (before[-1] if before else max(hunk.new_start, 1)), False


def _finding(
    fc: FileChange,
    line: int,
    code: str,
    *,
    rule: str,
    what: str,
    category: str,
    sev: Severity,
    conf: Confidence,
) -> Finding:
    cat = lookup_category(category)
    return Finding(
        rule_id=rule,
        engine=ENGINE,
        category=cat.id,
        cwe=cat.cwe,
        title=f"Change removes {what}",
        severity=sev,
        confidence=conf,
        path=fc.path,
        start_line=line,
        end_line=line,
        message=f"This change deletes or weakens {what}: `{code.strip()[:160]}` is gone and no "
        "equivalent remains elsewhere in the change.",
        explanation=(
            "Removing a control re-opens the flaw it guarded against; a scanner of the new revision alone "
            "cannot see that it used to be here."
        ),
        remediation=(
            "Restore the control, or show where the same protection now applies (a middleware, a caller).",
            "Add a test that fails without the control.",
        ),
        provenance=Provenance(engine=ENGINE),
    )


def find_removed_controls(
    changeset: ChangeSet, languages: dict[str, str | None] | None = None
) -> list[Finding]:
    """Findings for controls the change removes (on balance) or opts out of, one per hunk and kind."""
    files = [
        fc
        for fc in changeset.files
        if not fc.is_binary
        and (languages.get(fc.path) if languages is not None else fc.language) in CODE_LANGUAGES
    ]
    templates = [
        fc
        for fc in changeset.files
        if not fc.is_binary
        and (languages.get(fc.path) if languages is not None else fc.language) in TEMPLATE_LANGUAGES
    ]
    balance = _balance(files)
    added: dict[str, list[str]] = {}
    for fc in files:
        added.setdefault(_component(fc.path), []).extend(
            _squash(dl.text) for h in fc.hunks for dl in h.lines if dl.kind is LineKind.ADDED
        )
    calls = {where: _calls_in(lines) for where, lines in added.items()}
    squashed = {where: frozenset(lines) for where, lines in added.items()}
    helpers = _helpers(files)
    out: list[Finding] = []
    for fc in files:
        # a control of the same kind (or a stronger one) the change adds elsewhere in the file
        # replaces the one a hunk removes: a check moved to another function, an escape swapped
        added_kinds = _replaced(_new_kinds(fc))
        mine = helpers.get(_component(fc.path), {})
        # read once a file (not once a hunk: a change of thousands of hunks stays linear)
        python = fc.path.endswith(".py")
        drops = python and _drops_sinks(fc)
        rewritten = python and (drops or any(_adds_guard(h) for h in fc.hunks))
        # a file whose change adds a guard clause of its own rewrites or moves the one it removes
        rewritten = rewritten or any(_guards(h, LineKind.ADDED, calls=False) for h in fc.hunks)
        for hunk in fc.hunks:
            replaced = frozenset(added_kinds | _replaced(_called_kinds(hunk, mine)))
            found = _hunk_findings(fc, hunk, balance, drops_sinks=drops, replaced=replaced)
            # a per-line control already named what this hunk loses
            if not found and not rewritten:
                found = _guard_findings(fc, hunk, calls[_component(fc.path)])
            if not found and python:
                found = _assert_findings(fc, hunk)
            # (Python) a refusing guard whose condition calls nothing, unless the hunk calls a new helper
            # that refuses (the check moved there); after the assert, which is more specific
            if not found and not rewritten and python and "validation" not in replaced:
                found = _raising_guard_findings(fc, hunk, squashed[_component(fc.path)])
            if not found:
                found = _raised_findings(fc, hunk)
            out += found
    for fc in templates:
        for hunk in fc.hunks:
            out += _template_findings(fc, hunk)
    return out


TEMPLATE = "template"


def _template_findings(fc: FileChange, hunk: Hunk) -> list[Finding]:
    """Markup a template change lets through: autoescaping switched off, a ``|safe`` more than the
    hunk removes, or an escaping filter fewer than it removes (one finding a hunk and kind)."""

    def count(pattern: re.Pattern[str], kind: LineKind) -> int:
        return sum(len(pattern.findall(_clip(dl.text))) for dl in hunk.lines if dl.kind is kind)

    def first_added(pattern: re.Pattern[str] | None) -> tuple[int, str] | None:
        for dl in hunk.lines:
            if (
                dl.kind is LineKind.ADDED
                and dl.new_no
                and (pattern is None or pattern.search(_clip(dl.text)))
            ):
                return dl.new_no, dl.text
        return None

    out: list[Finding] = []
    checks = (
        (_TEMPLATE_AUTOESCAPE_OFF, "template autoescaping (switched off)", "-opt-out", True),
        (_TEMPLATE_SAFE, "the escaping of a template value (`|safe` added)", "-safe", True),
        (_TEMPLATE_ESCAPE, "an escaping template filter", "-escape", False),
    )
    for pattern, what, suffix, added_more in checks:
        added, removed = count(pattern, LineKind.ADDED), count(pattern, LineKind.REMOVED)
        if (added <= removed) if added_more else (removed <= added):
            continue
        at = first_added(pattern if added_more else None)
        if at is None:
            index = next(i for i, dl in enumerate(hunk.lines) if dl.kind is LineKind.REMOVED)
            at = _anchor(hunk, index)[0], hunk.lines[index].text
        found = _finding(
            fc,
            at[0],
            at[1],
            rule=f"{RULE_PREFIX}{TEMPLATE}{suffix}",
            what=what,
            category="xss",
            sev=Severity.HIGH,
            conf=Confidence.MEDIUM,
        )
        if added_more:
            found = found.with_(
                message=f"This change inserts template values unescaped: `{at[1].strip()[:160]}`; "
                "markup in the value (a `<script>`, an `onerror=`) runs in the visitor's browser.",
                remediation=(
                    "Keep autoescaping on and drop `|safe`; where the value must be markup, sanitise it "
                    "first (`bleach.clean`, `nh3.clean`) or build it with `format_html`/`Markup.format`.",
                ),
            )
        out.append(found)
    return out


_GUARD_STARTS = ("if ", "if(", "elif ", "unless ", "} else if", "else if")
_NEGATED = ("if not ", "if (!", "if !", "elif not ", "unless ", "} else if (!", "else if (!")
_FAILS = ("raise", "throw", "abort(", "flask.abort(", "sys.exit(", "exit(")
_THROWS = ("raise", "throw", "panic(", "fail ")
_EXITS = ("return", "raise", "throw", "abort(", "continue", "break", "exit(", "sys.exit(", "flask.abort(")
_NOT_PREDICATES = frozenset(
    {"len", "isinstance", "hasattr", "getattr", "type", "str", "int", "bool", "print", "callable", "any",
     "all", "get", "not", "and", "or", "if", "elif", "unless", "typeof", "nil", "empty", "blank", "present",
     "zero", "is_a", "kind_of", "respond_to", "key", "has_key", "frozen"}
)  # fmt: skip
GUARD = "guard"
_REFUSING = re.compile(
    r"\bhttp\.Error\(|\.sendError\(|\.WriteHeader\(\s*(?:http\.Status(?:BadRequest|Unauthorized|Forbidden|"
    r"NotFound|RequestEntityTooLarge|UnprocessableEntity)|4\d\d)\b|\.AbortWithStatus\w{0,20}\("
    r"|^return\b[^;]{0,200}?\b(?:fmt\.Errorf|errors\.New|status\.Errorf)\("
    r"|^return\s+(?:nil\s*,\s*)?(?:[A-Za-z_]\w{0,40}\.)?Err[A-Z]\w{0,60}\b"
    r"|\bhead[\s(]{1,3}:(?:forbidden|unauthorized|not_found|bad_request)\b"
    r"|\bstatus:\s{0,3}:(?:forbidden|unauthorized|not_found|bad_request)\b|\brender_(?:forbidden|unauthorized|404|403)\b"
)
"""A body line that refuses in Go or Java without raising: an error response (``http.Error``,
``resp.sendError``, a 4xx status) or a returned new error (``fmt.Errorf``, ``ErrNotFound(path)``)."""


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _guards(
    hunk: Hunk, kind: LineKind, *, calls: bool, ruby: bool = False, throwing: bool = False
) -> list[tuple[int, str]]:
    """(index, predicate) of each guard clause of ``kind`` lines (removed or added) in the hunk: an
    ``if`` line whose body (the next lines of that kind, indented deeper) leaves early (return, raise,
    throw, abort, continue, break). With ``calls`` (what a removal must be), only conditions that call
    a function, whose last call is the predicate, and only checks that deny: a negated condition, an
    exit that raises or aborts, an error response, or a body that logs before it leaves (a refusal
    that explains itself). Per-line controls see one line; Python puts the exit on the next one.
    ``ruby``: predicates without parentheses (``name_safe?``) count as calls, and a modifier guard
    (``return head(:forbidden) unless owner?``, ``raise Error if bad?``) is one line. ``throwing``:
    a condition without a call counts too when its body throws (``if (len > max) { throw ... }``);
    its predicate is ``""``."""
    lines = hunk.lines
    out = []
    for i, dl in enumerate(lines):
        code = _clip(dl.text).strip()
        modifier = _RB_MODIFIER.match(code) if ruby else None
        if dl.kind is not kind or not (code.startswith(_GUARD_STARTS) or modifier):
            continue
        condition = code[modifier.end() :] if modifier else code
        called = [m.group(1) for m in _CALL.finditer(condition) if m.group(1).lower() not in _NOT_PREDICATES]
        if ruby:
            called += [p for p in _RB_PREDICATE.findall(condition) if p.lower() not in _NOT_PREDICATES]
        if calls and not called and not throwing:
            continue
        if modifier:
            exit_ = code[: modifier.start(1)].strip()
            refuses = modifier.group(1) == "unless" or exit_.startswith(_FAILS) or _REFUSING.search(exit_)
            if refuses or not calls:
                out.append((i, called[-1] if called else ""))
            continue
        body: list[str] = []
        for nxt in lines[i + 1 : i + 6]:
            if nxt.kind is not kind:
                break
            if _indent(nxt.text) <= _indent(dl.text):
                if not body and nxt.text.strip() == "{":
                    continue  # the body's brace on a line of its own (Allman style)
                break
            body.append(_clip(nxt.text).strip())
        exits = [b for b in body if b.startswith(_EXITS)]
        # a check that denies (negated condition, or an exit that raises/aborts), not a shortcut
        # that returns early on success (``if is_cached(x): return x``)
        denies = (
            code.startswith(_NEGATED)
            or any(b.startswith(_FAILS) for b in exits)
            or any(_REFUSING.search(b) for b in body)
            or bool(exits and _LOGS.match(body[0]))
        )
        # nor one that hands the value it tested back unchanged (``if not s.startswith(prefix):
        # return s``): that steers a conversion past what it does not apply to, it refuses nothing
        if calls and exits and all(_passes_through(b, code) for b in exits):
            continue
        if calls and not called and not any(b.startswith(_THROWS) or _REFUSING.search(b) for b in body):
            continue  # without a call, only a check that throws (or returns an error) is one
        if exits and (denies or not calls):
            out.append((i, called[-1] if called else ""))
    return out


_RB_MODIFIER = re.compile(r"^(?:return|raise|fail|next|break)\b[^#]{0,200}?\s(if|unless)\s")
"""Ruby's one-line guard: an exit with its condition after it (``return head(:forbidden) unless ok?``)."""
_RB_PREDICATE = re.compile(r"\b([A-Za-z_]\w{0,60})\?")
_LOGS = re.compile(
    r"(?:warn\b|(?:logger|log|LOG|LOGGER|logging|Rails\.logger|getLogger\(\)|console)\.(?:warn|warning|error)\w{0,10}\("
    r"|(?:puts|print|System\.(?:out|err)\.print\w{0,10})\b[^#]{0,60}?"
    r"(?i:warn|error|unsafe|invalid|refus|denied|forbidden|illegal))"
)
"""A body line that reports a refusal before the exit (``puts "WARNING: skipped..."``, ``log.warn(...)``),
not any message (``print("skipping", key)`` before a cache shortcut)."""
_RETURNED_NAME = re.compile(r"return\s+([A-Za-z_][\w.]*)\s*;?$")
_NAME = re.compile(r"[A-Za-z_][\w.]*")
PATTERNS = (*PATTERNS, _RETURNED_NAME, _NAME, _REFUSING, _CACHE, _RB_MODIFIER, _RB_PREDICATE, _LOGS)


def _passes_through(exit_line: str, condition: str) -> bool:
    """Whether ``exit_line`` returns a plain name (``return secret``) that the condition tests."""
    m = _RETURNED_NAME.match(exit_line)
    if m is None or m.group(1) in {"None", "False", "false", "nil", "null", "undefined", "err", "error"}:
        return False
    name = m.group(1)
    return any(n == name or n.startswith(f"{name}.") for n in _NAME.findall(condition))


ASSERTED = "assert"


def _assert_findings(fc: FileChange, hunk: Hunk) -> list[Finding]:
    """A removed check that raises or refuses (``if ...: raise``, ``if ...: return None``) with an
    ``assert`` added in the same hunk: the check now lives in an assertion, which ``python -O``
    removes and which fails with an AssertionError the callers do not expect (CWE-617)."""
    raising = [
        i for i, _ in _guards(hunk, LineKind.REMOVED, calls=False) if _raises_after(hunk, i, LineKind.REMOVED)
    ]
    asserts = [
        dl for dl in hunk.lines if dl.kind is LineKind.ADDED and _ASSERT.match(_clip(dl.text)) and dl.new_no
    ]
    if not raising or not asserts or _TEST_PATH.search(fc.path):
        return []
    found = _finding(
        fc,
        asserts[0].new_no or 1,
        hunk.lines[raising[0]].text,
        rule=f"{RULE_PREFIX}{ASSERTED}",
        what="a check that raised, now an `assert` (removed under `python -O`)",
        category="input-validation",
        sev=Severity.MEDIUM,
        conf=Confidence.MEDIUM,
    )
    return [found.with_(remediation=("Keep the explicit `if ...: raise` check; assertions are not checks.",))]


_REFUSALS = frozenset({"return", "return None", "return False", "continue"})
"""Early exits that refuse the input (a check whose failure returns nothing), not a shortcut."""


def _raises_after(hunk: Hunk, index: int, kind: LineKind) -> bool:
    """Whether the body of the guard at ``index`` (next lines of ``kind``, deeper) raises, aborts or
    refuses (``return``, ``return None``/``False``, ``continue``)."""
    head = hunk.lines[index]
    for nxt in hunk.lines[index + 1 : index + 5]:
        if nxt.kind is not kind or _indent(nxt.text) <= _indent(head.text):
            return False
        code = _clip(nxt.text).strip()
        if code.startswith(_FAILS) or code in _REFUSALS:
            return True
    return False


_SUFFIX_CAP = 64
"""The longest name ``_calls_in`` answers from its index (a longer one is looked for in the lines)."""


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what ``\w`` matches in a str pattern


def _calls_in(lines: Sequence[str]) -> Callable[[str], bool]:
    """A test of whether any of ``lines`` holds ``name(``, read once: a name made of word characters
    stands before a ``(`` exactly when it ends the run of word characters there, so every ending of
    those runs (up to ``_SUFFIX_CAP`` characters) is kept. Asked once a removed guard, a scan of the
    lines each time made a change of thousands of hunks quadratic."""
    endings: set[str] = set()
    for line in lines:
        for piece in line.split("(")[:-1]:
            i = len(piece)
            while i > 0 and len(piece) - i < _SUFFIX_CAP and _word(piece[i - 1]):
                i -= 1
                endings.add(piece[i:])

    def called(name: str) -> bool:
        if len(name) <= _SUFFIX_CAP and all(_word(c) for c in name):
            return name in endings
        return any(f"{name}(" in line for line in lines)

    return called


_THROWING_GUARD_SUFFIXES = (".java", ".go", ".rb", ".kt", ".cs")
"""Files whose removed guards count without a call in the condition when they throw (Java's
``if (n < 0) { throw new IllegalArgumentException(...) }``)."""


def _guard_findings(fc: FileChange, hunk: Hunk, called: Callable[[str], bool]) -> list[Finding]:
    """A removed guard clause whose predicate no added line of the component calls any more (the
    caller runs this only in a file whose change adds no guard clause of its own: that would be the
    check rewritten or moved)."""
    ruby = fc.path.endswith(".rb")
    throwing = fc.path.endswith(_THROWING_GUARD_SUFFIXES)
    for index, predicate in _guards(hunk, LineKind.REMOVED, calls=True, ruby=ruby, throwing=throwing):
        if predicate and called(predicate.lower()):
            continue
        line, _ = _anchor(hunk, index)
        return [
            _finding(
                fc,
                line,
                hunk.lines[index].text,
                rule=f"{RULE_PREFIX}{GUARD}",
                what=f"a guard clause (`{predicate}()` and its early exit)"
                if predicate
                else "a guard clause that throws",
                category="input-validation",
                sev=Severity.MEDIUM,
                conf=Confidence.LOW,
            )
        ]
    return []


_NOT_REFUSALS = re.compile(
    r"^raise\s+(NotImplementedError|StopIteration|StopAsyncIteration|SystemExit|KeyboardInterrupt)\b"
)
"""Raises that end a placeholder, an iteration or the process, not a refusal of what was tested."""
_REFUSING_RETURNS = frozenset({"return False", "return None"})
"""Early exits that answer "no" (a bare ``return`` or ``continue`` more often skips work than refuses)."""
_ACCESS_REFUSAL = re.compile(
    r"\b40[13]\b|PermissionDenied|Forbidden|Unauthori[sz]ed|AccessDenied|AuthenticationFailed|NotAuthenticated"
)
"""A refusal for want of rights: ``access_control`` reports its removal (not reported twice)."""
PATTERNS = (*PATTERNS, _NOT_REFUSALS, _ACCESS_REFUSAL)


def _raising_guard_findings(fc: FileChange, hunk: Hunk, added: frozenset[str]) -> list[Finding]:
    """(Python) A removed guard clause whose condition calls nothing (``if opcode == CONT and not
    self._opcode:``, ``if size > self.limit:``) and whose body raises, aborts or answers ``False``/``None``:
    a refusal gone. Quiet
    when an added line of the component holds the same condition (the guard moved), and in tests."""
    if _TEST_PATH.search(fc.path):
        return []
    for index, _ in _guards(hunk, LineKind.REMOVED, calls=False):
        head = hunk.lines[index]
        body = [
            _clip(dl.text).strip()
            for dl in hunk.lines[index + 1 : index + 5]
            if dl.kind is LineKind.REMOVED and _indent(dl.text) > _indent(head.text)
        ]
        first = body[0] if body else ""
        refuses = first.startswith(("raise", "abort(", "flask.abort(")) or first in _REFUSING_RETURNS
        if not refuses or _NOT_REFUSALS.match(first):
            continue
        if _ACCESS_REFUSAL.search(first):
            continue
        if _squash(head.text) in added:
            continue
        line, _ = _anchor(hunk, index)
        return [
            _finding(
                fc,
                line,
                head.text,
                rule=f"{RULE_PREFIX}{GUARD}",
                what="a guard clause that refused (its condition and its early exit)",
                category="input-validation",
                sev=Severity.MEDIUM,
                conf=Confidence.LOW,
            )
        ]
    return []


_YAML_LOAD = re.compile(r"\byaml\.\w*load|\bLoader\b")
"""A line that still loads YAML (so a safe loader removed beside it was swapped for a weaker one)."""
_DANGEROUS_CALL = re.compile(
    r"(?<![\w.])(eval|exec|execfile|os\.system|os\.popen|pickle\.loads?|marshal\.loads?|yaml\.load)\s*\("
    r"|\bshell\s*=\s*True\b|\.from_string\(|\brender_template_string\("
)
"""Calls whose removal makes the checks guarding them unnecessary (Python)."""


def _drops_sinks(fc: FileChange) -> bool:
    """Whether the change removes more dangerous calls from the file than it adds."""
    counts = Counter(
        dl.kind
        for h in fc.hunks
        for dl in h.lines
        if dl.kind is not LineKind.CONTEXT
        and not _is_comment(dl.text)
        and _DANGEROUS_CALL.search(_clip(dl.text))
    )
    return counts[LineKind.REMOVED] > counts[LineKind.ADDED]


def _adds_guard(hunk: Hunk) -> bool:
    """Whether the hunk adds an ``if`` line whose body (added or kept lines, deeper) exits early."""
    lines = hunk.lines
    for i, dl in enumerate(lines):
        if dl.kind is not LineKind.ADDED or not _clip(dl.text).strip().startswith(_GUARD_STARTS):
            continue
        for nxt in [n for n in lines[i + 1 :] if n.kind is not LineKind.REMOVED][:4]:
            if _indent(nxt.text) <= _indent(dl.text):
                break
            if _clip(nxt.text).strip().startswith(_EXITS):
                return True
    return False


_STRONGER: dict[str, frozenset[str]] = {
    "validation": frozenset({"path", "redirect", "redirect-scheme", "crlf", "prototype", "limit", "quote"}),
}
"""Kinds whose control, added, replaces a removed control of the key's kind: a generic guard rewritten
as a specific check (a containment test, a redirect-target test, a size limit)."""


def _replaced(kinds: set[str]) -> set[str]:
    """``kinds`` and the kinds they replace (``_STRONGER``)."""
    return kinds | {weaker for weaker, stronger in _STRONGER.items() if kinds & stronger}


MOVABLE = frozenset(
    {"validation", "escape", "path", "limit", "redirect", "redirect-scheme", "crlf", "quote", "sandbox"}
    | {"constant-time", "tempfile", "regex-escape"}
)
"""Controls applied to a value where it is used (a check, an escape, a limit), which a fix may move to
another function of the file or into a new helper; the others configure what they stand in (a parser,
TLS, a cookie, a loader, a decorator, a list of forbidden keys) and are judged where they stand."""


def _tokens_by_kind(lines: Iterable[str]) -> dict[str, set[str]]:
    """Per movable control kind, the tokens ``lines`` carry (comments and imports name, not check)."""
    out: dict[str, set[str]] = {}
    for text in lines:
        if _is_comment(text) or _IMPORT.search(_clip(text)):
            continue
        for control in CONTROLS:
            if control.replaces and control.kind in MOVABLE:
                toks = _tokens(control, text)
                if toks:
                    out.setdefault(control.kind, set()).update(toks)
    return out


def _new_kinds(fc: FileChange) -> set[str]:
    """The movable kinds whose control the change adds to the file in a form it does not remove (a
    new check, not one of the removed checks kept: keeping a subset of them is a weakening)."""
    added = _tokens_by_kind(dl.text for h in fc.hunks for dl in h.lines if dl.kind is LineKind.ADDED)
    removed = _tokens_by_kind(dl.text for h in fc.hunks for dl in h.lines if dl.kind is LineKind.REMOVED)
    return {kind for kind, toks in added.items() if toks - removed.get(kind, set())}


def _kinds(text: str) -> set[str]:
    """The movable control kinds one line carries."""
    return set(_tokens_by_kind((text,)))


_DEF = re.compile(
    r"^\s*(?:async\s+)?def\s+(?:self\.)?([A-Za-z_]\w*)"
    r"|\bfunction\s*\*?\s*([A-Za-z_$][\w$]*)\s*\("
    r"|^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s+)?(?:function\b|\()"
    r"|^\s*(?:[A-Za-z_$][\w$]*\.)*([A-Za-z_$][\w$]*)\s*=\s*(?:async\s+)?function\b"
)
"""The name a line defines as a function (Python and Ruby ``def``, JavaScript ``function``, a
function expression or an arrow function bound to a name)."""
_WORD = re.compile(r"[A-Za-z_]+")
PATTERNS = (*PATTERNS, _DEF, _WORD)


def _refuses(code: str) -> bool:
    """Whether one stripped line is a check that refuses on its own line: a raise or throw, an abort,
    or a one-line guard (``if (!ok) throw ...``, ``raise X unless ok``, ``return res.status(400)...
    if``)."""
    if code.startswith(("raise ", "raise(", "throw ", "throw(", "abort(", "flask.abort(")):
        return True
    words = set(_WORD.findall(code[:MAX_LINE]))
    return bool(words & {"if", "unless"}) and bool(words & {"raise", "throw", "abort", "fail", "halt"})


def _checks(hunk: Hunk, kind: LineKind) -> int:
    """How many checks the ``kind`` lines of the hunk hold: refusing lines and guard clauses."""
    refusing = sum(
        1
        for dl in hunk.lines
        if dl.kind is kind and not _is_comment(dl.text) and _refuses(_clip(dl.text).strip())
    )
    return refusing + len(_guards(hunk, kind, calls=False))


def _helpers(files: Sequence[FileChange]) -> dict[str, dict[str, set[str]]]:
    """Per component, the functions the change adds (their ``def`` line is an added line) and the
    control kinds their added bodies carry (``validation`` for a body that raises or refuses): a
    control moved into a new helper stands wherever the change calls it."""
    out: dict[str, dict[str, set[str]]] = {}
    for fc in files:
        mine = out.setdefault(_component(fc.path), {})
        for hunk in fc.hunks:
            current: set[str] | None = None
            depth = 0
            for dl in hunk.lines:
                text = _clip(dl.text)
                if not text.strip() or dl.kind is LineKind.REMOVED:
                    continue
                m = _DEF.search(text)
                if m is not None or (
                    current is not None and _indent(text) <= depth and text.strip() not in ")}]"
                ):
                    current = None
                if m is not None and dl.kind is LineKind.ADDED:
                    name = next(g for g in m.groups() if g)
                    current = mine.setdefault(name.lower(), set())
                    depth = _indent(text)
                    continue
                if current is not None and dl.kind is LineKind.ADDED:
                    current |= _kinds(text)
                    if _refuses(text.strip()):
                        current.add("validation")
    return out


def _called_kinds(hunk: Hunk, helpers: dict[str, set[str]]) -> set[str]:
    """The control kinds of the new helpers that the hunk's added lines call."""
    out: set[str] = set()
    for dl in hunk.lines:
        if dl.kind is LineKind.ADDED and not _is_comment(dl.text) and not _DEF.search(_clip(dl.text)):
            for m in _CALL.finditer(_clip(dl.text)):
                out |= helpers.get(m.group(1).lower(), set())
    return out


def _rewrites_test(hunk: Hunk) -> bool:
    """Whether the hunk replaces a negated ``if not f(...)`` test with another negated call test at
    the same indentation (``if not re.match(p, x)`` -> ``if not allowed(p, x)``): the check was
    rewritten in place, with its body kept."""
    removed = {
        _indent(dl.text)
        for dl in hunk.lines
        if dl.kind is LineKind.REMOVED and _NEGATED_CALL.match(_clip(dl.text))
    }
    if removed and any(
        dl.kind is LineKind.ADDED and _NEGATED_CALL.match(_clip(dl.text)) and _indent(dl.text) in removed
        for dl in hunk.lines
    ):
        return True
    return _swaps_callee(hunk)


def _swaps_callee(hunk: Hunk) -> bool:
    """Whether the hunk keeps an ``if`` test with another function on the same arguments (``if ok and
    re.match(p, x)`` -> ``if ok and allowed(p, x)``; ``if (pattern.test(s))`` -> ``if (isEnclosed(s))``):
    the check rewritten in place, in any language."""
    tests = {
        _CALLEE.sub("(", _squash(dl.text))
        for dl in hunk.lines
        if dl.kind is LineKind.REMOVED and _IF_TEST.match(_clip(dl.text)) and _CALLEE.search(_clip(dl.text))
    }
    return bool(tests) and any(
        dl.kind is LineKind.ADDED
        and _IF_TEST.match(_clip(dl.text))
        and _CALLEE.sub("(", _squash(dl.text)) in tests
        for dl in hunk.lines
    )


def _rewritten_kinds(added: list[str]) -> set[str]:
    """Kinds the hunk's added lines rewrite in another form: a deny-list of characters rewritten as
    the characters allowed (gunicorn's header names: ``[\\x00-\\x1F...]`` searched -> ``[token
    chars]+`` fullmatched) keeps CR and LF out by construction."""
    return {"crlf", "validation"} if any(_ALLOW_LIST.search(text) for text in added) else set()


def _swapped_away(kind: str, tokens: Sequence[str], *, yaml_loads: bool, own_keys: bool) -> bool:
    """Whether a removed control went with what it guarded: YAML replaced by another format (not a
    weaker loader), a ``for in`` filtered by ``hasOwnProperty`` rewritten over the object's own keys."""
    if kind == "yaml":
        return not yaml_loads
    return kind == "prototype" and own_keys and set(tokens) == {"hasownproperty"}


def _reassigned(line: str, added: list[str]) -> bool:
    """Whether a removed line assigns a value a validation call computes (``self.user_cache =
    form.is_valid() and form.user_cache``) and an added line assigns the same target anew from an
    expression that is not a constant (``self.user_cache = self.storage.authenticated_user``): the
    value is obtained another way, no guard was taken out (``valid = True`` in its place still is)."""
    m = _ASSIGNED_TO.match(line)
    if m is None:
        return False
    for text in added:
        a = _ASSIGNED_TO.match(text)
        if a is not None and a.group(1) == m.group(1) and not _CONSTANT.match(text[a.end() :]):
            return True
    return False


_ASSIGNED_TO = re.compile(
    r"^\s{0,80}(?:(?:const|let|var)\s{1,4})?([A-Za-z_$][\w.$]{0,80})\s{0,4}=(?!=)\s{0,4}"
)
_CONSTANT = re.compile(
    r"^(?:True|False|None|true|false|null|nil|\d[\d.]{0,20}|'[^']{0,200}'|\"[^\"]{0,200}\")?\s{0,4};?\s{0,40}$"
)
PATTERNS = (*PATTERNS, _ASSIGNED_TO, _CONSTANT)


def _extracted(hunk: Hunk, added: list[str]) -> bool:
    """Whether the hunk replaces a block of code (five lines or more) with one call of a function it
    does not name elsewhere, assigned or returned (``BaseHandler = _patch_app_base_handlers(app)``):
    the block moved into a helper, whose checks are out of view when the function is read alone."""
    code = [text for text in added if text.strip()]
    if len(code) != 1 or not (m := _ONE_CALL.match(code[0])):
        return False
    removed = [_clip(dl.text) for dl in hunk.lines if dl.kind is LineKind.REMOVED and dl.text.strip()]
    callee = m.group(1).rsplit(".", 1)[-1]
    return len(removed) >= 5 and not any(callee in text for text in removed)


_ONE_CALL = re.compile(
    r"^\s{0,80}(?:[\w.]{1,80}\s{0,4}=\s{0,4}|return\s{1,4})(?:await\s{1,4})?([\w.]{1,80})\([^()]{0,200}\)"
    r";?\s{0,40}$"
)
"""One statement assigning or returning one call with plain arguments."""
PATTERNS = (*PATTERNS, _ONE_CALL)
_ALLOW_LIST = re.compile(
    r"(?:\bre\.compile\(\s*|\bRegExp\(\s*|=\s*/)[rbuRBU]{0,2}[\"']?\^?"
    r"\[(?!\^)(?:[^\]\\\"'\s]|\\[^srntvfxucpWD0-9\s]){1,120}\](?:\+|\*|\{\d{1,4},\d{0,4}\})\$?[\"'/]"
)
"""A pattern of one class of allowed characters, repeated, compiled or a JS literal
(``re.compile(r"[%s0-9a-z]+")``, ``/^[-.0-9a-z]+$/``): no escape that could admit a control character
(backslash-s, -r, -x0a, -u000a, -W, -D)."""
_OWN_KEYS = re.compile(r"\bObject\.(keys|entries|values|getOwnPropertyNames|hasOwn)\(")
"""Reads of an object's own properties only, what a ``hasOwnProperty`` test in a ``for in`` loop ensured."""
PATTERNS = (*PATTERNS, _ALLOW_LIST, _OWN_KEYS)
_NEGATED_CALL = re.compile(r"^\s*(?:el)?if\s+not\s+[\w.]{1,80}\(")
_IF_TEST = re.compile(r"^\s*(?:el)?if\b")
_CALLEE = re.compile(r"[A-Za-z_][\w.]{0,80}\(")


def _protects_what_stands(
    control: Control, removed: str, standing: list[str], added: list[str], cache: dict[str, bool]
) -> bool:
    """Whether what ``control`` protected still stands in the hunk (``Control.beside`` on its added or
    kept lines, or its added lines alone for ``beside_added``; read once a hunk through ``cache``), or
    the removed line named it as a setting."""
    if control.beside is None or (control.setting is not None and control.setting.search(_clip(removed))):
        return True
    key = f"{control.kind}:{control.what}"  # two controls of one kind may look for different things
    if key not in cache:
        lines = added if control.beside_added else standing
        cache[key] = any(control.beside.search(text) for text in lines)
    return cache[key]


_PER_TOKEN = frozenset({"credential-header", "serializer-secret"})
"""Kinds whose tokens are not interchangeable: stripping `Authorization` does not make up for no longer
stripping `Cookie`, so only the balance of each token decides."""


def _hunk_findings(
    fc: FileChange,
    hunk: Hunk,
    balance: dict[tuple[str, str, str], int],
    *,
    drops_sinks: bool = False,
    replaced: frozenset[str] = frozenset(),
) -> list[Finding]:
    """``replaced``: the kinds the rest of the change puts back for this hunk (added elsewhere in the
    file, or in a new helper the hunk calls)."""
    # a hunk that also adds a control of the same kind rewrites that control (a stronger or an
    # equivalent check): only a kind that disappears from the hunk altogether counts as removed
    seen: set[str] = set(replaced)
    seen |= _replaced(
        {
            control.kind
            for dl in hunk.lines
            if dl.kind is LineKind.ADDED and not _is_comment(dl.text)
            # every control's matches on the line, read once (not once a control)
            for control, matched in zip(CONTROLS, _line_matches(_clip(dl.text)), strict=True)
            if control.kind not in _PER_TOKEN and matched
        }
    )
    # (Python) a guard clause the hunk adds rewrites the validation it removes; a file whose change
    # takes dangerous calls away (eval, a shell) takes their guards with them, and a negated call test
    # rewritten in place is the same check; in any language, a hunk that adds at least as many checks
    # (raises, throws, guard clauses) as it removes rewrites them
    python = fc.path.endswith(".py") and (_adds_guard(hunk) or drops_sinks or _rewrites_test(hunk))
    more_checks = _checks(hunk, LineKind.ADDED) >= max(_checks(hunk, LineKind.REMOVED), 1)
    if python or more_checks or _swaps_callee(hunk):
        seen.add("validation")
    # defusedxml imported away while the hunk imports a plain XML parser instead: the parser was swapped
    swapped_xml = any(
        dl.kind is LineKind.ADDED and _UNSAFE_XML_IMPORT.search(_clip(dl.text)) for dl in hunk.lines
    )
    yaml_loads = any(dl.kind is LineKind.ADDED and _YAML_LOAD.search(_clip(dl.text)) for dl in hunk.lines)
    standing = [
        _clip(dl.text) for dl in hunk.lines if dl.kind is not LineKind.REMOVED and not _is_comment(dl.text)
    ]
    added_lines = [
        _clip(dl.text) for dl in hunk.lines if dl.kind is LineKind.ADDED and not _is_comment(dl.text)
    ]
    seen |= _rewritten_kinds(added_lines)
    if _extracted(hunk, added_lines):
        seen.add("validation")
    own_keys = any(_OWN_KEYS.search(text) for text in added_lines)
    beside: dict[str, bool] = {}  # control -> whether a standing line matches (read once a hunk)
    out: list[Finding] = []
    for index, dl in enumerate(hunk.lines):
        if _is_comment(dl.text):
            continue
        if dl.kind is LineKind.ADDED and dl.new_no is not None:
            for kind, what, category, pattern in _OPT_OUTS:
                if pattern.search(_clip(dl.text)) and f"opt-{kind}" not in seen:
                    seen.add(f"opt-{kind}")
                    out.append(
                        _finding(
                            fc,
                            dl.new_no,
                            dl.text,
                            rule=f"{RULE_PREFIX}{kind}-opt-out",
                            what=what,
                            category=category,
                            sev=Severity.HIGH,
                            conf=Confidence.MEDIUM,
                        )
                    )
            continue
        if dl.kind is not LineKind.REMOVED:
            continue
        # an import going away is not the control going away, unless a plain XML parser replaces defusedxml
        is_import = bool(_IMPORT.search(_clip(dl.text)))
        if is_import and not swapped_xml:
            continue
        matched = _line_matches(_clip(dl.text))  # every control's matches on this line, read once
        for index_of_control, control in enumerate(CONTROLS):
            if control.kind in seen or not matched[index_of_control] or (is_import and control.kind != "xml"):
                continue
            if _swapped_away(
                control.kind, matched[index_of_control], yaml_loads=yaml_loads, own_keys=own_keys
            ) or (control.kind == "validation" and _reassigned(_clip(dl.text), added_lines)):
                continue
            if not _protects_what_stands(control, dl.text, standing, added_lines, beside):
                continue  # removed with what it protected (no template, comparison or temp file left)
            where = _component(fc.path)
            gone = [t for t in matched[index_of_control] if balance.get((where, control.kind, t), 0) > 0]
            if not gone:
                continue
            seen.add(control.kind)
            line, on_added = _anchor(hunk, index)
            conf = control.confidence if on_added else min(control.confidence, Confidence.MEDIUM)
            out.append(
                _finding(
                    fc,
                    line,
                    dl.text,
                    rule=f"{RULE_PREFIX}{control.kind}",
                    what=control.what,
                    category=control.category,
                    sev=control.severity,
                    conf=conf,
                )
            )
    return out


RAISED = "limit-raised"
_LIMIT_SETTING = re.compile(
    r"(?<![\w.])([A-Za-z_]\w*)(?:\s*:\s*[A-Za-z_]\w*)?\s*=\s*"
    r"(\d[\d_]*(?:\s*(?:\*\*|<<|[*+])\s*\d[\d_]*)*|None|-1|math\.inf|float\(['\"]inf['\"]\))(?![\w.(])"
)
"""``NAME = <number>`` (an assignment, a keyword argument or a parameter's default): a limit's value."""
_WORDS = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
_NOT_LIMITS = frozenset({"age", "digits", "retries", "workers", "split", "line", "width", "height", "lines"})
_LIMIT_VALUE_CAP = 64
"""Longest value text read, and the largest exponent or shift folded (``2**16``, ``1 << 20``)."""
PATTERNS = (*PATTERNS, _LIMIT_SETTING, _WORDS)


def limit_name(name: str) -> bool:
    """Whether ``name`` names a size or count limit (``MAX_BODY``, ``max_header_list_size``,
    ``maxBytes``, ``stack_limit``), not a cookie's ``max_age``, ``maxsplit`` or a retry count."""
    words = [w.lower() for w in _WORDS.findall(name[:80])]
    if any(w in _NOT_LIMITS for w in words):
        return False
    return any(w in {"max", "maximum", "limit", "limits", "maxsize", "maxlen", "maxbytes"} for w in words)


def limit_value(text: str) -> float | None:
    """The number ``text`` (a constant, a product, a power or shift of constants) denotes, infinity
    for an unlimited setting (``None``, ``-1``, ``math.inf``), None when it is none of those."""
    text = text.strip()
    if text in {"None", "-1", "math.inf"} or text.startswith("float("):
        return float("inf")
    if len(text) > _LIMIT_VALUE_CAP:
        return None
    try:
        node = ast.parse(text, mode="eval").body
    except (SyntaxError, ValueError):
        return None
    return _fold(node)


def _fold(node: ast.expr) -> float | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return float(node.value)
    if not isinstance(node, ast.BinOp):
        return None
    left, right = _fold(node.left), _fold(node.right)
    if left is None or right is None:
        return None
    if isinstance(node.op, ast.Mult):
        return left * right
    if isinstance(node.op, ast.Add):
        return left + right
    if isinstance(node.op, ast.Pow | ast.LShift) and right <= _LIMIT_VALUE_CAP:
        return left**right if isinstance(node.op, ast.Pow) else left * 2**right
    return None


def _settings(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for m in _LIMIT_SETTING.finditer(_clip(text)):
        if limit_name(m.group(1)):
            value = limit_value(m.group(2))
            if value is not None:
                out.setdefault(m.group(1), value)
    return out


def _raised_findings(fc: FileChange, hunk: Hunk) -> list[Finding]:
    """A limit the hunk sets again to a larger value or to none (``MAX_SIZE = 1 << 20`` becoming
    ``1 << 30``, ``max_depth=None``): the bound is still named, so the removal reading cannot see it."""
    if _TEST_PATH.search(fc.path):
        return []
    before: dict[str, float] = {}
    for dl in hunk.lines:
        if dl.kind is LineKind.REMOVED and not _is_comment(dl.text):
            for name, value in _settings(dl.text).items():
                before.setdefault(name, value)
    if not before:
        return []
    for dl in hunk.lines:
        if dl.kind is not LineKind.ADDED or dl.new_no is None or _is_comment(dl.text):
            continue
        for name, value in _settings(dl.text).items():
            old = before.get(name)
            if old is None or value <= old:
                continue
            shown = "no limit" if value == float("inf") else f"{value:,.0f}"
            return [
                _finding(
                    fc,
                    dl.new_no,
                    dl.text,
                    rule=f"{RULE_PREFIX}{RAISED}",
                    what=f"a size or count limit (`{name}` raised from {old:,.0f} to {shown})",
                    category="resource-exhaustion",
                    sev=Severity.MEDIUM,
                    conf=Confidence.MEDIUM,
                )
            ]
    return []


def rule_ids() -> Iterable[str]:
    """Every rule id this analyzer can emit (for documentation and tests)."""
    yield from dict.fromkeys(f"{RULE_PREFIX}{c.kind}" for c in CONTROLS)
    yield f"{RULE_PREFIX}{GUARD}"
    yield from (f"{RULE_PREFIX}{TEMPLATE}{suffix}" for suffix in ("-opt-out", "-safe", "-escape"))
    yield f"{RULE_PREFIX}{ASSERTED}"
    yield f"{RULE_PREFIX}{RAISED}"
    yield from (f"{RULE_PREFIX}{kind}-opt-out" for kind, *_ in _OPT_OUTS)
