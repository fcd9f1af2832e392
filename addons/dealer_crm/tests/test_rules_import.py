import base64

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import DealerCrmCommon

HEADER = ["客户名称", "电话", "税号", "城市"]


def csv_bytes(rows):
    return "\n".join(",".join(row) for row in rows).encode()


class ImportRulesCommon(DealerCrmCommon):
    """A small import file and the helpers that run and read an import."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Wizard = cls.env["dealer.import.wizard"]
        cls.Line = cls.env["dealer.import.wizard.line"]
        cls.content = csv_bytes([
            HEADER,
            ["导入测试新客户", "0571-8800 1234", "91330100IMPORT01", "杭州"],
            ["上海鑫达五金商行", "", "", "上海"],                    # customer_a: a duplicate
            ["", "", "", "杭州"],                                    # no name: invalid
        ])

    def _wizard(self, user, content=None, **values):
        return self.Wizard.with_user(user).create({
            "file": base64.b64encode(content or self.content),
            "filename": "客户.csv",
            **values,
        })

    def _wizard_state(self, wizard):
        wizard = wizard.sudo()
        wizard.invalidate_recordset()
        return wizard.read(["user_id", "state", "file", "unknown_value_policy", "new_count", "create_uid"])[0], \
            wizard.line_ids.sudo().read(["row_number", "status", "message", "partner_id"])

    def _dealers(self):
        return self.Partner.sudo().search([("is_dealer", "=", True)]).read(["name", "user_id", "phone", "city"])

    def _preview(self, user, rows, policy="skip"):
        wizard = self._wizard(user, csv_bytes([HEADER, *rows]), duplicate_policy=policy)
        wizard.action_preview()
        return wizard, {line.row_number: line for line in wizard.line_ids}

    def _count_queries(self, records, fnames):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        result = records.read(fnames)
        return result, self.cr.sql_log_count - before

    def _missing_ids(self, count):
        """``count`` ids of partners that do not exist."""
        self.env.flush_all()
        self.env.cr.execute("SELECT max(id) FROM res_partner")
        first_missing = self.env.cr.fetchone()[0] + 1000
        return list(range(first_missing, first_missing + count))


class TestImportRules(ImportRulesCommon):
    """A customer import holds its author's file: other salespeople can
    neither see it nor run it, its owner option is a manager's, and its
    duplicate check names only the customers the author may see."""

    # ------------------------------------------------------------------
    # A wizard and its rows are its creator's
    # ------------------------------------------------------------------

    def test_other_salesperson_neither_sees_nor_changes_an_import(self):
        wizard = self._wizard(self.user_salesperson)
        wizard.action_preview()
        lines = wizard.line_ids
        self.assertEqual(len(lines), 2, "the duplicate and the invalid row")
        before = self._wizard_state(wizard)
        for intruder in (self.user_salesperson_b, self.user_manager):
            Wizard, Line = self.Wizard.with_user(intruder), self.Line.with_user(intruder)
            with self.subTest(intruder=intruder.login):
                self.assertNotIn(wizard, Wizard.search([]))
                self.assertFalse(Line.search([("wizard_id", "=", wizard.id)]))
                self.assertFalse(Wizard.search_count([("id", "=", wizard.id)]))
                with self.assertRaises(AccessError):
                    Wizard.browse(wizard.id).read(["file", "filename"])
                with self.assertRaises(AccessError):
                    Line.browse(lines.ids).read(["name", "message"])
                with self.assertRaises(AccessError):
                    Wizard.browse(wizard.id).write({"user_id": intruder.id})
                with self.assertRaises(AccessError):
                    Wizard.browse(wizard.id).write({"file": base64.b64encode(b"name\nx")})
                with self.assertRaises(AccessError):
                    Wizard.browse(wizard.id).action_import()
                with self.assertRaises(AccessError):
                    Wizard.browse(wizard.id).action_back()
                with self.assertRaises(AccessError):
                    Line.browse(lines.ids).write({"message": "改过了"})
                with self.assertRaises(AccessError):
                    Line.create({"wizard_id": wizard.id, "status": "invalid", "message": "请致电 400-000-0000"})
                with self.assertRaises(AccessError):
                    Line.browse(lines.ids).unlink()
                with self.assertRaises(AccessError):
                    Wizard.browse(wizard.id).unlink()
                self.assertFalse(Wizard.browse(wizard.id)._filtered_access("read"))
                self.assertFalse(Wizard.formatted_read_group([("id", "=", wizard.id)], ["state"], ["__count"]))
        self.assertEqual(self._wizard_state(wizard), before, "the import is unchanged")
        self.assertFalse(self.Partner.search([("name", "=", "导入测试新客户")]))

    def test_creator_and_administrator_work_with_an_import(self):
        wizard = self._wizard(self.user_salesperson)
        wizard.action_preview()
        as_admin = wizard.with_user(self.user_admin)
        self.assertEqual(as_admin.read(["new_count"])[0]["new_count"], 1)
        self.assertEqual(len(as_admin.line_ids), 2)
        self.assertIn(wizard, self.Wizard.with_user(self.user_salesperson).search([]))
        wizard.action_import()
        self.assertEqual(self.Partner.search([("name", "=", "导入测试新客户")]).user_id, self.user_salesperson)
        wizard.unlink()
        self.assertFalse(wizard.exists())

    def test_taking_over_another_salespersons_import_is_refused(self):
        """The attack of the issue: write oneself as the owner of another's
        import, then run it to own its customers."""
        wizard = self._wizard(self.user_salesperson)
        dealers = self._dealers()
        thief = wizard.with_user(self.user_salesperson_b)
        with self.assertRaises(AccessError):
            thief.write({"user_id": self.user_salesperson_b.id})
        with self.assertRaises(AccessError):
            thief.action_preview()
        with self.assertRaises(AccessError):
            thief.action_import()
        self.assertEqual(wizard.sudo().user_id, self.user_salesperson)
        self.assertEqual(self._dealers(), dealers, "no customer created or changed")

    # ------------------------------------------------------------------
    # The owner of the new customers: the caller, unless a manager chose
    # ------------------------------------------------------------------

    def test_salesperson_cannot_choose_another_owner_at_create_or_write(self):
        wizards = self.Wizard.sudo().search_count([])
        with self.assertRaises(AccessError) as refused:
            self._wizard(self.user_salesperson, user_id=self.user_salesperson_b.id)
        self.assertIn("another salesperson", str(refused.exception))
        with self.assertRaises(AccessError) as refused:
            self._wizard(self.user_salesperson, unknown_value_policy="create")
        self.assertIn("Only sales managers can create regions", str(refused.exception))
        self.assertEqual(self.Wizard.sudo().search_count([]), wizards, "no import created")

        wizard = self._wizard(self.user_salesperson)
        before = self._wizard_state(wizard)
        with self.assertRaises(AccessError) as refused:
            wizard.write({"user_id": self.user_salesperson_b.id})
        self.assertIn("another salesperson", str(refused.exception))
        with self.assertRaises(AccessError):
            wizard.write({"unknown_value_policy": "create"})
        self.assertEqual(self._wizard_state(wizard), before)
        # Himself, or nobody (then himself), stays allowed.
        wizard.write({"user_id": False})
        wizard.action_import()
        self.assertEqual(self.Partner.search([("name", "=", "导入测试新客户")]).user_id, self.user_salesperson)

    def test_manager_chooses_a_salesperson_only(self):
        wizard = self._wizard(self.user_manager, user_id=self.user_salesperson_b.id)
        outsider = new_test_user(self.env, "import_outsider", groups="base.group_user", name="财务小王")
        portal = new_test_user(self.env, "import_portal", groups="base.group_portal", name="门户用户")
        for user in (outsider, portal):
            with self.subTest(user=user.login), self.assertRaises(ValidationError):
                wizard.write({"user_id": user.id})
        self.assertEqual(wizard.user_id, self.user_salesperson_b)
        wizard.action_import()
        self.assertEqual(self.Partner.search([("name", "=", "导入测试新客户")]).user_id, self.user_salesperson_b)

    def test_options_are_checked_again_when_the_import_runs(self):
        """A manager's import for another salesperson, run after he lost
        the manager's rights, creates nothing."""
        manager_group = self.env.ref("dealer_crm.group_dealer_manager")
        leader = new_test_user(
            self.env, "import_leader", name="赵组长",
            groups="base.group_user,dealer_crm.group_dealer_salesperson,dealer_crm.group_dealer_manager",
        )
        wizard = self._wizard(leader, user_id=self.user_salesperson_b.id)
        leader.write({"group_ids": [Command.unlink(manager_group.id)]})
        self.assertFalse(leader.has_group("dealer_crm.group_dealer_manager"))
        dealers = self._dealers()
        for action in ("action_preview", "action_import"):
            with self.subTest(action=action), self.assertRaises(AccessError) as refused:
                getattr(wizard, action)()
            self.assertIn("another salesperson", str(refused.exception))
        self.assertEqual(self._dealers(), dealers, "no customer created")

    # ------------------------------------------------------------------
    # The duplicate check names only what the caller may see
    # ------------------------------------------------------------------

    def test_duplicate_of_a_customer_the_caller_cannot_see_names_nobody(self):
        self.customer_b.phone = "025-6321 7788"
        self.customer_other_team.vat = "91440100SECRET01"
        rows = [
            ["甲", "025 63217788", "", ""],            # 2: customer_b's phone (another salesperson's)
            ["乙", "", "91440100SECRET01", ""],         # 3: the other team's tax id
            ["上海鑫达五金商行", "", "", ""],            # 4: own customer_a, by name
            ["丁", "", "", ""],                         # 5: new
        ]
        secrets = ["南京恒通", "广州盛源"]
        for policy in ("skip", "update"):
            with self.subTest(policy=policy):
                wizard, lines = self._preview(self.user_salesperson, rows, policy)
                self.assertEqual(wizard.new_count, 1, "the duplicates are still found")
                for number in (2, 3):
                    line = lines[number]
                    self.assertEqual(line.status, "skip" if policy == "skip" else "invalid")
                    self.assertIn("an existing customer you cannot see", line.message)
                    self.assertFalse(any(secret in line.message for secret in secrets), line.message)
                    self.assertFalse(line.partner_id, "the row does not link the customer either")
                self.assertIn("上海鑫达五金商行", lines[4].message)
                self.assertEqual(lines[4].partner_id, self.customer_a)
                self.assertEqual(lines[4].status, "skip" if policy == "skip" else "update")
                # What the client reads back: no name in any field of any row.
                read = wizard.line_ids.read(["message", "partner_id", "name"])
                self.assertFalse([secret for secret in secrets if secret in str(read)])
        wizard.action_import()
        self.assertEqual(self.customer_b.phone, "025-6321 7788")
        self.assertEqual(self.Partner.search_count([("name", "in", ["甲", "乙"])]), 0)
        # A manager may see them: the same rows name them.
        _wizard, lines = self._preview(self.user_manager, rows)
        self.assertIn("南京恒通", lines[2].message)

    # ------------------------------------------------------------------
    # Reading ids that do not exist
    # ------------------------------------------------------------------

    def test_read_of_missing_ids_costs_queries_per_batch_not_per_id(self):
        """A salesperson's read of 100,000 ids that do not exist answers
        as Odoo does (the records that exist, here none) in a few queries;
        it ran about 2 queries per id, 4 with computed fields."""
        missing = self._missing_ids(100_000)
        Partner = self.Partner.with_user(self.user_salesperson)
        for fnames in (["name", "phone", "email"], ["display_name"], ["phone"]):
            with self.subTest(fnames=fnames):
                self._count_queries(Partner.browse(missing[:10]), fnames)  # caches of the rules
                result, few = self._count_queries(Partner.browse(missing[:1000]), fnames)
                self.assertEqual(result, [])
                result, many = self._count_queries(Partner.browse(missing), fnames)
                self.assertEqual(result, [])
                self.assertLessEqual(many, few, "as many queries for 100,000 ids as for 1,000")
                self.assertLessEqual(many, 6)
        # Mixed with records that exist: those, in order.
        self.customer_north_unowned.phone = "010-6321 7788"
        ids = [missing[0], self.customer_a.id, missing[1], self.customer_north_unowned.id, missing[2]]
        result, count = self._count_queries(Partner.browse(ids), ["name", "phone"])
        self.assertEqual([values["id"] for values in result], [self.customer_a.id, self.customer_north_unowned.id])
        self.assertEqual(result[1]["name"], "北京永发工具商行")
        self.assertEqual(result[1]["phone"], "010-6321 7788")
        self.assertLessEqual(count, 8)
        # Any model: a region read as a salesperson.
        result, count = self._count_queries(
            self.env["dealer.region"].with_user(self.user_salesperson).browse(missing), ["name", "complete_name"],
        )
        self.assertEqual(result, [])
        self.assertLessEqual(count, 8)


@tagged("post_install", "-at_install")
class TestImportFileRoute(HttpCase):
    """``/web/content`` serves an import's file to its creator only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "base.group_user,dealer_crm.group_dealer_salesperson"
        cls.author = new_test_user(cls.env, "import_author", groups=groups, name="张伟")
        cls.other = new_test_user(cls.env, "import_other", groups=groups, name="李娜")
        cls.content = "客户名称,电话,税号\n机密客户,13912345678,91330100SECRET02\n".encode()
        cls.wizard = cls.env["dealer.import.wizard"].with_user(cls.author).create({
            "file": base64.b64encode(cls.content), "filename": "客户.csv",
        })

    def _get(self, login):
        self.authenticate(login, login)
        return self.url_open(f"/web/content/dealer.import.wizard/{self.wizard.id}/file", allow_redirects=False)

    def test_another_salesperson_gets_no_file(self):
        response = self._get("import_other")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(b"13912345678", response.content)
        response = self._get("import_author")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, self.content)
