//! 2.0 display components: div, markdown, img, img_combination, person, person_list, chart,
//! table, hr, audio (reference-v2 §4), with their sub-objects.

use super::{COLOR, I18N_STR, ICON, PADDING, PLAIN, STR, TEXT, field};
use crate::enums::{
    AUDIO_STYLE, AUDIO_TIME_DISPLAY, AUDIO_TIME_POSITION, AUTO, CHART_ASPECT_RATIO,
    CHART_COLOR_THEME, COMBINATION_MODE, COMPONENT_WIDTH, CONTAINER_WIDTH, HORIZONTAL_ALIGN,
    IMG_MODE, IMG_SCALE_TYPE, IMG_SIZE, PERSON_SIZE, PERSON_STYLE, TABLE_DATA_TYPE,
    TABLE_HEADER_BACKGROUND, TABLE_HEADER_TEXT_COLOR, TABLE_HEADER_TEXT_SIZE, TABLE_ROW_HEIGHT,
    TEXT_ALIGN, VERTICAL_ALIGN,
};
use crate::{Kind, Node, Pattern, TextChild, TextForm, Tie, Ty};

/// A corner radius: `"<n>px"` or `"<n>%"` (reference-v2 §2.5).
const RADIUS: Ty = Ty::Pattern(Pattern::PxOrPercent);

/// `div` (reference-v2 §4.1). No text-or-fields rule is documented for 2.0; `fields` is not in
/// the 2.0 table but the page's own lark_md demo sends it (ex v2-30), so it is kept.
pub(crate) static DIV: Node = Node {
    tag: "div",
    kind: Kind::Display,
    fields: &[
        field!("width" = "fill": Ty::EnumOr(&CONTAINER_WIDTH, Pattern::Px { min: 16, max: 999 }), "`fill`, `auto` or `\"<n>px\"` in [16,999]"),
        field!("text": TEXT, "the text: `plain_text` (with size, colour, alignment, lines) or `lark_md`"),
        field!("icon": ICON, "icon before the text"),
        field!("fields": Ty::Array(&Ty::Object("field"), None), "1.0-style text grid, printed in a 2.0 demo (ex v2-30)"),
    ],
    text_child: Some(TextChild {
        field: "text",
        form: TextForm::Object,
    }),
    doc: "a block of text with an optional icon",
    ..super::COMPONENT
};

/// `markdown` (reference-v2 §4.2). `href` is gone ([`super::MIGRATIONS`]).
pub(crate) static MARKDOWN: Node = Node {
    tag: "markdown",
    kind: Kind::Display,
    fields: &[
        field!(req "content": STR, "2.0 markdown text"),
        field!("i18n_content": I18N_STR, "per-locale markdown text"),
        field!("text_align" = "left": Ty::Enum(&TEXT_ALIGN), "text alignment"),
        field!("text_size" = "normal": STR, "a size preset or a `config.style.text_size` name"),
        field!("icon": ICON, "icon before the text"),
    ],
    text_child: Some(TextChild {
        field: "content",
        form: TextForm::Raw,
    }),
    doc: "rich text in 2.0 markdown",
    ..super::COMPONENT
};

