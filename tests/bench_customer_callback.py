"""Benchmark of the daily callback job (CB-01, CB-22) of customer_callback.

    .venv/bin/python tests/bench_customer_callback.py --n 100000

Creates N partners (mixed tiers, SQL insert) assigned to a few callback
owners, then, each in a rolled-back savepoint on the same partners:

1. a bare batch ``create()`` of the same N periodic plans (values prepared
   beforehand; the plans' to-dos included, as any create makes them);
2. the daily job as Odoo's cron runner calls it: ``_cron_daily`` once per
   batch until it reports nothing left (``_notify_progress``), each call
   timed with its queries and the process's peak memory during the call;
3. the same plans made in one call (``_plan_periodic_callbacks``: the batches
   in one transaction, as the job ran before), for comparison;
4. one call's to-dos (CB-22): 1,000 plans whose window opens, while 2,000 or
   N plans wait: the same queries whatever N.

Prints seconds, SQL queries and peak memory (RSS, sampled every 20 ms) of
each, and the ratio job / bare create. Nothing is committed.
"""

import argparse
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import measure, odoo_env

TIERS = ("high", "medium", "low")


def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


class PeakRSS:
    """The peak resident memory of the process while the block runs."""

    def __enter__(self):
        self.peak = rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, rss_mb())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())


def insert_partners(env, employees, n):
    """N partners in one SQL statement (fast), round-robin owners and tiers."""
    env.cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, active, type, is_company,
                                 partner_share, callback_tier, callback_employee_id,
                                 callback_dnd, callback_preferred_time, color,
                                 create_uid, write_uid, create_date, write_date)
        SELECT 'Bench customer ' || g, 'Bench customer ' || g, true, 'contact', false,
               true, (%s::varchar[])[1 + g %% 3], (%s::int[])[1 + g %% %s],
               false, 0, 0, 1, 1, now() at time zone 'UTC', now() at time zone 'UTC'
          FROM generate_series(1, %s) g
        """,
        (list(TIERS), employees.ids, len(employees), n),
    )
    env.invalidate_all()


def rolled_back(env, func):
    savepoint = env.cr.savepoint()
    try:
        return func()
    finally:
        savepoint.close(rollback=True)
        env.invalidate_all()
        env.cr.precommit.clear()
        env.cr.postcommit.clear()


def reset_company(env, company):
    env.cr.execute(
        "UPDATE res_company SET callback_planning_cursor = 0,"
        " callback_planned_on = NULL WHERE id = %s",
        [company.id],
    )
    env.invalidate_all()


def bare_create(env, Plan, vals_list, ctx):
    with PeakRSS() as peak, measure(env, "bare batch create() of the plans") as box:
        box["rows"] = len(Plan.with_context(**ctx).create(vals_list))
    box["peak_mb"] = peak.peak
    print(f"{'':<48} {box['rows']} plans, peak RSS {peak.peak:.0f} MB")
    return box


def job_in_batches(env, Plan, batch):
    """The cron runner's loop: one call per batch until nothing is left."""
    rows = []
    total = {"seconds": 0.0, "queries": 0}
    count0 = Plan.search_count([])
    while True:
        with PeakRSS() as peak:
            q0, t0 = env.cr.sql_log_count, time.perf_counter()
            remaining = Plan._cron_daily(batch_size=batch)
            seconds = time.perf_counter() - t0
            queries = env.cr.sql_log_count - q0
        rows.append((seconds, queries, peak.peak))
        total["seconds"] += seconds
        total["queries"] += queries
        if not remaining or len(rows) > 10000:
            break
    total["rows"] = Plan.search_count([]) - count0
    total["peak_mb"] = max(row[2] for row in rows)
    print(f"daily job: {len(rows)} calls of at most {batch} customers")
    for index, (seconds, queries, peak) in enumerate(rows, 1):
        print(
            f"  call {index:3d}: {seconds:7.3f} s {queries:6d} queries"
            f"  peak RSS {peak:7.0f} MB"
        )
    print(
        f"{'daily job, all calls':<48} {total['seconds']:9.3f} s"
        f" {total['queries']:8d} queries, {total['rows']} plans,"
        f" peak RSS {total['peak_mb']:.0f} MB"
    )
    return total


