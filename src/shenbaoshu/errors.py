"""Exceptions for situations where the tool cannot go on.

Problems in the data (an unreadable date, a missing value) are not exceptions:
they are :class:`shenbaoshu.problems.Problem` values collected in a report.
"""


class ShenbaoshuError(Exception):
    """Base class of every error the tool reports to the user as one line."""


class WorkbookError(ShenbaoshuError):
    """The workbook cannot be read: file, sheet or required column is missing."""


class TemplateError(ShenbaoshuError):
    """A template cannot be prepared or rendered."""


class OutputError(ShenbaoshuError):
    """An output file cannot be written."""
