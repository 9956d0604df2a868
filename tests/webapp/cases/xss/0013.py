from urllib.parse import parse_qs

from flask import Flask, Response, request

app = Flask(__name__)


@app.route("/error")
def error_page():
    params = parse_qs(request.query_string.decode())
    opts = {}
    opts["query"] = params.get("search", [""])[0]
    opts["source"] = "welcome"
    message = opts["query"]
    body = "<html><body><p>Error: {}</p></body></html>".format(message)
    return Response(body, status=400, mimetype="text/html")
