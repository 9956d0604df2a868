"""What a worker runs: the review of a pull request, a command left on it, the close of one."""
