from . import (
    callback_dealer_figure_wizard,
    callback_event_wizard,
    callback_export_wizard,
    callback_planning_wizard,
    callback_ranking_wizard,
    callback_team_cost_wizard,
)
