"""Uninstall proof of the bridge (not a unit test: Odoo tests cannot
uninstall a module inside their transaction). Run it on a COPY of a database
where the bridge is installed; it uninstalls the bridge and checks that
customer_callback and survey still work:

    createdb -T test_customer_callback_survey test_customer_callback_survey_un
    scripts/odoo.sh shell -d test_customer_callback_survey_un --no-http \
        < addons/customer_callback_survey/tests/uninstall_check.py
    dropdb test_customer_callback_survey_un

It prints "UNINSTALL CHECK OK" and leaves the copy uninstalled, or raises.
"""

# ruff: noqa: F821 (``env`` and ``odoo`` come from the odoo-bin shell)
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.modules.registry import Registry

NAME = "customer_callback_survey"
dbname = env.cr.dbname
bridge = env["ir.module.module"].search([("name", "=", NAME)])
assert bridge.state == "installed", bridge.state
bridge.button_immediate_uninstall()  # commits and reloads the registry

registry = Registry(dbname)
with registry.cursor() as cr:
    env2 = api.Environment(cr, SUPERUSER_ID, {})
    states = dict(
        env2["ir.module.module"]
        .search([("name", "in", [NAME, "customer_callback", "survey"])])
        .mapped(lambda m: (m.name, m.state))
    )
    assert states == {
        NAME: "uninstalled",
        "customer_callback": "installed",
        "survey": "installed",
    }, states
    # the bridge's fields, columns, rules, template and job are gone
    assert "survey_state" not in env2["callback.plan"]._fields
    assert "callback_plan_id" not in env2["survey.user_input"]._fields
    cr.execute(
        "SELECT table_name, column_name FROM information_schema.columns"
        " WHERE (table_name = 'callback_plan' AND column_name LIKE 'survey%%')"
        " OR (table_name = 'callback_record' AND column_name LIKE 'survey%%')"
        " OR (table_name = 'survey_user_input' AND column_name LIKE 'callback%%')"
        " OR (table_name = 'res_company' AND column_name = 'callback_survey_days')"
    )
    leftovers = cr.fetchall()
    assert not leftovers, leftovers
    assert not env2["ir.model.data"].search([("module", "=", NAME)]), "xml ids left"
    assert not env2["ir.rule"].search([("name", "ilike", "assigned to oneself")])
    # customer_callback works: a plan is planned, filed and done
    partner = env2["res.partner"].create({"name": "Uninstall check customer"})
    employee = env2["hr.employee"].search([("user_id", "!=", False)], limit=1)
    now = fields.Datetime.now()
    plan = env2["callback.plan"].create(
        {
            "partner_id": partner.id,
            "employee_id": employee.id,
            "channel": "survey",  # the channel is customer_callback's label again
            "date_deadline": now + timedelta(days=3),
        }
    )
    record = env2["callback.record"].create({"plan_id": plan.id, "reached": True})
    record.action_done()
    assert plan.state == "done", plan.state
    # survey works: its answers are read and created without the bridge's rule
    survey = env2["survey.survey"].search([], limit=1)
    if survey:
        survey._create_answer(partner=partner, check_attempts=False)
    officer = env2.ref("survey.group_survey_user").users[:1]
    if officer:
        env2["survey.user_input"].with_user(officer).search([])
    cr.rollback()
print("UNINSTALL CHECK OK")  # pylint: disable=print-used
