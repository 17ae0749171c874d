//! 2.0 interactive components: button, input, overflow, the selects, the pickers, checker and
//! select_img (reference-v2 §5), with their sub-objects. `name` and `required` are form fields
//! (§8); legacy `value` / `action_type` stay accepted (§2.14, §12 C3, C13, C14).

use super::{
    BEHAVIORS, CONFIRM, I18N_STR, ICON, PADDING, PLAIN, PLAIN_100, STR, VALUE, WIDTH, field,
};
use crate::enums::{
    BUTTON_SIZE, BUTTON_TYPE, CHECKER_PC_DISPLAY_RULE, CHECKER_TEXT_SIZE, FORM_ACTION,
    FORM_ACTION_TYPE, INPUT_TYPE, LABEL_POSITION, SELECT_IMG_ASPECT_RATIO, SELECT_IMG_LAYOUT,
    SELECT_TYPE, TEXT_ALIGN,
};
use crate::{Admits, ChildRule, Kind, Node, Pattern, TextChild, TextForm, Tie, Ty};

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

/// The `confirm` child of the other interactive components.
const CONFIRM_CHILD: &[ChildRule] = &[ChildRule::Part {
    tag: "confirm",
    node: "confirm",
    field: "confirm",
    many: false,
}];

/// Option values are unique within one select (reference-v2 §2.16).
const UNIQUE_OPTIONS: Tie = Tie::Unique {
    array: "options",
    key: "value",
};

/// §12 C19: `initial_option` is read as an option value, as in 1.0.
const INITIAL_OPTION: Tie = Tie::Choice {
    field: "initial_option",
    options: "options",
    key: "value",
    many: false,
};

/// `selected_values` are option values (§12 C20: strings).
const SELECTED_VALUES: Tie = Tie::Choice {
    field: "selected_values",
    options: "options",
    key: "value",
    many: true,
};

/// `button` (reference-v2 §5.1). `behaviors` is optional (§12 C1: ten official buttons omit it);
/// legacy `url`/`multi_url` are migrations, legacy `value` and `action_type` stay fields.
pub(crate) static BUTTON: Node = Node {
    tag: "button",
    kind: Kind::Interactive,
    fields: &[
        field!("text": PLAIN_100, "button text (plain_text, at most 100 characters)"),
        field!("type" = "default": Ty::Enum(&BUTTON_TYPE), "button style"),
        field!("size" = "medium": Ty::Enum(&BUTTON_SIZE), "`tiny`, `small`, `medium` or `large`"),
        field!("width" = "default": WIDTH, "`default`, `fill` or `\"<n>px\"` (at least 100)"),
        field!("icon": ICON, "icon before the text"),
        field!("hover_tips": PLAIN, "text shown on hover (PC)"),
        field!("disabled" = "false": Ty::Bool, "disables the button"),
        field!("disabled_tips": PLAIN, "text shown on a disabled button; wins over `hover_tips`"),
        field!("confirm": CONFIRM, "confirmation dialog before the behaviors run"),
        field!("behaviors": BEHAVIORS, "what a click does: `open_url` and/or `callback`"),
        field!(form "name": STR, "unique name; the button's key in callbacks (required in a form)"),
        field!(form "form_action_type": Ty::Enum(&FORM_ACTION), "in a form: `submit` or `reset`"),
        field!(form "action_type": Ty::Enum(&FORM_ACTION_TYPE), "legacy form role: `form_submit` or `form_reset`"),
        field!("value": VALUE, "legacy callback payload; prefer a `callback` behavior"),
    ],
    text_child: Some(TextChild {
        field: "text",
        form: TextForm::Object,
    }),
    children: CONFIRM_CHILD,
    doc: "a button",
    ..super::COMPONENT
};

