//! The table of interface locales Herald ships, with their Fluent files embedded.

/// The locale every lookup falls back to, and the reference the completeness test compares
/// every other locale with.
pub const FALLBACK: &str = "en";

/// How a locale writes a date on its own; the date-and-time form uses the same length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// CLDR's long date: "November 26, 2026", "۵ آذر ۱۴۰۵", "2026年11月26日".
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
                locale!(@file $tag, "admin.ftl"),
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

/// Every interface locale, in the order a language switcher lists them by default.
///
/// # Adding a locale
///
/// A new locale is its folder `locales/<tag>/` (with every file and message of `en`) plus one
/// line here, and a `language-name-<tag>` message in every other locale, so that "Translated
/// from …" can name it on any page. `tests/locales.rs` lists whatever is missing.
///
/// # Dates and digits
///
/// Each line gives the length of the locale's dates (the comment shows the test instant,
/// 2026-11-26 in the site's time zone). Calendar, month names, word order and digits are
/// CLDR's for the locale, through ICU4X's compiled data:
///
/// - `fa` writes the Solar Hijri calendar with Persian digits (۰–۹); a site can switch it to
///   Gregorian months in Persian with [`crate::FormatOptions`].
/// - `ar` writes Latin digits (0–9): since CLDR 46 (ticket CLDR-17553) the default numbering
///   system of plain `ar` is `latn` (Arabic-Indic `arab` is its alternative). Regional
///   locales such as `ar-EG` and `ar-SA` keep Arabic-Indic digits (٠–٩) in CLDR; Herald does
///   not ship them, and its `ar` pages follow CLDR's `ar`.
/// - Every other locale is Gregorian with Latin digits.
///
/// Numbers inside messages (`{ $count }`) use the same digits and grouping as
/// [`crate::Messages::format_number`].
pub const SUPPORTED: &[SupportedLocale] = &[
    locale!("en", Long),      // November 26, 2026
    locale!("vi", Short),     // 26/11/2026, the form Vietnamese newsrooms print
    locale!("fa", Long),      // ۵ آذر ۱۴۰۵ (Solar Hijri, Persian digits)
    locale!("ar", Long),      // 26 نوفمبر 2026 (CLDR's `ar` digits are Latin, see above)
    locale!("fr", Long),      // 26 novembre 2026
    locale!("zh-Hans", Long), // 2026年11月26日
    locale!("ru", Long),      // 26 ноября 2026 г.
    locale!("es", Long),      // 26 de noviembre de 2026
    locale!("de", Long),      // 26. November 2026
    locale!("ja", Long),      // 2026年11月26日
];

/// The supported locale with exactly this canonical tag.
pub(crate) fn find(tag: &str) -> Option<&'static SupportedLocale> {
    SUPPORTED.iter().find(|locale| locale.tag == tag)
}
