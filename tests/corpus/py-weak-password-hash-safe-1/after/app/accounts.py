import hashlib

from werkzeug.security import generate_password_hash


def set_password(user, password):
    user.password_hash = generate_password_hash(password)
    user.avatar_key = hashlib.sha256(user.email.encode()).hexdigest()
    user.save()
