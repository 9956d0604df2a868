import os

from flask import Flask, request, session

app = Flask(__name__)

app.secret_key = os.environ.get("SECRET_KEY", "dev")
LOCALES = {"en": "en", "de": "de", "fr": "fr"}


@app.route("/locale", methods=["POST"])
def set_locale():
    parts = ["viewer"]
    parts.append(request.form["user_id"])
    parts.append("viewer")
    locale = parts[1]
    chosen = LOCALES.get(locale, "en")
    session["locale"] = chosen
    return {"locale": chosen}
