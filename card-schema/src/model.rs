//! The shapes of the schema tables: what a node, a field, a type and a child rule are.
//!
//! Everything here is `'static` data so that the tables can be plain `static` items, read by the
//! `card!` macro at compile time and by [`crate::validate`] at run time alike.

/// Card JSON generation. Selected by the top-level `"schema"` field (`"2.0"`; absent or `"1.0"`
/// means 1.0).
///
/// ```
/// use card_schema::{Version, node};
/// assert!(node(Version::V1, "note").is_some());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Version {
    /// Card JSON 1.0 ("message card"): unknown fields are ignored by Feishu.
    V1,
    /// Card JSON 2.0: unknown fields are rejected by Feishu.
    V2,
}

impl Version {
    /// The version of a card without a `schema` field (what `card!` writes).
    ///
    /// ```
    /// assert_eq!(card_schema::Version::UNMARKED, card_schema::Version::of_schema(None));
    /// ```
    pub const UNMARKED: Self = Self::V1;

    /// The version a card's top-level `schema` selects: `"2.0"` is 2.0; absent, `"1.0"` or
    /// anything else is read as 1.0 (an invalid `schema` is reported by the `schema` field).
    ///
    /// ```
    /// use card_schema::Version;
    /// assert_eq!(Version::of_schema(Some("2.0")), Version::V2);
    /// assert_eq!(Version::of_schema(Some("1.0")), Version::V1);
    /// ```
    pub fn of_schema(schema: Option<&str>) -> Self {
        Self::ALL
            .into_iter()
            .find(|version| Some(version.schema()) == schema)
            .unwrap_or(Self::UNMARKED)
    }

    /// Every version, oldest first.
    ///
    /// ```
    /// assert_eq!(card_schema::Version::ALL[0], card_schema::Version::V1);
    /// ```
    pub const ALL: [Self; 2] = [Self::V1, Self::V2];

    /// The other version (tables compare against it to name mix-ups).
    ///
    /// ```
    /// assert_eq!(card_schema::Version::V1.other(), card_schema::Version::V2);
    /// ```
    pub fn other(self) -> Self {
        match self {
            Self::V1 => Self::V2,
            Self::V2 => Self::V1,
        }
    }

    /// The `schema` value naming this version.
    ///
    /// ```
    /// assert_eq!(card_schema::Version::V2.schema(), "2.0");
    /// ```
    pub fn schema(self) -> &'static str {
        match self {
            Self::V1 => "1.0",
            Self::V2 => "2.0",
        }
    }
}

/// One named thing that can be written as a tag in `card!` and appears in card JSON: a component
/// (`div`, `button`, ...), a card-level part (`card`, `header`, `config`), or a sub-object
/// (`field`, `option`, `confirm`, `text_tag`, `plain_text`, ...).
///
/// ```
/// use card_schema::{Kind, Version, node};
/// let div = node(Version::V1, "div").unwrap();
/// assert_eq!((div.tag, div.kind, div.emits_tag), ("div", Kind::Display, true));
/// assert_eq!(div.one_of, &[&["text", "fields"][..]]);
/// ```
#[derive(Debug)]
pub struct Node {
    /// The tag as written in `card!` and, for components, as emitted in `"tag"`.
    pub tag: &'static str,
    /// What sort of node this is; drives placement rules.
    pub kind: Kind,
    /// Whether the JSON object carries `"tag": "<tag>"` (components, text objects, text_tag) or
    /// not (header, field, option, confirm, config, ...).
    pub emits_tag: bool,
    /// The card JSON versions this row exists in (tables are shared between versions).
    pub versions: &'static [Version],
    /// Every documented field of this node alone. Fields absent here and from
    /// [`Self::globals`] are unknown.
    pub fields: &'static [Field],
    /// The fields every node of this kind gains in this version, declared once per kind (like
    /// HTML's global attributes): in 2.0 every component's `element_id` and `margin`.
    /// [`Self::field`], [`Self::json_field`] and [`Self::all_fields`] see them.
    pub globals: &'static [Field],
    /// Where a string child (or `{expr}` text child, `<plain_text>`, `<lark_md>`) goes.
    pub text_child: Option<TextChild>,
    /// How element children map to this node's fields.
    pub children: &'static [ChildRule],
    /// Groups of fields of which at least one must be present (e.g. div: `text` or `fields`).
    pub one_of: &'static [&'static [&'static str]],
    /// Pairs of fields that must not both be present (e.g. button `url` and `multi_url`).
    pub exclusive: &'static [(&'static str, &'static str)],
    /// Rules between fields (an initial choice among the options, unique option values, a key
    /// that is not a link), checked by [`crate::ties`].
    pub ties: &'static [crate::Tie],
    /// Whether this node is a form: its interactive descendants need a `name` and it needs a
    /// submit button ([`crate::Tally::open_form`]).
    pub form: bool,
    /// Fields of which this component needs one inside a form: its role there (a button's
    /// `action_type` / `form_action_type`). The first is the one a message asks for.
    pub form_roles: &'static [&'static str],
    /// One line of documentation, shown in messages and in generated docs.
    pub doc: &'static str,
}

