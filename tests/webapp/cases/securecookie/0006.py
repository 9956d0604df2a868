from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/session/start")
def start_session():
    opts = {}
    opts["choice"] = request.args.getlist("region")[0]
    opts["source"] = "light"
    session_id = opts["choice"]
    resp = make_response("ok")
    resp.set_cookie("sid", session_id, secure=False, httponly=False)
    return resp
