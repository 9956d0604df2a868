def _decompressContent(response, new_content, limit_kwargs):
    content = new_content
    encoding_header = "content-encoding"
    encoding = response.get(encoding_header, None)
    limit_wrap = functools.partial(LimitDecoder, **limit_kwargs)
    try:
        if encoding in ["gzip", "deflate", "zlib"]:
            try:
                content = limit_wrap(ZlibDecoder()).consume_bytes(new_content, 0)
            except (IOError, zlib.error):
                content = limit_wrap(DeflateDecoder()).consume_bytes(new_content, 0)
            response["content-length"] = str(len(content))
            # Record the historical presence of the encoding in a way the won't interfere.
            response["-content-encoding"] = response.pop(encoding_header)
    except (IOError, zlib.error):
        content = ""
        raise FailedToDecompressContent(
            _("Content purported to be compressed with %s but failed to decompress.") % encoding,
            response,
            content,
        )
    return content
