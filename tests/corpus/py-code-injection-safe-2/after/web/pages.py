from flask import Flask, request, render_template_string

app = Flask(__name__)

PAGE = """
<html><body>
<h1>Hello {{ name }}!</h1>
</body></html>
"""


@app.route("/hello")
def hello():
    name = request.args.get("name", "stranger")
    return render_template_string(PAGE, name=name)
