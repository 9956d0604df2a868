from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/preferences/region", methods=["POST"])
def set_region():
    payload = request.get_json(silent=True) or {}
    region = payload.get("currency", "")
    modes = {"local": False, "deployed": True}
    on = modes["deployed"]
    resp = make_response("saved")
    resp.set_cookie("region", region, secure=on, httponly=on, samesite="Lax")
    return resp
