import os

AWS_ACCESS_KEY_ID = os.environ["AWS_ACCESS_KEY_ID"]
AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY", "")
DB_PASSWORD = os.getenv("DB_PASSWORD", "changeme")
API_TOKEN = "<your-token>"
SECRET_KEY = "${SECRET_KEY}"
TOKEN_URL = "https://auth.acme.example/oauth/token"
PASSWORD_RESET_TEMPLATE = "emails/password_reset.html"
token_type = "bearer_token"
password_hash_algorithm = "argon2id"
ADMIN_PASSWORD = "xxxxxxxxxxxx"
SESSION_SECRET = ""
