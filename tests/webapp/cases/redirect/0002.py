from flask import Flask, redirect, request, session

app = Flask(__name__)

app.secret_key = "dev-only"


@app.route("/logout")
def logout():
    next_url_arg = request.args.get("next", "")
    target = "%s" % next_url_arg
    session.clear()
    return redirect(target, code=302)
