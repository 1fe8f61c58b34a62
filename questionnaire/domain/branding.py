"""The consultant's firm on what clients see: its name and logo on the report cover, the PDF and the e-mails.

A logo is decoded and re-encoded by Pillow (PNG or JPEG in, PNG out, at most LOGO_BOX): the uploaded bytes are
never kept or served, so nothing but pixels travels on.
"""

from __future__ import annotations

import base64
import io

from PIL import Image, UnidentifiedImageError

from ..extensions import db
from ..mail.compose import Sender
from ..models import Consultant, FirmLogo

MAX_LOGO_BYTES = 200 * 1024  # the upload
MAX_SOURCE_PIXELS = 5000 * 5000  # checked before decoding: a small file can claim a huge image
LOGO_BOX = (600, 200)  # wide logos fit a cover's corner and an e-mail's header at this size
ACCEPTED = ("PNG", "JPEG")


class LogoRefused(ValueError):
    """The file is not a usable logo; the message says why. Nothing was changed."""


def reencode_logo(raw: bytes) -> tuple[bytes, int, int]:
    """PNG bytes and their size, from a PNG or JPEG upload."""
    if len(raw) > MAX_LOGO_BYTES:
        raise LogoRefused(f"The logo is {len(raw) // 1024} KiB; give one of at most {MAX_LOGO_BYTES // 1024} KiB.")
    try:
        with Image.open(io.BytesIO(raw)) as image:
            image.verify()  # checksums and structure: a cut-short file is refused even where Pillow would pad it
        with Image.open(io.BytesIO(raw)) as image:
            if image.format not in ACCEPTED:
                raise LogoRefused(f"The logo is a {image.format or 'file of unknown kind'}; give a PNG or JPEG image.")
            if image.width * image.height > MAX_SOURCE_PIXELS:
                raise LogoRefused("The logo has far more pixels than a logo needs; give a smaller image.")
            image.load()
            picture = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError, ValueError) as exc:
        if isinstance(exc, LogoRefused):
            raise
        raise LogoRefused("This file is not a PNG or JPEG image that can be read.") from exc
    picture.thumbnail(LOGO_BOX)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue(), picture.width, picture.height


def set_logo(consultant: Consultant, raw: bytes) -> FirmLogo:
    png, width, height = reencode_logo(raw)
    logo = db.session.get(FirmLogo, consultant.id) or FirmLogo(consultant_id=consultant.id)
    logo.png, logo.width, logo.height = png, width, height
    db.session.add(logo)
    return logo


def remove_logo(consultant: Consultant) -> None:
    if (logo := db.session.get(FirmLogo, consultant.id)) is not None:
        db.session.delete(logo)


def logo_of(consultant_id: int | None) -> FirmLogo | None:
    return db.session.get(FirmLogo, consultant_id) if consultant_id is not None else None


def data_uri(logo: FirmLogo | None) -> str | None:
    """The logo inside the page itself: the report and its PDF need no extra route, and no access check of one."""
    return f"data:image/png;base64,{base64.b64encode(logo.png).decode('ascii')}" if logo else None


def sender_of(consultant: Consultant) -> Sender:
    """The consultant as the e-mails present them: name and firm in From and Reply-To, the logo in the HTML."""
    logo = logo_of(consultant.id)
    return Sender(consultant.name, consultant.firm_name, consultant.email, logo.png if logo else None)


def set_firm_name(consultant: Consultant, name: str | None) -> None:
    consultant.firm_name = (name or "").strip() or None
