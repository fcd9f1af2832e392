"""The next follow-up date a salesperson writes in a message, in the common
Chinese phrases: 明天, 后天, 大后天, 3天后, 两周后, 一个月后, 下周三, 周五,
12月5日, 下个月, 12/25, 2027-01-15."""
import calendar
import re
from datetime import date, timedelta

_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5}
_NUMBER = r"(\d{1,3}|[零一二两三四五六七八九十]{1,3})"

_PATTERNS = [
    ("iso", re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?")),
    ("month_day", re.compile(r"(\d{1,2})月(\d{1,2})[日号]")),
    ("slash", re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])")),
    ("relative", re.compile(_NUMBER + r"\s*(天|日|周|星期|个?礼拜|个月)(?:之?后|以后)")),
    ("next_week", re.compile(r"下(?:个)?(?:周|星期|礼拜)([一二三四五六日天])")),
    ("weekday", re.compile(r"(?<![下上])(?:本|这)?(?:周|星期|礼拜)([一二三四五六日天])")),
    ("next_month", re.compile(r"下(?:个)?月")),
    ("word", re.compile(r"大后天|后天|明天|明日")),
]
_WORDS = {"明天": 1, "明日": 1, "后天": 2, "大后天": 3}


def _number(text):
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_DIGITS.get(tens, 1) if tens else 1) * 10 + (_DIGITS.get(units, 0) if units else 0)
    return _DIGITS.get(text)


def _add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _upcoming(today, month, day):
    """The next ``month``/``day`` from ``today`` on (this year's, else next year's)."""
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate > today:
            return candidate
    return None


def _resolve(kind, match, today):
    if kind == "word":
        return today + timedelta(days=_WORDS[match.group(0)])
    if kind == "relative":
        count, unit = _number(match.group(1)), match.group(2)
        if not count:
            return None
        if unit in ("天", "日"):
            return today + timedelta(days=count)
        if unit == "个月":
            return _add_months(today, count)
        return today + timedelta(weeks=count)
    if kind == "next_week":
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=1)
        return monday + timedelta(days=_WEEKDAYS[match.group(1)])
    if kind == "weekday":
        ahead = (_WEEKDAYS[match.group(1)] - today.weekday()) % 7
        return today + timedelta(days=ahead or 7)
    if kind == "next_month":
        return _add_months(today, 1)
    if kind == "iso":
        try:
            candidate = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
        return candidate if candidate > today else None
    return _upcoming(today, int(match.group(1)), int(match.group(2)))


def next_date_in(text, today):
    """The first future date ``text`` names, counted from ``today`` (the
    writer's local day), or None."""
    found = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text or ""):
            found.append((match.start(), kind, match))
    taken = []
    for start, kind, match in sorted(found, key=lambda item: (item[0], -len(item[2].group(0)))):
        if any(begin <= start < end for begin, end in taken):
            continue
        taken.append((start, match.end()))
        day = _resolve(kind, match, today)
        if day and day > today:
            return day
    return None
