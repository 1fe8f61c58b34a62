"""A question page's questions as HTML, fast: rendered once per page layout, then only filled in per request.

The one macro that draws a question (`level_question` in _macros.html) is rendered once with placeholders in
place of the values (which level is checked, the reason, the note). Each request then joins the static pieces
with its escaped values, which costs a small fraction of running the macro for every question. A page with a
message on any question (errors, a newer answer) is rendered in full through the same macro.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from flask import render_template
from markupsafe import Markup, escape

from ..domain.layout import QuestionPage
from ..domain.registry import registry
from .forms import CARRIED_MARK, EntryInput

MARK = "\x00"
PLACEHOLDER = re.compile(f"{MARK}([^{MARK}]*){MARK}")
EMPTY = EntryInput()


class Placeholders(EntryInput):
    """Stands in for one question's values while its skeleton is rendered."""

    def __init__(self, name: str) -> None:
        # field names are [A-Za-z0-9_] only (layout.Entry.field_name): nothing here needs escaping
        super().__init__("", Markup(f"{MARK}R::{name}{MARK}"), Markup(f"{MARK}N::{name}{MARK}"))  # noqa: S704
        self.name = name

    def checked(self, value: str) -> str:
        return Markup(f"{MARK}C:{value}:{self.name}{MARK}")  # noqa: S704

    @property
    def carried_mark(self) -> Markup:
        return Markup(f"{MARK}L::{self.name}{MARK}")  # noqa: S704


class AllPlaceholders(dict):
    def __missing__(self, name: str) -> Placeholders:
        return Placeholders(name)


Skeleton = tuple[tuple[str, str, str, str], ...]  # (static HTML, then what follows it: kind, level, field name)


def questions_html(
    layout_key: tuple[str, ...], page: QuestionPage, inputs: Mapping[str, EntryInput], **context: object
) -> Markup:
    if all(shown.plain for shown in inputs.values()):
        skeleton = registry().derived(("skeleton", *layout_key, page.id), lambda: _skeleton(page, context))
        return _fill(skeleton, inputs)
    full = {entry.field_name: inputs.get(entry.field_name, EMPTY) for entry in page.entries}
    return Markup(render_template("assess/_questions.html", page=page, inputs=full, **context))  # noqa: S704 autoescaped


def _skeleton(page: QuestionPage, context: Mapping[str, object]) -> Skeleton:
    html = render_template("assess/_questions.html", page=page, inputs=AllPlaceholders(), **context)
    # ASCII only (other characters as &#...; references): a page of ASCII text is its own UTF-8, so sending it
    # costs a copy instead of an encoding pass over 100+ KB, which was a sixth of the page's CPU
    html = html.encode("ascii", "xmlcharrefreplace").decode("ascii")
    parts = PLACEHOLDER.split(html) + [":" + ":"]
    return tuple(
        (static, *placeholder.split(":", 2)) for static, placeholder in zip(parts[::2], parts[1::2], strict=True)
    )  # type: ignore[misc]


def _fill(skeleton: Skeleton, inputs: Mapping[str, EntryInput]) -> Markup:
    """Checked radios, reasons and notes put between the static pieces; a question without input stays blank."""
    out = []
    for static, kind, level, name in skeleton:
        out.append(static)
        shown = inputs.get(name)
        if shown is None:
            continue
        if kind == "C":
            if shown.level == level:
                out.append(" checked")
        elif kind == "R" and shown.reason:
            out.append(escape(shown.reason))
        elif kind == "N" and shown.note:
            out.append(escape(shown.note))
        elif kind == "L" and shown.carried:
            out.append(CARRIED_MARK)
    return Markup("".join(out))  # noqa: S704 (rendered HTML and escaped values)