/// `input` (reference-v2 §5.2).
pub(crate) static INPUT: Node = Node {
    tag: "input",
    kind: Kind::Interactive,
    fields: &[
        field!(form "name": STR, "unique name; the key of this field in the form callback"),
        field!(form "required" = "false": Ty::Bool, "in a form: must be filled before submitting"),
        field!("placeholder": PLAIN_100, "hint shown while empty (at most 100 characters)"),
        field!("default_value": STR, "pre-filled text"),
        field!("i18n_default_value": I18N_STR, "per-locale pre-filled text"),
        field!("disabled" = "false": Ty::Bool, "disables the input (client 7.4+)"),
        field!("disabled_tips": PLAIN, "text shown on a disabled input"),
        field!("width" = "default": WIDTH, "`default`, `fill` or `\"<n>px\"` (at least 100)"),
        field!("behaviors": BEHAVIORS, "`callback` behaviors"),
        field!("max_length" = "1000": Ty::Int { min: 1, max: 1000 }, "longest accepted text"),
        field!("input_type" = "text": Ty::Enum(&INPUT_TYPE), "`text`, `multiline_text` or `password`"),
        field!("show_icon" = "true": Ty::Bool, "password only: prefix icon"),
        field!("rows" = "5": Ty::Int { min: 1, max: i64::MAX }, "multiline_text only: rows shown"),
        field!("auto_resize" = "false": Ty::Bool, "multiline_text only: grow with the text (PC)"),
        field!("max_rows": Ty::Int { min: 1, max: i64::MAX }, "with `auto_resize`: most rows"),
        field!("label": PLAIN, "field label"),
        field!("label_position" = "top": Ty::Enum(&LABEL_POSITION), "`top` or `left`"),
        field!("value": VALUE, "legacy callback payload"),
        field!("confirm": CONFIRM, "confirmation dialog"),
        // Not in the field table; the form page's task-assign example sends it (v2-04).
        field!("fallback": Ty::Json, "shown on clients too old for the input: a `fallback_text`"),
    ],
    children: CONFIRM_CHILD,
    ties: &[Tie::MaxChars {
        field: "default_value",
        max: "max_length",
    }],
    doc: "a text input",
    ..super::COMPONENT
};

/// `overflow` (reference-v2 §5.3).
pub(crate) static OVERFLOW: Node = Node {
    tag: "overflow",
    kind: Kind::Interactive,
    fields: &[
        field!("width" = "default": WIDTH, "`default`, `fill` or `\"<n>px\"` (at least 100)"),
        field!(req "options": Ty::Array(&Ty::Object("option"), None), "the folded buttons"),
        field!("behaviors": BEHAVIORS, "`callback` behaviors"),
        field!("confirm": CONFIRM, "confirmation dialog"),
        field!("value": VALUE, "legacy callback payload"),
    ],
    children: MENU_CHILDREN,
    doc: "a folded menu of buttons",
    ..super::COMPONENT
};

/// `select_static` (reference-v2 §5.4). `behaviors` is optional (§12 C2).
pub(crate) static SELECT_STATIC: Node = Node {
    tag: "select_static",
    kind: Kind::Interactive,
    fields: &[
        field!("type" = "default": Ty::Enum(&SELECT_TYPE), "`default` (bordered) or `text`"),
        field!(form "name": STR, "unique name; the key of this field in the form callback"),
        field!(form "required" = "false": Ty::Bool, "in a form: must be chosen before submitting"),
        field!("disabled" = "false": Ty::Bool, "disables the menu (client 7.4+)"),
        field!("initial_option": STR, "value of the initially selected option"),
        field!("initial_index": Ty::Int { min: 0, max: i64::MAX }, "1-based index of the initial option (0: none)"),
        field!("placeholder": PLAIN_100, "hint shown while nothing is selected"),
        field!("width" = "default": WIDTH, "`default`, `fill` or `\"<n>px\"` (at least 100)"),
        field!("behaviors": BEHAVIORS, "`callback` behaviors"),
        field!("options": Ty::Array(&Ty::Object("option"), None), "the options"),
        field!("confirm": CONFIRM, "confirmation dialog"),
        field!("value": VALUE, "legacy callback payload"),
    ],
    children: MENU_CHILDREN,
    ties: &[
        UNIQUE_OPTIONS,
        INITIAL_OPTION,
        Tie::Index {
            field: "initial_index",
            options: "options",
        },
    ],
    doc: "a single-select menu",
    ..super::COMPONENT
};

