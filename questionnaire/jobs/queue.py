"""The one huey instance and how an app configures it (storage chosen from the app's settings)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from flask import Flask
from huey import Huey
from huey.storage import MemoryStorage, RedisStorage, SqliteStorage

# made before any app exists, so tasks can be declared at import; init_app() gives it its real storage
huey = Huey("preaudit", immediate=True, results=False, storage_class=MemoryStorage)
_state: dict[str, Flask] = {}

F = TypeVar("F", bound=Callable[..., Any])


def init_app(app: Flask) -> None:
    """Point the queue at the storage the settings name; tasks run in this app's context."""
    _state["app"] = app
    if app.config["JOBS_IMMEDIATE"]:
        huey.immediate = True
        return
    if url := app.config.get("JOBS_REDIS_URL"):
        huey.storage_class, huey.storage_kwargs = RedisStorage, {"url": url}
    else:
        huey.storage_class = SqliteStorage
        huey.storage_kwargs = {"filename": str(Path(app.instance_path) / "jobs.sqlite3")}
    if huey.immediate:
        huey.immediate = False  # makes the storage
    else:
        huey.storage = huey.create_storage()


def job(**options: Any) -> Callable[[F], Any]:
    """`@job(retries=3, retry_delay=10)`: a huey task that runs inside the configured app's context."""

    def decorate(function: F) -> Any:
        @wraps(function)
        def in_app_context(*args: Any, **kwargs: Any) -> Any:
            with _state["app"].app_context():
                return function(*args, **kwargs)

        return huey.task(**options)(in_app_context)

    return decorate
