"""Database models, one module per concern; import them from here. They never commit: the request does, once."""

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
    new_public_id,
    utcnow,
)
from .evidence import ACTION_STATUSES, DocumentMark, Evidence, EvidenceBlob, FindingAction

__all__ = [
    "ACTION_STATUSES",
    "DocumentMark",
    "Evidence",
    "EvidenceBlob",
    "FindingAction",
    "LINK_ANSWER",
    "LINK_READ",
    "PUBLIC_ID_BYTES",
    "AgreedAnswer",
    "Answer",
    "Assessment",
    "AssessmentStandard",
    "Client",
    "Consultant",
    "Link",
    "PublicIdMixin",
    "new_public_id",
    "utcnow",
]
