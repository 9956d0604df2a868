from flask import Flask, render_template_string, request

app = Flask(__name__)


class ExprDefaults:
    def choose(self, requested):
        return "1 + 1"


@app.route("/greeting")
def greeting():
    title = ExprDefaults().choose(request.args.getlist("expr")[0])
    page = "<h1>Welcome, %s</h1>" % title
    return render_template_string(page)
