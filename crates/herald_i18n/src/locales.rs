//! The table of interface locales Herald ships, with their Fluent files embedded.

/// The locale every lookup falls back to, and the reference the completeness test compares
/// every other locale with.
pub const FALLBACK: &str = "en";

/// How a locale writes a date on its own; the date-and-time form uses the same length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// CLDR's long date: "November 26, 2026", "۵ آذر ۱۴۰۵".
    Long,
    /// CLDR's medium date: "Nov 26, 2026".
    Medium,
    /// CLDR's short, usually numeric date: "26/11/2026".
    Short,
}

/// One interface locale Herald has messages for.
#[derive(Debug)]
pub struct SupportedLocale {
    /// The canonical BCP 47 tag, which is also the folder name under `locales/`.
    pub tag: &'static str,
    /// How the locale's news pages write dates.
    pub date_style: DateStyle,
    /// The locale's Fluent files, as embedded at build time.
    pub files: &'static [LocaleFile],
}

/// One embedded Fluent file.
#[derive(Debug)]
pub struct LocaleFile {
    /// The file name, e.g. `site.ftl`.
    pub name: &'static str,
    /// The file's text.
    pub source: &'static str,
}

/// Embeds `locales/<tag>/<file>` for each of the areas every locale has.
macro_rules! locale {
    ($tag:literal, $date_style:ident) => {
        SupportedLocale {
            tag: $tag,
            date_style: DateStyle::$date_style,
            files: &[
                locale!(@file $tag, "site.ftl"),
                locale!(@file $tag, "errors.ftl"),
            ],
        }
    };
    (@file $tag:literal, $name:literal) => {
        LocaleFile {
            name: $name,
            source: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/", $tag, "/", $name)),
        }
    };
}

/// Every interface locale, in the order a language switcher lists them by default. A new
/// locale is its folder under `locales/` plus one line here.
pub const SUPPORTED: &[SupportedLocale] = &[
    locale!("en", Long),  // November 26, 2026
    locale!("vi", Short), // 26/11/2026, the form Vietnamese newsrooms print
    locale!("fa", Long),  // ۵ آذر ۱۴۰۵ (Solar Hijri, Persian digits)
];

/// The supported locale with exactly this canonical tag.
pub(crate) fn find(tag: &str) -> Option<&'static SupportedLocale> {
    SUPPORTED.iter().find(|locale| locale.tag == tag)
}
