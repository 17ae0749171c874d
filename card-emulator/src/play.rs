//! Turns what the user does ([`Action`]) into the `action` object Feishu reports for it
//! (reference §6.4, v2 §8 and §11), after checking that the user could do it on the stored
//! card: the component exists and is enabled, the option exists, the value has the right
//! shape, a form's required fields are filled. Both callback envelopes carry this object.

use serde_json::{Map, Value, json};

use crate::click::ClickError;
use crate::fields::{self, FORM_FIELDS, refused};
use crate::interact::{Action, Submit, Target, Timezone};
use crate::walk::{Found, components, find, find_button};

const PICKERS: &[&str] = &["date_picker", "picker_time", "picker_datetime"];
const SELECTS: &[&str] = &["select_static", "select_person", "select_img"];

/// The `action` object for `action` on `card`, or why the user cannot do it.
pub(crate) fn play(
    message_id: &str,
    card: &Value,
    action: &Action,
    zone: &Timezone,
) -> Result<Value, ClickError> {
    if !zone.is_valid() {
        return Err(ClickError::Refused {
            component: format!("timezone `{}`", zone.name()),
            reason: format!("offset `{}` is not ±HHMM", zone.offset()),
        });
    }
    let found = components(card);
    let v2 = card["schema"] == "2.0";
    let missing = |tags: &[&str], target: &Target| ClickError::NoSuchComponent {
        message_id: message_id.to_owned(),
        wanted: format!("{} {target}", tags.join(" / ")),
    };
    let locate = |tags: &[&str], target: &Target| {
        let component = find(&found, tags, target).ok_or_else(|| missing(tags, target))?;
        standalone(&component)?;
        Ok::<_, ClickError>(component)
    };
    match action {
        Action::Button(button) => {
            let component = find_button(&found, button)
                .ok_or_else(|| ClickError::NoSuchButton(message_id.to_owned()))?;
            enabled(&component)?;
            let Some(form) = component.form else {
                // Without `behaviors` a button calls back with no value (reference v2 §2.13);
                // with behaviors but no callback one it only opens its link (UNCONFIRMED: no
                // page says so outright; refusing keeps a test from relying on a callback
                // Feishu may never send).
                if component.node.contains_key("behaviors") && !component.has_callback_behavior() {
                    return Err(refused(
                        &component,
                        "its behaviors have no callback: it only opens its link",
                    ));
                }
                return Ok(reported(&component));
            };
            match component.form_action() {
                Some("submit") => submit_with(&found, form, &component, &Map::new(), zone, v2),
                Some("reset") => Err(refused(
                    &component,
                    "a reset button restores the initial values on the client and sends no callback",
                )),
                _ => Err(refused(
                    &component,
                    format!(
                        "it sits in form `{}`, where only a submit button calls back",
                        component.form_name()
                    ),
                )),
            }
        }
        Action::Container(target) => {
            let component = locate(&["interactive_container"], target)?;
            if !component.has_callback_behavior() {
                return Err(refused(
                    &component,
                    "it has no callback behavior (an open_url container only opens a link)",
                ));
            }
            // The tag Feishu reports for a container click is not documented (reference v2
            // §11 gives only its `value`); UNCONFIRMED: its own tag, as every other component.
            Ok(reported(&component))
        }
        Action::Input { target, text } => {
            let component = locate(&["input"], target)?;
            let mut action = reported(&component);
            action["input_value"] = fields::text(&component, text)?;
            Ok(action)
        }
        Action::Select { target, option } => {
            let component = locate(SELECTS, target)?;
            let mut action = reported(&component);
            if component.tag == "select_img" {
                if component.node.get("multi_select") == Some(&Value::Bool(true)) {
                    return Err(refused(
                        &component,
                        "a multi-select select_img only submits with its form",
                    ));
                }
                // Printed as a string under `options` for the single-select case (v2 §11).
                action["options"] = fields::choice(&component, option)?;
            } else {
                action["option"] = fields::choice(&component, option)?;
            }
            Ok(action)
        }
        Action::Overflow { target, option } => {
            let component = locate(&["overflow"], target)?;
            let mut action = reported(&component);
            action["option"] = fields::choice(&component, option)?;
            Ok(action)
        }
        Action::Pick { target, value } => {
            let component = locate(PICKERS, target)?;
            let mut action = reported(&component);
            action["option"] = fields::moment(&component, value, zone)?;
            action["timezone"] = Value::from(zone.name());
            Ok(action)
        }
        Action::Check { target, checked } => {
            let component = locate(&["checker"], target)?;
            if component.callback_value().is_none() && !component.has_callback_behavior() {
                return Err(refused(
                    &component,
                    "without a callback behavior ticking is local to the client and sends nothing",
                ));
            }
            let mut action = reported(&component);
            action["checked"] = Value::Bool(*checked);
            Ok(action)
        }
        Action::Submit(submit) => submit_form(message_id, &found, submit, zone, v2),
    }
}

