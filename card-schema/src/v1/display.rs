//! Display components: div, markdown, hr, img, img_combination, note, person(s), chart, table.

use super::{COLOR, ICON, PLAIN, STR, TEXT, URL_OBJECT, field};
use crate::enums::{
    AUTO, CHART_ASPECT_RATIO, CHART_COLOR_THEME, COMBINATION_MODE, HORIZONTAL_ALIGN, IMG_MODE,
    IMG_SCALE_TYPE, IMG_SIZE, PERSON_SIZE, PERSON_STYLE, TABLE_DATA_TYPE, TABLE_HEADER_BACKGROUND,
    TABLE_ROW_HEIGHT, TEXT_ALIGN, VERTICAL_ALIGN,
};
use crate::{Admits, ChildRule, Kind, Node, Pattern, TextChild, TextForm, Tie, Ty};

/// What a div's `extra` slot admits (reference §1.7, `div.extra`).
pub(crate) const DIV_EXTRA: Admits = Admits::Only(&[
    "img",
    "button",
    "select_static",
    "select_person",
    "overflow",
    "date_picker",
    "picker_time",
    "picker_datetime",
]);

/// `div`: a text block with optional fields grid and extra element.
pub(crate) static DIV: Node = Node {
    tag: "div",
    kind: Kind::Display,
    fields: &[
        field!("text": TEXT, "the block's text"),
        field!("fields": Ty::Array(&Ty::Object("field"), None), "text shown as a grid of fields"),
        field!("extra": Ty::Component(DIV_EXTRA), "one image or interactive component shown right of the text"),
        field!("icon": ICON, "icon before the text"),
    ],
    text_child: Some(TextChild {
        field: "text",
        form: TextForm::Object,
    }),
    children: &[
        ChildRule::Part {
            tag: "field",
            node: "field",
            field: "fields",
            many: true,
        },
        ChildRule::Slot {
            tag: "extra",
            field: "extra",
        },
    ],
    one_of: &[&["text", "fields"]],
    doc: "a text block, with an optional fields grid and extra element",
    ..Node::COMPONENT
};

/// `markdown`: rich text.
pub(crate) static MARKDOWN: Node = Node {
    tag: "markdown",
    kind: Kind::Display,
    fields: &[
        field!(req "content": STR, "the markdown text"),
        field!("text_align" = "left": Ty::Enum(&TEXT_ALIGN), "text alignment (default left)"),
        field!("text_size": STR, "font size preset or custom `config.style.text_size` name"),
        field!("icon": ICON, "icon before the text"),
        field!("href": Ty::Map(&URL_OBJECT), "per-platform links referenced as `[label]($name)`"),
    ],
    text_child: Some(TextChild {
        field: "content",
        form: TextForm::Raw,
    }),
    doc: "rich text in the 1.0 markdown dialect",
    ..Node::COMPONENT
};

/// `hr`: a divider.
pub(crate) static HR: Node = Node {
    tag: "hr",
    kind: Kind::Display,
    fields: &[],
    doc: "a horizontal divider",
    ..Node::COMPONENT
};

/// `img`: an image.
pub(crate) static IMG: Node = Node {
    tag: "img",
    kind: Kind::Display,
    fields: &[
        field!(req "img_key": STR, "image key from the upload image API"),
        field!(req "alt": PLAIN, "hover text; empty content allowed"),
        field!("title": TEXT, "title shown under the image"),
        field!("scale_type" = "crop_center": Ty::Enum(&IMG_SCALE_TYPE), "how the image is cropped (default crop_center)"),
        field!("size": Ty::EnumOr(&IMG_SIZE, Pattern::ImgSize), "size preset or custom `\"WxH px\"`; only with crop scale types"),
        field!("corner_radius": Ty::Pattern(Pattern::PxOrPercent), "corner radius, `\"<n>px\"` or `\"<n>%\"`"),
        field!("transparent" = "false": Ty::Bool, "transparent background (default false)"),
        field!("preview" = "true": Ty::Bool, "open a preview on click (default true)"),
        field!("mode": Ty::Enum(&IMG_MODE), "legacy display mode; overrides `custom_width`"),
        field!("custom_width": Ty::Int { min: 278, max: 580 }, "legacy maximum width in pixels"),
        field!("compact_width": Ty::Bool, "legacy: 278 px maximum width"),
    ],
    ties: &[
        super::IMG_KEY,
        Tie::OnlyWith {
            field: "size",
            other: "scale_type",
            values: &["crop_center", "crop_top"],
        },
    ],
    doc: "an image",
    ..Node::COMPONENT
};

