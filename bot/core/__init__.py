"""Pure domain core: change model, findings, fingerprints, ranking and rendering.

Imports only the standard library and unidiff (a test keeps it that way); no I/O.
"""
