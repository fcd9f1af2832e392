from . import test_customer_distribution
from . import test_translations
from . import test_sales_reports
from . import test_ui
