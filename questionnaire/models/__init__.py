"""Database models, one module per concern; import them from here. They never commit: the request does, once."""

from .accounts import PURPOSE_CONFIRM, PURPOSE_RESET, AccountToken, FirmLogo
from .core import (
    LINK_ANSWER,
    LINK_READ,
    PUBLIC_ID_BYTES,
    PUBLIC_ID_LENGTH,
    AgreedAnswer,
    Answer,
    Assessment,
    AssessmentStandard,
    Client,
    Consultant,
    Link,
    PublicIdMixin,
    new_public_id,
    utcnow,
)
from .evidence import ACTION_STATUSES, DocumentMark, Evidence, EvidenceBlob, FindingAction
from .mail import DigestSent, MailRecord, ReminderSent
from .sessions import ConsultantSession
from .throttle import AttemptCounter

__all__ = [
    "ACTION_STATUSES",
    "DocumentMark",
    "Evidence",
    "EvidenceBlob",
    "FindingAction",
    "LINK_ANSWER",
    "LINK_READ",
    "PUBLIC_ID_BYTES",
    "PUBLIC_ID_LENGTH",
    "PURPOSE_CONFIRM",
    "PURPOSE_RESET",
    "AccountToken",
    "AgreedAnswer",
    "Answer",
    "Assessment",
    "AttemptCounter",
    "AssessmentStandard",
    "Client",
    "Consultant",
    "ConsultantSession",
    "DigestSent",
    "FirmLogo",
    "Link",
    "MailRecord",
    "PublicIdMixin",
    "ReminderSent",
    "new_public_id",
    "utcnow",
]
