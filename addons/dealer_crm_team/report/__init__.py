from . import dealer_work_report_statistics
from . import dealer_target_report
