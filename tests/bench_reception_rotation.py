"""Benchmark of reception_rotation: one assignment against the history size.

    .venv/bin/python tests/bench_reception_rotation.py [--sizes 5000,50000]
        [--assignments 200] [--workers 4] [--per-worker 50] [--fresh]
        [--db bench_reception_rotation] [--desk 100] [--profile]
        [--rpc] [--rpc-visits 200]

(--fresh recreates the bench database, e.g. after the addon changed).

The desk against a lead (issue 9, item 8): ``--desk N`` registers and closes N
walk-ins as the receptionist (a user holding the desk group only) and creates
N bare ``crm.lead`` records as a CRM salesperson, in the same run, and prints
the time and queries of each and their ratio. ``--profile`` also prints every
SQL query of one register + close, in order (where the queries go).
``--rpc`` runs the four-desk benchmark over JSON-RPC (see rpc_bench).

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
import re
import socket
import statistics
import threading
import time
from datetime import date, timedelta

import psycopg2
import psycopg2.errors
from benchlib import ROOT, odoo_env, registry_of
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


DESK = "reception_rotation.group_reception_rotation_desk"
SALESPERSON = "reception_rotation.group_reception_rotation_salesperson"
CRM_SALESMAN = "sales_team.group_sale_salesman"


def new_user(env, login, groups):
    """A user holding exactly ``groups`` (and internal user)."""
    return (
        env["res.users"]
        .with_context(no_reset_password=True, mail_create_nolog=True)
        .create(
            {
                "name": login,
                "login": login,
                "password": login,
                "groups_id": [
                    (6, 0, [env.ref(g).id for g in ("base.group_user", *groups)])
                ],
            }
        )
    )


def setup_desk(env, tag, sellers=10):
    """A floor as a shop runs it: salespeople with users in a sales team, a
    receptionist holding the desk group only, a CRM salesperson for the bare
    lead, today's roster, in a company of China (the floors' country, as
    the shops using it: Odoo's phone mixin then keeps phones in E.164).
    Returns ``(floor, desk_user, crm_user)``."""
    if not env.company.country_id:
        env.company.country_id = env.ref("base.cn")
    users = [
        new_user(env, "bench_seller_%s_%02d" % (tag, i), [SALESPERSON])
        for i in range(sellers)
    ]
    employees = env["hr.employee"].create(
        [{"name": u.name, "user_id": u.id} for u in users]
    )
    desk = new_user(env, "bench_desk_%s" % tag, [DESK])
    crm = new_user(env, "bench_crm_%s" % tag, [CRM_SALESMAN])
    team = env["crm.team"].create({"name": "Bench team %s" % tag})
    floor = env["reception.floor"].create(
        {"name": "Bench desk floor %s" % tag, "team_id": team.id}
    )
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
    return floor, desk, crm


def _per_call(env, count, act):
    """Run ``act(i)`` ``count`` times, each measured up to what the commit
    would do (flush and the precommit hooks: mail tracking), committed after
    each. Returns the median time (s) and queries per call."""
    times, queries = [], []
    for i in range(count):
        env.flush_all()
        env.cr.precommit.run()
        q0, t0 = env.cr.sql_log_count, time.perf_counter()
        act(i)
        env.flush_all()
        env.cr.precommit.run()
        times.append(time.perf_counter() - t0)
        queries.append(env.cr.sql_log_count - q0)
        env.cr.commit()
    return statistics.median(times), statistics.median(queries)


def desk_vs_lead(env, floor, desk, crm, count, tag):
    """Issue 9 item 8: register and close a walk-in as the receptionist
    against Odoo creating one CRM lead as a salesperson."""
    desk_floor = floor.with_user(desk)

    def visit(i):
        phone = "135%s%04d" % (tag[-4:], i)
        v = desk_floor.register_visit(
            {"visit_type": "new", "customer_name": "Desk %s" % phone, "phone": phone}
        )
        v.action_leave()

    def lead(i):
        phone = "134%s%04d" % (tag[-4:], i)
        env["crm.lead"].with_user(crm).create(
            {
                "name": "Lead %s" % phone,
                "type": "opportunity",
                "contact_name": "Lead %s" % phone,
                "phone": phone,
                "user_id": crm.id,
                "team_id": floor.team_id.id,
            }
        )

    visit(count + 1)  # warm the caches of both paths once
    env.cr.commit()
    lead(count + 1)
    env.cr.commit()
    v_time, v_queries = _per_call(env, count, visit)
    l_time, l_queries = _per_call(env, count, lead)
    print(
        "desk, %d walk-ins registered and closed as the receptionist:"
        " median %.1f ms, %d queries per visit\n"
        "bare crm.lead create, %d leads as a CRM salesperson:"
        " median %.1f ms, %d queries per lead\n"
        "ratio visit / lead: %.2fx time, %.2fx queries"
        % (
            count,
            v_time * 1000,
            v_queries,
            count,
            l_time * 1000,
            l_queries,
            v_time / l_time,
            v_queries / l_queries,
        ),
        flush=True,
    )


def profile_visit(env, floor, desk, tag):
    """Every SQL query of one register + close as the receptionist, in order
    (the first line of each, shortened)."""
    seen = []

    def hook(cr, query, params, start, delay):
        if isinstance(query, bytes):
            query = query.decode()
        seen.append((delay * 1000, " ".join(str(query).split())[:150]))

    phone = "133%s0001" % tag[-4:]
    env.flush_all()
    env.cr.precommit.run()
    thread = threading.current_thread()
    thread.query_hooks = [hook]
    try:
        v = floor.with_user(desk).register_visit(
            {"visit_type": "new", "customer_name": "Profile", "phone": phone}
        )
        env.flush_all()
        env.cr.precommit.run()
        seen.append((0.0, "---- action_leave"))
        v.action_leave()
        env.flush_all()
        env.cr.precommit.run()
    finally:
        del thread.query_hooks
    env.cr.commit()
    print("queries of one register + close (%d):" % len(seen))
    for n, (ms, q) in enumerate(seen, 1):
        print("%3d %6.2f ms  %s" % (n, ms, q))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rpc_setup(env, desks, tag, sellers=8):
    """The floor of the JSON-RPC run: ``sellers`` salespeople with users,
    ``desks`` receptionists (login = password), today's roster."""
    floor, _desk, _crm = setup_desk(env, "rpc%s" % tag, sellers=sellers)
    logins = [
        new_user(env, "bench_rpc_desk_%s_%d" % (tag, i), [DESK]).login
        for i in range(desks)
    ]
    env.cr.commit()
    return floor.id, logins


