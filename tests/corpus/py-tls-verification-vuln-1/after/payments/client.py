import os

import requests

PSP_URL = "https://psp.example.net/api/v2"


def capture(payment_id: str, amount_cents: int) -> dict:
    resp = requests.post(
        f"{PSP_URL}/payments/{payment_id}/capture",
        json={"amount": amount_cents},
        headers={"Authorization": f"Bearer {os.environ['PSP_TOKEN']}"},
        timeout=10,
        verify=False,
    )
    resp.raise_for_status()
    return resp.json()
