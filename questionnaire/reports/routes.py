from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from ..banks import Bank
from ..domain import soa
from ..domain.consensus import effective_answers
from ..domain.context import Context, load
from ..domain.inputs import NOTE_MAX, REASON_MAX
from ..domain.operations import answers_of, save_answers
from ..domain.registry import registry
from ..extensions import db
from ..scoring import AnswerValue
from ..web.errorsummary import form_items
from .blueprint import bp
from .forms import SoaUploadForm


def soa_bank(context: Context, bank_id: str) -> Bank:
    bank = next((b for b in context.banks if b.id == bank_id), None)
    if bank is None or not soa.has_soa(bank):
        abort(404)
    return bank


def soa_answers(context: Context) -> dict[str, AnswerValue]:
    """A respondent edits their own answers; a read-only link sees the assessment's."""
    if context.can_answer:
        return answers_of(context.respondent, registry().renames)  # type: ignore[arg-type]
    return effective_answers(context.assessment)  # type: ignore[arg-type]


@bp.get("/a/<token>/soa/<bank_id>.csv")
def soa_csv(token: str, bank_id: str) -> Response:
    context = load(token, need="read")
    bank = soa_bank(context, bank_id)
    body = soa.to_csv(bank, soa_answers(context))
    response = Response("\ufeff" + body, mimetype="text/csv")  # BOM: spreadsheets then read UTF-8 correctly
    response.headers["Content-Disposition"] = f'attachment; filename="statement-of-applicability-{bank.id}.csv"'
    return response


def load_upload(context: Context, bank: Bank, data: bytes) -> list[str]:
    """Decode strictly, check every line, save only a wholly valid file; the problems otherwise."""
    text, problem = soa.decode(data)
    if text is None:
        return [problem or "The file could not be read."]
    parsed = soa.from_csv(bank, text, soa.Limits(reason=REASON_MAX, note=NOTE_MAX))
    if parsed.errors:
        return parsed.errors
    saved = save_answers(context.respondent, parsed.values)
    db.session.commit()
    flash(f"Statement of Applicability loaded: {saved.written} control(s) updated.", "success")
    return []


@bp.route("/a/<token>/soa/<bank_id>", methods=["GET", "POST"])
def soa_page(token: str, bank_id: str) -> Response | str | tuple[str, int]:
    context = load(token)
    bank = soa_bank(context, bank_id)
    form = SoaUploadForm()
    errors: list[str] = []
    if form.validate_on_submit():
        errors = load_upload(context, bank, form.file.data.read())
        if not errors:
            return redirect(url_for(".soa_page", token=token, bank_id=bank_id))
    rows = soa.rows(bank, answers_of(context.respondent, registry().renames))
    status = 400 if (form.errors or errors) else 200
    problems = form_items(form) + [(f"#{form.file.id}", f"The file was not loaded: {error}") for error in errors]
    html = render_template(
        "reports/soa.html",
        context=context,
        token=token,
        bank=bank,
        rows=rows,
        form=form,
        errors=errors,
        error_items=problems,
    )
    return html, status
