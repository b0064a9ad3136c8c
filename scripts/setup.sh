#!/usr/bin/env bash
# The set-up shared by scripts/run and scripts/test. Sourced, not run.
# Idempotent and quick when everything is already there: each step checks
# first and only installs what is missing.
#
#   1. Python requirements (requirements.txt) and this repository's `faster`
#      package (the FASTER codec, `python -m faster`) in the active Python.
#   2. An importable Odoo 18; otherwise Odoo 18.0 from Odoo's official source
#      (needs the internet), otherwise a clear message and exit.
#   3. Odoo's long-polling process able to start (gevent can monkey-patch).
#   4. PostgreSQL answering on 127.0.0.1:5432 (started if installed but
#      stopped) and the database role Odoo uses (never `postgres`).
#   5. Chromium for Odoo's browser tours.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
PGHOST_ADDR=127.0.0.1
PGPORT_NUM=5432
DB_USER="$(sed -n 's/^db_user *= *//p' "$ROOT/odoo.conf")"
DB_PASSWORD="$(sed -n 's/^db_password *= *//p' "$ROOT/odoo.conf")"
ODOO_SRC_URL="https://github.com/odoo/odoo.git"   # Odoo's official source
ODOO_SRC_DIR="${ODOO_SRC_DIR:-$HOME/.local/src/odoo-18.0}"

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 2; }

pip_install() {
    # A root user on a machine without a virtualenv installs into the
    # machine's Python: that is what the README asks for.
    "$PYTHON" -m pip install --disable-pip-version-check -q "$@"
}

