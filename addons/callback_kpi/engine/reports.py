"""KPI-03 / KPI-14: the deduction events of the analysis report a staff member
owes for a period.

A report handed in after its due date is late. A report not handed in once its
due date has passed is missing, and a missing report costs at least what a late
one costs: it counts as one late-report event (more if the criterion counts
more), so that never handing in is never cheaper than handing in late.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ReportEvents:
    late: int = 0
    missing: int = 0

    @property
    def events(self):
        """The deduction events of the analysis-report criterion."""
        return self.late + self.missing


def report_events(due, handed_in, as_of):
    """``due``: the due date of the period's report; ``handed_in``: the
    hand-in dates of the person's reports on the period (``None`` for one not
    handed in); ``as_of``: the day the figures are computed. Before ``due``
    a report not handed in is still on time."""
    submitted = [day for day in handed_in if day]
    late = sum(1 for day in submitted if day > due)
    missing = int(not submitted and as_of > due)
    return ReportEvents(late=late, missing=missing)
