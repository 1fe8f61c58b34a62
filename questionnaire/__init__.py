"""Preaudit: rehearse an ISO certification audit before paying for the real one."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

# only light imports here: gunicorn.conf.py imports questionnaire.logs, also for servers that are not this app
from . import config, logs

PACKAGE_DIR = Path(__file__).resolve().parent
log = logging.getLogger(__name__)


def resource_dir(name: str) -> Path:
    """Repo-root folders (templates/, static/, ...) in a checkout; copies inside the package when installed."""
    in_checkout = PACKAGE_DIR.parent / name
    return in_checkout if in_checkout.is_dir() else PACKAGE_DIR / f"_{name}"


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(resource_dir("templates")),
        static_folder=str(resource_dir("static")),
    )
    configure(app, test_config)
    logs.install(app)
    register_extensions(app)
    register_banks(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    register_template_globals(app)
    return app


def configure(app: Flask, test_config: dict[str, Any] | None) -> None:
    """Defaults, then instance/config.py, then FLASK_* and DATABASE_URL from the environment, then tests."""
    app.config.from_object(config.Defaults)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env()
    if url := config.database_url_from_env():
        app.config["SQLALCHEMY_DATABASE_URI"] = url
    if url := config.redis_url_from_env():
        app.config["RATELIMIT_STORAGE_URI"] = url
        app.config["JOBS_REDIS_URL"] = url
    if url := config.mail_url_from_env():
        app.config["MAIL_URL"] = url
    if test_config:
        app.config.from_mapping(test_config)
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = config.load_or_create_secret_key(app.instance_path)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = config.sqlite_url(app.instance_path)
    if not app.config.get("BANKS_DIR"):
        app.config["BANKS_DIR"] = str(resource_dir("question_banks"))


def register_extensions(app: Flask) -> None:
    from .extensions import compress, csrf, db, limiter, login_manager

    if proxies := int(app.config["PROXY_COUNT"]):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    db.init_app(app)
    if app.config["MIGRATIONS"]:
        from flask_migrate import Migrate

        Migrate(app, db, directory=str(resource_dir("migrations")))
    csrf.init_app(app)
    limiter.init_app(app)
    compress.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "consult.signin"
    login_manager.login_message = "Sign in to see that page."
    login_manager.login_message_category = "info"

    from .domain.accounts import load_user

    login_manager.user_loader(load_user)

    from . import jobs, mail

    jobs.init_app(app)
    mail.init_app(app)


def register_banks(app: Flask) -> None:
    """Load every bank once per process; a broken file is logged and left out, the rest keep working."""
    from .banks import load_registry
    from .banks.cache import cached_registry

    directory = Path(app.config["BANKS_DIR"])
    if app.config["BANK_CACHE"]:
        registry = cached_registry(directory, Path(app.instance_path) / "bank-cache")
    else:
        registry = load_registry(directory)
    for problems in registry.problems.values():
        for problem in problems:
            log.error("question bank not loaded: %s", problem)
    app.extensions["banks"] = registry


def register_blueprints(app: Flask) -> None:
    from .assess import bp as assess_bp
    from .consult import bp as consult_bp
    from .evidence import bp as evidence_bp
    from .learn import bp as learn_bp
    from .pages import bp as pages_bp
    from .reports import bp as reports_bp

    app.register_blueprint(pages_bp)
    app.register_blueprint(assess_bp)
    app.register_blueprint(learn_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(consult_bp)
    app.register_blueprint(evidence_bp)


def register_errorhandlers(app: Flask) -> None:
    from .web.errors import register

    register(app)


def register_commands(app: Flask) -> None:
    from .cli import banks_cli
    from .evidence.cli import evidence_cli

    app.cli.add_command(banks_cli)
    app.cli.add_command(evidence_cli)


def register_template_globals(app: Flask) -> None:
    from .banks import AUDIT_METHOD_LABELS
    from .domain.inputs import NOTE_MAX, REASON_MAX
    from .domain.soa import has_soa
    from .domain.standards import edition_advice
    from .pages.assets import plotly_version, version_static_files
    from .scoring import GRADE_LABELS, GRADE_PLURALS
    from .web.errorsummary import form_items
    from .web.forms import LEVELS, NA

    version_static_files(app)
    app.jinja_env.globals.update(
        method_labels=AUDIT_METHOD_LABELS,
        grade_labels=GRADE_LABELS,
        grade_plurals=GRADE_PLURALS,
        level_labels={int(choice.value): choice.label for choice in LEVELS},
        level_choices=[(choice.value, choice.label) for choice in LEVELS] + [(NA, "")],
        reason_max=REASON_MAX,
        note_max=NOTE_MAX,
        plotly_version=plotly_version(app.static_folder or "static"),
        has_soa=has_soa,
        bank_name=lambda bank_id: getattr(app.extensions["banks"].get(bank_id), "name", bank_id),
        edition_advice=lambda bank: edition_advice(app.extensions["banks"], bank),
        form_error_items=form_items,
    )
