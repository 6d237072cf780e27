"""Reading a catalog folder: safe YAML, record validation with positions, the loaded `Catalog` and its facts.

`vlkb.load` is also the dataset API's entry point, `kb = vlkb.load()` (vlkb.api): once this package is
imported, Python binds the name `vlkb.load` to it, so the package itself is callable and does the same.
"""

import sys
import types


class _CallableModule(types.ModuleType):
    def __call__(self, path=None, **options):
        """The knowledge base as tables: see vlkb.api.load."""
        from vlkb.api import load

        return load(path, **options)


sys.modules[__name__].__class__ = _CallableModule
