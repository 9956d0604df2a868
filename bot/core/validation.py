"""The validation to do before deploying a fix, per class of flaw (bot.core.taxonomy): the test to add
and what to check in staging once the fix is deployed there. Used by the plans (bot.store.plan).

Pure data: imports only the standard library. Every category has an entry (a test
iterates the taxonomy); an unknown id gets the entry of ``other``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Validation:
    test: str
    """The test to add to the repository's suite, so the flaw cannot come back unnoticed."""
    staging: str
    """What to look at after deploying to staging: behaviour, logs, a scan."""


_V = Validation

VALIDATIONS: dict[str, Validation] = {
    "sql-injection": _V(
        "Send a value holding a quote and ' OR '1'='1 to each fixed query; assert only the matching row "
        "comes back, no SQL error is raised, and the driver received the value as a bound parameter.",
        "Repeat the quote and ' OR '1'='1 requests against staging: no database error in the logs, no extra "
        "rows; the database's slow/error log shows parameterised statements.",
    ),
    "nosql-injection": _V(
        'Send an operator object ({"$ne": null}, {"$gt": ""}) and a $where string where a scalar is '
        "expected; assert it is refused with 4xx or matched as a literal, never as a query operator.",
        "Repeat the operator payloads against staging: 4xx or no match, and no query with $ne/$where from "
        "user input in the database's profiler log.",
    ),
    "ldap-injection": _V(
        "Send *, )(uid=*) and a NUL in the user-supplied part of the filter; assert they are escaped "
        "(\\2a, \\29, \\28, \\00) and the search matches at most the one named entry.",
        "Log in or search with *)(uid=* on staging: no extra entries returned; the directory's access "
        "log shows the escaped filter.",
    ),
    "xpath-injection": _V(
        "Send ' or '1'='1 and \"] | //* | [\" in the user-supplied part; assert the expression is bound as "
        "a variable (or escaped) and at most the matching node is returned.",
        "Repeat the payloads on staging: no XPath error in the logs and no extra nodes in the response.",
    ),
    "command-injection": _V(
        "Pass ; id, $(id), `id`, | id and a value starting with - to each fixed call; assert the program "
        "receives it as one argument (argument list, no shell) and no second command runs.",
        "Submit the same values on staging: the process audit log (or ps accounting) shows no shell and "
        "no extra process; the feature still works for normal input.",
    ),
    "code-injection": _V(
        "Send __import__('os').system('id'), a semicolon and a closing quote to the fixed input; assert it "
        "is refused or treated as data (a literal parser or allow-list), and nothing is evaluated.",
        "Repeat on staging: a 4xx or a data-only result, no new process or outbound connection, no eval "
        "error traces in the logs.",
    ),
    "template-injection": _V(
        "Send {{7*7}}, ${7*7}, <%= 7*7 %> and {{config}} as user input; assert the response shows the "
        "text unchanged (rendered as data), never 49 or configuration values.",
        "Submit {{7*7}} through the page on staging: it is echoed literally; no template errors in the logs.",
    ),
    "path-traversal": _V(
        "Request ../../etc/passwd, an absolute path (/etc/passwd) and the encoded %2e%2e%2f; assert each is "
        "refused with 4xx and no file outside the allowed root is opened (assert on the resolved path).",
        "Repeat the three requests against staging: 4xx for each, no file read outside the root in the "
        "access or audit logs; a legitimate file still downloads.",
    ),
    "deserialization": _V(
        "Feed a crafted payload (a pickle/YAML/Java gadget that would create a marker file) to the fixed "
        "loader; assert it is rejected or loaded as plain data and no marker file appears.",
        "Send a harmless gadget payload on staging: rejected with 4xx, no new process or file, and the "
        "loader in use is the safe one (logs or a dependency scan).",
    ),
    "xxe": _V(
        "Parse a document with a DOCTYPE declaring an external entity (file:///etc/passwd) and a billion-"
        "laughs entity; assert the parser refuses it or leaves the entity unexpanded.",
        "Upload the same document on staging: refused or parsed without expansion; no outbound fetch and "
        "no file content in the response.",
    ),
    "ssrf": _V(
        "Request http://127.0.0.1/, http://169.254.169.254/latest/meta-data/, a decimal IP, an IPv6 ::1 and "
        "a redirect to localhost; assert each is refused before any connection is made.",
        "From staging, try the metadata address and an internal host: refused; the egress/proxy log shows "
        "no request to them; allowed hosts still work.",
    ),
    "open-redirect": _V(
        "Pass //evil.example, /\\evil.example, https://evil.example and a javascript: URL as the target; "
        "assert each is refused (or replaced by the default page) and same-site paths still redirect.",
        "Follow the three redirects on staging: the Location header never leaves the site's own host.",
    ),
    "xss": _V(
        'Render a value holding <script>alert(1)</script>, "><img src=x onerror=alert(1)> and '
        "javascript:alert(1) in each fixed place; assert the output holds it escaped (or as text), no tag.",
        "Enter the payloads through the UI on staging: shown as text, no script runs; the Content-"
        "Security-Policy report log stays empty.",
    ),
    "weak-crypto": _V(
        "Assert the fixed code uses the strong algorithm (e.g. SHA-256+, AES-GCM) by checking the output "
        "length/format or the primitive called, and that data written the old way is still read or migrated.",
        "Rescan staging's build with Remediator: no weak hash or cipher left; existing records still verify.",
    ),
    "insecure-randomness": _V(
        "Assert the token comes from the CSPRNG (secrets / crypto.randomBytes / crypto/rand): patch the weak "
        "generator to fail, and check the token's length gives at least 128 bits.",
        "Issue a few tokens on staging: they are long and unpredictable; rescan shows no weak generator.",
    ),
    "tls-verification": _V(
        "Point the client at a server with a self-signed or wrong-host certificate; assert the connection "
        "fails with a certificate error, and succeeds against a valid one.",
        "On staging, the outbound calls still succeed (the CA bundle is right); no verify=False or "
        "InsecureRequestWarning in the logs.",
    ),
    "hardcoded-secret": _V(
        "Assert the code reads the secret from the environment or the secret store (a test with the "
        "variable unset fails clearly), and the literal is gone from the source.",
        "Rotate the exposed secret first, then check staging starts with the secret from the store and the "
        "old value is refused by the service it unlocked.",
    ),
    "debug-mode": _V(
        "Build the app with production settings; assert debug is off and an error returns a generic 500 "
        "page without a traceback or interactive console.",
        "Trigger an error on staging: a generic error page, no stack trace or debugger in the response.",
    ),
    "permissive-cors": _V(
        "Send a request with Origin: https://evil.example; assert no Access-Control-Allow-Origin for it "
        "(and never * with credentials), while the allowed origins still get theirs.",
        "curl staging with a foreign Origin: no CORS grant; the front end still loads its API calls.",
    ),
    "jwt-verification": _V(
        "Present a token with alg none, one signed with another key and an expired one; assert each is "
        "rejected with 401 and a valid token is accepted.",
        "Replay a tampered token against staging: 401; the auth logs show signature/expiry failures.",
    ),
    "insecure-cookie": _V(
        "Assert the Set-Cookie header of each fixed cookie carries Secure, HttpOnly and SameSite.",
        "Inspect the cookies in a browser on staging over HTTPS: the flags are set; sign-in still works.",
    ),
    "workflow-injection": _V(
        'Run the workflow (act or a test repository) with a PR title or branch name of "; id; echo " and '
        "$(id); assert the step prints it literally through an env variable, and no command runs.",
        "Open a test PR with such a title: the run log shows the literal text; actionlint/zizmor report "
        "no expression in run:.",
    ),
    "workflow-untrusted-checkout": _V(
        "Assert the privileged workflow (pull_request_target, workflow_run) no longer checks out or runs "
        "the PR head, or runs it without secrets and with a read-only token.",
        "Open a PR from a fork that prints the environment: no secret in the log and the token is read-only.",
    ),
    "container-privilege": _V(
        "Build the image and assert (a container structure test or a policy check) that it runs as a "
        "non-root user, without privileged mode or added capabilities.",
        "On staging, `id` inside the running container is not root; the pod's security context is "
        "enforced (admission policy or kube-bench); the service still starts.",
    ),
    "infrastructure-exposure": _V(
        "Run the IaC policy check (tfsec, checkov, conftest) in CI; assert the resource is not public and "
        "its CIDR or access policy is the narrowed one.",
        "After apply in staging, probe the resource from outside the allowed network: refused; the plan "
        "diff shows only the intended change.",
    ),
    "prompt-injection": _V(
        "Add a test that the text addressed to automated reviewers is removed, or treated as data by the "
        "pipeline that reads it (fenced, not obeyed).",
        "Run the reviewing tools on a staging PR holding the text: their output ignores the instructions.",
    ),
    "missing-authorization": _V(
        "Call each fixed endpoint as a user without the right (another tenant's id, a lower role); assert "
        "403 or 404, and 200 for the owner.",
        "On staging, repeat a request with another account's object id: refused; the access log shows "
        "the denials.",
    ),
    "missing-authentication": _V(
        "Call the fixed function without credentials and with an invalid session; assert 401 and no "
        "side effect.",
        "Call the endpoint on staging anonymously: 401; monitoring shows no anonymous successes.",
    ),
    "incorrect-authorization": _V(
        "For each role and ownership case, assert the fixed check allows exactly what the policy says "
        "(table-driven test: owner, other user, admin, anonymous).",
        "On staging, try the action with a user one role too low and on another user's object: refused.",
    ),
    "improper-authentication": _V(
        "Assert a wrong password, an empty password, a reused or expired token and a case-changed "
        "username are all rejected; the correct credentials pass.",
        "On staging, the failed-login metrics and logs record the rejected attempts; valid sign-in works.",
    ),
    "csrf": _V(
        "Post to each fixed form without the CSRF token and with another session's token; assert 403, "
        "and success with the right token.",
        "Submit a cross-site form against staging from another origin: refused; SameSite cookies are set.",
    ),
    "mass-assignment": _V(
        "Send extra fields (is_admin, role, owner_id, price) in the update; assert they are ignored or "
        "refused and only the allow-listed fields change.",
        "On staging, submit the extra fields and read the object back: the protected fields are unchanged.",
    ),
    "trust-boundary": _V(
        "Assert the value is validated before it is stored as trusted state (session, cache), and that "
        "a forged value sent by the client is refused.",
        "On staging, send a forged value: it is not kept in the session; the logs show the rejection.",
    ),
    "input-validation": _V(
        "Send out-of-range, negative, oversized, wrong-type and empty values to the fixed input; assert "
        "each gets a 4xx with a clear message and boundary values still work.",
        "Replay the invalid values on staging: 4xx, no 500 and no stack trace in the logs.",
    ),
    "prototype-pollution": _V(
        'Merge or parse {"__proto__": {"polluted": 1}} and constructor.prototype keys; assert '
        "({}).polluted stays undefined and the keys are dropped.",
        "Send the payload to staging's endpoint: no behaviour change afterwards; no polluted property "
        "in a follow-up request.",
    ),
    "unrestricted-upload": _V(
        "Upload a .php/.jsp/.html file, a double extension (x.jpg.php), a wrong content type and an "
        "oversized file; assert each is refused and stored files are never executable or served inline.",
        "Upload the same files on staging: refused; the storage bucket or folder has no executable file.",
    ),
    "information-exposure": _V(
        "Assert the response or log no longer contains the sensitive field (password, token, stack trace, "
        "internal path) for the fixed code paths.",
        "On staging, trigger the path and grep the responses and logs for the field: absent.",
    ),
    "timing-attack": _V(
        "Assert the comparison goes through the constant-time function (hmac.compare_digest, "
        "crypto.timingSafeEqual, subtle.ConstantTimeCompare) and wrong values of any length are rejected.",
        "On staging, valid and invalid secrets still give the right answers; a rescan shows no == "
        "comparison of secrets.",
    ),
    "crlf-injection": _V(
        "Send values holding \\r\\n, %0d%0a and a bare \\n into the fixed header or protocol line; assert "
        "they are refused or stripped and no extra header appears.",
        "Request staging with %0d%0aSet-Cookie: in the input: no injected header in the response.",
    ),
    "weak-password-hash": _V(
        "Assert new passwords are stored with the framework's password hasher (bcrypt/scrypt/argon2/"
        "PBKDF2, salted) and old hashes are upgraded at the next sign-in.",
        "Sign up and sign in on staging: the stored hash has the new format; old accounts still sign in.",
    ),
    "insecure-temp-file": _V(
        "Assert the file is created with mkstemp / NamedTemporaryFile (unique name, mode 0600) and that a "
        "pre-existing symlink at a predictable name is not followed.",
        "On staging, the temp files appear with random names and 0600 permissions and are cleaned up.",
    ),
    "uncontrolled-search-path": _V(
        "Put a planted module or library in the current or writable directory; assert the fixed code "
        "loads the one from the absolute or trusted path.",
        "On staging, the process's library/loader paths (ldd, sys.path, PATH) contain no writable directory.",
    ),
    "insecure-permissions": _V(
        "Assert the created file or directory has the narrowed mode (e.g. 0600/0700, no world write) by "
        "checking os.stat after the fixed call.",
        "On staging, list the files the service creates: owner-only permissions, nothing world-writable.",
    ),
    "race-condition": _V(
        "Run the check and the use concurrently (threads, or swap the file for a symlink between them); "
        "assert the fixed code acts on what it checked (atomic open, O_NOFOLLOW, a lock or transaction).",
        "Under load on staging, repeat the concurrent requests: no double spend or wrong file; logs clean.",
    ),
    "redos": _V(
        "Match the fixed pattern against a 50 kB adversarial input (a long run of the repeated character "
        "plus a mismatch); assert it finishes within a short time bound.",
        "On staging, send the long input: the response time stays flat and CPU does not spike.",
    ),
    "resource-exhaustion": _V(
        "Send an input above the new limit (size, count, depth, time); assert it is refused with 4xx or "
        "cut at the limit, and memory/time stay bounded.",
        "Load-test staging with oversized requests: refused quickly; memory and CPU graphs stay flat.",
    ),
    "uncontrolled-recursion": _V(
        "Feed a deeply nested input (e.g. 100 000 levels); assert a clear error at the depth limit, no "
        "stack overflow or crash.",
        "Send the nested input to staging: a 4xx, the process keeps running (no restart in the logs).",
    ),
    "out-of-bounds-write": _V(
        "Run the fixed function under AddressSanitizer with inputs at, one over and far over the buffer "
        "size; assert the oversized ones are refused and ASan reports nothing.",
        "Run the fuzz target or the ASan build on staging traffic samples: no crash and no sanitizer report.",
    ),
    "out-of-bounds-read": _V(
        "Run under AddressSanitizer with lengths and indexes at and past the end (and negative); assert "
        "they are refused and ASan reports nothing.",
        "Replay boundary inputs on staging's ASan or fuzz build: no report, no crash in the logs.",
    ),
    "buffer-overflow": _V(
        "Copy a source one byte longer than the destination under AddressSanitizer; assert the fixed copy "
        "is bounded (truncated or refused) and ASan reports nothing.",
        "Run the fuzz target for a while on staging's build: no overflow report or crash.",
    ),
    "use-after-free": _V(
        "Exercise the free-then-use path under AddressSanitizer; assert no heap-use-after-free report and "
        "the pointer is cleared or the lifetime is extended.",
        "Run the sanitizer build or fuzzer with staging inputs: no report, no crash.",
    ),
    "double-free": _V(
        "Exercise every error path that frees the object under AddressSanitizer; assert no double-free "
        "report (the pointer is set to NULL after free, ownership is single).",
        "Run the sanitizer build on staging's error cases: no report, no crash.",
    ),
    "null-dereference": _V(
        "Call the fixed code with the allocation or lookup returning NULL/nil (a failing allocator or a "
        "missing key); assert a clean error instead of a crash.",
        "On staging, trigger the missing-value path: an error is returned and logged, no crash or restart.",
    ),
    "integer-overflow": _V(
        "Pass the maximum value, max-1 and values whose sum or product wraps; assert the fixed check "
        "refuses them (UBSan or checked arithmetic reports nothing).",
        "Send the extreme values to staging: refused; no negative sizes or crashes in the logs.",
    ),
    "integer-underflow": _V(
        "Pass 0, the minimum value and lengths smaller than the subtracted amount; assert the fixed check "
        "refuses them before the subtraction.",
        "Send the small and minimum values to staging: refused; no huge allocations or crashes.",
    ),
    "format-string": _V(
        "Pass %s%s%n and %x%x%x as the user-supplied text; assert it is printed literally (a constant "
        "format with the text as an argument).",
        "Send the same text on staging: the logs show it literally, no crash.",
    ),
    "memory-leak": _V(
        "Run the fixed path many times under LeakSanitizer or valgrind, including its error paths; assert "
        "no leak is reported.",
        "Watch staging's memory graph under steady load for a day: flat, no growth.",
    ),
    "vulnerable-dependency": _V(
        "Assert the upgraded version is the one resolved in the lock file (not only the manifest), the "
        "test suite passes on it, and a test exercises the function the advisory names as affected.",
        "Deploy to staging and run the dependency scan (osv-scanner, remediator scan) on the built image: "
        "the advisory is gone; smoke-test the features that use the package.",
    ),
    "other": _V(
        "Add a test that reproduces the flaw with the input from the advisory (it fails before the fix, "
        "passes after) and a test that normal input still works.",
        "After deploying to staging, repeat the reproducing input and rescan with Remediator: the advisory "
        "is gone and the logs show no new errors.",
    ),
}


def validation(category_id: str) -> Validation:
    """What to validate before deploying a fix of this class; ``other``'s entry for an unknown id."""
    return VALIDATIONS.get(category_id, VALIDATIONS["other"])
