from . import test_customer_distribution
