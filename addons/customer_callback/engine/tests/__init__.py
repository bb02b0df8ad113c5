"""Tests of the pure engine: plain unittest, no database.

Without Odoo (``scripts/test.sh pure`` runs them so, per addon)::

    cd addons/<addon> && python -m unittest discover -s engine/tests -t .

Loaded by Odoo as ``odoo.addons.<addon>.engine.tests`` (the addon's ``tests``
package imports these modules), they derive from Odoo's ``BaseCase``: so
``odoo-bin --test-tags /<addon>`` and OCA's CI run them with the addon's
other tests. The engine itself stays free of Odoo.
"""

import unittest

if __name__.startswith("odoo.addons."):
    from odoo.tests import BaseCase as EngineCase
else:
    EngineCase = unittest.TestCase

__all__ = ["EngineCase"]
