"""Phone normalisation used as the customer key (RR-10, X-03).

Numbers are judged by ``phonenumbers`` (Google's libphonenumber), the library
that Odoo's own ``phone_validation`` module uses: Chinese mobiles, landlines
with their area code and foreign numbers are accepted only when the numbering
plan of their country says they exist. The key keeps the form it always had,
so that existing customers keep their key: national digits with the trunk
prefix for numbers of the floor's country (``+86 138-0013-8000`` ->
``13800138000``, ``+86 10 6234 5678`` -> ``01062345678``), E.164 for the
others (``+33 6 12 34 56 78`` -> ``+33612345678``).
"""

import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

from .errors import EngineError

HOME_PHONE_CODE = 86  # the floors' country: China
_LETTERS = re.compile(r"[^\W\d_]")  # vanity letters are not a customer's phone
_NOT_DIGIT = re.compile(r"\D")


def _invalid(raw):
    return EngineError("phone_invalid", "%(phone)s is not a phone number.", phone=raw)


def normalize_phone(raw, country_prefix=HOME_PHONE_CODE):
    """Return the customer key of ``raw``; raise :class:`EngineError` when
    ``raw`` is not a phone number that exists."""
    if not raw or not isinstance(raw, str) or not raw.strip():
        raise EngineError("phone_missing", "A phone number is required.")
    text = raw.strip()
    if _LETTERS.search(text):
        raise _invalid(raw)
    if text.startswith("00"):  # the international call prefix written out
        text = "+" + text[2:]
    home = int(country_prefix)
    try:
        number = phonenumbers.parse(
            text, phonenumbers.region_code_for_country_code(home)
        )
    except NumberParseException as err:
        raise _invalid(raw) from err
    if not phonenumbers.is_valid_number(number):
        raise _invalid(raw)
    if number.country_code == home:
        national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
        return _NOT_DIGIT.sub("", national)
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def phone_forms(key, country_prefix=HOME_PHONE_CODE):
    """The forms under which CRM may hold the number of the customer ``key``
    (a result of :func:`normalize_phone`): the key, its E.164 form (what
    Odoo's phone mixin stores in ``phone_sanitized``: ``01062345678`` ->
    ``+861062345678``, the trunk prefix dropped) and that form with the
    international call prefix written out (``00861062345678``)."""
    number = phonenumbers.parse(
        key, phonenumbers.region_code_for_country_code(int(country_prefix))
    )
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return sorted({key, e164, "00" + e164[1:]})