/// `multi_select_static` (reference-v2 §5.5): form only; `required` defaults to `true`.
pub(crate) static MULTI_SELECT_STATIC: Node = Node {
    tag: "multi_select_static",
    kind: Kind::Interactive,
    fields: &[
        field!("type" = "default": Ty::Enum(&SELECT_TYPE), "`default` (bordered) or `text`"),
        field!(req form "name": STR, "unique name; the key of this field in the form callback"),
        field!(form "required" = "true": Ty::Bool, "must be chosen before submitting"),
        field!("disabled" = "false": Ty::Bool, "disables the menu"),
        field!("placeholder": PLAIN_100, "hint shown while nothing is selected"),
        field!("width" = "default": WIDTH, "`default`, `fill` or `\"<n>px\"` (at least 100)"),
        field!("behaviors": BEHAVIORS, "`callback` behaviors"),
        field!("selected_values": Ty::Array(&STR, None), "values of the initially selected options"),
        field!("options": Ty::Array(&Ty::Object("option"), None), "the options"),
        field!("confirm": CONFIRM, "confirmation dialog"),
    ],
    children: MENU_CHILDREN,
    ties: &[UNIQUE_OPTIONS, SELECTED_VALUES],
    doc: "a multi-select menu (inside a form)",
    ..super::COMPONENT
};

/// `select_person` (reference-v2 §5.6).
pub(crate) static SELECT_PERSON: Node = Node {
    tag: "select_person",
    kind: Kind::Interactive,
    fields: &[
        field!("type" = "default": Ty::Enum(&SELECT_TYPE), "`default` (bordered) or `text`"),
        field!(form "name": STR, "unique name; the key of this field in the form callback"),
        field!(form "required" = "false": Ty::Bool, "in a form: must be chosen before submitting"),
        field!("disabled" = "false": Ty::Bool, "disables the picker"),
        field!("initial_option": STR, "open_id of the initially selected user"),
        field!("placeholder": PLAIN_100, "hint shown while nobody is selected"),
        field!("width" = "default": WIDTH, "`default`, `fill` or `\"<n>px\"` (at least 100)"),
        field!("behaviors": BEHAVIORS, "`callback` behaviors"),
        field!("options": Ty::Array(&Ty::Object("option"), None), "candidate users (`value`: open_id); empty: the chat's members"),
        field!("confirm": CONFIRM, "confirmation dialog"),
    ],
    children: MENU_CHILDREN,
    ties: &[UNIQUE_OPTIONS, INITIAL_OPTION],
    doc: "a single-user picker",
    ..super::COMPONENT
};

/// `multi_select_person` (reference-v2 §5.7): form only.
pub(crate) static MULTI_SELECT_PERSON: Node = Node {
    tag: "multi_select_person",
    kind: Kind::Interactive,
    fields: &[
        field!("type" = "default": Ty::Enum(&SELECT_TYPE), "`default` (bordered) or `text`"),
        field!(req form "name": STR, "unique name; the key of this field in the form callback"),
        field!(form "required" = "false": Ty::Bool, "must be chosen before submitting"),
        field!("disabled" = "false": Ty::Bool, "disables the picker"),
        field!("placeholder": PLAIN_100, "hint shown while nobody is selected"),
        field!("width" = "default": WIDTH, "`default`, `fill` or `\"<n>px\"` (at least 100)"),
        field!("behaviors": BEHAVIORS, "`callback` behaviors"),
        field!("selected_values": Ty::Array(&STR, None), "open_ids of the initially selected users"),
        field!("options": Ty::Array(&Ty::Object("option"), None), "candidate users (`value`: open_id)"),
        field!("confirm": CONFIRM, "confirmation dialog"),
    ],
    children: MENU_CHILDREN,
    ties: &[UNIQUE_OPTIONS, SELECTED_VALUES],
    doc: "a multi-user picker (inside a form)",
    ..super::COMPONENT
};

