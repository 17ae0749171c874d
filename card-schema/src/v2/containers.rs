//! 2.0 containers: `column_set`, `column`, `form`, `interactive_container`,
//! `collapsible_panel` (reference-v2 §3). Each admits every component but `form` and `table`
//! (§7.1); `form` and `table` stand at the body root only ([`super::SPEC`]'s placement).

use super::{
    BEHAVIORS, COLOR, CONFIRM, CONTAINER_ADMITS, ICON, PADDING, PLAIN, SPACING, STR, field,
};
use crate::enums::{
    COLUMN_WIDTH, CONTAINER_WIDTH, DIRECTION, FLEX_MODE, HORIZONTAL_ALIGN, ICON_POSITION,
    PANEL_HEADER_POSITION, PANEL_HEADER_WIDTH, VERTICAL_ALIGN,
};
use crate::{Admits, ChildRule, Kind, Node, Pattern, TextChild, TextForm, Tie, Ty};

/// A corner radius: `"<n>px"` or `"<n>%"` (reference-v2 §2.5).
const RADIUS: Ty = Ty::Pattern(Pattern::PxOrPercent);

/// `column_set` (reference-v2 §3.1).
pub(crate) static COLUMN_SET: Node = Node {
    tag: "column_set",
    kind: Kind::Container,
    fields: &[
        field!(req "columns": Ty::Components(Admits::Only(&["column"])), "the columns"),
        field!("flex_mode" = "none": Ty::Enum(&FLEX_MODE), "how columns wrap on narrow screens"),
        field!("horizontal_spacing" = "8px": SPACING, "space between columns"),
        field!("horizontal_align" = "left": Ty::Enum(&HORIZONTAL_ALIGN), "column alignment"),
        field!("background_style" = "default": COLOR, "`default`, a colour name or a custom colour"),
        field!("action": Ty::Object("column_set.action"), "link opened when the set is clicked"),
    ],
    children: &[ChildRule::Components { field: "columns" }],
    doc: "a row of columns",
    ..super::COMPONENT
};

/// `column` (reference-v2 §3.2): only in `column_set.columns`.
pub(crate) static COLUMN: Node = Node {
    tag: "column",
    kind: Kind::Container,
    fields: &[
        field!("background_style" = "default": COLOR, "`default`, a colour name or a custom colour (client 7.9+)"),
        field!("width" = "auto": Ty::EnumOr(&COLUMN_WIDTH, Pattern::Px { min: 16, max: 600 }), "`auto`, `weighted` or `\"<n>px\"` in [16,600]"),
        field!("weight" = "1": Ty::Int { min: 1, max: 5 }, "share of the width with `weighted`"),
        field!("horizontal_spacing" = "8px": SPACING, "space between components side by side"),
        field!("horizontal_align" = "left": Ty::Enum(&HORIZONTAL_ALIGN), "horizontal alignment"),
        field!("vertical_align" = "top": Ty::Enum(&VERTICAL_ALIGN), "vertical alignment"),
        field!("vertical_spacing" = "8px": SPACING, "space between components one above the other"),
        field!("direction" = "vertical": Ty::Enum(&DIRECTION), "`vertical` or `horizontal` flow"),
        field!("padding" = "0px": PADDING, "inner padding, 1, 2 or 4 values in [0,99]px"),
        field!("elements": Ty::Components(CONTAINER_ADMITS), "the column's components"),
        field!("action": Ty::Object("column_set.action"), "link opened when the column is clicked"),
    ],
    children: &[ChildRule::Components { field: "elements" }],
    ties: &[Tie::OnlyWith {
        field: "weight",
        other: "width",
        values: &["weighted"],
    }],
    doc: "one column of a column_set",
    ..super::COMPONENT
};

/// `action` of a column or column_set: a link only (reference-v2 §3.1).
pub(crate) static COLUMN_ACTION: Node = Node {
    tag: "column_set.action",
    kind: Kind::Part,
    fields: &[field!(req "multi_url": Ty::Object("multi_url"), "per-platform links")],
    doc: "the link a column or column_set opens when clicked",
    ..super::PART
};

/// `form` (reference-v2 §3.3, rules §8).
pub(crate) static FORM: Node = Node {
    tag: "form",
    kind: Kind::Container,
    fields: &[
        field!(req "name": STR, "unique name of the form"),
        field!(req "elements": Ty::Components(CONTAINER_ADMITS), "the form's components; needs a submit button"),
        field!("direction" = "vertical": Ty::Enum(&DIRECTION), "`vertical` or `horizontal` flow"),
        field!("padding" = "0px": PADDING, "inner padding, 1, 2 or 4 values in [0,99]px"),
        field!("horizontal_spacing": SPACING, "space between components side by side"),
        field!("vertical_spacing" = "12px": SPACING, "space between components one above the other"),
        field!("horizontal_align" = "left": Ty::Enum(&HORIZONTAL_ALIGN), "horizontal alignment"),
        field!("vertical_align" = "top": Ty::Enum(&VERTICAL_ALIGN), "vertical alignment"),
        // Not in the field table; the form page's task-assign example sends it (v2-04).
        field!("fallback": Ty::Json, "shown on clients too old for forms: a `fallback_text`"),
    ],
    children: &[ChildRule::Components { field: "elements" }],
    doc: "a form whose fields are submitted together (body root only)",
    ..super::COMPONENT
};

