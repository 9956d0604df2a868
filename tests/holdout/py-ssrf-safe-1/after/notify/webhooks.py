from urllib.parse import urlparse

import requests
from django.conf import settings


class WebhookRejected(Exception):
    pass


def deliver(hook_url: str, payload: dict) -> int:
    parsed = urlparse(hook_url)
    if parsed.scheme != "https" or parsed.hostname not in settings.WEBHOOK_ALLOWED_HOSTS:
        raise WebhookRejected(f"host not allowed: {parsed.hostname}")
    resp = requests.post(
        hook_url,
        json=payload,
        timeout=10,
        allow_redirects=False,
    )
    return resp.status_code
