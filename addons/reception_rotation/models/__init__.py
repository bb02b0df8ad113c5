from . import (
    crm_lead,
    ir_websocket,
    reception_credit_split,
    reception_floor,
    reception_log,
    reception_makeup,
    reception_ownership,
    reception_roster,
    reception_roster_line,
    reception_visit,
)
