//! Interactive components: button, selects, overflow, pickers, input, checker, select_img.

use super::{BEHAVIORS, CONFIRM, ICON, PLAIN, PLAIN_100, STR, TEXT, URL, URL_OBJECT, VALUE, field};
use crate::enums::{
    BUTTON_SIZE, BUTTON_TYPE, CHECKER_PC_DISPLAY_RULE, COMPONENT_WIDTH, FORM_ACTION,
    FORM_ACTION_TYPE, INPUT_TYPE, LABEL_POSITION, SELECT_IMG_ASPECT_RATIO, SELECT_IMG_LAYOUT,
    SELECT_IMG_STYLE, SELECT_TYPE,
};
use crate::{Admits, ChildRule, Kind, Node, Pattern, TextChild, TextForm, Tie, Ty};

/// `width` of buttons, selects, pickers and inputs: `default`, `fill` or at least 100 px.
const WIDTH: Ty = Ty::EnumOr(
    &COMPONENT_WIDTH,
    Pattern::Px {
        min: 100,
        max: u32::MAX,
    },
);

/// Children shared by every menu: options and a confirmation dialog.
const MENU_CHILDREN: &[ChildRule] = &[
    ChildRule::Part {
        tag: "option",
        node: "option",
        field: "options",
        many: true,
    },
    ChildRule::Part {
        tag: "confirm",
        node: "confirm",
        field: "confirm",
        many: false,
    },
];

/// Option values are unique within one select (reference §1.6 `option`; `overflow` excepted).
const UNIQUE_OPTIONS: Tie = Tie::Unique {
    array: "options",
    key: "value",
};

/// `initial_option` is "an option value" (reference §1.8 `select_static`).
const INITIAL_OPTION: Tie = Tie::Choice {
    field: "initial_option",
    options: "options",
    key: "value",
    many: false,
};

/// `selected_values` are option values (multi-selects).
const SELECTED_VALUES: Tie = Tie::Choice {
    field: "selected_values",
    options: "options",
    key: "value",
    many: true,
};

/// The `confirm` child of the other interactive components.
const CONFIRM_CHILD: &[ChildRule] = &[ChildRule::Part {
    tag: "confirm",
    node: "confirm",
    field: "confirm",
    many: false,
}];

/// `button`.
pub(crate) static BUTTON: Node = Node {
    tag: "button",
    kind: Kind::Interactive,
    fields: &[
        // lark_md stays allowed: official 1.0 examples (buttons, form submit) use it, although
        // newer docs say plain_text only; a bare string becomes plain_text.
        field!(req "text": Ty::Text { kinds: &["plain_text", "lark_md"], max_chars: Some(100) }, "button text, at most 100 characters"),
        field!("type" = "default": Ty::Enum(&BUTTON_TYPE), "button style (default `default`)"),
        field!("size" = "medium": Ty::Enum(&BUTTON_SIZE), "button size (default medium)"),
        field!("width": WIDTH, "`default`, `fill` or `\"<n>px\"` (n >= 100)"),
        field!("icon": ICON, "icon before the text"),
        field!("hover_tips": PLAIN, "tooltip on hover"),
        field!("disabled": Ty::Bool, "greyed out and not clickable"),
        field!("disabled_tips": PLAIN, "tooltip while disabled"),
        field!("confirm": CONFIRM, "confirmation dialog before the click takes effect"),
        field!("url": URL, "link opened on click"),
        field!("multi_url": URL_OBJECT, "per-platform links opened on click"),
        field!("value": VALUE, "callback payload; a button without link sends a callback"),
        field!("complex_interaction": Ty::Bool, "both open the link and send the callback"),
        field!("behaviors": BEHAVIORS, "newer-style interactions"),
        field!(form "name": STR, "unique name; the key of this button in the form callback"),
        field!(form "required": Ty::Bool, "form only: whether the field must be filled"),
        field!(form "action_type": Ty::Enum(&FORM_ACTION_TYPE), "form only: what the button does (`form_submit`, `form_reset`, ...)"),
        // The official 1.0 image-picker form example uses this newer spelling instead.
        field!(form "form_action_type": Ty::Enum(&FORM_ACTION), "form only: submit or reset the form"),
    ],
    text_child: Some(TextChild {
        field: "text",
        form: TextForm::Object,
    }),
    children: CONFIRM_CHILD,
    exclusive: &[("url", "multi_url")],
    form_roles: crate::FORM_BUTTON_ROLES,
    doc: "a button that opens a link or sends a callback",
    ..Node::COMPONENT
};

