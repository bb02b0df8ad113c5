"""Benchmark of reception_rotation: one assignment against the history size.

    .venv/bin/python tests/bench_reception_rotation.py [--sizes 5000,50000]
        [--assignments 200] [--workers 4] [--per-worker 50] [--fresh]

(--fresh recreates bench_reception_rotation, e.g. after the addon changed).

A floor with 30 salespeople on today's roster; past visits are inserted in
batches (SQL, like an import); then ~200 walk-ins are assigned one by one
(register + leave) and the median / 95th percentile time and SQL queries per
assignment are printed for each history size: the query count must not grow
with the history. Finally 4 threads, each with its own cursor and committing
after every assignment (retrying on lock or serialization errors as Odoo's RPC
layer does), measure the assignments per second and check afterwards that no
turn was given twice (counted receptions differ by at most one).
"""

import argparse
import logging
import statistics
import threading
import time
from datetime import date, timedelta

import psycopg2
import psycopg2.errors
from benchlib import odoo_env, registry_of
from psycopg2.extras import execute_values

DB = "bench_reception_rotation"
RETRYABLE = (
    psycopg2.errors.SerializationFailure,
    psycopg2.errors.LockNotAvailable,
    psycopg2.errors.DeadlockDetected,
)


def setup_floor(env, tag):
    employees = env["hr.employee"].create(
        [{"name": "Bench %s %02d" % (tag, i)} for i in range(30)]
    )
    floor = env["reception.floor"].create({"name": "Bench floor %s" % tag})
    env["reception.roster"].create(
        {
            "floor_id": floor.id,
            "date": floor._floor_today(),
            "line_ids": [
                (
                    0,
                    0,
                    {
                        "employee_id": e.id,
                        "sequence": i,
                        "start_hour": 0.0,
                        "end_hour": 24.0,
                    },
                )
                for i, e in enumerate(employees)
            ],
        }
    )
    env.cr.commit()
    return floor, employees


def insert_history(env, floor, employees, count, offset):
    """Past visits (and ownership of every other customer), in batches."""
    cr = env.cr
    company = floor.company_id.id
    batch = 5000
    emp_ids = employees.ids
    for start in range(offset, offset + count, batch):
        rows, owners = [], []
        for n in range(start, min(start + batch, offset + count)):
            day = date.today() - timedelta(days=1 + n % 700)
            phone = "139%08d" % n
            emp = emp_ids[n % len(emp_ids)]
            rows.append(
                (
                    "HIST%07d" % n,
                    floor.id,
                    company,
                    day,
                    day,
                    "new",
                    "Customer %d" % n,
                    phone,
                    phone,
                    phone,
                    emp,
                    emp,
                    True,
                    1,
                    1,
                    "done",
                )
            )
            if n % 2 == 0:
                owners.append(
                    (floor.id, company, "Customer %d" % n, phone, emp, day, day)
                )
        execute_values(
            cr._obj,
            "INSERT INTO reception_visit (name, floor_id, company_id, date, day,"
            " visit_type, customer_name, phone, phone_normalized, customer_key,"
            " server_id, signed_by_id, counted, counted_count, visit_count, state)"
            " VALUES %s",
            rows,
        )
        if owners:
            execute_values(
                cr._obj,
                "INSERT INTO reception_ownership (floor_id, company_id,"
                " customer_name, phone_normalized, employee_id,"
                " first_registration_date, last_followup_date, state) VALUES %s",
                [(*o, "lapsed") for o in owners],
            )
    cr.execute("ANALYZE reception_visit; ANALYZE reception_ownership")
    cr.commit()


def assign(env, floor, phone):
    visit = floor.with_env(env).register_visit(
        {"visit_type": "new", "customer_name": "Walk-in " + phone, "phone": phone}
    )
    visit.action_leave()
    return visit


