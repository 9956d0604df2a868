"""Analysis: prepare the changed files, run the analyzers, verify fixes, build the review."""
