from . import test_code_data
from . import test_code_mixin
from . import test_access
