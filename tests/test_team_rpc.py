"""Tasks of the demo database, as a salesperson's phone asks for them."""
from datetime import datetime
from zoneinfo import ZoneInfo


def test_my_tasks_and_the_overdue_one(login):
    zhang = login("zhangwei")
    mine = zhang.call("dealer.task", "search_read", [("user_ids", "in", [zhang.uid]), ("state", "in", ["todo", "in_progress"])],
                      ["name", "is_overdue", "assigner_id"])
    assert {task["name"] for task in mine} == {"拜访杭州三家新经销商并签到", "向华东区经销商发送新版价目表"}, mine
    overdue = zhang.call("dealer.task", "search_read", [("is_overdue", "=", True)], ["name"])
    assert [task["name"] for task in overdue] == ["向华东区经销商发送新版价目表"], overdue
    liu = login("liuyang")
    assert not liu.call("dealer.task", "search", [("id", "in", [task["id"] for task in mine])])


def test_targets_show_progress_for_every_salesperson(login):
    """Each demo salesperson sees their own three targets, with what they
    achieved counted from the demo orders, payments and customers; the
    manager sees the whole team's."""
    for salesperson in ("zhangwei", "lina", "liuyang", "chenjing", "zhaolei"):
        session = login(salesperson)
        targets = session.call("dealer.target", "search_read", [], ["metric", "user_id", "actual_total", "completion"])
        assert {target["metric"] for target in targets} == {"new_customers", "contract_amount", "payment_amount"}, targets
        assert {target["user_id"][0] for target in targets} == {session.uid}
        assert all(target["actual_total"] > 0 and target["completion"] > 0 for target in targets), targets
    manager = login("wangjianguo")
    team = manager.call("dealer.target", "search_read", [("target_type", "=", "team")],
                        ["display_name", "actual_total"])
    assert any(target["display_name"].startswith("华东销售团队") and "合同金额" in target["display_name"]
               for target in team), team


def test_targets_are_a_year_of_plausible_months(login):
    """Every month of the year has a target, of the order of a month of the
    demo's business: this month's achievement is a share of this month's
    target, not a multiple of a sliver of it."""
    admin = login("admin", "admin")
    month = datetime.now(ZoneInfo("Asia/Shanghai")).date().replace(day=1)
    targets = admin.call("dealer.target", "search_read", [("target_type", "=", "user")],
                         [f"month_{number:02d}" for number in range(1, 13)])
    assert len(targets) == 15, targets
    assert all(value > 0 for target in targets for key, value in target.items() if key.startswith("month_")), targets
    rows = admin.call("dealer.target.report", "search_read",
                      [("target_type", "=", "user"), ("month", "=", month.isoformat())],
                      ["target_id", "target_value", "actual_value"])
    assert len(rows) == 15, rows
    assert all(0.25 <= row["actual_value"] / row["target_value"] <= 4 for row in rows), rows


def test_daily_report_fills_itself_in_and_is_submitted(login):
    zhang = login("zhangwei")
    [report_id] = zhang.call("dealer.work.report", "create", [{"report_type": "daily", "summary": "<p>拜访三家客户</p>"}])
    zhang.call("dealer.work.report", "action_submit", [report_id])
    [report] = zhang.call("dealer.work.report", "read", [report_id], ["state", "reviewer_id", "new_customer_count",
                                                                      "display_name"])
    assert report["state"] == "submitted"
    assert report["reviewer_id"][1] == "王建国"
    assert report["new_customer_count"] > 0, "his demo customers were created today"
    assert "日报" in report["display_name"], report
    lina = login("lina")
    assert not lina.call("dealer.work.report", "search", [("id", "=", report_id)])
    missing = login("wangjianguo").call("dealer.work.report.statistics", "search_count", [("status", "=", "missing")])
    assert missing > 0
