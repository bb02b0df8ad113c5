"""Pure rules of the online-survey channel (no Odoo import)."""

from . import invitation
