from flask import Blueprint, redirect, request

views = Blueprint("redirect_14", __name__)


class NextUrlInput:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@views.route("/login/done", methods=["POST"])
def after_login():
    next_url = NextUrlInput("/dashboard").value_of(request.form["next"])
    return redirect(next_url)
