"""KPI-04 / KPI-06: the figures of the scorecards: the callback figures of
customer_callback (CB-14, ``callback.figure``), the spot checks, the analysis
reports and the approved quarterly cards."""

import datetime

import pytz

from odoo import api, fields, models

from ..engine.reports import report_events


# the model is split by job on purpose (house style: fields and guards,
# workflow, batch, figures), so its extensions are not merged
# pylint: disable=consider-merging-classes-inherited
class KpiScorecard(models.Model):
    """The figures of the cards, a constant number of queries per period."""

    _inherit = "kpi.scorecard"

    def _kpi_figures(self, company, date_from, date_to, period_type):
        """KPI-04: the figures of every employee of ``self`` for the period,
        one query per source whatever the number of staff. The callback
        figures (CB-14: due, done, late, missing records, rates, cost against
        budget) are customer_callback's, defined once in ``callback.figure``;
        the spot checks and analysis reports are the scorecard's own."""
        employees = self.employee_id
        # sudo: figures of the callbacks of the cards' employees, whose cards
        # the caller may score (checked by ``_kpi_recompute``), though
        # customer_callback's rules only show a callback user their own
        # figures and an HR approver none
        callback = (
            self.env["callback.figure"]
            .sudo()
            ._staff_figures(company, employees, date_from, date_to)
        )
        fig = {}
        for employee in employees:
            cb = callback[employee.id]
            fig[employee.id] = {
                "due": cb["due_count"],
                "done": cb["done_count"],
                # plans done late or missed, and late callback reports
                "late_callbacks": cb["late_count"] + cb["report_late_count"],
                "missing_records": cb["missing_record_count"],
                "records": cb["record_count"],
                "reached": cb["reached_count"],
                "answered": cb["answered_count"],
                "returned": cb["returned_count"],
                "cost": cb["cost"],
                "budget": cb["budget"],
                "satisfaction_sum": cb["satisfaction_sum"],
                "callback_rate": cb["callback_rate"],
                "success_rate": cb["success_rate"],
                "questionnaire_return": cb["return_rate"],
                "satisfaction": cb["avg_satisfaction"],
                "cost_overrun": (
                    cb["budget_use"] - 100 if cb["budget_use"] is not None else None
                ),
                "late_reports": 0,
                "missing_reports": 0,
                "adopted_suggestions": 0,
                "spot_check_sum": 0.0,
                "spot_check_count": 0,
            }
        # KPI-11 CB-21: the callbacks scored by the confirmed spot checks
        # whose period ends in the card's period.
        # sudo: scores of the cards' employees (access to the cards was
        # checked by ``_kpi_recompute``)
        for employee, count, score in (
            self.env["callback.spot.check.line"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("employee_id", "in", employees.ids),
                    ("spot_check_id.state", "=", "confirmed"),
                    ("spot_check_id.date_to", ">=", date_from),
                    ("spot_check_id.date_to", "<=", date_to),
                ],
                ["employee_id"],
                ["__count", "score:sum"],
            )
        ):
            fig[employee.id]["spot_check_count"] += count
            fig[employee.id]["spot_check_sum"] += score or 0.0
        # analysis reports (KPI-03 / KPI-14): late, or missing once due.
        # sudo: a report the caller cannot read is not a missing one
        # (access to the cards was checked by ``_kpi_recompute``)
        Report = self.env["kpi.report"].sudo()
        reports = {
            employee.id: (handed_in, adopted)
            for employee, handed_in, adopted in Report._read_group(
                [
                    ("company_id", "=", company.id),
                    ("employee_id", "in", employees.ids),
                    ("period_type", "=", period_type),
                    ("date_from", "=", date_from),
                ],
                ["employee_id"],
                ["date_submitted:array_agg", "adopted_count:sum"],
            )
        }
        due = Report._kpi_due_date(
            company,
            period_type,
            date_from.year,
            (date_from.month + 2) // 3 if period_type == "quarter" else None,
        )
        today = fields.Date.context_today(self)
        for employee in employees:
            handed_in, adopted = reports.get(employee.id, ((), 0))
            events = report_events(due, handed_in, today)
            row = fig[employee.id]
            row["adopted_suggestions"] += adopted or 0
            row["late_reports"] += events.events
            row["missing_reports"] = events.missing
        for row in fig.values():
            row["spot_check"] = (
                row["spot_check_sum"] / row["spot_check_count"]
                if row["spot_check_count"]
                else None
            )
        return fig

    @api.model
    def _kpi_datetimes(self, date_from, date_to, company=None):
        """The UTC bounds of the period's days in the company's time zone (its
        working calendar's): a callback at 07:30 on 1 April in Beijing belongs
        to Q2 although it is 31 March in UTC."""
        company = company or self.env.company
        tz = pytz.timezone(company.resource_calendar_id.tz or self.env.user.tz or "UTC")

        def utc(day):
            local = tz.localize(datetime.datetime.combine(day, datetime.time.min))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        return utc(date_from), utc(date_to + datetime.timedelta(days=1))

    def _kpi_write_figures(self, figures):
        for card in self:
            fig = figures.get(card.employee_id.id, {})
            card.with_context(mail_notrack=True).write(
                {
                    "plans_due": fig.get("due", 0),
                    "plans_done": fig.get("done", 0),
                    "records_done": fig.get("records", 0),
                    "cost": fig.get("cost", 0.0),
                    "budget": fig.get("budget", 0.0),
                    "customer_score": fig.get("satisfaction") or 0.0,
                    "customer_known": fig.get("satisfaction") is not None,
                    "spot_check_score": round(fig.get("spot_check") or 0.0, 2),
                    "spot_check_count": fig.get("spot_check_count", 0),
                }
            )
            for line in card.line_ids:
                line.write(line._kpi_figure_values(fig))
        lines = self.line_ids
        for name in ("points", "deduction", "bonus", "zeroed"):
            self.env.add_to_compute(lines._fields[name], lines)

    def _kpi_annual_inputs(self):
        """KPI-06: average of the approved quarterly scores of each card's year."""
        groups = self._read_group(
            [
                ("period_type", "=", "quarter"),
                ("state", "=", "approved"),
                ("employee_id", "in", self.employee_id.ids),
                ("year", "in", list(set(self.mapped("year")))),
                ("company_id", "in", self.company_id.ids),
            ],
            ["employee_id", "year", "company_id"],
            ["total_score:avg", "__count"],
        )
        values = {(e.id, y, c.id): (avg, count) for e, y, c, avg, count in groups}
        for card in self:
            avg, count = values.get(
                (card.employee_id.id, card.year, card.company_id.id), (0.0, 0)
            )
            card.with_context(mail_notrack=True).write(
                {"quarter_average": round(avg or 0.0, 2), "quarter_count": count}
            )
