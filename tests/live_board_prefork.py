"""The live board under the production layout (issue 9, item 9), checked in
headless Chromium; prints what it saw, asserts nothing (like a benchmark)::

    .venv/bin/python tests/live_board_prefork.py [--db bench_reception_rotation]

On its own database (the benchmark's, created on first use) it sets up a
floor with three salespeople and two receptionists, then starts Odoo as
``make run WORKERS=4`` does (prefork: 4 HTTP workers, a cron worker, the
gevent websocket port) behind a small reverse proxy with the routes the README
gives nginx (``/websocket`` to the gevent port, the rest to the HTTP port).
Receptionist A opens the desk screen in Chromium through the proxy;
receptionist B, another desk, registers a walk-in over JSON-RPC. The script
prints whether A's open board showed the new visit without a reload, how long
it took, and whether it came through the bus (a listener on A's bus service
counts the floor's notifications; the board's fallback reload runs every 5
minutes only while the websocket is down).
"""

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time

import requests
import websocket
from bench_reception_rotation import (
    DB,
    DESK,
    Desk,
    free_port,
    new_user,
    setup_desk,
    start_server,
    wait_up,
)
from benchlib import odoo_env

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# gevent 22.10.2 (Odoo's pin for Python 3.11) loads its plugins through
# pkg_resources, which does not find zope.interface / zope.event installed
# under their normalised names (zope_interface-8.x.dist-info): the gevent
# process (websocket port) then dies at start. --zope-shim puts the dotted
# names on the gevent process's path to show the board once it starts.
SHIM_DISTS = (("zope.interface", "zope.interface"), ("zope.event", "zope.event"))


