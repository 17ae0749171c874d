//! Text children: string literals, `{expr}` text and explicit `<plain_text>` / `<lark_md>`
//! objects, put where the schema's `TextChild` says.

use card_schema::{Field, Node, TextForm, Ty};
use proc_macro2::Span;
use syn::LitStr;

use super::{Cur, State, element, mark, mark_single, rules, target, value};
use crate::ast::Child;
use crate::ast::Element;
use crate::ctxt::Ctxt;
use crate::ir::Obj;
use crate::ir::{Content, Conv, Stmt, Val};
use serde_json::Value;

pub(super) enum TextSource<'a> {
    Lit(&'a LitStr),
    Expr(&'a syn::Expr, Span),
}

/// A string or `{expr}` child: the element's primary text.
pub(super) fn text_child(
    cx: &Ctxt,
    cur: &mut Cur<'_>,
    src: TextSource<'_>,
    in_flow: bool,
    out: &mut Vec<Stmt>,
) {
    let span = match &src {
        TextSource::Lit(lit) => lit.span(),
        TextSource::Expr(_, span) => *span,
    };
    let Some(tc) = &cur.node.text_child else {
        cx.error(span, format_args!("`{}` takes no text", cur.node.tag));
        cur.rejected = true;
        return;
    };
    let Some(field) = cur.node.field(tc.field) else {
        return;
    };
    let path = target(tc.field, cur.scope, cur.node);
    match tc.form {
        TextForm::Push => {
            mark(cur, tc.field, span);
            let val = match src {
                TextSource::Lit(lit) => {
                    value::text_lit(cx, cur.version, cur.node, None, lit, "plain_text")
                }
                TextSource::Expr(expr, _) => {
                    Some(Val::Text("plain_text", Content::Expr(expr.clone())))
                }
            };
            out.extend(val.map(|val| Stmt::Push(path, val)));
        }
        TextForm::Object | TextForm::Raw => {
            if !mark_single(cx, cur, tc.field, span, in_flow) {
                return;
            }
            let val = match (src, tc.form) {
                (TextSource::Lit(lit), TextForm::Object) => {
                    let kind = value::default_kind(&field.ty);
                    value::text_lit(cx, cur.version, cur.node, Some(field), lit, kind)
                }
                (TextSource::Lit(lit), _) => {
                    value::string_lit(cx, cur.version, cur.node, field, lit)
                }
                (TextSource::Expr(expr, _), TextForm::Object) => Some(Val::Text(
                    value::default_kind(&field.ty),
                    Content::Expr(expr.clone()),
                )),
                (TextSource::Expr(expr, _), _) => Some(Val::Expr(Conv::String, expr.clone())),
            };
            out.extend(val.map(|val| Stmt::Set(path, val)));
        }
    }
}

/// Whether `<tag>` written in `parent` is an explicit text object for its primary text:
/// `<plain_text>` and `<lark_md>`, and `<markdown>` where the text may be markdown (a 2.0
/// panel header's title), which elsewhere is the `markdown` component.
pub(super) fn is_text_kind(parent: &Node, tag: &str) -> bool {
    let Some(tc) = &parent.text_child else {
        return false;
    };
    match tag {
        "plain_text" | "lark_md" => true,
        "markdown" => matches!(
            parent.field(tc.field).map(|field| &field.ty),
            Some(Ty::Text { kinds, .. }) if kinds.contains(&"markdown")
        ),
        _ => false,
    }
}

/// `<plain_text ..>"..."</plain_text>` / `<lark_md>` into the text child.
pub(super) fn explicit_text(
    cx: &Ctxt,
    st: &mut State,
    cur: &mut Cur<'_>,
    el: &Element,
    tag: &str,
    in_flow: bool,
    out: &mut Vec<Stmt>,
) {
    let Some(tc) = &cur.node.text_child else {
        return;
    };
    let Some(node) = card_schema::node(st.version, tag) else {
        rules::unknown_element(cx, st.version, el, None);
        return;
    };
    let path = target(tc.field, cur.scope, cur.node);
    match tc.form {
        TextForm::Raw => {
            cx.error(
                el.name.span(),
                format_args!(
                    "`{}` takes its text as a string, not `<{tag}>`",
                    cur.node.tag
                ),
            );
            cur.rejected = true;
        }
        TextForm::Push => {
            mark(cur, tc.field, el.name.span());
            out.push(Stmt::Push(
                path,
                Val::Object(element(cx, st, el, node, cur.scope)),
            ));
        }
        TextForm::Object => {
            if let Some(Field {
                ty: Ty::Text { kinds, .. },
                ..
            }) = cur.node.field(tc.field)
            {
                if !kinds.contains(&tag) {
                    // Given, though wrongly: no second "requires field" error.
                    mark(cur, tc.field, el.name.span());
                    cx.error(
                        el.name.span(),
                        format_args!(
                            "`{}` of `{}` cannot be `{tag}`; expected {}",
                            tc.field,
                            cur.node.tag,
                            rules::list(kinds)
                        ),
                    );
                    return;
                }
            }
            if mark_single(cx, cur, tc.field, el.name.span(), in_flow) {
                out.push(Stmt::Set(
                    path,
                    Val::Object(element(cx, st, el, node, cur.scope)),
                ));
            }
        }
    }
}

/// One `<i18n lang="..">` child of a 2.0 element: the primary text in that locale.
pub(super) struct I18nEntry {
    lang: String,
    val: Val,
    span: Span,
}

/// `<i18n lang="en_us">"Hello"</i18n>` inside an element with a primary text (card JSON 2.0):
/// the text's `i18n_content` entry for that locale, as the 1.0 `<i18n>` blocks are for the card.
/// Recorded here, attached by [`attach_i18n`].
pub(super) fn i18n_child(cx: &Ctxt, cur: &mut Cur<'_>, el: &Element, in_flow: bool) {
    let span = el.name.span();
    let Some(tc) = &cur.node.text_child else {
        // The card-level `<i18n>` blocks of 1.0 are `i18n_elements`, which 2.0 does not have.
        let message = match card_schema::mix_up(cur.version, cur.node.tag, Some("i18n_elements")) {
            Some(violation) => format!(
                "{}; in `card!`, `<i18n lang=\"..\">\"..\"</i18n>` inside an element gives its text in that locale",
                violation.message
            ),
            None => format!("`{}` has no text to translate", cur.node.tag),
        };
        cx.error(span, message);
        cur.rejected = true;
        return;
    };
    if tc.form == TextForm::Push
        || (tc.form == TextForm::Raw && cur.node.field("i18n_content").is_none())
    {
        cx.error(
            span,
            format_args!("the text of `{}` has no `i18n_content`", cur.node.tag),
        );
        return;
    }
    if in_flow {
        cx.error(
            span,
            "`<i18n>` cannot stand in `for`, `if` or `match`: a locale's text is given once; choose its value with `{expr}`",
        );
        return;
    }
    let mut seen: Vec<String> = cur.i18n.iter().map(|entry| entry.lang.clone()).collect();
    let Some(lang) = rules::lang_of(cx, el, &mut seen) else {
        return;
    };
    let val = match el.children.as_slice() {
        [Child::Text(lit)] => value::content_lit(lit),
        [Child::Expr(braced)] => Val::Expr(Conv::String, braced.expr.clone()),
        _ => {
            cx.error_spanned(
                el.open_tokens(),
                "`<i18n lang=\"..\">` in an element holds exactly one text: a string literal or `{expr}`",
            );
            return;
        }
    };
    cur.i18n.push(I18nEntry { lang, val, span });
}

/// Puts the `<i18n>` entries of `cur` into its text: `i18n_content` of the text object (made an
/// object built field by field, so that its `content` and each locale keep their own escaping),
/// or of the element itself where the text is a bare `content` (the `markdown` component).
pub(super) fn attach_i18n(cx: &Ctxt, cur: &mut Cur<'_>, obj: &mut Obj) {
    let entries = std::mem::take(&mut cur.i18n);
    let (Some(first), Some(tc)) = (entries.first(), &cur.node.text_child) else {
        return;
    };
    let set = |text: &mut Obj, entries: Vec<I18nEntry>| {
        for entry in entries {
            text.stmts.push(Stmt::Set(
                vec!["i18n_content".to_owned(), entry.lang],
                entry.val,
            ));
        }
    };
    if tc.form == TextForm::Raw {
        set(obj, entries);
        return;
    }
    let path = target(tc.field, cur.scope, cur.node);
    let at = obj
        .stmts
        .iter()
        .position(|stmt| matches!(stmt, Stmt::Set(p, _) if *p == path));
    let mut text = match at.map(|i| obj.stmts.remove(i)) {
        Some(Stmt::Set(_, val)) => match text_obj(val) {
            Ok(text) => text,
            Err(val) => {
                cx.error(
                    first.span,
                    format_args!(
                        "`<i18n>` translates a text written in the element; `{}` is given as `{{expr}}`, so put `i18n_content` in that value instead",
                        tc.field
                    ),
                );
                obj.stmts.push(Stmt::Set(path, *val));
                return;
            }
        },
        _ if cur.given.find(tc.field).is_some() => {
            cx.error(
                first.span,
                format_args!(
                    "`<i18n>` cannot translate a text chosen in `for`, `if` or `match`; give `{}` outside them",
                    tc.field
                ),
            );
            return;
        }
        _ => {
            // Only translations: a text object with `i18n_content` and no `content`, which 2.0
            // allows (reference-v2 §1.4: `content` may be replaced by `i18n_content`).
            let kind = cur
                .node
                .field(tc.field)
                .map_or("plain_text", |field| value::default_kind(&field.ty));
            mark(cur, tc.field, first.span);
            Obj {
                stmts: vec![Stmt::Set(
                    vec!["tag".to_owned()],
                    Val::Static(Value::from(kind)),
                )],
            }
        }
    };
    set(&mut text, entries);
    obj.stmts.push(Stmt::Set(path, Val::Object(text)));
}

/// A text object value as an object built field by field, or the value back when it is a user
/// `{expr}` whose fields are unknown.
fn text_obj(val: Val) -> Result<Obj, Box<Val>> {
    let field = |key: &str, val: Val| Stmt::Set(vec![key.to_owned()], val);
    let tag = |kind: &'static str| field("tag", Val::Static(Value::from(kind)));
    match val {
        Val::Static(Value::Object(map)) => Ok(Obj {
            stmts: map
                .into_iter()
                .map(|(key, value)| Stmt::Set(vec![key], Val::Static(value)))
                .collect(),
        }),
        Val::Object(obj) => Ok(obj),
        Val::Text(kind, Content::Format(lit)) => Ok(Obj {
            stmts: vec![tag(kind), field("content", Val::Format(lit))],
        }),
        Val::Text(kind, Content::Expr(expr)) => Ok(Obj {
            stmts: vec![tag(kind), field("content", Val::Expr(Conv::String, expr))],
        }),
        other => Err(Box::new(other)),
    }
}
