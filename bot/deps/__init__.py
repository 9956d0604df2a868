"""Vulnerable dependencies: manifests and lockfiles, the offline OSV database, version ranges in each
ecosystem's own ordering, and advice to patch as findings.

Must not import the hosts, the store, the LLM package or the web; the analysis pipeline calls in.
"""
