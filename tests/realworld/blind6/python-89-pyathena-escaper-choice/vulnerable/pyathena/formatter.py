    def format(self, operation: str, parameters: dict[str, Any] | None = None) -> str:
        if not operation or not operation.strip():
            raise ProgrammingError("Query is none or empty.")
        operation = operation.strip()

        operation_upper = operation.upper()
        if operation_upper.startswith(("SELECT", "WITH", "INSERT", "UPDATE", "MERGE")):
            escaper = _escape_presto
        else:
            escaper = _escape_hive

        kwargs: dict[str, Any] | None = None
        if parameters is not None:
            kwargs = {}
            if not parameters:
                pass
            elif isinstance(parameters, dict):
                for k, v in parameters.items():
                    func = self.get(v)
                    if not func:
                        raise TypeError(f"{type(v)} is not defined formatter.")
                    kwargs.update({k: func(self, escaper, v)})
            else:
                raise ProgrammingError(
                    f"Unsupported parameter (Support for dict only): {parameters}"
                )

        return (operation % kwargs).strip() if kwargs is not None else operation.strip()
