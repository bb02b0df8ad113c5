"""RR-15: chain the log lines written before the log became a hash chain,
per floor in the order they were written, so that "Verify Log Integrity"
covers them too."""

from odoo.addons.reception_rotation.engine.log_chain import line_hash


def migrate(cr, version):
    cr.execute(
        "SELECT id, floor_id, event_type, employee_id, visit_id, user_id, "
        "date, reason, note FROM reception_log WHERE sequence IS NULL "
        "ORDER BY floor_id, date, id"
    )
    rows = cr.dictfetchall()
    state = {}
    updates = []
    for row in rows:
        sequence, previous = state.get(row["floor_id"], (0, ""))
        row["sequence"] = sequence + 1
        row["log_hash"] = line_hash(previous, row)
        state[row["floor_id"]] = (row["sequence"], row["log_hash"])
        updates.append((row["sequence"], row["log_hash"], row["id"]))
    cr.executemany(
        "UPDATE reception_log SET sequence = %s, log_hash = %s WHERE id = %s",
        updates,
    )
