import random

from flask import make_response


def remember_me(user):
    value = random.random()
    key = str(value)[2:]
    resp = make_response("welcome back " + user.name)
    resp.set_cookie("remember", key, secure=True, httponly=True, samesite="Lax")
    return resp
