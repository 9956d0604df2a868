from flask import Flask, render_template, request

app = Flask(__name__)


class QueryInput:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/profile")
def profile():
    display_name = QueryInput("welcome").value_of(request.values.get("name", ""))
    return render_template("profile.html", display_name=display_name)
