import random

from auth.sms import send_sms


def send_login_otp(user) -> None:
    otp = f"{random.randint(0, 999999):06d}"
    user.pending_otp = otp
    user.save(update_fields=["pending_otp"])
    send_sms(user.phone, f"Your login code is {otp}")
