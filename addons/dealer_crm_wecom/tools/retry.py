"""How WeCom work that failed (a message to process, one to send) is tried
again: up to 3 times, after 1, 5 and 25 minutes."""
from datetime import timedelta

_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=25))
MAX_ATTEMPTS = len(_DELAYS) + 1


def next_attempt(now, attempts):
    """When to try again after ``attempts`` failed attempts, None when they are used up."""
    return now + _DELAYS[attempts - 1] if attempts < MAX_ATTEMPTS else None
