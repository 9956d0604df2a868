from flask import Flask, make_response, request

app = Flask(__name__)


class QueryInput:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/comments/preview", methods=["POST"])
def preview_comment():
    payload = request.get_json(silent=True) or {}
    comment = QueryInput("welcome").value_of(payload.get("title", ""))
    html = '<div class="comment">' + comment + "</div>"
    return make_response(html)
