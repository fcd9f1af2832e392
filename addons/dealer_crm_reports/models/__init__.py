from . import dealer_report_period
from . import dealer_sales_dashboard
from . import dealer_sales_report_mixin
from . import res_users
