//! What one card JSON version writes that the other does not have ([`Migration`], [`mix_up`]),
//! and card-level settings a component needs ([`CardNeed`]): worded once for `card!` and
//! [`crate::validate`].

use crate::{Rule, Version, Violation, spec};

/// Something the other card JSON version has and this one does not (a component tag or a
/// field), with what to write instead. [`crate::validate`] and `card!` word it alike through
/// [`Migration::violation`].
///
/// ```
/// use card_schema::{Version, migration};
/// let action = migration(Version::V2, "action", None).unwrap();
/// assert_eq!(
///     action.violation(Version::V2).message,
///     "`action` does not exist in card JSON 2.0: put the buttons in the body, in a `column_set` for a row"
/// );
/// ```
#[derive(Debug)]
pub struct Migration {
    /// The component tag, or the node holding the field (`card`, `button`, ...).
    pub node: &'static str,
    /// The field, or `None` for the whole component.
    pub field: Option<&'static str>,
    /// What to write instead.
    pub fix: &'static str,
    /// [`Rule::WrongVersion`] where Feishu refuses it, [`Rule::OtherVersion`] where 1.0 ignores
    /// it, [`Rule::Legacy`] where official examples of the version still send it.
    pub rule: Rule,
}

impl Migration {
    /// The violation, worded once: what does not exist in `version` and what to write instead.
    ///
    /// ```
    /// use card_schema::{Rule, Version, migration};
    /// let url = migration(Version::V2, "button", Some("url")).unwrap().violation(Version::V2);
    /// assert_eq!(url.rule, Rule::Legacy);
    /// assert!(url.message.starts_with("`url` on `button` is a card JSON 1.0 field"));
    /// ```
    pub fn violation(&self, version: Version) -> Violation {
        let thing = match self.field {
            Some(field) => format!("`{field}` on `{}`", self.node),
            None => format!("`{}`", self.node),
        };
        let other = Version::ALL
            .into_iter()
            .find(|v| *v != version)
            .unwrap_or(version);
        let message = match self.rule {
            Rule::Legacy => format!(
                "{thing} is a card JSON {} field that card JSON {} only keeps for old cards: {}",
                other.schema(),
                version.schema(),
                self.fix
            ),
            _ => format!(
                "{thing} does not exist in card JSON {}: {}",
                version.schema(),
                self.fix
            ),
        };
        Violation {
            rule: self.rule,
            at: Vec::new(),
            message,
        }
    }
}

/// The [`Migration`] for component `node` (with `field: None`) or for `field` of `node`, in the
/// tables of `version`.
///
/// ```
/// use card_schema::{Version, migration};
/// assert!(migration(Version::V2, "markdown", Some("href")).is_some());
/// assert!(migration(Version::V1, "markdown", Some("href")).is_none());
/// ```
pub fn migration(version: Version, node: &str, field: Option<&str>) -> Option<&'static Migration> {
    spec(version)
        .migrations
        .iter()
        .find(|row| row.node == node && row.field == field)
}

/// What `version` says about a component `node` (with `field: None`) or a `field` of it that
/// only the other card JSON version has: the spec's [`Migration`] when there is one, else that
/// the thing exists only in the other version. `None` when the other version does not have it
/// either (a plain unknown tag or field). One wording for `card!` and [`crate::validate`].
///
/// ```
/// use card_schema::{Rule, Version, mix_up};
/// let note = mix_up(Version::V2, "note", None).unwrap();
/// assert_eq!(note.rule, Rule::WrongVersion);
/// assert!(note.message.starts_with("`note` does not exist in card JSON 2.0: write a `div`"));
/// let element_id = mix_up(Version::V1, "button", Some("element_id")).unwrap();
/// assert_eq!(element_id.rule, Rule::UnknownField);
/// assert_eq!(
///     element_id.message,
///     "`element_id` on `button` exists only in card JSON 2.0; add `\"schema\": \"2.0\"` to the card to use it"
/// );
/// let audio = mix_up(Version::V1, "audio", None).unwrap();
/// assert_eq!((audio.rule, audio.message.as_str()), (Rule::WrongVersion, "`audio` exists only in card JSON 2.0; add `\"schema\": \"2.0\"` to the card to use it"));
/// assert!(mix_up(Version::V2, "buton", None).is_none());
/// ```
pub fn mix_up(version: Version, node: &str, field: Option<&str>) -> Option<Violation> {
    if let Some(row) = migration(version, node, field) {
        return Some(row.violation(version));
    }
    let other = version.other();
    let there = crate::node(other, node)?;
    let (exists, rule, thing) = match field {
        Some(field) => (
            crate::node(version, node).is_some() && there.json_field(field).is_some(),
            Rule::UnknownField,
            format!("`{field}` on `{node}`"),
        ),
        None => (
            there.is_component(),
            Rule::WrongVersion,
            format!("`{node}`"),
        ),
    };
    let fix = match other {
        Version::V2 => "add `\"schema\": \"2.0\"` to the card to use it".to_owned(),
        Version::V1 => format!("card JSON {} does not have it", version.schema()),
    };
    exists.then(|| Violation {
        rule,
        at: Vec::new(),
        message: format!("{thing} exists only in card JSON {}; {fix}", other.schema()),
    })
}

/// A card-level setting a component needs: a card holding `tag` must have `value` at `path`.
///
/// ```
/// let need = &card_schema::spec(card_schema::Version::V2).card_needs[0];
/// assert_eq!((need.tag, need.path, need.value), ("audio", &["config", "enable_forward"][..], false));
/// ```
#[derive(Debug)]
pub struct CardNeed {
    /// The component.
    pub tag: &'static str,
    /// Where the setting is, from the card root.
    pub path: &'static [&'static str],
    /// The value it must have.
    pub value: bool,
    /// The rule broken.
    pub rule: Rule,
}

impl CardNeed {
    /// The violation when a card holding the component lacks the setting, worded once.
    ///
    /// ```
    /// let need = &card_schema::spec(card_schema::Version::V2).card_needs[0];
    /// assert_eq!(
    ///     need.violation().message,
    ///     "a card with `audio` must set `config.enable_forward` to `false`"
    /// );
    /// ```
    pub fn violation(&self) -> Violation {
        Violation {
            rule: self.rule,
            at: Vec::new(),
            message: format!(
                "a card with `{}` must set `{}` to `{}`",
                self.tag,
                self.path.join("."),
                self.value
            ),
        }
    }

    /// Whether `card` has the setting.
    ///
    /// ```
    /// let need = &card_schema::spec(card_schema::Version::V2).card_needs[0];
    /// assert!(need.met(&serde_json::json!({"config": {"enable_forward": false}})));
    /// assert!(!need.met(&serde_json::json!({})));
    /// ```
    pub fn met(&self, card: &serde_json::Value) -> bool {
        self.path
            .iter()
            .try_fold(card, |value, key| value.get(key))
            .is_some_and(|value| value == &serde_json::Value::Bool(self.value))
    }
}