def zope_shim():
    """A directory with dotted-name dist-info for the installed zope
    packages; returns the environment for the server."""
    from importlib import metadata

    shim = tempfile.mkdtemp(prefix="zope_shim_")
    for dist, name in SHIM_DISTS:
        version = metadata.version(dist)
        info = os.path.join(shim, "%s-%s.dist-info" % (name, version))
        os.makedirs(info)
        with open(os.path.join(info, "METADATA"), "w", encoding="utf-8") as f:
            f.write("Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (name, version))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [shim, env.get("PYTHONPATH")]))
    return env


def gevent_failed(log):
    with open(log + ".out", encoding="utf-8", errors="replace") as f:
        text = f.read()
    marker = "DistributionNotFound: "
    return text[text.index(marker) :].splitlines()[0] if marker in text else None


BOARD = "/odoo/action-reception_rotation.reception_floor_action_board"


def proxy(listen_port, http_port, gevent_port):
    """nginx's two routes in a thread: a connection whose first request is
    for /websocket goes to the gevent port, any other to the HTTP port."""

    async def pipe(reader, writer):
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def handle(reader, writer):
        try:
            head = await reader.readuntil(b"\r\n")
            path = head.split(b" ")[1] if b" " in head else b"/"
            port = gevent_port if path.startswith(b"/websocket") else http_port
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", port)
        except (OSError, asyncio.IncompleteReadError):
            writer.close()  # the server is not there (yet, or any more)
            return
        up_writer.write(head)
        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

    loop = asyncio.new_event_loop()

    def run():
        asyncio.set_event_loop(loop)
        server = loop.run_until_complete(
            asyncio.start_server(handle, "127.0.0.1", listen_port)
        )
        loop.run_until_complete(server.serve_forever())

    threading.Thread(target=run, daemon=True).start()


class Chromium:
    """Headless Chromium driven over the DevTools protocol."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="live_board_")
        port = free_port()
        self.process = subprocess.Popen(
            [
                CHROMIUM,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--window-size=1024,768",
                "--remote-debugging-port=%d" % port,
                "--user-data-dir=%s" % self.profile,
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _i in range(100):
            try:
                pages = requests.get(
                    "http://127.0.0.1:%d/json" % port, timeout=2
                ).json()
                page = next(p for p in pages if p.get("type") == "page")
                break
            except (requests.RequestException, StopIteration, ValueError):
                time.sleep(0.2)
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0

    def send(self, method, **params):
        self.next_id += 1
        self.ws.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                return message.get("result", {})

    def js(self, expression):
        result = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True
        )
        return result.get("result", {}).get("value")

    def wait(self, expression, seconds=60):
        deadline = time.time() + seconds
        while time.time() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(0.2)
        return None

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait(30)
        shutil.rmtree(self.profile, ignore_errors=True)


VISITS = (
    "(() => { const b = document.querySelector('.o_reception_board'); "
    "if (!b || !b.querySelector('.o_reception_next')) return null; "
    "const n = [...b.querySelectorAll('b')].map(e => e.textContent); "
    "return {visits: n[0], loads: b.dataset.loads, "
    "heard: window.__boardHeard || 0}; })()"
)
SPY = (
    "(() => { const bus = odoo.__WOWL_DEBUG__.root.env.services.bus_service; "
    "window.__boardHeard = 0; bus.subscribe('reception_rotation/board', "
    "() => { window.__boardHeard++; }); return true; })()"
)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=DB)
    parser.add_argument(
        "--zope-shim",
        action="store_true",
        help="work around gevent's zope lookup (see SHIM_DISTS)",
    )
    args = parser.parse_args()
    tag = time.strftime("%H%M%S")
    with odoo_env(args.db, ["reception_rotation"]) as env:
        floor, desk_a, _crm = setup_desk(env, "live%s" % tag, sellers=3)
        # the first floor in name order (a later run's first): the one a
        # desk screen opens
        floor.name = "0 Live board %d" % (10**10 - int(time.time()))
        desk_b = new_user(env, "bench_live_desk_b_%s" % tag, [DESK])
        env.cr.commit()
        floor_id = floor.id
        logins = desk_a.login, desk_b.login
    port, gevent_port, front = free_port(), free_port(), free_port()
    log = "/tmp/live_board_prefork_%s.log" % tag
    server = start_server(
        args.db, port, gevent_port, log, env=zope_shim() if args.zope_shim else None
    )
    proxy(front, port, gevent_port)
    url = "http://127.0.0.1:%d" % front
    browser = None
    try:
        if not wait_up(url):
            print("the server did not start: see %s" % log)
            return
        a = Desk(url, args.db, logins[0])
        b = Desk(url, args.db, logins[1])
        browser = Chromium()
        browser.send("Network.enable")
        browser.send(
            "Network.setCookie",
            name="session_id",
            value=a.session.cookies["session_id"],
            url=url,
        )
        browser.send("Page.navigate", url=url + BOARD)
        before = browser.wait(VISITS, 120)
        if not before:
            print("the desk screen did not open (server log %s)" % log)
            return
        spied = bool(browser.js(SPY))
        time.sleep(3)  # the websocket subscribes to the floor's channel
        t0 = time.perf_counter()
        b.call_kw(
            "reception.floor",
            "register_visit",
            [[floor_id], {"visit_type": "directions"}],
        )
        seen = browser.wait(
            "(() => { const v = %s; return v && v.visits !== %s ? v : null; })()"
            % (VISITS, json.dumps(before["visits"])),
            30,
        )
        elapsed = time.perf_counter() - t0
        print(
            "prefork (--workers 4, gevent port %d) behind the /websocket route,"
            " desk A's open board: %s visits today" % (gevent_port, before["visits"])
        )
        if seen:
            print(
                "  after desk B's walk-in over JSON-RPC: %s visits today, shown"
                " %.1f s later without a reload; bus notifications heard: %s%s"
                % (
                    seen["visits"],
                    elapsed,
                    seen["heard"] if spied else "?",
                    " -> LIVE BOARD WORKS"
                    if (seen["heard"] if spied else True)
                    else " (not through the bus)",
                )
            )
        else:
            print("  desk B's walk-in did NOT reach the open board within 30 s")
        failure = gevent_failed(log)
        if failure:
            print(
                "  the gevent (websocket) process did not start: %s (server log"
                " %s.out; try --zope-shim)" % (failure, log)
            )
    finally:
        if browser:
            browser.close()
        server.terminate()
        server.wait(60)


if __name__ == "__main__":
    main()
