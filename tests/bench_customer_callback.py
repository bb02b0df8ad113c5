"""Benchmark of the daily callback job (CB-01) of customer_callback.

    .venv/bin/python tests/bench_customer_callback.py --n 100000

Creates N partners (mixed tiers, SQL insert) assigned to a few callback
owners, then, each in a rolled-back savepoint on the same partners:

1. a bare batch ``create()`` of the same N plan rows (values prepared
   beforehand, no activities);
2. the daily job ``callback.plan._plan_periodic_callbacks`` without the
   activities (reads, engine, one create of N plans);
3. the daily job with the activities (one create of N mail.activity).

Prints seconds and SQL queries of each and the ratios job / bare. Nothing is
committed.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import measure, odoo_env

DB = "bench_customer_callback"
TIERS = ("high", "medium", "low")


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


def rolled_back(env, label, func, results):
    savepoint = env.cr.savepoint()
    try:
        with measure(env, label, results) as box:
            box["rows"] = len(func())
    finally:
        savepoint.close(rollback=True)
        env.invalidate_all()
        env.cr.precommit.clear()
        env.cr.postcommit.clear()
    return results[label]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100000)
    parser.add_argument("--owners", type=int, default=10)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    with odoo_env(DB, ["customer_callback"], fresh=args.fresh) as env:
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
        print(f"N = {args.n} partners, {args.owners} callback owners")
        results = {}
        # the same rows as the job, prepared outside the measure
        now = env.cr.now()
        partners = env["res.partner"].search(Plan._periodic_candidates_domain(company))
        vals_list = [
            Plan._prepare_periodic_vals(partner, company, now, now)
            for partner in partners
        ]
        bare = rolled_back(
            env,
            "bare batch create() of the same plans",
            lambda: Plan.with_context(callback_no_activity=True, **ctx).create(
                vals_list
            ),
            results,
        )
        bare_act = rolled_back(
            env,
            "bare batch create() with activities",
            lambda: Plan.with_context(**ctx).create(vals_list),
            results,
        )
        job = rolled_back(
            env,
            "daily job (plans + activities)",
            lambda: Plan._plan_periodic_callbacks(company),
            results,
        )
        job_na = rolled_back(
            env,
            "daily job (plans, no activities)",
            lambda: Plan.with_context(
                callback_no_activity=True
            )._plan_periodic_callbacks(company),
            results,
        )
        for label, box in results.items():
            print(f"  {label}: {box['rows']} rows")
        print(
            f"ratio job/bare: {job['seconds'] / bare['seconds']:.2f}x time,"
            f" {job['queries'] / bare['queries']:.2f}x queries"
        )
        print(
            "ratio job/bare create() with activities (like for like):"
            f" {job['seconds'] / bare_act['seconds']:.2f}x time,"
            f" {job['queries'] / bare_act['queries']:.2f}x queries"
        )
        print(
            "ratio job without activities/bare:"
            f" {job_na['seconds'] / bare['seconds']:.2f}x time,"
            f" {job_na['queries'] / bare['queries']:.2f}x queries"
        )
        print(
            f"queries beyond the bare create: job {job['queries'] - bare['queries']},"
            f" job without activities {job_na['queries'] - bare['queries']}"
        )


if __name__ == "__main__":
    main()
