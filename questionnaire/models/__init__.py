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

__all__ = [
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
