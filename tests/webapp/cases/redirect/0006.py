from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/sso/callback", methods=["POST"])
def sso_callback():
    raw_next_url = request.form["next"]
    return_to = raw_next_url.strip()
    url = "%s?status=ok" % return_to
    return redirect(url)
