//! Parses the `card!` syntax into [`crate::ast`]; knows nothing about the schema, so unknown tags
//! and attributes still parse and are reported by `check` with better messages.
//!
//! Error policy: malformed syntax stops at the first error (a syn parse error), with lookahead
//! listing what was expected.

use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::{Expr, Ident, LitStr, Pat, Result, Token, braced, bracketed, token};

use crate::ast::{
    Arm, Attr, AttrValue, Braced, Child, Element, Else, ForChild, IfChild, Json, JsonArray,
    JsonObject, Lit, MatchChild, Root, SchemaPrefix, ident_name,
};

impl Parse for Root {
    fn parse(input: ParseStream<'_>) -> Result<Self> {
        if input.is_empty() {
            return Err(input.error("expected a root element such as `<card>` or `<div>`"));
        }
        let schema = if input.peek(Ident) && input.peek2(Token![=]) {
            let name: Ident = input.parse()?;
            if name != "schema" {
                return Err(syn::Error::new(
                    name.span(),
                    format_args!(
                        "unexpected `{name} =`; before the root element only `schema = \"2.0\";` may stand"
                    ),
                ));
            }
            input.parse::<Token![=]>()?;
            let value: LitStr = input.parse()?;
            input.parse::<Token![;]>()?;
            Some(SchemaPrefix { name, value })
        } else {
            None
        };
        let element = if input.peek(Token![<]) {
            input.parse()?
        } else {
            return Err(input.error("expected `<`: `card!` takes one element such as `<card>`"));
        };
        if !input.is_empty() {
            return Err(input.error(
                "unexpected tokens after the root element; `card!` takes exactly one element",
            ));
        }
        Ok(Self { schema, element })
    }
}

impl Parse for Element {
    fn parse(input: ParseStream<'_>) -> Result<Self> {
        let lt: Token![<] = input.parse()?;
        if input.peek(Token![/]) {
            return Err(input.error("unexpected closing tag; no element is open here"));
        }
        let name = parse_name(input, "an element name")?;
        let mut attrs = Vec::new();
        loop {
            let lookahead = input.lookahead1();
            if lookahead.peek(Token![/]) {
                input.parse::<Token![/]>()?;
                let gt: Token![>] = input.parse()?;
                return Ok(Self {
                    lt,
                    name,
                    attrs,
                    gt,
                    children: Vec::new(),
                });
            } else if lookahead.peek(Token![>]) {
                let gt: Token![>] = input.parse()?;
                let children = parse_children(input, Some(&name))?;
                parse_close(input, &name)?;
                return Ok(Self {
                    lt,
                    name,
                    attrs,
                    gt,
                    children,
                });
            } else if lookahead.peek(Ident::peek_any) {
                attrs.push(input.parse()?);
            } else {
                return Err(lookahead.error());
            }
        }
    }
}

/// A tag or attribute name: any identifier, keywords included.
fn parse_name(input: ParseStream<'_>, what: &str) -> Result<Ident> {
    if input.peek(Ident::peek_any) {
        Ident::parse_any(input)
    } else {
        Err(input.error(format_args!("expected {what}")))
    }
}

