"""Command line entry points: ``remediator review | eval | serve | worker | advisories | tokens | ...``."""
