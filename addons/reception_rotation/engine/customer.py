"""Who a registration is (客户归属, RR-10), as plain functions.

The desk's ownership match and the CRM lookup (RR-17) use the same rule, so a
registration refused as another customer's is never attached to that
customer's lead or partner.
"""

FAMILY_RELATIONS = ("self", "parent", "spouse")


def _name_key(name):
    return " ".join((name or "").split()).casefold()


def same_customer(known_name, name, relation=None, strict=False):
    """RR-10: is the visitor ``name`` (same phone) the customer known as
    ``known_name``? The same name is; another name is only for the same
    person or immediate family (parents, spouse) stated at the desk. A side
    without a recorded name cannot contradict the other, unless ``strict``
    (a registration already refused as another customer's: only a record
    under the visitor's own name is theirs)."""
    if not _name_key(known_name) or not _name_key(name):
        return not strict
    if _name_key(known_name) == _name_key(name):
        return True
    return relation in FAMILY_RELATIONS
