"""shenbaoshu: Excel workbook in, finished 党建“双创” documents out.

    >>> import shenbaoshu
    >>> batch = shenbaoshu.read_workbook("samples/示例申报.xlsx")
    >>> result = shenbaoshu.render_documents(batch, "输出")
"""

from importlib.metadata import PackageNotFoundError, version

from .documents import DOCUMENT_TYPES, GenerateResult, render_documents
from .errors import OutputError, ShenbaoshuError, TemplateError, WorkbookError
from .model import Applicant, Batch, Record
from .problems import Cell, Problem, Report
from .reader import read_workbook
from .render import PreparedTemplate
from .scheme import Scheme, SchemeError, builtin_schemes, load_scheme
from .validate import Validation, check_workbook, select_scheme, validate

try:
    __version__ = version("shenbaoshu")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

__all__ = [
    "Applicant", "Batch", "Cell", "DOCUMENT_TYPES", "GenerateResult", "OutputError",
    "PreparedTemplate", "Problem", "Record", "Report", "ShenbaoshuError", "TemplateError",
    "WorkbookError", "read_workbook", "render_documents", "__version__",
    "Scheme", "SchemeError", "Validation", "builtin_schemes", "check_workbook", "load_scheme",
    "select_scheme", "validate",
]
