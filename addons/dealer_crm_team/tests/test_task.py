from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError

from odoo.addons.dealer_crm_sale.tests.common import DealerSalesCommon


class TestDealerTask(DealerSalesCommon):

    def _task(self, **values):
        with freeze_time("2026-03-02 02:00:00"):
            return self.env["dealer.task"].with_user(self.user_manager).create({
                "name": "拜访浦东区三家新经销商",
                "user_ids": [Command.set(self.user_salesperson.ids)],
                "partner_id": self.customer_a.id,
                "date_deadline": "2026-03-06",
                **values,
            })

    def _activities(self, task, user):
        return task.activity_ids.filtered(lambda activity: activity.user_id == user)

    def test_assigning_notifies_and_progress_notes_move_the_task(self):
        task = self._task()
        self.assertEqual(task.assigner_id, self.user_manager)
        self.assertEqual(len(self._activities(task, self.user_salesperson)), 1)
        task.with_user(self.user_manager).user_ids = [Command.link(self.user_salesperson_b.id)]
        self.assertEqual(len(self._activities(task, self.user_salesperson_b)), 1, "a new assignee is told too")
        self.assertEqual(len(self._activities(task, self.user_salesperson)), 1, "not twice")
        self.env["dealer.task.progress"].with_user(self.user_salesperson).create({
            "task_id": task.id, "progress": 40, "note": "已拜访两家，第三家约了周四",
        })
        self.assertEqual((task.progress, task.state), (40, "in_progress"))
        with self.assertRaises(UserError):
            task.with_user(self.user_salesperson).action_done("  ")
        wizard = self.env["dealer.reason.wizard"].with_user(self.user_salesperson).create({
            "action": "finish_task", "res_id": task.id, "reason": "三家均已拜访，两家有意向签约",
        })
        wizard.action_confirm()
        self.assertEqual((task.state, task.progress, task.result), ("done", 100, "三家均已拜访，两家有意向签约"))
        self.assertFalse(self._activities(task, self.user_salesperson))

    def test_reminders_and_overdue_flags(self):
        task = self._task()
        Task = self.env["dealer.task"]
        with freeze_time("2026-03-04 17:00:00"):  # March 5th, 01:00 in Shanghai: due tomorrow
            Task._cron_remind()
            Task._cron_remind()
        reminders = task.message_ids.filtered(lambda message: "Due tomorrow" in str(message.body))
        self.assertEqual(len(reminders), 1)
        self.assertEqual(reminders.partner_ids, self.user_salesperson.partner_id)
        with freeze_time("2026-03-06 15:00:00"):  # 23:00 on the deadline: not overdue yet
            Task._cron_remind()
            self.assertFalse(task.is_overdue)
        with freeze_time("2026-03-06 16:30:00"):  # 00:30 on March 7th
            task.invalidate_recordset(["is_overdue"])
            self.assertTrue(task.with_user(self.user_salesperson).is_overdue)
            self.assertIn(task, Task.with_user(self.user_salesperson).search([("is_overdue", "=", True)]))
            Task._cron_remind()
            Task._cron_remind()
        overdue = task.activity_ids.filtered(lambda activity: "Overdue since" in (activity.summary or ""))
        self.assertEqual(overdue.user_id, self.user_salesperson | self.user_manager, "assignee and assigner, once")
        with freeze_time("2026-03-07 02:00:00"):
            task.with_user(self.user_manager).date_deadline = date(2026, 3, 10)
        self.assertFalse(task.overdue_notified)

    def test_who_sees_which_task(self):
        task = self._task()
        other = self._task(user_ids=[Command.set(self.user_salesperson_other_team.ids)], name="整理华南客户资料")
        Task = self.env["dealer.task"]
        self.assertEqual(Task.with_user(self.user_salesperson).search([("id", "in", (task | other).ids)]), task)
        self.assertFalse(Task.with_user(self.user_salesperson_b).search([("id", "in", (task | other).ids)]))
        self.assertEqual(Task.with_user(self.user_manager).search([("id", "in", (task | other).ids)]), task | other,
                         "the manager's own assignments, and their team's tasks")
        with self.assertRaises(AccessError):
            task.with_user(self.user_salesperson).unlink()

    def test_subtasks(self):
        task = self._task()
        with freeze_time("2026-03-02 03:00:00"):
            task.with_user(self.user_manager).child_ids = [Command.create({
                "name": "准备样品", "user_ids": [Command.set(self.user_salesperson_b.ids)], "date_deadline": "2026-03-04",
            })]
        self.assertEqual(task.child_ids.parent_id, task)
        self.assertEqual(task.child_ids.assigner_id, self.user_manager)
