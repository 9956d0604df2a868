from flask import Blueprint, jsonify, request
from jinja2 import Environment

bp = Blueprint("mail_preview", __name__)
env = Environment(autoescape=True)


@bp.post("/templates/preview")
def preview_template():
    data = request.get_json(force=True)
    source = data.get("body", "")
    context = {
        "first_name": data.get("sample_name", "Alex"),
        "company": "Acme",
    }
    rendered = env.from_string(source).render(**context)
    return jsonify({"html": rendered})
