from odoo.addons.dealer_crm_sale.tests.common import DealerSalesCommon


class TestCustomerDistribution(DealerSalesCommon):

    def _report(self, user=None):
        Report = self.env["dealer.customer.distribution.report"]
        return Report.with_user(user) if user else Report

    def test_counts_by_top_level_region_and_channel(self):
        groups = dict(self._report()._read_group(
            [("partner_id", "in", (self.customer_a | self.customer_b | self.customer_north_unowned
                                   | self.customer_east_other_team | self.customer_other_team).ids)],
            ["top_region_id"],
            ["customer_count:sum"],
        ))
        self.assertEqual(groups[self.region_east], 2, "浦东 and 上海 roll up into 华东区")
        self.assertEqual(groups[self.region_north], 1)
        self.assertEqual(groups[self.env["dealer.region"]], 2, "customers without a region")
        by_channel = dict(self._report()._read_group(
            [("partner_id", "=", self.customer_a.id)], ["channel_id"], ["customer_count:sum"],
        ))
        self.assertEqual(by_channel, {self.channel_hardware: 1})

    def test_contacts_and_other_partners_are_not_customers(self):
        rows = self._report().search([])
        self.assertNotIn(self.contact_a, rows.partner_id)
        self.assertNotIn(self.vendor, rows.partner_id)
        self.customer_b.action_archive()
        self.assertNotIn(self.customer_b, self._report().search([]).partner_id)

    def test_follows_new_data_at_once(self):
        customer = self._create_customer("新客户", self.user_salesperson, region=self.region_north)
        row = self._report().search([("partner_id", "=", customer.id)])
        self.assertEqual(row.top_region_id, self.region_north)
        customer.dealer_importance = "3"
        self._report().invalidate_model()
        self.assertEqual(self._report().search([("partner_id", "=", customer.id)]).importance, "3")

    def test_each_role_sees_its_customers(self):
        mine = self.customer_a | self.customer_north_unowned
        self.assertEqual(self._report(self.user_salesperson).search([]).partner_id, mine)
        self.assertEqual(
            self._report(self.user_manager).search([]).partner_id,
            mine | self.customer_b | self.customer_east_other_team,
        )
        self.assertEqual(len(self._report(self.user_back_office).search([])), 5)
        self.assertEqual(len(self._report(self.user_admin).search([])), 5)
