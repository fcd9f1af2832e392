from . import dealer_checkin_report
from . import dealer_visit_coverage
