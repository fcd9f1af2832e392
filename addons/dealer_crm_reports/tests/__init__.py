from . import test_customer_distribution
from . import test_translations
from . import test_sales_reports
from . import test_ui
from . import test_home_action
from . import test_views
from . import test_read_only
from . import test_rules_access