/// `select_static`.
pub(crate) static SELECT_STATIC: Node = Node {
    tag: "select_static",
    kind: Kind::Interactive,
    fields: &[
        field!("placeholder": PLAIN_100, "text shown before a choice, at most 100 characters"),
        field!("initial_option": STR, "`value` of the option selected at first"),
        field!("options": Ty::Array(&Ty::Object("option"), None), "the options"),
        field!("value": VALUE, "callback payload"),
        field!("behaviors": BEHAVIORS, "newer-style interactions"),
        field!("confirm": CONFIRM, "confirmation dialog before the choice takes effect"),
        field!("type": Ty::Enum(&SELECT_TYPE), "bordered (`default`) or borderless (`text`)"),
        field!("width": WIDTH, "`default`, `fill` or `\"<n>px\"` (n >= 100)"),
        field!("disabled": Ty::Bool, "greyed out and not selectable"),
        field!(form "name": STR, "unique name; the key of this field in the form callback"),
        field!(form "required": Ty::Bool, "form only: whether a choice is needed to submit"),
    ],
    children: MENU_CHILDREN,
    ties: &[INITIAL_OPTION, UNIQUE_OPTIONS],
    doc: "a single-choice drop-down menu",
    ..Node::COMPONENT
};

/// `select_person`.
pub(crate) static SELECT_PERSON: Node = Node {
    tag: "select_person",
    kind: Kind::Interactive,
    fields: &[
        field!("placeholder": PLAIN_100, "text shown before a choice, at most 100 characters"),
        field!("options": Ty::Array(&Ty::Object("option"), None), "candidate users (`value` = open_id); none means the chat's members"),
        field!("value": VALUE, "callback payload"),
        field!("behaviors": BEHAVIORS, "newer-style interactions"),
        field!("confirm": CONFIRM, "confirmation dialog before the choice takes effect"),
        field!("type": Ty::Enum(&SELECT_TYPE), "bordered (`default`) or borderless (`text`)"),
        field!("width": WIDTH, "`default`, `fill` or `\"<n>px\"` (n >= 100)"),
        field!("disabled": Ty::Bool, "greyed out and not selectable"),
        field!(form "name": STR, "unique name; the key of this field in the form callback"),
        field!(form "required": Ty::Bool, "form only: whether a choice is needed to submit"),
    ],
    children: MENU_CHILDREN,
    ties: &[UNIQUE_OPTIONS],
    doc: "a single-choice user picker",
    ..Node::COMPONENT
};

/// Builds a multi-select node; the two differ only in what their options and choices are.
macro_rules! multi_select {
    ($tag:literal, $selected_doc:literal, $options_doc:literal, $doc:literal) => {
        Node {
            tag: $tag,
            kind: Kind::Interactive,
            fields: &[
                field!(req form "name": STR, "unique name; the key of this field in the form callback"),
                field!(form "required" = "true": Ty::Bool, "whether a choice is needed to submit (default true)"),
                field!("placeholder": PLAIN_100, "text shown before a choice, at most 100 characters"),
                field!("selected_values": Ty::Array(&STR, None), $selected_doc),
                field!("type": Ty::Enum(&SELECT_TYPE), "bordered (`default`) or borderless (`text`)"),
                field!("options": Ty::Array(&Ty::Object("option"), None), $options_doc),
                field!("width": WIDTH, "`default`, `fill` or `\"<n>px\"` (n >= 100)"),
                field!("disabled": Ty::Bool, "greyed out and not selectable"),
                field!("confirm": CONFIRM, "confirmation dialog"),
            ],
            children: MENU_CHILDREN,
            ties: &[SELECTED_VALUES, UNIQUE_OPTIONS],
            doc: $doc,
            ..Node::COMPONENT
        }
    };
}

/// `multi_select_static` (form only).
pub(crate) static MULTI_SELECT_STATIC: Node = multi_select!(
    "multi_select_static",
    "`value`s of the options selected at first",
    "the options",
    "a multiple-choice drop-down menu (client 7.4+, form only)"
);

/// `multi_select_person` (form only).
pub(crate) static MULTI_SELECT_PERSON: Node = multi_select!(
    "multi_select_person",
    "open_ids of the users selected at first",
    "candidate users (`value` = open_id)",
    "a multiple-choice user picker (client 7.4+, form only)"
);

