"""Host adapters (GitHub, GitLab, in-memory): the only code that talks to a code host.

No adapter has a method that writes repository contents, refs, branches, merges or approvals.
"""
