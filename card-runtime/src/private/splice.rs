//! `{expr}` among component children: fragments spliced into an array of components.

use serde_json::Value;

use crate::Element;

/// Component fragments spliced among children with `{expr}`: an [`Element`], an
/// `Option<Element>`, a `Vec<Element>`, or any iterator of elements.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a card component",
    label = "here `{{expr}}` takes a `card_runtime::Element`, an `Option` or any iterator of them",
    note = "build fragments with `card! {{ <div ...>...</div> }}`, which returns `card_runtime::Element`"
)]
pub trait IntoElements {
    /// Appends the components to `out`.
    fn push_into(self, out: &mut Vec<Value>);
}

impl IntoElements for Element {
    fn push_into(self, out: &mut Vec<Value>) {
        out.push(self.into_value());
    }
}

impl<I: IntoIterator<Item = Element>> IntoElements for I {
    fn push_into(self, out: &mut Vec<Value>) {
        out.extend(self.into_iter().map(Element::into_value));
    }
}

/// `{expr}` among component children.
pub fn extend<T: IntoElements>(out: &mut Vec<Value>, value: T) {
    value.push_into(out);
}