/// `overflow`: a folded group of buttons.
pub(crate) static OVERFLOW: Node = Node {
    tag: "overflow",
    kind: Kind::Interactive,
    fields: &[
        field!(req "options": Ty::Array(&Ty::Object("option"), None), "the menu entries"),
        field!("value": VALUE, "callback payload"),
        field!("behaviors": BEHAVIORS, "newer-style interactions"),
        field!("confirm": CONFIRM, "confirmation dialog before the choice takes effect"),
        field!("width": WIDTH, "`default`, `fill` or `\"<n>px\"` (n >= 100)"),
        field!(form "name": STR, "unique name inside a form"),
    ],
    children: MENU_CHILDREN,
    // Not `UNIQUE_OPTIONS`: the official overflow example repeats a value (each option may
    // carry its own link), so Feishu accepts it and `card!` must too.
    doc: "a folded menu of buttons and links",
    ..Node::COMPONENT
};

/// Builds a picker node; the three pickers differ only in their initial-value field.
macro_rules! picker {
    ($tag:literal, $initial:literal, $pattern:expr, $initial_doc:literal, $doc:literal) => {
        Node {
            tag: $tag,
            kind: Kind::Interactive,
            fields: &[
                field!($initial: Ty::Pattern($pattern), $initial_doc),
                field!("placeholder": PLAIN_100, "text shown while empty; needed without an initial value"),
                // Newer docs mark `value` required; legacy examples omit it and are accepted.
                field!("value": VALUE, "callback payload"),
                field!("behaviors": BEHAVIORS, "newer-style interactions"),
                field!("confirm": CONFIRM, "confirmation dialog before the choice takes effect"),
                field!("width": WIDTH, "`default`, `fill` or `\"<n>px\"` (n >= 100)"),
                field!("disabled": Ty::Bool, "greyed out and not selectable"),
                field!(form "name": STR, "unique name; the key of this field in the form callback"),
                field!(form "required": Ty::Bool, "form only: whether a value is needed to submit"),
            ],
            children: CONFIRM_CHILD,
            one_of: &[&["placeholder", $initial]],
            doc: $doc,
            ..Node::COMPONENT
        }
    };
}

/// `date_picker`.
pub(crate) static DATE_PICKER: Node = picker!(
    "date_picker",
    "initial_date",
    Pattern::Date,
    "initial date, `yyyy-MM-dd`",
    "a date picker"
);

/// `picker_time`.
pub(crate) static PICKER_TIME: Node = picker!(
    "picker_time",
    "initial_time",
    Pattern::Time,
    "initial time, `HH:mm`",
    "a time picker"
);

/// `picker_datetime`.
pub(crate) static PICKER_DATETIME: Node = picker!(
    "picker_datetime",
    "initial_datetime",
    Pattern::DateTime,
    "initial date and time, `yyyy-MM-dd HH:mm`",
    "a date and time picker"
);

/// `input`.
pub(crate) static INPUT: Node = Node {
    tag: "input",
    kind: Kind::Interactive,
    fields: &[
        field!(form "name": STR, "unique name; the key of this field in the form callback"),
        // Feishu rejects `required` outside a form; `validate` reports it as an error.
        field!(form "required": Ty::Bool, "form only: whether text is needed to submit"),
        field!("disabled": Ty::Bool, "greyed out and not editable"),
        field!("placeholder": PLAIN_100, "text shown while empty, at most 100 characters"),
        field!("default_value": Ty::Str { max_chars: Some(1000) }, "initial text"),
        field!("width": WIDTH, "`default`, `fill` or `\"<n>px\"` (n >= 100)"),
        field!("max_length" = "1000": Ty::Int { min: 1, max: 1000 }, "maximum text length (default 1000)"),
        field!("input_type": Ty::Enum(&INPUT_TYPE), "single line, multiple lines or password"),
        field!("show_icon": Ty::Bool, "show the type icon (password inputs)"),
        field!("rows" = "5": Ty::Int { min: 1, max: i64::MAX }, "visible lines of a multi-line input (default 5)"),
        field!("auto_resize": Ty::Bool, "grow with the text"),
        field!("max_rows": Ty::Int { min: 1, max: i64::MAX }, "maximum lines when auto-resizing"),
        field!("label": TEXT, "label shown with the input"),
        field!("label_position": Ty::Enum(&LABEL_POSITION), "label above (`top`) or beside (`left`)"),
        field!("value": VALUE, "callback payload"),
        field!("behaviors": BEHAVIORS, "newer-style interactions"),
        field!("confirm": CONFIRM, "confirmation dialog before the input is sent"),
        field!("fallback": Ty::Json, "downgrade for old clients, `{\"tag\": \"fallback_text\", ...}`"),
    ],
    children: CONFIRM_CHILD,
    ties: &[Tie::MaxChars {
        field: "default_value",
        max: "max_length",
    }],
    doc: "a text input (client 6.8+)",
    ..Node::COMPONENT
};

