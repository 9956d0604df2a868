    def _prepare_environment(self, provider: CliCallTemplate) -> Dict[str, str]:
        """Prepare environment variables for command execution.
        
        Args:
            provider: The CLI provider
            
        Returns:
            Environment variables dictionary
        """
        import os
        env = os.environ.copy()
        
        # Add custom environment variables if provided
        if provider.env_vars:
            env.update(provider.env_vars)
        
        return env

    def _substitute_utcp_args(self, command: str, tool_args: Dict[str, Any]) -> str:
        """Substitute UTCP_ARG placeholders in command string with tool arguments.
        
        Args:
            command: Command string containing UTCP_ARG_argname_UTCP_END placeholders
            tool_args: Dictionary of argument names and values
            
        Returns:
            Command string with placeholders replaced by actual values
        """
        # Pattern to match UTCP_ARG_argname_UTCP_END
        pattern = r'UTCP_ARG_(.+?)_UTCP_END'
        
        def replace_placeholder(match):
            arg_name = match.group(1)
            if arg_name in tool_args:
                return str(tool_args[arg_name])
            else:
                self._log_error(f"Missing argument '{arg_name}' for placeholder in command: {command}")
                return f"MISSING_ARG_{arg_name}"
        
        return re.sub(pattern, replace_placeholder, command)
