"""The commune map's own cost in the browser (issue 12): plotly.js drawing the figure in Debian's Chromium, apart
from the rest of the page (a whole page's time on this shared machine is mostly other people's load).

    python bench/pages_map.py --db data/dvk.duckdb [--year 2026] [--repeat 5]

`draw_ms` takes figures as JSON, so figures built by another version of the code can be drawn side by side.
"""
import argparse
import statistics
import sys
from pathlib import Path

import plotly

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from anywhere: the project is not installed

from core import geo, queries
from core.db import connect
from dashboard import charts

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DRAW = """async spec => { const div = document.createElement('div'); document.body.replaceChildren(div);
    const started = performance.now(); await Plotly.newPlot(div, spec.data, spec.layout);
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));  // painted
    return performance.now() - started; }"""


def draw_ms(specs: dict[str, str], width: int, repeat: int) -> dict[str, list[float]]:
    """Milliseconds for plotly.js to draw each figure (JSON) in a page `width` px wide, the figures taken in turn
    so a busy moment of the machine hits them all; a first round warms the page."""
    from playwright.sync_api import sync_playwright

    times = {name: [] for name in specs}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.add_script_tag(path=str(PLOTLY_JS))
        for round_ in range(repeat + 1):
            for name, spec in specs.items():
                ms = page.evaluate(f"({DRAW})({spec})")
                if round_:
                    times[name].append(ms)
        browser.close()
    return times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    con = connect(args.db, read_only=True)
    frame = queries.run(con, queries.MAP_COMMUNES, year=args.year, district=None, unit_group=None, field=None,
                        old_province=None)
    con.close()
    figures = {f"map by {mode}": charts.commune_map(frame, geo.communes(), mode == "attainment", "x")
               for mode in ("attainment", "models")}
    specs = {name: figure.to_json() for name, figure in figures.items()}
    print(f"{'measure':36} {'median of ' + str(args.repeat):>14}  ratio")
    for width in (1440, 390):
        for name, times in draw_ms(specs, width, args.repeat).items():
            print(f"{name + f', {width} px':36} {statistics.median(times):>11.0f} ms  "
                  f"{len(figures[name].data)} traces, {len(specs[name]) / 1000:.0f} kB of JSON")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
