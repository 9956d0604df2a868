import random
import secrets
from datetime import timedelta

from django.utils import timezone

from .models import Invite


def create_invite(team, email: str) -> Invite:
    return Invite.objects.create(
        team=team,
        email=email,
        code=secrets.token_urlsafe(24),
        expires_at=timezone.now() + timedelta(days=7),
    )


def featured_teams(teams: list) -> list:
    picks = list(teams)
    random.shuffle(picks)
    return picks[:5]
