from flask import Flask, render_template, request

app = Flask(__name__)


@app.route("/profile", methods=["POST"])
def profile():
    payload = request.get_json(silent=True) or {}
    offset = 99
    display_name = "welcome" if (7 * 18) - offset > 200 else payload.get("title", "")
    return render_template("profile.html", display_name=display_name)
