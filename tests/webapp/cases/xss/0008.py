from flask import Flask, render_template_string, request

app = Flask(__name__)


class QueryInput:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/comments/preview")
def preview_comment():
    comment = QueryInput("welcome").value_of(request.values.get("name", ""))
    return render_template_string('<div class="comment">{{ c }}</div>', c=comment)
