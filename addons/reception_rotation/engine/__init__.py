"""Pure rotation engine of reception_rotation (接待轮序): no Odoo import.

The ORM layer (``reception_rotation.models``) loads the floor state saved on
``reception.floor``, applies one event with :func:`apply_event` and saves the
new state, the counts, the make-up credits and the log entries the decision
lists. Every rule RR-01..RR-16 of SPEC section 2 that decides who serves is a
case of :func:`apply_event`, tested without Odoo (``engine/tests``).
"""

from .customer import FAMILY_RELATIONS, same_customer
from .errors import EngineError
from .phone import HOME_PHONE_CODE, normalize_phone, phone_forms
from .rotation import (
    DEFAULT_SETTINGS,
    LOG_REASONS,
    NO_COUNT_TYPES,
    VISIT_TYPES,
    apply_event,
    board,
    forget_customers,
    new_state,
    next_up,
    state_day,
    with_roster,
)

__all__ = [
    "DEFAULT_SETTINGS",
    "FAMILY_RELATIONS",
    "HOME_PHONE_CODE",
    "LOG_REASONS",
    "NO_COUNT_TYPES",
    "VISIT_TYPES",
    "EngineError",
    "apply_event",
    "board",
    "forget_customers",
    "new_state",
    "next_up",
    "normalize_phone",
    "phone_forms",
    "same_customer",
    "state_day",
    "with_roster",
]
