import base64

import phonenumbers

from odoo.exceptions import UserError
from odoo.tests import Form

from odoo.addons.dealer_crm.tools.phone import phone_key, phone_problem
from odoo.addons.phone_validation.tools.phone_validation import phone_parse

from .common import DealerCrmCommon
from .test_import import xlsx_bytes

HANGZHOU_SWITCHBOARD = "+8657188888888"
MOBILE = "+8613800138000"

# (as written, E.164 key or "" when it cannot be a number, the problem's words)
PHONE_TABLE = [
    # Landlines with their area code, in the notations lists use.
    ("0571-8888 8888", HANGZHOU_SWITCHBOARD, None),
    ("(0571)88888888", HANGZHOU_SWITCHBOARD, None),
    ("057188888888", HANGZHOU_SWITCHBOARD, None),
    ("+86 571 8888 8888", HANGZHOU_SWITCHBOARD, None),
    ("86-571-88888888", HANGZHOU_SWITCHBOARD, None),
    ("010-6552 9988", "+861065529988", None),
    # Extensions: the same switchboard.
    ("0571-88888888转801", HANGZHOU_SWITCHBOARD, None),
    ("0571-88888888 分机 801", HANGZHOU_SWITCHBOARD, None),
    ("0571-88888888-801", HANGZHOU_SWITCHBOARD, None),
    ("0571-88888888 ext. 801", HANGZHOU_SWITCHBOARD, None),
    # A landline without its area code cannot be dialled from elsewhere.
    ("8888 8888", "", "no area code"),
    # Mobiles.
    ("138 0013 8000", MOBILE, None),
    ("13800138000", MOBILE, None),
    ("+86 13800138000", MOBILE, None),
    ("0086-138-0013-8000", MOBILE, None),
    ("8613800138000", MOBILE, None),
    # A foreign number keeps its country.
    ("+1 650-253-0000", "+16502530000", None),
    # Numbers that cannot be valid.
    ("138001380", "", "not a valid phone number"),
    ("123", "", "not a valid phone number"),
    ("电话待补", "", "not a valid phone number"),
]


class TestDealerPhone(DealerCrmCommon):
    """Numbers compare as E.164, parsed by phonenumbers with the company's
    country as the default: the same number in any notation is a
    duplicate, a number that cannot be valid is flagged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.china = cls.env.ref("base.cn")

    def test_phone_table(self):
        for written, key, problem in PHONE_TABLE:
            with self.subTest(phone=written):
                self.assertEqual(phone_key(written, self.china), key)
                found = phone_problem(self.env, written, self.china)
                if problem:
                    self.assertIn(problem, found)
                else:
                    self.assertIsNone(found)

    def test_one_parse_reads_numbers_as_odoo_does(self):
        """A number valid at the first parse is not parsed again: the keys
        are still those of Odoo's ``phone_parse``, for every region's
        example numbers, written nationally and internationally, and for
        the numbers Odoo's metadata patches correct."""
        def odoo_key(number, region):
            try:
                return phonenumbers.format_number(phone_parse(number, region), phonenumbers.PhoneNumberFormat.E164)
            except UserError:
                return ""

        countries = {country.code: country for country in self.env["res.country"].search([])}
        numbers = [("+55 11 8765 4321", "BR"), ("11 8765-4321", "BR"), ("+52 1 55 1234 5678", "MX")]
        for region in phonenumbers.SUPPORTED_REGIONS & set(countries):
            for kind in (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE):
                if example := phonenumbers.example_number_for_type(region, kind):
                    numbers += [
                        (phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL), region),
                        (phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL), "CN"),
                    ]
        self.assertGreater(len(numbers), 900)
        for number, region in numbers:
            with self.subTest(number=number, region=region):
                self.assertEqual(phone_key(number, countries[region]), odoo_key(number, region))
        self.assertEqual(phone_key("+55 11 8765 4321", self.china), "+5511987654321", "Odoo's correction")

    def test_odoo_sanitizes_as_dealer_crm_compares(self):
        """``phone_sanitized``, which Odoo's own duplicate detection uses, is
        the same key: E.164, extensions written the Chinese way included."""
        for written, key, _problem in PHONE_TABLE:
            with self.subTest(phone=written):
                partner = self.Partner.create({"name": "号码测试", "phone": written})
                self.assertEqual(partner.phone_sanitized or "", key)

    def test_the_form_names_the_customer_with_the_same_number(self):
        self.customer_a.phone = "0571-8888 8888"
        form = Form(self.Partner.with_user(self.user_salesperson).with_context(
            default_is_company=True, default_is_dealer=True, default_user_id=self.user_salesperson.id,
        ), view="dealer_crm.res_partner_view_form_dealer")
        form.name = "杭州新客户"
        form.phone = "+86 571 8888 8888 转 12"
        self.assertEqual(form.dealer_same_phone_partner_id, self.customer_a)
        self.assertFalse(form.dealer_same_phone_hidden)
        # Another salesperson does not see 张伟's customer: told, not shown.
        self.customer_a.phone = "13800138000"
        other = Form(self.Partner.with_user(self.user_salesperson_b).with_context(
            default_is_company=True, default_is_dealer=True, default_user_id=self.user_salesperson_b.id,
        ), view="dealer_crm.res_partner_view_form_dealer")
        other.name = "另一家"
        other.phone = "138-0013-8000"
        self.assertFalse(other.dealer_same_phone_partner_id)
        self.assertTrue(other.dealer_same_phone_hidden)
        other.phone = "13900001111"
        self.assertFalse(other.dealer_same_phone_hidden)

    def test_import_finds_the_number_in_any_notation_and_flags_bad_ones(self):
        self.customer_a.phone = "(0571)88888888"
        rows = [["客户名称", "电话", "手机"],
                ["同号不同写法", "+86 571 8888 8888", ""],     # customer_a's number
                ["分机也算", "0571-88888888转801", ""],        # the same switchboard
                ["新客户", "", "138 0013 8000"],
                ["新客户二", "", "+86 13800138000"],           # the row above's mobile
                ["缺区号", "8888 8888", ""],
                ["号码错误", "", "138001380"]]
        wizard = self.env["dealer.import.wizard"].with_user(self.user_salesperson).create({
            "file": base64.b64encode(xlsx_bytes(rows)), "filename": "号码.xlsx",
            "duplicate_policy": "skip",
        })
        wizard.action_preview()
        lines = {line.row_number: line for line in wizard.line_ids}
        self.assertEqual(lines[2].status, "skip")
        self.assertIn(self.customer_a.name, lines[2].message)
        self.assertEqual(lines[3].status, "skip")
        self.assertNotIn(4, lines, "a new customer")
        self.assertEqual(lines[5].status, "skip")
        self.assertIn("4", lines[5].message, "names the earlier row")
        self.assertEqual(lines[6].status, "invalid")
        self.assertIn("no area code", lines[6].message)
        self.assertEqual(lines[7].status, "invalid")
        self.assertIn("not a valid phone number", lines[7].message)
        self.assertEqual((wizard.new_count, wizard.skip_count, wizard.invalid_count), (1, 3, 2))