/// What sort of node a [`Node`] is.
///
/// ```
/// use card_schema::{Kind, Version, node};
/// assert_eq!(node(Version::V1, "form").unwrap().kind, Kind::Container);
/// assert_eq!(node(Version::V1, "confirm").unwrap().kind, Kind::Part);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The `card` root itself.
    Card,
    /// A component that shows content (div, markdown, hr, img, note, person, table, chart, ...).
    Display,
    /// An interactive component (button, selects, overflow, pickers, input, checker, select_img).
    Interactive,
    /// A component that holds other components (action, column_set, column, form,
    /// interactive_container, collapsible_panel).
    Container,
    /// A non-component object that only appears in a field of another node (header, field,
    /// option, confirm, text objects, ...).
    Part,
}

/// A field of a [`Node`].
///
/// ```
/// use card_schema::{Version, node};
/// let name = node(Version::V1, "button").unwrap().field("name").unwrap();
/// assert!(name.form_only && !name.required);
/// ```
#[derive(Debug)]
pub struct Field {
    /// The JSON key (and the attribute name in `card!`).
    pub name: &'static str,
    /// Where the value lands, relative to the node's object. Usually `&[name]`; card-level sugar
    /// uses e.g. `&["config", "update_multi"]` so that `<card update_multi>` fills
    /// `config.update_multi`.
    pub path: &'static [&'static str],
    /// The value's type.
    pub ty: Ty,
    /// Whether Feishu rejects the node without it.
    pub required: bool,
    /// The card JSON versions this field exists in.
    pub versions: &'static [Version],
    /// Only meaningful inside a `form` (e.g. `name`, `required`, `action_type`).
    pub form_only: bool,
    /// The documented value Feishu uses when the field is absent, as written in JSON (strings
    /// without quotes). On a required field it means Feishu accepts the absence:
    /// [`crate::validate`] warns about it; `card!` still requires the field.
    pub default: Option<&'static str>,
    /// One line of documentation.
    pub doc: &'static str,
}

