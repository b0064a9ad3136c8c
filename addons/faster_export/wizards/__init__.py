from . import send_transcript_wizard
from . import faster_reply_wizard
from . import faster_reply_wizard_line
