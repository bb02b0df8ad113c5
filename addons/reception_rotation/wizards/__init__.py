from . import (
    reception_handover_wizard,
    reception_override_wizard,
    reception_walkin_wizard,
)
