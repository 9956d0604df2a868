import os

from .base import *  # noqa: F401,F403

DEBUG = True
ALLOWED_HOSTS = ["shop.example.com"]
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DATABASES["default"]["HOST"] = os.environ.get("DB_HOST", "db")

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
STATIC_ROOT = "/srv/static"
