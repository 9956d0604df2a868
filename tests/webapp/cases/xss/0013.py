from urllib.parse import parse_qs

from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/comments/preview")
def preview_comment():
    params = parse_qs(request.query_string.decode())
    opts = {}
    opts["query"] = params.get("search", [""])[0]
    opts["source"] = "welcome"
    comment = opts["query"]
    html = '<div class="comment">' + comment + "</div>"
    return make_response(html)