/// `</name>` matching the open tag `open`.
fn parse_close(input: ParseStream<'_>, open: &Ident) -> Result<Ident> {
    let open_name = ident_name(open);
    if input.is_empty() {
        return Err(syn::Error::new(
            open.span(),
            format_args!("unclosed tag `<{open_name}>`; expected `</{open_name}>`"),
        ));
    }
    input.parse::<Token![<]>()?;
    input.parse::<Token![/]>()?;
    let close = parse_name(input, "the closing tag's name")?;
    let close_name = ident_name(&close);
    if close_name != open_name {
        // One error spanning the open tag's name to the closing tag's, so that both show.
        return Err(syn::Error::new_spanned(
            quote::quote! { #open #close },
            format_args!(
                "closing tag `</{close_name}>` does not match opening tag `<{open_name}>`; `<{open_name}>` is closed by `</{open_name}>`"
            ),
        ));
    }
    input.parse::<Token![>]>()?;
    Ok(close)
}

/// Children up to the closing tag of `parent` (or the end of a `{ ... }` block when `None`).
fn parse_children(input: ParseStream<'_>, parent: Option<&Ident>) -> Result<Vec<Child>> {
    let mut children = Vec::new();
    loop {
        if input.is_empty() {
            if let Some(parent) = parent {
                let name = ident_name(parent);
                return Err(syn::Error::new(
                    parent.span(),
                    format_args!("unclosed tag `<{name}>`; expected `</{name}>`"),
                ));
            }
            return Ok(children);
        }
        if input.peek(Token![<]) && input.peek2(Token![/]) {
            if parent.is_some() {
                return Ok(children);
            }
            return Err(input.error("unexpected closing tag; no element is open in this block"));
        }
        children.push(parse_child(input)?);
    }
}

fn parse_child(input: ParseStream<'_>) -> Result<Child> {
    let lookahead = input.lookahead1();
    if lookahead.peek(LitStr) {
        Ok(Child::Text(input.parse()?))
    } else if lookahead.peek(token::Brace) {
        Ok(Child::Expr(parse_braced_expr(input)?))
    } else if lookahead.peek(Token![<]) {
        Ok(Child::Element(input.parse()?))
    } else if lookahead.peek(Token![for]) {
        Ok(Child::For(parse_for(input)?))
    } else if lookahead.peek(Token![if]) {
        Ok(Child::If(parse_if(input)?))
    } else if lookahead.peek(Token![match]) {
        Ok(Child::Match(parse_match(input)?))
    } else {
        Err(lookahead.error())
    }
}

fn parse_block(input: ParseStream<'_>) -> Result<Vec<Child>> {
    let content;
    braced!(content in input);
    parse_children(&content, None)
}

fn parse_for(input: ParseStream<'_>) -> Result<ForChild> {
    input.parse::<Token![for]>()?;
    let pat = Pat::parse_multi_with_leading_vert(input)?;
    input.parse::<Token![in]>()?;
    let expr = Expr::parse_without_eager_brace(input)?;
    Ok(ForChild {
        pat,
        expr,
        body: parse_block(input)?,
    })
}

fn parse_if(input: ParseStream<'_>) -> Result<IfChild> {
    input.parse::<Token![if]>()?;
    // `Expr::parse_without_eager_brace` parses `let PAT = EXPR` too, giving `if let`.
    let cond = Expr::parse_without_eager_brace(input)?;
    let then = parse_block(input)?;
    let otherwise = if input.peek(Token![else]) {
        input.parse::<Token![else]>()?;
        let lookahead = input.lookahead1();
        if lookahead.peek(Token![if]) {
            Some(Else::If(Box::new(parse_if(input)?)))
        } else if lookahead.peek(token::Brace) {
            Some(Else::Block(parse_block(input)?))
        } else {
            return Err(lookahead.error());
        }
    } else {
        None
    };
    Ok(IfChild {
        cond,
        then,
        otherwise,
    })
}

fn parse_match(input: ParseStream<'_>) -> Result<MatchChild> {
    input.parse::<Token![match]>()?;
    let expr = Expr::parse_without_eager_brace(input)?;
    let content;
    braced!(content in input);
    let mut arms = Vec::new();
    while !content.is_empty() {
        let pat = Pat::parse_multi_with_leading_vert(&content)?;
        let guard = if content.peek(Token![if]) {
            content.parse::<Token![if]>()?;
            Some(content.parse()?)
        } else {
            None
        };
        content.parse::<Token![=>]>()?;
        if !content.peek(token::Brace) {
            return Err(content.error("expected `{`: a match arm's children go in braces"));
        }
        let body = parse_block(&content)?;
        if content.peek(Token![,]) {
            content.parse::<Token![,]>()?;
        }
        arms.push(Arm { pat, guard, body });
    }
    Ok(MatchChild { expr, arms })
}

fn parse_braced_expr(input: ParseStream<'_>) -> Result<Braced> {
    let content;
    let brace = braced!(content in input);
    if content.is_empty() {
        return Err(syn::Error::new(
            brace.span.join(),
            "expected an expression inside `{}`",
        ));
    }
    let expr = content.parse()?;
    if !content.is_empty() {
        return Err(content.error("unexpected tokens after the expression"));
    }
    Ok(Braced { brace, expr })
}

impl Parse for Attr {
    fn parse(input: ParseStream<'_>) -> Result<Self> {
        let name = Ident::parse_any(input)?;
        let value = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            Some(input.parse()?)
        } else {
            None
        };
        Ok(Self { name, value })
    }
}

impl Parse for AttrValue {
    fn parse(input: ParseStream<'_>) -> Result<Self> {
        let lookahead = input.lookahead1();
        if lookahead.peek(token::Brace) {
            unquoted_key_in_braces(input)?;
            if is_json_object(input) {
                Ok(Self::Json(Json::Object(input.parse()?)))
            } else {
                Ok(Self::Expr(parse_braced_expr(input)?))
            }
        } else if lookahead.peek(token::Bracket) {
            Ok(Self::Json(Json::Array(input.parse()?)))
        } else if lookahead.peek(LitStr)
            || lookahead.peek(syn::LitInt)
            || lookahead.peek(syn::LitFloat)
            || lookahead.peek(syn::LitBool)
            || lookahead.peek(Token![-])
        {
            Ok(Self::Lit(input.parse()?))
        } else {
            Err(lookahead.error())
        }
    }
}

