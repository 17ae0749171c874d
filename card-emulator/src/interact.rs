//! What a user can do to a card, as a test writes it: click a button or a container, type into
//! an input, pick an option, a person or a date, tick a checker, or fill and submit a form;
//! and one such interaction on one message ([`Click`]), as the Rust API and the HTTP route
//! take it.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::callback::Generation;

/// One interaction: on which message, what the user does, by whom, in which timezone.
///
/// ```
/// use card_emulator::{Button, Click, Submit, Target};
/// let click = Click::new("om_1", Button::Index(0)).operator("ou_approver");
/// let typed = Click::input("om_1", Target::name("reason"), "hotfix");
/// let submitted = Click::submit("om_1", Submit::new().field("reason", "hotfix"));
/// # let _ = (click, typed, submitted);
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "ClickRequest")]
#[must_use]
pub struct Click {
    pub(crate) message_id: String,
    pub(crate) action: Action,
    pub(crate) open_id: Option<String>,
    pub(crate) generation: Option<Generation>,
    pub(crate) timezone: Timezone,
}

/// The HTTP body of `POST /_emulator/click`: `button` (the original form) or `action`.
#[derive(Deserialize)]
struct ClickRequest {
    message_id: String,
    #[serde(default)]
    button: Option<Button>,
    #[serde(default)]
    action: Option<Action>,
    #[serde(default)]
    open_id: Option<String>,
    #[serde(default)]
    generation: Option<Generation>,
    #[serde(default)]
    timezone: Option<Timezone>,
}

impl TryFrom<ClickRequest> for Click {
    type Error = &'static str;

    fn try_from(request: ClickRequest) -> Result<Self, Self::Error> {
        let action = match (request.button, request.action) {
            (Some(button), None) => Action::Button(button),
            (None, Some(action)) => action,
            _ => return Err("give exactly one of `button` and `action`"),
        };
        Ok(Self {
            message_id: request.message_id,
            action,
            open_id: request.open_id,
            generation: request.generation,
            timezone: request.timezone.unwrap_or_default(),
        })
    }
}

impl Click {
    /// Clicks `button` on the card of `message_id`.
    ///
    /// ```
    /// # use card_emulator::{Button, Click};
    /// let click = Click::new("om_1", Button::Value(serde_json::json!("approve")));
    /// ```
    pub fn new(message_id: impl Into<String>, button: Button) -> Self {
        Self::on(message_id, Action::Button(button))
    }

    /// Does `action` on the card of `message_id`.
    ///
    /// ```
    /// # use card_emulator::{Action, Click, Target};
    /// let click = Click::on("om_1", Action::Container(Target::element_id("row_1")));
    /// ```
    pub fn on(message_id: impl Into<String>, action: Action) -> Self {
        Self {
            message_id: message_id.into(),
            action,
            open_id: None,
            generation: None,
            timezone: Timezone::default(),
        }
    }

    /// Types `text` into a standalone `input` and confirms it.
    ///
    /// ```
    /// # use card_emulator::{Click, Target};
    /// let click = Click::input("om_1", Target::name("comment"), "looks good");
    /// ```
    pub fn input(message_id: impl Into<String>, target: Target, text: impl Into<String>) -> Self {
        let text = text.into();
        Self::on(message_id, Action::Input { target, text })
    }

    /// Picks an option (`value`, or an `open_id` for a person select) in a standalone
    /// `select_static`, `select_person` or single `select_img`.
    ///
    /// ```
    /// # use card_emulator::{Click, Target};
    /// let click = Click::select("om_1", Target::index(0), "prod");
    /// ```
    pub fn select(
        message_id: impl Into<String>,
        target: Target,
        option: impl Into<String>,
    ) -> Self {
        let option = option.into();
        Self::on(message_id, Action::Select { target, option })
    }

    /// Picks an option of an `overflow` menu by its `value`.
    ///
    /// ```
    /// # use card_emulator::{Click, Target};
    /// let click = Click::overflow("om_1", Target::index(0), "archive");
    /// ```
    pub fn overflow(
        message_id: impl Into<String>,
        target: Target,
        option: impl Into<String>,
    ) -> Self {
        let option = option.into();
        Self::on(message_id, Action::Overflow { target, option })
    }

    /// Picks a date (`yyyy-MM-dd`), time (`HH:mm`) or both in a standalone picker.
    ///
    /// ```
    /// # use card_emulator::{Click, Target};
    /// let click = Click::pick("om_1", Target::name("day"), "2026-12-03");
    /// ```
    pub fn pick(message_id: impl Into<String>, target: Target, value: impl Into<String>) -> Self {
        let value = value.into();
        Self::on(message_id, Action::Pick { target, value })
    }

    /// Ticks or unticks a standalone `checker`.
    ///
    /// ```
    /// # use card_emulator::{Click, Target};
    /// let click = Click::check("om_1", Target::element_id("task_1"), true);
    /// ```
    pub fn check(message_id: impl Into<String>, target: Target, checked: bool) -> Self {
        Self::on(message_id, Action::Check { target, checked })
    }

