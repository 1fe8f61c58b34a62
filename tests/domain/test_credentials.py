"""Credentials: passwords by strength (zxcvbn), addresses by email-validator, refused on the real sign-up form."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select

from questionnaire.domain.credentials import AddressRefused, normalise_address, password_problem
from questionnaire.extensions import db
from questionnaire.models import Consultant

from ..consult.helpers import post

EMAIL, NAME = "ann.auditor@example.com", "Ann Auditor"


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("aaaaaaaaaa", "Repeats"),
        ("password12", "very common password"),
        ("qwertyuiop", "common password"),
        ("zxcvbnm,./asdf", "keyboard"),
        (EMAIL, "e-mail address or your name"),
        ("Ann Auditor 2024!", "e-mail address or your name"),
        ("ann.auditor-1990", "e-mail address or your name"),
        ("short", "at least 10"),
    ],
)
def test_weak_passwords_are_refused_with_a_reason(password: str, why: str) -> None:
    problem = password_problem(password, EMAIL, NAME)
    assert problem is not None and why in problem


@pytest.mark.parametrize("password", ["correct horse battery staple", "quiet lantern orbit moss", "Tr0ub4dor&3-river"])
def test_strong_passwords_pass(password: str) -> None:
    assert password_problem(password, EMAIL, NAME) is None


@pytest.mark.parametrize("text", ["a@b", "<script>@x", "a b@c.d", "ann@", "@example.com", "ann@example..com"])
def test_addresses_that_are_not_addresses_are_refused(text: str) -> None:
    with pytest.raises(AddressRefused, match="Give an e-mail address"):
        normalise_address(text)


def test_addresses_are_stored_lower_cased() -> None:
    assert normalise_address("  Ann.Auditor@Example.COM ") == "ann.auditor@example.com"


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        ("a@b", "correct horse battery staple", "It should have a period"),
        ("<script>@x", "correct horse battery staple", "Give an e-mail address"),
        ("a b@c.d", "correct horse battery staple", "invalid characters"),
        ("ann@example.com", "aaaaaaaaaa", "Repeats"),
        ("ann@example.com", "password12", "very common password"),
        ("ann@example.com", "ann@example.com", "does not contain your e-mail address"),
    ],
)
def test_the_sign_up_form_refuses_them_and_creates_nothing(app: Flask, email: str, password: str, message: str) -> None:
    browser = app.test_client()
    form = {"name": NAME, "email": email, "password": password, "confirm": password}
    response = post(browser, "/consult/signup", form)
    assert response.status_code == 400 and message in response.text
    with app.app_context():
        assert db.session.scalar(select(func.count(Consultant.id))) == 0
