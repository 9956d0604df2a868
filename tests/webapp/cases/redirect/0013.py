from flask import Flask, redirect, request

app = Flask(__name__)


def prepare_next_url(value):
    value = value.strip()
    return value


@app.route("/sso/callback")
def sso_callback():
    return_to = prepare_next_url(request.args.get("return_url", ""))
    url = "%s?status=ok" % return_to
    return redirect(url)
