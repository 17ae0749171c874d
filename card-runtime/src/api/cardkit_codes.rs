//! CardKit's documented error codes (reference B.1, B.2, B.4) as a type, so callers match on
//! a name instead of a number.

use crate::error::Error;

macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident = $code:literal,)*) => {
        /// A documented CardKit error code. [`CardKitCode::of`] reads it from an [`Error`].
        ///
        /// ```
        /// use card_runtime::cardkit::CardKitCode;
        /// assert_eq!(CardKitCode::from_code(300_317), Some(CardKitCode::Sequence));
        /// assert_eq!(CardKitCode::Sequence.code(), 300_317);
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum CardKitCode {
            $($(#[$doc])* $name,)*
        }

        impl CardKitCode {
            /// The code for a number, if CardKit documents it.
            ///
            /// ```
            /// assert!(card_runtime::cardkit::CardKitCode::from_code(1).is_none());
            /// ```
            pub fn from_code(code: i64) -> Option<Self> {
                match code {
                    $($code => Some(Self::$name),)*
                    _ => None,
                }
            }

            /// The number.
            ///
            /// ```
            /// assert_eq!(card_runtime::cardkit::CardKitCode::Expired.code(), 200_750);
            /// ```
            pub fn code(self) -> i64 {
                match self {
                    $(Self::$name => $code,)*
                }
            }
        }
    };
}

codes! {
    /// 10002: a bad parameter.
    BadParameter = 10_002,
    /// 200220: the card content could not be generated (a template not found, ...).
    GenerateFailed = 200_220,
    /// 200740: no such entity.
    NotFound = 200_740,
    /// 200750: the entity is older than 14 days.
    Expired = 200_750,
    /// 200770: the uuid was used for another operation.
    UuidConflict = 200_770,
    /// 200810: a user's click on the card is being handled; try again shortly.
    InInteraction = 200_810,
    /// 200850: streaming closed itself (ten minutes after it was switched on).
    StreamingTimeout = 200_850,
    /// 200860: the card or the text is over its size limit.
    TooLarge = 200_860,
    /// 300120: internal error; the docs advise a retry with an increasing sequence.
    Internal = 300_120,
    /// 300301: an `element_id` is used twice.
    DuplicateElementId = 300_301,
    /// 300302: `update_multi` is false.
    NotShared = 300_302,
    /// 300303: the card is not JSON 2.0.
    NotSchema2 = 300_303,
    /// 300305: more than 200 components and elements.
    TooManyElements = 300_305,
    /// 300307: the card is empty.
    EmptyCard = 300_307,
    /// 300309: streaming is off.
    StreamingClosed = 300_309,
    /// 300310: text streams only into `plain_text` and `markdown`.
    NotTextElement = 300_310,
    /// 300311: the entity belongs to another app.
    NotOwner = 300_311,
    /// 300312: an element's `tag` cannot change.
    TagChanged = 300_312,
    /// 300313: no element with that id.
    ElementNotFound = 300_313,
    /// 300314: the element to delete was not found.
    DeleteFailed = 300_314,
    /// 300315: the target of an insert was not found or is no container.
    TargetNotFound = 300_315,
    /// 300317: the sequence did not increase.
    Sequence = 300_317,
}

impl CardKitCode {
    /// The CardKit code an error carries, if any.
    ///
    /// ```no_run
    /// # async fn run(entity: card_runtime::CardEntity) {
    /// use card_runtime::cardkit::CardKitCode;
    /// if let Err(err) = entity.stream_text("answer", "…").await {
    ///     if CardKitCode::of(&err) == Some(CardKitCode::InInteraction) { /* later */ }
    /// }
    /// # }
    /// ```
    pub fn of(error: &Error) -> Option<Self> {
        error.api().and_then(|api| Self::from_code(api.code()))
    }

    /// Streaming has closed (200850 or 300309): switch it on again before more text.
    ///
    /// ```
    /// use card_runtime::cardkit::CardKitCode;
    /// assert!(CardKitCode::StreamingTimeout.is_streaming_closed());
    /// ```
    pub fn is_streaming_closed(self) -> bool {
        matches!(self, Self::StreamingTimeout | Self::StreamingClosed)
    }
}
