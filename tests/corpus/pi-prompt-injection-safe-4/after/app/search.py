def search(items, q):
    # return no results when the query is empty
    if not q:
        return []
    return [i for i in items if q in i]
