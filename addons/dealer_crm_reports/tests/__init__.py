from . import test_customer_distribution
from . import test_translations
