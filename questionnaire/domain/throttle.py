"""Throttling that holds across workers and hosts: every count lives in the database, changed atomically.

- Per address (sign-in, sign-up, password-reset requests): fixed windows from SIGN_IN_RATE_LIMIT
  ("10 per minute;60 per hour"); every attempt counts, whatever its outcome. IPv6 addresses count per /64.
- Per account (the e-mail address typed, whether or not an account has it, so the answer tells nothing):
  failed sign-ins since the last success. After SIGN_IN_FREE_FAILURES of them, each next attempt waits
  1 s, 2 s, 4 s ... up to SIGN_IN_MAX_DELAY; after SIGN_IN_LOCK_AFTER the account is locked for
  SIGN_IN_LOCK_SECONDS, or until its owner resets the password (`lift_sign_in_lock`).

An attempt is reserved before the password is checked (a conditional UPDATE, committed at once on its own
connection), so two workers checking at the same instant cannot both slip through a wait.
Keys are HMACs of the address or e-mail address under the app's secret key: the table holds no personal data.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from limits import parse_many
from sqlalchemy import Connection, and_, case, delete, or_, select, update

from ..extensions import db
from ..models import AttemptCounter, Consultant, utcnow

COUNTERS = AttemptCounter.__table__
SIGN_IN = "sign-in"
SIGN_UP = "sign-up"
RESET = "reset"
ACCOUNT_SCOPE = "sign-in-account"
PURGE_ONE_IN = 200  # now and then, counters nobody has touched for a day are removed


@dataclass(frozen=True)
class Refusal:
    """Why an attempt was not even tried, and when to try again."""

    message: str
    retry_after: int  # seconds


def address_refusal(action: str, address: str | None, now: datetime | None = None) -> Refusal | None:
    """Count this attempt from this address against every window of the limit; a Refusal when one is full."""
    if not current_app.config.get("RATELIMIT_ENABLED", True):  # the switch that turns off every per-address limit
        return None
    now = now or utcnow()
    key = _key(action, _network(address))
    worst: Refusal | None = None
    with db.engine.begin() as connection:
        for item in parse_many(current_app.config["SIGN_IN_RATE_LIMIT"]):
            seconds = item.get_expiry()
            count, started = _hit_window(connection, f"{action}-address-{seconds}", key, seconds, now)
            if count > item.amount:
                wait = _seconds(started + timedelta(seconds=seconds) - now)
                if worst is None or wait > worst.retry_after:
                    worst = Refusal(TOO_MANY_FROM_ADDRESS, wait)
        if secrets.randbelow(PURGE_ONE_IN) == 0:
            _purge(connection, now)
    return worst


TOO_MANY_FROM_ADDRESS = (
    "Too many attempts came from your network in a short time, so this one was refused and nothing was checked. "
    "Wait a little, then try again."
)


def reserve_sign_in(email: str, now: datetime | None = None) -> Refusal | None:
    """Count a sign-in to this account as failed until `sign_in_succeeded` says otherwise; None when it may go on."""
    now = now or utcnow()
    key = _key(ACCOUNT_SCOPE, email.strip().lower())
    config = current_app.config
    forget = now - timedelta(seconds=int(config["SIGN_IN_FAILURE_MEMORY"]))
    mine = and_(COUNTERS.c.scope == ACCOUNT_SCOPE, COUNTERS.c.key_hash == key)
    with db.engine.begin() as connection:
        _ensure(connection, ACCOUNT_SCOPE, key, now)
        reserved = connection.execute(
            update(COUNTERS)
            .where(mine, or_(COUNTERS.c.wait_until.is_(None), COUNTERS.c.wait_until <= now))
            .values(count=case((COUNTERS.c.window_start <= forget, 1), else_=COUNTERS.c.count + 1), window_start=now)
            .returning(COUNTERS.c.count)
        ).scalar_one_or_none()
        if reserved is None:
            failures, wait_until = connection.execute(select(COUNTERS.c.count, COUNTERS.c.wait_until).where(mine)).one()
            return _account_refusal(failures, wait_until, now)
        if wait := wait_after(reserved):
            connection.execute(update(COUNTERS).where(mine).values(wait_until=now + timedelta(seconds=wait)))
    return None


def wait_after(failures: int) -> int:
    """Seconds before the next attempt once this many sign-ins failed in a row: 0, then doubling, then the lock."""
    config = current_app.config
    free, lock_after = int(config["SIGN_IN_FREE_FAILURES"]), int(config["SIGN_IN_LOCK_AFTER"])
    if failures >= lock_after:
        return int(config["SIGN_IN_LOCK_SECONDS"])
    if failures < free:
        return 0
    return min(2 ** (failures - free), int(config["SIGN_IN_MAX_DELAY"]))


def _account_refusal(failures: int, wait_until: datetime, now: datetime) -> Refusal:
    wait = _seconds(wait_until - now)
    if failures >= int(current_app.config["SIGN_IN_LOCK_AFTER"]):
        minutes = math.ceil(wait / 60)
        return Refusal(
            f"Sign-in to this account is locked for {minutes} more minute{'s' if minutes != 1 else ''} after too many "
            "wrong passwords. Its owner can unlock it now by resetting the password.",
            wait,
        )
    return Refusal(
        f"Too many wrong passwords for this account in a row: wait {wait} second{'s' if wait != 1 else ''}, "
        "then try again. Nothing was checked.",
        wait,
    )


def sign_in_succeeded(email: str) -> None:
    """The right password: the account's count of failures starts again from zero (when the caller commits)."""
    _forget(_key(ACCOUNT_SCOPE, email.strip().lower()))