setup_python() {
    command -v "$PYTHON" >/dev/null || die "$PYTHON not found: install Python 3.10+ first."
    if ! "$PYTHON" - <<'PY' 2>/dev/null
import importlib.util, sys
mods = ["requests", "pytest", "pytest_odoo", "hypothesis", "ruff", "pylint_odoo", "websocket"]
sys.exit(0 if all(importlib.util.find_spec(m) for m in mods) else 1)
PY
    then
        say "installing Python requirements (requirements.txt)"
        pip_install -r "$ROOT/requirements.txt" || die "pip could not install requirements.txt"
    fi
    # The FASTER codec is a package of this repository: make sure the one
    # Python imports is this checkout's (a fresh clone elsewhere re-points it).
    local where
    where="$(cd / && "$PYTHON" -c 'import faster, os; print(os.path.realpath(faster.__file__))' 2>/dev/null || true)"
    if [ -f "$ROOT/pyproject.toml" ] && [[ "$where" != "$(realpath "$ROOT")"/* ]]; then
        say "installing the FASTER codec package from $ROOT (pip install -e)"
        pip_install --no-deps -e "$ROOT" >/dev/null \
            || pip_install --no-build-isolation --no-deps -e "$ROOT" >/dev/null \
            || die "could not install the faster package from $ROOT"
    fi
}

odoo_ok() {
    (cd / && "$PYTHON" -c 'import odoo, sys; sys.exit(0 if odoo.release.version_info[0] == 18 else 1)') 2>/dev/null
}

setup_odoo() {
    odoo_ok && return 0
    if [ "${FL_NO_ODOO_INSTALL:-}" != 1 ] && command -v git >/dev/null \
        && timeout 10 git ls-remote --heads "$ODOO_SRC_URL" 18.0 >/dev/null 2>&1; then
        say "Odoo 18 is not importable: installing Odoo 18.0 from $ODOO_SRC_URL into $ODOO_SRC_DIR"
        [ -d "$ODOO_SRC_DIR/.git" ] || git clone --depth 1 --branch 18.0 "$ODOO_SRC_URL" "$ODOO_SRC_DIR" \
            || die "git clone of Odoo 18.0 failed"
        pip_install -r "$ODOO_SRC_DIR/requirements.txt" || die "Odoo's requirements did not install"
        pip_install --no-deps -e "$ODOO_SRC_DIR" || die "pip install -e $ODOO_SRC_DIR failed"
    fi
    odoo_ok || die "Odoo 18 is not importable by $PYTHON.
  Install Odoo 18.0 from Odoo's official source, then run this command again:
    git clone --depth 1 --branch 18.0 $ODOO_SRC_URL $ODOO_SRC_DIR
    $PYTHON -m pip install -r $ODOO_SRC_DIR/requirements.txt
    $PYTHON -m pip install --no-deps -e $ODOO_SRC_DIR
  (Debian/Ubuntu also need: apt-get install libpq-dev libldap2-dev libsasl2-dev.)
  Check with: $PYTHON -c 'import odoo; print(odoo.release.version)'"
}

setup_gevent() {
    # A server with workers (scripts/run) starts Odoo's long-polling process,
    # which monkey-patches with gevent; gevent finds its plug-ins with
    # pkg_resources, which before setuptools 75.8.2 cannot see distributions
    # installed under normalized names (zope_interface-*.dist-info): that
    # process would die at every start, and the web client lose its bus.
    # Below 80, pkg_resources warns as a DeprecationWarning (Odoo ignores it);
    # 80 makes it a UserWarning, printed by every Odoo process.
    (cd / && "$PYTHON" -c 'import gevent.monkey; gevent.monkey.patch_all()') >/dev/null 2>&1 && return 0
    say "installing a setuptools whose pkg_resources finds gevent's dependencies"
    pip_install 'setuptools>=75.8.2,<80' || die "pip could not install setuptools>=75.8.2,<80"
    (cd / && "$PYTHON" -c 'import gevent.monkey; gevent.monkey.patch_all()') \
        || die "gevent cannot monkey-patch in $PYTHON (see the lines above): Odoo's long-polling process would not start"
}

setup_postgres() {
    if ! pg_isready -q -h "$PGHOST_ADDR" -p "$PGPORT_NUM" 2>/dev/null; then
        if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
            local ver
            ver="$(ls /etc/postgresql | sort -V | tail -n 1)"
            say "starting PostgreSQL $ver (cluster main)"
            pg_ctlcluster --skip-systemctl-redirect "$ver" main start 2>/dev/null \
                || sudo -n pg_ctlcluster "$ver" main start 2>/dev/null || true
            for _ in 1 2 3 4 5 6 7 8 9 10; do
                pg_isready -q -h "$PGHOST_ADDR" -p "$PGPORT_NUM" && break
                sleep 1
            done
        fi
        pg_isready -q -h "$PGHOST_ADDR" -p "$PGPORT_NUM" 2>/dev/null || die "PostgreSQL does not answer on $PGHOST_ADDR:$PGPORT_NUM.
  Install and start it, e.g. on Debian/Ubuntu:
    sudo apt-get install postgresql && sudo service postgresql start
  (any PostgreSQL 12+ listening on $PGHOST_ADDR:$PGPORT_NUM will do)."
    fi
    # The role Odoo connects as (Odoo refuses to run as `postgres`).
    if ! PGPASSWORD="$DB_PASSWORD" psql -qtA -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U "$DB_USER" -d postgres \
        -c 'select 1' >/dev/null 2>&1; then
        say "creating the PostgreSQL role '$DB_USER' (LOGIN CREATEDB)"
        local sql="CREATE ROLE \"$DB_USER\" LOGIN CREATEDB PASSWORD '$DB_PASSWORD'"
        psql -q -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U postgres -d postgres -c "$sql" 2>/dev/null \
            || sudo -n -u postgres psql -q -c "$sql" 2>/dev/null \
            || die "could not create the PostgreSQL role '$DB_USER'. As a PostgreSQL superuser run:
    $sql;"
    fi
}

chromium_bin() {
    local bin
    for bin in chromium chromium-browser google-chrome google-chrome-stable; do
        command -v "$bin" >/dev/null && { command -v "$bin"; return 0; }
    done
    return 1
}

setup_chromium() {
    chromium_bin >/dev/null && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing Debian's Chromium for Odoo's browser tours"
        apt-get update -qq >/dev/null 2>&1
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 || true
    fi
    chromium_bin >/dev/null || die "Chromium is needed for Odoo's browser tours and is not installed.
  Debian/Ubuntu: sudo apt-get install chromium   (then run this command again)"
}

fl_setup() {
    setup_python
    setup_odoo
    setup_gevent
    setup_postgres
    setup_chromium
}
