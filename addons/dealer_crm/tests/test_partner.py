import re
from unittest.mock import patch

from odoo.exceptions import AccessError, MissingError
from odoo.tests import Form

from .common import DealerCrmCommon


class TestDealerPartner(DealerCrmCommon):

    def test_customer_code_from_sequence(self):
        codes = (self.customer_a | self.customer_b | self.customer_other_team).mapped("dealer_code")
        for code in codes:
            self.assertRegex(code, r"^KH\d{6}$")
        self.assertEqual(len(set(codes)), 3)
        numbers = [int(re.sub(r"\D", "", code)) for code in codes]
        self.assertEqual(numbers, sorted(numbers))
        self.assertFalse(self.contact_a.dealer_code, "contacts have no customer code")
        self.assertFalse(self.vendor.dealer_code, "partners outside Dealer CRM have no customer code")

    def test_customer_code_when_becoming_a_dealer_and_on_copy(self):
        self.vendor.is_dealer = True
        self.assertRegex(self.vendor.dealer_code, r"^KH\d{6}$")
        copy = self.customer_a.copy()
        self.assertTrue(copy.dealer_code)
        self.assertNotEqual(copy.dealer_code, self.customer_a.dealer_code)

    def test_codes_of_a_batch_cost_the_same_queries_as_one(self):
        vals = [{"name": f"批量客户{i}", "is_company": True, "is_dealer": True} for i in range(50)]
        self.Partner._dealer_next_codes(1)
        with self.assertQueryCount(2):  # the sequence, then all the numbers
            self.Partner._dealer_next_codes(1)
        with self.assertQueryCount(2):
            codes = self.Partner._dealer_next_codes(50)
        self.assertEqual(len(set(codes)), 50)
        partners = self.Partner.create(vals)
        self.assertEqual(len(set(partners.mapped("dealer_code"))), 50)

    def test_contacts_inherit_classification_and_owner(self):
        self.assertTrue(self.contact_a.is_dealer)
        self.assertEqual(self.contact_a.dealer_region_id, self.region_pudong)
        self.assertEqual(self.contact_a.dealer_channel_id, self.channel_hardware)
        self.assertEqual(self.contact_a.user_id, self.user_salesperson)
        self.customer_a.write({"user_id": self.user_salesperson_b.id, "dealer_region_id": self.region_north.id})
        self.assertEqual(self.contact_a.user_id, self.user_salesperson_b, "contacts follow the customer's owner")
        self.assertEqual(self.contact_a.dealer_region_id, self.region_north)
        # A partner outside Dealer CRM keeps Odoo's behaviour.
        vendor_contact = self.Partner.create({"name": "采购员", "parent_id": self.vendor.id})
        self.vendor.user_id = self.user_salesperson
        self.assertFalse(vendor_contact.user_id)

    def test_sales_team_defaults_to_the_owners(self):
        self.assertEqual(self.customer_a.dealer_team_id, self.team)
        self.assertEqual(self.customer_other_team.dealer_team_id, self.team_other)
        self.customer_a.user_id = self.user_salesperson_other_team
        self.assertEqual(self.customer_a.dealer_team_id, self.team_other)
        self.customer_a.dealer_team_id = self.team
        self.assertEqual(self.customer_a.dealer_team_id, self.team, "the team can be set by hand")

    def test_counts(self):
        self.Partner.create({"name": "采购员", "parent_id": self.customer_a.id, "type": "contact"})
        self.Partner.create({"name": "送货地址", "parent_id": self.customer_a.id, "type": "delivery"})
        self.assertEqual(self.customer_a.dealer_contact_count, 2)
        action = self.customer_a.action_dealer_view_contacts()
        self.assertEqual(len(self.Partner.search(action["domain"])), 2)

    def test_key_contacts_first_on_the_customer_form(self):
        self.Partner.create([
            {"name": "阿强", "parent_id": self.customer_a.id, "type": "contact"},
            {"name": "赵总", "parent_id": self.customer_a.id, "type": "contact", "dealer_is_key_contact": True},
        ])
        views = self.Partner.get_views([(self.env.ref("dealer_crm.res_partner_view_form_dealer").id, "form")])
        arch = views["views"]["form"]["arch"]
        order = re.search(r'<kanban[^>]*default_order="([^"]+)"', arch).group(1)
        result = self.customer_a.web_read({"child_ids": {"fields": {"name": {}}, "order": order}})
        names = [child["name"] for child in result[0]["child_ids"]]
        self.assertEqual(names[0], "赵总")
        self.assertEqual(sorted(names[1:]), names[1:])

    def test_region_from_province_on_the_form(self):
        with Form(self.Partner.with_context(default_is_dealer=True, default_is_company=True),
                  view="dealer_crm.res_partner_view_form_dealer") as form:
            form.name = "上海新客户"
            form.state_id = self.env.ref("base.state_cn_SH")
            self.assertEqual(form.dealer_region_id, self.region_shanghai)
        self.assertTrue(form.record.dealer_code)

    def test_owner_is_indexed(self):
        self.env.cr.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'res_partner'")
        definitions = [row[0] for row in self.env.cr.fetchall()]
        self.assertTrue(any(re.search(r"\(user_id\)", definition) for definition in definitions))

    def test_bulk_create_matches_create(self):
        """The import's set-based creation stores what create() stores."""
        company_vals = {
            "name": "批量客户", "is_company": True, "is_dealer": True, "user_id": self.user_salesperson.id,
            "dealer_region_id": self.region_pudong.id, "dealer_channel_id": self.channel_hardware.id,
            "phone": "021-5555 6666", "email": " Sales@Example.CN ", "vat": "913100001234",
            "state_id": self.env.ref("base.state_cn_SH").id, "country_id": self.env.ref("base.cn").id,
            "city": "上海", "street": "张江路1号", "dealer_importance": "2",
        }
        contact_vals = {"name": "周海涛", "type": "contact", "function": "总经理", "phone": "13900001111"}
        Partner = self.Partner.with_user(self.user_salesperson)
        bulk = Partner._dealer_bulk_create([company_vals])
        bulk_contact = Partner._dealer_bulk_create([{
            **{key: value for key, value in company_vals.items() if key in Partner._commercial_fields()
               or key in Partner._address_fields()},
            **contact_vals, "parent_id": bulk.id, "user_id": self.user_salesperson.id,
        }])
        orm = Partner.create(company_vals)
        orm_contact = Partner.create({**contact_vals, "parent_id": orm.id})
        self.env.flush_all()
        self.env.invalidate_all()
        # create() updates its new rows after the INSERT, as superuser when a
        # contact follows its owner: write_uid is not part of the comparison.
        skip = {"id", "dealer_code", "commercial_partner_id", "parent_id", "create_date", "write_date", "write_uid",
                "calendar_last_notif_ack", "message_main_attachment_id"}
        stored = [name for name, field in self.Partner._fields.items()
                  if field.store and field.column_type and name not in skip]
        for created, expected in ((bulk, orm), (bulk_contact, orm_contact)):
            values = created.sudo().read(stored)[0]
            reference = expected.sudo().read(stored)[0]
            differences = {name: (values[name], reference[name]) for name in stored if values[name] != reference[name]}
            self.assertEqual(differences, {}, created.name)
        self.assertEqual(bulk.commercial_partner_id, bulk)
        self.assertEqual(bulk_contact.commercial_partner_id, bulk)
        self.assertEqual(bulk.child_ids, bulk_contact)
        self.assertRegex(bulk.dealer_code, r"^KH\d{6}$")
        self.assertFalse(bulk_contact.dealer_code)

    def _bulk_create_logging_queries(self, vals_list):
        """Bulk-create ``vals_list`` and flush; return the partners and the SQL run."""
        queries = []
        execute = self.env.cr.execute

        def logged_execute(query, params=None, log_exceptions=True):
            queries.append(str(getattr(query, "code", query)))
            return execute(query, params, log_exceptions)

        with patch.object(self.env.cr, "execute", logged_execute):
            partners = self.Partner._dealer_bulk_create(vals_list)
            self.env.flush_all()
        return partners, queries

    def test_bulk_create_inserts_computed_values(self):
        """Normalized phone and email go into the INSERT: no row is updated after it."""
        partners, queries = self._bulk_create_logging_queries([
            {"name": f"经销商{i}", "is_company": True, "is_dealer": True, "phone": f"+86 21 5555 {1000 + i}",
             "email": f" Dealer{i}@Example.CN ", "country_id": self.env.ref("base.cn").id}
            for i in range(3)
        ])
        self.assertTrue([query for query in queries if re.match(r"\s*INSERT\s+INTO\s+\"?res_partner\b", query)])
        self.assertFalse([query for query in queries if re.match(r"\s*UPDATE\s+\"?res_partner\b", query)])
        self.env.invalidate_all()
        self.assertEqual(partners.mapped("email_normalized"), [f"dealer{i}@example.cn" for i in range(3)])
        reference = self.Partner.create({"name": "参照", "phone": "+86 21 5555 1000", "country_id": self.env.ref("base.cn").id})
        self.assertTrue(partners[0].phone_sanitized)
        self.assertEqual(partners[0].phone_sanitized, reference.phone_sanitized)

    def test_bulk_create_computes_after_insert_when_compute_needs_database(self):
        """A compute method that needs the new rows in the database (another
        module's, say) still gets them: the ORM computes after the INSERT."""
        Partner = type(self.Partner)
        compute_email_normalized = Partner._compute_email_normalized

        def compute_from_database(records):
            if len(records.exists()) != len(records):
                raise MissingError("not in the database yet")
            compute_email_normalized(records)

        with patch.object(Partner, "_compute_email_normalized", compute_from_database):
            partners, queries = self._bulk_create_logging_queries([
                {"name": "数据库客户", "is_company": True, "is_dealer": True, "email": "Buyer@Example.CN",
                 "phone": "+86 21 5555 2000", "country_id": self.env.ref("base.cn").id},
            ])
        self.assertTrue([query for query in queries if re.match(r"\s*UPDATE\s+\"?res_partner\b", query)])
        self.env.invalidate_all()
        self.assertEqual(partners.email_normalized, "buyer@example.cn")
        self.assertTrue(partners.phone_sanitized)
        self.assertRegex(partners.dealer_code, r"^KH\d{6}$")

    def test_bulk_create_checks_record_rules(self):
        with self.assertRaises(AccessError):
            self.Partner.with_user(self.user_salesperson)._dealer_bulk_create([{
                "name": "别人的客户", "is_company": True, "is_dealer": True, "user_id": self.user_salesperson_b.id,
            }])
        with self.assertRaises(AccessError):
            self.Partner.with_user(self.user_back_office)._dealer_bulk_create([{"name": "客户", "is_company": True}])
