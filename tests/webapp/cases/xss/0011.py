from flask import Flask, render_template_string, request

app = Flask(__name__)


@app.route("/comments/preview", methods=["POST"])
def preview_comment():
    payload = request.get_json(silent=True) or {}
    offset = 99
    comment = "welcome" if (7 * 18) - offset > 200 else payload.get("title", "")
    return render_template_string('<div class="comment">{{ c }}</div>', c=comment)
