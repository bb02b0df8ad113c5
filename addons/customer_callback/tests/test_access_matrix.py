"""X-02 X-06 X-07 CB-17: who may do what, checked against the server both ways.

MATRIX is the table of readme/CONFIGURE.md. Each cell is a role acting on a
record of a scope with one operation: r(ead), w(rite), c(reate), u(nlink).
A letter in the cell: the operation succeeds (and is rolled back); no letter:
it raises AccessError. Scopes: the record of the callback staff member
("staff"), of a colleague in the same team ("colleague"), of another team
("other_team"), of the second company ("company2"); configuration shared by
all companies ("shared"); the first company ("company"); a wizard of one's
own ("own") or of somebody else ("another", create not applicable).
Roles (tests/roles.py): internal user, CRM salesperson, portal user, callback
staff, a callback user of the complaints department ("handler"), the team's
callback manager, the callback manager of the second company.
"""

from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CallbackRolesCase

ROLES = ("internal", "sales", "portal", "staff", "handler", "manager", "c2_mgr")

MATRIX = """
model                    scope      internal sales portal staff handler manager c2_mgr
callback.trigger.type    shared     -        -     -      r     r       r       r
callback.trigger.type    company    -        -     -      r     r       rwcu    -
callback.trigger.type    company2   -        -     -      -     -       -       rwcu
callback.questionnaire   shared     -        -     -      r     r       r       r
callback.questionnaire   company    -        -     -      r     r       rwcu    -
callback.questionnaire   company2   -        -     -      -     -       -       rwcu
callback.question        shared     -        -     -      r     r       r       r
callback.question        company    -        -     -      r     r       rwcu    -
callback.question        company2   -        -     -      -     -       -       rwcu
callback.plan            staff      -        -     -      rwc   -       rwc     -
callback.plan            colleague  -        -     -      -     -       rwc     -
callback.plan            other_team -        -     -      -     -       -       -
callback.plan            company2   -        -     -      -     -       -       rwc
callback.record          staff      -        -     -      rwc   -       rwcu    -
callback.record          colleague  -        -     -      -     -       rwcu    -
callback.record          other_team -        -     -      -     -       -       -
callback.record          company2   -        -     -      -     -       -       rwcu
callback.answer          staff      -        -     -      rwcu  -       rwcu    -
callback.answer          colleague  -        -     -      -     -       rwcu    -
callback.answer          other_team -        -     -      -     -       -       -
callback.answer          company2   -        -     -      -     -       -       rwcu
callback.escalation      staff      -        -     -      rwc   r       rwc     -
callback.escalation      colleague  -        -     -      -     r       rwc     -
callback.escalation      other_team -        -     -      -     r       -       -
callback.escalation      company2   -        -     -      -     -       -       rwc
callback.sampling        company    -        -     -      r     r       r       -
callback.sampling        company2   -        -     -      -     -       -       r
callback.figure          staff      -        -     -      r     -       r       -
callback.figure          colleague  -        -     -      -     -       r       -
callback.figure          other_team -        -     -      -     -       -       -
callback.figure          company2   -        -     -      -     -       -       r
callback.dealer.deduction company  -        -     -      -     -       rwcu    -
callback.dealer.deduction company2 -        -     -      -     -       -       rwcu
callback.cost            staff      -        -     -      rwcu  -       rwcu    -
callback.cost            colleague  -        -     -      -     -       rwcu    -
callback.cost            other_team -        -     -      -     -       -       -
callback.cost            company2   -        -     -      -     -       -       rwcu
callback.spot.check      staff      -        -     -      r     -       rwcu    -
callback.spot.check      colleague  -        -     -      -     -       rwcu    -
callback.spot.check      other_team -        -     -      -     -       -       -
callback.spot.check      company2   -        -     -      -     -       -       rwcu
callback.spot.check.line staff      -        -     -      r     -       rw      -
callback.spot.check.line colleague  -        -     -      -     -       rw      -
callback.spot.check.line other_team -        -     -      -     -       -       -
callback.spot.check.line company2   -        -     -      -     -       -       rw
callback.planning.wizard own        -        -     -      -     -       rwcu    rwcu
callback.planning.wizard another    -        -     -      -     -       -       -
callback.ranking.wizard  own        -        -     -      rwcu  rwcu    rwcu    rwcu
callback.ranking.wizard  another    -        -     -      -     -       -       -
callback.export.wizard   own        -        -     -      rwcu  rwcu    rwcu    rwcu
callback.export.wizard   another    -        -     -      -     -       -       -
callback.event.wizard    own        -        -     -      rwcu  rwcu    rwcu    rwcu
callback.event.wizard    another    -        -     -      -     -       -       -
callback.dealer.figure.wizard own   -        -     -      -     -       rwcu    rwcu
callback.dealer.figure.wizard another -      -     -      -     -       -       -
callback.team.cost.wizard own       -        -     -      -     -       rwcu    rwcu
callback.team.cost.wizard another   -        -     -      -     -       -       -
"""

