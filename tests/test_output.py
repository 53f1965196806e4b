"""File names that Windows accepts, unique within a run, and writes that never leave half a file."""

from __future__ import annotations

import os

import pytest

from shenbaoshu.documents.naming import NameBook, safe_name
from shenbaoshu.errors import OutputError
from shenbaoshu.outputs.files import atomic_write


@pytest.mark.parametrize("raw, expected", [
    ('a/b\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j"),
    ("  末尾有点和空格. ", "末尾有点和空格"),
    ("..", "未命名"),
    ("CON", "_CON"),
    ("换行\n和制表\t", "换行_和制表_"),
])
def test_safe_name(raw, expected):
    assert safe_name(raw) == expected


def test_safe_name_caps_the_length():
    assert len(safe_name("党" * 300)) == 80


def test_name_book_makes_names_unique_ignoring_case(tmp_path):
    names = NameBook()
    first = names.claim(tmp_path, "B01_支部", ".docx")
    second = names.claim(tmp_path, "b01_支部", ".docx")
    third = names.claim(tmp_path, "B01_支部", ".docx")
    assert (first.name, second.name, third.name) == ("B01_支部.docx", "b01_支部_2.docx", "B01_支部_3.docx")


def test_atomic_write_replaces_the_whole_file(tmp_path):
    target = tmp_path / "子目录" / "文件.docx"
    atomic_write(target, b"first")
    atomic_write(target, b"second")
    assert target.read_bytes() == b"second"
    assert os.listdir(target.parent) == ["文件.docx"]


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "文件.docx"
    target.write_bytes(b"old")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match="无法写入"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["文件.docx"]
