//! What [`crate::validate`] returns: findings with their JSON paths, split into errors and
//! warnings.

/// One problem found in a card.
///
/// ```
/// let finding = card_schema::Finding {
///     path: "$.elements[0]".into(),
///     message: "oops".into(),
///     rule: card_schema::Rule::Type,
/// };
/// assert_eq!(finding.to_string(), "$.elements[0]: oops");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// JSON path of the offending value, e.g. `$.elements[1].actions[0].text`.
    pub path: String,
    /// What is wrong and what is allowed, lowercase, no trailing period.
    pub message: String,
    /// The rule broken; its [`crate::Rule::severity`] put the finding among errors or warnings.
    pub rule: crate::Rule,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// The result of [`crate::validate`]: errors Feishu rejects, warnings it silently ignores.
///
/// ```
/// let report = card_schema::validate(&serde_json::json!({"elements": [{"tag": "hr"}]}));
/// assert!(report.is_ok() && report.warnings.is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// What Feishu rejects (the send fails).
    pub errors: Vec<Finding>,
    /// What Feishu ignores but is almost surely a mistake (e.g. an unknown 1.0 field).
    pub warnings: Vec<Finding>,
}

impl Report {
    /// `true` when there are no errors (warnings allowed).
    ///
    /// ```
    /// assert!(card_schema::Report::default().is_ok());
    /// ```
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }
}
