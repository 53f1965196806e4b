"""Safe writing: a file is replaced whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import OutputError


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file, so no half-written file is left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".~", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise OutputError(f"无法写入 {path}：{exc.strerror or exc}（文件是否正在 Word 或 WPS 中打开？）") from exc
