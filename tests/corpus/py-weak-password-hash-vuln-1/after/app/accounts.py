import hashlib


def set_password(user, password):
    user.password_hash = hashlib.sha256(password.encode()).hexdigest()
    user.save()
