"""Pure rules of customer callbacks (no Odoo import).

The ORM layer of ``customer_callback`` passes plain values in and writes the
results back; everything here is tested without Odoo (``engine/tests``).
"""

from . import (
    costs,
    dealers,
    figures,
    frequency,
    questionnaire,
    quota,
    reports,
    sampling,
    spot_check,
    windows,
)
from .errors import CallbackRuleError

__all__ = [
    "CallbackRuleError",
    "costs",
    "dealers",
    "figures",
    "frequency",
    "questionnaire",
    "quota",
    "reports",
    "sampling",
    "spot_check",
    "windows",
]
