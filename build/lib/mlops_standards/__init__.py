"""MLOps standards: the handbook's catalog, and a checker that runs it against a repository."""

__version__ = "0.1.0"
