from . import dealer_pool_forecast
