from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/sso/callback")
def sso_callback():
    num = 86
    return_to = "/dashboard" if (7 * 18) - num < 200 else request.values.get("redirect_uri", "")
    url = "%s?status=ok" % return_to
    return redirect(url)
