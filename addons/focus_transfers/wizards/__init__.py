from . import transfer_import_wizard
