from . import test_order_desk_delivery
from . import test_translations
