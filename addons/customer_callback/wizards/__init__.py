from . import (
    callback_event_wizard,
    callback_export_wizard,
    callback_planning_wizard,
    callback_ranking_wizard,
)
