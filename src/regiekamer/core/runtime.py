"""Preparing a long-running server process once the application is loaded (``regiekamer.conf.wsgi``)."""

import gc
import importlib
import logging

logger = logging.getLogger(__name__)

# Loaded on first use by the pages that need them (charts, PDFs, spreadsheets), so that commands start quickly. A
# server loads them up front, so that their objects are frozen with the rest.
ON_FIRST_USE = (
    "matplotlib",
    "matplotlib.backends.backend_svg",
    "matplotlib.figure",
    "matplotlib.ticker",
    "openpyxl",
    "weasyprint",
)


def prepare_server_process() -> None:
    """Load what pages load lazily, then freeze every object alive now (``gc.freeze``).

    The modules, settings and URL patterns loaded at start live as long as the process. Unfrozen, the cyclic
    garbage collector walks all of them on every full collection: at this application's size about 100 ms, which
    fell in every third or fourth request of a report page (docs/benchmarks.md). Frozen, a full collection walks
    only what requests made since; their garbage is collected as before. Under gunicorn with ``--preload`` this
    runs once in the master and the frozen pages stay shared between the workers."""
    for name in ON_FIRST_USE:
        try:
            importlib.import_module(name)
        except (ImportError, OSError) as error:  # WeasyPrint without Pango: the PDF pages report it when used
            logger.info("Not loaded in advance: %s (%s)", name, error)
    gc.collect()
    gc.freeze()
