from . import dealer_agenda
from . import dealer_checkin_report
