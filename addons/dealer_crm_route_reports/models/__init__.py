from . import dealer_sales_dashboard
