from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tools import mute_logger

from .common import DealerCrmCommon


class TestMasterData(DealerCrmCommon):

    def test_region_complete_name_follows_the_hierarchy(self):
        self.assertEqual(self.region_pudong.complete_name, "华东区 › 上海 › 浦东")
        self.region_east.name = "华东大区"
        self.assertEqual(self.region_pudong.complete_name, "华东大区 › 上海 › 浦东")
        self.assertEqual(self.region_pudong.display_name, "华东大区 › 上海 › 浦东")

    def test_region_name_unique_per_parent(self):
        Region = self.env["dealer.region"]
        Region.create({"name": "浦东", "parent_id": self.region_north.id})  # another parent: fine
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            Region.create({"name": "浦东", "parent_id": self.region_shanghai.id})
            self.env.flush_all()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            Region.create({"name": "华东区"})  # two top-level regions of one name
            self.env.flush_all()

    def test_region_cannot_be_its_own_ancestor(self):
        with self.assertRaises(UserError):
            self.region_east.parent_id = self.region_pudong

    def test_region_managers_cover_sub_regions(self):
        self.assertEqual(self.region_pudong.manager_user_ids, self.user_manager)
        self.region_shanghai.manager_id = self.user_salesperson
        self.assertEqual(self.region_pudong.manager_user_ids, self.user_manager | self.user_salesperson)
        self.assertEqual(self.region_north.manager_user_ids, self.env["res.users"])
        self.region_pudong.parent_id = self.region_north
        self.assertFalse(self.region_pudong.manager_user_ids)

    def test_region_customer_count_includes_sub_regions(self):
        self.assertEqual(self.region_east.customer_count, 2)
        self.assertEqual(self.region_shanghai.customer_count, 2)
        self.assertEqual(self.region_pudong.customer_count, 1)
        action = self.region_east.action_view_customers()
        self.assertEqual(
            self.Partner.search(action["domain"]),
            self.customer_a | self.customer_east_other_team,
        )

    def test_region_for_province_is_the_most_specific(self):
        shanghai = self.env.ref("base.state_cn_SH")
        Region = self.env["dealer.region"]
        self.assertEqual(Region._dealer_region_for_state(shanghai), self.region_shanghai)
        self.region_pudong.state_ids = shanghai
        self.assertEqual(Region._dealer_region_for_state(shanghai), self.region_pudong)
        self.assertFalse(Region._dealer_region_for_state(self.env.ref("base.state_cn_GD")))

    def test_classification_names_are_unique(self):
        for model in ("dealer.channel", "dealer.customer.type", "dealer.source"):
            record = self.env[model].create({"name": "唯一名称"})
            with self.subTest(model=model), self.assertRaises(IntegrityError), \
                    mute_logger("odoo.sql_db"), self.cr.savepoint():
                self.env[model].create({"name": "唯一名称"})
                self.env.flush_all()
            record.action_archive()
            self.assertFalse(self.env[model].search([("name", "=", "唯一名称")]))
            self.assertTrue(self.env[model].with_context(active_test=False).search([("name", "=", "唯一名称")]))
