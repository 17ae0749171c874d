//! Text children: string literals, `{expr}` text and explicit `<plain_text>` / `<lark_md>`
//! objects, put where the schema's `TextChild` says.

use card_schema::{Field, TextForm, Ty};
use proc_macro2::Span;
use syn::LitStr;

use super::{Cur, State, element, mark, mark_single, rules, target, value};
use crate::ast::Element;
use crate::ctxt::Ctxt;
use crate::ir::{Content, Conv, Stmt, Val};

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
                TextSource::Lit(lit) => value::text_lit(cx, cur.node, None, lit, "plain_text"),
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
                    value::text_lit(cx, cur.node, Some(field), lit, kind)
                }
                (TextSource::Lit(lit), _) => value::string_lit(cx, cur.node, field, lit),
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
        rules::unknown_element(cx, st.version, el, &[]);
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
