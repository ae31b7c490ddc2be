"""cardex: pledge management cards (공약사항 관리카드) into clean tables.

>>> from extract import read_folder
>>> tables = read_folder("samples")
>>> tables.cards.head()
"""

from .api import read_file, read_folder
from .tables import SCHEMAS, Tables

__all__ = ["SCHEMAS", "Tables", "read_file", "read_folder"]
__version__ = "0.1.0"
