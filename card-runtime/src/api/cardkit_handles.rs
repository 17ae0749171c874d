//! Typed handles on a card's text elements, made by [`cardkit_card!`](crate::cardkit_card):
//! a stream into an element the card lacks is a compile error, not a 300313 at run time.

use crate::card::Card;

/// A `markdown` or `plain_text` element of a card, by its `element_id`, as
/// [`cardkit_card!`](crate::cardkit_card) found it in the card's source. Pass it wherever an
/// element id is wanted ([`StreamingCard::new`](crate::StreamingCard::new),
/// [`CardEntity::stream_text`](crate::CardEntity::stream_text) via [`as_str`](Self::as_str)).
///
/// ```
/// use card_runtime::cardkit_card;
/// let card = cardkit_card! {
///     <card schema="2.0"><markdown element_id="answer">"…"</markdown></card>
/// };
/// assert_eq!(card.text.answer.as_str(), "answer");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TextElement {
    id: &'static str,
}

impl TextElement {
    /// Made by `cardkit_card!` only, for an id it found on a text element.
    #[doc(hidden)]
    pub const fn __from_macro(id: &'static str) -> Self {
        Self { id }
    }

    /// The `element_id`.
    ///
    /// ```
    /// let card = card_runtime::cardkit_card! {
    ///     <card schema="2.0"><markdown element_id="note">"…"</markdown></card>
    /// };
    /// assert_eq!(card.text.note.as_str(), "note");
    /// ```
    pub fn as_str(self) -> &'static str {
        self.id
    }
}

impl AsRef<str> for TextElement {
    fn as_ref(&self) -> &str {
        self.id
    }
}

impl From<TextElement> for String {
    fn from(element: TextElement) -> Self {
        element.id.to_owned()
    }
}

/// A card from [`cardkit_card!`](crate::cardkit_card) and the handles on its text elements
/// (`text.<element_id>`).
///
/// ```
/// let made = card_runtime::cardkit_card! {
///     <card schema="2.0"><markdown element_id="answer">"…"</markdown></card>
/// };
/// let (card, text) = (made.card, made.text);
/// assert_eq!(card["body"]["elements"][0]["element_id"], "answer");
/// assert_eq!(text.answer.as_str(), "answer");
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct StreamableCard<T> {
    /// The card, exactly as `card!` builds it.
    pub card: Card,
    /// One [`TextElement`] field per text element with a literal `element_id`.
    pub text: T,
}

impl<T> StreamableCard<T> {
    #[doc(hidden)]
    pub fn new(card: Card, text: T) -> Self {
        Self { card, text }
    }
}
