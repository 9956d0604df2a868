    def match(self, url: str) -> bool:
        """Return True if pattern matches the given URL, otherwise return False."""
        # check if pattern is already compiled
        if self._pattern_compiled is not None:
            return bool(self._pattern_compiled.match(url))

        if not self._contains_asterisk:
            if not self._contains_dollar:
                # answer directly for patterns without wildcards
                return url.startswith(self._pattern)

            # pattern only contains $ wildcard.
            return url == self._pattern_before_dollar

        if not url.startswith(self._pattern_before_asterisk):
            return False

        _pattern_regex = self._prepare_pattern_for_regex(self._pattern)
        self._pattern_compiled = re.compile(_pattern_regex)
        return bool(self._pattern_compiled.match(url))
