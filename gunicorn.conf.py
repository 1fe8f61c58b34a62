"""gunicorn settings, read by `make run` and `make bench` (gunicorn loads ./gunicorn.conf.py by itself).

preload_app: the app, and with it every question bank, is loaded once in the master before workers fork,
so a worker starts in milliseconds and shares the loaded banks' memory with the others.
"""

import os

bind = f"127.0.0.1:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WORKERS", "2"))
preload_app = True
raw_env = ["FLASK_MIGRATIONS=false"]  # serving never runs `flask db`: skip importing Alembic
logger_class = "questionnaire.logs.GunicornLogger"  # resume tokens masked in access and error logs
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'  # no referer: it would only ever be masked
# a long integrated audit rehearsal report is laid out as a PDF in seconds; under load it must not be killed
timeout = 120
