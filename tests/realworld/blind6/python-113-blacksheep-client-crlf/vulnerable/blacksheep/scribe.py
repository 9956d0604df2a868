def write_header(header):
    return header[0] + b": " + header[1] + b"\r\n"

def write_request_method(request: Request):
    return request.method.encode()

def write_request_uri(request: Request):
    url = request.url
    p = url.path or b"/"
    if url.query:
        return p + b"?" + url.query
    return p
