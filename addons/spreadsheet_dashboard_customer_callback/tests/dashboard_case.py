"""What every dashboard of the suite proves, whatever its app (issue 10).

The same file is in each spreadsheet_dashboard_<app> bridge: the bridges
install apart (each depends only on its app), so none imports another's tests.

``DashboardCase`` reads the dashboard's spreadsheet JSON and checks that every
data source (pivots, lists, Odoo charts) names a model and fields that exist,
are stored and groupable or aggregatable, and that it loads as a manager.
"""

import json
import re

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase
from odoo.tools import file_open
from odoo.tools.translate import code_translations, extract_spreadsheet_terms

MEASURE_TYPES = ("integer", "float", "monetary")
FORMULA_REF = re.compile(r"(PIVOT(?:\.VALUE|\.HEADER)?|ODOO\.LIST)\((\d+)")
NO_OPTS = ([], [], {})  # keywords, comment tags, options of a Babel extractor
PIVOT_VALUE = re.compile(r'PIVOT\.VALUE\((\d+),"([^"]+)"')


def domain_fields(domain):
    """The field paths a JSON domain (list form) names."""
    return [term[0] for term in domain if isinstance(term, list)]


class DashboardCase(TransactionCase):
    """Subclasses set ``module`` (the bridge), ``dashboard`` (the xml id of its
    spreadsheet.dashboard) and ``json_file`` (in data/files/)."""

    module = None
    dashboard = None
    json_file = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.json_path = f"{cls.module}/data/files/{cls.json_file}"
        cls.dashboard = cls.env.ref(f"{cls.module}.{cls.dashboard}")
        with file_open(cls.json_path) as f:
            cls.data = json.load(f)

    # ------------------------------------------------------------ sources
    def sources(self):
        """(kind, model, measures, group-bys, domain, columns) of each source."""
        out = []
        for pivot in self.data.get("pivots", {}).values():
            out.append(
                (
                    f"pivot {pivot['id']}",
                    pivot["model"],
                    [(m["fieldName"], m.get("aggregator")) for m in pivot["measures"]],
                    [d["fieldName"] for d in pivot["rows"] + pivot["columns"]],
                    pivot["domain"],
                    [],
                )
            )
        for lst in self.data.get("lists", {}).values():
            out.append(
                (
                    f"list {lst['id']}",
                    lst["model"],
                    [],
                    [],
                    lst["domain"],
                    lst["columns"] + [o["name"] for o in lst["orderBy"]],
                )
            )
        for sheet in self.data["sheets"]:
            for figure in sheet["figures"]:
                data = figure["data"]
                if not data.get("type", "").startswith("odoo_"):
                    continue
                meta = data["metaData"]
                measure = meta["measure"]
                out.append(
                    (
                        f"chart {figure['id']}",
                        meta["resModel"],
                        [(measure, None)],
                        [g.split(":")[0] for g in meta["groupBy"]],
                        data["searchParams"]["domain"],
                        [],
                    )
                )
        return out

    def formulas(self):
        for sheet in self.data["sheets"]:
            for cell in sheet["cells"].values():
                content = cell.get("content", "")
                if content.startswith("="):
                    yield content

    def assert_path(self, model, path, where):
        """Each step of a dotted field path exists; returns the last field."""
        Model = self.env[model]
        field = None
        for name in path.split("."):
            self.assertIn(name, Model._fields, f"{where}: {Model._name}.{name} missing")
            field = Model._fields[name]
            if field.relational:
                Model = self.env[field.comodel_name]
        return field

    # -------------------------------------------------------------- checks
    def check_dashboard_record(self, groups):
        self.assertTrue(self.dashboard.is_published)
        self.assertEqual(self.dashboard.group_ids, groups)
        self.assertFalse(self.dashboard.company_id)
        self.assertEqual(json.loads(self.dashboard.spreadsheet_data), self.data)

    def check_fields_exist(self):
        """Every model and field the JSON names exists; measures are stored
        and aggregatable, group-bys stored and groupable."""
        sources = self.sources()
        self.assertTrue(sources)
        for where, model, measures, groupbys, domain, columns in sources:
            self.assertIn(model, self.env, f"{where}: no model {model}")
            described = self.env[model].fields_get(
                attributes=["type", "store", "groupable", "aggregator"]
            )
            for name, __ in measures:
                if name == "__count":
                    continue
                self.assertIn(name, described, f"{where}: {model}.{name} missing")
                desc = described[name]
                self.assertTrue(desc["store"], f"{where}: {model}.{name} not stored")
                self.assertTrue(
                    desc["type"] == "many2one"
                    or (desc["type"] in MEASURE_TYPES and desc.get("aggregator")),
                    f"{where}: {model}.{name} is not a measure",
                )
            for name in groupbys:
                self.assertIn(name, described, f"{where}: {model}.{name} missing")
                self.assertTrue(
                    described[name]["groupable"],
                    f"{where}: {model}.{name} not groupable",
                )
            for path in domain_fields(domain) + columns:
                self.assert_path(model, path, where)

    def check_formulas(self):
        """Every PIVOT/ODOO.LIST formula names a data source of the JSON and
        every PIVOT.VALUE a measure of its pivot."""
        pivots = self.data.get("pivots", {})
        lists = self.data.get("lists", {})
        count = 0
        for content in self.formulas():
            for func, ref in FORMULA_REF.findall(content):
                count += 1
                self.assertIn(ref, lists if func == "ODOO.LIST" else pivots, content)
            for ref, measure in PIVOT_VALUE.findall(content):
                ids = [m["id"] for m in pivots[ref]["measures"]]
                self.assertIn(measure, ids, content)
        self.assertTrue(count)

    def load_sources(self, user):
        """Runs each data source's query as ``user`` the way the spreadsheet
        does (read_group for pivots and charts, search_read for lists);
        returns {source: result}."""
        results = {}
        for where, model, measures, groupbys, domain, columns in self.sources():
            Model = self.env[model].with_user(user)
            if columns:
                results[where] = Model.search_read(domain, columns, limit=10)
                continue
            specs = [
                "__count" if name == "__count" else f"{name}:{agg or 'sum'}"
                for name, agg in measures
            ]
            if where.startswith("chart"):
                specs = [
                    "__count" if name == "__count" else name for name, __ in measures
                ]
            results[where] = Model.read_group(domain, specs, groupbys, lazy=False)
        return results

    def check_readonly_dashboard(self, user):
        dashboard = self.dashboard.with_user(user)
        data = dashboard.get_readonly_dashboard()
        self.assertEqual(data["snapshot"]["pivots"], self.data["pivots"])
        self.assertFalse(data.get("is_sample"))

    def check_hidden_from(self, user):
        Dashboard = self.env["spreadsheet.dashboard"].with_user(user)
        self.assertNotIn(self.dashboard, Dashboard.search([]))
        groups = self.env["spreadsheet.dashboard.group"].with_user(user).search([])
        self.assertNotIn(self.dashboard, groups.published_dashboard_ids)
        with self.assertRaises(AccessError):
            self.dashboard.with_user(user).check_access("read")
        with self.assertRaises(AccessError):
            self.dashboard.with_user(user).read(["name", "spreadsheet_binary_data"])

    def check_translations(self):
        """Every label of the JSON (cells' _t, chart titles) has a Chinese
        translation the web client loads; the dashboard's name too."""
        with file_open(self.json_path, "rb") as f:
            terms = {
                term for __, __, term, __ in extract_spreadsheet_terms(f, *NO_OPTS)
            }
        self.assertTrue(terms)
        messages = code_translations.get_web_translations(self.module, "zh_CN")
        web = {m["id"]: m["string"] for m in messages["messages"]}
        missing = sorted(terms - set(web))
        self.assertFalse(missing, f"no zh_CN translation for {missing}")
        for term in terms:
            self.assertRegex(web[term], r"[\u4e00-\u9fff]", term)
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms([self.module], ["zh_CN"])
        name = self.dashboard.with_context(lang="zh_CN").name
        self.assertRegex(name, r"[\u4e00-\u9fff]")
