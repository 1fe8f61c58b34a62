"""The audit rehearsal report as a real PDF made on the server.

WeasyPrint lays out the same HTML as the printable page, with Pango; plotly's kaleido draws the charts
as SVG with a headless Chromium. Without a browser the PDF keeps the data tables that stand beside
every chart, so a report is never refused for want of a picture.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import logging
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .memo import Memo

if TYPE_CHECKING:
    from ..charts import Figure


log = logging.getLogger(__name__)
PAPER_WIDTH_PX = 680  # 18 cm at 96 dpi: the width between A4 margins
CHART_TIMEOUT_S = 30
CACHE_SIZE = 64
# drawn charts by a hash of their figure: a report downloaded again without new answers skips the browser
_drawn: OrderedDict[str, bytes] = OrderedDict()


class PdfUnavailable(RuntimeError):
    """WeasyPrint or its system libraries are missing: the printable page still works."""


def chart_images(figures: Iterable[Figure]) -> dict[str, str]:
    """Figure id -> a data: URI of its SVG; empty when the charts cannot be drawn here."""
    keyed = {figure.id: (_fingerprint(figure.data), figure.data) for figure in figures if figure.data}
    missing = {key: data for key, data in keyed.values() if key not in _drawn}
    if missing:
        try:
            svgs = asyncio.run(_render(list(missing.values())))
        except Exception as exc:  # no browser, a crashed browser, a timeout: the tables carry the data
            log.warning("report charts not drawn (%s); the PDF shows their data tables only", exc)
            return {}
        for key, svg in zip(missing, svgs, strict=True):
            _drawn[key] = svg
            while len(_drawn) > CACHE_SIZE:
                _drawn.popitem(last=False)
    return {
        figure_id: "data:image/svg+xml;base64," + base64.b64encode(_drawn[key]).decode("ascii")
        for figure_id, (key, _) in keyed.items()
        if key in _drawn
    }


def _fingerprint(data: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


async def _render(figures: list[dict[str, Any]]) -> list[bytes]:
    import kaleido

    async with kaleido.Kaleido(n=1, timeout=CHART_TIMEOUT_S, mathjax=False) as renderer:
        return [await renderer.calc_fig(figure, opts=_paper_size(figure)) for figure in figures]


def _paper_size(figure: dict[str, Any]) -> dict[str, Any]:
    height = figure.get("layout", {}).get("height") or 380
    return {"format": "svg", "width": PAPER_WIDTH_PX, "height": height}


# a long integrated report takes seconds of CPU: the same one asked for again (nothing answered since, same
# day, same names) is not laid out again
made: Memo[bytes] = Memo(16)


def to_pdf(html: str, stylesheet: Path) -> bytes:
    """Lay the report out on A4. Only data: URLs are fetched, so a report can never reach another host."""
    try:
        from weasyprint import CSS, HTML
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as exc:
        raise PdfUnavailable(str(exc)) from exc
    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[CSS(filename=str(stylesheet), url_fetcher=fetcher)])
