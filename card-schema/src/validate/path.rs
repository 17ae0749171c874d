//! JSON paths of findings (`$.elements[1].actions[0].text`): written while walking, read back
//! into [`Step`]s for structured violations.

use serde_json::Value;

use crate::Step;

/// `base.name`, or `base["name"]` when the key is not a plain identifier.
pub(super) fn key(base: &str, name: &str) -> String {
    let plain = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        format!("{base}.{name}")
    } else {
        format!("{base}[{}]", Value::from(name))
    }
}

/// The steps of a path written by [`key`] and [`index`] below `$`: the inverse of those two.
pub(super) fn steps(path: &str) -> Vec<Step> {
    let mut rest = path.strip_prefix('$').unwrap_or(path);
    let mut out = Vec::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            out.push(Step::Key(after[..end].to_owned()));
            rest = &after[end..];
        } else if rest.starts_with("[\"") {
            // A quoted key is a JSON string: read exactly one, escapes included.
            let mut stream = serde_json::Deserializer::from_str(&rest[1..]).into_iter::<String>();
            let Some(Ok(name)) = stream.next() else {
                break;
            };
            let used = 1 + stream.byte_offset();
            out.push(Step::Key(name));
            rest = rest[used..].strip_prefix(']').unwrap_or_default();
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']').unwrap_or(after.len());
            match after[..end].parse() {
                Ok(i) => out.push(Step::Index(i)),
                Err(_) => break,
            }
            rest = after.get(end + 1..).unwrap_or_default();
        } else {
            break;
        }
    }
    out
}

/// `a.b[2]`: steps written as a path relative to a value, for messages.
pub(super) fn relative(at: &[Step]) -> String {
    let path = at.iter().fold(String::new(), |path, step| match step {
        Step::Key(name) => key(&path, name),
        Step::Index(i) => index(&path, *i),
    });
    path.strip_prefix('.').map(str::to_owned).unwrap_or(path)
}

/// `base[i]`.
pub(super) fn index(base: &str, i: usize) -> String {
    format!("{base}[{i}]")
}
