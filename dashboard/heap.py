"""The server's garbage collector kept off the long-lived heap. Streamlit runs a full collection (`gc.collect(2)`)
after every script run (runner.postScriptGC), and a full collection walks every object the process holds: the
modules of streamlit, pandas, pyarrow, altair (its Vega-Lite schema alone is hundreds of thousands of objects),
all alive until the server stops. Walking them was ~40 % of the server's samples (py-spy) and a third of its CPU a
viewer (0.47 → 0.32 s without it, bench/viewers.py's viewer one after another). Once a run has imported what it
needs, the live objects are moved to the collector's permanent generation (gc.freeze), so the collection after each
run walks only what runs created since: the garbage a run leaves is still collected as before."""
import atexit
import gc
import sys

_frozen_at = 0  # how many modules were loaded at the last freeze: a page that imports more freezes once again


def freeze_long_lived() -> None:
    """After a run: if modules were imported since the last freeze, collect, then freeze what is left alive.
    What is alive then (a session's own objects among the modules) stays out of later full collections; that
    happens once per set of new imports, a handful of times in a server's life."""
    global _frozen_at
    if len(sys.modules) == _frozen_at:
        return
    if not _frozen_at:  # at the process's end the objects go back to the collector, so its last pass frees them
        atexit.register(gc.unfreeze)  # (frozen, the extension modules report them as leaked: nanobind, duckdb)
    gc.collect()
    gc.freeze()
    _frozen_at = len(sys.modules)
