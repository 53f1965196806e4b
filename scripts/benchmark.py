"""Measure build on a large batch: a fresh build, a rebuild with nothing changed, and --jobs.

    python scripts/benchmark.py [N]     # N applicants (default 200), copied from the sample

Prints one line per run with the wall-clock time; the figures in docs/performance.md come from it.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

from shenbaoshu.batch.build import build_batch as build

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "示例申报.xlsx"
KEYED = ("申报单位", "荣誉", "建设计划", "经费预算", "考核", "负面清单", "自查", "建设成果", "中期报告", "验收",
         "典型案例", "满意度测评")


def large_workbook(count: int, path: Path) -> None:
    """Write a workbook with `count` applicants: the sample's, copied under new 编号."""
    book = openpyxl.load_workbook(SAMPLE)
    ids = [row[0].value for row in book["申报单位"].iter_rows(min_row=2)]
    copies = -(-count // len(ids))
    for name in KEYED:
        sheet = book[name]
        rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
        for copy in range(1, copies):
            for row in rows:
                sheet.append([f"{row[0]}-{copy}", *row[1:]])
    applicants = book["申报单位"]
    for row in list(applicants.iter_rows(min_row=count + 2)):
        row[0].value = None
    for row in applicants.iter_rows(min_row=2, max_row=count + 1):
        if "-" in str(row[0].value):
            row[2].value = f"{row[2].value}（{row[0].value}）"  # distinct names, distinct files
    book.save(path)


def timed(label: str, **options) -> None:
    start = time.perf_counter()
    account = build(**options)
    seconds = time.perf_counter() - start
    print(f"{label}: {seconds:.1f} s，写入 {len(account.written)} 个文件，未变 {len(account.unchanged)} 个")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    folder = Path(tempfile.mkdtemp(prefix="shenbaoshu-bench-"))
    workbook = folder / "申报.xlsx"
    large_workbook(count, workbook)
    print(f"{count} 个申报单位")
    timed("全新 build（1 个进程）", workbook=workbook, out=folder / "out1")
    timed("什么都没改的 build", workbook=workbook, out=folder / "out1")
    timed("全新 build（--jobs 2）", workbook=workbook, out=folder / "out2", jobs=2)
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
