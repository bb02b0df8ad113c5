"""Strict phone normalisation used as the customer key (RR-10).

Odoo's ``phone_validation`` tools format numbers only when the optional
``phonenumbers`` library is installed; this check is always applied so that
"not a phone" never becomes a customer key.
"""

import re

from .errors import EngineError

_SEPARATORS = re.compile(r"[\s\-().]")


def normalize_phone(raw, country_prefix="86"):
    """Return the canonical form of ``raw``: national digits for numbers of
    ``country_prefix`` (``+86 138-0013-8000`` -> ``13800138000``), ``+``
    followed by digits for other countries. Raise :class:`EngineError` when
    ``raw`` is not a phone number."""
    if not raw or not isinstance(raw, str):
        raise EngineError("phone_missing", "A phone number is required.")
    text = _SEPARATORS.sub("", raw.strip())
    international = False
    if text.startswith("+"):
        international, text = True, text[1:]
    elif text.startswith("00"):
        international, text = True, text[2:]
    if not text.isdigit():
        raise EngineError(
            "phone_invalid", "%(phone)s is not a phone number.", phone=raw
        )
    if international and text.startswith(country_prefix):
        international, text = False, text[len(country_prefix) :]
    if international:
        if not 8 <= len(text) <= 15:
            raise EngineError(
                "phone_invalid", "%(phone)s is not a phone number.", phone=raw
            )
        return "+" + text
    if country_prefix == "86" and len(text) == 11 and text.startswith("1"):
        if text[1] not in "3456789":
            raise EngineError(
                "phone_invalid", "%(phone)s is not a phone number.", phone=raw
            )
        return text
    # landline with area code (0xx-xxxxxxxx) or other national numbers
    if not 7 <= len(text) <= 12 or len(set(text)) == 1:
        raise EngineError(
            "phone_invalid", "%(phone)s is not a phone number.", phone=raw
        )
    return text