/// The type of a field's value.
///
/// ```
/// use card_schema::{Ty, Version, node};
/// let text = &node(Version::V1, "button").unwrap().field("text").unwrap().ty;
/// assert!(matches!(text, Ty::Text { max_chars: Some(100), .. }));
/// ```
#[derive(Debug)]
pub enum Ty {
    /// `true` / `false`.
    Bool,
    /// An integer within `min..=max`.
    Int {
        /// Smallest allowed value.
        min: i64,
        /// Largest allowed value.
        max: i64,
    },
    /// Any JSON number.
    Number,
    /// A string, optionally limited in characters (Unicode scalar values).
    Str {
        /// Maximum length in characters, if documented.
        max_chars: Option<usize>,
    },
    /// One of a fixed set of strings.
    Enum(&'static EnumDef),
    /// One of a fixed set of strings, or a string matching a pattern (e.g. width `"120px"`).
    EnumOr(&'static EnumDef, Pattern),
    /// A string matching a pattern.
    Pattern(Pattern),
    /// A text object (`{"tag": "plain_text"|"lark_md", "content": ...}`); a bare string in
    /// `card!` becomes the first allowed kind.
    Text {
        /// Allowed text tags, the first one being the default.
        kinds: &'static [&'static str],
        /// Maximum `content` length in characters, if documented.
        max_chars: Option<usize>,
    },
    /// A sub-object described by another [`Node`] (looked up by tag, e.g. `"confirm"`).
    Object(&'static str),
    /// A single component admitted by the rule (e.g. div `extra`).
    Component(Admits),
    /// An array of components admitted by the rule (e.g. `elements`, `actions`).
    Components(Admits),
    /// An array of values of the inner type, with an optional maximum length.
    Array(&'static Self, Option<usize>),
    /// A JSON object from locale key (see [`crate::LOCALES`]) to values of the inner type.
    I18n(&'static Self),
    /// A JSON object with arbitrary string keys and values of the inner type.
    Map(&'static Self),
    /// Any JSON value (callback `value`, `chart_spec`, ...).
    Json,
}

/// A named set of allowed strings. `rust_name` names the typed enum `card-runtime` generates.
///
/// ```
/// let template = &card_schema::enums::HEADER_TEMPLATE;
/// assert_eq!(template.rust_name, "HeaderTemplate");
/// ```
#[derive(Debug)]
pub struct EnumDef {
    /// Name of the Rust enum in `card_runtime::enums` (e.g. `"ButtonType"`).
    pub rust_name: &'static str,
    /// The allowed JSON strings, in documentation order.
    pub values: &'static [&'static str],
    /// For a set of looks (colours, alignments, button styles): the value card JSON 1.0 shows
    /// instead of one outside the set, which [`crate::validate`] therefore only warns about.
    /// `None`: an outside value breaks the card.
    pub fallback: Option<&'static str>,
    /// Values that exist in one card JSON version only (the version tag of a value): every
    /// value not listed here exists in every version using the set.
    pub only: &'static [(&'static str, Version)],
}

/// String shapes that are not a fixed set.
///
/// ```
/// assert!(card_schema::Pattern::Time.matches("09:30"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// `"<n>px"` with `min <= n <= max`.
    Px {
        /// Smallest pixel value.
        min: u32,
        /// Largest pixel value.
        max: u32,
    },
    /// CSS-like spacing: one to four `"<n>px"` values within `min..=max`, separated by spaces.
    Spacing {
        /// Smallest pixel value (may be negative for margins).
        min: i32,
        /// Largest pixel value.
        max: i32,
    },
    /// 2.0 margins and paddings: 1, 2 or 4 `"<n>px"` values within `min..=max` (`0` may omit
    /// the unit; 3 values are undocumented and refused), reference-v2 §2.2.
    ///
    /// ```
    /// let margin = card_schema::Pattern::Box { min: -99, max: 99 };
    /// assert!(margin.matches("4px -12px") && margin.matches("0 8px 0 8px") && margin.matches("0"));
    /// assert!(!margin.matches("4px 4px 4px") && !margin.matches("100px"));
    /// ```
    Box {
        /// Smallest pixel value (negative for margins).
        min: i32,
        /// Largest pixel value.
        max: i32,
    },
    /// `"<n>px"` or `"<n>%"`.
    PxOrPercent,
    /// `"<w>x<h> px"` custom image size (1..=1000 each).
    ImgSize,
    /// `yyyy-MM-dd`.
    Date,
    /// `HH:mm`.
    Time,
    /// `yyyy-MM-dd HH:mm`.
    DateTime,
    /// An `http://` or `https://` URL (or `lark://msgcard/unsupported_action`).
    Url,
    /// A colour: an enum name, a custom `config.style.color` name, or `rgba(...)`; not checked.
    Color,
    /// `^[A-Za-z][A-Za-z0-9_]{0,19}$` (2.0 `element_id`).
    ElementId,
    /// A name the card defines in `config.style.<style>` (2.0 custom text sizes and colours),
    /// one of `also`, or with `rgba`, an `rgba(r,g,b,a)` value. Alone it matches any string;
    /// [`crate::validate`] checks the name against the card's `config`.
    ///
    /// ```
    /// let size = card_schema::Pattern::StyleName { style: "text_size", also: &[], rgba: false };
    /// assert!(size.matches("title"));
    /// ```
    StyleName {
        /// The `config.style` map holding the names (`text_size`, `color`).
        style: &'static str,
        /// Other words the field takes (`default`).
        also: &'static [&'static str],
        /// Whether `rgba(...)` is accepted.
        rgba: bool,
    },
}

