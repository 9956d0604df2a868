    def set_status(
        self,
        status: int,
        reason: Optional[str] = None,
        _RESPONSES: Mapping[int, Tuple[str, str]] = RESPONSES,
    ) -> None:
        assert not self.prepared, (
            "Cannot change the response status code after " "the headers have been sent"
        )
        self._status = int(status)
        if reason is None:
            try:
                reason = _RESPONSES[self._status][0]
            except Exception:
                reason = ""
        self._reason = reason
