import hashlib

from accounts.models import User


def hash_password(password: str) -> str:
    return hashlib.md5(password.encode("utf-8")).hexdigest()


def register(username: str, password: str) -> User:
    user = User(username=username, password_hash=hash_password(password))
    user.save()
    return user
