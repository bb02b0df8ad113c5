"""KPI-14 / KPI-03: a report never handed in costs at least what a late one
costs (pure engine)."""

import datetime
import itertools

from ..criteria import score_criterion
from ..defaults import DEFAULT_CRITERIA
from ..reports import ReportEvents, report_events
from . import EngineCase

D = datetime.date
DUE = D(2025, 4, 14)
REPORT = next(c for c in DEFAULT_CRITERIA if c.code == "REPORT")


def _points(events):
    return score_criterion(REPORT, {"late_reports": events.events}).points


class TestReports(EngineCase):
    def test_kpi14_on_time_late_and_missing(self):
        assert report_events(DUE, [DUE], D(2025, 6, 1)) == ReportEvents()
        assert report_events(DUE, [D(2025, 4, 15)], D(2025, 6, 1)) == ReportEvents(
            late=1
        )
        # a draft report (no hand-in date) or no report at all, once due: missing
        assert report_events(DUE, [None], D(2025, 6, 1)) == ReportEvents(missing=1)
        assert report_events(DUE, [], D(2025, 6, 1)) == ReportEvents(missing=1)
        # a report handed in, late or not, is not missing
        assert (
            report_events(DUE, [None, D(2025, 4, 1)], D(2025, 6, 1)) == ReportEvents()
        )

    def test_kpi14_not_missing_before_its_due_date(self):
        # on the due date itself the report can still be handed in on time
        assert report_events(DUE, [], DUE) == ReportEvents()
        assert report_events(DUE, [None], D(2025, 4, 1)) == ReportEvents()
        assert report_events(DUE, [], DUE + datetime.timedelta(days=1)).missing == 1

    def test_kpi14_missing_report_costs_what_a_late_one_costs(self):
        as_of = D(2025, 6, 1)
        late = report_events(DUE, [D(2025, 5, 30)], as_of)
        missing = report_events(DUE, [], as_of)
        assert _points(missing) == _points(late) == REPORT.max_points - 5

    def test_kpi14_never_handing_in_is_never_cheaper(self):
        # property: whenever the late report could have been handed in (as of a
        # day after its hand-in), the missing one costs at least as much
        for late_by, days_after_due in itertools.product(
            (1, 2, 10, 40), (1, 3, 30, 400)
        ):
            with self.subTest(late_by=late_by, days_after_due=days_after_due):
                as_of = DUE + datetime.timedelta(days=max(late_by, days_after_due))
                late = report_events(
                    DUE, [DUE + datetime.timedelta(days=late_by)], as_of
                )
                missing = report_events(DUE, [None], as_of)
                assert missing.events >= late.events >= 1
                assert _points(missing) <= _points(late) < REPORT.max_points
