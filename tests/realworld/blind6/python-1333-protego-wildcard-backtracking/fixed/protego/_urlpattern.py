    def match(self, url: str) -> bool:
        """Return True if pattern matches the given URL, otherwise return False."""
        if not self._contains_asterisk:
            if not self._contains_dollar:
                return url.startswith(self._pattern)
            return url == self._pattern_before_dollar

        if not url.startswith(self._pattern_before_asterisk):
            return False

        return self._match_wildcard(url)