/// Which components a component-holding field or container admits.
///
/// ```
/// use card_schema::{Version, node};
/// let note = node(Version::V1, "note").unwrap();
/// assert!(note.admits().unwrap().admits("img"));
/// ```
#[derive(Clone, Copy, Debug)]
pub enum Admits {
    /// Exactly these tags.
    Only(&'static [&'static str]),
    /// Every component except these tags.
    AllExcept(&'static [&'static str]),
}

impl Admits {
    /// Whether `tag` is admitted.
    ///
    /// ```
    /// use card_schema::Admits;
    /// assert!(Admits::Only(&["button"]).admits("button"));
    /// assert!(!Admits::AllExcept(&["form"]).admits("form"));
    /// ```
    pub fn admits(&self, tag: &str) -> bool {
        match self {
            Self::Only(tags) => tags.contains(&tag),
            Self::AllExcept(tags) => !tags.contains(&tag),
        }
    }
}

/// Where a node's text child goes.
///
/// ```
/// use card_schema::{TextForm, Version, node};
/// let child = node(Version::V1, "markdown").unwrap().text_child.as_ref().unwrap();
/// assert_eq!((child.field, child.form), ("content", TextForm::Raw));
/// ```
#[derive(Debug)]
pub struct TextChild {
    /// The field that receives it.
    pub field: &'static str,
    /// How it is stored.
    pub form: TextForm,
}

/// How a text child is stored in its field.
///
/// ```
/// use card_schema::{TextForm, Version, node};
/// let note = node(Version::V1, "note").unwrap();
/// assert_eq!(note.text_child.as_ref().unwrap().form, TextForm::Push);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextForm {
    /// As a text object; the field's [`Ty::Text`] says which kinds are allowed.
    Object,
    /// As a bare string (markdown `content`, plain_text `content`).
    Raw,
    /// Pushed as a `plain_text` object onto an array field (note `elements`).
    Push,
}

/// How element children of a node fill its fields.
///
/// ```
/// use card_schema::{ChildRule, Version, node};
/// let div = node(Version::V1, "div").unwrap();
/// assert!(matches!(div.child_rule("extra"), Some(ChildRule::Slot { field: "extra", .. })));
/// ```
#[derive(Debug)]
pub enum ChildRule {
    /// Components go to `field` (an array), subject to the field's [`Ty::Components`] rule.
    Components {
        /// The array field (`elements`, `actions`, `columns`).
        field: &'static str,
    },
    /// A child `<tag ...>` (a [`Kind::Part`] node) becomes an object in `field`; `many` pushes onto
    /// an array, otherwise the child may appear once.
    Part {
        /// The child's tag as written in `card!` (e.g. `"field"`, `"option"`, `"header"`).
        tag: &'static str,
        /// The [`Node::tag`] of the node describing it; usually equal to `tag`, different where one
        /// written tag means different objects in different parents (the card `header` versus the
        /// `collapsible_panel` header, looked up as `"collapsible_panel.header"`).
        node: &'static str,
        /// The field it fills.
        field: &'static str,
        /// Whether several such children make an array.
        many: bool,
    },
    /// A wrapper child `<tag>` whose single component child becomes `field` (div `<extra>`).
    Slot {
        /// The wrapper tag (e.g. `"extra"`).
        tag: &'static str,
        /// The field it fills (its type is [`Ty::Component`]).
        field: &'static str,
    },
}

impl Node {
    /// The base of a component row: it emits its `tag` and has no text child, child rules,
    /// field groups or ties unless it says so (`..Node::COMPONENT`).
    ///
    /// ```
    /// use card_schema::{Kind, Node};
    /// static RULE: Node = Node { tag: "rule", kind: Kind::Display, doc: "a rule", ..Node::COMPONENT };
    /// assert!(RULE.emits_tag && RULE.children.is_empty());
    /// ```
    pub const COMPONENT: Self = Self {
        tag: "",
        kind: Kind::Display,
        emits_tag: true,
        versions: &[Version::V1],
        fields: &[],
        globals: &[],
        text_child: None,
        children: &[],
        one_of: &[],
        exclusive: &[],
        ties: &[],
        form: false,
        form_roles: &[],
        doc: "",
    };