def job_in_one_call(env, Plan, company):
    with PeakRSS() as peak, measure(env, "all batches in one call (before)") as box:
        box["rows"] = len(Plan._plan_periodic_callbacks(company))
    print(f"{'':<48} {box['rows']} plans, peak RSS {peak.peak:.0f} MB")
    return box


def todo_batches(env, Plan, employees, batch, totals):
    """CB-22: one call's to-dos (``batch`` plans whose window opens) while
    ``total`` plans wait in the database: the queries of the call do not
    depend on ``total``."""
    now = env.cr.now()
    later = now + timedelta(days=120)
    for total in totals:

        def run(total=total):
            partners = env["res.partner"].search(
                [("callback_employee_id", "in", employees.ids)], limit=total
            )
            Plan.with_context(tracking_disable=True, mail_create_nolog=True).create(
                [
                    {
                        "partner_id": partner.id,
                        "employee_id": partner.callback_employee_id.id,
                        "callback_type": "periodic",
                        "date_start": later,
                        "date_deadline": later + timedelta(days=14),
                    }
                    for partner in partners
                ]
            )
            env.flush_all()
            env.invalidate_all()
            label = f"one call's {batch} to-dos, {len(partners)} waiting"
            with PeakRSS() as peak, measure(env, label) as box:
                box["rows"] = len(Plan._create_due_todos(limit=batch, now=later))
            print(f"{'':<48} {box['rows']} to-dos, peak RSS {peak.peak:.0f} MB")
            return box

        rolled_back(env, run)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100000)
    parser.add_argument("--owners", type=int, default=10)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--db", default="bench_customer_callback")
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    with odoo_env(args.db, ["customer_callback"], fresh=args.fresh) as env:
        company = env.company
        users = env["res.users"].create(
            [
                {"name": f"Bench staff {i}", "login": f"bench_staff_{i}"}
                for i in range(args.owners)
            ]
        )
        employees = env["hr.employee"].create(
            [{"name": user.name, "user_id": user.id} for user in users]
        )
        insert_partners(env, employees, args.n)
        Plan = env["callback.plan"]
        ctx = {
            "mail_create_nolog": True,
            "mail_create_nosubscribe": True,
            "tracking_disable": True,
        }
        print(
            f"N = {args.n} partners, {args.owners} callback owners, {rss_mb():.0f} MB"
        )
        # the same rows as the job, prepared outside the measure
        now = env.cr.now()
        deadline = now + timedelta(days=company.callback_periodic_days)
        partners = env["res.partner"].search(Plan._periodic_candidates_domain(company))
        vals_list = [
            Plan._prepare_periodic_vals(partner, company, now, deadline)
            for partner in partners
        ]
        env.invalidate_all()
        bare = rolled_back(env, lambda: bare_create(env, Plan, vals_list, ctx))
        reset_company(env, company)
        job = rolled_back(env, lambda: job_in_batches(env, Plan, args.batch))
        reset_company(env, company)
        one = rolled_back(env, lambda: job_in_one_call(env, Plan, company))
        todo_batches(env, Plan, employees, 1000, (2000, args.n))
        print(
            f"ratio job/bare create(): {job['seconds'] / bare['seconds']:.2f}x time,"
            f" {job['queries'] / bare['queries']:.2f}x queries"
            f" ({job['rows']} and {bare['rows']} plans)"
        )
        print(
            f"ratio one call/bare create(): {one['seconds'] / bare['seconds']:.2f}x"
            " time"
        )


if __name__ == "__main__":
    main()
