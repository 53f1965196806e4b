"""Make an Office file byte-reproducible: the same content always gives the same bytes.

openpyxl and python-docx stamp each save with the time (zip entry times and
the created/modified dates in docProps/core.xml). The tool recognises its own
files by their hash, so a file it wrote must not change just because it was
written again a minute later.
"""

from __future__ import annotations

import io
import re
import zipfile

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_STAMP = b"2000-01-01T00:00:00Z"
STAMPS = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def reproducible(data: bytes) -> bytes:
    """Return the package `data` with fixed entry times and fixed created/modified dates."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = STAMPS.sub(rb"\g<1>" + FIXED_STAMP + rb"\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return buffer.getvalue()
