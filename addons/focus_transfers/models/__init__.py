
from . import import_rules