/// `checker`: a task checkbox.
pub(crate) static CHECKER: Node = Node {
    tag: "checker",
    kind: Kind::Interactive,
    fields: &[
        field!(form "name": STR, "unique name; the key of this field in the form callback"),
        field!(form "required": Ty::Bool, "form only: whether it must be ticked to submit"),
        field!("checked": Ty::Bool, "ticked at first"),
        field!("text": TEXT, "text beside the box"),
        field!("overall_checkable": Ty::Bool, "the whole row toggles the box"),
        field!("button_area": Ty::Object("checker.button_area"), "buttons shown beside the text"),
        field!("checked_style": Ty::Object("checker.checked_style"), "look of a ticked row"),
        // UNCONFIRMED ranges: the 1.0 page gives none; 2.0 allows [-99,99] and [0,99].
        field!("margin": Ty::Pattern(Pattern::Spacing { min: -99, max: 99 }), "outer margin, 1 or 4 values"),
        field!("padding": Ty::Pattern(Pattern::Spacing { min: 0, max: 99 }), "inner padding, 1 or 4 values"),
        field!("behaviors": BEHAVIORS, "callback on toggle; without it ticking is local only"),
        field!("hover_tips": PLAIN, "tooltip on hover"),
        field!("disabled": Ty::Bool, "greyed out and not toggleable"),
        field!("disabled_tips": PLAIN, "tooltip while disabled"),
        field!("confirm": CONFIRM, "confirmation dialog before the toggle takes effect"),
    ],
    text_child: Some(TextChild {
        field: "text",
        form: TextForm::Object,
    }),
    children: CONFIRM_CHILD,
    doc: "a task checkbox (client 7.9+)",
    ..Node::COMPONENT
};

/// `checker` `button_area`.
pub(crate) static CHECKER_BUTTON_AREA: Node = Node {
    tag: "checker.button_area",
    kind: Kind::Part,
    fields: &[
        field!("pc_display_rule": Ty::Enum(&CHECKER_PC_DISPLAY_RULE), "on desktop: always shown or on hover"),
        field!("buttons": Ty::Array(&Ty::Component(Admits::Only(&["button"])), Some(3)), "at most 3 buttons"),
    ],
    doc: "buttons of a checker row",
    ..Node::PART
};

/// `checker` `checked_style`.
pub(crate) static CHECKER_CHECKED_STYLE: Node = Node {
    tag: "checker.checked_style",
    kind: Kind::Part,
    fields: &[
        field!("show_strikethrough": Ty::Bool, "strike the text through when ticked"),
        field!("opacity": Ty::Number, "opacity of a ticked row, 0 to 1"),
    ],
    doc: "look of a ticked checker",
    ..Node::PART
};

/// `select_img`: an image picker.
pub(crate) static SELECT_IMG: Node = Node {
    tag: "select_img",
    kind: Kind::Interactive,
    fields: &[
        field!(form "name": STR, "unique name; the key of this field in the form callback"),
        field!(form "required": Ty::Bool, "form only: whether a choice is needed to submit"),
        field!(req "options": Ty::Array(&Ty::Object("select_img.option"), None), "the images to choose from"),
        field!("style": Ty::Enum(&SELECT_IMG_STYLE), "look while images load: grey `default` or `laser`"),
        // Feishu rejects `multi_select: true` outside a form; `validate` reports it.
        field!("multi_select": Ty::Bool, "allow several images (inside a form only)"),
        field!("layout" = "bisect": Ty::Enum(&SELECT_IMG_LAYOUT), "arrangement of the images (default bisect)"),
        field!("aspect_ratio" = "16:9": Ty::Enum(&SELECT_IMG_ASPECT_RATIO), "image aspect ratio (default 16:9)"),
        field!("can_preview" = "true": Ty::Bool, "in a form: open a preview on click (default true)"),
        field!("disabled": Ty::Bool, "greyed out and not selectable"),
        field!("disabled_tips": PLAIN, "tooltip while disabled"),
        field!("value": VALUE, "callback payload"),
    ],
    doc: "an image picker (client 7.6+)",
    ..Node::COMPONENT
};

/// One image of a `select_img`.
pub(crate) static SELECT_IMG_OPTION: Node = Node {
    tag: "select_img.option",
    kind: Kind::Part,
    fields: &[
        field!(req "img_key": STR, "image key from the upload image API"),
        field!("value": STR, "value sent back on selection"),
        field!("disabled": Ty::Bool, "not selectable"),
        field!("disabled_tips": PLAIN, "tooltip while disabled"),
        field!("hover_tips": PLAIN, "tooltip on hover"),
    ],
    ties: &[super::IMG_KEY],
    doc: "one image of a select_img",
    ..Node::PART
};
