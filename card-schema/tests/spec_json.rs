//! `spec/v1.json` is the export of the card JSON 1.0 spec, kept fresh: regenerate it with
//! `UPDATE_SPEC=1 cargo test -p card-schema --test spec_json` after changing the tables, and
//! read the diff like code.

use card_schema::{Version, spec, spec_json};

#[test]
fn v1_json_is_the_export_of_the_tables() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/spec/v1.json");
    let fresh = spec_json(spec(Version::V1));
    if std::env::var_os("UPDATE_SPEC").is_some() {
        let mut text = serde_json::to_string_pretty(&fresh).unwrap();
        text.push('\n');
        std::fs::write(path, text).unwrap();
    }
    // Compared as JSON values: key order follows serde_json's features, not the export.
    let checked_in: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_default())
            .unwrap_or_default();
    assert!(
        checked_in == fresh,
        "card-schema/spec/v1.json is stale; run `UPDATE_SPEC=1 cargo test -p card-schema --test \
         spec_json` and review the diff"
    );
}

#[test]
fn every_node_and_enum_is_exported() {
    let json = spec_json(spec(Version::V1));
    let nodes = json["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), spec(Version::V1).nodes.len());
    assert_eq!(
        json["enums"].as_array().unwrap().len(),
        card_schema::enums().len()
    );
    let template = json["enums"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "HeaderTemplate")
        .unwrap();
    assert_eq!(template["fallback"], "default");
    let column = nodes.iter().find(|n| n["tag"] == "table.column").unwrap();
    let data_type = column["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "data_type")
        .unwrap();
    assert_eq!(data_type["default"], "text");
}
