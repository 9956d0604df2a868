import requests


def fetch_legacy_inventory():
    # legacy appliance with a self-signed certificate, tracked in OPS-112
    return requests.get("https://10.0.4.12/inventory.json", verify=False, timeout=10).json()


def fetch_inventory():
    return requests.get(
        "https://inventory.internal/api/items",
        verify="/etc/ssl/certs/internal-ca.pem",
        timeout=10,
    ).json()
