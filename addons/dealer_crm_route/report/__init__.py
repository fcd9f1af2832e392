from . import dealer_checkin_report
from . import dealer_visit_coverage_row
from . import dealer_visit_coverage_closed
from . import dealer_visit_coverage
