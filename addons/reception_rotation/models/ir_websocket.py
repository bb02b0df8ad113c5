import re

from odoo import models

from .reception_floor import BOARD_CHANNEL

# what a desk screen asks for: "reception_rotation.board:<floor id>"
BOARD_REQUEST = re.compile(r"reception_rotation\.board:(\d+)")


class IrWebsocket(models.AbstractModel):
    _inherit = "ir.websocket"

    def _build_bus_channel_list(self, channels):
        """A desk screen listens to its floor's changes (RR-01, X-07): the
        floor's bus channel is granted only to a user who can read the floor
        (their company's, by the record rules); the requested string itself
        is dropped, so nobody listens to a floor by naming it."""
        channels = list(channels)
        requested = []
        for channel in list(channels):
            match = isinstance(channel, str) and BOARD_REQUEST.fullmatch(channel)
            if match:
                channels.remove(channel)
                requested.append(int(match[1]))
        if requested and self.env.uid and not self.env.user._is_public():
            floors = self.env["reception.floor"].browse(requested).exists()
            floors = floors._filtered_access("read")
            channels.extend((floor, BOARD_CHANNEL) for floor in floors)
        return super()._build_bus_channel_list(channels)
