import hashlib
import json


def cache_key(url: str, params: dict) -> str:
    blob = url + "?" + json.dumps(params, sort_keys=True)
    return "page:" + hashlib.md5(blob.encode()).hexdigest()


def etag_for(body: bytes) -> str:
    return '"' + hashlib.md5(body, usedforsecurity=False).hexdigest() + '"'
