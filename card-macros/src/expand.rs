//! Turns the checked card into tokens that build the card's JSON; infallible, since `check` has
//! already rejected every card it could not express.
//!
//! What the expansion looks like, and why (compile time is a product requirement): everything
//! known at compile time is emitted as static data (`__private::S`) built by one non-generic
//! function; only user expressions, interpolations and control flow produce code, each a call to
//! a small helper in `card_runtime::__private`. The JSON map is built directly, never through
//! nested `json!`, so big cards stay clear of `recursion_limit` and LLVM sees little code.

use card_schema::Version;
use proc_macro2::{Literal, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use serde_json::{Map, Value};
use syn::spanned::Spanned;

use crate::ast;
use crate::check;
use crate::ctxt::Ctxt;
use crate::interpolate;
use crate::ir::{Content, Conv, Obj, Path, Stmt, Val, collect_arrays, push_path, set_path};

/// The whole macro: parse, check, expand; on errors, the errors plus a value of the right type.
pub(crate) fn card(input: TokenStream) -> TokenStream {
    let returns = returns(&input);
    let tokens = match syn::parse2::<ast::Root>(input) {
        Ok(root) => {
            let cx = Ctxt::new();
            let checked = check::root(&cx, &root);
            match cx.check() {
                Ok(()) => generate(&checked),
                Err(err) => with_code(err, &checked),
            }
        }
        Err(err) => fallback(err, returns),
    };
    if std::env::var_os("CARD_MACROS_DEBUG").is_some() {
        eprintln!("{tokens}");
    }
    tokens
}

/// The type an invocation returns: a `Card`, or a fragment of one card JSON version.
#[derive(Clone, Copy)]
enum Returns {
    Card,
    Element(Version),
}

/// What the invocation returns, read from its first tokens (`schema = "2.0";` and the root's
/// tag), so that a syntax error still yields a value of the right type.
fn returns(input: &TokenStream) -> Returns {
    use proc_macro2::TokenTree::{Ident, Literal, Punct};
    let tokens: Vec<proc_macro2::TokenTree> = input.clone().into_iter().take(6).collect();
    let (version, rest) = match tokens.as_slice() {
        [Ident(name), Punct(eq), Literal(lit), Punct(semi), rest @ ..]
            if name == "schema" && eq.as_char() == '=' && semi.as_char() == ';' =>
        {
            let v2 = lit.to_string() == format!("{:?}", Version::V2.schema());
            (if v2 { Version::V2 } else { Version::V1 }, rest)
        }
        _ => (Version::UNMARKED, tokens.as_slice()),
    };
    match rest {
        [Punct(lt), Ident(tag), ..] if lt.as_char() == '<' && tag != "card" => {
            Returns::Element(version)
        }
        _ => Returns::Card,
    }
}

/// For syntax errors: the errors, then a value of the macro's type, so that one mistake gives one
/// error (thiserror's fallback): nothing after the errors can fail to type-check.
fn fallback(err: syn::Error, returns: Returns) -> TokenStream {
    let err = err.into_compile_error();
    let value = match returns {
        Returns::Card => quote! { fallback_card },
        Returns::Element(Version::V1) => quote! { fallback_element },
        Returns::Element(Version::V2) => quote! { fallback_element_v2 },
    };
    quote! {{ #err ::card_runtime::__private::#value() }}
}

/// The schema errors, then the code of everything that passed the checks: the user's `{expr}`s
/// stay type-checked (a wrong type is reported in the same compile as a misspelled attribute)
/// and visible to rust-analyzer. Rejected parts never enter the lowered tree, so they cause no
/// cascade; the code is of the macro's type, like the fallback's value.
fn with_code(err: syn::Error, checked: &check::Checked) -> TokenStream {
    let err = err.into_compile_error();
    let code = generate(checked);
    quote! {{ #err #code }}
}

fn generate(checked: &check::Checked) -> TokenStream {
    let map = gen_obj(&checked.obj, false);
    let imports = interpolate::markdown_imports();
    if checked.is_card {
        quote! {{ #imports ::card_runtime::__private::card(#map) }}
    } else {
        let element = match checked.version {
            Version::V1 => quote! { element },
            Version::V2 => quote! { element_v2 },
        };
        quote! {{
            #imports
            ::card_runtime::__private::#element(
                ::card_runtime::__private::serde_json::Value::Object(#map)
            )
        }}
    }
}

/// An expression of type `Map<String, Value>` building `obj`; with `markdown`, every field value is
/// markdown (the locale map of a markdown text's `i18n`).
fn gen_obj(obj: &Obj, markdown: bool) -> TokenStream {
    let markdown = if markdown {
        Markdown::All
    } else if is_markdown(obj) {
        Markdown::Text
    } else {
        Markdown::No
    };
    // Split what is static (top-level sets of static values, and arrays only ever pushed static
    // values outside control flow) from what must run.
    let arrays = obj.array_paths();
    let dynamic_arrays: Vec<&Path> = arrays
        .iter()
        .filter(|path| !array_is_static(&obj.stmts, path))
        .collect();
    let mut statics = Map::new();
    let mut code = Vec::new();
    for stmt in &obj.stmts {
        match stmt {
            Stmt::Set(path, val) => match val.as_static() {
                Some(value) => set_path(&mut statics, path, value),
                None => code.push(stmt),
            },
            Stmt::Push(path, val) if !dynamic_arrays.contains(&path) => {
                if let Some(value) = val.as_static() {
                    push_path(&mut statics, path, value);
                }
            }
            _ => code.push(stmt),
        }
    }
    // An array filled only by top-level pushes is one `vec![..]`; one filled in loops or by
    // fragments needs a variable pushed in order.
    let (flat, looped): (Vec<&Path>, Vec<&Path>) = dynamic_arrays
        .iter()
        .partition(|path| array_is_flat(&obj.stmts, path));
    let code: Vec<&Stmt> = code
        .into_iter()
        .filter(|stmt| !matches!(stmt, Stmt::Push(path, _) if flat.contains(&path)))
        .collect();
    let statics = static_pairs(&statics);
    if code.is_empty() && dynamic_arrays.is_empty() {
        return quote! { ::card_runtime::__private::obj(#statics) };
    }
    let map = map_ident();
    let array_vars: Vec<(&Path, proc_macro2::Ident)> = looped
        .iter()
        .enumerate()
        .map(|(i, path)| {
            (
                *path,
                format_ident!("__card_array{}", i, span = Span::mixed_site()),
            )
        })
        .collect();
    let declare = array_vars.iter().map(|(_, var)| {
        quote! {
            let mut #var: ::std::vec::Vec<::card_runtime::__private::serde_json::Value> =
                ::std::vec::Vec::new();
        }
    });
    let body: Vec<TokenStream> = code
        .iter()
        .map(|stmt| gen_stmt(stmt, &map, &array_vars, markdown))
        .collect();
    let flat_store = flat.iter().map(|path| {
        let items = obj.stmts.iter().filter_map(|stmt| match stmt {
            Stmt::Push(p, val) if p == *path => Some(gen_val(val, markdown.at(p))),
            _ => None,
        });
        let value = quote! {
            ::card_runtime::__private::serde_json::Value::Array(::std::vec![#(#items),*])
        };
        gen_put(&map, path, &value)
    });
    let store = array_vars.iter().map(|(path, var)| {
        let value = quote! { ::card_runtime::__private::serde_json::Value::Array(#var) };
        gen_put(&map, path, &value)
    });
    quote! {{
        let mut #map = ::card_runtime::__private::obj(#statics);
        #(#declare)*
        #(#body)*
        #(#flat_store)*
        #(#store)*
        #map
    }}
}

/// Whether every push to the array at `path` is a top-level push (no loop, condition or
/// fragment touches it).
fn array_is_flat(stmts: &[Stmt], path: &Path) -> bool {
    stmts.iter().all(|stmt| match stmt {
        Stmt::Set(..) | Stmt::Push(..) => true,
        Stmt::Extend(p, ..) => p != path,
        Stmt::For(..) | Stmt::If(..) | Stmt::Match(..) => {
            let mut inner = Vec::new();
            collect_arrays(std::slice::from_ref(stmt), &mut inner);
            !inner.contains(path)
        }
    })
}

/// Whether every push to the array at `path` is a static value outside control flow.
fn array_is_static(stmts: &[Stmt], path: &Path) -> bool {
    stmts.iter().all(|stmt| match stmt {
        Stmt::Push(p, val) if p == path => val.as_static().is_some(),
        Stmt::Extend(p, ..) => p != path,
        Stmt::Set(..) | Stmt::Push(..) => true,
        Stmt::For(..) | Stmt::If(..) | Stmt::Match(..) => {
            let mut inner = Vec::new();
            collect_arrays(std::slice::from_ref(stmt), &mut inner);
            !inner.contains(path)
        }
    })
}

/// The map under construction; `mixed_site` keeps the expansion's temporaries invisible to user
/// expressions (and user variables of the same name untouched).
fn map_ident() -> proc_macro2::Ident {
    proc_macro2::Ident::new("__card_map", Span::mixed_site())
}

fn gen_put(map: &proc_macro2::Ident, path: &[String], value: &TokenStream) -> TokenStream {
    if let [key] = path {
        quote! { ::card_runtime::__private::put(&mut #map, #key, #value); }
    } else {
        quote! { ::card_runtime::__private::put_path(&mut #map, &[#(#path),*], #value); }
    }
}

fn gen_stmt(
    stmt: &Stmt,
    map: &proc_macro2::Ident,
    arrays: &[(&Path, proc_macro2::Ident)],
    markdown: Markdown,
) -> TokenStream {
    let array = |path: &Path| arrays.iter().find(|(p, _)| *p == path).map(|(_, var)| var);
    let block = |stmts: &[Stmt]| {
        let body = stmts
            .iter()
            .map(|stmt| gen_stmt(stmt, map, arrays, markdown));
        quote! { #(#body)* }
    };
    match stmt {
        Stmt::Set(path, val) => gen_put(map, path, &gen_val(val, markdown.at(path))),
        Stmt::Push(path, val) => {
            let value = gen_val(val, markdown.at(path));
            match array(path) {
                Some(var) => quote! { #var.push(#value); },
                None => quote! {},
            }
        }
        Stmt::Extend(path, expr, version) => match array(path) {
            Some(var) => {
                let extend = match version {
                    Version::V1 => quote_spanned! {expr.span()=> extend },
                    Version::V2 => quote_spanned! {expr.span()=> extend_v2 },
                };
                quote_spanned! {expr.span()=>
                    ::card_runtime::__private::#extend(&mut #var, #expr);
                }
            }
            None => quote! {},
        },
        Stmt::For(pat, expr, body) => {
            let body = block(body);
            quote! { for #pat in #expr { #body } }
        }
        Stmt::If(cond, then, otherwise) => {
            let then = block(then);
            let otherwise = otherwise.as_ref().map(|stmts| {
                let body = block(stmts);
                quote! { else { #body } }
            });
            quote! { if #cond { #then } #otherwise }
        }
        Stmt::Match(expr, arms) => {
            let arms = arms.iter().map(|(pat, guard, body)| {
                let guard = guard.as_ref().map(|guard| quote! { if #guard });
                let body = block(body);
                quote! { #pat #guard => { #body } }
            });
            quote! { match #expr { #(#arms)* } }
        }
    }
}

/// An expression of type `serde_json::Value`; with `markdown`, interpolated values are escaped.
fn gen_val(val: &Val, markdown: bool) -> TokenStream {
    match val {
        Val::Static(value) => {
            let s = static_data(value);
            quote! { ::card_runtime::__private::build(&#s) }
        }
        Val::Format(lit) => {
            let content = interpolate::format(lit, markdown);
            quote! { ::card_runtime::__private::string(#content) }
        }
        Val::Text(kind, Content::Format(lit)) => {
            let content = interpolate::format(lit, is_markdown_kind(kind));
            quote! { ::card_runtime::__private::text(#kind, #content) }
        }
        Val::Text(kind, Content::Expr(expr)) if is_markdown_kind(kind) => {
            let content = interpolate::markdown_value(expr, expr.span());
            quote! { ::card_runtime::__private::text(#kind, #content) }
        }
        Val::Text(kind, Content::Expr(expr)) => {
            quote_spanned! {expr.span()=> ::card_runtime::__private::text_of(&(#expr), #kind) }
        }
        Val::Expr(conv, expr) => gen_conv(conv, expr, markdown),
        Val::Object(obj) => {
            let map = gen_obj(obj, markdown);
            quote! { ::card_runtime::__private::serde_json::Value::Object(#map) }
        }
        Val::Array(items) => {
            let items = items.iter().map(|item| gen_val(item, markdown));
            quote! { ::card_runtime::__private::serde_json::Value::Array(::std::vec![#(#items),*]) }
        }
    }
}

/// Which fields of an object hold markdown.
#[derive(Clone, Copy)]
enum Markdown {
    No,
    /// A markdown text: its `content`, `i18n` and `i18n_content`.
    Text,
    /// Every field (the locale map of a markdown text's `i18n`).
    All,
}

impl Markdown {
    fn at(self, path: &Path) -> bool {
        match self {
            Self::No => false,
            // `i18n_content.<lang>` is set entry by entry by the 2.0 `<i18n>` sugar.
            Self::Text => match path.as_slice() {
                [key] => matches!(key.as_str(), "content" | "i18n" | "i18n_content"),
                [key, _] => key == "i18n_content",
                _ => false,
            },
            Self::All => true,
        }
    }
}

/// Whether `obj` is a markdown text: a `markdown` component or a `lark_md` text object (from an
/// element or a JSON-like literal), recognised by its static `tag`. An object of that shape
/// anywhere (even inside a callback `value`) is taken for one: escaping it is the safe reading.
fn is_markdown(obj: &Obj) -> bool {
    obj.stmts.iter().any(|stmt| match stmt {
        Stmt::Set(path, Val::Static(Value::String(tag))) => {
            path.len() == 1 && path[0] == "tag" && is_markdown_kind(tag)
        }
        _ => false,
    })
}

/// Text tags whose content is markdown (`markdown` is the text kind of a collapsible panel's
/// title as well as a component).
fn is_markdown_kind(kind: &str) -> bool {
    matches!(kind, "lark_md" | "markdown")
}

fn gen_conv(conv: &Conv, expr: &syn::Expr, markdown: bool) -> TokenStream {
    let span = expr.span();
    // In markdown a string is escaped, whatever the conversion would have been (the locale
    // values of `i18n` are `Json`, the content `String`).
    if markdown && matches!(conv, Conv::String | Conv::Json) {
        let content = interpolate::markdown_value(expr, span);
        return quote! { ::card_runtime::__private::string(#content) };
    }
    match conv {
        Conv::Json => quote_spanned! {span=> ::card_runtime::__private::json(&(#expr)) },
        Conv::Component(Version::V1) => {
            quote_spanned! {span=> ::card_runtime::__private::component(#expr) }
        }
        Conv::Component(Version::V2) => {
            quote_spanned! {span=> ::card_runtime::__private::component_v2(#expr) }
        }
        Conv::Text(kind) => {
            quote_spanned! {span=> ::card_runtime::__private::text_of(&(#expr), #kind) }
        }
        Conv::String => quote_spanned! {span=> ::card_runtime::__private::string_of(&(#expr)) },
        Conv::Bool => quote_spanned! {span=> ::card_runtime::__private::bool_of(&(#expr)) },
        Conv::Int => quote_spanned! {span=> ::card_runtime::__private::int(&(#expr)) },
        Conv::Number => quote_spanned! {span=> ::card_runtime::__private::number(&(#expr)) },
        Conv::Enum(name) => {
            let ty = syn::Ident::new(name, span);
            quote_spanned! {span=>
                ::card_runtime::__private::enum_value::<::card_runtime::enums::#ty, _>(&(#expr))
            }
        }
        Conv::EnumOr(name) => {
            let ty = syn::Ident::new(name, span);
            quote_spanned! {span=>
                ::card_runtime::__private::enum_or::<::card_runtime::enums::#ty, _>(&(#expr))
            }
        }
    }
}

/// `&[("key", S::...), ...]`: the static part of an object.
fn static_pairs(map: &Map<String, Value>) -> TokenStream {
    let pairs = map.iter().map(|(key, value)| {
        let value = static_data(value);
        quote! { (#key, #value) }
    });
    quote! { &[#(#pairs),*] }
}

/// `S::...` for a compile-time JSON value; a constant expression, promoted to `'static`.
fn static_data(value: &Value) -> TokenStream {
    match value {
        Value::Null => quote! { ::card_runtime::__private::S::Null },
        Value::Bool(b) => quote! { ::card_runtime::__private::S::Bool(#b) },
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                let lit = Literal::i64_suffixed(i);
                quote! { ::card_runtime::__private::S::Int(#lit) }
            } else if let Some(u) = n.as_u64() {
                let lit = Literal::u64_suffixed(u);
                quote! { ::card_runtime::__private::S::UInt(#lit) }
            } else {
                let lit = Literal::f64_suffixed(n.as_f64().unwrap_or(0.0));
                quote! { ::card_runtime::__private::S::Float(#lit) }
            }
        }
        Value::String(s) => quote! { ::card_runtime::__private::S::Str(#s) },
        Value::Array(items) => {
            let items = items.iter().map(static_data);
            quote! { ::card_runtime::__private::S::Arr(&[#(#items),*]) }
        }
        Value::Object(map) => {
            let pairs = static_pairs(map);
            quote! { ::card_runtime::__private::S::Obj(#pairs) }
        }
    }
}
