"""Uninstall proof of the bridge (not a unit test: Odoo tests cannot
uninstall a module inside their transaction). Run it on a COPY of a database
where the bridge is installed; it uninstalls the bridge and checks that its
dashboard is gone while reception_rotation and the Dashboards app still work:

    createdb -T test_dashboards test_dashboards_un
    scripts/odoo.sh shell -d test_dashboards_un --no-http \
        < addons/spreadsheet_dashboard_reception_rotation/tests/uninstall_check.py
    dropdb test_dashboards_un

It prints "UNINSTALL CHECK OK" and leaves the copy uninstalled, or raises.
"""

# ruff: noqa: F821 (``env`` comes from the odoo-bin shell)
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry

NAME = "spreadsheet_dashboard_reception_rotation"
DASHBOARD = f"{NAME}.spreadsheet_dashboard_reception"
PARENTS = ["reception_rotation", "spreadsheet_dashboard"]
dbname = env.cr.dbname
bridge = env["ir.module.module"].search([("name", "=", NAME)])
assert bridge.state == "installed", bridge.state
bridge.button_immediate_uninstall()  # commits and reloads the registry

registry = Registry(dbname)
with registry.cursor() as cr:
    env2 = api.Environment(cr, SUPERUSER_ID, {})
    states = dict(
        env2["ir.module.module"]
        .search([("name", "in", [NAME, *PARENTS])])
        .mapped(lambda m: (m.name, m.state))
    )
    assert states == {
        NAME: "uninstalled",
        **dict.fromkeys(PARENTS, "installed"),
    }, states
    # the dashboard and the bridge's xml ids went with it
    assert not env2.ref(DASHBOARD, raise_if_not_found=False)
    assert not env2["ir.model.data"].search_count([("module", "=", NAME)])
    # the Dashboards app lists the dashboards left, the app's figures still
    # group (a copied database has no filestore: the spreadsheets are not read)
    assert all(env2["spreadsheet.dashboard"].search([]).mapped("name"))
    assert env2["reception.visit"].read_group([], ["__count"], [], lazy=False)
    print("UNINSTALL CHECK OK")  # pylint: disable=print-used
