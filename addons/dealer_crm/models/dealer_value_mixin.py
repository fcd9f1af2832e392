import math
from datetime import date

from odoo import api, models
from odoo.exceptions import ValidationError


PERCENTAGE = (0.0, 100.0)
MAX_AMOUNT = 1e15
# PostgreSQL's integer column.
INTEGER_RANGE = (-(2**31), 2**31 - 1)
MAX_CHAR_LENGTH = 256
MAX_TEXT_LENGTH = 100_000
NUMBER_TYPES = frozenset({"float", "monetary", "integer"})
TEXT_TYPES = frozenset({"char", "text", "html"})
# Fields checked by their name on every model with the mixin, whichever
# module defines them (res.partner's position is base's).
NAMED_RANGES = {
    "latitude": (-90.0, 90.0),
    "partner_latitude": (-90.0, 90.0),
    "longitude": (-180.0, 180.0),
    "partner_longitude": (-180.0, 180.0),
    "accuracy": (0.0, 100_000.0),
}


class DealerValueMixin(models.AbstractModel):
    """Clear errors for values no client should send.

    JSON carries NaN and infinities, strings of any length and any text as a
    date. Left to the ORM and the database they come back as tracebacks
    (``ProgramLimitExceeded``, "integer out of range", ``ValueError``).
    ``create`` and ``write`` check the raw values first, x2many commands of
    Dealer CRM models included, and refuse them with a ValidationError that
    names the field.

    Checked: the fields Dealer CRM's addons define or redefine on the model, the
    fields named in ``_dealer_value_extra_fields`` and the positions of
    ``NAMED_RANGES``. Numbers must be finite and within their range: the
    model's ``_dealer_value_ranges``, else ``NAMED_RANGES``, else 0–100 for a
    field labelled "… (%)", else ±1e15 (the column's range for integers).
    Dates must parse; Char fields hold at most 256 characters (or their
    ``size``), Text and Html fields 100,000, unless ``_dealer_value_lengths``
    says otherwise.
    """

    _name = "dealer.value.mixin"
    _description = "Dealer CRM Value Checks"

    # {field name: (minimum, maximum)}, for this model's numbers.
    _dealer_value_ranges = {}
    # {field name: maximum number of characters}, for this model's texts.
    _dealer_value_lengths = {}
    # Fields of other modules checked too.
    _dealer_value_extra_fields = ("name",)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._dealer_check_values(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._dealer_check_values(vals)
        return super().write(vals)

    @api.model
    def _dealer_check_values(self, vals):
        """Raise a ValidationError naming every bad value of ``vals``."""
        if problems := self._dealer_value_problems(vals):
            raise ValidationError("\n".join(problems))

    @api.model
    def _dealer_value_problems(self, vals):
        """The messages, translated, about the bad values of ``vals`` (a
        dict of field names and raw values), x2many commands included."""
        problems = []
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None:
                continue
            if field.type in ("one2many", "many2many"):
                problems += self._dealer_command_problems(field, value)
            elif self._dealer_value_checked(field):
                problem = self._dealer_value_problem(field, value)
                if problem:
                    problems.append(problem)
        return problems

    @api.model
    def _dealer_value_checked(self, field):
        return (
            field.name in self._dealer_value_extra_fields
            or field.name in NAMED_RANGES
            or any(module == "dealer_crm" or module.startswith("dealer_crm_") for module in field._modules)
        )

    @api.model
    def _dealer_command_problems(self, field, commands):
        comodel = self.env[field.comodel_name]
        if not isinstance(commands, (list, tuple)) or not hasattr(comodel, "_dealer_value_problems"):
            return []
        problems = []
        for command in commands:
            # Command.create(vals) and Command.update(id, vals).
            if isinstance(command, (list, tuple)) and len(command) == 3 and command[0] in (0, 1) \
                    and isinstance(command[2], dict):
                problems += comodel._dealer_value_problems(command[2])
        return problems

    @api.model
    def _dealer_value_problem(self, field, value):
        """The message about ``value`` for ``field``, or None when it is sound."""
        if value is None or value is False:
            return None
        if field.type in NUMBER_TYPES:
            return self._dealer_number_problem(field, value)
        if field.type in ("date", "datetime"):
            return self._dealer_date_problem(field, value)
        if field.type in TEXT_TYPES:
            return self._dealer_text_problem(field, value)
        return None

    def _dealer_label(self, field):
        return field._description_string(self.env) or field.name

    @api.model
    def _dealer_number_problem(self, field, value):
        label = self._dealer_label(field)
        if isinstance(value, bool):
            return None
        try:
            number = float(value) if isinstance(value, str) else value
        except ValueError:
            number = None
        if not isinstance(number, (int, float)):
            return self.env._("%(field)s must be a number, not “%(value)s”.", field=label, value=str(value)[:40])
        if isinstance(number, float) and not math.isfinite(number):
            return self.env._("%(field)s must be a finite number, not %(value)s.", field=label, value=number)
        minimum, maximum = self._dealer_value_range(field)
        if not minimum <= number <= maximum:
            return self.env._(
                "%(field)s must be between %(minimum)s and %(maximum)s, not %(value)s.",
                field=label, minimum=_number_text(minimum), maximum=_number_text(maximum),
                value=_number_text(number),
            )
        return None

    @api.model
    def _dealer_value_range(self, field):
        if field.name in self._dealer_value_ranges:
            return self._dealer_value_ranges[field.name]
        if field.name in NAMED_RANGES:
            return NAMED_RANGES[field.name]
        if (field.string or "").rstrip().endswith("(%)"):
            return PERCENTAGE
        return INTEGER_RANGE if field.type == "integer" else (-MAX_AMOUNT, MAX_AMOUNT)

    @api.model
    def _dealer_date_problem(self, field, value):
        convert = field.to_datetime if field.type == "datetime" else field.to_date
        try:
            if isinstance(value, (str, date)):
                convert(value)
                return None
        except (ValueError, TypeError, OverflowError):
            pass
        if field.type == "datetime":
            return self.env._(
                "%(field)s: “%(value)s” is not a date and time (expected YYYY-MM-DD HH:MM:SS).",
                field=self._dealer_label(field), value=str(value)[:40],
            )
        return self.env._(
            "%(field)s: “%(value)s” is not a date (expected YYYY-MM-DD).",
            field=self._dealer_label(field), value=str(value)[:40],
        )

    @api.model
    def _dealer_text_problem(self, field, value):
        # A translated field may be written as {language: text}.
        texts = value.values() if isinstance(value, dict) else [value]
        limit = self._dealer_value_lengths.get(field.name) or (
            MAX_TEXT_LENGTH if field.type in ("text", "html") else min(field.size or MAX_CHAR_LENGTH, MAX_CHAR_LENGTH)
        )
        for text in texts:
            if not isinstance(text, str):
                continue
            if len(text) > limit:
                return self.env._(
                    "%(field)s is too long: %(length)s characters, at most %(limit)s.",
                    field=self._dealer_label(field), length=f"{len(text):,}", limit=f"{limit:,}",
                )
            if "\x00" in text:
                return self.env._(
                    "%(field)s contains a NUL character, which cannot be stored.", field=self._dealer_label(field),
                )
        return None


def _number_text(number):
    text = f"{number:,g}" if isinstance(number, float) else f"{number:,}"
    return text if len(text) <= 32 else f"{text[:24]}…"
