//! Every fixed set of strings used by the card JSON tables, values tagged with the version they
//! exist in where the versions differ.
//!
//! `rust_name` names the typed enum `card-runtime` generates from [`crate::enums()`], so each set
//! gets its own name even where two sets share their values (`TextAlign`, `HorizontalAlign`): the
//! fields mean different things and may diverge in later documentation.

use crate::EnumDef;

/// `fallback` of an [`EnumDef`]: `Some` for a style set (`style "<default>"`).
macro_rules! fallback {
    () => {
        None
    };
    ($fallback:literal) => {
        Some($fallback)
    };
}

/// One `pub static` per set; `style "<default>"` marks a set of looks whose out-of-set values
/// card JSON 1.0 replaces by that default (the field's documented default); `only { "v": V2 }`
/// tags the values that exist in one card JSON version only.
macro_rules! enum_defs {
    ($($(#[$doc:meta])* $ident:ident = $rust:literal $(style $fallback:literal)? [$first:literal $(, $value:literal)* $(,)?] $(only { $($only:literal: $version:ident),+ $(,)? })?;)+) => {
        $(
            $(#[$doc])*
            ///
            /// ```
            #[doc = concat!("let def = &card_schema::enums::", stringify!($ident), ";")]
            #[doc = concat!("assert_eq!(def.rust_name, \"", $rust, "\");")]
            #[doc = concat!("assert_eq!(def.values[0], \"", $first, "\");")]
            /// ```
            pub static $ident: EnumDef = EnumDef {
                rust_name: $rust,
                values: &[$first $(, $value)*],
                fallback: fallback!($($fallback)?),
                only: &[$($(($only, crate::Version::$version)),+)?],
            };
        )+
        /// Every enum above, in declaration order.
        pub(crate) static ALL: &[&EnumDef] = &[$(&$ident),+];
    };
}

enum_defs! {
    /// Top-level `schema`: card JSON generation.
    SCHEMA_VERSION = "SchemaVersion" ["1.0", "2.0"];
    /// `config.width_mode`: card width.
    WIDTH_MODE = "WidthMode" style "default" ["default", "compact", "fill"];
    /// Header `template`: title bar colour.
    HEADER_TEMPLATE = "HeaderTemplate" style "default" [
        "blue", "wathet", "turquoise", "green", "yellow", "orange", "red", "carmine", "violet",
        "purple", "indigo", "grey", "default",
    ];
    /// `text_tag` `color`.
    TEXT_TAG_COLOR = "TextTagColor" style "blue" [
        "neutral", "blue", "turquoise", "lime", "orange", "violet", "indigo", "wathet", "green",
        "yellow", "red", "purple", "carmine",
    ];
    /// `text_align` of text objects, markdown and table headers.
    TEXT_ALIGN = "TextAlign" style "left" ["left", "center", "right"];
    /// `horizontal_align` of containers and table columns.
    HORIZONTAL_ALIGN = "HorizontalAlign" style "left" ["left", "center", "right"];
    /// `vertical_align` of columns, panel headers and table columns.
    VERTICAL_ALIGN = "VerticalAlign" style "top" ["top", "center", "bottom"];
    /// Image `scale_type`.
    IMG_SCALE_TYPE = "ImgScaleType" style "crop_center" ["crop_center", "crop_top", "fit_horizontal"];
    /// Image `size` presets (a custom `"WxH px"` is also accepted).
    /// `stretch_without_padding` is gone in 2.0 (reference-v2 §6: use a negative `margin`).
    IMG_SIZE = "ImgSize" ["large", "medium", "small", "tiny", "stretch", "stretch_without_padding"]
        only { "stretch_without_padding": V1 };
    /// Legacy image `mode`.
    /// 2.0 adds `stretch` to the historical `mode` (reference-v2 §4.3).
    IMG_MODE = "ImgMode" ["crop_center", "fit_horizontal", "stretch", "large", "medium", "small", "tiny"]
        only { "stretch": V2 };
    /// `action` `layout`. `default` is not in the field table but the official overflow example
    /// sends it (UNCONFIRMED what it renders: presumably the unset layout).
    ACTION_LAYOUT = "ActionLayout" ["bisected", "trisection", "flow", "default"];
    /// Button `type` (the legacy three first, then the newer styles).
    BUTTON_TYPE = "ButtonType" style "default" [
        "default", "primary", "danger", "text", "primary_text", "danger_text", "primary_filled",
        "danger_filled", "laser",
    ];
    /// Button `size`.
    BUTTON_SIZE = "ButtonSize" style "medium" ["tiny", "small", "medium", "large"];
    /// `width` of buttons, selects, pickers and inputs (a `"<n>px"` value is also accepted).
    COMPONENT_WIDTH = "ComponentWidth" ["default", "fill"];
    /// Button `action_type` inside a form.
    FORM_ACTION_TYPE = "FormActionType" ["link", "request", "multi", "form_submit", "form_reset"];
    /// Select `type`: bordered or borderless.
    SELECT_TYPE = "SelectType" style "default" ["default", "text"];
    /// Input `input_type`.
    INPUT_TYPE = "InputType" ["text", "multiline_text", "password"];
    /// Input `label_position`.
    LABEL_POSITION = "LabelPosition" style "top" ["top", "left"];
    /// `behaviors[].type`.
    /// `form_action` is documented on the 1.0 button page only (reference-v2 §2.13: UNCONFIRMED
    /// in 2.0, where `form_action_type` is the documented way), so 2.0 refuses it.
    BEHAVIOR_TYPE = "BehaviorType" ["open_url", "callback", "form_action"]
        only { "form_action": V1 };
    /// `behaviors[].behavior` of a `form_action` behavior.
    FORM_BEHAVIOR = "FormBehavior" ["submit", "reset"];
    /// `column_set` `flex_mode`.
    FLEX_MODE = "FlexMode" ["none", "stretch", "flow", "bisect", "trisect"];
    /// `column_set` `horizontal_spacing` presets (a `"<n>px"` value is also accepted).
    HORIZONTAL_SPACING = "HorizontalSpacing" ["default", "small", "large"];
    /// `column` `vertical_spacing` presets (a `"<n>px"` value is also accepted).
    VERTICAL_SPACING = "VerticalSpacing" ["default", "medium", "large"];
    /// 2.0 `horizontal_spacing` / `vertical_spacing` presets (reference-v2 §2.3; a `"<n>px"`
    /// value in `[0,99]` is also accepted). `default` is not in the 2.0 set, but official 2.0
    /// examples use it (§2.3 CONFLICT; ex v2-64, v2-69, v2-73), so it stays accepted.
    SPACING = "Spacing" ["small", "medium", "large", "extra_large", "default"];
    /// 2.0 layout `direction` of the body and containers.
    DIRECTION = "Direction" ["vertical", "horizontal"];
    /// 2.0 text sizes (reference-v2 §2.7). A name defined in `config.style.text_size` is also
    /// accepted, so the field is checked against this set only where no custom size exists.
    TEXT_SIZE = "TextSize" [
        "heading-0", "heading-1", "heading-2", "heading-3", "heading-4", "heading", "normal",
        "notation", "xxxx-large", "xxx-large", "xx-large", "x-large", "large", "medium", "small",
        "x-small",
    ];
    /// 2.0 `checker` `text.text_size` (reference-v2 §5.11).
    CHECKER_TEXT_SIZE = "CheckerTextSize" ["normal", "heading", "notation"];
    /// 2.0 `table` `header_style.text_size` (reference-v2 §4.8).
    TABLE_HEADER_TEXT_SIZE = "TableHeaderTextSize" ["normal", "heading"];
    /// 2.0 `table` `header_style.text_color` (reference-v2 §4.8; §2.6 CONFLICT: the table's own
    /// set is read).
    TABLE_HEADER_TEXT_COLOR = "TableHeaderTextColor" ["default", "grey"];
    /// A locale key of 2.0 `config.locales` (the same 16 as [`crate::LOCALES`]).
    CARD_LOCALE = "CardLocale" [
        "zh_cn", "en_us", "zh_hk", "zh_tw", "ja_jp", "id_id", "vi_vn", "th_th", "pt_br", "es_es",
        "ko_kr", "de_de", "fr_fr", "it_it", "ru_ru", "ms_my",
    ];
    /// The `tag` of a text object written as a plain field (2.0 `checker.text`).
    TEXT_KIND = "TextKind" ["plain_text", "lark_md"];
    /// 2.0 `config.streaming_config.print_strategy`.
    PRINT_STRATEGY = "PrintStrategy" ["fast", "delay"];
    /// 2.0 `collapsible_panel` header `width`.
    PANEL_HEADER_WIDTH = "PanelHeaderWidth" ["fill", "auto", "auto_when_fold"];
    /// 2.0 `collapsible_panel` header `position` (only in the page's JSON structure, ex v2-27;
    /// UNCONFIRMED beyond `top`).
    PANEL_HEADER_POSITION = "PanelHeaderPosition" ["top"];
    /// 2.0 `audio` `time_display`.
    AUDIO_TIME_DISPLAY = "AudioTimeDisplay" ["default", "both"];
    /// 2.0 `audio` `time_position`.
    AUDIO_TIME_POSITION = "AudioTimePosition" ["end", "start", "both_sides"];
    /// 2.0 `audio` `style`.
    AUDIO_STYLE = "AudioStyle" ["normal", "flat", "speak"];
    /// `column` `width` presets (a `"<n>px"` value is also accepted).
    COLUMN_WIDTH = "ColumnWidth" ["auto", "weighted"];
    /// `interactive_container` `width` presets (a `"<n>px"` value is also accepted).
    CONTAINER_WIDTH = "ContainerWidth" ["fill", "auto"];
    /// The single preset `auto` of heights and table column widths (else a pixel value).
    AUTO = "Auto" ["auto"];
    /// `collapsible_panel` header `icon_position`.
    ICON_POSITION = "IconPosition" ["left", "right", "follow_text"];
    /// `person` / `person_list` `size`.
    PERSON_SIZE = "PersonSize" ["extra_small", "small", "medium", "large"];
    /// `person` `style`.
    PERSON_STYLE = "PersonStyle" style "normal" ["normal", "capsule"];
    /// `table` `row_height` presets (a `"<n>px"` value is also accepted).
    /// `auto` is 2.0 only (reference-v2 §4.8, client 7.33+).
    TABLE_ROW_HEIGHT = "TableRowHeight" ["low", "middle", "high", "auto"] only { "auto": V2 };
    /// `table` column `data_type`.
    TABLE_DATA_TYPE = "TableDataType" [
        "text", "lark_md", "options", "number", "persons", "date", "markdown",
    ];
    /// `table` `header_style.background_style`.
    TABLE_HEADER_BACKGROUND = "TableHeaderBackground" style "none" ["none", "grey"];
    /// `chart` `aspect_ratio`.
    CHART_ASPECT_RATIO = "ChartAspectRatio" ["1:1", "2:1", "4:3", "16:9"];
    /// `chart` `color_theme`.
    CHART_COLOR_THEME = "ChartColorTheme" ["brand", "rainbow", "complementary", "converse", "primary"];
    /// `img_combination` `combination_mode`.
    COMBINATION_MODE = "CombinationMode" ["double", "triple", "bisect", "trisect"];
    /// `checker` `button_area.pc_display_rule`.
    CHECKER_PC_DISPLAY_RULE = "CheckerPcDisplayRule" ["always", "on_hover"];
    /// `select_img` `style` while images load.
    SELECT_IMG_STYLE = "SelectImgStyle" style "default" ["default", "laser"];
    /// `select_img` `aspect_ratio` of the images.
    SELECT_IMG_ASPECT_RATIO = "SelectImgAspectRatio" ["1:1", "16:9", "4:3"];
    /// Button `form_action_type` inside a form (newer spelling of `action_type`).
    FORM_ACTION = "FormAction" ["submit", "reset"];
    /// `select_img` `layout`.
    SELECT_IMG_LAYOUT = "SelectImgLayout" ["stretch", "bisect", "trisect"];
}

#[cfg(test)]
mod tests {
    use crate::{EnumDef, Ty, Version, nodes};

    fn collect(ty: &Ty, out: &mut Vec<&'static EnumDef>) {
        match ty {
            Ty::Enum(def) | Ty::EnumOr(def, _) => out.push(def),
            Ty::Array(inner, _) | Ty::I18n(inner) | Ty::Map(inner) => collect(inner, out),
            _ => {}
        }
    }

    /// `enums()` lists exactly the enums the tables use, each once, with distinct Rust names.
    #[test]
    fn every_used_enum_is_listed_once() {
        let mut used = Vec::new();
        for node in Version::ALL.into_iter().flat_map(nodes) {
            for field in node.all_fields() {
                collect(&field.ty, &mut used);
            }
        }
        for def in super::ALL {
            assert!(
                used.iter().any(|u| std::ptr::eq(*u, *def)),
                "{} is unused",
                def.rust_name
            );
            let same_name = super::ALL
                .iter()
                .filter(|d| d.rust_name == def.rust_name)
                .count();
            assert_eq!(same_name, 1, "{}", def.rust_name);
        }
        for def in used {
            assert!(
                super::ALL.iter().any(|d| std::ptr::eq(*d, def)),
                "{} is not listed",
                def.rust_name
            );
        }
    }
}
