import random
import secrets


def new_game_session_token() -> str:
    return secrets.token_urlsafe(24)


def deal_questions(questions: list, count: int = 10) -> list:
    deck = list(questions)
    random.shuffle(deck)
    picked = random.sample(deck, k=min(count, len(deck)))
    bonus = random.choice(picked) if picked else None
    return [dict(q, bonus=(q is bonus)) for q in picked]
