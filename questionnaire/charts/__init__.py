"""Charts as plotly figures, built from scoring results only: no Flask, no database.

`results` draws one assessment's results (radar, largest gaps, standards compared) for pages and the PDF;
`dashboard` draws a consultant's views across respondents and assessments (it imports plotly when first used).
"""

from .results import ChartTable, Figure, report_figures, result_figures

__all__ = ["ChartTable", "Figure", "report_figures", "result_figures"]
