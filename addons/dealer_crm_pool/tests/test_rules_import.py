from odoo.addons.dealer_crm.tests.test_rules_import import ImportRulesCommon

from .common import DealerPoolCommon


class TestPoolImportRules(ImportRulesCommon, DealerPoolCommon):
    """An import neither names a customer whose details its pool hides, nor
    changes a pool's customer before it is claimed."""

    def test_duplicate_of_a_hidden_pool_customer_names_nobody(self):
        pool = self._create_east_pool(hide_contact_details=True)
        hidden = self._create_customer("隐藏公海客户", self.user_salesperson_b, region=self.region_pudong,
                                       phone="021-6888 9999")
        hidden.with_user(self.user_salesperson_b).action_pool_release(pool.id, "不再跟进")
        self.assertTrue(hidden.with_user(self.user_salesperson)._filtered_access("read"),
                        "an unowned pool customer is readable; only its details are hidden")
        rows = [
            ["丙", "+86 021-68889999", "", ""],         # 2: the hidden pool customer's phone
            ["丁", "", "", ""],                         # 3: new
        ]
        for policy in ("skip", "update"):
            with self.subTest(policy=policy):
                wizard, lines = self._preview(self.user_salesperson, rows, policy)
                self.assertEqual(wizard.new_count, 1, "the duplicate is still found")
                self.assertEqual(lines[2].status, "skip" if policy == "skip" else "invalid")
                self.assertIn("an existing customer you cannot see", lines[2].message)
                self.assertFalse(lines[2].partner_id, "the row does not link the customer either")
                read = wizard.line_ids.read(["message", "partner_id", "name"])
                self.assertNotIn("隐藏公海客户", str(read))
        wizard.action_import()
        self.assertEqual(hidden.sudo().phone, "021-6888 9999")
        self.assertFalse(hidden.user_id, "the hidden customer was neither updated nor taken")
        self.assertFalse(self.Partner.search_count([("name", "=", "丙")]))
        # A manager may see it: the same rows name it.
        _wizard, lines = self._preview(self.user_manager, rows)
        self.assertIn("隐藏公海客户", lines[2].message)
        self.assertEqual(lines[2].partner_id, hidden)

    def test_visible_pool_customer_is_named_but_not_updated(self):
        pool = self._create_east_pool()
        self.customer_b.phone = "025-6321 7788"
        self.customer_b.with_user(self.user_salesperson_b).action_pool_release(pool.id, "不再跟进")
        wizard, lines = self._preview(self.user_salesperson, [["甲", "025-6321 7788", "", "南京"]], "update")
        self.assertIn("南京恒通", lines[2].message)
        self.assertEqual(lines[2].status, "invalid", "claimed before it is changed")
        wizard.action_import()
        self.assertFalse(self.customer_b.city)

    def test_read_of_missing_ids_blanks_hidden_details(self):
        """Ids that do not exist, read with a customer whose pool hides its
        details: the records that exist, in order, the details blanked, in
        a few queries."""
        pool = self._create_east_pool(hide_contact_details=True)
        self.customer_b.phone = "025-6321 7788"
        self.customer_b.with_user(self.user_salesperson_b).action_pool_release(pool.id, "不再跟进")
        missing = self._missing_ids(3)
        Partner = self.Partner.with_user(self.user_salesperson)
        self._count_queries(Partner.browse(missing), ["phone"])  # caches of rules and pools
        ids = [missing[0], self.customer_a.id, missing[1], self.customer_b.id, missing[2]]
        result, count = self._count_queries(Partner.browse(ids), ["name", "phone"])
        self.assertEqual([values["id"] for values in result], [self.customer_a.id, self.customer_b.id])
        self.assertEqual(result[1]["name"], "南京恒通建材有限公司")
        self.assertFalse(result[1]["phone"])
        self.assertLessEqual(count, 8)