/// `img_combination`: several images in one layout.
pub(crate) static IMG_COMBINATION: Node = Node {
    tag: "img_combination",
    kind: Kind::Display,
    fields: &[
        field!(req "combination_mode": Ty::Enum(&COMBINATION_MODE), "layout: double (2), triple (3), bisect (6) or trisect (9 images)"),
        // Images past the mode's capacity (at most 9) are not shown: `validate` warns.
        field!(req "img_list": Ty::Array(&Ty::Object("img_combination.img"), Some(9)), "the images; the mode caps how many are shown"),
        field!("corner_radius": Ty::Pattern(Pattern::PxOrPercent), "corner radius, `\"<n>px\"` or `\"<n>%\"`"),
    ],
    ties: &[Tie::PerMode {
        mode: "combination_mode",
        list: "img_list",
        // The multi-image page: how many images each layout shows.
        limits: &[("double", 2), ("triple", 3), ("bisect", 6), ("trisect", 9)],
    }],
    doc: "several images in a fixed layout",
    ..Node::COMPONENT
};

/// One image of an `img_combination`.
pub(crate) static IMG_COMBINATION_IMG: Node = Node {
    tag: "img_combination.img",
    kind: Kind::Part,
    fields: &[field!(req "img_key": STR, "image key from the upload image API")],
    ties: &[super::IMG_KEY],
    doc: "one image of an img_combination",
    ..Node::PART
};

/// `note`: a footnote of text, small images and icons.
pub(crate) static NOTE: Node = Node {
    tag: "note",
    kind: Kind::Display,
    fields: &[field!(
        req "elements": Ty::Components(Admits::Only(&["img", "standard_icon", "custom_icon"])),
        "text objects, images (16x16) and icons"
    )],
    text_child: Some(TextChild {
        field: "elements",
        form: TextForm::Push,
    }),
    children: &[ChildRule::Components { field: "elements" }],
    doc: "a footnote of text, small images and icons",
    ..Node::COMPONENT
};

/// `person`: one user chip.
pub(crate) static PERSON: Node = Node {
    tag: "person",
    kind: Kind::Display,
    fields: &[
        field!(req "user_id": STR, "open_id, union_id or user_id of the user"),
        field!("size" = "medium": Ty::Enum(&PERSON_SIZE), "avatar size (default medium)"),
        field!("show_avatar" = "true": Ty::Bool, "show the avatar (default true)"),
        field!("show_name" = "false": Ty::Bool, "show the name (default false)"),
        field!("style": Ty::Enum(&PERSON_STYLE), "normal or capsule"),
    ],
    doc: "a user chip",
    ..Node::COMPONENT
};

/// `person_list`: several user chips.
pub(crate) static PERSON_LIST: Node = Node {
    tag: "person_list",
    kind: Kind::Display,
    fields: &[
        field!(req "persons": Ty::Array(&Ty::Object("person_list.person"), None), "the users, as `[{\"id\": ...}]`"),
        field!("drop_invalid_user_id" = "false": Ty::Bool, "drop unknown ids instead of failing the send (default false)"),
        field!("lines": Ty::Int { min: 1, max: i64::MAX }, "maximum number of lines shown"),
        field!("show_name" = "true": Ty::Bool, "show the names (default true)"),
        field!("show_avatar" = "false": Ty::Bool, "show the avatars (default false)"),
        field!("size": Ty::Enum(&PERSON_SIZE), "avatar size"),
        field!("icon": ICON, "icon before the list"),
        field!("ud_icon": Ty::Object("ud_icon"), "icon-library icon before the list"),
    ],
    doc: "a list of user chips",
    ..Node::COMPONENT
};

