"""The public pool's rules, tried from the attacker's side: a salesperson
calling what the web client can call, and the database checked unchanged."""
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DealerPoolCommon

PHONE = "025-63211234"
EMAIL = "hidden@hengtong.example.com"
STREET = "中山北路88号"


@tagged("post_install", "-at_install")
class TestPoolRules(DealerPoolCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pool = cls._create_east_pool(hide_contact_details=True)
        cls.customer_b.write({"phone": PHONE, "email": EMAIL, "street": STREET})
        cls.contact_b.write({"phone": "13905171234", "email": "li@hengtong.example.com"})
        cls.customer_b.with_user(cls.user_salesperson_b).action_pool_release(cls.pool.id, "不再跟进")
        cls.pooled = cls.customer_b
        cls.Log = cls.env["dealer.owner.log"]

    def _snapshot(self, partner):
        fields = ["user_id", "pool_id", "in_pool", "dealer_owner_since", "dealer_protected_until", "is_dealer",
                  "phone", "name"]
        return partner.sudo().read(fields)[0], self.Log.search_count([("partner_id", "=", partner.id)])

    def test_pool_fields_written_only_by_actions(self):
        """Leaving the pool, protection and the owner's clock are not
        fields a salesperson writes — not even with the context key the
        actions use, and not on his own customers."""
        as_sales = self.Partner.with_user(self.user_salesperson)
        before = self._snapshot(self.pooled)
        for vals in ({"pool_id": False}, {"in_pool": False}, {"dealer_owner_since": "2026-01-01 00:00:00"},
                     {"dealer_protected_until": "2099-12-31 00:00:00"}, {"user_id": self.user_salesperson.id}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                as_sales.browse(self.pooled.id).write(vals)
            with self.subTest(vals=vals, context="forged"), self.assertRaises(AccessError):
                as_sales.browse(self.pooled.id).with_context(dealer_action="dealer_action",
                                                             dealer_owner_change=True).write(vals)
        own = self._snapshot(self.customer_a)
        unowned_company = self._create_customer("无主五金店", None)
        for vals in ({"dealer_protected_until": "2099-12-31 00:00:00"}, {"dealer_owner_since": "2020-01-01"},
                     {"pool_id": self.pool.id}, {"user_id": self.user_salesperson_b.id}, {"is_dealer": False}):
            with self.subTest(own=vals), self.assertRaises(AccessError):
                as_sales.browse(self.customer_a.id).write(vals)
        # His own contact moved under the pool customer, or a customer made the pool customer's branch.
        own_contact = self.contact_a
        with self.assertRaises(AccessError):
            as_sales.browse(own_contact.id).write({"parent_id": self.pooled.id})
        with self.assertRaises(AccessError):
            as_sales.browse(self.customer_a.id).write({"commercial_partner_id": self.pooled.id})
        self.assertEqual(own_contact.parent_id, self.customer_a)
        # Arguments a client can send in place of ids.
        for bad in (float("nan"), "1", None, [1]):
            with self.subTest(argument=bad), self.assertRaises(UserError):
                as_sales.browse(self.customer_a.id).action_pool_release(bad, "原因")
        with self.assertRaises(UserError):
            as_sales.browse(self.customer_a.id).action_pool_release(self.pool.id, float("nan"))
        # A company moved under his own one would inherit its owner.
        with self.assertRaises(AccessError):
            as_sales.browse(unowned_company.id).write({"parent_id": self.customer_a.id})
        self.assertFalse(unowned_company.user_id)
        self.assertEqual(self._snapshot(self.pooled), before)
        self.assertEqual(self._snapshot(self.customer_a), own)

    def test_non_member_cannot_take_a_pool_customer(self):
        """Not a member of the pool: neither writing the pool away nor a
        claim gets the customer, and no log row is written."""
        outsider = self.Partner.with_user(self.user_salesperson_other_team)
        before = self._snapshot(self.pooled)
        with self.assertRaises(AccessError):
            outsider.browse(self.pooled.id).write({"pool_id": False})
        with self.assertRaises(UserError):
            outsider.browse(self.pooled.id).action_pool_claim()
        self.assertEqual(self._snapshot(self.pooled), before)

    def test_create_cannot_place_or_give_customers(self):
        """A customer is not created inside a pool (by value or by a
        context default), for someone else, or as a contact of a pool
        customer; nothing is created."""
        as_sales = self.Partner.with_user(self.user_salesperson)
        attempts = [
            (as_sales, {"name": "偷渡客户一", "is_company": True, "is_dealer": True, "pool_id": self.pool.id}),
            (as_sales.with_context(default_pool_id=self.pool.id),
             {"name": "偷渡客户二", "is_company": True, "is_dealer": True}),
            (as_sales, {"name": "偷渡客户三", "is_company": True, "is_dealer": True,
                        "user_id": self.user_salesperson_b.id}),
            (as_sales, {"name": "偷渡客户四", "is_company": True, "is_dealer": True,
                        "dealer_protected_until": "2099-01-01"}),
            (as_sales, {"name": "偷渡联系人", "parent_id": self.pooled.id, "type": "contact"}),
        ]
        for model, vals in attempts:
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                model.create(vals)
            self.assertFalse(self.Partner.sudo().search_count([("name", "=", vals["name"])]))
        mine = as_sales.create({"name": "自己的新客户", "is_company": True, "is_dealer": True,
                                "user_id": self.user_salesperson.id})
        self.assertEqual(mine.sudo().user_id, self.user_salesperson)

    def test_manager_changes_owner_logged(self):
        """A manager's direct change of owner stays a documented power,
        logged, and takes the customer out of the pool."""
        count = self.Log.search_count([("partner_id", "=", self.pooled.id)])
        self.pooled.with_user(self.user_manager).write({"user_id": self.user_salesperson.id})
        self.assertEqual(self.pooled.user_id, self.user_salesperson)
        self.assertFalse(self.pooled.pool_id)
        self.assertEqual(self.Log.search_count([("partner_id", "=", self.pooled.id)]), count + 1)

    def _merge(self, user, partners, destination):
        wizard = self.env["base.partner.merge.automatic.wizard"].with_user(user).create({
            "partner_ids": [Command.set(partners.ids)], "dst_partner_id": destination.id,
        })
        return wizard.action_merge()

    def test_merge_is_no_way_around_the_pool(self):
        """Odoo's merge wizard would move a pool customer's history, and
        copy its owner, pool and hidden details, into the user's own one."""
        before = self._snapshot(self.customer_a), self._snapshot(self.pooled)
        with self.assertRaises(AccessError):
            self._merge(self.user_salesperson, self.pooled | self.customer_a, self.customer_a)
        with self.assertRaises(AccessError):
            self._merge(self.user_manager, self.pooled | self.customer_a, self.customer_a)
        self.assertEqual((self._snapshot(self.customer_a), self._snapshot(self.pooled)), before)
        other_owner = self._create_customer("苏州宏利五金商行", self.user_salesperson_other_team)
        with self.assertRaises(AccessError):
            self._merge(self.user_admin, other_owner | self.customer_a, self.customer_a)
        self.assertTrue(other_owner.exists())
        # Two customers of the same owner still merge.
        twin = self._create_customer("上海鑫达五金商行（重复）", self.user_salesperson)
        self._merge(self.user_salesperson, twin | self.customer_a, self.customer_a)
        self.assertFalse(twin.exists())
        self.assertEqual(self.customer_a.user_id, self.user_salesperson)

    def test_no_quotation_before_a_claim(self):
        """A quotation would print the pool customer's hidden address."""
        count = self.env["sale.order"].search_count([("partner_id", "child_of", self.pooled.id)])
        with self.assertRaises(AccessError):
            self.env["sale.order"].with_user(self.user_salesperson).create({"partner_id": self.pooled.id})
        own = self.env["sale.order"].with_user(self.user_salesperson).create({"partner_id": self.customer_a.id})
        with self.assertRaises(AccessError):
            own.write({"partner_shipping_id": self.contact_b.id})
        self.assertEqual(self.env["sale.order"].search_count([("partner_id", "child_of", self.pooled.id)]), count)

    def test_claim_still_works(self):
        self.pooled.with_user(self.user_salesperson).action_pool_claim()
        self.assertEqual(self.pooled.user_id, self.user_salesperson)
        self.assertEqual(self.pooled.with_user(self.user_salesperson).phone, PHONE)


class PoolHiddenDetailsCommon(DealerPoolCommon):
    """Customer B and its contact, with contact details, in a pool hiding them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pool = cls._create_east_pool(hide_contact_details=True)
        cls.customer_b.write({"phone": PHONE, "email": EMAIL, "street": STREET})
        cls.contact_b.write({"phone": "13905171234", "email": "li@hengtong.example.com", "street": STREET})
        cls.customer_b.with_user(cls.user_salesperson_b).action_pool_release(cls.pool.id, "不再跟进")
        cls.pooled = cls.customer_b
        cls.family = cls.customer_b | cls.contact_b
        cls.as_sales = cls.env["res.partner"].with_user(cls.user_salesperson)


@tagged("post_install", "-at_install")
class TestPoolHiddenDetails(PoolHiddenDetailsCommon):
    """A pool hiding contact details answers no question about them: not
    by grouping, aggregating, searching, ordering, display names, exports
    or the customer's contacts."""

    def test_grouping_and_aggregates(self):
        domain = [("id", "in", self.family.ids)]
        for field_name in ("phone", "email", "street", "email_normalized"):
            with self.subTest(field=field_name):
                groups = self.as_sales.formatted_read_group(domain, [field_name], ["__count"])
                self.assertEqual([group[field_name] for group in groups], [False])
                [[values]] = self.as_sales._read_group(domain, [], [f"{field_name}:array_agg"])
                self.assertEqual(set(values), {None})
                [[distinct]] = self.as_sales._read_group(domain, [], [f"{field_name}:count_distinct"])
                self.assertEqual(distinct, 0)
        # The manager of the pool still groups by the real values.
        groups = self.env["res.partner"].with_user(self.user_manager).formatted_read_group(
            [("id", "=", self.pooled.id)], ["phone"], ["__count"])
        self.assertEqual([group["phone"] for group in groups], [PHONE])

    def test_search_is_no_oracle(self):
        """A domain on a hidden field answers the same whatever the value:
        the right phone number matches no more than a wrong one."""
        for field_name, right, wrong in (("phone", PHONE, "010-00000000"), ("email", EMAIL, "x@example.com"),
                                         ("street", STREET, "某路1号")):
            for operator, transform in (("=", str), ("=like", lambda v: v[:5] + "%"), ("ilike", lambda v: v[2:6]),
                                        ("!=", str), ("not ilike", lambda v: v[2:6])):
                with self.subTest(field=field_name, operator=operator):
                    count = self.as_sales.search_count(
                        [("id", "in", self.family.ids), (field_name, operator, transform(right))])
                    self.assertEqual(count, self.as_sales.search_count(
                        [("id", "in", self.family.ids), (field_name, operator, transform(wrong))]))
        self.assertFalse(self.as_sales.name_search(EMAIL))
        self.assertFalse(self.as_sales.search([("child_ids.phone", "=", "13905171234")]))
        # Ordered by phone, the hidden customer sorts as if it had none.
        self.assertEqual(
            self.as_sales.search([("id", "in", self.family.ids)], order="phone desc, id").ids,
            self.as_sales.search([("id", "in", self.family.ids)], order="id").ids,
        )
        manager = self.env["res.partner"].with_user(self.user_manager)
        self.assertEqual(manager.search([("phone", "=", PHONE)]), self.pooled)

    def test_display_name_contexts(self):
        for context in ({"show_email": True}, {"show_address": True}, {"formatted_display_name": True,
                                                                         "show_email": True}):
            with self.subTest(context=context):
                name = self.as_sales.with_context(**context).browse(self.pooled.id).display_name
                self.assertNotIn(EMAIL, name)
                self.assertNotIn(STREET, name)
                # Through another record read as superuser, on the user's behalf.
                order = self.env["sale.order"].create({"partner_id": self.pooled.id})
                name = order.with_user(self.user_salesperson).with_context(**context).sudo().partner_id.display_name
                self.assertNotIn(EMAIL, name)
        owner_name = self.customer_a.with_user(self.user_salesperson).with_context(show_address=True).display_name
        self.assertEqual(owner_name, self.customer_a.with_context(show_address=True).display_name)

    def test_export_and_contacts(self):
        self.user_salesperson.group_ids += self.env.ref("base.group_allow_export")
        rows = self.as_sales.browse(self.family.ids).export_data(["name", "phone", "email", "street"])["datas"]
        self.assertEqual([row[1:] for row in rows], [["", "", ""]] * 2)
        rows = self.as_sales.browse(self.pooled.id).export_data(["name", "child_ids/phone", "child_ids/email"])["datas"]
        self.assertTrue(all(not value for row in rows for value in row[1:]))
        self.assertFalse(self.as_sales.browse(self.contact_b.id).read(["phone", "email"])[0]["phone"])

    def test_chatter_tracking_hides_details(self):
        message = self.pooled.message_post(body="电话已更新")
        trackings = self.env["mail.tracking.value"].sudo().create({
            "field_id": self.env["ir.model.fields"]._get("res.partner", "phone").id,
            "old_value_char": PHONE, "new_value_char": "025-66668888", "mail_message_id": message.id,
        })
        self.assertTrue(trackings)
        self.assertFalse(trackings._filter_has_field_access(self.env(user=self.user_salesperson)))
        self.assertEqual(trackings._filter_has_field_access(self.env(user=self.user_manager)), trackings)

    def test_odoo_routes_and_payloads(self):
        """vCard, suggested recipients, followers,
        attendees and the onchange of a new contact: each built by Odoo
        under ``sudo()`` on the user's behalf."""
        pooled = self.as_sales.browse(self.pooled.id)
        card = pooled._build_vcard().serialize()
        self.assertIn(self.pooled.name, card)
        for secret in (PHONE, EMAIL, STREET):
            self.assertNotIn(secret, card)
        order = self.env["sale.order"].create({"partner_id": self.pooled.id})
        suggestions = order.with_user(self.user_salesperson).sudo()._message_get_suggested_recipients_batch()
        emails = [recipient["email"] for recipient in suggestions[order.id]]
        self.assertNotIn(EMAIL.lower(), emails)
        self.customer_a.message_subscribe(partner_ids=self.contact_b.ids)
        followers = self.env["mail.followers"].with_user(self.user_salesperson).search_read(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.customer_a.id),
             ("partner_id", "=", self.contact_b.id)], ["email"])
        self.assertEqual([follower["email"] for follower in followers], [False])
        new_contact = self.as_sales.new({"name": "新联系人", "parent_id": self.pooled.id, "street": STREET})
        self.assertFalse(new_contact._read_format(["street"])[0]["street"])
        wizard = self.env["base.partner.merge.automatic.wizard"].with_user(self.user_salesperson).create({
            "group_by_email": True})
        for action in ("action_start_automatic_process", "action_start_manual_process"):
            with self.subTest(action=action), self.assertRaises(AccessError):
                getattr(wizard, action)()

    def test_reports_and_portal_wizard(self):
        """The contact widget of reports and portal pages, and Odoo's portal
        wizard, read the customer as superuser."""
        html = self.env["ir.qweb.field.contact"].with_user(self.user_salesperson).value_to_html(
            self.pooled.with_user(self.user_salesperson), {})
        self.assertIn(self.pooled.name, html)
        for secret in (PHONE, EMAIL, STREET):
            self.assertNotIn(secret, html)
        wizard = self.env["portal.wizard"].with_user(self.user_salesperson).create({
            "partner_ids": [Command.set(self.family.ids)]})
        rows = wizard.user_ids.read(["email"])
        self.assertEqual({row["email"] for row in rows}, {False})
        for line in wizard.user_ids:
            with self.subTest(partner=line.partner_id.name), self.assertRaises(AccessError):
                line.action_grant_access()
        self.assertFalse(self.family.sudo().user_ids)

    def test_copy_leaves_details_behind(self):
        copy = self.as_sales.browse(self.pooled.id).copy({"name": "复制的客户"})
        self.assertFalse(copy.sudo().phone or copy.sudo().email or copy.sudo().street)
        self.assertFalse(copy.sudo().pool_id)

    def test_pool_manager_and_owner_see(self):
        manager = self.env["res.partner"].with_user(self.user_manager).browse(self.pooled.id)
        self.assertEqual(manager.read(["phone"])[0]["phone"], PHONE)
        self.pooled.with_user(self.user_salesperson).action_pool_claim()
        self.assertEqual(self.as_sales.search([("phone", "=", PHONE)]), self.pooled)
        self.assertEqual(self.as_sales.browse(self.pooled.id).read(["email"])[0]["email"], EMAIL)
