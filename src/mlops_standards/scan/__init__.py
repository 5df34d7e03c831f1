"""Read a repository once into raw facts with positions; no judgement.

Parses, never imports or runs what it reads.
"""

from .repository import MAX_BYTES, Parsed, ParseError, Repository, ScanError
from .walk import FileEntry, list_files, walk

__all__ = [
    "MAX_BYTES",
    "FileEntry",
    "ParseError",
    "Parsed",
    "Repository",
    "ScanError",
    "list_files",
    "walk",
]
