from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.dealer_crm_sale.models.dealer_sales_fact import ORDER_RATE
from .dealer_work_report_rule import REPORT_TYPES

STATISTICS_FIELDS = (
    "followup_count", "checkin_count", "visited_customer_count", "new_customer_count", "quotation_count",
    "quotation_amount", "order_count", "order_amount", "payment_amount", "task_done_count",
)
# What the figures are read from besides the sales facts: their pending
# changes are flushed first (none in a request that only reads).
STATISTICS_SOURCES = ("dealer.followup", "dealer.checkin", "dealer.task", "sale.order")
# What only the report's own actions and managers write.
PROTECTED_FIELDS = {
    "user_id", "state", "submitted_on", "deadline", "is_late", "reviewer_id", "rating", "reviewed_on", "reminded",
    "statistics_date", *STATISTICS_FIELDS,
}


class DealerWorkReport(models.Model):
    """A salesperson's daily, weekly or monthly report: what they write,
    and the period's figures filled in from what they recorded."""

    _name = "dealer.work.report"
    _description = "Work Report"
    _inherit = ["dealer.value.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, report_type, id desc"
    _rec_names_search = ["user_id"]

    user_id = fields.Many2one("res.users", string="Author", required=True, index=True, readonly=True,
                              default=lambda self: self.env.user)
    report_type = fields.Selection(REPORT_TYPES, string="Report", required=True, default="daily")
    date = fields.Date(string="Day", required=True, default=lambda self: self.env.user._dealer_local_today(),
                       help="Any day of the period reported on.")
    date_from = fields.Date(string="Period Start", compute="_compute_period", store=True)
    date_to = fields.Date(string="Period End", compute="_compute_period", store=True)
    reviewer_id = fields.Many2one(
        "res.users", string="Reviewer", compute="_compute_reviewer_id", store=True, readonly=False, index=True,
        tracking=True, help="The author's manager: their sales team's leader, else the manager of the region "
                            "where most of their customers are.",
    )
    team_id = fields.Many2one("crm.team", string="Sales Team", related="user_id.sale_team_id", store=True)
    summary = fields.Html(string="Work Done")
    plan = fields.Html(string="Plan for the Next Period")
    problems = fields.Html(string="Problems and Help Needed")
    attachment_ids = fields.Many2many("ir.attachment", "dealer_work_report_attachment_rel", "report_id",
                                      "attachment_id", string="Attachments")
    state = fields.Selection([("draft", "Draft"), ("submitted", "Submitted"), ("reviewed", "Reviewed")],
                             string="Status", required=True, default="draft", tracking=True, index=True)
    submitted_on = fields.Datetime(string="Submitted On", readonly=True, copy=False)
    deadline = fields.Datetime(string="Deadline", readonly=True, copy=False,
                               help="Set by the submission rules when the report is submitted.")
    is_late = fields.Boolean(string="Late", readonly=True, copy=False, index=True)
    rating = fields.Selection([("1", "Poor"), ("2", "Fair"), ("3", "Good"), ("4", "Very Good"), ("5", "Excellent")],
                              string="Rating", tracking=True, copy=False)
    reviewed_on = fields.Datetime(string="Reviewed On", readonly=True, copy=False)
    reminded = fields.Boolean(string="Reminded", readonly=True, copy=False)
    company_id = fields.Many2one("res.company", string="Company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    statistics_date = fields.Datetime(string="Figures As Of", readonly=True, copy=False)
    followup_count = fields.Integer(string="Follow-ups", readonly=True)
    checkin_count = fields.Integer(string="Check-ins", readonly=True)
    visited_customer_count = fields.Integer(string="Customers Visited", readonly=True)
    new_customer_count = fields.Integer(string="New Customers", readonly=True)
    quotation_count = fields.Integer(string="Quotations", readonly=True)
    quotation_amount = fields.Monetary(string="Quoted Amount", readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True)
    order_amount = fields.Monetary(string="Order Amount", readonly=True)
    payment_amount = fields.Monetary(string="Payments Collected", readonly=True)
    task_done_count = fields.Integer(string="Tasks Done", readonly=True)

    _one_per_period = models.Constraint(
        "UNIQUE (user_id, report_type, date_from)", "There already is a report of this type for this period.",
    )

    @api.depends("report_type", "date")
    def _compute_period(self):
        for report in self:
            report.date_from, report.date_to = self._period(report.report_type, report.date)

    @api.model
    def _period(self, report_type, day):
        """The first and last day of the ``report_type`` period holding ``day``: the day, its week from
        Monday, or its month."""
        if not day:
            return False, False
        if report_type == "weekly":
            start = day - timedelta(days=day.weekday())
            return start, start + timedelta(days=6)
        if report_type == "monthly":
            start = day.replace(day=1)
            return start, start + relativedelta(months=1, days=-1)
        return day, day

    @api.depends("report_type", "date_from", "user_id")
    def _compute_display_name(self):
        """In the reader's language: 张伟 · 日报 2026-03-03."""
        types = dict(self._fields["report_type"]._description_selection(self.env))
        for report in self:
            if report.report_type == "monthly":
                period = report.date_from and report.date_from.strftime("%Y-%m")
            elif report.report_type == "weekly":
                period = report.date_from and f"{report.date_from} – {report.date_to}"
            else:
                period = report.date_from and str(report.date_from)
            report.display_name = self.env._("%(author)s · %(type)s %(period)s", author=report.user_id.name,
                                    type=types.get(report.report_type), period=period or "")

    @api.depends("user_id")
    def _compute_reviewer_id(self):
        for report in self:
            report.reviewer_id = report.user_id._dealer_manager()

    def _check_author(self):
        if any(report.user_id != self.env.user for report in self) and not self.env.user._is_dealer_manager():
            raise UserError(self.env._("Only the author submits a report."))

    def write(self, vals):
        if self.env.su or self.env.user._is_dealer_manager():
            return super().write(vals)
        if PROTECTED_FIELDS & set(vals):
            raise UserError(self.env._("Only a manager changes a report's author, status, figures, reviewer or rating."))
        if self.filtered(lambda report: report.state != "draft") and set(vals) - {"message_main_attachment_id"}:
            raise UserError(self.env._("A submitted report cannot be changed; add a comment instead."))
        return super().write(vals)

    def action_refresh_statistics(self):
        """Fill the period's figures in from the recorded data, as of now:
        one set of queries per period, for all the authors at once."""
        if self.filtered(lambda report: report.state != "draft"):
            raise UserError(self.env._("The figures of a submitted report are those it was submitted with."))
        now = fields.Datetime.now()
        periods = self.grouped(lambda report: (report.user_id.tz or "Asia/Shanghai", report.date_from, report.date_to))
        for (tz, date_from, date_to), reports in periods.items():
            figures = self._read_statistics(reports.user_id.ids, tz, date_from, date_to)
            for report in reports:
                report.sudo().write({**figures[report.user_id.id], "statistics_date": now})
        return True

    @api.model
    def _read_statistics(self, user_ids, tz, date_from, date_to):
        """{user id: figures} of the local days ``date_from`` to ``date_to``
        in ``tz``: the field work from its records, the sales from the sales
        facts (days in the salesperson's time zone)."""
        Fact = self.env["dealer.sales.fact"]
        for model in STATISTICS_SOURCES:
            self.env[model].flush_model()
        users = tuple(user_ids)
        figures = {user_id: dict.fromkeys(STATISTICS_FIELDS, 0) for user_id in users}

        def fill(query, *field_names):
            for user_id, *values in self.env.execute_query(query):
                figures[user_id].update(zip(field_names, values))

        def within(column):
            return Fact._sql_within(SQL(column), tz, date_from, date_to)

        fill(SQL(
            "SELECT user_id, COUNT(*) FROM dealer_followup WHERE user_id IN %s AND %s GROUP BY user_id",
            users, within("date"),
        ), "followup_count")
        fill(SQL(
            """SELECT user_id, COUNT(*), COUNT(DISTINCT partner_id) FROM dealer_checkin
                WHERE user_id IN %s AND %s GROUP BY user_id""",
            users, within("checkin_time"),
        ), "checkin_count", "visited_customer_count")
        fill(SQL(
            """SELECT assignee.user_id, COUNT(*)
                 FROM dealer_task task JOIN dealer_task_user_rel assignee ON assignee.task_id = task.id
                WHERE assignee.user_id IN %s AND task.state = 'done' AND %s
                GROUP BY assignee.user_id""",
            users, within("task.date_done"),
        ), "task_done_count")
        fill(SQL(
            """SELECT so.user_id, COUNT(*), SUM(so.amount_total / %s)
                 FROM sale_order so
                WHERE so.user_id IN %s AND so.state != 'cancel' AND %s
                GROUP BY so.user_id""",
            ORDER_RATE, users, within("so.create_date"),
        ), "quotation_count", "quotation_amount")
        fill(SQL(
            """SELECT user_id,
                      COALESCE(SUM(record_count) FILTER (WHERE metric = 'new_customers'), 0),
                      COALESCE(SUM(record_count) FILTER (WHERE metric = 'contract_amount'), 0),
                      COALESCE(SUM(amount) FILTER (WHERE metric = 'contract_amount'), 0),
                      COALESCE(SUM(amount) FILTER (WHERE metric = 'payment_amount'), 0)
                 FROM dealer_sales_fact
                WHERE user_id IN %s AND date BETWEEN %s AND %s
                GROUP BY user_id""",
            users, date_from, date_to,
        ), "new_customer_count", "order_count", "order_amount", "payment_amount")
        return figures

    def action_submit(self):
        """Submit: the figures are fixed as of now, lateness is judged against
        the submission rules, and the reviewer is asked to review."""
        self._check_author()
        if self.filtered(lambda report: report.state != "draft"):
            raise UserError(self.env._("Only a draft report can be submitted."))
        self.action_refresh_statistics()
        now = fields.Datetime.now()
        deadlines = self._expected_deadlines()
        for report in self:
            deadline = deadlines.get(report.id)
            report.sudo().write({
                "state": "submitted", "submitted_on": now, "deadline": deadline,
                "is_late": bool(deadline and now > deadline),
            })
            report.activity_unlink(["dealer_crm_team.mail_activity_type_dealer_work_report"])
            if report.reviewer_id:
                report.activity_schedule(
                    "dealer_crm_team.mail_activity_type_dealer_work_report_review", user_id=report.reviewer_id.id,
                    date_deadline=report.reviewer_id._dealer_local_today(),
                )
        return True

    def _expected_deadlines(self):
        """{report id: deadline} of the reports that the rules expect."""
        if not self:
            return {}
        self.flush_recordset()
        rows = self.env.execute_query(SQL(
            """SELECT report.id, expected.deadline
                 FROM dealer_work_report report
                 JOIN (%s) AS expected ON expected.user_id = report.user_id
                  AND expected.report_type = report.report_type AND expected.date_from = report.date_from
                WHERE report.id IN %s""",
            self.env["dealer.work.report.rule"]._sql_expected(), tuple(self.ids),
        ))
        return dict(rows)

    def action_review(self):
        if not self.env.user._is_dealer_manager():
            raise UserError(self.env._("Only a manager reviews reports."))
        if self.filtered(lambda report: report.state != "submitted"):
            raise UserError(self.env._("Only a submitted report can be reviewed."))
        self.write({"state": "reviewed", "reviewed_on": fields.Datetime.now()})
        self.activity_feedback(["dealer_crm_team.mail_activity_type_dealer_work_report_review"])
        return True

    def action_reset_to_draft(self):
        """Give a submitted report back to its author, e.g. to complete it."""
        if not self.env.user._is_dealer_manager():
            raise UserError(self.env._("Only a manager returns a report to its author."))
        self.write({"state": "draft", "submitted_on": False, "is_late": False, "deadline": False})
        self.activity_unlink(["dealer_crm_team.mail_activity_type_dealer_work_report_review"])
        return True

    @api.model
    def _cron_remind(self):
        """Hourly: whoever has not submitted a report that is due within the
        rule's reminder time finds a draft, with its figures filled in, and a
        to-do to submit it by the deadline; once."""
        now = fields.Datetime.now()
        self.env.flush_all()
        due = self.env.execute_query(SQL(
            """SELECT expected.user_id, expected.report_type, expected.date_from, expected.deadline, report.id
                 FROM (%s) AS expected
                 LEFT JOIN dealer_work_report report
                        ON report.user_id = expected.user_id AND report.report_type = expected.report_type
                       AND report.date_from = expected.date_from
                WHERE expected.remind_at <= %s AND expected.deadline > %s
                  AND (report.id IS NULL OR (report.state = 'draft' AND NOT COALESCE(report.reminded, FALSE)))""",
            self.env["dealer.work.report.rule"]._sql_expected(now), now, now,
        ))
        reminders, created = [], self.browse()
        for user_id, report_type, date_from, deadline, report_id in due:
            author = self.env["res.users"].browse(user_id)
            report = self.browse(report_id)
            if not report:
                report = self.with_user(author).with_company(author.company_id).sudo().create({
                    "user_id": user_id, "report_type": report_type, "date": date_from,
                    "company_id": author.company_id.id,
                })
                created |= report
            reminders.append((report, author, deadline))
        created.action_refresh_statistics()
        for report, author, deadline in reminders:
            local_deadline = author._dealer_from_utc(deadline)
            report.sudo().activity_schedule(
                "dealer_crm_team.mail_activity_type_dealer_work_report", user_id=author.id,
                date_deadline=local_deadline.date(),
                summary=self.with_context(lang=author.lang).env._(
                    "Submit by %(deadline)s", deadline=local_deadline.strftime("%Y-%m-%d %H:%M"),
                ),
            )
        self.union(*(report for report, _author, _deadline in reminders)).sudo().reminded = True
