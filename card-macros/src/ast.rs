//! What the user wrote: the `card!` syntax tree, keeping every token for spans.

use proc_macro2::Span;
use syn::{Expr, Ident, LitBool, LitFloat, LitInt, LitStr, Pat, Token, token};

/// The whole invocation: one root element (`<card>` or a fragment such as `<div>`), optionally
/// preceded by `schema = "2.0";`, which says which card JSON version a fragment belongs to.
pub(crate) struct Root {
    pub(crate) schema: Option<SchemaPrefix>,
    pub(crate) element: Element,
}

/// `schema = "2.0";` before a fragment's root element.
pub(crate) struct SchemaPrefix {
    pub(crate) name: Ident,
    pub(crate) value: LitStr,
}

/// `<name attrs...>children</name>` or `<name attrs.../>`.
pub(crate) struct Element {
    pub(crate) lt: Token![<],
    pub(crate) name: Ident,
    pub(crate) attrs: Vec<Attr>,
    pub(crate) gt: Token![>],
    pub(crate) children: Vec<Child>,
}

impl Element {
    /// The tag as written (`type` and `r#type` both read `type`).
    pub(crate) fn tag(&self) -> String {
        ident_name(&self.name)
    }

    /// The opening tag's first and last tokens, `<` and `>`, for whole-tag problems: an error
    /// spanned by them covers the whole tag even on stable (where spans cannot be joined).
    pub(crate) fn open_tokens(&self) -> proc_macro2::TokenStream {
        let (lt, gt) = (&self.lt, &self.gt);
        quote::quote! { #lt #gt }
    }
}

/// `name` (meaning `true`) or `name=value`.
pub(crate) struct Attr {
    pub(crate) name: Ident,
    pub(crate) value: Option<AttrValue>,
}

impl Attr {
    pub(crate) fn key(&self) -> String {
        ident_name(&self.name)
    }
}

/// The right-hand side of `name=...`.
pub(crate) enum AttrValue {
    /// A string, number or bool literal.
    Lit(Lit),
    /// `{expr}`: any Rust expression.
    Expr(Braced),
    /// `{ "key": value, ... }` or `[ value, ... ]`.
    Json(Json),
}

/// A Rust expression in braces, `{expr}`.
pub(crate) struct Braced {
    pub(crate) brace: token::Brace,
    pub(crate) expr: Expr,
}

/// A literal value, with an optional leading minus for numbers.
pub(crate) enum Lit {
    Str(LitStr),
    Int(Option<Token![-]>, LitInt),
    Float(Option<Token![-]>, LitFloat),
    Bool(LitBool),
}

impl Lit {
    pub(crate) fn span(&self) -> Span {
        match self {
            Self::Str(lit) => lit.span(),
            Self::Int(Some(minus), lit) => minus.span.join(lit.span()).unwrap_or(lit.span()),
            Self::Int(None, lit) => lit.span(),
            Self::Float(Some(minus), lit) => minus.span.join(lit.span()).unwrap_or(lit.span()),
            Self::Float(None, lit) => lit.span(),
            Self::Bool(lit) => lit.span,
        }
    }
}

/// A JSON-like value: in `value={ "k": v }`, in `[ ... ]`, and nested in both.
pub(crate) enum Json {
    Lit(Lit),
    Null(Ident),
    Object(JsonObject),
    Array(JsonArray),
    /// A Rust expression, bare (`button_id`, `id.to_string()`) or braced (`{expr}`).
    Expr(Expr),
}

pub(crate) struct JsonObject {
    pub(crate) brace: token::Brace,
    pub(crate) entries: Vec<(LitStr, Json)>,
}

pub(crate) struct JsonArray {
    pub(crate) bracket: token::Bracket,
    pub(crate) items: Vec<Json>,
}

impl Json {
    pub(crate) fn span(&self) -> Span {
        match self {
            Self::Lit(lit) => lit.span(),
            Self::Null(ident) => ident.span(),
            Self::Object(obj) => obj.brace.span.join(),
            Self::Array(arr) => arr.bracket.span.join(),
            Self::Expr(expr) => syn::spanned::Spanned::span(expr),
        }
    }
}

/// One item between an element's opening and closing tags.
pub(crate) enum Child {
    /// `"text"`: the element's primary text.
    Text(LitStr),
    /// `{expr}`: text or component fragment(s), depending on the parent.
    Expr(Braced),
    Element(Element),
    For(ForChild),
    If(IfChild),
    Match(MatchChild),
}

pub(crate) struct ForChild {
    pub(crate) pat: Pat,
    pub(crate) expr: Expr,
    pub(crate) body: Vec<Child>,
}

pub(crate) struct IfChild {
    /// The condition; an `Expr::Let` for `if let`.
    pub(crate) cond: Expr,
    pub(crate) then: Vec<Child>,
    pub(crate) otherwise: Option<Else>,
}

pub(crate) enum Else {
    If(Box<IfChild>),
    Block(Vec<Child>),
}

pub(crate) struct MatchChild {
    pub(crate) expr: Expr,
    pub(crate) arms: Vec<Arm>,
}

pub(crate) struct Arm {
    pub(crate) pat: Pat,
    pub(crate) guard: Option<Expr>,
    pub(crate) body: Vec<Child>,
}

/// An identifier's name without a raw prefix: `r#type` is the attribute `type`.
pub(crate) fn ident_name(ident: &Ident) -> String {
    let name = ident.to_string();
    match name.strip_prefix("r#") {
        Some(rest) => rest.to_owned(),
        None => name,
    }
}
