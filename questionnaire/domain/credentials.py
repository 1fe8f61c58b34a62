"""Credentials worth accepting: passwords judged by strength (zxcvbn), e-mail addresses by `email-validator`.

zxcvbn estimates how many guesses a password takes, knowing common passwords, words, names, keyboard patterns,
repeats and dates; it is also told the account's own e-mail address and name. We ask for its score 3 ("safely
unguessable": about 10^8 guesses or more), and refuse outright a password that contains the e-mail address,
its part before the @, or the person's name.
"""

from __future__ import annotations

import re

PASSWORD_MIN = 10  # a floor only; strength decides
PASSWORD_MAX = 200
STRONG_ENOUGH = 3  # zxcvbn's score, 0-4
ZXCVBN_MAX = 72  # zxcvbn refuses longer input; what follows the 72nd character only adds strength
COMPACT = re.compile(r"[\W_]+")


def password_problem(password: str, email: str = "", name: str = "") -> str | None:
    """Why this password is refused for this person, in words they can act on; None when it is strong enough."""
    from zxcvbn import zxcvbn  # loads its word lists on first use

    if len(password) < PASSWORD_MIN:
        return f"Use at least {PASSWORD_MIN} characters (and at most {PASSWORD_MAX}). A few unrelated words work well."
    if len(password) > PASSWORD_MAX:
        return f"Use at most {PASSWORD_MAX} characters."
    if _contains_own_details(password, email, name):
        return "Choose a password that does not contain your e-mail address or your name."
    own = [part for part in (email, email.partition("@")[0], *name.split()) if part]
    verdict = zxcvbn(password[:ZXCVBN_MAX], user_inputs=own)
    if verdict["score"] >= STRONG_ENOUGH:
        return None
    warning = verdict["feedback"]["warning"] or "This password would be guessed too easily."
    advice = " ".join(verdict["feedback"]["suggestions"]) or "Add another word or two; uncommon words are better."
    return f"{warning.rstrip('.')}. {advice}"


def _contains_own_details(password: str, email: str, name: str) -> bool:
    compact = COMPACT.sub("", password.casefold())
    local = email.partition("@")[0]
    details = [COMPACT.sub("", part.casefold()) for part in (email, local, name)]
    return any(len(detail) >= 4 and detail in compact for detail in details)


class AddressRefused(ValueError):
    """The text is not an e-mail address we can write to; the message says what is wrong."""


def normalise_address(text: str) -> str:
    """The address as stored (lower-cased, domain in Unicode form); AddressRefused for anything else.

    Syntax only: no DNS lookup, so sign-up works offline and tells nothing about the network.
    """
    from email_validator import EmailNotValidError, validate_email

    try:
        valid = validate_email(text.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise AddressRefused(f"Give an e-mail address, like name@example.com ({exc})") from exc
    return valid.normalized.lower()
