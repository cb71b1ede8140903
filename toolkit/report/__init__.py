"""Report stage: one self-contained HTML file of an analysis, readable offline.

The page holds a summary, corpus charts (for several articles), and per article a scorecard,
its charts, the highlighted text, the claims table and the links between claims; an errors
table closes it when anything went wrong.  Charts are Vega-Lite specs rendered in the browser by
the Vega libraries inlined from ``vl-convert-python`` (no CDN, no network).  Every string from
the articles or tables is HTML-escaped, and chart specs are embedded as JSON with ``<``, ``>``
and ``&`` escaped, so article text can never close a ``<script>`` element.

The package: :mod:`.page` lays the page out, :mod:`.cells` renders escaped tables and badges,
:mod:`.vega` embeds the charts.
"""

from __future__ import annotations

from .page import MAX_ARTICLES, report_html, scorecard_frame, write_report

__all__ = ["MAX_ARTICLES", "report_html", "scorecard_frame", "write_report"]
