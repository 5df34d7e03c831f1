"""Build-time rendering of catalog-driven pages for the MkDocs site."""
