"""The progress bar in a real terminal: it names the applicant and document, never a Python object."""

from __future__ import annotations

import fcntl
import os
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path

from shenbaoshu.cli.base import describe

LIMIT = 20_000  # bytes of terminal output for the whole build


def run_in_terminal(args: list[str], cwd: Path, timeout: float = 300) -> tuple[int, str]:
    """Run `args` with stdin, stdout and stderr on a new pseudo-terminal (80×24); return
    the exit status and everything it wrote."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "COLUMNS": "80", "LINES": "24", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env,
                               close_fds=True, start_new_session=True)
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1.0)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the terminal's other end is closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        status = process.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    return status, b"".join(chunks).decode("utf-8", errors="replace")


def test_build_progress_in_a_terminal_names_applicant_and_document(sample_workbook, tmp_path):
    workbook = tmp_path / "示例申报.xlsx"
    shutil.copy(sample_workbook, workbook)
    status, shown = run_in_terminal(
        [sys.executable, "-c", "from shenbaoshu.cli import main; main()", "build", str(workbook),
         "-o", str(tmp_path / "输出")], cwd=tmp_path)
    assert status in (0, 1), shown[-2000:]
    assert "生成文档" in shown, shown[-2000:]
    assert "Z01 申报书" in shown, shown[-2000:]
    for leak in ("function", "0x", "Planned(", "Job(", "DocumentType("):
        assert leak not in shown, shown[-2000:]
    assert len(shown.encode("utf-8")) < LIMIT, len(shown.encode("utf-8"))
    assert "Traceback" not in shown


@dataclass
class Kind:
    name: str


@dataclass
class Applicant:
    id: str


@dataclass
class Job:
    kind: Kind
    applicant: Applicant
    build_context: object = print


@dataclass
class Planned:
    job: Job | None
    rel: str


def test_describe_shows_applicant_and_document():
    job = Job(Kind("申报书"), Applicant("Z01"))
    assert describe(job) == "Z01 申报书"
    assert describe(Planned(job, "样板支部/Z01_x_申报书.docx")) == "Z01 申报书"
    assert describe(Planned(None, "申报汇总表.xlsx")) == "申报汇总表.xlsx"
    assert describe(None) is None
    assert describe(object()) is None