/// `{ key: ...`: a JSON-like object written with Rust-style keys, which is no Rust expression
/// either (a struct literal has a path before its brace), so it gets its own error.
fn unquoted_key_in_braces(input: ParseStream<'_>) -> Result<()> {
    match brace_content(&input.fork()) {
        Ok(content) => unquoted_key(&content),
        Err(_) => Ok(()),
    }
}

/// Fails on an identifier followed by a single `:`, where a JSON-like object's key belongs.
fn unquoted_key(content: ParseStream<'_>) -> Result<()> {
    if content.peek(Ident::peek_any) && content.peek2(Token![:]) && !content.peek2(Token![::]) {
        let key = Ident::parse_any(content)?;
        let name = ident_name(&key);
        return Err(syn::Error::new(
            key.span(),
            format_args!(
                "unquoted key `{name}`: keys of JSON-like values are string literals; write `\"{name}\": ...`"
            ),
        ));
    }
    Ok(())
}

/// `{}` or `{ "key": ...` starts a JSON-like object; anything else in braces is an expression.
fn is_json_object(input: ParseStream<'_>) -> bool {
    let fork = input.fork();
    match brace_content(&fork) {
        Ok(content) => {
            content.is_empty()
                || (content.peek(LitStr) && content.peek2(Token![:]) && !content.peek2(Token![::]))
        }
        Err(_) => false,
    }
}

fn brace_content<'a>(input: ParseStream<'a>) -> Result<syn::parse::ParseBuffer<'a>> {
    let content;
    braced!(content in input);
    Ok(content)
}

impl Parse for Lit {
    fn parse(input: ParseStream<'_>) -> Result<Self> {
        let lookahead = input.lookahead1();
        if lookahead.peek(LitStr) {
            Ok(Self::Str(input.parse()?))
        } else if lookahead.peek(syn::LitBool) {
            Ok(Self::Bool(input.parse()?))
        } else if lookahead.peek(syn::LitInt) {
            Ok(Self::Int(None, input.parse()?))
        } else if lookahead.peek(syn::LitFloat) {
            Ok(Self::Float(None, input.parse()?))
        } else if lookahead.peek(Token![-]) {
            let minus = input.parse()?;
            let lookahead = input.lookahead1();
            if lookahead.peek(syn::LitInt) {
                Ok(Self::Int(Some(minus), input.parse()?))
            } else if lookahead.peek(syn::LitFloat) {
                Ok(Self::Float(Some(minus), input.parse()?))
            } else {
                Err(lookahead.error())
            }
        } else {
            Err(lookahead.error())
        }
    }
}

impl Parse for JsonObject {
    fn parse(input: ParseStream<'_>) -> Result<Self> {
        let content;
        let brace = braced!(content in input);
        let mut entries = Vec::new();
        while !content.is_empty() {
            unquoted_key(&content)?;
            if !content.peek(LitStr) {
                return Err(content.error(
                    "expected a string key: JSON-like objects are written `{ \"key\": value }`",
                ));
            }
            let key: LitStr = content.parse()?;
            content.parse::<Token![:]>()?;
            let value = content.parse()?;
            entries.push((key, value));
            if content.is_empty() {
                break;
            }
            content.parse::<Token![,]>()?;
        }
        Ok(Self { brace, entries })
    }
}

impl Parse for JsonArray {
    fn parse(input: ParseStream<'_>) -> Result<Self> {
        let content;
        let bracket = bracketed!(content in input);
        let mut items = Vec::new();
        while !content.is_empty() {
            items.push(content.parse()?);
            if content.is_empty() {
                break;
            }
            content.parse::<Token![,]>()?;
        }
        Ok(Self { bracket, items })
    }
}

impl Parse for Json {
    fn parse(input: ParseStream<'_>) -> Result<Self> {
        if input.peek(token::Brace) {
            unquoted_key_in_braces(input)?;
            if is_json_object(input) {
                return Ok(Self::Object(input.parse()?));
            }
            return Ok(Self::Expr(Expr::Block(input.parse()?)));
        }
        if input.peek(token::Bracket) {
            return Ok(Self::Array(input.parse()?));
        }
        if input.peek(Ident) && input.fork().parse::<Ident>().is_ok_and(|i| i == "null") {
            let null: Ident = input.parse()?;
            if input.is_empty() || input.peek(Token![,]) {
                return Ok(Self::Null(null));
            }
            return Err(input.error("expected `,` after `null`"));
        }
        // A literal alone is a JSON literal (checked and interpolated); a literal that starts a
        // longer expression (`"a".repeat(3)`, `1 + n`) is a Rust expression.
        let fork = input.fork();
        if fork.parse::<Lit>().is_ok() && (fork.is_empty() || fork.peek(Token![,])) {
            return Ok(Self::Lit(input.parse()?));
        }
        Ok(Self::Expr(input.parse()?))
    }
}
