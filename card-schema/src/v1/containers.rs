//! Containers: action, column_set, column, form, interactive_container, collapsible_panel.
//!
//! The `Admits` of each container's component field encode reference §1.7's admission table.
//! Whether an `action` may sit inside a column, form or panel is UNCONFIRMED, so every container
//! refuses it (the safe reading: such a card is never sent).

use super::{BEHAVIORS, COLOR, CONFIRM, ICON, NEEDS_ACTION, PLAIN, STR, field};
use crate::enums::{
    ACTION_LAYOUT, AUTO, COLUMN_WIDTH, CONTAINER_WIDTH, FLEX_MODE, HORIZONTAL_ALIGN,
    HORIZONTAL_SPACING, ICON_POSITION, VERTICAL_ALIGN, VERTICAL_SPACING,
};
use crate::{Admits, ChildRule, Kind, Node, Pattern, TextChild, TextForm, Tie, Ty};

/// What `action.actions` admits.
pub(crate) const ACTION_ADMITS: Admits = Admits::Only(NEEDS_ACTION);
/// What a `column` admits: no table, form, img_combination, overflow (reference §1.7).
pub(crate) const COLUMN_ADMITS: Admits = Admits::AllExcept(&[
    "table",
    "form",
    "img_combination",
    "overflow",
    "action",
    "column",
]);
/// What a `form` admits: no table, chart, nested form, or `div` directly (1.0).
pub(crate) const FORM_ADMITS: Admits =
    Admits::AllExcept(&["table", "chart", "form", "div", "action", "column"]);
/// What an `interactive_container` admits: its documented short list.
pub(crate) const INTERACTIVE_CONTAINER_ADMITS: Admits = Admits::Only(&[
    "div",
    "markdown",
    "img",
    "note",
    "column_set",
    "checker",
    "interactive_container",
]);
/// What a `collapsible_panel` admits: everything but form and table.
pub(crate) const PANEL_ADMITS: Admits = Admits::AllExcept(&["form", "table", "action", "column"]);

/// Padding and margins: one to four `"<n>px"` values.
const SPACING: Ty = Ty::Pattern(Pattern::Spacing { min: 0, max: 28 });
/// A corner radius.
const RADIUS: Ty = Ty::Pattern(Pattern::PxOrPercent);

/// `action`: the interaction module wrapping interactive components at the card root.
pub(crate) static ACTION: Node = Node {
    tag: "action",
    kind: Kind::Container,
    fields: &[
        field!(req "actions": Ty::Components(ACTION_ADMITS), "the interactive components"),
        field!("layout": Ty::Enum(&ACTION_LAYOUT), "2 per row, 3 per row, or flowing by size"),
    ],
    children: &[ChildRule::Components { field: "actions" }],
    doc: "the interaction module holding buttons, menus, pickers and inputs",
    ..Node::COMPONENT
};

/// `column_set`.
pub(crate) static COLUMN_SET: Node = Node {
    tag: "column_set",
    kind: Kind::Container,
    fields: &[
        field!(req "columns": Ty::Components(Admits::Only(&["column"])), "the columns"),
        field!("flex_mode" = "none": Ty::Enum(&FLEX_MODE), "how columns wrap on narrow screens (default none)"),
        field!("background_style": COLOR, "`default`, a colour name or a custom colour"),
        field!("horizontal_spacing": Ty::EnumOr(&HORIZONTAL_SPACING, Pattern::Px { min: 0, max: 28 }), "space between columns"),
        field!("horizontal_align": Ty::Enum(&HORIZONTAL_ALIGN), "column alignment (client 7.4+)"),
        field!("margin": SPACING, "outer margin, 1 or 4 values (client 7.4+)"),
        field!("action": Ty::Object("column_set.action"), "link opened when the set is clicked"),
    ],
    children: &[ChildRule::Components { field: "columns" }],
    doc: "a row of columns",
    ..Node::COMPONENT
};

/// `column`.
pub(crate) static COLUMN: Node = Node {
    tag: "column",
    kind: Kind::Container,
    fields: &[
        field!("width" = "auto": Ty::EnumOr(&COLUMN_WIDTH, Pattern::Px { min: 16, max: 600 }), "`auto` (default), `weighted` or `\"<n>px\"`"),
        field!("weight": Ty::Int { min: 1, max: 5 }, "share of the width with `weighted`"),
        field!("vertical_align": Ty::Enum(&VERTICAL_ALIGN), "vertical alignment of the content"),
        field!("vertical_spacing": Ty::EnumOr(&VERTICAL_SPACING, Pattern::Px { min: 0, max: 28 }), "space between components"),
        field!("padding": SPACING, "inner padding, 1 or 4 values"),
        field!("background_style": COLOR, "`default`, a colour name or a custom colour"),
        field!("elements": Ty::Components(COLUMN_ADMITS), "the column's components"),
        field!("action": Ty::Object("column_set.action"), "link opened when the column is clicked"),
    ],
    children: &[ChildRule::Components { field: "elements" }],
    doc: "one column of a column_set",
    ties: &[Tie::OnlyWith {
        field: "weight",
        other: "width",
        values: &["weighted"],
    }],
    ..Node::COMPONENT
};

