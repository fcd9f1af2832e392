"""Phone numbers compared the way Odoo stores them: parsed by the
``phonenumbers`` library (through Odoo's ``phone_validation``) into E.164,
"+8657188888888", whatever the notation they were written in.

Chinese lists write extensions as "转 801", "分机 801" or "-801"; they are
rewritten the way phonenumbers reads one (" ext. 801") before parsing, so
that a switchboard with an extension is the same number as without it.

A number is parsed once per process and region (``_parse``): the import
checks, deduplicates and stores every number of a sheet, and parsing is
most of its cost. A number that phonenumbers reads as valid at the first
parse is taken as is; Odoo's ``phone_parse`` parses it a second time, from
its international form, which changes only numbers that were not valid
(Brazil's mobiles without their 9, say, by Odoo's metadata patches). Any
other number goes through ``phone_parse``, its corrections and its reasons.
"""
import functools
import re

import phonenumbers

from odoo.exceptions import UserError

from odoo.addons.phone_validation.tools import phone_validation

EXTENSION = re.compile(r"\s*(?:转|轉|分机|分機|ext\.?|x|#)\s*(\d{1,6})\s*$", re.IGNORECASE)
TRAILING_DIGITS = re.compile(r"^(.*\d)\s*-\s*(\d{1,5})$")


def _is_valid(number, region):
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(number, region))
    except phonenumbers.NumberParseException:
        return False


def with_extension(number, region):
    """``number`` with its extension, if any, written as phonenumbers reads one."""
    number = EXTENSION.sub(r" ext. \1", (number or "").strip())
    trailing = TRAILING_DIGITS.match(number)
    if trailing and not _is_valid(number, region) and _is_valid(trailing[1], region):
        number = f"{trailing[1]} ext. {trailing[2]}"
    return number


@functools.lru_cache(maxsize=65536)
def _parse(number, region):
    """``number`` (extension rewritten) parsed as Odoo's ``phone_validation``
    parses it, in ``region``: (its E.164 form, None), or ("", the reason,
    translated when it is shown) when it is no valid number."""
    number = with_extension(number, region)
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        try:
            parsed = phone_validation.phone_parse(number, region)
        except UserError as error:
            return "", error.args[0]
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164), None


def phone_key(number, country):
    """E.164 form of ``number`` read in ``country`` (a res.country, whose
    numbers need no country code), as Odoo's ``phone_sanitized`` holds it;
    "" when it is no valid number."""
    if not number:
        return ""
    return _parse(number, country.code or None)[0]


def phone_problem(env, number, country):
    """Why ``number`` cannot be a valid number in ``country``, translated;
    None when it is one."""
    region = country.code or None
    _key, reason = _parse(number, region)
    if reason is None:
        return None
    digits = re.sub(r"\D", "", number)
    if region == "CN" and 7 <= len(digits) <= 8 and not digits.startswith(("0", "1")):
        return env._("“%(phone)s” has no area code: write it as 0571-88888888.", phone=number)
    return env._("“%(phone)s” is not a valid phone number: %(reason)s", phone=number, reason=str(reason))
