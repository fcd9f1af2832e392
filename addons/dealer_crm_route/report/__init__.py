from . import dealer_checkin_report
