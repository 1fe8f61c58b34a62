"""Database models, one module per concern; import them from here. They never commit: the request does, once."""

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
    hash_token,
    new_public_id,
    utcnow,
)
from .sessions import ConsultantSession
from .throttle import AttemptCounter

__all__ = [
    "LINK_ANSWER",
    "LINK_READ",
    "PUBLIC_ID_BYTES",
    "PUBLIC_ID_LENGTH",
    "AgreedAnswer",
    "Answer",
    "Assessment",
    "AttemptCounter",
    "AssessmentStandard",
    "Client",
    "Consultant",
    "ConsultantSession",
    "Link",
    "PublicIdMixin",
    "hash_token",
    "new_public_id",
    "utcnow",
]