/// `interactive_container` (reference-v2 §3.4). `behaviors` is required by its page.
pub(crate) static INTERACTIVE_CONTAINER: Node = Node {
    tag: "interactive_container",
    kind: Kind::Container,
    fields: &[
        field!(req "elements": Ty::Components(CONTAINER_ADMITS), "the container's components"),
        field!(req "behaviors": BEHAVIORS, "what a click does: `open_url` or `callback`"),
        field!("width" = "fill": Ty::EnumOr(&CONTAINER_WIDTH, Pattern::Px { min: 16, max: 999 }), "`fill`, `auto` or `\"<n>px\"` in [16,999]"),
        field!("height" = "auto": Ty::EnumOr(&crate::enums::AUTO, Pattern::Px { min: 10, max: 999 }), "`auto` or `\"<n>px\"` in [10,999]"),
        field!("direction" = "vertical": Ty::Enum(&DIRECTION), "`vertical` or `horizontal` flow"),
        field!("padding" = "4px 12px 4px 12px": PADDING, "inner padding, 1, 2 or 4 values in [0,99]px"),
        field!("horizontal_spacing" = "8px": SPACING, "space between components side by side"),
        // §12 C8: 4px (BRK) or 12px (field table); no default given.
        field!("vertical_spacing": SPACING, "space between components one above the other"),
        field!("horizontal_align" = "left": Ty::Enum(&HORIZONTAL_ALIGN), "horizontal alignment"),
        field!("vertical_align" = "top": Ty::Enum(&VERTICAL_ALIGN), "vertical alignment"),
        field!("background_style" = "default": COLOR, "`default`, `laser`, a colour name or a custom colour"),
        field!("has_border" = "false": Ty::Bool, "a 1px border"),
        field!("border_color" = "grey": COLOR, "border colour, with `has_border`"),
        field!("corner_radius" = "0px": RADIUS, "`\"<n>px\"` or `\"<n>%\"`"),
        field!("hover_tips": PLAIN, "text shown on hover (PC)"),
        field!("disabled" = "false": Ty::Bool, "disables the whole container"),
        field!("disabled_tips": PLAIN, "text shown on a disabled container"),
        field!("confirm": CONFIRM, "confirmation dialog before the behaviors run"),
    ],
    children: &[ChildRule::Components { field: "elements" }],
    doc: "a clickable area holding components",
    ..super::COMPONENT
};

/// `collapsible_panel` (reference-v2 §3.5, JSON only). §12 C5: `table` is refused inside as in
/// every container (BRK, TBL), although CP itself only names `form`.
pub(crate) static COLLAPSIBLE_PANEL: Node = Node {
    tag: "collapsible_panel",
    kind: Kind::Container,
    fields: &[
        field!("expanded" = "false": Ty::Bool, "initially expanded"),
        field!(req "header": Ty::Object("collapsible_panel.header"), "the panel's title row"),
        field!("elements": Ty::Components(CONTAINER_ADMITS), "the panel's components"),
        field!("background_color": COLOR, "panel background colour"),
        field!("border": Ty::Object("collapsible_panel.border"), "panel border"),
        field!("direction" = "vertical": Ty::Enum(&DIRECTION), "`vertical` or `horizontal` flow"),
        // §12 C10: the defaults of padding and vertical spacing conflict; none is given.
        field!("padding": PADDING, "inner padding, 1, 2 or 4 values in [0,99]px"),
        field!("horizontal_spacing" = "8px": SPACING, "space between components side by side"),
        field!("vertical_spacing": SPACING, "space between components one above the other"),
        field!("horizontal_align" = "left": Ty::Enum(&HORIZONTAL_ALIGN), "horizontal alignment"),
        field!("vertical_align" = "top": Ty::Enum(&VERTICAL_ALIGN), "vertical alignment"),
    ],
    children: &[
        ChildRule::Part {
            tag: "header",
            node: "collapsible_panel.header",
            field: "header",
            many: false,
        },
        ChildRule::Components { field: "elements" },
    ],
    doc: "a panel that folds its components away",
    ..super::COMPONENT
};

/// `collapsible_panel.header` (reference-v2 §3.5).
pub(crate) static PANEL_HEADER: Node = Node {
    tag: "collapsible_panel.header",
    kind: Kind::Part,
    fields: &[
        field!("title": Ty::Text { kinds: &["plain_text", "markdown"], max_chars: None }, "title: `plain_text` or `markdown`"),
        field!("background_color": COLOR, "header background; falls back to the panel's"),
        field!("width" = "fill": Ty::Enum(&PANEL_HEADER_WIDTH), "`fill`, `auto` or `auto_when_fold` (client 7.32+)"),
        field!("vertical_align" = "center": Ty::Enum(&VERTICAL_ALIGN), "vertical alignment"),
        field!("padding": PADDING, "inner padding, 1, 2 or 4 values in [0,99]px"),
        field!("icon": ICON, "the fold icon, with `size` `\"<w>px <h>px\"`"),
        field!("icon_position" = "right": Ty::Enum(&ICON_POSITION), "`left`, `right` or `follow_text`"),
        field!("icon_expanded_angle" = "180": Ty::Number, "rotation when expanded: -180, -90, 90 or 180"),
        // Only in the page's JSON structure (ex v2-27), not in its table: UNCONFIRMED.
        field!("position": Ty::Enum(&PANEL_HEADER_POSITION), "header position (`top`)"),
    ],
    text_child: Some(TextChild {
        field: "title",
        form: TextForm::Object,
    }),
    doc: "the title row of a collapsible panel",
    ..super::PART
};

/// `collapsible_panel.border` (reference-v2 §3.5).
pub(crate) static PANEL_BORDER: Node = Node {
    tag: "collapsible_panel.border",
    kind: Kind::Part,
    fields: &[
        field!("color" = "grey": COLOR, "border colour"),
        field!("corner_radius" = "5px": RADIUS, "corner radius"),
    ],
    doc: "the border of a collapsible panel",
    ..super::PART
};
