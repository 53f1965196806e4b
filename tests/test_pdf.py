"""Every sample 申报书 converts to PDF with LibreOffice, laid out as a printed form.

LibreOffice is a real dependency of this check: when it is missing the test
fails and says how to install it (scripts/install-system-deps.sh).
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from shenbaoshu import read_workbook, render_documents

MM = 72 / 25.4
RIGHT_EDGE = (210 - 26 + 5) * MM  # the text block ends 26 mm from the edge; punctuation may hang


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        pytest.fail("没有找到 LibreOffice（soffice）：请先运行 scripts/install-system-deps.sh")
    return found


@pytest.fixture(scope="module")
def pdfs(sample_workbook, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    written = render_documents(read_workbook(sample_workbook), out / "docx").written
    profile = out / "profile"
    subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out / "pdf"), *map(str, written)],
                   check=True, capture_output=True, timeout=600)
    found = {p.stem: p for p in (out / "pdf").glob("*.pdf")}
    assert sorted(found) == sorted(p.stem for p in written)
    return [PdfReader(found[p.stem]) for p in written]


@pytest.fixture(scope="module")
def batch_name(sample_workbook):
    return re.sub(r"\s+", "", read_workbook(sample_workbook).info.get("批次名称"))


def text_of(page) -> str:
    return re.sub(r"\s+", "", page.extract_text())


def test_cover_is_alone_on_page_one(pdfs, batch_name):
    for reader in pdfs:
        cover, second = text_of(reader.pages[0]), text_of(reader.pages[1])
        assert "编号" in cover and "党委组织部制" in cover and cover.endswith(batch_name)
        assert "填表说明" not in cover
        assert second.startswith("填表说明")


def test_form_ends_on_a_page_with_content(pdfs):
    for reader in pdfs:
        assert "学校党委意见" in text_of(reader.pages[-1])


def test_no_text_starts_beyond_the_right_margin(pdfs):
    for reader in pdfs:
        for page in reader.pages:
            starts = []
            page.extract_text(visitor_text=lambda text, cm, tm, *_: starts.append(
                (tm[4] * cm[0] + cm[4], text)) if text.strip() else None)
            beyond = [(round(x / MM), t) for x, t in starts if x > RIGHT_EDGE]
            assert not beyond, beyond


def test_pages_are_a4(pdfs):
    for reader in pdfs:
        box = reader.pages[0].mediabox
        assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (210, 297)


@pytest.fixture(scope="module")
def later_pdfs(sample_workbook, tmp_path_factory):
    from shenbaoshu.checks.validate import check_workbook

    out = tmp_path_factory.mktemp("later")
    batch, validation = check_workbook(sample_workbook)
    written = render_documents(batch, out / "docx", documents=["all"], only=["Z01", "B01", "S01"],
                               validation=validation).written
    written = [p for p in written if not p.stem.endswith("申报书")]
    subprocess.run([soffice(), f"-env:UserInstallation=file://{out / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out / "pdf"), *map(str, written)],
                   check=True, capture_output=True, timeout=600)
    return {p.stem: PdfReader(out / "pdf" / f"{p.stem}.pdf") for p in written}


def test_every_later_document_converts_and_fits_the_page(later_pdfs):
    kinds = {stem.rsplit("_", 1)[-1] for stem in later_pdfs}
    assert kinds == {"自查报告", "中期报告", "验收申请书", "典型案例"}
    for stem, reader in later_pdfs.items():
        assert text_of(reader.pages[0]), stem
        for page in reader.pages:
            starts = []
            page.extract_text(visitor_text=lambda text, cm, tm, *_: starts.append(tm[4] * cm[0] + cm[4])
                              if text.strip() else None)
            assert all(x <= RIGHT_EDGE for x in starts), stem


def test_acceptance_cover_is_alone_on_page_one(later_pdfs):
    for stem, reader in later_pdfs.items():
        if stem.endswith("验收申请书"):
            assert "工作验收申请书" in text_of(reader.pages[0])
            assert text_of(reader.pages[1]).startswith("填表说明")
            assert "学校党委验收意见" in text_of(reader.pages[-1])
