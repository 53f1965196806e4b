"""shenbaoshu: Excel workbook in, finished 党建“双创” documents out.

The package reads as the pipeline it implements:

- ``workbook``  — declared sheets, value normalisation, records that keep their cells;
- ``checks``    — schemes (a notice's rules), the rule registry, validation;
- ``documents`` — document types, planning, template fields, rendering;
- ``outputs``   — the 申报汇总表, the annotated workbook, the text report, safe writing;
- ``batch``     — a working folder, documents written into a folder, the incremental build;
- ``review``    — inspect finished documents, check templates, the field guide;
- ``cli``       — the ``shenbaoshu`` command, a thin layer over the functions below.

    >>> import shenbaoshu
    >>> batch = shenbaoshu.read_workbook("samples/示例申报.xlsx")
    >>> validation = shenbaoshu.validate(batch, shenbaoshu.select_scheme(batch))
    >>> result = shenbaoshu.render_documents(batch, "输出", validation=validation)
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the names below are imported on first use, so that `import shenbaoshu` stays light
    from .batch.build import BuildAccount, build_batch
    from .batch.generate import render_documents
    from .batch.scaffold import init_folder
    from .catalogue import CATALOGUE, ProblemType
    from .checks.loader import builtin_schemes, load_scheme
    from .checks.scheme import Scheme, SchemeError
    from .checks.validate import Validation, check_workbook, select_scheme, validate
    from .documents.plan import GenerateResult
    from .documents.render import PreparedTemplate
    from .documents.types import DOCUMENT_TYPES
    from .errors import OutputError, ShenbaoshuError, TemplateError, WorkbookError
    from .outputs.annotate import write_annotated
    from .outputs.summary import write_summary
    from .problems import Cell, Place, Problem, Report, Severity
    from .resources import VERSION as __version__
    from .review.inspection import inspect_paths
    from .review.template_check import check_template
    from .workbook.model import Applicant, Batch, Record
    from .workbook.reader import read_workbook

_EXPORTS = {
    "Applicant": (".workbook.model", "Applicant"),
    "Batch": (".workbook.model", "Batch"),
    "BuildAccount": (".batch.build", "BuildAccount"),
    "CATALOGUE": (".catalogue", "CATALOGUE"),
    "Cell": (".problems", "Cell"),
    "DOCUMENT_TYPES": (".documents.types", "DOCUMENT_TYPES"),
    "GenerateResult": (".documents.plan", "GenerateResult"),
    "OutputError": (".errors", "OutputError"),
    "Place": (".problems", "Place"),
    "PreparedTemplate": (".documents.render", "PreparedTemplate"),
    "Problem": (".problems", "Problem"),
    "ProblemType": (".catalogue", "ProblemType"),
    "Record": (".workbook.model", "Record"),
    "Report": (".problems", "Report"),
    "Scheme": (".checks.scheme", "Scheme"),
    "SchemeError": (".checks.scheme", "SchemeError"),
    "Severity": (".problems", "Severity"),
    "ShenbaoshuError": (".errors", "ShenbaoshuError"),
    "TemplateError": (".errors", "TemplateError"),
    "Validation": (".checks.validate", "Validation"),
    "WorkbookError": (".errors", "WorkbookError"),
    "__version__": (".resources", "VERSION"),
    "build_batch": (".batch.build", "build_batch"),
    "builtin_schemes": (".checks.loader", "builtin_schemes"),
    "check_template": (".review.template_check", "check_template"),
    "check_workbook": (".checks.validate", "check_workbook"),
    "init_folder": (".batch.scaffold", "init_folder"),
    "inspect_paths": (".review.inspection", "inspect_paths"),
    "load_scheme": (".checks.loader", "load_scheme"),
    "read_workbook": (".workbook.reader", "read_workbook"),
    "render_documents": (".batch.generate", "render_documents"),
    "select_scheme": (".checks.validate", "select_scheme"),
    "validate": (".checks.validate", "validate"),
    "write_annotated": (".outputs.annotate", "write_annotated"),
    "write_summary": (".outputs.summary", "write_summary"),
}


def __getattr__(name: str):
    """Import a public name from the module that defines it, on first use."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'shenbaoshu' has no attribute {name!r}")
    from importlib import import_module

    module, attribute = _EXPORTS[name]
    value = getattr(import_module(module, __name__), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


__all__ = [
    "Applicant", "Batch", "BuildAccount", "CATALOGUE", "Cell", "DOCUMENT_TYPES", "GenerateResult",
    "OutputError", "Place", "PreparedTemplate", "Problem", "ProblemType", "Record", "Report", "Scheme",
    "SchemeError", "Severity", "ShenbaoshuError", "TemplateError", "Validation", "WorkbookError",
    "__version__", "build_batch", "builtin_schemes", "check_template", "check_workbook", "init_folder",
    "inspect_paths", "load_scheme", "read_workbook", "render_documents", "select_scheme", "validate",
    "write_annotated", "write_summary",
]
