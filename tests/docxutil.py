"""Helpers for asserting on generated .docx files."""

from __future__ import annotations

import zipfile

import docx
from docx.oxml.ns import qn
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def paragraphs(path) -> list[str]:
    """Return the text of every paragraph in the body, tables included, in order."""
    body = docx.Document(str(path)).element.body
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]


def tables(path) -> dict[str, list[list[str]]]:
    """Return each table's rows of cell texts, keyed by its first cell's text."""
    found = {}
    for table in docx.Document(str(path)).tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        found[rows[0][0]] = rows
    return found


def part_xml(path, name: str = "word/document.xml"):
    """Return the parsed XML of part `name` of the package at `path`."""
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))
