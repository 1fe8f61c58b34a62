"""Resume tokens never reach a log: a token is the whole key to an assessment.

`mask` replaces every token-shaped string. `TokenFilter` applies it to Flask's and Werkzeug's log records
(messages, arguments and tracebacks); `GunicornLogger` applies it to gunicorn's access and error logs
(gunicorn.conf.py selects it).
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask
from gunicorn.glogging import Logger

from .domain.tokens import TOKEN_ANYWHERE

MASK = "[token]"


def mask(text: str) -> str:
    return TOKEN_ANYWHERE.sub(MASK, text)


class TokenFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = mask(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return True


def install(app: Flask) -> None:
    """On the app's logger (exceptions, our own messages) and Werkzeug's (the development server's access log)."""
    for logger in (app.logger, logging.getLogger("werkzeug")):
        if not any(isinstance(existing, TokenFilter) for existing in logger.filters):
            logger.addFilter(TokenFilter())


class GunicornLogger(Logger):
    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict[str, Any]:
        """Request line, path, query, referer, headers (Location!): every text a log format can print, masked."""
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: mask(value) if isinstance(value, str) else value for key, value in atoms.items()}

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        self.error_log.addFilter(TokenFilter())