def lift_sign_in_lock(user: Consultant) -> None:
    """HOOK for the password-reset e-mail (issue 18): the owner proved they hold the address, so the lock goes.

    Part of the caller's transaction, like every write of a request.
    """
    _forget(_key(ACCOUNT_SCOPE, user.email.strip().lower()))


def failures(email: str) -> int:
    """Failed sign-ins counted against this account now (0 when none)."""
    key = _key(ACCOUNT_SCOPE, email.strip().lower())
    found = db.session.scalar(
        select(COUNTERS.c.count).where(COUNTERS.c.scope == ACCOUNT_SCOPE, COUNTERS.c.key_hash == key)
    )
    return found or 0


def _forget(key: str) -> None:
    """In the request's transaction: it takes effect when the request commits (the sign-in, the reset)."""
    db.session.execute(delete(COUNTERS).where(COUNTERS.c.scope == ACCOUNT_SCOPE, COUNTERS.c.key_hash == key))


def _hit_window(connection: Connection, scope: str, key: str, seconds: int, now: datetime) -> tuple[int, datetime]:
    """One more attempt in the current window (a new window once the last one is over): (count, window start)."""
    _ensure(connection, scope, key, now)
    over = COUNTERS.c.window_start <= now - timedelta(seconds=seconds)
    count, started = connection.execute(
        update(COUNTERS)
        .where(COUNTERS.c.scope == scope, COUNTERS.c.key_hash == key)
        .values(
            count=case((over, 1), else_=COUNTERS.c.count + 1),
            window_start=case((over, now), else_=COUNTERS.c.window_start),
        )
        .returning(COUNTERS.c.count, COUNTERS.c.window_start)
    ).one()
    return count, started


def _ensure(connection: Connection, scope: str, key: str, now: datetime) -> None:
    """The counter row exists (created by whichever worker comes first; the others change nothing)."""
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(COUNTERS).values(scope=scope, key_hash=key, count=0, window_start=now)
    connection.execute(statement.on_conflict_do_nothing(index_elements=["scope", "key_hash"]))


def _purge(connection: Connection, now: datetime) -> None:
    day_ago = now - timedelta(days=1)
    connection.execute(
        delete(COUNTERS).where(
            COUNTERS.c.window_start < day_ago, or_(COUNTERS.c.wait_until.is_(None), COUNTERS.c.wait_until < now)
        )
    )


def _key(scope: str, value: str) -> str:
    secret = str(current_app.config["SECRET_KEY"]).encode("utf-8")
    return hmac.new(secret, f"{scope}:{value}".encode(), hashlib.sha256).hexdigest()


def _network(address: str | None) -> str:
    """An IPv4 address as it is; an IPv6 address by its /64, which one subscriber usually holds whole."""
    try:
        parsed = ipaddress.ip_address(address or "")
    except ValueError:
        return address or "unknown"
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def _seconds(delta: timedelta) -> int:
    return max(1, math.ceil(delta.total_seconds()))
