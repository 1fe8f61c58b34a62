"""Work that runs outside the request: one huey queue, embedded by default, shared through Redis when configured.

- default (`make run`): a SQLite file under instance/ (`jobs.sqlite3`), consumed by `flask jobs run` beside gunicorn;
- `REDIS_URL` set: the same tasks in Redis, so consumers on several hosts share the work;
- `JOBS_IMMEDIATE` (tests): a task runs at once, in the caller, on an in-memory queue.

Declare a task with `@job()`; it runs inside an app context of the app that configured the queue. Call
`task(args)` to enqueue it; never wait for it inside a request.
"""

from __future__ import annotations

from .queue import huey, init_app, job

__all__ = ["huey", "init_app", "job"]
