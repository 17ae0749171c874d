//! `{expr}` among component children: fragments spliced into an array of components, or into a
//! one-component slot (`<extra>{expr}</extra>`). A fragment's type carries its card JSON version
//! ([`Element`] for 1.0, [`ElementV2`] for 2.0), and each version has its own traits here, so a
//! fragment of the other version is refused by the compiler with a message that names the fix.

use serde_json::Value;

use crate::{Element, ElementV2};

/// Component fragments spliced among the children of a card JSON 1.0 element with `{expr}`: an
/// [`Element`], an `Option<Element>`, a `Vec<Element>`, or any iterator of elements (or of
/// `&Element`s, which are copied).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a card JSON 1.0 component",
    label = "here `{{expr}}` takes a `card_runtime::Element`, an `Option` or any iterator of them",
    note = "build 1.0 fragments with `card! {{ <div ...>...</div> }}`, which returns `card_runtime::Element`",
    note = "a `card_runtime::ElementV2` (from `card! {{ schema = \"2.0\"; ... }}`) goes only into a `<card schema=\"2.0\">`"
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

// Bounded by the item's trait rather than `Item = Element`, so that an iterator of the other
// version's fragments gets that trait's message instead of a bare type mismatch.
impl<I> IntoElements for I
where
    I: IntoIterator,
    I::Item: IntoComponent,
{
    fn push_into(self, out: &mut Vec<Value>) {
        out.extend(self.into_iter().map(IntoComponent::into_component));
    }
}

/// `{expr}` among the component children of a 1.0 element.
pub fn extend<T: IntoElements>(out: &mut Vec<Value>, value: T) {
    value.push_into(out);
}

/// [`IntoElements`] for card JSON 2.0: an [`ElementV2`], an `Option<ElementV2>`, a
/// `Vec<ElementV2>`, or any iterator of them.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a card JSON 2.0 component",
    label = "in a `<card schema=\"2.0\">`, `{{expr}}` takes a `card_runtime::ElementV2`, an `Option` or any iterator of them",
    note = "build 2.0 fragments with `card! {{ schema = \"2.0\"; <div ...>...</div> }}`, which returns `card_runtime::ElementV2`",
    note = "a `card_runtime::Element` is a card JSON 1.0 fragment: 2.0 renamed or removed some of its fields, so rewrite it with `schema = \"2.0\";`"
)]
pub trait IntoElementsV2 {
    /// Appends the components to `out`.
    fn push_into(self, out: &mut Vec<Value>);
}

impl IntoElementsV2 for ElementV2 {
    fn push_into(self, out: &mut Vec<Value>) {
        out.push(self.into_value());
    }
}

impl<I> IntoElementsV2 for I
where
    I: IntoIterator,
    I::Item: IntoComponentV2,
{
    fn push_into(self, out: &mut Vec<Value>) {
        out.extend(self.into_iter().map(IntoComponentV2::into_component));
    }
}

/// `{expr}` among the component children of a 2.0 element.
pub fn extend_v2<T: IntoElementsV2>(out: &mut Vec<Value>, value: T) {
    value.push_into(out);
}

/// One card JSON 1.0 component: a slot such as `<extra>{expr}</extra>`, or an item of an
/// iterator spliced among components.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a card JSON 1.0 component",
    label = "each component spliced here is a `card_runtime::Element` (a slot such as `<extra>` takes one)",
    note = "a `card_runtime::ElementV2` (from `card! {{ schema = \"2.0\"; ... }}`) goes only into a `<card schema=\"2.0\">`"
)]
pub trait IntoComponent {
    /// The component JSON.
    fn into_component(self) -> Value;
}

impl IntoComponent for Element {
    fn into_component(self) -> Value {
        self.into_value()
    }
}

impl IntoComponent for &Element {
    fn into_component(self) -> Value {
        self.as_value().clone()
    }
}

/// `{expr}` in a 1.0 slot.
pub fn component<T: IntoComponent>(value: T) -> Value {
    value.into_component()
}

/// [`IntoComponent`] for card JSON 2.0: an item of an iterator spliced among components.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a card JSON 2.0 component",
    label = "in a `<card schema=\"2.0\">`, each component spliced here is a `card_runtime::ElementV2`",
    note = "a `card_runtime::Element` is a card JSON 1.0 fragment: rewrite it with `card! {{ schema = \"2.0\"; ... }}`"
)]
pub trait IntoComponentV2 {
    /// The component JSON.
    fn into_component(self) -> Value;
}

impl IntoComponentV2 for ElementV2 {
    fn into_component(self) -> Value {
        self.into_value()
    }
}

impl IntoComponentV2 for &ElementV2 {
    fn into_component(self) -> Value {
        self.as_value().clone()
    }
}

/// `{expr}` in a 2.0 slot.
pub fn component_v2<T: IntoComponentV2>(value: T) -> Value {
    value.into_component()
}
