"""The MLOps standards as data: load, validate and query the requirements.

```python
from mlops_standards import catalog

standards = catalog.load()
print(standards.version, len(standards))
print(standards.get("TR-005").title)
```
"""

from .loader import CatalogError, load
from .model import (
    ACTORS,
    DIMENSIONS,
    Area,
    Catalog,
    Level,
    MMAItem,
    Release,
    Requirement,
    Sources,
    Step,
    Verification,
)

__all__ = [
    "ACTORS",
    "DIMENSIONS",
    "Area",
    "Catalog",
    "CatalogError",
    "Level",
    "MMAItem",
    "Release",
    "Requirement",
    "Sources",
    "Step",
    "Verification",
    "load",
]
