from datetime import date

from odoo.tests import TransactionCase, tagged

from ..tools.dates import next_date_in

THURSDAY = date(2026, 12, 3)


@tagged("at_install")
class TestDates(TransactionCase):

    def test_phrases(self):
        cases = {
            "KH000012 客户要求下周三回访，关注返利": date(2026, 12, 9),
            "明天再去一趟": date(2026, 12, 4),
            "后天送样品": date(2026, 12, 5),
            "大后天": date(2026, 12, 6),
            "3天后回访": date(2026, 12, 6),
            "三天后": date(2026, 12, 6),
            "十天后": date(2026, 12, 13),
            "两周后": date(2026, 12, 17),
            "一个月后": date(2027, 1, 3),
            "下个月再联系": date(2027, 1, 3),
            "12月5日见面": date(2026, 12, 5),
            "1月3号": date(2027, 1, 3),
            "12月2日": date(2027, 12, 2),
            "周五": date(2026, 12, 4),
            "周三": date(2026, 12, 9),
            "星期日": date(2026, 12, 6),
            "下星期一": date(2026, 12, 7),
            "12/25 送货": date(2026, 12, 25),
            "2027-01-15 签合同": date(2027, 1, 15),
            "2025-01-15 的旧订单": None,
            "客户很满意": None,
            "": None,
        }
        for text, expected in cases.items():
            with self.subTest(text=text):
                self.assertEqual(next_date_in(text, THURSDAY), expected)

    def test_first_phrase_wins(self):
        self.assertEqual(next_date_in("明天打电话，下周三拜访", THURSDAY), date(2026, 12, 4))

    def test_month_end(self):
        self.assertEqual(next_date_in("下个月", date(2027, 1, 31)), date(2027, 2, 28))
        sunday = date(2026, 12, 27)
        self.assertEqual(next_date_in("下周一", sunday), date(2026, 12, 28), "on a Sunday: the next day")