/// Builds a date/time picker row: they differ only in tag and initial-value field (§5.8-§5.10).
macro_rules! picker {
    ($tag:literal, $initial:literal, $pattern:expr, $initial_doc:literal, $doc:literal) => {
        Node {
            tag: $tag,
            kind: Kind::Interactive,
            fields: &[
                field!(form "name": STR, "unique name; the key of this field in the form callback"),
                field!(form "required" = "false": Ty::Bool, "in a form: must be set before submitting"),
                field!("disabled" = "false": Ty::Bool, "disables the picker (client 7.4+)"),
                field!("width" = "default": WIDTH, "`default`, `fill` or `\"<n>px\"` (at least 100)"),
                field!("placeholder": PLAIN_100, "hint shown while empty"),
                field!($initial: Ty::Pattern($pattern), $initial_doc),
                field!("behaviors": BEHAVIORS, "`callback` behaviors"),
                // §12 C3: the table marks `value` required, DTP calls it historical and every
                // demo omits it: optional.
                field!("value": VALUE, "legacy callback payload"),
                field!("confirm": CONFIRM, "confirmation dialog"),
            ],
            children: CONFIRM_CHILD,
            doc: $doc,
            ..super::COMPONENT
        }
    };
}

/// `date_picker` (reference-v2 §5.8).
pub(crate) static DATE_PICKER: Node = picker!(
    "date_picker",
    "initial_date",
    Pattern::Date,
    "initial date, `yyyy-MM-dd`",
    "a date picker"
);
/// `picker_time` (reference-v2 §5.9).
pub(crate) static PICKER_TIME: Node = picker!(
    "picker_time",
    "initial_time",
    Pattern::Time,
    "initial time, `HH:mm`",
    "a time picker"
);
/// `picker_datetime` (reference-v2 §5.10).
pub(crate) static PICKER_DATETIME: Node = picker!(
    "picker_datetime",
    "initial_datetime",
    Pattern::DateTime,
    "initial date and time, `yyyy-MM-dd HH:mm`",
    "a date and time picker"
);

/// `checker` (reference-v2 §5.11, client 7.9+).
pub(crate) static CHECKER: Node = Node {
    tag: "checker",
    kind: Kind::Interactive,
    fields: &[
        field!(form "name": STR, "unique name; the key of this field in the form callback"),
        field!(form "required" = "false": Ty::Bool, "in a form: must be ticked before submitting"),
        field!("checked" = "false": Ty::Bool, "initially ticked"),
        field!("text": Ty::Object("checker.text"), "the text beside the box"),
        field!("overall_checkable" = "true": Ty::Bool, "hover shadow on the whole row"),
        field!("button_area": Ty::Object("checker.button_area"), "buttons on the row"),
        field!("checked_style": Ty::Object("checker.checked_style"), "look when ticked"),
        field!("padding" = "0px": PADDING, "inner padding, 1, 2 or 4 values in [0,99]px"),
        field!("confirm": CONFIRM, "confirmation dialog before the behaviors run"),
        field!("behaviors": BEHAVIORS, "`callback` behaviors (without them ticking stays local)"),
        field!("hover_tips": PLAIN, "text shown on hover (PC)"),
        field!("disabled" = "false": Ty::Bool, "disables the checker"),
        field!("disabled_tips": PLAIN, "text shown on a disabled checker"),
    ],
    children: CONFIRM_CHILD,
    doc: "a tickable row (to-do item)",
    ..super::COMPONENT
};

