"""The look-ups of a peer district that matched no released student: what
limits how fast a peer can try names (``fl.transfer.peer._failed_lookup_wait``)."""

from odoo import api, fields, models

from .transfer_peer import LOOKUP_WINDOW


class FlTransferPeerFailedLookup(models.Model):
    _name = "fl.transfer.peer.failed.lookup"
    _description = "Focus Transfers Peer Failed Look-up"
    _order = "create_date desc, id desc"

    peer_id = fields.Many2one(
        "fl.transfer.peer", required=True, ondelete="cascade", index=True
    )

    @api.autovacuum
    def _gc_failed_lookups(self):
        """Only the last hour counts: older rows go."""
        self.search(
            [("create_date", "<", fields.Datetime.now() - LOOKUP_WINDOW)]
        ).unlink()
