from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/prefs")
def prefs():
    resp = make_response("saved")
    resp.set_cookie("cart_id", request.args.get("cart", ""), secure=True, httponly=True, samesite="Lax")
    return resp