/// `chart`: a VChart chart.
pub(crate) static CHART: Node = Node {
    tag: "chart",
    kind: Kind::Display,
    fields: &[
        field!(req "chart_spec": Ty::Map(&Ty::Json), "VChart spec object (no JavaScript)"),
        field!("aspect_ratio": Ty::Enum(&CHART_ASPECT_RATIO), "aspect ratio (default 16:9 on desktop, 1:1 on mobile)"),
        field!("color_theme" = "brand": Ty::Enum(&CHART_COLOR_THEME), "colour theme (default brand)"),
        field!("preview" = "true": Ty::Bool, "open a full view on click (default true)"),
        field!("height": Ty::EnumOr(&AUTO, Pattern::Px { min: 1, max: 999 }), "`auto` or `\"<n>px\"` (client 7.10+)"),
    ],
    doc: "a chart drawn from a VChart spec (client 7.1+)",
    ..Node::COMPONENT
};

/// `table`: a paged table (card root only).
pub(crate) static TABLE: Node = Node {
    tag: "table",
    kind: Kind::Display,
    fields: &[
        // Feishu shows at most 50 columns; `validate` warns beyond that.
        field!(req "columns": Ty::Array(&Ty::Object("table.column"), Some(50)), "column definitions; at most 50 are shown"),
        field!(req "rows": Ty::Array(&Ty::Map(&Ty::Json), None), "rows as `{<column name>: value}` objects"),
        field!("page_size" = "5": Ty::Int { min: 1, max: 10 }, "rows per page (default 5)"),
        field!("row_height": Ty::EnumOr(&TABLE_ROW_HEIGHT, Pattern::Px { min: 32, max: 124 }), "row height preset or `\"<n>px\"`"),
        field!("header_style": Ty::Object("table.header_style"), "style of the header row"),
        field!("freeze_first_column": Ty::Bool, "keep the first column visible when scrolling"),
    ],
    doc: "a paged table (client 7.4+, card root only)",
    ..Node::COMPONENT
};

/// One `table` column definition.
pub(crate) static TABLE_COLUMN: Node = Node {
    tag: "table.column",
    kind: Kind::Part,
    fields: &[
        field!(req "name": STR, "key of this column in each row"),
        field!("display_name": STR, "header text"),
        // UNCONFIRMED ranges: 80–600 px or 1–100 %, not enforced by the pattern.
        field!("width": Ty::EnumOr(&AUTO, Pattern::PxOrPercent), "`auto`, `\"<n>px\"` or `\"<n>%\"`"),
        field!("vertical_align": Ty::Enum(&VERTICAL_ALIGN), "vertical alignment of cells"),
        field!("horizontal_align": Ty::Enum(&HORIZONTAL_ALIGN), "horizontal alignment of cells"),
        // Bots send columns without it and Feishu accepts them; which default it renders is
        // UNCONFIRMED (`text` is the documented first type).
        field!(req "data_type" = "text": Ty::Enum(&TABLE_DATA_TYPE), "how cell values are rendered"),
        field!("format": Ty::Object("table.column.format"), "number format for `number` columns"),
        field!("date_format": STR, "date format for `date` columns"),
    ],
    doc: "a table column definition",
    ..Node::PART
};

/// Number format of a `table` column.
pub(crate) static TABLE_COLUMN_FORMAT: Node = Node {
    tag: "table.column.format",
    kind: Kind::Part,
    fields: &[
        field!("precision": Ty::Int { min: 0, max: 10 }, "decimal places"),
        field!("symbol": STR, "currency symbol"),
        field!("separator": Ty::Bool, "use thousands separators"),
    ],
    doc: "number format of a table column",
    ..Node::PART
};

/// Style of a `table` header row.
pub(crate) static TABLE_HEADER_STYLE: Node = Node {
    tag: "table.header_style",
    kind: Kind::Part,
    fields: &[
        field!("text_align": Ty::Enum(&TEXT_ALIGN), "header text alignment"),
        field!("text_size": STR, "header font size preset"),
        field!("background_style": Ty::Enum(&TABLE_HEADER_BACKGROUND), "header background"),
        field!("text_color": COLOR, "header text colour"),
        field!("bold": Ty::Bool, "bold header text"),
        field!("lines": Ty::Int { min: 1, max: i64::MAX }, "maximum header lines"),
    ],
    doc: "style of a table's header row",
    ..Node::PART
};
