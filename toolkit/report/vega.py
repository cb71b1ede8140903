"""Charts in the report: Vega-Lite compiled to Vega here, embedded as escaped JSON, drawn offline.

The Vega, Vega-Lite and Vega-Embed libraries come inlined from ``vl-convert-python`` (no CDN, no
network); each chart's spec sits in a ``<script type="application/json">`` with ``<``, ``>`` and
``&`` escaped, so article text can never close a ``<script>`` element.
"""

from __future__ import annotations

import json
import re
import warnings
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

import altair as alt

from ..charts.base import responsive

__all__ = ["EMBED_JS", "ChartPage", "json_for_script", "to_vega", "vega_bundle", "vl_version"]

EMBED_JS = """
(function () {
  var charts = document.querySelectorAll('.nc-chart');
  charts.forEach(function (el) {
    var holder = document.getElementById(el.id + '-spec');
    var spec = JSON.parse(holder.textContent);
    vegaEmbed(el, spec, {mode: 'vega', renderer: 'svg', actions: false}).then(function () {
      el.setAttribute('data-rendered', 'ok');
    }).catch(function (err) {
      el.setAttribute('data-rendered', 'error');
      el.textContent = 'This chart could not be drawn: ' + err;
      console.error('chart ' + el.id + ' failed', err);
    });
  });
})();
"""



def vl_version() -> str | None:
    """Return the Vega-Lite version Altair writes, in vl-convert's spelling ('5.20'), if it bundles it.

    >>> v = vl_version(); v is None or v.count(".") == 1
    True
    """
    import vl_convert

    major_minor = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return major_minor if major_minor in vl_convert.get_vegalite_versions() else None


@cache
def vega_bundle() -> str:
    """Return the Vega, Vega-Lite and Vega-Embed JavaScript as one inline-able script (~900 kB).

    >>> "</script" in vega_bundle().lower()
    False
    """
    import vl_convert

    snippet = "window.vegaEmbed = vegaEmbed; window.vega = vega; window.vegaLite = vegaLite;"
    js = vl_convert.javascript_bundle(snippet, vl_version=vl_version())
    # Inline scripts end at the first "</script"; the bundle has none today, but make sure.
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)


def to_vega(vl_spec: dict[str, Any]) -> dict[str, Any]:
    """Compile Vega-Lite to Vega here, with the compiler version Altair targets.

    The browser then only runs Vega.  ``$schema`` is dropped because the inlined Vega runtime
    may be a newer major version than the schema the compiler names; Vega-Embed would log a
    version warning for every chart although the spec renders the same.

    >>> spec = to_vega({"mark": "point", "data": {"values": [{"x": 1}]}, "encoding": {"x": {"field": "x"}}})
    >>> "$schema" in spec, "marks" in spec
    (False, True)
    """
    import vl_convert

    version = vl_version()
    spec = vl_convert.vegalite_to_vega(vl_spec, vl_version=version) if version else vl_convert.vegalite_to_vega(vl_spec)
    spec.pop("$schema", None)
    return dict(spec)


def json_for_script(obj: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">`` whatever strings it holds.

    >>> json_for_script({"t": "</script><b>&"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(obj, ensure_ascii=False, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")



class ChartPage:
    """Collects chart containers (with unique ids) and, optionally, PNG files."""

    def __init__(self, png_dir: Path | None) -> None:
        self.n = 0
        self.png_dir = png_dir
        self.pngs: list[Path] = []

    def charts(self, charts: dict[str, alt.Chart], slug: str) -> str:
        """Return the containers of ``charts`` (PNG files named ``<slug>-<name>.png`` when asked)."""
        parts = []
        for name, chart in charts.items():
            self.n += 1
            cid = f"chart-{self.n}"
            spec = chart.to_dict(validate=False)  # the chart tests validate; 10x faster for big reports
            title = spec.get("title", {})
            label = title.get("text", name) if isinstance(title, dict) else str(title)
            parts.append(
                f'<figure class="nc-chart" id="{cid}" data-chart="{escape(name)}" role="img" '
                f'aria-label="{escape(str(label))}"></figure>'
                f'<script type="application/json" id="{cid}-spec">{json_for_script(to_vega(responsive(spec)))}</script>'
            )
            if self.png_dir is not None:
                self._png(spec, f"{slug}-{name}.png")
        return f'<div class="nc-charts">{"".join(parts)}</div>'

    def _png(self, spec: dict[str, Any], filename: str) -> None:
        import vl_convert

        assert self.png_dir is not None
        out = self.png_dir / filename
        try:
            version = vl_version()
            kwargs: dict[str, Any] = {"scale": 2}
            if version:
                kwargs["vl_version"] = version
            out.write_bytes(vl_convert.vegalite_to_png(spec, **kwargs))
            self.pngs.append(out)
        except Exception as exc:  # noqa: BLE001 - a failed image must not lose the report
            warnings.warn(f"could not write chart image {out}: {exc}", stacklevel=2)

