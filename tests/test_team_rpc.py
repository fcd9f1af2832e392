"""Tasks of the demo database, as a salesperson's phone asks for them."""


def test_my_tasks_and_the_overdue_one(login):
    zhang = login("zhangwei")
    mine = zhang.call("dealer.task", "search_read", [("user_ids", "in", [zhang.uid]), ("state", "in", ["todo", "in_progress"])],
                      ["name", "is_overdue", "assigner_id"])
    assert {task["name"] for task in mine} == {"拜访杭州三家新经销商并签到", "向华东区经销商发送新版价目表"}, mine
    overdue = zhang.call("dealer.task", "search_read", [("is_overdue", "=", True)], ["name"])
    assert [task["name"] for task in overdue] == ["向华东区经销商发送新版价目表"], overdue
    liu = login("liuyang")
    assert not liu.call("dealer.task", "search", [("id", "in", [task["id"] for task in mine])])