class Desk:
    """One desk client: its own HTTP session, logged in as a receptionist."""

    def __init__(self, url, db, login):
        import requests

        self.url = url
        self.session = requests.Session()
        self.call("/web/session/authenticate", db=db, login=login, password=login)

    def call(self, path, **params):
        response = self.session.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=120,
        )
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            raise RuntimeError(body["error"]["data"].get("message", body["error"]))
        return body.get("result")

    def call_kw(self, model, method, args):
        return self.call(
            "/web/dataset/call_kw/%s/%s" % (model, method),
            model=model,
            method=method,
            args=args,
            kwargs={},
        )


def start_server(db, port, gevent_port, log, env=None):
    """Odoo as the production layout runs it (Makefile PREFORK): 4 HTTP
    workers, a cron worker, the gevent port, the workers' limits."""
    import subprocess

    cmd = [
        str(ROOT / "scripts" / "odoo.sh"),
        "-d",
        db,
        "--db-filter=^%s$" % db,
        "--workers=4",
        "--max-cron-threads=1",
        "--http-port=%d" % port,
        "--gevent-port=%d" % gevent_port,
        "--limit-time-real=120",
        "--limit-time-cpu=60",
        "--limit-time-real-cron=120",
        "--limit-memory-soft=2147483648",
        "--limit-memory-hard=2684354560",
        "--log-level=warn",
        # Odoo's own retries of serialization failures are logged here
        "--log-handler=odoo.service.model:INFO",
        "--logfile=%s" % log,
    ]
    # what dies before Odoo's logging starts (the gevent process) goes here
    with open(log + ".out", "w", encoding="utf-8") as out:
        return subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)


