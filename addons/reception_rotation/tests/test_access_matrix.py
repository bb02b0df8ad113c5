"""X-02 X-07: who may do what, checked against the server both ways.

Each cell of ``MATRIX`` is one role x model x scope x operation: a letter
(R read, W write, C create, U unlink) means the server lets the role do it, a
dash that it raises AccessError. Scopes, separated by ``/``:

- own: the role's own record (their visit, make-up, customer, log line,
  credit, roster line; their own wizard), on the role's floor;
- other: a colleague's record on the same floor (for floors and rosters:
  another floor of the company; for wizards: another user's wizard, and a
  new wizard on that floor or of that colleague's visit);
- company: a record of another company's floor.

The same table is in readme/CONFIGURE.md.
"""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ReceptionCommon
from .roles import create_other_company

OPS = "RWCU"

# fmt: off
MATRIX = {
    "reception.floor": {
        "internal":              "----/----/----",
        "crm_salesperson":       "----/----/----",
        "crm_all_leads":         "----/----/----",
        "portal":                "----/----/----",
        "receptionist":          "R---/R---/----",
        "floor_manager":         "RWC-/RWC-/----",
        "floor_deputy":          "R---/R---/----",
        "reception_salesperson": "R---/R---/----",
    },
    "reception.roster": {
        "internal":              "----/----/----",
        "crm_salesperson":       "----/----/----",
        "crm_all_leads":         "----/----/----",
        "portal":                "----/----/----",
        "receptionist":          "RWC-/RWC-/----",
        "floor_manager":         "RWCU/RWCU/----",
        "floor_deputy":          "R---/R---/----",
        "reception_salesperson": "R---/R---/----",
    },
    "reception.roster.line": {
        "internal":              "----/----/----",
        "crm_salesperson":       "----/----/----",
        "crm_all_leads":         "----/----/----",
        "portal":                "----/----/----",
        "receptionist":          "RWCU/RWCU/----",
        "floor_manager":         "RWCU/RWCU/----",
        "floor_deputy":          "R---/R---/----",
        "reception_salesperson": "R---/R---/----",
    },
    "reception.visit": {
        "internal":              "----/----/----",
        "crm_salesperson":       "----/----/----",
        "crm_all_leads":         "----/----/----",
        "portal":                "----/----/----",
        "receptionist":          "RW--/RW--/----",
        "floor_manager":         "RW--/RW--/----",
        "floor_deputy":          "RW--/----/----",
        "reception_salesperson": "RW--/----/----",
    },
    "reception.makeup": {
        "internal":              "----/----/----",
        "crm_salesperson":       "----/----/----",
        "crm_all_leads":         "----/----/----",
        "portal":                "----/----/----",
        "receptionist":          "R---/R---/----",
        "floor_manager":         "R---/R---/----",
        "floor_deputy":          "R---/----/----",
        "reception_salesperson": "R---/----/----",
    },
    "reception.ownership": {
        "internal":              "----/----/----",
        "crm_salesperson":       "----/----/----",
        "crm_all_leads":         "----/----/----",
        "portal":                "----/----/----",
        "receptionist":          "R---/R---/----",
        "floor_manager":         "RW--/RW--/----",
        "floor_deputy":          "R---/----/----",
        "reception_salesperson": "R---/----/----",
    },
    "reception.log": {
        "internal":              "----/----/----",
        "crm_salesperson":       "----/----/----",
        "crm_all_leads":         "----/----/----",
        "portal":                "----/----/----",
        "receptionist":          "R---/R---/----",
        "floor_manager":         "R---/R---/----",
        "floor_deputy":          "R---/----/----",
        "reception_salesperson": "R---/----/----",
    },
    "reception.credit.split": {
        "internal":              "----/----/----",
        "crm_salesperson":       "----/----/----",
        "crm_all_leads":         "----/----/----",
        "portal":                "----/----/----",
        "receptionist":          "----/----/----",
        "floor_manager":         "RW--/RW--/----",
        "floor_deputy":          "R---/----/----",
        "reception_salesperson": "R---/----/----",
    },
    "reception.walkin.wizard": {
        "internal":              "----/----/----",
        "crm_salesperson":       "----/----/----",
        "crm_all_leads":         "----/----/----",
        "portal":                "----/----/----",
        "receptionist":          "RWCU/--C-/----",
        "floor_manager":         "RWCU/--C-/----",
        "floor_deputy":          "----/----/----",
        "reception_salesperson": "----/----/----",
    },
    "reception.override.wizard": {
        "internal":              "----/----/----",
        "crm_salesperson":       "----/----/----",
        "crm_all_leads":         "----/----/----",
        "portal":                "----/----/----",
        "receptionist":          "RWCU/--C-/----",
        "floor_manager":         "RWCU/--C-/----",
        "floor_deputy":          "RWCU/--C-/----",
        "reception_salesperson": "RWCU/--C-/----",
    },
    "reception.handover.wizard": {
        "internal":              "----/----/----",
        "crm_salesperson":       "----/----/----",
        "crm_all_leads":         "----/----/----",
        "portal":                "----/----/----",
        "receptionist":          "RWCU/--C-/----",
        "floor_manager":         "RWCU/--C-/----",
        "floor_deputy":          "RWCU/----/----",
        "reception_salesperson": "RWCU/----/----",
    },
}
# fmt: on
SCOPES = ("own", "other", "company")