    /// The base of a part row (`field`, `option`, `confirm`, ...): like
    /// [`Self::COMPONENT`], but a part writes no `tag`.
    ///
    /// ```
    /// assert!(!card_schema::Node::PART.emits_tag);
    /// ```
    pub const PART: Self = Self {
        kind: Kind::Part,
        emits_tag: false,
        ..Self::COMPONENT
    };

    /// The field written as attribute `name` in `card!` (for card-level sugar such as
    /// `update_multi`, the field whose [`Field::path`] goes through `config`).
    ///
    /// ```
    /// use card_schema::{Version, node};
    /// let card = node(Version::V1, "card").unwrap();
    /// assert_eq!(card.field("update_multi").unwrap().path, &["config", "update_multi"]);
    /// assert!(card.field("nope").is_none());
    /// ```
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.all_fields().find(|field| field.name == name)
    }

    /// The node's own fields, then the [`Self::globals`] of its kind.
    ///
    /// ```
    /// use card_schema::{Version, node};
    /// let hr = node(Version::V2, "hr").unwrap();
    /// let names: Vec<&str> = hr.all_fields().map(|f| f.name).collect();
    /// assert_eq!(names, ["element_id", "margin"]);
    /// ```
    pub fn all_fields(&self) -> impl Iterator<Item = &'static Field> + '_ {
        let (own, globals): (&'static [Field], &'static [Field]) = (self.fields, self.globals);
        own.iter().chain(globals)
    }

    /// The field stored under JSON key `key` directly in this node's object (sugar fields whose
    /// path goes deeper are skipped).
    ///
    /// ```
    /// use card_schema::{Version, node};
    /// let card = node(Version::V1, "card").unwrap();
    /// assert!(card.json_field("config").is_some());
    /// assert!(card.json_field("update_multi").is_none());
    /// ```
    pub fn json_field(&self, key: &str) -> Option<&'static Field> {
        self.all_fields().find(|field| field.path == [key])
    }

    /// Whether this node is a component (display, interactive or container), i.e. may stand in
    /// an `elements`-like array of a container.
    ///
    /// ```
    /// use card_schema::{Version, node};
    /// assert!(node(Version::V1, "button").unwrap().is_component());
    /// assert!(!node(Version::V1, "option").unwrap().is_component());
    /// ```
    pub fn is_component(&self) -> bool {
        matches!(
            self.kind,
            Kind::Display | Kind::Interactive | Kind::Container
        )
    }

    /// The array field that receives this node's component children, if it has one.
    ///
    /// ```
    /// use card_schema::{Version, node};
    /// assert_eq!(node(Version::V1, "action").unwrap().components_field().unwrap().name, "actions");
    /// assert!(node(Version::V1, "hr").unwrap().components_field().is_none());
    /// ```
    pub fn components_field(&self) -> Option<&'static Field> {
        self.children.iter().find_map(|rule| match rule {
            ChildRule::Components { field } => self.field(field),
            _ => None,
        })
    }

    /// Which components this node's component children may be.
    ///
    /// ```
    /// use card_schema::{Version, node};
    /// let column_set = node(Version::V1, "column_set").unwrap();
    /// assert!(column_set.admits().unwrap().admits("column"));
    /// assert!(!column_set.admits().unwrap().admits("div"));
    /// ```
    pub fn admits(&self) -> Option<Admits> {
        match self.components_field()?.ty {
            Ty::Components(admits) => Some(admits),
            _ => None,
        }
    }

    /// Where a `<tag>` child element goes: the [`ChildRule::Part`] or [`ChildRule::Slot`] rule for
    /// that written tag.
    ///
    /// ```
    /// use card_schema::{ChildRule, Version, node};
    /// let panel = node(Version::V1, "collapsible_panel").unwrap();
    /// assert!(matches!(
    ///     panel.child_rule("header"),
    ///     Some(ChildRule::Part { node: "collapsible_panel.header", .. })
    /// ));
    /// ```
    pub fn child_rule(&self, tag: &str) -> Option<&'static ChildRule> {
        self.children.iter().find(|rule| match rule {
            ChildRule::Part { tag: t, .. } | ChildRule::Slot { tag: t, .. } => *t == tag,
            ChildRule::Components { .. } => false,
        })
    }
}
