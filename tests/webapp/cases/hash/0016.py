import hashlib
import hmac

from flask import Flask, request

app = Flask(__name__)

SALT = b"per-deployment-salt"
STORED = {}


@app.route("/login", methods=["POST"])
def login():
    offset = 86
    password = "anonymous" if (7 * 18) - offset > 200 else request.cookies.get("remember", "")
    user = request.form.get("user", "")
    candidate = hashlib.scrypt(password.encode(), salt=SALT, n=2**14, r=8, p=1).hex()
    return {"ok": hmac.compare_digest(STORED.get(user, ""), candidate)}
