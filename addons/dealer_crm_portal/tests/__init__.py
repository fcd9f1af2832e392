from . import test_portal_access
from . import test_statement
from . import test_stock_report
from . import test_translations
