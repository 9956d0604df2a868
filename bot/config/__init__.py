"""Settings from the environment, the repository configuration and the organisation profile."""