/// `img` (reference-v2 §4.3). `alt` is required by the table, but IMG's own snippet and shared
/// v2-07 omit it (§12.2): Feishu accepts the absence, so a missing `alt` is a warning.
pub(crate) static IMG: Node = Node {
    tag: "img",
    kind: Kind::Display,
    fields: &[
        field!(req "img_key": STR, "image key from the upload image API"),
        field!("i18n_img_key": I18N_STR, "per-locale image keys"),
        field!(req "alt" = "no hover text": PLAIN, "hover text (`content` may be empty)"),
        field!("title": PLAIN, "image title"),
        field!("corner_radius": RADIUS, "`\"<n>px\"` or `\"<n>%\"`"),
        field!("scale_type" = "crop_center": Ty::Enum(&IMG_SCALE_TYPE), "cropping when the size ratio differs"),
        field!("size": Ty::EnumOr(&IMG_SIZE, Pattern::ImgSize), "a preset or `\"<w>px <h>px\"` (with crop_*)"),
        field!("transparent" = "false": Ty::Bool, "transparent background"),
        field!("preview" = "true": Ty::Bool, "click enlarges; `false` lets clicks reach `card_link`"),
        // Historical fields, still in the page's JSON structure (ex v2-33).
        field!("mode": Ty::Enum(&IMG_MODE), "historical: display mode"),
        // §12 C18: the table types it int 278-580, the page's JSON gives `"300px"`: both read.
        field!("custom_width": Ty::Json, "historical: width 278-580 px (int or `\"<n>px\"`)"),
        field!("compact_width" = "false": Ty::Bool, "historical: at most 278 px wide"),
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
    ..super::COMPONENT
};

/// `img_combination` (reference-v2 §4.4).
pub(crate) static IMG_COMBINATION: Node = Node {
    tag: "img_combination",
    kind: Kind::Display,
    fields: &[
        field!(req "combination_mode": Ty::Enum(&COMBINATION_MODE), "`double`, `triple`, `bisect` or `trisect`"),
        field!("combination_transparent" = "false": Ty::Bool, "transparent backgrounds"),
        field!("corner_radius": RADIUS, "`\"<n>px\"` or `\"<n>%\"`"),
        field!(req "img_list": Ty::Array(&Ty::Object("img_combination.img"), None), "the images"),
    ],
    ties: &[Tie::PerMode {
        mode: "combination_mode",
        list: "img_list",
        limits: &[("double", 2), ("triple", 3), ("bisect", 6), ("trisect", 9)],
    }],
    doc: "several images in a grid",
    ..super::COMPONENT
};

/// One image of an `img_combination` (reference-v2 §4.4; `transparent` only in ex v2-35).
pub(crate) static IMG_COMBINATION_IMG: Node = Node {
    tag: "img_combination.img",
    kind: Kind::Part,
    fields: &[
        field!(req "img_key": STR, "image key from the upload image API"),
        field!("i18n_img_key": I18N_STR, "per-locale image keys"),
        field!("transparent" = "false": Ty::Bool, "transparent background"),
    ],
    ties: &[super::IMG_KEY],
    doc: "one image of a combination",
    ..super::PART
};

/// `person` (reference-v2 §4.5).
pub(crate) static PERSON: Node = Node {
    tag: "person",
    kind: Kind::Display,
    fields: &[
        field!(req "user_id": STR, "open_id, union_id or user_id"),
        field!("size" = "medium": Ty::Enum(&PERSON_SIZE), "avatar size"),
        field!("show_avatar" = "true": Ty::Bool, "show the avatar"),
        field!("show_name" = "false": Ty::Bool, "show the name"),
        field!("style" = "normal": Ty::Enum(&PERSON_STYLE), "`normal` or `capsule`"),
    ],
    doc: "one user's avatar and name",
    ..super::COMPONENT
};

/// `person_list` (reference-v2 §4.6).
pub(crate) static PERSON_LIST: Node = Node {
    tag: "person_list",
    kind: Kind::Display,
    fields: &[
        field!(req "persons": Ty::Array(&Ty::Object("person_list.person"), None), "the users"),
        field!("drop_invalid_user_id" = "false": Ty::Bool, "drop invalid ids instead of failing the send"),
        field!("lines": Ty::Int { min: 1, max: i64::MAX }, "maximum lines shown"),
        field!("show_name" = "true": Ty::Bool, "show names"),
        field!("show_avatar" = "false": Ty::Bool, "show avatars"),
        field!("size" = "medium": Ty::Enum(&PERSON_SIZE), "avatar size"),
        field!("icon": ICON, "icon before the list"),
        field!("ud_icon": Ty::Object("ud_icon"), "icon-library icon; `icon` wins"),
    ],
    doc: "several users",
    ..super::COMPONENT
};

/// One user of a `person_list`.
pub(crate) static PERSON_LIST_PERSON: Node = Node {
    tag: "person_list.person",
    kind: Kind::Part,
    fields: &[field!(req "id": STR, "open_id, union_id or user_id")],
    doc: "one user of a person list",
    ..super::PART
};

/// `ud_icon` (reference-v2 §2.10: survives on `person_list` only).
pub(crate) static UD_ICON: Node = Node {
    tag: "ud_icon",
    kind: Kind::Part,
    fields: &[
        field!("token": STR, "icon library token"),
        field!("style": Ty::Json, "icon style, e.g. `{\"color\": \"red\"}`"),
    ],
    doc: "icon-library icon",
    ..super::PART
};

/// `chart` (reference-v2 §4.7). `chart_spec` is opaque VChart data.
pub(crate) static CHART: Node = Node {
    tag: "chart",
    kind: Kind::Display,
    fields: &[
        field!(req "chart_spec": Ty::Json, "VChart spec (data only, no functions)"),
        field!("aspect_ratio": Ty::Enum(&CHART_ASPECT_RATIO), "`1:1`, `2:1`, `4:3` or `16:9`"),
        field!("color_theme" = "brand": Ty::Enum(&CHART_COLOR_THEME), "colour theme"),
        field!("preview" = "true": Ty::Bool, "click opens a larger view"),
        field!("height" = "auto": Ty::EnumOr(&AUTO, Pattern::Px { min: 1, max: 999 }), "`auto` or `\"<n>px\"` in [1,999]"),
    ],
    ties: &[Tie::PureData {
        field: "chart_spec",
    }],
    doc: "a chart (VChart)",
    ..super::COMPONENT
};

/// `table` (reference-v2 §4.8): body root only.
pub(crate) static TABLE: Node = Node {
    tag: "table",
    kind: Kind::Display,
    fields: &[
        field!("page_size" = "5": Ty::Int { min: 1, max: 10 }, "rows per page"),
        field!("row_height" = "low": Ty::EnumOr(&TABLE_ROW_HEIGHT, Pattern::Px { min: 32, max: 124 }), "`low`, `middle`, `high`, `auto` or `\"<n>px\"` in [32,124]"),
        field!("row_max_height" = "124px": Ty::Pattern(Pattern::Px { min: 32, max: 999 }), "with `row_height` `auto`: `\"<n>px\"` in [32,999]"),
        field!("freeze_first_column" = "false": Ty::Bool, "keep the first column visible when scrolling"),
        field!("header_style": Ty::Object("table.header_style"), "header row style"),
        field!(req "columns": Ty::Array(&Ty::Object("table.column"), Some(50)), "the columns; at most 50 are shown"),
        field!(req "rows": Ty::Array(&Ty::Map(&Ty::Json), None), "the rows, keyed by column `name`"),
    ],
    ties: &[Tie::OnlyWith {
        field: "row_max_height",
        other: "row_height",
        values: &["auto"],
    }],
    doc: "a table of rows under typed columns",
    ..super::COMPONENT
};

/// A `table` column (reference-v2 §4.8).
pub(crate) static TABLE_COLUMN: Node = Node {
    tag: "table.column",
    kind: Kind::Part,
    fields: &[
        field!(req "name": STR, "key of this column in each row"),
        field!("display_name" = "": STR, "header text"),
        field!("width" = "auto": Ty::EnumOr(&AUTO, Pattern::PxOrPercent), "`auto`, `\"<n>px\"` in [80,600] or `\"<n>%\"`"),
        field!("vertical_align" = "center": Ty::Enum(&VERTICAL_ALIGN), "vertical alignment of cells"),
        field!("horizontal_align": Ty::Enum(&HORIZONTAL_ALIGN), "horizontal alignment (default right for numbers, else left)"),
        // The table marks it required and also states the default `text`.
        field!(req "data_type" = "text": Ty::Enum(&TABLE_DATA_TYPE), "how cell values are rendered"),
        field!("format": Ty::Object("table.column.format"), "number format for `number` columns"),
        field!("date_format": STR, "date format for `date` columns, e.g. `YYYY/MM/DD`"),
    ],
    doc: "a table column definition",
    ..super::PART
};

/// Number format of a `table` column.
pub(crate) static TABLE_COLUMN_FORMAT: Node = Node {
    tag: "table.column.format",
    kind: Kind::Part,
    fields: &[
        field!("precision": Ty::Int { min: 0, max: 10 }, "decimal places"),
        field!("symbol": Ty::Str { max_chars: Some(1) }, "currency symbol, one character"),
        field!("separator" = "false": Ty::Bool, "use thousands separators"),
    ],
    doc: "number format of a table column",
    ..super::PART
};

/// `table.header_style` (reference-v2 §4.8).
pub(crate) static TABLE_HEADER_STYLE: Node = Node {
    tag: "table.header_style",
    kind: Kind::Part,
    fields: &[
        field!("text_align" = "left": Ty::Enum(&TEXT_ALIGN), "header text alignment"),
        field!("text_size" = "normal": Ty::Enum(&TABLE_HEADER_TEXT_SIZE), "`normal` or `heading`"),
        field!("background_style" = "none": Ty::Enum(&TABLE_HEADER_BACKGROUND), "`none` or `grey`"),
        field!("text_color" = "default": Ty::Enum(&TABLE_HEADER_TEXT_COLOR), "`default` or `grey`"),
        field!("bold" = "true": Ty::Bool, "bold header text"),
        field!("lines" = "1": Ty::Int { min: 1, max: i64::MAX }, "header lines shown"),
    ],
    doc: "the style of a table's header row",
    ..super::PART
};

/// `hr` (reference-v2 §4.9): only the global fields.
pub(crate) static HR: Node = Node {
    tag: "hr",
    kind: Kind::Display,
    doc: "a horizontal divider",
    ..super::COMPONENT
};

/// `audio` (reference-v2 §4.10, 2.0 only, client 7.49+). The card must set
/// `config.enable_forward: false` ([`crate::Spec::card_needs`]).
pub(crate) static AUDIO: Node = Node {
    tag: "audio",
    kind: Kind::Display,
    fields: &[
        field!(req "file_key": STR, "OPUS file key from the upload file API"),
        // §12 C21: AUD's `i18n_file_key` over I18N's misspelt `i18n_file_key_key`.
        field!("i18n_file_key": I18N_STR, "per-locale file keys"),
        field!("audio_id": STR, "unique in the card; keeps playback state across updates"),
        field!("disabled" = "false": Ty::Bool, "disables the player"),
        field!("disabled_tips": PLAIN, "text shown on a disabled player"),
        field!("show_progress_bar" = "true": Ty::Bool, "show the progress bar"),
        field!("show_time" = "true": Ty::Bool, "show the time"),
        field!("time_display" = "default": Ty::Enum(&AUDIO_TIME_DISPLAY), "`default` or `both`"),
        field!("time_position" = "end": Ty::Enum(&AUDIO_TIME_POSITION), "`end`, `start` or `both_sides`"),
        field!("border": Ty::Object("audio.border"), "player border"),
        field!("style" = "normal": Ty::Enum(&AUDIO_STYLE), "`normal`, `flat` or `speak`"),
        field!("padding" = "12px": PADDING, "inner padding, 1, 2 or 4 values in [0,99]px"),
        field!("background_style" = "default": COLOR, "`default`, a colour name or RGBA"),
        field!("fill_color" = "grey-800": COLOR, "colour of button, progress and time"),
        field!("width" = "default": Ty::EnumOr(&COMPONENT_WIDTH, Pattern::Px { min: 100, max: u32::MAX }), "`default`, `fill` or `\"<n>px\"` (at least 100)"),
        field!("fallback": Ty::Json, "`\"drop\"` or a `fallback_text` shown on clients before 7.49"),
    ],
    doc: "an audio player (2.0 only)",
    ..super::COMPONENT
};

/// `audio.border` (reference-v2 §4.10).
pub(crate) static AUDIO_BORDER: Node = Node {
    tag: "audio.border",
    kind: Kind::Part,
    fields: &[
        field!("color": COLOR, "border colour (default transparent)"),
        field!("corner_radius" = "8px": STR, "corner radius in px"),
    ],
    doc: "the border of an audio player",
    ..super::PART
};
