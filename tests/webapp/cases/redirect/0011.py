from flask import Flask, redirect, request, session

app = Flask(__name__)

app.secret_key = "dev-only"
SAFE_TARGETS = {"/", "/goodbye", "/login"}


@app.route("/logout", methods=["POST"])
def logout():
    target = request.form["return_to"]
    session.clear()
    if target not in SAFE_TARGETS:
        return redirect("/")
    return redirect(target, code=302)
