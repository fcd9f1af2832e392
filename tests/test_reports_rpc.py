"""The analytics of the demo database, as the manager and a salesperson read them."""

REPORTS = {
    "dealer.sales.analysis": ["revenue:sum", "payment_amount:sum", "new_customer_count:sum"],
    "dealer.salesperson.performance": ["followup_count:sum", "checkin_count:sum", "revenue:sum"],
    "dealer.customer.distribution.report": ["customer_count:sum"],
}


def test_no_report_is_empty_for_the_manager(login):
    manager = login("wangjianguo")
    for model, measures in REPORTS.items():
        [totals] = manager.call(model, "formatted_read_group", [], [], measures)
        assert all(totals[measure] for measure in measures), (model, totals)
    ranking = manager.call("dealer.customer.ranking", "search_read", [("rank", "<=", 10)],
                           ["rank", "partner_id", "revenue", "share"])
    # Ranks are the company's: the manager's customers keep theirs among all.
    assert ranking and [row["rank"] for row in ranking] == sorted(row["rank"] for row in ranking), ranking
    assert all(row["revenue"] > 0 for row in ranking), ranking
    board = manager.call("dealer.sales.leaderboard", "search_read", [], ["user_id", "revenue", "revenue_rank"])
    assert {row["user_id"][1] for row in board} >= {"张伟", "陈静", "赵磊"}, board
    [statistics] = manager.call("dealer.work.report.statistics", "formatted_read_group", [], [],
                                ["on_time_count:sum", "late_count:sum"])
    assert statistics["on_time_count:sum"] and statistics["late_count:sum"], statistics


def test_dashboard_in_chinese_and_a_salesperson_sees_own_figures(login):
    zhang = login("zhangwei")
    dashboard = zhang.call("dealer.sales.dashboard", "get_dashboard")
    kpis = {kpi["key"]: kpi for kpi in dashboard["kpis"]}
    assert kpis["revenue"]["label"] == "销售额" and kpis["revenue"]["value"] > 0, kpis
    assert {row["name"] for row in dashboard["leaders"]} >= {"张伟"}
    own = zhang.call("dealer.sales.analysis", "formatted_read_group", [], ["user_id"], ["revenue:sum"])
    assert [group["user_id"][1] for group in own] == ["张伟"], own
