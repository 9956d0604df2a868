from flask import Flask, jsonify, make_response, request

app = Flask(__name__)


@app.route("/preferences/theme")
def set_theme():
    choice_arg = request.args.get("theme", "")
    theme = "%s" % choice_arg
    resp = make_response(jsonify(theme=theme))
    resp.set_cookie("theme", theme)
    return resp
