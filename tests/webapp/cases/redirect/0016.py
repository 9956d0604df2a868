from urllib.parse import parse_qs

from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/sso/callback")
def sso_callback():
    params = parse_qs(request.query_string.decode())
    ctx = {}
    ctx["next_url"] = params.get("continue", [""])[0]
    ctx["source"] = "/dashboard"
    return_to = ctx["next_url"]
    pages = {"orders": "/orders", "profile": "/account"}
    return redirect(pages.get(return_to, "/"))
