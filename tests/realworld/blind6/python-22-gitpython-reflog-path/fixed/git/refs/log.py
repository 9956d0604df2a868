    @classmethod
    def path(cls, ref: "SymbolicReference") -> str:
        """
        :return: string to absolute path at which the reflog of the given ref
            instance would be found. The path is not guaranteed to point to a valid
            file though.
        :param ref: SymbolicReference instance

        :raise ValueError:
            If `ref.path` is invalid or escapes the respository's reflog directory.
        """
        return to_native_path(ref._get_validated_reflog_path(ref.repo, ref.path))
