//! The one checker of rules that span a card: component names seen, components counted per
//! element tree ([`Counter`]s), and whether each open `form` has its submit button. `card!` and
//! [`crate::validate`] both keep one [`Tally`]; each tells it where an element stands in its own
//! terms (a JSON path, the `if`/`match` arms it is written in).

use crate::{Rule, Violation};

/// A per-card limit on one component, counted per element tree (`elements`, or each locale of
/// `i18n_elements`, which Feishu shows on its own).
///
/// ```
/// let tables = card_schema::spec(card_schema::Version::V1).counters.iter().find(|c| c.tag == "table").unwrap();
/// assert_eq!(tables.max, card_schema::MAX_TABLES);
/// ```
#[derive(Debug)]
pub struct Counter {
    /// The component counted.
    pub tag: &'static str,
    /// How many one tree may hold.
    pub max: usize,
    /// The rule the next one breaks (its severity says whether Feishu refuses it).
    pub rule: Rule,
}

/// The rules that span a card, each reported once and worded here.
///
/// `P` is where an element stands, as the caller knows it: `validate` a JSON path, the macro
/// the arms of control flow around it (two arms of one `if` are never both built).
///
/// ```
/// use card_schema::{Rule, Tally, Version, spec};
/// let mut tally: Tally<&str> = Tally::new(spec(Version::V1).counters);
/// assert!(tally.name(None, "ok", "$.a", |_, _| false).is_none());
/// let clash = tally.name(None, "ok", "$.b", |_, _| false).unwrap();
/// assert_eq!(clash.rule, Rule::DuplicateName);
/// assert!(tally.name(Some("en_us"), "ok", "$.c", |_, _| false).is_none());
/// tally.open_form();
/// assert_eq!(tally.close_form().unwrap().rule, Rule::FormSubmit);
/// ```
#[derive(Debug)]
pub struct Tally<P> {
    counters: &'static [Counter],
    /// Names seen: the tree, the name and where it was first written.
    names: Vec<(Option<String>, String, P)>,
    /// Counts per tree and counted tag.
    counts: Vec<(Option<String>, &'static str, usize)>,
    /// One entry per open form: whether a submit button has been seen in it.
    forms: Vec<bool>,
    /// Every component tag seen, once each.
    seen: Vec<String>,
    /// Tagged objects (components and elements) counted.
    tagged: usize,
    /// `element_id`s seen, with where each was first written.
    ids: Vec<(String, P)>,
}

impl<P> Tally<P> {
    /// An empty tally that counts by `counters`.
    ///
    /// ```
    /// let tally: card_schema::Tally<()> = card_schema::Tally::new(card_schema::spec(card_schema::Version::V1).counters);
    /// # let _ = tally;
    /// ```
    pub fn new(counters: &'static [Counter]) -> Self {
        Self {
            counters,
            names: Vec::new(),
            counts: Vec::new(),
            forms: Vec::new(),
            seen: Vec::new(),
            tagged: 0,
            ids: Vec::new(),
        }
    }

    /// A component `name` written at `place` in tree `tree` (`None`: `elements`, else the
    /// locale). Names are unique per tree, except where `apart(first, place)` says the two can
    /// never both be built.
    ///
    /// ```
    /// let mut tally: card_schema::Tally<u8> = card_schema::Tally::new(&[]);
    /// assert!(tally.name(None, "x", 0, |_, _| true).is_none());
    /// assert!(tally.name(None, "x", 1, |_, _| true).is_none());
    /// ```
    pub fn name(
        &mut self,
        tree: Option<&str>,
        name: &str,
        place: P,
        apart: impl Fn(&P, &P) -> bool,
    ) -> Option<Violation> {
        let clash = self
            .names
            .iter()
            .any(|(t, n, first)| t.as_deref() == tree && n == name && !apart(first, &place));
        if clash {
            return Some(Violation {
                rule: Rule::DuplicateName,
                at: Vec::new(),
                message: format!("duplicate `name` `{name}`; names must be unique within the card"),
            });
        }
        self.names
            .push((tree.map(str::to_owned), name.to_owned(), place));
        None
    }

    /// The first place `name` was written in `tree`, for a message pointing back at it.
    ///
    /// ```
    /// let mut tally = card_schema::Tally::new(&[]);
    /// let _ = tally.name(None, "x", "$.a", |_, _| false);
    /// assert_eq!(tally.first_use(None, "x"), Some(&"$.a"));
    /// ```
    pub fn first_use(&self, tree: Option<&str>, name: &str) -> Option<&P> {
        self.names
            .iter()
            .find(|(t, n, _)| t.as_deref() == tree && n == name)
            .map(|(_, _, place)| place)
    }

    /// A component `tag` in tree `tree`; the one past a [`Counter`]'s maximum breaks its rule.
    ///
    /// ```
    /// let mut tally: card_schema::Tally<()> = card_schema::Tally::new(card_schema::spec(card_schema::Version::V1).counters);
    /// let found: Vec<_> = (0..6).filter_map(|_| tally.count(None, "table")).collect();
    /// assert_eq!(found[0].message, "a card holds at most 5 tables; this is table 6");
    /// ```
    pub fn count(&mut self, tree: Option<&str>, tag: &str) -> Option<Violation> {
        if !self.seen.iter().any(|seen| seen == tag) {
            self.seen.push(tag.to_owned());
        }
        let counter = self.counters.iter().find(|c| c.tag == tag)?;
        let count = match self
            .counts
            .iter_mut()
            .find(|(t, c, _)| t.as_deref() == tree && *c == counter.tag)
        {
            Some((_, _, count)) => {
                *count += 1;
                *count
            }
            None => {
                self.counts.push((tree.map(str::to_owned), counter.tag, 1));
                1
            }
        };
        (count == counter.max + 1).then(|| {
            let per = if tree.is_some() { " per locale" } else { "" };
            Violation {
                rule: counter.rule,
                at: Vec::new(),
                message: match counter.rule.severity() {
                    crate::Severity::Error => format!(
                        "a card holds at most {} {}s{per}; this is {} {count}",
                        counter.max, counter.tag, counter.tag
                    ),
                    crate::Severity::Warning => format!(
                        "more than {} {}s in a card{per} are not recommended",
                        counter.max, counter.tag
                    ),
                },
            }
        })
    }

