"""Benchmark of callback_kpi's batch (KPI-10 / KPI-04).

300 staff, 300,000 callback plans over a year (the first half-year spread
over all 300 staff, the second half over the first 100 only) and a done record
for each done plan, inserted with ``INSERT ... SELECT generate_series``. Then
the batch "compute scorecards for period" is timed with its SQL query count
for a quarter of 300 staff and a quarter of 100 staff: the count does not
depend on the number of staff.

    .venv/bin/python tests/bench_callback_kpi.py [--plans 300000] [--staff 300]
"""

import argparse

from benchlib import measure, odoo_env

DB = "bench_callback_kpi"
YEAR = 2025


def populate(env, n_staff, n_plans):
    cr = env.cr
    company = env.company
    company.callback_budget_per_quarter = 5000.0
    department = env["hr.department"].create({"name": "Bench callback team"})
    staff = env["hr.employee"].create(
        [
            {"name": f"Bench staff {i:03d}", "department_id": department.id}
            for i in range(n_staff)
        ]
    )
    partners = env["res.partner"].create(
        [{"name": f"Bench customer {i:04d}"} for i in range(2000)]
    )
    env.flush_all()
    small = max(n_staff // 3, 1)
    params = {
        "staff": staff.ids,
        "partners": partners.ids,
        "n": n_plans,
        "n_staff": n_staff,
        "small": small,
        "company": company.id,
        "dept": department.id,
        "uid": env.uid,
        "year_start": f"{YEAR}-01-01",
    }
    # deadlines spread over the year; first half-year: all staff, second
    # half: the first third of them. States: 85 % done (10 % of them late),
    # 8 % missed, 5 % planned, 2 % cancelled.
    cr.execute(
        """
        INSERT INTO callback_plan (
            name, active, company_id, partner_id, employee_id, department_id,
            callback_type, level, channel, date_start, date_deadline, date_done,
            state, exempt_quota, is_late, quarter,
            create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH/' || g, TRUE, %(company)s,
               (%(partners)s::int[])[1 + g %% array_length(%(partners)s::int[], 1)],
               (%(staff)s::int[])[1 + g %% (CASE WHEN d < %(year_start)s::timestamp
                                                  + interval '181 days'
                                             THEN %(n_staff)s ELSE %(small)s END)],
               %(dept)s, 'special', '1', 'phone', d - interval '3 days', d,
               CASE WHEN g %% 100 < 85 THEN d + CASE WHEN g %% 10 = 0
                    THEN interval '1 day' ELSE interval '-1 day' END END,
               CASE WHEN g %% 100 < 85 THEN 'done' WHEN g %% 100 < 93 THEN 'missed'
                    WHEN g %% 100 < 98 THEN 'planned' ELSE 'cancelled' END,
               TRUE,
               (g %% 100 < 85 AND g %% 10 = 0) OR (g %% 100 BETWEEN 85 AND 92),
               to_char(d, 'YYYY') || '-Q' || extract(quarter FROM d),
               %(uid)s, %(uid)s, now(), now()
          FROM (SELECT g, %(year_start)s::timestamp
                          + (g::float / %(n)s) * interval '364 days' AS d
                  FROM generate_series(1, %(n)s) AS g) AS s
        """,
        params,
    )
    # one done record per done plan, except one in 50 (missing records)
    cr.execute(
        """
        INSERT INTO callback_record (
            name, active, company_id, plan_id, partner_id, employee_id,
            department_id, date, date_report, report_late, quarter, channel,
            reached, answered, satisfaction, cost, state,
            create_uid, write_uid, create_date, write_date)
        SELECT 'BR/' || p.id, TRUE, p.company_id, p.id, p.partner_id,
               p.employee_id, p.department_id, p.date_done,
               p.date_done + CASE WHEN p.id %% 20 = 0 THEN interval '3 days'
                                  ELSE interval '1 hour' END,
               p.id %% 20 = 0, p.quarter, 'phone',
               p.id %% 10 < 8, p.id %% 10 < 7,
               CASE WHEN p.id %% 10 < 7 THEN 60 + (p.id %% 5) * 10 ELSE 0 END,
               25 + (p.id %% 7) * 5, 'done',
               %(uid)s, %(uid)s, now(), now()
          FROM callback_plan p
         WHERE p.name LIKE 'BENCH/%%' AND p.state = 'done' AND p.id %% 50 <> 0
        """,
        params,
    )
    cr.execute("ANALYZE callback_plan")
    cr.execute("ANALYZE callback_record")
    cr.execute("SELECT count(*) FROM callback_plan WHERE name LIKE 'BENCH/%%'")
    plans = cr.fetchone()[0]
    cr.execute("SELECT count(*) FROM callback_record WHERE name LIKE 'BR/%%'")
    records = cr.fetchone()[0]
    env.invalidate_all()
    print(f"populated: {len(staff)} staff, {plans} plans, {records} records")
    return staff


class QueryKinds:
    """Counts the statements of a block by their first word (SELECT, INSERT,
    UPDATE...), to show that reads are constant and writes come in the ORM's
    batches of 100 rows."""

    def __init__(self, cr):
        self.cr = cr
        self.kinds = {}

    def __enter__(self):
        self.original = self.cr.execute

        def execute(query, params=None, log_exceptions=True):
            word = str(getattr(query, "code", query)).lstrip("(\n ").split(None, 1)[0]
            self.kinds[word.upper()] = self.kinds.get(word.upper(), 0) + 1
            return self.original(query, params, log_exceptions)

        self.cr.execute = execute
        return self

    def __exit__(self, *exc):
        self.cr.execute = self.original
        print(f"    queries by kind: {dict(sorted(self.kinds.items()))}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=300_000)
    parser.add_argument("--staff", type=int, default=300)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    with odoo_env(DB, ["callback_kpi"], fresh=args.fresh) as env:
        with measure(env, "populate (SQL generate_series)"):
            populate(env, args.staff, args.plans)
        Card = env["kpi.scorecard"]
        company = env.company
        results = {}
        # warm-up (registry caches, criteria): Q2, all staff
        with measure(env, "warm-up batch Q2", results):
            Card._batch_compute(company, "quarter", YEAR, "2")
        for quarter, label in (("1", "all staff"), ("3", "a third of the staff")):
            env.invalidate_all()
            with (
                QueryKinds(env.cr),
                measure(env, f"batch Q{quarter} create+compute ({label})", results),
            ):
                cards = Card._batch_compute(company, "quarter", YEAR, quarter)
            grades = sorted(set(cards.mapped("grade")))
            print(f"    -> {len(cards)} scorecards, grades {grades}")
        for quarter in ("1", "3"):
            env.invalidate_all()
            with (
                QueryKinds(env.cr),
                measure(env, f"batch Q{quarter} again (recompute drafts)", results),
            ):
                cards = Card._batch_compute(company, "quarter", YEAR, quarter)
            print(f"    -> {len(cards)} scorecards (no duplicate)")
        env.invalidate_all()
        with measure(env, f"annual batch {YEAR}", results):
            cards = Card._batch_compute(company, "year", YEAR)
        print(f"    -> {len(cards)} annual scorecards")


if __name__ == "__main__":
    main()
