"""Who is asking, through the one access check: a link that may answer, or the consultant who owns the client.
Both see the same pages; the scope builds their URLs and says what each may do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import url_for
from flask_login import current_user

from ..banks import Item
from ..domain import access
from ..domain.context import Context, for_assessment
from ..domain.evidence import Uploader
from ..models import Assessment


@dataclass(frozen=True)
class Scope:
    context: Context
    uploader: Uploader
    kind: str  # "link" or "consult": the prefix of this blueprint's endpoints for them
    args: dict[str, Any]  # the URL's own values: the token, or the assessment id
    back: str
    back_label: str

    @property
    def assessment(self) -> Assessment:
        return self.context.assessment  # type: ignore[return-value]

    @property
    def consultant(self) -> bool:
        return self.kind == "consult"

    @property
    def link_id(self) -> int | None:
        return self.uploader.link_id

    def url(self, name: str, **values: Any) -> str:
        return url_for(f"evidence.{self.kind}_{name}", **self.args, **values)

    def question_url(self, item: Item) -> str | None:
        """Where to re-answer a question: its place on the questionnaire page, or the consultant's agreed answer."""
        place = self.context.questionnaire.locate(item.key)
        if place is None:
            return None
        page_id, field_name = place
        if self.consultant:
            return url_for("consult.agree", key=item.key, _anchor=f"q-{field_name}", **self.args)
        return url_for("assess.page", page_id=page_id, _anchor=f"q-{field_name}", **self.args)


def by_link(token: str) -> Scope:
    """A respondent's or the firm's link; a read-only, revoked or expired link gets the same 404 as a wrong one."""
    link = access.by_token(token, "answer")
    label = f"{link.name} ({link.role})" if link.name and link.role else link.name or "The firm (its own link)"
    context = for_assessment(link.assessment, link)
    back = url_for("assess.overview", token=token)
    return Scope(context, Uploader(label, link.id), "link", {"token": token}, back, "← Back to the assessment")


def by_consultant(assessment_id: str) -> Scope:
    found = access.assessment(assessment_id)
    back = url_for("consult.assessment", assessment_id=found.public_id)
    uploader = Uploader(f"{current_user.name} (consultant)")
    args = {"assessment_id": found.public_id}
    return Scope(for_assessment(found), uploader, "consult", args, back, "← Back to the assessment dashboard")
