"""The evidence pages, for a link and for the consultant alike: parse the form, call the domain, render."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import IO
from urllib.parse import quote

from flask import abort, flash, redirect, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from ..banks import items
from ..domain import evidence, pack
from ..domain.consensus import effective_answers
from ..domain.storage import storage
from ..extensions import db
from ..models import Evidence
from ..scoring import Result, score
from .forms import DeleteForm, HeldForm, UploadForm
from .scope import Scope
from .uploads import accept_upload, upload_of

CHUNK = 256 * 1024
DOCUMENTS = "Mandatory documents and records (the stage 1 pack)"


def today() -> date:
    return datetime.now(UTC).date()


def results_of(scope: Scope) -> list[Result]:
    answers = effective_answers(scope.assessment)
    return [score(bank, answers) for bank in scope.context.banks]


def targets(scope: Scope) -> list[tuple[str, list[tuple[str, str]]]]:
    """The upload form's choices: the mandatory documents first, then every question, by section."""
    documents: dict[str, str] = {}
    groups: dict[str, list[tuple[str, str]]] = {}
    seen: set[str] = set()
    for bank in scope.context.banks:
        for item in items(bank):
            info = item.question.documented_info
            if info and item.key not in documents:
                documents[item.key] = (
                    f"{item.clause.id} {info.name} ({'document' if info.kind == 'document' else 'record'})"
                )
            if item.key not in seen:
                seen.add(item.key)
                label = f"{bank.name} {item.section.id} {item.section.title}"
                groups.setdefault(label, []).append((item.key, f"{item.clause.id} {item.question.text}"))
    return [(DOCUMENTS, list(documents.items())), *groups.items()]


def question_labels(scope: Scope) -> dict[str, str]:
    return {key: label for _, choices in targets(scope) for key, label in choices}


def evidence_page(scope: Scope, form: UploadForm | None = None, status: int = 200) -> tuple[str, int]:
    form = form or UploadForm(formdata=None, target=request.args.get("for", ""))
    choices = targets(scope)
    form.target.choices = [
        SelectChoice(key, label, optgroup=group) for group, options in choices for key, label in options
    ]
    files = evidence.files_of(scope.assessment.id)
    packs = pack.build(results_of(scope), files, evidence.marks_of(scope.assessment.id))
    in_pack = {entry.item.key for p in packs for entry in p.items}
    others = [f for f in files if f.question_key and f.question_key not in in_pack]
    used = evidence.usage([scope.assessment.id])[scope.assessment.id]
    html = render_template(
        "evidence/evidence.html",
        scope=scope,
        form=form,
        packs=packs,
        others=others,
        labels=question_labels(scope),
        used=used,
        limit=evidence.megabytes(evidence.Limits.configured().assessment_bytes),
        held_form=HeldForm(formdata=None),
        delete_form=DeleteForm(formdata=None),
    )
    return html, status


def upload(scope: Scope) -> ResponseReturnValue:
    accept_upload()
    form = UploadForm()
    form.target.choices = [SelectChoice(key) for _, choices in targets(scope) for key, _ in choices]
    if form.validate_on_submit():
        try:
            added = evidence.add_file(
                scope.assessment.id, *upload_of(form.file.data), scope.uploader, question_key=form.target.data
            )
        except evidence.UploadRefused as refused:
            db.session.rollback()
            form.file.errors = [str(refused)]  # type: ignore[assignment]
        else:
            db.session.commit()
            flash(f"Stored: {added.name} ({evidence.megabytes(added.size)}).", "success")
            return redirect(scope.url("evidence", _anchor="pack"))
    return evidence_page(scope, form, 400)


def mark(scope: Scope) -> Response:
    form = HeldForm()
    documents = dict(targets(scope)[0][1])
    if not form.validate_on_submit() or form.key.data not in documents:
        abort(400)
    held = form.held.data == "1"
    evidence.set_mark(scope.assessment.id, form.key.data, held, scope.uploader.label, form.note.data or "")
    db.session.commit()
    flash(f"{'Marked as held without a file' if held else 'Mark taken back'}: {documents[form.key.data]}.", "success")
    return redirect(scope.url("evidence", _anchor="pack"))


def file_or_404(scope: Scope, file_id: str) -> Evidence:
    found = evidence.find(scope.assessment.id, file_id)
    if found is None:
        abort(404)
    return found  # type: ignore[return-value]


def download(scope: Scope, file_id: str) -> Response:
    """Always an attachment, typed as checked at upload, never sniffed, never run: nothing uploaded is rendered."""
    found = file_or_404(scope, file_id)
    try:
        handle = storage().open(found.sha256)
    except FileNotFoundError:
        abort(
            503,
            description="This file is missing from the file store. Ask the consultant to run `flask evidence check`.",
        )
    return attachment(handle, found.content_type, found.name, found.size)


def streamed(handle: IO[bytes]) -> Iterator[bytes]:
    """The file in chunks, closed once sent (or once the response is dropped)."""
    try:
        while chunk := handle.read(CHUNK):
            yield chunk
    finally:
        handle.close()


def attachment(handle: IO[bytes], mimetype: str, name: str, size: int | None = None) -> Response:
    """A download, never rendered: attachment, typed as checked, no sniffing, sandboxed should it ever be opened."""
    response = Response(streamed(handle), mimetype=mimetype, direct_passthrough=True)
    try:
        name.encode("ascii")
        names = {"filename": name}
    except UnicodeEncodeError:
        plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii") or "file"
        names = {"filename": plain, "filename*": f"UTF-8''{quote(name, safe='')}"}
    response.headers.set("Content-Disposition", "attachment", **names)
    if size is not None:
        response.content_length = size
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "no-store"
    return response


def delete(scope: Scope, file_id: str) -> Response:
    found = file_or_404(scope, file_id)
    if not DeleteForm().validate_on_submit():
        abort(400)
    if not evidence.may_delete(found, scope.link_id):
        abort(404)  # another person's upload: a link deletes only its own
    back = scope.url("action", action_id=found.action.public_id) if found.action else scope.url("evidence")
    name = found.name
    evidence.remove(found)
    db.session.commit()
    evidence.sweep()
    flash(f"Deleted: {name}.", "success")
    return redirect(back)


def pack_zip(scope: Scope) -> Response:
    files = evidence.files_of(scope.assessment.id)
    results = results_of(scope)
    packs = pack.build(results, files, evidence.marks_of(scope.assessment.id))
    paths = pack.file_paths(packs)
    made = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    organisation = scope.assessment.organisation
    index = render_template(
        "evidence/pack_index.html",
        packs=packs,
        paths=paths,
        href=pack.href,
        organisation=organisation,
        assessment=scope.assessment,
        made=made,
        results=results,
    )
    root = pack.root_name(organisation.name, made.date())
    try:
        body = pack.write_zip(packs, paths, index, storage(), root, made)
    except FileNotFoundError:
        abort(503, description="A file of this pack is missing from the file store, so no pack was made.")
    return attachment(body, "application/zip", f"{root}.zip")


def too_large() -> tuple[str, int]:
    limit = evidence.megabytes(evidence.Limits.configured().file_bytes)
    message = f"That file is larger than the {limit} a file may be, so it was refused. Nothing was stored."
    return render_template("errors/error.html", code=413, message=message), 413
