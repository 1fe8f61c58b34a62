"""Database models, one module per concern; import them from here. They never commit: the request does, once."""

from .accounts import PURPOSE_CONFIRM, PURPOSE_RESET, AccountToken, FirmLogo
from .core import (
    LINK_ANSWER,
    LINK_READ,
    PUBLIC_ID_BYTES,
    AgreedAnswer,
    Answer,
    Assessment,
    AssessmentStandard,
    Client,
    Consultant,
    Link,
    PublicIdMixin,
    hash_token,
    new_public_id,
    utcnow,
)
from .mail import DigestSent, MailRecord, ReminderSent

__all__ = [
    "LINK_ANSWER",
    "LINK_READ",
    "PUBLIC_ID_BYTES",
    "PURPOSE_CONFIRM",
    "PURPOSE_RESET",
    "AccountToken",
    "AgreedAnswer",
    "Answer",
    "Assessment",
    "AssessmentStandard",
    "Client",
    "Consultant",
    "DigestSent",
    "FirmLogo",
    "Link",
    "MailRecord",
    "PublicIdMixin",
    "ReminderSent",
    "hash_token",
    "new_public_id",
    "utcnow",
]
