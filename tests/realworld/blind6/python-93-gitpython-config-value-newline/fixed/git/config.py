    @needs_values
    @set_dirty_and_flush_changes
    def set_value(self, section: str, option: str, value: Union[str, bytes, int, float, bool]) -> "GitConfigParser":
        """Sets the given option in section to the given value.
        It will create the section if required, and will not throw as opposed to the default
        ConfigParser 'set' method.

        :param section: Name of the section in which the option resides or should reside
        :param option: Name of the options whose value to set

        :param value: Value to set the option to. It must be a string or convertible
            to a string
        :return: this instance"""
        self._assure_config_name_safe(section, "section")
        self._assure_config_name_safe(option, "option")
        value_str = self._value_to_string_safe(value)
        if not self.has_section(section):
            self.add_section(section)
        super().set(section, option, value_str)
        return self

    @needs_values
    @set_dirty_and_flush_changes
    def add_value(self, section: str, option: str, value: Union[str, bytes, int, float, bool]) -> "GitConfigParser":
        """Adds a value for the given option in section.
        It will create the section if required, and will not throw as opposed to the default
        ConfigParser 'set' method. The value becomes the new value of the option as returned
        by 'get_value', and appends to the list of values returned by 'get_values`'.

        :param section: Name of the section in which the option resides or should reside
        :param option: Name of the option

        :param value: Value to add to option. It must be a string or convertible
            to a string
        :return: this instance"""
        self._assure_config_name_safe(section, "section")
        self._assure_config_name_safe(option, "option")
        value_str = self._value_to_string_safe(value)
        if not self.has_section(section):
            self.add_section(section)
        self._sections[section].add(option, value_str)
        return self