READ_FIELDS = {
    "reception.floor": ["name"],
    "reception.roster": ["date"],
    "reception.roster.line": ["status"],
    "reception.visit": ["customer_name", "phone"],
    "reception.makeup": ["reason"],
    "reception.ownership": ["customer_name"],
    "reception.log": ["note"],
    "reception.credit.split": ["share"],
    "reception.walkin.wizard": ["floor_id"],
    "reception.override.wizard": ["reason"],
    "reception.handover.wizard": ["visit_id"],
}


class _Rollback(Exception):
    """Undo an operation that the server allowed."""


@tagged("post_install", "-at_install")
class TestAccessMatrix(ReceptionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the deputy of the matrix is the second salesperson, named on the
        # floor (RR-15); the reception salesperson is the first
        cls.floor.deputy_ids = cls.users[1]
        cls.acting = dict(
            cls.roles,
            reception_salesperson=cls.users[0],
            floor_deputy=cls.users[1],
        )
        cls.company_b, cls.floor_b, cls.users_b = create_other_company(cls.env)
        cls.emp_b = cls.floor_b.roster_ids.line_ids.employee_id
        cls.floor_a2 = cls.env["reception.floor"].create(
            {"name": "Second Showroom", "manager_id": cls.manager.id}
        )
        tomorrow = cls.floor._floor_today() + timedelta(days=1)
        cls.tomorrow = tomorrow

        def roster(floor, employees):
            return cls.env["reception.roster"].create(
                {
                    "floor_id": floor.id,
                    "date": tomorrow,
                    "line_ids": [(0, 0, {"employee_id": e.id}) for e in employees],
                }
            )

        cls.roster_a = roster(cls.floor, cls.s1 | cls.s2)
        cls.roster_a2 = roster(cls.floor_a2, cls.s1 | cls.s2)
        cls.roster_b = roster(cls.floor_b, cls.emp_b)
        floor = cls.floor.with_user(cls.desk)
        cls.visit = {}
        for emp in (cls.s1, cls.s2):
            visit = floor.register_visit(
                {
                    "visit_type": "new",
                    "customer_name": "Customer of %s" % emp.name,
                    "phone": "1380000%04d" % emp.id,
                }
            )
            cls.visit[emp] = visit.with_env(cls.env)
        cls.visit[cls.emp_b] = (
            cls.floor_b.with_user(cls.users_b["receptionist"])
            .register_visit(
                {"visit_type": "new", "customer_name": "B's", "phone": "13911112222"}
            )
            .with_env(cls.env)
        )
        Makeup = cls.env["reception.makeup"]
        Credit = cls.env["reception.credit.split"]
        cls.makeup, cls.credit, cls.log = {}, {}, {}
        for emp, visit in cls.visit.items():
            cls.makeup[emp] = Makeup.create(
                {
                    "floor_id": visit.floor_id.id,
                    "employee_id": emp.id,
                    "credit_key": "matrix-%s" % emp.id,
                    "reason": "favour",
                }
            )
            cls.credit[emp] = Credit.create(
                {
                    "lead_id": visit.lead_id.id,
                    "floor_id": visit.floor_id.id,
                    "company_id": visit.company_id.id,
                    "employee_id": emp.id,
                    "share": 1.0,
                    "visit_id": visit.id,
                }
            )
            cls.log[emp] = cls.env["reception.log"].search(
                [("visit_id", "=", visit.id), ("employee_id", "=", emp.id)], limit=1
            )

    # ------------------------------------------------------------ helpers

    def _people(self, role):
        """(own employee, colleague) of the acting role."""
        if role == "floor_deputy":
            return self.s2, self.s1
        return self.s1, self.s2

    def _wizard(self, model, user, scope, own, other):
        """An existing wizard of ``scope``: the user's own, a colleague's, or
        one of the other company's desk (created as that user, sudo only to
        have one for roles that may not create it)."""
        creator = {
            "own": user,
            "other": self.manager if user == self.desk else self.desk,
            "company": self.users_b["receptionist"],
        }[scope]
        vals = self._create_vals(model, scope, own, other)
        if scope == "other":
            vals = self._create_vals(model, "own", own, other)
        return self.env[model].with_user(creator).sudo().create(vals)

    def _record(self, model, role, scope):
        own, other = self._people(role)
        emp = {"own": own, "other": other, "company": self.emp_b}[scope]
        if model.endswith(".wizard"):
            return self._wizard(model, self.acting[role], scope, own, other)
        if model == "reception.floor":
            return {"own": self.floor, "other": self.floor_a2, "company": self.floor_b}[
                scope
            ]
        if model == "reception.roster":
            return {
                "own": self.roster_a,
                "other": self.roster_a2,
                "company": self.roster_b,
            }[scope]
        if model == "reception.roster.line":
            roster = self.roster_b if scope == "company" else self.roster_a
            return roster.line_ids.filtered(lambda ln: ln.employee_id == emp)
        if model == "reception.visit":
            return self.visit[emp]
        if model == "reception.makeup":
            return self.makeup[emp]
        if model == "reception.ownership":
            return self.visit[emp].ownership_id
        if model == "reception.log":
            return self.log[emp]
        return self.credit[emp]

    def _create_vals(self, model, scope, own, other):
        floor = {"own": self.floor, "other": self.floor_a2, "company": self.floor_b}[
            scope
        ]
        roster = {
            "own": self.roster_a,
            "other": self.roster_a2,
            "company": self.roster_b,
        }[scope]
        emp = {"own": own, "other": other, "company": self.emp_b}[scope]
        later = self.tomorrow + timedelta(days=10)
        return {
            "reception.floor": {"name": "New floor", "company_id": floor.company_id.id},
            "reception.roster": {"floor_id": floor.id, "date": later},
            "reception.roster.line": {
                "roster_id": roster.id,
                "employee_id": self.s3.id,
            },
            "reception.visit": {"floor_id": floor.id, "visit_type": "directions"},
            "reception.makeup": {
                "floor_id": floor.id,
                "employee_id": emp.id,
                "credit_key": "forged",
                "reason": "favour",
            },
            "reception.ownership": {
                "floor_id": floor.id,
                "customer_name": "Forged",
                "phone_normalized": "13999990000",
                "employee_id": emp.id,
                "first_registration_date": fields.Date.today(),
                "last_followup_date": fields.Date.today(),
            },
            "reception.log": {"floor_id": floor.id, "event_type": "alert"},
            "reception.credit.split": {
                "lead_id": self.visit[emp].lead_id.id,
                "employee_id": emp.id,
                "share": 1.0,
            },
            "reception.walkin.wizard": {"floor_id": floor.id},
            "reception.override.wizard": {
                "floor_id": floor.id,
                "employee_id": emp.id,
                "reason": "matrix",
            },
            "reception.handover.wizard": {
                "visit_id": self.visit[emp].id,
                "owner_id": other.id,
            },
        }[model]

    def _write_vals(self, model):
        return {
            "reception.floor": {"name": "Renamed"},
            "reception.roster": {"date": self.tomorrow + timedelta(days=20)},
            "reception.roster.line": {"start_hour": 10.0},
            "reception.visit": {"units": 2},
            "reception.makeup": {"employee_id": self.s3.id},
            "reception.ownership": {"customer_name": "Renamed"},
            "reception.log": {"note": "rewritten"},
            "reception.credit.split": {"share": 1.0},
            "reception.walkin.wizard": {"customer_name": "Renamed"},
            "reception.override.wizard": {"reason": "rewritten"},
            "reception.handover.wizard": {"stand_in_id": self.s3.id},
        }[model]

    def _allowed(self, operation):
        """True when the server lets ``operation`` run, False when it raises
        AccessError; what it changed is rolled back."""
        try:
            with self.env.cr.savepoint():
                operation()
                self.env.flush_all()
                raise _Rollback()
        except _Rollback:
            return True
        except AccessError:
            return False
        finally:
            self.env.invalidate_all()

    def _attempt(self, model, role, scope, op):
        user = self.acting[role]
        own, other = self._people(role)
        if op == "C":
            vals = self._create_vals(model, scope, own, other)
            return self._allowed(lambda: self.env[model].with_user(user).create(vals))
        record = self._record(model, role, scope).with_user(user)
        self.assertTrue(record, "%s %s %s has no record" % (model, role, scope))
        if op == "R":
            return self._allowed(lambda: record.read(READ_FIELDS[model]))
        if op == "W":
            vals = self._write_vals(model)
            return self._allowed(lambda: record.write(vals))
        return self._allowed(record.unlink)

    # ------------------------------------------------------------ the test

    def test_x07_access_matrix(self):
        """X-02 X-07: every cell of MATRIX, both ways."""
        mismatches = []
        cells = 0
        for model, rows in MATRIX.items():
            for role, expected in rows.items():
                for scope, letters in zip(SCOPES, expected.split("/"), strict=True):
                    for op, letter in zip(OPS, letters, strict=True):
                        cells += 1
                        allowed = self._attempt(model, role, scope, op)
                        if allowed != (letter == op):
                            mismatches.append(
                                "%s %s %s %s: expected %s, server %s"
                                % (
                                    model,
                                    role,
                                    scope,
                                    op,
                                    "allowed" if letter == op else "refused",
                                    "allowed" if allowed else "refused",
                                )
                            )
        self.assertEqual(cells, 11 * 8 * 3 * 4)
        self.assertFalse(mismatches, "\n".join(mismatches))

    def test_x07_matrix_in_readme(self):
        """The administrator's table in readme/CONFIGURE.md is this one."""
        from odoo.tools.misc import file_open

        with file_open("reception_rotation/readme/CONFIGURE.md") as readme:
            text = readme.read()
        for model, rows in MATRIX.items():
            for role, expected in rows.items():
                self.assertIn("| %s | %s | %s |" % (model, role, expected), text)
