"""Tamper-evident chain of a floor's reception log (RR-15, X-07).

Each log line carries ``sha256(previous hash + canonical line)``, so a line
changed or deleted in the database breaks the hash of every later line, as
Odoo's accounting chains posted entries.
"""

import hashlib
import json

#: the immutable fields a log line's hash covers, in the canonical order
HASH_FIELDS = (
    "floor_id",
    "sequence",
    "event_type",
    "employee_id",
    "visit_id",
    "user_id",
    "date",
    "reason",
    "note",
)


def canonical(line):
    """One line's immutable fields as a canonical JSON string: ids as
    integers (0 when empty), the date as ``YYYY-MM-DD HH:MM:SS``, text as
    text (empty when missing)."""
    values = {}
    for name in HASH_FIELDS:
        value = line.get(name)
        if name in ("floor_id", "sequence", "employee_id", "visit_id", "user_id"):
            values[name] = int(value or 0)
        elif name == "date":
            values[name] = (
                value.strftime("%Y-%m-%d %H:%M:%S")
                if hasattr(value, "strftime")
                else str(value or "")[:19]
            )
        else:
            values[name] = str(value or "")
    return json.dumps(values, sort_keys=True, ensure_ascii=True, separators=(",", ":"))


def line_hash(previous_hash, line):
    """The hash of ``line`` chained to ``previous_hash`` ('' for the first)."""
    payload = (previous_hash or "") + canonical(line)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def first_broken(lines, previous_hash="", previous_sequence=0):
    """The first line of ``lines`` (ordered by sequence) whose hash or
    sequence does not follow the chain, or ``None``.

    ``lines``: dicts with the :data:`HASH_FIELDS` and ``log_hash``;
    ``previous_hash`` / ``previous_sequence``: where the chain stood before
    them (to verify in chunks). Returns ``(line, last_hash, last_sequence)``:
    ``line`` is ``None`` when the chunk is intact."""
    for line in lines:
        if line["sequence"] != previous_sequence + 1 or line.get(
            "log_hash"
        ) != line_hash(previous_hash, line):
            return line, previous_hash, previous_sequence
        previous_hash = line["log_hash"]
        previous_sequence = line["sequence"]
    return None, previous_hash, previous_sequence
