static int
evhttp_header_is_valid_value(const char *value)
{
	const char *p = value;

	if (strpbrk(p, "\r\n") != NULL) {
		/* Reject any header containing CR or LF. */
		return (0);
	}

	return (1);
}
