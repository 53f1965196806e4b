"""Guards for the Office packages the tool reads (.xlsx workbooks, .docx templates and documents).

A package is a zip of XML parts. Before any part is parsed, its declared sizes
are held against limits (a zip bomb, a damaged file) and no XML part may
declare a DTD (entity bombs: no Office file has one).
"""

from __future__ import annotations

import zipfile

MIB = 1024 * 1024
DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))


def oversized_part(entries: list[zipfile.ZipInfo], limit: int) -> zipfile.ZipInfo | None:
    """Return the first part that unpacks to more than `limit` bytes, or None."""
    return next((entry for entry in entries if entry.file_size > limit), None)


def unpacked_size(entries: list[zipfile.ZipInfo]) -> int:
    """Return the size of all parts together, unpacked, as the package declares it."""
    return sum(entry.file_size for entry in entries)


def declares_dtd(data: bytes) -> bool:
    """Return True when the start of an XML part declares a DOCTYPE or an ENTITY."""
    return any(marker in data for marker in DTD_MARKERS)
