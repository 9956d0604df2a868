from flask import Flask, jsonify, make_response, request

app = Flask(__name__)


@app.route("/preferences/theme")
def set_theme():
    given_choice = request.values.get("lang", "")
    theme = given_choice if given_choice else "light"
    resp = make_response(jsonify(theme=theme))
    resp.set_cookie("theme", theme, secure=True, httponly=True, samesite="Lax")
    return resp
