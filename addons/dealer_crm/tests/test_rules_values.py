from odoo import Command
from odoo.exceptions import ValidationError

from .common import DealerCrmCommon

NAN, INF = float("nan"), float("inf")


class RulesValuesMixin:
    """Helpers that try a value and check what was refused and stored."""

    def _label(self, model, field_name, user=None):
        """The field's label as the user reads it, in their language."""
        env = self.env(user=user or self.user_salesperson)
        return env[model]._fields[field_name]._description_string(env)

    def _rows(self, model):
        """Every row of ``model`` as the database holds it, read as superuser."""
        self.env.flush_all()
        self.env.invalidate_all()
        records = self.env[model].sudo().with_context(active_test=False).search([])
        fields = [name for name, field in records._fields.items() if field.store and field.type != "binary"]
        return records.read(fields)

    def _assert_refused(self, model, call, labels, exception=ValidationError):
        """``call()`` raises ``exception`` naming each of ``labels``, and no
        row of ``model`` changed."""
        before = self._rows(model)
        with self.assertRaises(exception) as caught:
            call()
        for label in labels:
            self.assertIn(label, str(caught.exception))
        self.assertEqual(self._rows(model), before, "nothing stored or changed")
        return str(caught.exception)


class TestRulesValues(RulesValuesMixin, DealerCrmCommon):

    def test_dates_must_parse(self):
        self._assert_refused(
            "res.partner", lambda: self.customer_a.with_user(self.user_salesperson).write({"dealer_birthday": "soon"}),
            [self._label("res.partner", "dealer_birthday")],
        )
        self.customer_a.with_user(self.user_salesperson).write({"dealer_birthday": "1980-02-29"})
        self.assertEqual(str(self.customer_a.dealer_birthday), "1980-02-29", "a real date still goes through")

    def test_customer_texts_and_position(self):
        as_salesperson = self.customer_a.with_user(self.user_salesperson)
        name = self._label("res.partner", "name")
        message = self._assert_refused("res.partner", lambda: as_salesperson.write({"name": "鑫" * 10_000_000}), [name])
        self.assertIn("256", message)
        self._assert_refused(
            "res.partner",
            lambda: self.Partner.with_user(self.user_salesperson).create({
                "name": "x" * 257, "is_company": True, "is_dealer": True,
            }),
            [name],
        )
        self._assert_refused("res.partner", lambda: as_salesperson.write({"name": "上海\x00鑫达"}), [name])
        self._assert_refused("res.partner", lambda: as_salesperson.write({"dealer_needs": "需求" * 50_001}),
                             [self._label("res.partner", "dealer_needs")])
        for field_name, value in (("partner_latitude", NAN), ("partner_longitude", INF), ("partner_latitude", 91)):
            with self.subTest(field=field_name, value=value):
                self._assert_refused("res.partner", lambda: as_salesperson.write({field_name: value}),
                                     [self._label("res.partner", field_name)])
        # A contact created through the customer's x2many is checked too.
        self._assert_refused(
            "res.partner",
            lambda: as_salesperson.write({"child_ids": [Command.create({"name": "王" * 300, "type": "contact"})]}),
            [name],
        )
        as_salesperson.write({"name": "鑫" * 256, "dealer_needs": "需求" * 50_000})
        self.assertEqual(len(self.customer_a.name), 256, "the limits themselves are accepted")

    def test_integers_within_the_column(self):
        wizards = self.env["dealer.import.wizard"].with_user(self.user_salesperson)
        label = self._label("dealer.import.wizard", "new_count")
        for value in (2**40, NAN, -(2**31) - 1):
            with self.subTest(value=value):
                self._assert_refused("dealer.import.wizard", lambda: wizards.create({"new_count": value}), [label])

    def test_value_problems_for_a_caller_that_collects_them(self):
        problems = self.env["res.partner"]._dealer_value_problems(
            {"name": "x" * 300, "partner_latitude": NAN, "phone": "021-1"},
        )
        self.assertEqual(len(problems), 2, problems)
        self.assertFalse(self.env["res.partner"]._dealer_value_problems({"name": "上海鑫达", "partner_latitude": 31.2}))


class TestRulesPartnerTexts(DealerCrmCommon):

    def test_odoo_texts_of_a_customer_are_bounded(self):
        """Odoo's own indexed texts (tax ID, reference) would fail in the
        database with megabytes: refused first, with the field's name."""
        before = self.customer_a.sudo().read(["vat", "ref", "street", "comment"])
        for field_name, size in (("vat", 3_000_000), ("ref", 3_000_000), ("street", 300), ("comment", 200_000)):
            with self.subTest(field=field_name), self.assertRaises(ValidationError):
                self.customer_a.with_user(self.user_salesperson).write({field_name: "9" * size})
        self.assertEqual(self.customer_a.sudo().read(["vat", "ref", "street", "comment"]), before)
