"""cardex: pledge management cards (공약사항 관리카드) into clean tables.

    >>> from extract import read_folder
    >>> tables = read_folder("samples")
    >>> tables.cards.head()

The package imports pandas only when these names are used, so the worker
processes of a batch (which only parse) stay small.
"""

from __future__ import annotations

__all__ = ["SCHEMAS", "Tables", "read_file", "read_folder"]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in ("read_file", "read_folder"):
        from extract import api

        return getattr(api, name)
    if name in ("SCHEMAS", "Tables"):
        from extract.tables import frames as tables

        return getattr(tables, name)
    raise AttributeError(name)
