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

    from questionnaire.models import Answer, Assessment, Client, Link

    with app.app_context():
        respondent = Link(assessment=Assessment(organisation=Client(name="X")), token_hash="h" * 64)
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
            respondent = Link(assessment=Assessment(organisation=Client(name="X")), token_hash="h" * 64)
            db.session.add(respondent)
            db.session.flush()
        db.session.rollback()


KEPT = (
    "SELECT o.name, a.level, a.note FROM answer a JOIN respondent r ON r.id = a.respondent_id "
    "JOIN assessment s ON s.id = r.assessment_id JOIN organisation o ON o.id = s.organisation_id"
)


def test_consultant_migration_goes_down_and_up_again_keeping_every_answer(app: Flask) -> None:
    """Downgrade to before the consultants, then upgrade again, with a self-started assessment in the database."""
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import text

    from questionnaire.models import Answer, Assessment, Client, Link

    with app.app_context():
        respondent = Link(assessment=Assessment(organisation=Client(name="Kept Ltd")), token_hash="k" * 64)
        db.session.add(Answer(respondent=respondent, question_key="hs-4.1-context", level=3, note="kept"))
        db.session.commit()
        db.session.remove()
        downgrade(revision="a1c3e5f70921")
        with db.engine.connect() as connection:
            inspector = inspect(connection)
            assert {"consultant", "agreed_answer"}.isdisjoint(inspector.get_table_names())
            assert "access" not in {c["name"] for c in inspector.get_columns("respondent")}
            assert "consultant_id" not in {c["name"] for c in inspector.get_columns("organisation")}
            kept = connection.execute(text(KEPT)).all()
        assert [tuple(row) for row in kept] == [("Kept Ltd", 3, "kept")]
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, db.metadata) == []
            access = connection.execute(text("SELECT access, revoked_at FROM respondent")).all()
        assert [tuple(row) for row in access] == [("answer", None)]  # an existing link stays an answering link
        assert db.session.scalar(db.select(Answer.note)) == "kept"


def test_public_ids_are_given_to_existing_rows(app: Flask) -> None:
    """Rows made before public ids existed each get a random one; the column then refuses NULL and duplicates."""
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import text

    from questionnaire.models import Assessment, Client, Link

    with app.app_context():
        for name in ("First Ltd", "Second Ltd"):
            db.session.add(Link(assessment=Assessment(organisation=Client(name=name)), token_hash=name.ljust(64, "x")))
        db.session.commit()
        db.session.remove()
        downgrade(revision="d5a8c1e7f302")
        with db.engine.connect() as connection:
            assert "public_id" not in {c["name"] for c in inspect(connection).get_columns("organisation")}
        upgrade()
        with db.engine.connect() as connection:
            for table in ("organisation", "assessment", "respondent"):
                ids = [row[0] for row in connection.execute(text(f"SELECT public_id FROM {table}"))]  # noqa: S608
                assert len(ids) == 2 and len(set(ids)) == 2 and all(len(i) == 16 for i in ids), table
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, db.metadata) == []
