def write_header(header):
    """
    This function writes a single HTTP header. It is used only by the HTTP Client part,
    because the server relies on the ASGI server to handle headers.
    """
    # Sanitize header name and value to prevent CRLF injection
    return _nocrlf(header[0]) + b": " + _nocrlf(header[1]) + b"\r\n"

def write_request_method(request: Request) -> bytes:
    # RFC 7230: method must be a valid token
    if not re.match(r'^[!#$%&\'*+\-.0-9A-Z^_`a-z|~]+$', request.method):
        raise ValueError(f"Invalid HTTP method: {request.method!r}")
    return request.method.encode()

def write_request_uri(request: Request) -> bytes:
    url = request.url
    p = _nocrlf(url.path or b"/")
    if url.query:
        return p + b"?" + _nocrlf(url.query)
    return p
