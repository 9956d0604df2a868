import random
import string

from flask import Blueprint

bp = Blueprint("weakrand_15", __name__)

ALPHABET = string.ascii_letters + string.digits
QUESTIONS = ["q1", "q2", "q3", "q4"]


@bp.route("/quiz")
def quiz_order():
    layout = "layout-" + str(random.randint(1, 3))
    questions = list(QUESTIONS)
    random.shuffle(questions)
    return {"questions": questions, "layout": layout}