# role x model x operation cells the matrix checks (create is not applicable
# to somebody else's wizard)
MATRIX_CELLS = 1554

WRITE_VALS = {
    "callback.trigger.type": {"sequence": 42},
    "callback.questionnaire": {"note": "Matrix"},
    "callback.question": {"sequence": 42},
    "callback.plan": {"note": "<p>Matrix</p>"},
    "callback.record": {"suggestions": "Matrix"},
    "callback.answer": {"note": "Matrix"},
    "callback.escalation": {"feedback": "Matrix"},
    "callback.sampling": {"strata": "Matrix"},
    "callback.figure": {"quarter": "2026-Q9"},
    "callback.dealer.deduction": {"note": "Matrix"},
    "callback.cost": {"name": "Matrix"},
    "callback.spot.check": {"sample_size": 4},
    "callback.spot.check.line": {"score": 50},
    "callback.planning.wizard": {"seed": "42"},
    "callback.ranking.wizard": {"group_by": "company"},
    "callback.export.wizard": {"quarter": "2026-Q1"},
    "callback.event.wizard": {"origin": "Matrix"},
    "callback.dealer.figure.wizard": {"year": 2025},
    "callback.team.cost.wizard": {"year": 2025},
}


class _Undo(Exception):
    """Rolls a successful operation back."""


def parse_matrix(text=MATRIX):
    lines = [line.split() for line in text.strip().splitlines()]
    header, rows = lines[0], lines[1:]
    assert tuple(header[2:]) == ROLES, header
    return {(row[0], row[1]): dict(zip(ROLES, row[2:], strict=True)) for row in rows}


