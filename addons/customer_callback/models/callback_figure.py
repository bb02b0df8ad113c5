from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..engine import figures, frequency


class CallbackFigure(models.Model):
    """CB-14: callback figures per company, staff member, team and quarter.

    A read-only SQL view over plans (quarter of the deadline) and done records
    (quarter of the callback), one row per staff member and quarter. A rate is
    never averaged over rows: grouped (pivot totals, a team, a year) it is the
    ratio of the summed counts, as in the XLSX export (see figures.RATES).
    callback_kpi reads its callback figures here (``_staff_figures``).
    Archived plans and records count: archiving puts a plan out of sight, it
    does not undo a missed callback (X-07, KPI-04).
    """

    _name = "callback.figure"
    _description = "Callback Figures"
    _auto = False
    _order = "quarter desc, employee_id"
    # the tables the view reads: Odoo flushes them before a search or a
    # _read_group (a figure read in the same transaction sees every write)
    _depends = {
        "callback.plan": [
            "company_id",
            "employee_id",
            "is_late",
            "quarter",
            "state",
        ],
        "callback.record": [
            "answered",
            "company_id",
            "cost",
            "employee_id",
            "plan_id",
            "quarter",
            "reached",
            "report_late",
            "returned",
            "satisfaction",
            "state",
        ],
        "hr.employee": ["department_id", "user_id"],
        "res.company": ["callback_budget_per_quarter"],
    }

    company_id = fields.Many2one("res.company", readonly=True)
    employee_id = fields.Many2one("hr.employee", string="Staff Member", readonly=True)
    user_id = fields.Many2one("res.users", readonly=True)
    department_id = fields.Many2one("hr.department", string="Team", readonly=True)
    quarter = fields.Char(readonly=True)
    due_count = fields.Integer(string="Due", readonly=True)
    done_count = fields.Integer(string="Done", readonly=True)
    late_count = fields.Integer(string="Late", readonly=True)
    missed_count = fields.Integer(string="Missed", readonly=True)
    missing_record_count = fields.Integer(
        string="Missing Records",
        readonly=True,
        help="KPI-04: plans done or missed without a done callback record.",
    )
    record_count = fields.Integer(string="Records", readonly=True)
    reached_count = fields.Integer(string="Reached", readonly=True)
    answered_count = fields.Integer(string="Questionnaires Answered", readonly=True)
    returned_count = fields.Integer(
        string="Questionnaires Returned",
        readonly=True,
        help="CB-10: every question answered.",
    )
    report_late_count = fields.Integer(string="Late Reports", readonly=True)
    on_time_count = fields.Integer(string="Done On Time", readonly=True)
    satisfaction_sum = fields.Float(readonly=True)
    cost = fields.Float(readonly=True)
    budget = fields.Float(readonly=True, aggregator="sum")
    callback_rate = fields.Float(
        string="Callback Rate (%)", readonly=True, aggregator="avg"
    )
    success_rate = fields.Float(
        string="Success Rate (%)", readonly=True, aggregator="avg"
    )
    on_time_rate = fields.Float(
        string="On-Time Rate (%)", readonly=True, aggregator="avg"
    )
    return_rate = fields.Float(
        string="Questionnaire Return (%)", readonly=True, aggregator="avg"
    )
    avg_satisfaction = fields.Float(
        string="Average Satisfaction", readonly=True, aggregator="avg"
    )
    budget_use = fields.Float(
        string="Cost vs Budget (%)", readonly=True, aggregator="avg"
    )

    # CB-14: rate field: (numerator count, denominator count, factor)
    _RATIOS = figures.RATES
    # CB-14: the counts summed over rows (a team, a period)
    _COUNTS = (
        "due_count",
        "done_count",
        "late_count",
        "missed_count",
        "missing_record_count",
        "record_count",
        "reached_count",
        "answered_count",
        "returned_count",
        "report_late_count",
        "on_time_count",
        "satisfaction_sum",
        "cost",
    )

    def _read_group_select(self, aggregate_spec, query):
        """CB-14: a rate of several rows is the ratio of their summed counts
        (28 due, 24 done is 85.71 %), not the mean of the rows' rates."""
        fname, __, func = aggregate_spec.partition(":")
        if func == "avg" and fname in self._RATIOS:
            numerator, denominator, factor = self._RATIOS[fname]
            return SQL(
                "round((%s * sum(%s) / nullif(sum(%s), 0))::numeric, 2)",
                factor,
                self._field_to_sql(self._table, numerator, query),
                self._field_to_sql(self._table, denominator, query),
            )
        return super()._read_group_select(aggregate_spec, query)

    @api.model
    def _staff_figures(self, company, employees, date_from, date_to):
        """CB-14: the counts and rates of each staff member of ``employees``
        in ``company`` over the whole quarters from ``date_from`` to
        ``date_to``: one query for all of them (callback_kpi scores its cards
        from these, KPI-04). The budget is the company's quarterly budget
        times the quarters; a rate is None where nothing is counted."""
        quarters = frequency.quarter_keys(date_from, date_to)
        groups = {
            employee.id: values
            for employee, *values in self._read_group(
                [
                    ("company_id", "=", company.id),
                    ("employee_id", "in", employees.ids),
                    ("quarter", "in", quarters),
                ],
                ["employee_id"],
                [f"{name}:sum" for name in self._COUNTS],
            )
        }
        budget = company.callback_budget_per_quarter * len(quarters)
        result = {}
        for employee in employees:
            values = groups.get(employee.id) or [0] * len(self._COUNTS)
            counts = dict(zip(self._COUNTS, values, strict=True), budget=budget)
            counts.update(figures.rates(counts))
            result[employee.id] = counts
        return result

    def init(self):
        # the view reads these tables: make sure they exist whatever the
        # order in which the registry initialises the module's models
        for model in ("callback.plan", "callback.record", "hr.employee", "res.company"):
            self.env[model]._auto_init()
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
CREATE OR REPLACE VIEW %s AS (
WITH p AS (
    SELECT company_id, employee_id, quarter,
           count(*) FILTER (WHERE state != 'cancelled') AS due_count,
           count(*) FILTER (WHERE state = 'done') AS done_count,
           count(*) FILTER (WHERE is_late) AS late_count,
           count(*) FILTER (WHERE state = 'missed') AS missed_count,
           count(*) FILTER (
               WHERE state IN ('done', 'missed')
                 AND NOT EXISTS (
                     SELECT 1 FROM callback_record done_record
                      WHERE done_record.plan_id = plan.id AND done_record.state = 'done'
                 )
           ) AS missing_record_count
      FROM callback_plan plan
  GROUP BY company_id, employee_id, quarter
), r AS (
    SELECT company_id, employee_id, quarter,
           count(*) AS record_count,
           count(*) FILTER (WHERE reached) AS reached_count,
           count(*) FILTER (WHERE answered) AS answered_count,
           count(*) FILTER (WHERE returned) AS returned_count,
           count(*) FILTER (WHERE report_late) AS report_late_count,
           coalesce(sum(satisfaction) FILTER (WHERE answered), 0) AS satisfaction_sum,
           coalesce(sum(cost), 0) AS cost
      FROM callback_record
     WHERE state = 'done'
  GROUP BY company_id, employee_id, quarter
), f AS (
    SELECT coalesce(p.company_id, r.company_id) AS company_id,
           coalesce(p.employee_id, r.employee_id) AS employee_id,
           coalesce(p.quarter, r.quarter) AS quarter,
           coalesce(p.due_count, 0) AS due_count,
           coalesce(p.done_count, 0) AS done_count,
           coalesce(p.late_count, 0) AS late_count,
           coalesce(p.missed_count, 0) AS missed_count,
           coalesce(p.missing_record_count, 0) AS missing_record_count,
           coalesce(r.record_count, 0) AS record_count,
           coalesce(r.reached_count, 0) AS reached_count,
           coalesce(r.answered_count, 0) AS answered_count,
           coalesce(r.returned_count, 0) AS returned_count,
           coalesce(r.report_late_count, 0) AS report_late_count,
           coalesce(r.satisfaction_sum, 0) AS satisfaction_sum,
           coalesce(r.cost, 0) AS cost
      FROM p
      FULL OUTER JOIN r
        ON r.company_id = p.company_id AND r.employee_id = p.employee_id
       AND r.quarter = p.quarter
)
SELECT row_number() OVER (ORDER BY f.quarter, f.company_id, f.employee_id) AS id,
       f.*,
       e.user_id,
       e.department_id,
       coalesce(c.callback_budget_per_quarter, 0) AS budget,
       greatest(f.done_count - f.late_count + f.missed_count, 0) AS on_time_count,
       round(100.0 * f.done_count / nullif(f.due_count, 0), 2) AS callback_rate,
       round(100.0 * f.reached_count / nullif(f.record_count, 0), 2) AS success_rate,
       round(100.0 * greatest(f.done_count - f.late_count + f.missed_count, 0)
             / nullif(f.done_count, 0), 2) AS on_time_rate,
       round(100.0 * f.returned_count / nullif(f.record_count, 0), 2) AS return_rate,
       round((f.satisfaction_sum / nullif(f.answered_count, 0))::numeric, 2)
           AS avg_satisfaction,
       round(100.0 * f.cost / nullif(c.callback_budget_per_quarter, 0), 2) AS budget_use
  FROM f
  JOIN hr_employee e ON e.id = f.employee_id
  JOIN res_company c ON c.id = f.company_id
)
""",
                SQL.identifier(self._table),
            )
        )