/// What every callback reports of its component: `tag`, `name`, and the callback `value`
/// (absent if none set).
fn reported(component: &Found<'_>) -> Value {
    let mut action = json!({"tag": component.tag});
    if let Some(value) = component.callback_value().filter(|v| !v.is_null()) {
        action["value"] = value.clone();
    }
    if let Some(name) = component.name() {
        action["name"] = Value::from(name);
    }
    action
}

fn enabled(component: &Found<'_>) -> Result<(), ClickError> {
    if component.is_disabled() {
        Err(refused(component, "it is disabled"))
    } else {
        Ok(())
    }
}

/// A component that calls back on its own: enabled and outside any form (v2 §8.7).
fn standalone(component: &Found<'_>) -> Result<(), ClickError> {
    enabled(component)?;
    if component.form.is_some() {
        return Err(refused(
            component,
            format!(
                "it sits in form `{}`: components in a form do not call back on their own, submit the form",
                component.form_name()
            ),
        ));
    }
    Ok(())
}

fn submit_form(
    message_id: &str,
    found: &[Found<'_>],
    submit: &Submit,
    zone: &Timezone,
    v2: bool,
) -> Result<Value, ClickError> {
    let forms: Vec<&Found<'_>> = found.iter().filter(|f| f.tag == "form").collect();
    let form = match &submit.form {
        Some(name) => forms.iter().find(|f| f.name() == Some(name.as_str())),
        None if forms.len() == 1 => forms.first(),
        None if forms.is_empty() => None,
        None => {
            return Err(ClickError::Refused {
                component: "form".to_owned(),
                reason: format!("the card has {} forms: name the one to submit", forms.len()),
            });
        }
    }
    .ok_or_else(|| ClickError::NoSuchComponent {
        message_id: message_id.to_owned(),
        wanted: match &submit.form {
            Some(name) => format!("form named `{name}`"),
            None => "form".to_owned(),
        },
    })?;
    let in_form = |f: &&Found<'_>| f.form.is_some_and(|owner| std::ptr::eq(owner, form.node));
    let mut submits = found
        .iter()
        .filter(in_form)
        .filter(|f| f.tag == "button" && f.form_action() == Some("submit"));
    let button = match &submit.button {
        Some(name) => submits.find(|f| f.name() == Some(name.as_str())),
        None => submits.next(),
    }
    .ok_or_else(|| ClickError::NoSuchComponent {
        message_id: message_id.to_owned(),
        wanted: match &submit.button {
            Some(name) => format!("submit button named `{name}` in form {}", form.describe()),
            None => format!("submit button in form {}", form.describe()),
        },
    })?;
    enabled(button)?;
    submit_with(found, form.node, button, &submit.fields, zone, v2)
}

/// The submit of `form` by `button`: `form_value` holds every field's value, the given one or
/// else its initial one; the client refuses while a required field is empty.
fn submit_with(
    found: &[Found<'_>],
    form: &Map<String, Value>,
    button: &Found<'_>,
    given: &Map<String, Value>,
    zone: &Timezone,
    v2: bool,
) -> Result<Value, ClickError> {
    let form_name = button.form_name();
    let fields: Vec<&Found<'_>> = found
        .iter()
        .filter(|f| f.form.is_some_and(|owner| std::ptr::eq(owner, form)))
        .filter(|f| FORM_FIELDS.contains(&f.tag))
        .collect();
    if let Some(unknown) = given
        .keys()
        .find(|name| !fields.iter().any(|f| f.name() == Some(name.as_str())))
    {
        return Err(ClickError::Refused {
            component: format!("form `{form_name}`"),
            reason: format!("it has no field named `{unknown}`"),
        });
    }
    let mut form_value = Map::new();
    for field in fields {
        // Feishu requires a name on every field of a form; one without cannot be reported.
        let Some(name) = field.name() else { continue };
        let value = match given.get(name) {
            Some(value) => {
                enabled(field)?;
                Some(fields::given(field, value, zone)?)
            }
            None => fields::initial(field, zone),
        };
        let value = value.filter(fields::is_filled);
        if fields::is_required(field, v2) && value.is_none() {
            return Err(ClickError::RequiredMissing {
                form: form_name.to_owned(),
                field: name.to_owned(),
            });
        }
        // An empty field is left out of `form_value`: the documented callbacks show only
        // filled fields, and no page prints an empty one (UNCONFIRMED).
        if let Some(value) = value {
            form_value.insert(name.to_owned(), value);
        }
    }
    let mut action = reported(button);
    action["form_value"] = Value::Object(form_value);
    action["timezone"] = Value::from(zone.name());
    Ok(action)
}
