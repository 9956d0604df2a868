    def _prepare_environment(self, provider: CliCallTemplate) -> Dict[str, str]:
        """Prepare environment variables for command execution.

        Composes the subprocess environment with one layer of host
        inheritance (controlled by `provider.inherit_env_vars`) plus
        `provider.env_vars` on top:

          - `inherit_env_vars is None` (default): pass through the
            built-in default allowlist of host vars (PATH, HOME / PATHEXT,
            SYSTEMROOT, etc.) so normal shells and binaries work without
            extra wiring.
          - `inherit_env_vars == []`: strict mode. Nothing from the host
            environment reaches the subprocess — only `env_vars`.
          - `inherit_env_vars == [...]`: pass through exactly the named
            host variables. The default allowlist is NOT merged in, so
            callers who still want PATH must include it explicitly.

        `env_vars` is always applied last and overrides anything inherited
        from the host.

        This prevents the unrestricted host environment from leaking into
        a subprocess that may be running attacker-controlled commands
        (GHSA-5v57-8rxj-3p2r).

        Args:
            provider: The CLI provider

        Returns:
            Environment variables dictionary
        """
        if provider.inherit_env_vars is None:
            inherited_keys: tuple = self._default_inherited_keys()
        else:
            inherited_keys = tuple(provider.inherit_env_vars)

        env: Dict[str, str] = {}
        for key in inherited_keys:
            value = os.environ.get(key)
            if value is not None:
                env[key] = value

        # Caller-supplied variables override anything inherited from the
        # host. Unset host vars in `inherited_keys` are skipped silently
        # so missing optionals don't break tool execution.
        if provider.env_vars:
            env.update(provider.env_vars)

        return env

    def _substitute_utcp_args(self, command: str, tool_args: Dict[str, Any]) -> str:
        """Substitute UTCP_ARG placeholders in command string with tool arguments.

        Each substituted value is shell-quoted for the target shell so that
        attacker-controlled `tool_args` cannot escape the placeholder and
        inject extra commands. As a side effect, a placeholder always
        expands to exactly one shell token: callers that need to pass
        multiple flags / arguments must use multiple placeholders rather
        than splitting a single string at runtime.

        Args:
            command: Command string containing UTCP_ARG_argname_UTCP_END placeholders
            tool_args: Dictionary of argument names and values

        Returns:
            Command string with placeholders replaced by shell-quoted values
        """
        # Pattern to match UTCP_ARG_argname_UTCP_END
        pattern = r'UTCP_ARG_(.+?)_UTCP_END'

        def replace_placeholder(match):
            arg_name = match.group(1)
            if arg_name in tool_args:
                return self._shell_quote(str(tool_args[arg_name]))
            else:
                self._log_error(f"Missing argument '{arg_name}' for placeholder in command: {command}")
                return self._shell_quote(f"MISSING_ARG_{arg_name}")

        return re.sub(pattern, replace_placeholder, command)
