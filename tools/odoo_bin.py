"""Odoo's command line as a file: ``python tools/odoo_bin.py ARGS`` is ``odoo ARGS``.

Odoo starts its long-polling process and restarts itself (SIGHUP, a module
installed from Apps, a server past its limits in threaded mode) by running
``sys.argv[0]`` again with Python. Under ``python -m odoo``, ``sys.argv[0]``
is ``odoo/__main__.py``, which cannot run as a file (a relative import): the
restart ends the server for everyone. From this file it works, whichever way
Odoo 18 was installed (``odoo-bin`` is not always there).
tools/two_districts.py starts every long-running server with it.
"""

import os
import sys

# Odoo restarts as ``basename(sys.executable)``, a bare "python3" that the
# PATH may resolve to another Python than ours (a virtualenv's is lost): back
# to the Python that first started this server, as it was started.
STARTED_WITH = "FL_ODOO_PYTHON"
python = os.environ.setdefault(STARTED_WITH, sys.executable)
if python and sys.orig_argv[0] != python:
    os.execv(python, [python, *sys.argv])

# Only now: the wrong Python may have no Odoo, or another one.
import odoo.cli

if __name__ == "__main__":
    odoo.cli.main()
