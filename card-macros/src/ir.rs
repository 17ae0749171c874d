//! The checked card: what to build, with every schema decision already taken by `check`, so that
//! `expand` is a plain, infallible translation to tokens.

use card_schema::Version;
use serde_json::{Map, Value};
use syn::{Expr, LitStr, Pat};

/// A JSON value to build.
pub(crate) enum Val {
    /// Known at compile time.
    Static(Value),
    /// An interpolated string literal: `format!(lit)`.
    Format(LitStr),
    /// A text object of kind `kind` whose content is an interpolated literal or an expression.
    Text(&'static str, Content),
    /// A user expression converted as the field's type says.
    Expr(Conv, Expr),
    /// An object built field by field.
    Object(Obj),
    /// An array of values (JSON-like array literals).
    Array(Vec<Self>),
}

/// The content of a dynamic text object.
pub(crate) enum Content {
    Format(LitStr),
    Expr(Expr),
}

/// How a user `{expr}` becomes JSON: each maps to one helper in `card_runtime::__private`.
pub(crate) enum Conv {
    /// Any `Serialize`.
    Json,
    /// A text object, `Display` (or `Text`), with the field's default kind.
    Text(&'static str),
    /// A bare string from `Display`.
    String,
    Bool,
    Int,
    Number,
    /// The typed enum of that name.
    Enum(&'static str),
    /// The typed enum of that name, or a string.
    EnumOr(&'static str),
    /// One component fragment of that card JSON version (a slot such as `<extra>{frag}</extra>`).
    Component(Version),
}

/// An object: statements run in order (array pushes keep their order; field sets are a map).
#[derive(Default)]
pub(crate) struct Obj {
    pub(crate) stmts: Vec<Stmt>,
}

/// A key path inside the object being built: `["config", "update_multi"]`, `["i18n_elements",
/// "zh_cn"]`, or a single key.
pub(crate) type Path = Vec<String>;

pub(crate) enum Stmt {
    /// Sets the field at the path.
    Set(Path, Val),
    /// Appends to the array at the path.
    Push(Path, Val),
    /// Appends component fragments (`{expr}` among component children) to the array at the path;
    /// the version is the card's, which the fragments' type must match.
    Extend(Path, Expr, Version),
    For(Pat, Expr, Vec<Self>),
    If(Expr, Vec<Self>, Option<Vec<Self>>),
    Match(Expr, Vec<(Pat, Option<Expr>, Vec<Self>)>),
}

impl Val {
    /// The value, if it is fully known at compile time.
    pub(crate) fn as_static(&self) -> Option<Value> {
        match self {
            Self::Static(value) => Some(value.clone()),
            Self::Object(obj) => obj.as_static().map(Value::Object),
            Self::Array(items) => items
                .iter()
                .map(Self::as_static)
                .collect::<Option<_>>()
                .map(Value::Array),
            Self::Format(_) | Self::Text(..) | Self::Expr(..) => None,
        }
    }
}

impl Obj {
    /// The object, if every statement is static (no expressions, no control flow).
    pub(crate) fn as_static(&self) -> Option<Map<String, Value>> {
        let mut map = Map::new();
        for stmt in &self.stmts {
            match stmt {
                Stmt::Set(path, val) => set_path(&mut map, path, val.as_static()?),
                Stmt::Push(path, val) => push_path(&mut map, path, val.as_static()?),
                Stmt::Extend(..) | Stmt::For(..) | Stmt::If(..) | Stmt::Match(..) => return None,
            }
        }
        Some(map)
    }

    /// The fields known at compile time: each top-level field whose statements are all static,
    /// none of them in control flow or a splice. Rules between fields (`card_schema::ties`) are
    /// checked on these; a field built at run time is left to `Card::validate`.
    pub(crate) fn known_fields(&self) -> Map<String, Value> {
        let mut dynamic = Vec::new();
        for stmt in &self.stmts {
            match stmt {
                Stmt::Set(path, val) | Stmt::Push(path, val) if val.as_static().is_none() => {
                    dynamic.extend(path.first().cloned());
                }
                Stmt::Set(..) | Stmt::Push(..) => {}
                Stmt::Extend(path, ..) => dynamic.extend(path.first().cloned()),
                Stmt::For(..) | Stmt::If(..) | Stmt::Match(..) => {
                    touched_fields(std::slice::from_ref(stmt), &mut dynamic);
                }
            }
        }
        let mut map = Map::new();
        for stmt in &self.stmts {
            let (Stmt::Set(path, val) | Stmt::Push(path, val)) = stmt else {
                continue;
            };
            if path.first().is_none_or(|field| dynamic.contains(field)) {
                continue;
            }
            if let Some(value) = val.as_static() {
                match stmt {
                    Stmt::Set(..) => set_path(&mut map, path, value),
                    _ => push_path(&mut map, path, value),
                }
            }
        }
        map
    }

    /// Paths of the arrays this object pushes to, in first-use order, including pushes inside
    /// control flow (an array filled only in a loop still exists, maybe empty).
    pub(crate) fn array_paths(&self) -> Vec<Path> {
        let mut paths = Vec::new();
        collect_arrays(&self.stmts, &mut paths);
        paths
    }
}

/// Appends the paths of the arrays `stmts` push to (inside control flow too), without repeats.
pub(crate) fn collect_arrays(stmts: &[Stmt], out: &mut Vec<Path>) {
    for stmt in stmts {
        match stmt {
            Stmt::Push(path, _) | Stmt::Extend(path, ..) => {
                if !out.contains(path) {
                    out.push(path.clone());
                }
            }
            Stmt::Set(..) => {}
            Stmt::For(_, _, body) => collect_arrays(body, out),
            Stmt::If(_, then, otherwise) => {
                collect_arrays(then, out);
                if let Some(otherwise) = otherwise {
                    collect_arrays(otherwise, out);
                }
            }
            Stmt::Match(_, arms) => {
                for (_, _, body) in arms {
                    collect_arrays(body, out);
                }
            }
        }
    }
}

/// Appends the top-level fields `stmts` write, inside control flow too.
fn touched_fields(stmts: &[Stmt], out: &mut Vec<String>) {
    for stmt in stmts {
        match stmt {
            Stmt::Set(path, _) | Stmt::Push(path, _) | Stmt::Extend(path, ..) => {
                out.extend(path.first().cloned());
            }
            Stmt::For(_, _, body) => touched_fields(body, out),
            Stmt::If(_, then, otherwise) => {
                touched_fields(then, out);
                touched_fields(otherwise.as_deref().unwrap_or_default(), out);
            }
            Stmt::Match(_, arms) => {
                for (_, _, body) in arms {
                    touched_fields(body, out);
                }
            }
        }
    }
}

/// Sets `path` in `map`, creating intermediate objects.
pub(crate) fn set_path(map: &mut Map<String, Value>, path: &[String], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    if let Some(map) = descend(map, parents) {
        map.insert(last.clone(), value);
    }
}

/// Appends to the array at `path`, creating it.
pub(crate) fn push_path(map: &mut Map<String, Value>, path: &[String], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let Some(map) = descend(map, parents) else {
        return;
    };
    let slot = map
        .entry(last.clone())
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(items) = slot {
        items.push(value);
    } else {
        *slot = Value::Array(vec![value]);
    }
}

/// The object at `keys` below `map`, creating (or replacing non-objects with) empty objects.
fn descend<'m>(
    mut map: &'m mut Map<String, Value>,
    keys: &[String],
) -> Option<&'m mut Map<String, Value>> {
    for key in keys {
        let slot = map
            .entry(key.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        if !slot.is_object() {
            *slot = Value::Object(Map::new());
        }
        let Value::Object(inner) = slot else {
            return None;
        };
        map = inner;
    }
    Some(map)
}
