from . import models
from . import wizard


def post_init_hook(env):
    """The sales facts of the orders, payments and customers there already are."""
    env["dealer.sales.fact"]._rebuild()
