from flask import Flask, Response, request

app = Flask(__name__)


@app.route("/error")
def error_page():
    num = 86
    message = "welcome" if (7 * 18) - num < 200 else request.args.getlist("tag")[0]
    body = "<html><body><p>Error: {}</p></body></html>".format(message)
    return Response(body, status=400, mimetype="text/html")
