"""Command line: a thin layer over the library; every message is in Chinese.

Each command parses its options, calls one library function, prints, exits.
Exit codes: 0 success, 1 problems found in the data, 2 cannot go on, 3 an
internal error (a bug), 130 cancelled with Ctrl+C.
"""

from __future__ import annotations

import click

from ..resources import VERSION as __version__
from .base import Group
from .build import build
from .check import check
from .generate import generate
from .init import init
from .inspect_docs import inspect_command
from .schemes import schemes
from .summary import summary
from .template import template


@click.group(cls=Group, context_settings=dict(help_option_names=["-h", "--help"], max_content_width=80))
@click.version_option(__version__, "-V", "--version", message="shenbaoshu %(version)s",
                      help="显示版本号并退出。")
@click.option("--debug", is_flag=True, help="出错时显示完整的 Python 调用栈（供排查问题）。")
def main(debug):
    """申报书：从 Excel 工作簿批量生成党建“双创”申报书等 Word 文档。

    \b
    示例：
      shenbaoshu check samples/示例申报.xlsx
      shenbaoshu generate samples/示例申报.xlsx -o 输出
    \b
    退出状态：0 成功；1 数据有“错误”；2 无法继续（文件、模板或参数有误）；
              3 程序内部出错（请加 --debug 重新运行并报告此问题）；130 已取消。
    """


main.add_command(build)
main.add_command(check)
main.add_command(generate)
main.add_command(init)
main.add_command(inspect_command)
main.add_command(schemes)
main.add_command(summary)
main.add_command(template)
