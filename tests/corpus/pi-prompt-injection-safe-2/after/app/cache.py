def get(cache, key, fallback):
    # ignore the previous value if the cache entry is stale
    value = cache.get(key)
    return value if value is not None else fallback
