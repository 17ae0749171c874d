//! Interpolated string literals (`"**{name}**"`, `format!` with implicit captures) and `{expr}`
//! values in markdown: each interpolated value is escaped there, unless its type is markdown
//! already (`card_runtime::markdown`), while the literal parts stay markdown.
//!
//! Outside markdown a literal is `format!(lit)` untouched, so rustc reports its mistakes. The one
//! mistake caught here is an expression in a placeholder (`"{req.service}"`): rustc's suggestion
//! (`format!("{}", req.service)`) is not `card!` syntax.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::{Ident, LitStr};

/// An expression of type `String` for the interpolated literal `lit`; in markdown (`markdown`)
/// every value is escaped.
pub(crate) fn format(lit: &LitStr, markdown: bool) -> TokenStream {
    let parsed = parse(&lit.value());
    if let Some(expr) = parsed.iter().find_map(|piece| match piece {
        Piece::Expr(expr) => Some(expr),
        _ => None,
    }) {
        return field_access_error(lit, expr);
    }
    let plain = quote_spanned! {lit.span()=> ::std::format!(#lit) };
    if !markdown || parsed.iter().any(|piece| matches!(piece, Piece::Other)) {
        // Positional or empty placeholders: `format!` itself reports them.
        return plain;
    }
    let mut template = String::new();
    let mut args = Vec::new();
    // Line-start constructs (a list, indentation) can only begin a value at the start of the
    // content, after a newline, or after another value, whose end is unknown here.
    let mut mid_line = false;
    for piece in parsed {
        match piece {
            Piece::Text(text) => {
                mid_line = !text.ends_with(['\n', '\r']);
                template.push_str(&text.replace('{', "{{").replace('}', "}}"));
            }
            Piece::Capture(name, spec) => {
                template.push_str("{}");
                let mut ident = name;
                ident.set_span(lit.span());
                args.push(if spec.is_empty() {
                    markdown_value_at(&ident, lit.span(), mid_line)
                } else {
                    // A format spec formats the value as text (`{price:>8.2}`), which is escaped.
                    let spec = LitStr::new(&format!("{{:{spec}}}"), lit.span());
                    quote_spanned! {lit.span()=>
                        ::card_runtime::__private::escape_markdown(
                            &::std::format!(#spec, #ident),
                            #mid_line,
                        )
                    }
                });
                mid_line = false;
            }
            Piece::Expr(_) | Piece::Other => {}
        }
    }
    let template = LitStr::new(&template, lit.span());
    quote_spanned! {lit.span()=> ::std::format!(#template, #(#args),*) }
}

/// An expression of type `String`: the markdown of the value of `expr`, escaped unless the type
/// is markdown already (see `card_runtime::__private::markdown` for the dispatch).
pub(crate) fn markdown_value(expr: &impl ToTokens, span: Span) -> TokenStream {
    let value = markdown_value_at(expr, span, false);
    quote_spanned! {span=> ::std::string::ToString::to_string(&#value) }
}

/// A `Display` value formatting as the markdown of `expr` (no intermediate `String` inside a
/// `format!`); `mid_line` after literal text that does not end a line.
fn markdown_value_at(expr: &impl ToTokens, span: Span, mid_line: bool) -> TokenStream {
    // No block around it: the value borrows temporaries that must live to the end of the
    // enclosing statement. The kind traits are imported once per card (see `expand::generate`).
    quote_spanned! {span=>
        (&::card_runtime::__private::Md(&(#expr)))
            .markdown_kind()
            .markdown(#mid_line)
    }
}

/// The import the markdown values' method calls need, once at the top of the expansion.
pub(crate) fn markdown_imports() -> TokenStream {
    quote! {
        #[allow(unused_imports)]
        use ::card_runtime::__private::{AsWrittenKind as _, EscapeKind as _};
    }
}

/// One part of a format string.
#[derive(Debug, PartialEq)]
enum Piece {
    /// Literal text, with `{{` and `}}` already unescaped.
    Text(String),
    /// `{name}` or `{name:spec}`: an implicitly captured variable.
    Capture(Ident, String),
    /// `{req.service}`, `{items[0]}`, `{f()}`: an expression, which `format!` does not take.
    Expr(String),
    /// Anything else (`{}`, `{0}`, an unclosed brace): left to `format!`.
    Other,
}

fn parse(s: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut rest = s;
    while let Some(i) = rest.find(['{', '}']) {
        text.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            text.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(std::mem::take(&mut text)));
        }
        let Some(end) = tail.find('}').filter(|_| tail.starts_with('{')) else {
            pieces.push(Piece::Other);
            return pieces;
        };
        pieces.push(placeholder(&tail[1..end]));
        rest = &tail[end + 1..];
    }
    text.push_str(rest);
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    pieces
}

/// What is between `{` and `}`.
fn placeholder(inner: &str) -> Piece {
    let (arg, spec) = split_spec(inner.trim());
    let arg = arg.trim();
    // Only what a name, field access, path, call or index is made of is handed to the Rust
    // lexer, so stray quotes or symbols never reach it; `format!` reports those.
    let lexable = arg.chars().all(|c| {
        c.is_alphanumeric()
            || matches!(c, '_' | '.' | ':' | '(' | ')' | '[' | ']' | ' ' | '#' | ',')
    });
    if !lexable {
        return Piece::Other;
    }
    if syn::parse_str::<Ident>(arg).is_ok() {
        return capture(arg, spec);
    }
    let starts_like_a_name = arg.starts_with(|c: char| c.is_alphabetic() || c == '_');
    if starts_like_a_name && syn::parse_str::<syn::Expr>(arg).is_ok() {
        return Piece::Expr(arg.to_owned());
    }
    Piece::Other
}

/// Splits `arg:spec` at the first `:` that is not part of a path's `::`.
fn split_spec(inner: &str) -> (&str, &str) {
    let bytes = inner.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b':' {
            if bytes.get(i + 1) == Some(&b':') {
                i += 2;
                continue;
            }
            return (&inner[..i], &inner[i + 1..]);
        }
        i += 1;
    }
    (inner, "")
}

fn capture(name: &str, spec: &str) -> Piece {
    match syn::parse_str::<Ident>(name) {
        Ok(ident) => Piece::Capture(ident, spec.to_owned()),
        Err(_) => Piece::Other,
    }
}

/// The error for `"{req.service}"`, at the literal, then a `String` so nothing else fails.
fn field_access_error(lit: &LitStr, expr: &str) -> TokenStream {
    let name = suggested_name(expr);
    let message = format!(
        "`{{{expr}}}` is an expression, and `card!` strings interpolate variable names only, as `format!` does; bind it first (`let {name} = &{expr};`, then `{{{name}}}`), or give the whole value as `{{expr}}`"
    );
    let error = syn::Error::new(lit.span(), message).into_compile_error();
    quote! {{ #error ::std::string::String::new() }}
}

/// A variable name for the expression: its last field or method name (`req.service` → `service`).
fn suggested_name(expr: &str) -> String {
    expr.rsplit(['.', ':'])
        .find_map(|part| {
            let name: String = part
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            (!name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit())).then_some(name)
        })
        .unwrap_or_else(|| "value".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ident(name: &str) -> Ident {
        Ident::new(name, Span::call_site())
    }

    #[test]
    fn splits_text_captures_and_specs() {
        assert_eq!(
            parse("**{name}** {{x}} {n:>4}"),
            vec![
                Piece::Text("**".into()),
                Piece::Capture(ident("name"), String::new()),
                Piece::Text("** {x} ".into()),
                Piece::Capture(ident("n"), ">4".into()),
            ]
        );
    }

    #[test]
    fn expressions_and_positional_placeholders_are_told_apart() {
        assert_eq!(
            parse("{req.service}"),
            vec![Piece::Expr("req.service".into())]
        );
        assert_eq!(parse("{items[0]:?}"), vec![Piece::Expr("items[0]".into())]);
        assert_eq!(parse("{a::B}"), vec![Piece::Expr("a::B".into())]);
        assert_eq!(parse("{}"), vec![Piece::Other]);
        assert_eq!(parse("{0}"), vec![Piece::Other]);
        assert_eq!(parse("a } b"), vec![Piece::Text("a ".into()), Piece::Other]);
        assert_eq!(parse("{open"), vec![Piece::Other]);
        assert_eq!(parse("{'a}"), vec![Piece::Other]);
        assert_eq!(
            parse("{x:>8.2}"),
            vec![Piece::Capture(ident("x"), ">8.2".into())]
        );
    }

    #[test]
    fn suggests_the_last_name_of_the_expression() {
        assert_eq!(suggested_name("req.service"), "service");
        assert_eq!(suggested_name("req.user.name()"), "name");
        assert_eq!(suggested_name("pair.0"), "pair");
        assert_eq!(suggested_name("items[0]"), "items");
    }
}
