    def load(self, file_path: PathLike) -> None:
        """Load cookies from a file.

        Tries to load JSON format first. Falls back to loading legacy
        pickle format (using a restricted unpickler) for backward
        compatibility with existing cookie files.

        Replaces the current jar contents; loaded cookies pass through the
        same acceptance rules as :meth:`update_cookies`.

        :param file_path: Path to file from where cookies will be
            imported, :class:`str` or :class:`pathlib.Path` instance.
        """
        file_path = pathlib.Path(file_path)
        # Try JSON format first
        try:
            with file_path.open(mode="r", encoding="utf-8") as f:
                data = json.load(f)
            self._load_json_data(data)
        except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
            # Fall back to legacy pickle format with restricted unpickler
            with file_path.open(mode="rb") as f:
                self._cookies = _RestrictedCookieUnpickler(f).load()