/// `checker.text`: a text object with a restricted size set (reference-v2 §5.11).
pub(crate) static CHECKER_TEXT: Node = Node {
    tag: "checker.text",
    kind: Kind::Part,
    fields: &[
        field!(req "tag": Ty::Enum(&crate::enums::TEXT_KIND), "`plain_text` or `lark_md`"),
        field!(req "content": STR, "the text"),
        field!("i18n_content": I18N_STR, "per-locale text"),
        field!("text_size" = "normal": Ty::Enum(&CHECKER_TEXT_SIZE), "`normal`, `heading` or `notation`"),
        field!("text_color" = "default": super::COLOR, "`default` or a colour (plain_text only)"),
        field!("text_align" = "left": Ty::Enum(&TEXT_ALIGN), "text alignment"),
    ],
    doc: "the text of a checker",
    ..super::PART
};

/// `checker.button_area` (reference-v2 §5.11).
pub(crate) static CHECKER_BUTTON_AREA: Node = Node {
    tag: "checker.button_area",
    kind: Kind::Part,
    fields: &[
        field!("pc_display_rule" = "always": Ty::Enum(&CHECKER_PC_DISPLAY_RULE), "on desktop: always shown or on hover"),
        field!("buttons": Ty::Array(&Ty::Component(Admits::Only(&["button"])), Some(3)), "at most 3 buttons"),
    ],
    doc: "buttons of a checker row",
    ..super::PART
};

/// `checker.checked_style` (reference-v2 §5.11).
pub(crate) static CHECKER_CHECKED_STYLE: Node = Node {
    tag: "checker.checked_style",
    kind: Kind::Part,
    fields: &[
        field!("show_strikethrough" = "false": Ty::Bool, "strike the text through when ticked"),
        field!("opacity" = "1": Ty::Number, "opacity of a ticked row, 0 to 1"),
    ],
    doc: "look of a ticked checker",
    ..super::PART
};

/// `select_img` (reference-v2 §5.12, JSON only).
pub(crate) static SELECT_IMG: Node = Node {
    tag: "select_img",
    kind: Kind::Interactive,
    fields: &[
        field!(form "multi_select" = "false": Ty::Bool, "several images may be picked (in a form only)"),
        field!("layout" = "bisect": Ty::Enum(&SELECT_IMG_LAYOUT), "`stretch`, `bisect` or `trisect`"),
        field!(form "name": STR, "unique name; the key of this field in the form callback"),
        field!(form "required" = "false": Ty::Bool, "in a form: must be picked before submitting"),
        field!("can_preview" = "true": Ty::Bool, "click enlarges (in a form)"),
        field!("aspect_ratio" = "16:9": Ty::Enum(&SELECT_IMG_ASPECT_RATIO), "`1:1`, `16:9` or `4:3`"),
        field!("disabled" = "false": Ty::Bool, "disables the picker"),
        field!("disabled_tips": PLAIN, "text shown on a disabled picker"),
        field!("value": VALUE, "legacy callback payload"),
        field!(req "options": Ty::Array(&Ty::Object("select_img.option"), None), "the images"),
        field!("behaviors": BEHAVIORS, "`callback` behaviors"),
        field!("confirm": CONFIRM, "confirmation dialog"),
    ],
    children: &[
        ChildRule::Part {
            tag: "option",
            node: "select_img.option",
            field: "options",
            many: true,
        },
        ChildRule::Part {
            tag: "confirm",
            node: "confirm",
            field: "confirm",
            many: false,
        },
    ],
    ties: &[UNIQUE_OPTIONS],
    doc: "an image picker",
    ..super::COMPONENT
};

/// An image of a `select_img` (reference-v2 §2.16).
pub(crate) static SELECT_IMG_OPTION: Node = Node {
    tag: "select_img.option",
    kind: Kind::Part,
    fields: &[
        field!(req "img_key": STR, "image key from the upload image API"),
        field!("i18n_img_key": I18N_STR, "per-locale image keys"),
        field!("value": STR, "value sent back on selection"),
        field!("disabled" = "false": Ty::Bool, "not selectable"),
        field!("disabled_tips": PLAIN, "tooltip while disabled"),
        field!("hover_tips": PLAIN, "tooltip on hover"),
    ],
    ties: &[super::IMG_KEY],
    doc: "one image of a select_img",
    ..super::PART
};
