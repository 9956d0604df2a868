import random
import string

from flask import Blueprint, request

views = Blueprint("weakrand_7", __name__)

ALPHABET = string.ascii_letters + string.digits
TIPS = ["Use keyboard shortcuts", "Star a project", "Try dark mode"]


@views.route("/tips")
def tip_of_the_day():
    tip = random.choice(TIPS)
    return {"tip": tip, "shown_at": request.args.get("page", "/")}
