"""How the evidence templates print a file's size and kind."""

from __future__ import annotations

from ..domain.evidence import megabytes
from ..domain.filetypes import ALLOWED
from .blueprint import bp


@bp.app_template_filter("file_size")
def file_size(size: int) -> str:
    return megabytes(size)


@bp.app_template_filter("file_kind")
def file_kind(content_type: str) -> str:
    return ALLOWED[content_type].label if content_type in ALLOWED else "file"