def wait_up(url, seconds=180):
    import requests

    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if requests.get(url + "/web/login", timeout=5).status_code == 200:
                return True
        except requests.RequestException:
            pass
        time.sleep(1)
    return False


def rpc_bench(env, db, desks, visits, tag):
    """Issue 9 item 8: ``desks`` receptionists register and close ``visits``
    walk-ins in all over JSON-RPC, at the same time, against a server started
    with --workers 4; p50 / p95 latency, retries (Odoo's, from its log, and
    the clients'), and the visits counted per salesperson (fair rotation:
    they differ by at most one)."""
    floor_id, logins = rpc_setup(env, desks, tag)
    port, gevent_port = free_port(), free_port()
    log = "/tmp/bench_reception_rpc_%s_%s.log" % (db, tag)
    server = start_server(db, port, gevent_port, log)
    url = "http://127.0.0.1:%d" % port
    try:
        if not wait_up(url):
            print("the server did not start: see %s" % log)
            return
        # each desk logs in, then warms its worker
        clients = [Desk(url, db, login) for login in logins]
        for client in clients:
            client.call_kw("reception.floor", "get_board_data", [floor_id])
        latencies, calls, client_retries, errors = [], [], [0], []
        lock = threading.Lock()
        visit_id = re.compile(r"\((\d+),?\)")

        def timed(client, model, method, args):
            while True:
                t0 = time.perf_counter()
                try:
                    result = client.call_kw(model, method, args)
                except RuntimeError as err:
                    if (
                        "serializ" in str(err).lower()
                        or "concurren" in str(err).lower()
                    ):
                        with lock:
                            client_retries[0] += 1
                        continue
                    raise
                with lock:
                    calls.append(time.perf_counter() - t0)
                return result

        def walk_in(call, client, phone):
            """Register a walk-in and close it, through ``call``."""
            shown = call(
                client,
                "reception.floor",
                "register_visit",
                [
                    [floor_id],
                    {
                        "visit_type": "new",
                        "customer_name": "RPC %s" % phone,
                        "phone": phone,
                    },
                ],
            )
            vid = int(visit_id.search(shown).group(1))
            call(client, "reception.visit", "action_leave", [[vid]])

        def work(index, client):
            for i in range(index, visits, desks):
                t0 = time.perf_counter()
                try:
                    walk_in(timed, client, "131%s%04d" % (tag[-4:], i))
                except Exception as err:  # report and stop this desk
                    errors.append(repr(err))
                    return
                with lock:
                    latencies.append(time.perf_counter() - t0)

        fresh, fresh_errors = [], []

        def fresh_sessions(count=8):
            # the red team's R1: the first call of a session is a desk
            # action, after Odoo logged the session's device on the same
            # cursor (so the desk cannot start on a fresh snapshot)
            for i in range(count):
                client = Desk(url, db, logins[0])
                t0 = time.perf_counter()
                try:
                    walk_in(
                        lambda c, *call: c.call_kw(*call),
                        client,
                        "139%s%04d" % (tag[-4:], i),
                    )
                except Exception as err:  # counted and reported
                    fresh_errors.append(repr(err)[:160])
                    continue
                fresh.append(time.perf_counter() - t0)

        threads = [
            threading.Thread(target=work, args=(n, c)) for n, c in enumerate(clients)
        ] + [threading.Thread(target=fresh_sessions)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(60)
    with open(log, encoding="utf-8", errors="replace") as f:
        server_retries = sum(1 for line in f if "try again in" in line)
    latencies.sort()
    calls.sort()

    def pct(values, p):
        return values[max(0, int(len(values) * p) - 1)] * 1000 if values else 0.0

    print(
        "JSON-RPC, %d desks against --workers 4 (port %d): %d walk-ins registered"
        " and closed in %.1f s (%.1f per s)\n"
        "  per walk-in (register + close): p50 %.0f ms, p95 %.0f ms;"
        " per call: p50 %.0f ms, p95 %.0f ms\n"
        "  retries: %d by Odoo (serialization failures, server log %s),"
        " %d by the clients"
        % (
            desks,
            port,
            len(latencies),
            elapsed,
            len(latencies) / elapsed if elapsed else 0,
            pct(latencies, 0.5),
            pct(latencies, 0.95),
            pct(calls, 0.5),
            pct(calls, 0.95),
            server_retries,
            log,
            client_retries[0],
        ),
        flush=True,
    )
    if errors:
        print("  errors:", errors[:3])
    fresh.sort()
    print(
        "  meanwhile, a desk action as the first call of a new session, %d times:"
        " p50 %.0f ms, max %.0f ms, %d failed%s"
        % (
            len(fresh) + len(fresh_errors),
            pct(fresh, 0.5),
            fresh[-1] * 1000 if fresh else 0.0,
            len(fresh_errors),
            (": %s" % fresh_errors[:2]) if fresh_errors else "",
        ),
        flush=True,
    )
    env.cr.rollback()  # a new snapshot: the server's commits
    env.cr.execute(
        "SELECT e.name, count(v.id) FILTER (WHERE v.counted)"
        " FROM reception_roster_line l"
        " JOIN reception_roster r ON r.id = l.roster_id"
        " JOIN hr_employee e ON e.id = l.employee_id"
        " LEFT JOIN reception_visit v ON v.server_id = e.id AND v.floor_id = %s"
        " WHERE r.floor_id = %s GROUP BY e.name ORDER BY e.name",
        [floor_id, floor_id],
    )
    counts = env.cr.fetchall()
    values = [c for _n, c in counts]
    print(
        "  counted visits per salesperson: %s -> %s"
        % (
            ", ".join("%s %d" % (n.rsplit("_", 1)[-1], c) for n, c in counts),
            "fair (differ by at most 1)"
            if values and max(values) - min(values) <= 1
            else "UNFAIR",
        ),
        flush=True,
    )


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
    parser.add_argument("--db", default=DB, help="the bench database")
    parser.add_argument(
        "--sizes", default="5000,50000", help="history sizes ('' skips them)"
    )
    parser.add_argument("--assignments", type=int, default=200)
    parser.add_argument(
        "--workers", type=int, default=4, help="threads of the in-process run (0: none)"
    )
    parser.add_argument("--per-worker", type=int, default=50)
    parser.add_argument(
        "--desk", type=int, default=100, help="walk-ins of the desk/lead run (0: none)"
    )
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--rpc", action="store_true", help="four desks over JSON-RPC (--workers 4)"
    )
    parser.add_argument("--rpc-visits", type=int, default=200)
    parser.add_argument("--rpc-desks", type=int, default=4)
    parser.add_argument(
        "--fresh", action="store_true", help="recreate the bench database first"
    )
    args = parser.parse_args()
    tag = time.strftime("%H%M%S")
    with odoo_env(args.db, ["reception_rotation"], fresh=args.fresh) as env:
        if args.desk or args.profile:
            floor, desk, crm = setup_desk(env, tag)
            if args.desk:
                desk_vs_lead(env, floor, desk, crm, args.desk, tag)
            if args.profile:
                profile_visit(env, floor, desk, tag)
        if args.sizes:
            history(env, args, tag[:4])
        if args.rpc:
            rpc_bench(env, args.db, args.rpc_desks, args.rpc_visits, tag)


def history(env, args, tag):
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
            env, floor, args.assignments, "%s%02d" % (tag[-2:], size % 97)
        )
    print(
        "queries per assignment by history size: %s"
        % ", ".join("%d -> %d" % kv for kv in medians.items())
    )
    if not args.workers:
        return
    floor.rotation_state = False
    env.cr.commit()
    env.cr.execute("SELECT coalesce(max(id), 0) FROM reception_visit")
    last_id = env.cr.fetchone()[0]
    ok = concurrent(args.db, floor.id, args.workers, args.per_worker, tag[-4:])
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