def measure_assignments(env, floor, count, tag):
    times, queries = [], []
    for i in range(count):
        phone = "137%s%04d" % (tag, i)
        env.flush_all()
        q0, t0 = env.cr.sql_log_count, time.perf_counter()
        assign(env, floor, phone)
        env.flush_all()
        times.append(time.perf_counter() - t0)
        queries.append(env.cr.sql_log_count - q0)
        env.cr.commit()
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        "  %d assignments: median %.1f ms, p95 %.1f ms; queries median %d,"
        " max %d"
        % (
            count,
            statistics.median(times) * 1000,
            p95 * 1000,
            statistics.median(queries),
            max(queries),
        ),
        flush=True,
    )
    return statistics.median(queries)


def concurrent(db, floor_id, workers, per_worker, tag):
    import odoo

    # retried serialization failures are expected: keep them out of the output
    logging.getLogger("odoo.sql_db").setLevel(logging.CRITICAL)
    registry = registry_of(db)
    done, retries, errors = [], [0], []
    lock = threading.Lock()

    def work(w):
        for i in range(per_worker):
            phone = "136%s%d%03d" % (tag, w, i)  # 11 digits, a real mobile
            while True:
                try:
                    with registry.cursor() as cr:
                        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                        floor = env["reception.floor"].browse(floor_id)
                        visit = assign(env, floor, phone)
                        server = visit.server_id.id
                        cr.commit()
                    with lock:
                        done.append(server)
                    break
                except RETRYABLE:
                    with lock:
                        retries[0] += 1
                    time.sleep(0.005)
                except Exception as err:  # report and stop
                    errors.append(repr(err))
                    return

    threads = [threading.Thread(target=work, args=(w,)) for w in range(workers)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    print(
        "  %d workers: %d assignments in %.2f s = %.1f assignments/s, %d retries"
        % (workers, len(done), elapsed, len(done) / elapsed, retries[0]),
        flush=True,
    )
    if errors:
        print("  errors:", errors[:3])
    return len(done)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="5000,50000")
    parser.add_argument("--assignments", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--per-worker", type=int, default=50)
    parser.add_argument(
        "--fresh", action="store_true", help="recreate the bench database first"
    )
    args = parser.parse_args()
    tag = time.strftime("%H%M")
    with odoo_env(DB, ["reception_rotation"], fresh=args.fresh) as env:
        floor, employees = setup_floor(env, tag)
        inserted = 0
        medians = {}
        for size in [int(s) for s in args.sizes.split(",")]:
            insert_history(env, floor, employees, size - inserted, inserted)
            inserted = size
            print("history %d visits:" % size, flush=True)
            # each size: a fresh floor day, so both runs are alike
            floor.rotation_state = False
            env.cr.commit()
            medians[size] = measure_assignments(
                env, floor, args.assignments, "%s%d" % (tag[-2:], size % 7)
            )
        print(
            "queries per assignment by history size: %s"
            % ", ".join("%d -> %d" % kv for kv in medians.items())
        )
        floor.rotation_state = False
        env.cr.commit()
        env.cr.execute("SELECT coalesce(max(id), 0) FROM reception_visit")
        last_id = env.cr.fetchone()[0]
        ok = concurrent(DB, floor.id, args.workers, args.per_worker, tag[-2:])
        env.cr.rollback()
        env.cr.execute(
            "SELECT server_id, count(*) FROM reception_visit"
            " WHERE floor_id = %s AND id > %s AND counted GROUP BY server_id",
            [floor.id, last_id],
        )
        per_server = dict(env.cr.fetchall())
        counts = sorted(per_server.get(e, 0) for e in employees.ids)
        verdict = (
            "no turn given twice or lost"
            if sum(counts) == ok and counts[-1] - counts[0] <= 1
            else "MISMATCH"
        )
        print(
            "  after the concurrent run: %d counted visits for %d assignments,"
            " per salesperson min %d max %d -> %s"
            % (sum(counts), ok, counts[0], counts[-1], verdict),
            flush=True,
        )


if __name__ == "__main__":
    main()
