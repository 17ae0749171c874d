//! Generates the typed enums (`$OUT_DIR/enums.rs`, included by `src/enums.rs`) from the schema's
//! enum tables, so the macro's literal checks and the Rust types can never disagree.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let mut out = String::new();
    // `enums()` lists each set once under a distinct name (card-schema's tests hold that).
    for def in card_schema::enums() {
        write_enum(&mut out, def.rust_name, def.values);
    }
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dir.join("enums.rs"), out).expect("write $OUT_DIR/enums.rs");
}

fn write_enum(out: &mut String, name: &str, values: &[&str]) {
    let variants: Vec<String> = values.iter().map(|v| variant_name(v)).collect();
    let mut unique = BTreeSet::new();
    for (variant, value) in variants.iter().zip(values) {
        assert!(
            unique.insert(variant),
            "enum `{name}`: `{value}` gives a duplicate variant `{variant}`"
        );
    }
    let list = values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let (first_variant, first_value) = (&variants[0], values[0]);
    let _ = writeln!(
        out,
        "/// The allowed values {list}, as a type: an `{{expr}}` of this type fills an attribute that\n\
         /// takes one of them.\n///\n/// ```\n/// use card_runtime::{name};\n\
         /// assert_eq!({name}::{first_variant}.as_str(), {first_value:?});\n\
         /// assert_eq!({first_value:?}.parse::<{name}>(), Ok({name}::{first_variant}));\n\
         /// assert_eq!({name}::{first_variant}.to_string(), {first_value:?});\n\
         /// assert_eq!(serde_json::to_value({name}::{first_variant}).unwrap(), {first_value:?});\n\
         /// ```\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]\n\
         pub enum {name} {{"
    );
    for (variant, value) in variants.iter().zip(values) {
        let _ = writeln!(
            out,
            "    /// `\"{value}\"`.\n    #[serde(rename = {value:?})]\n    {variant},"
        );
    }
    let _ = writeln!(out, "}}\n\nimpl {name} {{");
    let _ = writeln!(
        out,
        "    /// Every value, in documentation order.\n    ///\n    /// ```\n    /// assert_eq!(card_runtime::{name}::ALL.len(), {count});\n    /// ```\n    pub const ALL: &[Self] = &[",
        count = values.len()
    );
    for variant in &variants {
        let _ = writeln!(out, "        Self::{variant},");
    }
    let _ = writeln!(
        out,
        "    ];\n\n    /// The JSON string.\n    ///\n    /// ```\n    /// assert_eq!(card_runtime::{name}::{first_variant}.as_str(), {first_value:?});\n    /// ```\n    pub const fn as_str(self) -> &'static str {{\n        match self {{"
    );
    for (variant, value) in variants.iter().zip(values) {
        let _ = writeln!(out, "            Self::{variant} => {value:?},");
    }
    let _ = writeln!(out, "        }}\n    }}\n}}\n");
    let _ = writeln!(
        out,
        "impl std::fmt::Display for {name} {{\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{\n        f.write_str(self.as_str())\n    }}\n}}\n\n\
         impl std::str::FromStr for {name} {{\n    type Err = ParseEnumError;\n\n    fn from_str(s: &str) -> Result<Self, ParseEnumError> {{\n        match s {{"
    );
    for (variant, value) in variants.iter().zip(values) {
        let _ = writeln!(out, "            {value:?} => Ok(Self::{variant}),");
    }
    let _ = writeln!(
        out,
        "            _ => Err(ParseEnumError::new({name:?}, s, &[{}])),\n        }}\n    }}\n}}\n\n\
         impl crate::__private::CardEnum for {name} {{\n    fn json_str(self) -> &'static str {{\n        self.as_str()\n    }}\n}}\n",
        values
            .iter()
            .map(|v| format!("{v:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
}

/// CamelCase variant for a JSON string: `primary_text` -> `PrimaryText`, `heading-0` ->
/// `Heading0`, `16:9` -> `Ratio16_9`, `120px`-style leading digits -> `N120px`.
fn variant_name(value: &str) -> String {
    let parts: Vec<&str> = value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect();
    let mut name = String::new();
    for (i, part) in parts.iter().enumerate() {
        let prev_digit = name.chars().last().is_some_and(|c| c.is_ascii_digit());
        if i > 0 && prev_digit && part.starts_with(|c: char| c.is_ascii_digit()) {
            name.push('_');
        }
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            name.push(first.to_ascii_uppercase());
            name.extend(chars);
        }
    }
    if value.contains(':') {
        name.insert_str(0, "Ratio");
    } else if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'N');
    }
    name
}
