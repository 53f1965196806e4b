"""Safe writing: a file is replaced whole or not at all, never over an input, with the usual mode."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

from ..errors import OutputError

# The cause of an OSError as users should read it; anything else falls back to the system's words.
REASONS = {getattr(errno, name): text for name, text in (
    ("EACCES", "没有写入权限"), ("EPERM", "没有写入权限"), ("EROFS", "磁盘或文件夹是只读的"),
    ("ENOSPC", "磁盘空间不足"), ("EDQUOT", "超出磁盘配额"), ("ENAMETOOLONG", "文件名太长"),
    ("EISDIR", "同名文件夹已存在"), ("ENOENT", "文件夹不存在"), ("EIO", "磁盘读写出错"),
) if hasattr(errno, name)}
_umask_lock = threading.Lock()


def reason(exc: OSError) -> str:
    """Return the cause of `exc` in Chinese (the system's own words when it is an unusual one)."""
    if isinstance(exc, PermissionError):
        return REASONS[errno.EACCES]
    return REASONS.get(exc.errno, exc.strerror or str(exc))


def refuse_inputs(target: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str] | None]) -> None:
    """Raise OutputError when writing `target` would replace one of `inputs` (also through a link)."""
    for source in inputs:
        if source is not None and same_file(Path(target), Path(source)):
            kind = {".toml": "方案文件", ".xlsx": "工作簿", ".xlsm": "工作簿"}.get(Path(source).suffix.lower(), "文件")
            raise OutputError(f"输出不能写回输入的{kind} {source}，请换一个文件名")


def same_file(first: Path, second: Path) -> bool:
    """Return True when `first` and `second` name the same file (links followed)."""
    try:
        if first.exists() and second.exists():
            return os.path.samefile(first, second)
    except OSError:
        pass
    try:
        return first.resolve() == second.resolve()
    except (OSError, RuntimeError):  # a symlink loop, an unreadable folder
        return os.path.abspath(first) == os.path.abspath(second)


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file, so no half-written file is left.

    The file gets the mode a plain ``open()`` would give it: an existing file
    keeps its mode, a new one gets 0o666 less the umask. Every failure is an
    OutputError naming the folder or file and the cause in Chinese.
    """
    path = Path(path)
    folder = path.parent
    make_folder(folder)
    mode = _mode_for(path)
    try:
        fd, temp = tempfile.mkstemp(prefix=".~", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"无法在 {folder} 中写入文件：{reason(exc)}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, PermissionError) and path.is_file():
            raise OutputError(f"无法写入 {path}：{reason(exc)}（文件是否正在 Word 或 WPS 中打开？）") from exc
        if path.is_dir():
            raise OutputError(f"无法写入 {path}：同名文件夹已存在") from exc
        raise OutputError(f"无法写入 {path}：{reason(exc)}") from exc


def make_folder(folder: Path) -> None:
    """Create `folder` and its parents, or raise OutputError naming what is in the way."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        blocker = _file_in_the_way(folder)
        cause = f"{blocker} 不是文件夹（同名文件已存在）" if blocker else reason(exc)
        raise OutputError(f"无法在 {folder} 中写入文件：{cause}") from exc


def _file_in_the_way(folder: Path) -> Path | None:
    """Return the nearest of `folder` and its parents that exists but is not a folder."""
    for candidate in (folder, *folder.parents):
        try:
            if candidate.exists():
                return None if candidate.is_dir() else candidate
        except OSError:
            return None
    return None


def _mode_for(path: Path) -> int:
    """Return the mode ``open(path, "wb")`` would leave: the file's own, else 0o666 less the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~current_umask()


def current_umask() -> int:
    """Return the process umask without changing it for longer than a moment."""
    try:  # Linux states it; reading it there never changes it
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _umask_lock:
        old = os.umask(0o077)  # the safer value, should another thread create a file meanwhile
        os.umask(old)
    return old
