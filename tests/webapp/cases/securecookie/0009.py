from flask import Flask, jsonify, make_response, request

app = Flask(__name__)


@app.route("/preferences/theme")
def set_theme():
    pending = ["light"]
    pending.append(request.args.get("theme", ""))
    pending.append("light")
    theme = pending[1]
    resp = make_response(jsonify(theme=theme))
    resp.set_cookie("theme", theme)
    return resp
