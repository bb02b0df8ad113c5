"""Root pytest configuration.

The pure rule engines live inside the addons (``addons/<addon>/engine/``) and
import nothing from Odoo. Importing them as ``odoo.addons.<addon>.engine``
would run the addon's ``__init__`` (and so Odoo); the pure suite instead loads
each engine package on its own under the name ``<addon>_engine``:

    from reception_rotation_engine.rotation import Floor
"""

import importlib.util
import sys
from pathlib import Path

ADDONS = Path(__file__).parent / "addons"


def _register_engines():
    for init in sorted(ADDONS.glob("*/engine/__init__.py")):
        name = f"{init.parent.parent.name}_engine"
        if name in sys.modules:
            continue
        spec = importlib.util.spec_from_file_location(
            name, init, submodule_search_locations=[str(init.parent)]
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)


_register_engines()
