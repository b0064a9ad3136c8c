from . import send_transcript_wizard