    /// Clicks an `interactive_container`.
    ///
    /// ```
    /// # use card_emulator::{Click, Target};
    /// let click = Click::container("om_1", Target::index(0));
    /// ```
    pub fn container(message_id: impl Into<String>, target: Target) -> Self {
        Self::on(message_id, Action::Container(target))
    }

    /// Fills a form and submits it.
    ///
    /// ```
    /// # use card_emulator::{Click, Submit};
    /// let click = Click::submit("om_1", Submit::new().field("reason", "hotfix").field("env", "prod"));
    /// ```
    pub fn submit(message_id: impl Into<String>, submit: Submit) -> Self {
        Self::on(message_id, Action::Submit(submit))
    }

    /// Who clicks. Default: the recipient when the card was sent to an `open_id`, else
    /// `ou_emulator_user`.
    ///
    /// ```
    /// # use card_emulator::{Button, Click};
    /// let click = Click::new("om_1", Button::Index(0)).operator("ou_2");
    /// ```
    pub fn operator(mut self, open_id: impl Into<String>) -> Self {
        self.open_id = Some(open_id.into());
        self
    }

    /// Calls back with this generation instead of the app's default.
    ///
    /// ```
    /// # use card_emulator::{Button, Click, Generation};
    /// let click = Click::new("om_1", Button::Index(0)).generation(Generation::Legacy);
    /// ```
    pub fn generation(mut self, generation: impl Into<Generation>) -> Self {
        self.generation = Some(generation.into());
        self
    }

    /// The user's timezone (default `Asia/Shanghai`, `+0800`).
    ///
    /// ```
    /// # use card_emulator::{Click, Target, Timezone};
    /// let click = Click::pick("om_1", Target::index(0), "09:30").timezone(Timezone::new("UTC", "+0000"));
    /// ```
    pub fn timezone(mut self, timezone: Timezone) -> Self {
        self.timezone = timezone;
        self
    }
}

/// Which button to click on a recorded card.
///
/// ```
/// use card_emulator::Button;
/// let by_value = Button::Value(serde_json::json!({"button_id": "b1"}));
/// let first = Button::Index(0);
/// let by_id = Button::ElementId("approve_btn".into());
/// # let _ = (by_value, first, by_id);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Button {
    /// The button whose callback value (`behaviors[callback].value`, or the 1.0 `value`)
    /// equals this.
    Value(Value),
    /// The n-th button of the card (0-based, document order; for `i18n_elements`, within the
    /// locale whose key sorts first, e.g. `en_us` before `zh_cn`).
    Index(usize),
    /// The button whose 2.0 `element_id` is this.
    ElementId(String),
    /// The button whose `name` is this (form buttons have one).
    Name(String),
}

/// Which component an action is aimed at.
///
/// ```
/// use card_emulator::Target;
/// let reason = Target::name("reason");
/// let panel = Target::element_id("panel_1");
/// let first = Target::index(0);
/// # let _ = (reason, panel, first);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// The component whose `name` is this.
    Name(String),
    /// The component whose 2.0 `element_id` is this.
    ElementId(String),
    /// The n-th component (0-based, document order) of the kinds the action applies to.
    Index(usize),
}

impl Target {
    /// The component named `name`.
    ///
    /// ```
    /// assert_eq!(card_emulator::Target::name("env"), card_emulator::Target::Name("env".into()));
    /// ```
    pub fn name(name: impl Into<String>) -> Self {
        Self::Name(name.into())
    }

    /// The component whose `element_id` is `id`.
    ///
    /// ```
    /// let target = card_emulator::Target::element_id("box_1");
    /// # let _ = target;
    /// ```
    pub fn element_id(id: impl Into<String>) -> Self {
        Self::ElementId(id.into())
    }

    /// The n-th component of the action's kinds.
    ///
    /// ```
    /// let target = card_emulator::Target::index(1);
    /// # let _ = target;
    /// ```
    pub fn index(index: usize) -> Self {
        Self::Index(index)
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Name(name) => write!(f, "named `{name}`"),
            Self::ElementId(id) => write!(f, "with element_id `{id}`"),
            Self::Index(index) => write!(f, "at index {index}"),
        }
    }
}

