"""Read a repository once into facts the checks share. Parses; never imports or runs."""

from .repository import MAX_BYTES, Parsed, Repository, ScanError
from .walk import FileEntry, walk

__all__ = ["MAX_BYTES", "FileEntry", "Parsed", "Repository", "ScanError", "walk"]
