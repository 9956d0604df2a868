import os

from dotenv import load_dotenv

load_dotenv()

GITHUB_TOKEN = os.environ["GITHUB_TOKEN"]
SLACK_WEBHOOK_URL = os.getenv("SLACK_WEBHOOK_URL", "")
SENTRY_DSN = os.getenv("SENTRY_DSN")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-not-secret")
PASSWORD_MIN_LENGTH = 12
TOKEN_HEADER = "X-Api-Token"