/// What the user does. Outside a form each component calls back on its own; inside a form
/// only the submit button does, with every field's value ([`Action::Submit`]).
///
/// ```
/// use card_emulator::{Action, Submit, Target};
/// let typed = Action::Input { target: Target::name("reason"), text: "hotfix".into() };
/// let submitted = Action::Submit(Submit::new().field("reason", "hotfix"));
/// # let _ = (typed, submitted);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Action {
    /// Clicks a button. A form's submit button submits the form with its initial values.
    Button(Button),
    /// Clicks an `interactive_container` that has a callback behavior.
    Container(Target),
    /// Types `text` into an `input` and confirms it (`input_value`).
    Input {
        /// Which input.
        target: Target,
        /// What the user typed.
        text: String,
    },
    /// Picks `option` in a `select_static` (an option `value`), a `select_person` (an
    /// `open_id`) or a single `select_img` (an option `value`).
    Select {
        /// Which select.
        target: Target,
        /// The option's value.
        option: String,
    },
    /// Picks the option whose `value` is `option` in an `overflow` menu.
    Overflow {
        /// Which overflow menu.
        target: Target,
        /// The option's value.
        option: String,
    },
    /// Picks a date (`yyyy-MM-dd`), a time (`HH:mm`) or both (`yyyy-MM-dd HH:mm`) in a
    /// `date_picker`, `picker_time` or `picker_datetime`; the click's timezone offset is added
    /// as Feishu does (`"2024-04-01 +0800"`).
    Pick {
        /// Which picker.
        target: Target,
        /// The date and/or time, without offset.
        value: String,
    },
    /// Ticks (`true`) or unticks a `checker` that has a callback behavior.
    Check {
        /// Which checker.
        target: Target,
        /// The new state.
        checked: bool,
    },
    /// Fills a form and clicks its submit button.
    Submit(Submit),
}

/// A form as the user fills it: the values typed and picked, by component `name`. Fields not
/// given keep their initial values (`default_value`, `initial_option`, `selected_values`,
/// `initial_date`, `checked`, …).
///
/// Values: a string for inputs, selects, person selects and pickers (date/time without the
/// offset), an array of strings for multi-selects, a bool for checkers.
///
/// ```
/// use card_emulator::Submit;
/// let submit = Submit::new()
///     .form("deploy")
///     .field("reason", "hotfix for the login page")
///     .field("env", "prod")
///     .field("regions", ["eu", "us"].as_slice())
///     .field("day", "2026-12-03")
///     .field("agree", true);
/// # let _ = submit;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[must_use]
pub struct Submit {
    #[serde(default)]
    pub(crate) form: Option<String>,
    #[serde(default)]
    pub(crate) button: Option<String>,
    #[serde(default)]
    pub(crate) fields: Map<String, Value>,
}

impl Submit {
    /// Submits the card's only form with its first submit button.
    ///
    /// ```
    /// let submit = card_emulator::Submit::new();
    /// # let _ = submit;
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// The form's `name` (needed when the card has several forms).
    ///
    /// ```
    /// let submit = card_emulator::Submit::new().form("Form_lq544v6q");
    /// # let _ = submit;
    /// ```
    pub fn form(mut self, name: impl Into<String>) -> Self {
        self.form = Some(name.into());
        self
    }

    /// The submit button's `name` (default: the form's first submit button).
    ///
    /// ```
    /// let submit = card_emulator::Submit::new().button("Button_lq544v6r");
    /// # let _ = submit;
    /// ```
    pub fn button(mut self, name: impl Into<String>) -> Self {
        self.button = Some(name.into());
        self
    }

    /// The value the user gives the field named `name`.
    ///
    /// ```
    /// let submit = card_emulator::Submit::new().field("reason", "typo fix");
    /// # let _ = submit;
    /// ```
    pub fn field(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.fields.insert(name.into(), value.into());
        self
    }
}

/// The user's timezone: its IANA name goes in `action.timezone`, its UTC offset after picked
/// dates and times. Default: `Asia/Shanghai`, `+0800`, as in the documented callbacks.
///
/// ```
/// use card_emulator::Timezone;
/// let berlin = Timezone::new("Europe/Berlin", "+0100");
/// assert_eq!(Timezone::default().offset(), "+0800");
/// # let _ = berlin;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Timezone {
    name: String,
    offset: String,
}

impl Timezone {
    /// A zone name and its offset (`+HHMM` or `-HHMM`); a malformed offset is refused when
    /// the click is played.
    ///
    /// ```
    /// let utc = card_emulator::Timezone::new("UTC", "+0000");
    /// # let _ = utc;
    /// ```
    pub fn new(name: impl Into<String>, offset: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            offset: offset.into(),
        }
    }

    /// The IANA name.
    ///
    /// ```
    /// assert_eq!(card_emulator::Timezone::default().name(), "Asia/Shanghai");
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The UTC offset as Feishu prints it.
    ///
    /// ```
    /// assert_eq!(card_emulator::Timezone::new("UTC", "+0000").offset(), "+0000");
    /// ```
    pub fn offset(&self) -> &str {
        &self.offset
    }

    /// Whether the offset reads `±HHMM` with hours ≤ 14 and minutes < 60.
    pub(crate) fn is_valid(&self) -> bool {
        let bytes = self.offset.as_bytes();
        bytes.len() == 5
            && matches!(bytes[0], b'+' | b'-')
            && bytes[1..].iter().all(u8::is_ascii_digit)
            && number(&self.offset[1..3]) <= 14
            && number(&self.offset[3..5]) < 60
    }
}

impl Default for Timezone {
    fn default() -> Self {
        Self::new("Asia/Shanghai", "+0800")
    }
}

/// The value of a string of ASCII digits (the callers check the digits).
pub(crate) fn number(digits: &str) -> u32 {
    digits
        .bytes()
        .fold(0, |n, d| n * 10 + u32::from(d.wrapping_sub(b'0')))
}
