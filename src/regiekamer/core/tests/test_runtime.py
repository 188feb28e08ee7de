"""The server process's preparation (regiekamer.conf.wsgi): what is alive at start is frozen, and a request still
works and its garbage is still collected."""

import gc
import subprocess
import sys

import pytest

SCRIPT = """
import gc, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "regiekamer.conf.settings"
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
from regiekamer.conf.wsgi import application
assert gc.get_freeze_count() > 0  # an unprepared process has nothing frozen
assert "matplotlib.figure" in sys.modules
class Cycle:
    pass
a, b = Cycle(), Cycle()
a.other, b.other = b, a
del a, b
assert gc.collect() >= 2  # made after the freeze: still collected
print("ok", gc.get_freeze_count())
"""


def test_the_wsgi_entry_point_freezes_what_is_loaded_at_start(tmp_path):
    result = subprocess.run(  # noqa: S603 (this interpreter, a fixed script)
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env={"REGIEKAMER_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("ok")


@pytest.fixture
def unfrozen():
    yield
    gc.unfreeze()


def test_prepare_loads_the_lazy_modules_and_freezes(unfrozen):
    from regiekamer.core.runtime import prepare_server_process

    gc.unfreeze()
    prepare_server_process()
    assert gc.get_freeze_count() > 0
    assert "openpyxl" in sys.modules
