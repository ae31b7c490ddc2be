"""PDFium's C functions declared with plain-int handles, for the page walk's hot loops.

pypdfium2 declares every handle and out-parameter as a typed pointer, which
ctypes checks and converts on each call. The page walk (`objects`) calls PDFium
a few times per glyph and per path segment, hundreds of thousands of times on
a long document, and that conversion was a third of each call. `P.<name>` is
the same function of the same library, declared again with every pointer as
`c_void_p`: handles and the addresses of out-parameters go in as ints, and
pointers come back as ints (None for NULL). Only the Python side of the call
changes; numbers and structs are passed as pypdfium2 declares them.
"""

from __future__ import annotations

import ctypes

import pypdfium2.raw as C


def _plain_type(kind):
    if kind is not None and issubclass(kind, (ctypes._Pointer, ctypes.c_void_p, ctypes.c_char_p)):
        return ctypes.c_void_p
    return kind


class _Plain:
    """`P.FPDFText_GetCharOrigin(textpage, i, addressof(x), addressof(y))`: each function is
    declared on first use and kept."""

    def __getattr__(self, name: str):
        function = getattr(C, name)
        prototype = ctypes.CFUNCTYPE(_plain_type(function.restype), *map(_plain_type, function.argtypes))
        plain = prototype(ctypes.cast(function, ctypes.c_void_p).value)
        setattr(self, name, plain)
        return plain


P = _Plain()


def address(handle) -> int:
    """A pypdfium2 handle (a typed pointer) as the int `P`'s functions take; 0 for NULL."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0