/// `form`.
pub(crate) static FORM: Node = Node {
    tag: "form",
    kind: Kind::Container,
    fields: &[
        field!(req "name": STR, "unique name of the form"),
        field!(req "elements": Ty::Components(FORM_ADMITS), "the form's components; needs a submit button"),
        field!("fallback": Ty::Json, "downgrade for old clients, `{\"tag\": \"fallback_text\", ...}`"),
    ],
    children: &[ChildRule::Components { field: "elements" }],
    form: true,
    doc: "a form whose fields are submitted together (client 6.6+, card root only)",
    ..Node::COMPONENT
};

/// `interactive_container`.
pub(crate) static INTERACTIVE_CONTAINER: Node = Node {
    tag: "interactive_container",
    kind: Kind::Container,
    fields: &[
        field!(req "elements": Ty::Components(INTERACTIVE_CONTAINER_ADMITS), "the container's components"),
        field!(req "behaviors": BEHAVIORS, "what a click does: open_url and/or callback"),
        field!("width": Ty::EnumOr(&CONTAINER_WIDTH, Pattern::Px { min: 16, max: 999 }), "`fill`, `auto` or `\"<n>px\"`"),
        field!("height": Ty::EnumOr(&AUTO, Pattern::Px { min: 10, max: 999 }), "`auto` or `\"<n>px\"`"),
        field!("background_style": COLOR, "`default`, `laser`, a colour name or a custom colour"),
        field!("has_border": Ty::Bool, "draw a border"),
        field!("border_color": COLOR, "border colour"),
        field!("corner_radius": RADIUS, "corner radius"),
        field!("padding" = "4px 12px 4px 12px": SPACING, "inner padding (default `4px 12px 4px 12px`)"),
        field!("hover_tips": PLAIN, "tooltip on hover"),
        field!("disabled": Ty::Bool, "not clickable"),
        field!("disabled_tips": PLAIN, "tooltip while disabled"),
        field!("confirm": CONFIRM, "confirmation dialog before the click takes effect"),
    ],
    children: &[
        ChildRule::Components { field: "elements" },
        ChildRule::Part {
            tag: "confirm",
            node: "confirm",
            field: "confirm",
            many: false,
        },
    ],
    doc: "a clickable box of components (client 7.4+)",
    ..Node::COMPONENT
};

/// `collapsible_panel`.
pub(crate) static COLLAPSIBLE_PANEL: Node = Node {
    tag: "collapsible_panel",
    kind: Kind::Container,
    fields: &[
        field!("expanded": Ty::Bool, "open at first"),
        field!("background_color": COLOR, "panel background colour"),
        field!(req "header": Ty::Object("collapsible_panel.header"), "the always-visible title row"),
        field!("border": Ty::Object("collapsible_panel.border"), "panel border"),
        field!("vertical_spacing" = "8px": Ty::Pattern(Pattern::Px { min: 0, max: 99 }), "space between components (default 8px)"),
        field!("padding" = "8px": SPACING, "inner padding (default 8px)"),
        field!("elements": Ty::Components(PANEL_ADMITS), "the folded components"),
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
    doc: "a panel that folds its components away (client 7.9+)",
    ..Node::COMPONENT
};

/// `collapsible_panel` `header`.
pub(crate) static PANEL_HEADER: Node = Node {
    tag: "collapsible_panel.header",
    kind: Kind::Part,
    fields: &[
        field!("title": Ty::Text { kinds: &["plain_text", "markdown"], max_chars: None }, "title text"),
        field!("background_color": COLOR, "title row background colour"),
        field!("vertical_align": Ty::Enum(&VERTICAL_ALIGN), "vertical alignment of the title"),
        field!("padding": SPACING, "inner padding"),
        field!("icon": ICON, "expand icon"),
        field!("icon_position": Ty::Enum(&ICON_POSITION), "where the icon sits"),
        field!("icon_expanded_angle": Ty::Int { min: -180, max: 180 }, "icon rotation when open, in degrees"),
    ],
    text_child: Some(TextChild {
        field: "title",
        form: TextForm::Object,
    }),
    doc: "the title row of a collapsible_panel",
    ..Node::PART
};

/// `collapsible_panel` `border`.
pub(crate) static PANEL_BORDER: Node = Node {
    tag: "collapsible_panel.border",
    kind: Kind::Part,
    fields: &[
        field!("color": COLOR, "border colour"),
        field!("corner_radius": RADIUS, "corner radius"),
    ],
    doc: "the border of a collapsible_panel",
    ..Node::PART
};
