"""Odoo's command line as a file: ``python tools/odoo_bin.py ARGS`` is ``odoo ARGS``.

Odoo starts its long-polling process and restarts itself (SIGHUP, a module
installed from Apps, a server past its limits in threaded mode) by running
``sys.executable sys.argv[0] ARGS`` again. Under ``python -m odoo``,
``sys.argv[0]`` is ``odoo/__main__.py``, which cannot run as a file (a
relative import): the restart ends the server for everyone. From this file
it works, whichever way Odoo 18 was installed (``odoo-bin`` is not always
there). tools/two_districts.py starts every long-running server with it.
"""

import odoo.cli

if __name__ == "__main__":
    odoo.cli.main()
