//! `spec/v1.json` and `spec/v2.json` are the exports of the card JSON 1.0 and 2.0 specs, kept
//! fresh: regenerate them with `UPDATE_SPEC=1 cargo test -p card-schema --test spec_json` after
//! changing the tables, and read the diff like code.

use card_schema::{Version, spec, spec_json};

fn fresh_export(version: Version) {
    let path = format!(
        "{}/spec/v{}.json",
        env!("CARGO_MANIFEST_DIR"),
        &version.schema()[..1]
    );
    let fresh = spec_json(spec(version));
    if std::env::var_os("UPDATE_SPEC").is_some() {
        let mut text = serde_json::to_string_pretty(&fresh).unwrap();
        text.push('\n');
        std::fs::write(&path, text).unwrap();
    }
    // Compared as JSON values: key order follows serde_json's features, not the export.
    let checked_in: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_default())
            .unwrap_or_default();
    assert!(
        checked_in == fresh,
        "{path} is stale; run `UPDATE_SPEC=1 cargo test -p card-schema --test spec_json` and \
         review the diff"
    );
}

#[test]
fn v1_json_is_the_export_of_the_tables() {
    fresh_export(Version::V1);
}

#[test]
fn v2_json_is_the_export_of_the_tables() {
    fresh_export(Version::V2);
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

#[test]
fn v2_export_carries_globals_version_tags_and_severities() {
    let json = spec_json(spec(Version::V2));
    assert_eq!(json["version"], "2.0");
    assert_eq!(json["limits"]["max_tagged"], 200);
    let nodes = json["nodes"].as_array().unwrap();
    let hr = nodes.iter().find(|n| n["tag"] == "hr").unwrap();
    let names: Vec<&str> = hr["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["element_id", "margin"]);
    let row_height = json["enums"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "TableRowHeight")
        .unwrap();
    assert!(
        row_height["values"]
            .as_array()
            .unwrap()
            .contains(&"auto".into())
    );
    let unknown = json["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "UnknownField")
        .unwrap();
    assert_eq!(unknown["severity"], "error");
    assert!(
        json["migrations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["node"] == "action")
    );
}
