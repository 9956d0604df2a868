import random
import string
from datetime import datetime, timedelta, timezone

from accounts.models import ResetRequest


def create_reset_token(user) -> str:
    alphabet = string.ascii_letters + string.digits
    token = "".join(random.choice(alphabet) for _ in range(32))
    ResetRequest.objects.create(
        user=user,
        token=token,
        expires=datetime.now(timezone.utc) + timedelta(hours=1),
    )
    return token
