from . import import_rules
from . import import_preview
