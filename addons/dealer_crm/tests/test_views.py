import collections

from lxml import etree

from odoo.tests import TransactionCase, tagged
from odoo.tools.template_inheritance import locate_node

# The field types the web client's date widgets take (their supportedTypes in
# Odoo 19's datetime_field.js); on another type the browser logs "The widget:
# date don't support the type datetime". A datetime shown as a day is written
# widget="datetime" options="{'show_time': false}".
DATE_WIDGET_TYPES = {"date": {"date"}, "datetime": {"datetime"}}


class ViewWidgetsMixin:
    """Every view the addon defines, extensions of others' views included,
    puts a date widget only on a field of a type it supports."""

    module = "dealer_crm"

    def _module_views(self):
        data = self.env["ir.model.data"].search([("module", "=", self.module), ("model", "=", "ir.ui.view")])
        return self.env["ir.ui.view"].browse(data.mapped("res_id")).filtered(lambda view: view.type != "qweb")

    def _comodel(self, model, node):
        field = self.env[model]._fields.get(node.get("name"))
        return field.comodel_name if field and field.relational else model

    def _model_inside(self, node, model):
        """The model of what ``node`` (in an arch of ``model``) contains: an
        x2many's inline views and a groupby are in the field's comodel."""
        for ancestor in [*reversed(list(node.iterancestors())), node]:
            if ancestor.tag in ("field", "groupby"):
                model = self._comodel(model, ancestor)
        return model

    def _fields(self, node, model):
        """(field node, its model) of every field under ``node``, whose children are in ``model``."""
        for child in node.iterchildren(etree.Element):
            if child.tag == "field":
                yield child, model
            inner = self._comodel(model, child) if child.tag in ("field", "groupby") else model
            yield from self._fields(child, inner)

    def _specs(self, view):
        """(field node, its model, its widget) of every field ``view`` adds or
        changes: its whole arch, or each of its specs located in the arch it
        inherits, as Odoo locates them (``_compute_invalid_locators``)."""
        arch = etree.fromstring(view.arch)
        if not view.inherit_id:
            for node, model in self._fields(arch, view.model):
                yield node, model, node.get("widget")
            return
        source = view.with_context(ir_ui_view_tree_cut_off_view=view)._get_combined_arch()
        specs = collections.deque([arch])
        while specs:
            spec = specs.popleft()
            if spec.tag == "data":
                specs.extend(spec.iterchildren(etree.Element))
                continue
            target = locate_node(source, spec)
            self.assertIsNotNone(target, f"{view.xml_id}: {etree.tostring(spec)[:80]} locates nothing")
            position = spec.get("position", "inside")
            if position == "attributes":
                changed = {attribute.get("name"): attribute.text for attribute in spec.iterchildren("attribute")}
                if target.tag == "field" and "widget" in changed:
                    yield target, self._model_inside(target.getparent(), view.model), changed["widget"]
                continue
            inside = position == "inside" or (position == "replace" and spec.get("mode") == "inner")
            model = self._model_inside(target if inside else target.getparent(), view.model)
            for node, node_model in self._fields(spec, model):
                yield node, node_model, node.get("widget")

    def test_date_widgets_on_fields_of_their_type(self):
        views = self._module_views()
        self.assertTrue(views)
        wrong = []
        for view in views:
            for node, model, widget in self._specs(view):
                if widget not in DATE_WIDGET_TYPES:
                    continue
                field = self.env[model]._fields.get(node.get("name"))
                self.assertIsNotNone(field, f"{view.xml_id}: no field {node.get('name')} on {model}")
                if field.type not in DATE_WIDGET_TYPES[widget]:
                    wrong.append(f"{view.xml_id}: {model}.{field.name} ({field.type}) with widget {widget!r}")
        self.assertEqual(wrong, [])


@tagged("post_install", "-at_install")
class TestViewWidgets(ViewWidgetsMixin, TransactionCase):
    allow_inherited_tests_method = True
