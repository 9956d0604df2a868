import requests


def fetch_legacy_inventory():
    # legacy appliance with a self-signed certificate, tracked in OPS-112
    return requests.get("https://10.0.4.12/inventory.json", verify=False, timeout=10).json()
