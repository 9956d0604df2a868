def is_secure_transport(uri):
    """Check if the uri is over ssl."""
    if os.getenv("AUTHLIB_INSECURE_TRANSPORT"):
        return True

    uri = uri.lower()
    return uri.startswith(
        ("https://", "http://localhost:", "http://127.0.0.1:", "http://[::1]:")
    )