@tagged("post_install", "-at_install")
class TestAccessMatrix(CallbackRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        roles = cls.roles
        c2 = roles.company2
        cls.users = {
            "internal": cls.internal,
            "sales": cls.salesman,
            "portal": cls.portal,
            "staff": cls.staff,
            "handler": cls.handler,
            "manager": cls.manager,
            "c2_mgr": roles.company2_manager,
        }
        colleague = roles["salesman_callback"]
        env2 = cls.env(context=dict(cls.env.context, allowed_company_ids=c2.ids))
        # configuration
        # CB-18: shared configuration is the administrator's
        questionnaire = cls.env["callback.questionnaire"].create(
            {
                "name": "Matrix",
                "company_id": False,
                "question_ids": [(0, 0, {"name": "Matrix Q"})],
            }
        )
        questionnaire1 = cls.env["callback.questionnaire"].create(
            {
                "name": "Matrix C1",
                "company_id": cls.company.id,
                "question_ids": [(0, 0, {"name": "Matrix Q1"})],
            }
        )
        questionnaire2 = env2["callback.questionnaire"].create(
            {
                "name": "Matrix C2",
                "company_id": c2.id,
                "question_ids": [(0, 0, {"name": "Matrix Q2"})],
            }
        )
        cls.questionnaires = {
            "shared": questionnaire,
            "company": questionnaire1,
            "company2": questionnaire2,
        }
        # the answers of the fixtures use questions of their own, so that the
        # questions of the matrix can be deleted
        answered = {
            "shared": cls.env["callback.questionnaire"].create(
                {
                    "name": "Answered",
                    "company_id": False,
                    "question_ids": [(0, 0, {"name": "A"})],
                }
            ),
            "company2": env2["callback.questionnaire"].create(
                {
                    "name": "Answered C2",
                    "company_id": c2.id,
                    "question_ids": [(0, 0, {"name": "A2"})],
                }
            ),
        }
        cls.answered = answered
        triggers = {
            # CB-18: shared configuration is the administrator's
            "shared": cls.env["callback.trigger.type"].create(
                {"name": "Matrix", "code": "matrix", "company_id": False}
            ),
            "company": cls.env["callback.trigger.type"].create(
                {"name": "Matrix C1", "code": "matrix", "company_id": cls.company.id}
            ),
            "company2": env2["callback.trigger.type"].create(
                {"name": "Matrix C2", "code": "matrix", "company_id": c2.id}
            ),
        }
        # customers, plans, records, answers, escalations per scope
        Partner = cls.env["res.partner"]
        c2_employee = roles.employee(roles.company2_user)
        owners = {
            "staff": (
                cls.customer,
                cls.emp_staff,
                cls.company,
                roles.complaint_department,
            ),
            "colleague": (
                Partner.create({"name": "Colleague's customer"}),
                roles.employee(colleague),
                cls.company,
                roles.complaint_department,
            ),
            "other_team": (
                cls.other_customer,
                cls.emp_other,
                cls.company,
                roles.complaint_department,
            ),
            "company2": (
                Partner.create({"name": "C2 customer"}),
                c2_employee,
                c2,
                roles.company2_department,
            ),
        }
        cls.owners = owners
        records = {}
        for scope, (partner, employee, company, department) in owners.items():
            env = env2 if scope == "company2" else cls.env
            target_plan, plan = env["callback.plan"].create(
                [
                    {
                        "partner_id": partner.id,
                        "employee_id": employee.id,
                        "company_id": company.id,
                        "date_deadline": datetime(2026, 2, day),
                    }
                    for day in (10, 11)
                ]
            )
            question = answered[
                "company2" if scope == "company2" else "shared"
            ].question_ids
            record, escalated = env["callback.record"].create(
                [
                    {
                        "plan_id": plan.id,
                        "company_id": company.id,
                        "date": datetime(2026, 2, 5),
                        # CB-10: only the questionnaire's questions are answered
                        "questionnaire_id": question.questionnaire_id.id,
                        "answer_ids": [
                            (0, 0, {"question_id": question.id, "score": 4})
                        ],
                    }
                    for _i in range(2)
                ]
            )
            escalation = env["callback.escalation"].create(
                {
                    "record_id": escalated.id,
                    "department_id": department.id,
                    "company_id": company.id,
                    "date_deadline": datetime(2026, 3, 1),
                }
            )
            records[scope] = {
                "callback.plan": target_plan,
                "plan_with_records": plan,
                "callback.record": record,
                "callback.answer": record.answer_ids,
                "escalated": escalated,
                "callback.escalation": escalation,
                "callback.figure": cls.env["callback.figure"].search(
                    [("employee_id", "=", employee.id)]
                ),
            }
            # CB-20 CB-21: a claim, a spot check and a sampled callback (of
            # the escalated record, kept whatever happens to the other one)
            # CB-21: one check per staff member and quarter; the matrix
            # creates its own in a quarter of its own
            spot_vals = {
                "employee_id": employee.id,
                "company_id": company.id,
                "quarter": "2026-Q3",
            }
            spot, sampled = env["callback.spot.check"].create(
                [
                    dict(spot_vals, quarter="2026-Q1"),
                    dict(spot_vals, quarter="2026-Q2"),
                ]
            )
            records[scope].update(
                {
                    "callback.cost": env["callback.cost"].create(
                        {"record_id": escalated.id, "name": "Taxi", "amount": 10}
                    ),
                    "callback.spot.check": spot,
                    "callback.spot.check.line": env["callback.spot.check.line"].create(
                        {"spot_check_id": sampled.id, "record_id": escalated.id}
                    ),
                    "spot_vals": spot_vals,
                }
            )
        samplings = {
            scope: cls.env["callback.sampling"].create(
                {
                    "name": "Matrix",
                    "quarter": "2026-Q1",
                    "seed": "1",
                    "company_id": company.id,
                }
            )
            for scope, company in (("company", cls.company), ("company2", c2))
        }
        cls.records = records
        cls.dealer = Partner.create(
            {"name": "Matrix dealer", "is_company": True, "is_callback_dealer": True}
        )
        deductions = {
            scope: cls.env["callback.dealer.deduction"].create(
                {
                    "name": "Matrix",
                    "dealer_id": cls.dealer.id,
                    "quarter": "2026-Q1",
                    "amount": 1000,
                    "company_id": company.id,
                }
            )
            for scope, company in (("company", cls.company), ("company2", c2))
        }
        cls.config = {
            "callback.dealer.deduction": deductions,
            "callback.trigger.type": triggers,
            "callback.questionnaire": cls.questionnaires,
            "callback.question": {
                scope: q.question_ids for scope, q in cls.questionnaires.items()
            },
            "callback.sampling": samplings,
        }
        cls.wizard_vals = {
            "callback.planning.wizard": {
                "year": 2026,
                "quarter": "2",
                "sample_ratio": 10,
            },
            "callback.ranking.wizard": {"quarter": "2026-Q1"},
            "callback.export.wizard": {"quarter": "2026-Q2"},
            "callback.event.wizard": {
                "partner_ids": [(6, 0, cls.customer.ids)],
                "trigger_type_id": cls.env.ref("customer_callback.trigger_repair").id,
                "date_event": datetime(2026, 2, 5),
            },
            "callback.dealer.figure.wizard": {"year": 2026},
            "callback.team.cost.wizard": {"year": 2026},
        }
        cls.another_wizards = {
            model: cls.env[model].create(vals)
            for model, vals in cls.wizard_vals.items()
        }

    # ------------------------------------------------------------ helpers
    def _as(self, model, role):
        user = self.users[role]
        return (
            self.env[model]
            .with_user(user)
            .with_context(allowed_company_ids=user.company_ids.ids)
        )

    def _target(self, model, scope, role):
        if model in self.wizard_vals:
            if scope == "another":
                return self.another_wizards[model]
            # the role's own wizard (sudo keeps the uid: create_uid is the role)
            return self._as(model, role).sudo().create(self.wizard_vals[model])
        if model in self.config:
            return self.config[model][scope]
        return self.records[scope][model]

    def _create_vals(self, model, scope):
        if model in self.wizard_vals:
            return self.wizard_vals[model]
        company2 = scope == "company2"
        c2 = self.roles.company2
        owner = {"shared": False, "company": self.company.id, "company2": c2.id}
        if model == "callback.trigger.type":
            return {"name": "New", "code": "new", "company_id": owner[scope]}
        if model == "callback.questionnaire":
            return {"name": "New", "company_id": owner[scope]}
        if model == "callback.question":
            return {"questionnaire_id": self.questionnaires[scope].id, "name": "New"}
        if model == "callback.sampling":
            return {
                "name": "New",
                "quarter": "2026-Q2",
                "seed": "2",
                "company_id": (c2 if company2 else self.company).id,
            }
        if model == "callback.figure":
            return {"quarter": "2026-Q1"}
        if model == "callback.dealer.deduction":
            return {
                "name": "New",
                "dealer_id": self.dealer.id,
                "quarter": "2026-Q2",
                "amount": 2000,
                "company_id": (c2 if company2 else self.company).id,
            }
        partner, employee, company_rec, department = self.owners[scope]
        scoped = self.records[scope]
        if model == "callback.plan":
            return {
                "partner_id": partner.id,
                "employee_id": employee.id,
                "company_id": company_rec.id,
                "date_deadline": datetime(2026, 5, 10),
            }
        if model == "callback.record":
            return {
                "plan_id": scoped["plan_with_records"].id,
                "company_id": company_rec.id,
                "date": datetime(2026, 2, 6),
            }
        if model == "callback.cost":
            return {"record_id": scoped["escalated"].id, "name": "New", "amount": 5}
        if model == "callback.spot.check":
            return scoped["spot_vals"]
        if model == "callback.spot.check.line":
            return {
                "spot_check_id": scoped["callback.spot.check"].id,
                "record_id": scoped["escalated"].id,
            }
        if model == "callback.answer":
            question = self.answered["company2" if company2 else "shared"].question_ids
            return {
                "record_id": scoped["callback.record"].id,
                "question_id": question.id,
                "score": 3,
            }
        if model == "callback.escalation":
            return {
                "record_id": scoped["escalated"].id,
                "department_id": department.id,
                "company_id": company_rec.id,
                "date_deadline": datetime(2026, 3, 2),
            }
        raise AssertionError(model)

    def _allowed(self, operation):
        try:
            with self.env.cr.savepoint():
                operation()
                raise _Undo
        except _Undo:
            return True
        except AccessError:
            return False
        finally:
            self.env.invalidate_all()

    # --------------------------------------------------------------- test
    def test_x02_cb17_access_matrix_both_ways(self):
        matrix = parse_matrix()
        mismatches, cells = [], 0
        for (model, scope), by_role in matrix.items():
            for role, expected in by_role.items():
                target = self._target(model, scope, role)
                self.assertTrue(target, f"{model} {scope}: no record to test")
                as_role = target.with_user(self.users[role]).with_context(
                    allowed_company_ids=self.users[role].company_ids.ids
                )
                operations = {
                    "r": lambda r=as_role: r.read(["display_name"]),
                    "w": lambda r=as_role, m=model: r.write(WRITE_VALS[m]),
                    "u": lambda r=as_role: r.unlink(),
                }
                if scope != "another":
                    operations["c"] = lambda m=model, s=scope, o=role: self._as(
                        m, o
                    ).create(self._create_vals(m, s))
                for letter, operation in operations.items():
                    cells += 1
                    allowed = self._allowed(operation)
                    if allowed != (letter in expected):
                        mismatches.append(
                            f"{role} {letter} {model} {scope}:"
                            f" {'allowed' if allowed else 'refused'}"
                        )
        self.maxDiff = None
        self.assertEqual(mismatches, [])
        self.assertEqual(cells, MATRIX_CELLS)

    def test_x02_configure_md_shows_the_same_table(self):
        """The administrator's table (readme/CONFIGURE.md) is this matrix."""
        from odoo.modules.module import get_module_path

        path = get_module_path("customer_callback") + "/readme/CONFIGURE.md"
        with open(path, encoding="utf-8") as readme:
            text = readme.read()
        block = text.split("<!-- access matrix -->")[1]
        lines = [
            line.strip("| ").split("|")
            for line in block.strip().splitlines()
            if line.startswith("| callback.")
        ]
        documented = {
            (cells[0].strip(), cells[1].strip()): dict(
                zip(ROLES, [cell.strip() for cell in cells[2:]], strict=True)
            )
            for cells in lines
        }
        self.assertEqual(documented, parse_matrix())
