from . import dealer_customer_distribution_report
from . import dealer_sales_analysis
from . import dealer_salesperson_performance
from . import dealer_customer_ranking
from . import dealer_sales_leaderboard
from . import dealer_monthly_report
from . import dealer_stock_analysis
from . import dealer_stock_report_missing
