from . import callback
from . import jsapi
from . import login
