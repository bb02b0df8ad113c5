"""Shared bootstrap of the benchmark scripts in tests/.

A benchmark runs against its own database of the private cluster
(``bench_<addon>``), created on first use with the addons installed and no demo
data. It is run with the project's virtualenv::

    .venv/bin/python tests/bench_customer_callback.py --n 100000

Nothing here runs in the test suite: benchmarks print figures, they assert
nothing about time.
"""

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _shell(cmd):
    return subprocess.run(
        ["bash", "-c", f". {ROOT}/scripts/env.sh && {cmd}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def _setup(db, modules, fresh):
    _shell(f"{ROOT}/scripts/pg.sh start")
    src = _shell("find_odoo")
    exists = _shell(
        f"psql -d postgres -tAc \"select 1 from pg_database where datname='{db}'\""
    )
    if fresh and exists:
        _shell(f"dropdb --force {db}")
        exists = ""
    if not exists:
        print(f"creating database {db} with {', '.join(modules)} ...", flush=True)
        subprocess.run(
            [
                f"{ROOT}/scripts/odoo.sh",
                "-d",
                db,
                "-i",
                ",".join(modules),
                "--stop-after-init",
                "--without-demo=all",
                "--log-level=warn",
            ],
            check=True,
        )
    sys.path.insert(0, src)
    import odoo

    env = {
        k: os.environ.get(k, d)
        for k, d in (
            ("PGHOST", "127.0.0.1"),
            ("PGPORT", "55432"),
            ("PGUSER", "odoo"),
            ("PGPASSWORD", "odoo"),
        )
    }
    odoo.tools.config.parse_config(
        [
            "-c",
            str(ROOT / "odoo.conf"),
            f"--addons-path={src}/addons,{ROOT}/addons",
            f"--db_host={env['PGHOST']}",
            f"--db_port={env['PGPORT']}",
            f"--db_user={env['PGUSER']}",
            f"--db_password={env['PGPASSWORD']}",
            "--log-level=warn",
        ]
    )
    return odoo


@contextlib.contextmanager
def odoo_env(db, modules, fresh=False):
    """Yield a superuser environment on ``db``; the transaction is rolled back
    at the end unless the caller commits (benchmark data is throw-away)."""
    odoo = _setup(db, modules, fresh)
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        try:
            yield env
        finally:
            cr.rollback()


def registry_of(db):
    """The registry of ``db`` (after odoo_env has set Odoo up)."""
    import odoo

    return odoo.modules.registry.Registry(db)


@contextlib.contextmanager
def measure(env, label, results=None):
    """Time a block and count the SQL queries it sends on ``env.cr``."""
    env.flush_all()
    q0, t0 = env.cr.sql_log_count, time.perf_counter()
    box = {}
    yield box
    env.flush_all()
    box["seconds"] = time.perf_counter() - t0
    box["queries"] = env.cr.sql_log_count - q0
    print(
        f"{label:<48} {box['seconds']:9.3f} s {box['queries']:8d} queries", flush=True
    )
    if results is not None:
        results[label] = box