    /// One more tagged object (a component or an element such as `plain_text`); the one past
    /// `max` breaks [`Rule::TooManyTagged`].
    ///
    /// ```
    /// let mut tally: card_schema::Tally<()> = card_schema::Tally::new(&[]);
    /// assert!(tally.tagged(Some(1)).is_none());
    /// let found = tally.tagged(Some(1)).unwrap();
    /// assert_eq!(found.message, "a card holds at most 1 components and elements (objects with a `tag`); this is number 2");
    /// assert!(tally.tagged(Some(1)).is_none());
    /// ```
    pub fn tagged(&mut self, max: Option<usize>) -> Option<Violation> {
        self.tagged += 1;
        let max = max?;
        (self.tagged == max + 1).then(|| Violation {
            rule: Rule::TooManyTagged,
            at: Vec::new(),
            message: format!(
                "a card holds at most {max} components and elements (objects with a `tag`); \
                 this is number {}",
                self.tagged
            ),
        })
    }

    /// An `element_id` written at `place`; ids are unique per card ([`Rule::DuplicateElementId`]).
    ///
    /// ```
    /// let mut tally = card_schema::Tally::new(&[]);
    /// assert!(tally.element_id("title", "$.a").is_none());
    /// let clash = tally.element_id("title", "$.b").unwrap();
    /// assert_eq!(clash.message, "duplicate `element_id` `title` (first used at `$.a`); ids must be unique within the card");
    /// ```
    pub fn element_id(&mut self, id: &str, place: P) -> Option<Violation>
    where
        P: std::fmt::Display,
    {
        if let Some((_, first)) = self.ids.iter().find(|(seen, _)| seen == id) {
            return Some(Violation {
                rule: Rule::DuplicateElementId,
                at: Vec::new(),
                message: format!(
                    "duplicate `element_id` `{id}` (first used at `{first}`); ids must be unique \
                     within the card"
                ),
            });
        }
        self.ids.push((id.to_owned(), place));
        None
    }

    /// The rows of `needs` whose component was counted while `met` says the card lacks the
    /// setting.
    ///
    /// ```
    /// use card_schema::{Tally, Version, spec};
    /// let needs = spec(Version::V2).card_needs;
    /// let mut tally: Tally<()> = Tally::new(&[]);
    /// assert!(tally.unmet_needs(needs, |_| false).is_empty());
    /// let _ = tally.count(None, "audio");
    /// assert_eq!(tally.unmet_needs(needs, |_| false).len(), 1);
    /// assert!(tally.unmet_needs(needs, |_| true).is_empty());
    /// ```
    pub fn unmet_needs(
        &self,
        needs: &'static [crate::CardNeed],
        met: impl Fn(&crate::CardNeed) -> bool,
    ) -> Vec<Violation> {
        needs
            .iter()
            .filter(|need| self.seen.iter().any(|seen| seen == need.tag) && !met(need))
            .map(crate::CardNeed::violation)
            .collect()
    }

    /// Whether a `form` is open.
    ///
    /// ```
    /// let mut tally: card_schema::Tally<()> = card_schema::Tally::new(&[]);
    /// tally.open_form();
    /// assert!(tally.in_form());
    /// ```
    pub fn in_form(&self) -> bool {
        !self.forms.is_empty()
    }

    /// A `form` opens.
    ///
    /// ```
    /// let mut tally: card_schema::Tally<()> = card_schema::Tally::new(&[]);
    /// tally.open_form();
    /// tally.submitted();
    /// assert!(tally.close_form().is_none());
    /// ```
    pub fn open_form(&mut self) {
        self.forms.push(false);
    }

    /// The innermost open form has (or may have, for a part built at run time) its submit
    /// button.
    ///
    /// ```
    /// let mut tally: card_schema::Tally<()> = card_schema::Tally::new(&[]);
    /// tally.submitted(); // outside a form: nothing to mark
    /// ```
    pub fn submitted(&mut self) {
        if let Some(form) = self.forms.last_mut() {
            *form = true;
        }
    }

    /// The innermost form closes; without a submit button that breaks [`Rule::FormSubmit`].
    ///
    /// ```
    /// let mut tally: card_schema::Tally<()> = card_schema::Tally::new(&[]);
    /// tally.open_form();
    /// assert!(tally.close_form().unwrap().message.starts_with("`form` has no submit button"));
    /// ```
    pub fn close_form(&mut self) -> Option<Violation> {
        match self.forms.pop() {
            Some(false) => Some(Violation {
                rule: Rule::FormSubmit,
                at: Vec::new(),
                message: "`form` has no submit button; add a `button` with `action_type` \
                          `form_submit` (or a `form_action` behavior that submits)"
                    .to_owned(),
            }),
            _ => None,
        }
    }
}
