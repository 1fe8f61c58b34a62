"""`flask db upgrade` on an empty database yields exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from sqlalchemy import inspect

from questionnaire.extensions import db


def test_upgrade_matches_the_models(app: Flask) -> None:
    # the session's database was built by the migrations (conftest), never by create_all
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, db.metadata) == []
        tables = set(inspect(connection).get_table_names())
    assert {"organisation", "assessment", "assessment_standard", "respondent", "answer", "alembic_version"} <= tables


def test_answer_constraints_are_enforced_by_the_database(app: Flask) -> None:
    from sqlalchemy.exc import IntegrityError

    from questionnaire.models import Answer, Assessment, Organisation, Respondent

    with app.app_context():
        respondent = Respondent(assessment=Assessment(organisation=Organisation(name="X")), token_hash="h" * 64)
        db.session.add(respondent)
        db.session.flush()
        for bad in ({"level": 5}, {"level": 2, "not_applicable": True}):
            db.session.add(Answer(respondent_id=respondent.id, question_key="k", **bad))
            try:
                db.session.flush()
            except IntegrityError:
                db.session.rollback()
            else:
                raise AssertionError(f"{bad} was accepted")
            respondent = Respondent(assessment=Assessment(organisation=Organisation(name="X")), token_hash="h" * 64)
            db.session.add(respondent)
            db.session.flush()
        db.session.rollback()
