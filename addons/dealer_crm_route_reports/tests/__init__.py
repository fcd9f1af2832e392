from . import test_dashboard_coverage
from . import test_translations
