//! [`Messages`]: every enabled locale's Fluent bundle and ICU4X formatters, loaded once at
//! start and shared by all requests.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentError, FluentResource, FluentValue};
use herald_domain::Language;
use unic_langid::LanguageIdentifier;

use crate::error::{I18nError, Result};
use crate::format::{self, CalendarChoice, FormatOptions, LocaleFormats};
use crate::locales::{self, FALLBACK, SUPPORTED, SupportedLocale};

/// The message each locale's `site.ftl` gives its own name in.
const AUTONYM_ID: &str = "language-autonym";

/// A value for a message variable: text, or a number that Fluent uses to pick a plural form
/// and writes in the locale's digits.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<'a> {
    /// Ready-made text (a name, an already formatted date).
    Str(Cow<'a, str>),
    /// A whole number (a count, a page number).
    Number(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Self::Str(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Self::Str(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Self::Str(Cow::Owned(s))
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Self::Number(i64::from(n))
            }
        }
    )*};
}
number_args!(i8, i16, i32, i64, u8, u16, u32);

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        // Counts beyond i64 do not occur; saturate rather than wrap if one ever did.
        Self::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// The interface messages and formatters of every enabled locale. Cheap to clone: clones share
/// one loaded set.
///
/// Lookups never fail: a message missing in a locale falls back through the locale's
/// truncations (`zh-Hant-TW` → `zh-Hant` → `zh`) to [`FALLBACK`] and is logged. The
/// completeness test in `tests/locales.rs` keeps that path for emergencies.
#[derive(Clone)]
pub struct Messages {
    inner: Arc<Inner>,
}

struct Inner {
    enabled: Vec<Language>,
    /// The enabled locales, then the fallback locale if it is not enabled.
    loaded: Vec<LoadedLocale>,
    /// The index of [`FALLBACK`] in `loaded`.
    fallback: usize,
    /// Every supported locale, enabled or not, for naming content languages.
    supported: Vec<Language>,
    /// Every supported locale's own name, enabled or not: content comes in more languages
    /// than the interface is shown in.
    autonyms: Vec<(Language, String)>,
}

struct LoadedLocale {
    language: Language,
    bundle: FluentBundle<FluentResource>,
    formats: LocaleFormats,
}

impl fmt::Debug for Messages {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Messages")
            .field("enabled", &self.inner.enabled)
            .finish_non_exhaustive()
    }
}

impl Messages {
    /// Parses the messages and builds the formatters of `enabled` (and of [`FALLBACK`], which
    /// lookups fall back to), with CLDR's calendar and digits for each. Fails if a locale is
    /// not in [`SUPPORTED`] or a file has errors.
    pub fn load(enabled: &[Language]) -> Result<Self> {
        Self::load_with(enabled, &FormatOptions::default())
    }

    /// Like [`Messages::load`], with the site's choices about dates (such as the Gregorian
    /// calendar for `fa`). Also fails if `options` names a locale that is not in [`SUPPORTED`].
    pub fn load_with(enabled: &[Language], options: &FormatOptions) -> Result<Self> {
        if enabled.is_empty() {
            return Err(I18nError::NoLocales);
        }
        if let Some(unknown) = options
            .calendars
            .keys()
            .find(|locale| locales::find(locale.as_str()).is_none())
        {
            return Err(unsupported(unknown));
        }
        let mut languages: Vec<Language> = Vec::with_capacity(enabled.len());
        for language in enabled {
            if !languages.contains(language) {
                languages.push(language.clone());
            }
        }
        let fallback_language = Language::parse(FALLBACK).map_err(|e| I18nError::Tag {
            tag: FALLBACK.to_owned(),
            reason: e.to_string(),
        })?;
        let mut loaded = Vec::with_capacity(languages.len() + 1);
        for language in languages
            .iter()
            .chain(Some(&fallback_language).filter(|fallback| !languages.contains(fallback)))
        {
            let supported =
                locales::find(language.as_str()).ok_or_else(|| unsupported(language))?;
            loaded.push(load_locale(
                language.clone(),
                supported,
                options.calendar(language),
            )?);
        }
        let fallback = loaded
            .iter()
            .position(|l| l.language == fallback_language)
            .unwrap_or(loaded.len().saturating_sub(1));
        let supported: Vec<Language> = SUPPORTED
            .iter()
            .filter_map(|supported| Language::parse(supported.tag).ok())
            .collect();
        let autonyms = SUPPORTED
            .iter()
            .filter_map(|locale| {
                let language = Language::parse(locale.tag).ok()?;
                Some((language, autonym_in_source(locale)?))
            })
            .collect();
        Ok(Self {
            inner: Arc::new(Inner {
                enabled: languages,
                loaded,
                fallback,
                supported,
                autonyms,
            }),
        })
    }

    /// The enabled interface locales, in the order the site configured them.
    #[must_use]
    pub fn locales(&self) -> &[Language] {
        &self.inner.enabled
    }

    /// The message `id` without variables.
    #[must_use]
    pub fn get(&self, lang: &Language, id: &str) -> String {
        self.format(lang, id, &[])
    }

    /// The message `id` with its variables. A missing message falls back (and is logged); if
    /// no locale has it, the id itself is returned so the page still renders.
    #[must_use]
    pub fn format(&self, lang: &Language, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let args = fluent_args(args);
        for (tried, locale) in self.chain(lang).into_iter().enumerate() {
            let Some(pattern) = locale.bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            if tried > 0 {
                tracing::warn!(locale = %lang, fallback = %locale.language, id, "message missing, using a fallback locale");
            }
            let mut errors = Vec::new();
            let text = locale
                .bundle
                .format_pattern(pattern, Some(&args), &mut errors);
            if !errors.is_empty() {
                tracing::warn!(locale = %locale.language, id, errors = %join_errors(&errors), "message formatted with errors");
            }
            return text.into_owned();
        }
        tracing::error!(locale = %lang, id, "message missing in every locale");
        id.to_owned()
    }

    /// Like [`Messages::format`], but strict: `lang` must be loaded, must define `id`, and
    /// Fluent must report no error (such as a variable left out). For tests and checks.
    pub fn try_format(
        &self,
        lang: &Language,
        id: &str,
        args: &[(&str, Arg<'_>)],
    ) -> Result<String> {
        let missing = || I18nError::MissingMessage {
            locale: lang.clone(),
            id: id.to_owned(),
        };
        let locale = self
            .inner
            .loaded
            .iter()
            .find(|l| &l.language == lang)
            .ok_or_else(missing)?;
        let pattern = locale
            .bundle
            .get_message(id)
            .and_then(|m| m.value())
            .ok_or_else(missing)?;
        let mut errors = Vec::new();
        let text = locale
            .bundle
            .format_pattern(pattern, Some(&fluent_args(args)), &mut errors);
        if errors.is_empty() {
            Ok(text.into_owned())
        } else {
            Err(I18nError::Format {
                locale: lang.clone(),
                id: id.to_owned(),
                errors: join_errors(&errors),
            })
        }
    }

    /// The language's name in itself ("Tiếng Việt", "فارسی") for any supported locale, enabled
    /// or not, and for tags it serves (`fa-IR` → `fa`; `zh`, `zh-CN` → `zh-Hans`, but not
    /// `zh-TW`; see [`crate::negotiate::best_match`]); for other languages, their tag.
    #[must_use]
    pub fn autonym(&self, lang: &Language) -> String {
        self.supported_match(lang)
            .and_then(|tag| self.inner.autonyms.iter().find(|(l, _)| l == tag))
            .map_or_else(|| lang.as_str().to_owned(), |(_, name)| name.clone())
    }

    /// The name of `content_lang` in the interface locale `ui` ("Vietnamese" on an English
    /// page), from its `language-name-<tag>` message: every locale names every supported
    /// language, and tags a supported locale serves (`fa-AF`, `zh-CN`) get that locale's
    /// name. Its autonym if `ui` has no name for it.
    #[must_use]
    pub fn language_name(&self, ui: &Language, content_lang: &Language) -> String {
        let locale = self.resolve(ui);
        content_lang
            .truncations()
            .iter()
            .chain(self.supported_match(content_lang))
            .find_map(|tag| {
                let id = format!("language-name-{tag}");
                let pattern = locale.bundle.get_message(&id)?.value()?;
                let mut errors = Vec::new();
                Some(
                    locale
                        .bundle
                        .format_pattern(pattern, None, &mut errors)
                        .into_owned(),
                )
            })
            .unwrap_or_else(|| self.autonym(content_lang))
    }

    /// A date (no time) as `lang` writes it, taken in the site's time zone `tz`:
    /// "November 26, 2026", "26/11/2026", "۵ آذر ۱۴۰۵".
    #[must_use]
    pub fn format_date(
        &self,
        lang: &Language,
        timestamp: jiff::Timestamp,
        tz: &jiff::tz::TimeZone,
    ) -> String {
        self.resolve(lang).formats.date(timestamp, tz)
    }

    /// A date with hours and minutes as `lang` writes it, taken in the site's time zone `tz`.
    #[must_use]
    pub fn format_date_time(
        &self,
        lang: &Language,
        timestamp: jiff::Timestamp,
        tz: &jiff::tz::TimeZone,
    ) -> String {
        self.resolve(lang).formats.date_time(timestamp, tz)
    }

    /// A whole number in `lang`'s digits and grouping: "1,234", "1.234", "۱٬۲۳۴".
    #[must_use]
    pub fn format_number(&self, lang: &Language, n: i64) -> String {
        self.resolve(lang).formats.number(n)
    }

    /// The supported locale that serves content in `lang`, enabled or not.
    fn supported_match(&self, lang: &Language) -> Option<&Language> {
        crate::negotiate::best_match(lang, &self.inner.supported)
    }

    /// The loaded locales to look a message up in: `lang`'s loaded truncations, then the
    /// fallback locale.
    fn chain(&self, lang: &Language) -> Vec<&LoadedLocale> {
        let mut chain: Vec<&LoadedLocale> = lang
            .truncations()
            .iter()
            .filter_map(|tag| self.inner.loaded.iter().find(|l| &l.language == tag))
            .collect();
        let fallback = self.fallback();
        if !chain.iter().any(|l| std::ptr::eq(*l, fallback)) {
            chain.push(fallback);
        }
        chain
    }

    /// The loaded locale that stands for `lang`: its closest loaded truncation, else the
    /// fallback locale.
    fn resolve(&self, lang: &Language) -> &LoadedLocale {
        lang.truncations()
            .iter()
            .find_map(|tag| self.inner.loaded.iter().find(|l| &l.language == tag))
            .unwrap_or_else(|| self.fallback())
    }

    fn fallback(&self) -> &LoadedLocale {
        &self.inner.loaded[self.inner.fallback]
    }
}

fn unsupported(locale: &Language) -> I18nError {
    I18nError::Unsupported {
        locale: locale.clone(),
        supported: SUPPORTED
            .iter()
            .map(|l| l.tag)
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn load_locale(
    language: Language,
    supported: &SupportedLocale,
    calendar: CalendarChoice,
) -> Result<LoadedLocale> {
    let langid: LanguageIdentifier = supported.tag.parse().map_err(|e| I18nError::Tag {
        tag: supported.tag.to_owned(),
        reason: format!("{e:?}"),
    })?;
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Templates isolate inserted text with <bdi>; Fluent's FSI/PDI marks would be redundant
    // and end up inside attribute values and <title>.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(format::fluent_number));
    for file in supported.files {
        let resource = FluentResource::try_new(file.source.to_owned()).map_err(|(_, errors)| {
            I18nError::Parse {
                locale: supported.tag.to_owned(),
                file: file.name,
                errors: errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
            }
        })?;
        bundle
            .add_resource(resource)
            .map_err(|errors| I18nError::Bundle {
                locale: supported.tag.to_owned(),
                file: file.name,
                errors: join_errors(&errors),
            })?;
    }
    let formats = LocaleFormats::new(supported.tag, supported.date_style, calendar)?;
    Ok(LoadedLocale {
        language,
        bundle,
        formats,
    })
}

/// A locale's `language-autonym`, read without building a bundle (it is plain text).
fn autonym_in_source(supported: &SupportedLocale) -> Option<String> {
    supported.files.iter().find_map(|file| {
        let resource = FluentResource::try_new(file.source.to_owned()).ok()?;
        let mut bundle: FluentBundle<FluentResource> = FluentBundle::new_concurrent(Vec::new());
        bundle.set_use_isolating(false);
        bundle.add_resource(resource).ok()?;
        let pattern = bundle.get_message(AUTONYM_ID)?.value()?;
        let mut errors = Vec::new();
        Some(
            bundle
                .format_pattern(pattern, None, &mut errors)
                .into_owned(),
        )
    })
}

fn fluent_args<'a>(args: &'a [(&'a str, Arg<'a>)]) -> FluentArgs<'a> {
    let mut fluent = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        let value = match value {
            Arg::Str(s) => FluentValue::String(Cow::Borrowed(s.as_ref())),
            Arg::Number(n) => FluentValue::from(*n),
        };
        fluent.set(*name, value);
    }
    fluent
}

fn join_errors(errors: &[FluentError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Language {
        Language::parse(tag).unwrap()
    }

    fn site() -> Messages {
        Messages::load(&[lang("vi"), lang("en"), lang("fa")]).unwrap()
    }

    #[test]
    fn messages_can_be_shared_between_threads() {
        fn shareable<T: Send + Sync + Clone + 'static>() {}
        shareable::<Messages>();
    }

    #[test]
    fn loads_the_enabled_locales_in_their_order() {
        let messages = site();
        let tags: Vec<&str> = messages.locales().iter().map(Language::as_str).collect();
        assert_eq!(tags, ["vi", "en", "fa"]);
    }

    #[test]
    fn refuses_unsupported_or_no_locales() {
        let err = Messages::load(&[lang("vi"), lang("tlh")]).unwrap_err();
        assert!(
            matches!(&err, I18nError::Unsupported { locale, .. } if locale.as_str() == "tlh"),
            "{err}"
        );
        assert!(err.to_string().contains("en, vi, fa"), "{err}");
        assert!(matches!(Messages::load(&[]), Err(I18nError::NoLocales)));
        // A supported language with a region is still not a supported locale.
        assert!(Messages::load(&[lang("fa-IR")]).is_err());
    }

    #[test]
    fn formats_messages_with_variables_and_no_isolation_marks() {
        let messages = site();
        let about = messages.format(&lang("fa"), "footer-about", &[("site", "Herald".into())]);
        assert_eq!(about, "دربارهٔ Herald");
        assert!(!about.contains(['\u{2068}', '\u{2069}']));
        assert_eq!(messages.get(&lang("vi"), "nav-home"), "Trang chủ");
    }

    #[test]
    fn numbers_in_messages_use_locale_digits_and_plurals() {
        let messages = site();
        let count = |tag: &str, n: i64| {
            messages.format(&lang(tag), "article-count", &[("count", Arg::Number(n))])
        };
        assert_eq!(count("en", 1), "1 article");
        assert_eq!(count("en", 1200), "1,200 articles");
        assert_eq!(count("fa", 1200), "۱٬۲۰۰ مطلب");
        assert_eq!(count("vi", 1200), "1.200 bài viết");
        let page = messages.format(
            &lang("fa"),
            "pagination-page",
            &[("page", 2.into()), ("pages", 12u32.into())],
        );
        assert_eq!(page, "صفحهٔ ۲ از ۱۲");
    }

    #[test]
    fn a_regional_locale_uses_its_language() {
        let messages = site();
        assert_eq!(
            messages.get(&lang("fa-IR"), "nav-home"),
            messages.get(&lang("fa"), "nav-home")
        );
        assert_eq!(messages.format_number(&lang("fa-IR"), 7), "۷");
    }

    #[test]
    fn a_missing_message_falls_back_to_english_then_to_its_id() {
        let messages = Messages::load(&[lang("fa")]).unwrap();
        // Not enabled, so served by the fallback locale.
        assert_eq!(messages.get(&lang("vi"), "nav-home"), "Home");
        assert_eq!(
            messages.format_date(
                &lang("de"),
                "2026-11-26T12:00:00Z".parse().unwrap(),
                &jiff::tz::TimeZone::UTC
            ),
            "November 26, 2026"
        );
        assert_eq!(
            messages.get(&lang("fa"), "no-such-message"),
            "no-such-message"
        );
        // The fallback locale is loaded for lookups but not offered to readers.
        assert_eq!(messages.locales(), [lang("fa")]);
    }

    #[test]
    fn strict_formatting_reports_missing_messages_and_variables() {
        let messages = site();
        assert!(matches!(
            messages.try_format(&lang("fa"), "no-such-message", &[]),
            Err(I18nError::MissingMessage { .. })
        ));
        assert!(matches!(
            messages.try_format(&lang("fa"), "footer-about", &[]),
            Err(I18nError::Format { .. })
        ));
        assert!(
            messages
                .try_format(&lang("fa-IR"), "nav-home", &[])
                .is_err()
        );
        assert_eq!(
            messages.try_format(&lang("en"), "nav-home", &[]).unwrap(),
            "Home"
        );
    }

    #[test]
    fn names_languages_in_themselves_and_in_the_interface_language() {
        let messages = Messages::load(&[lang("en"), lang("fa")]).unwrap();
        assert_eq!(
            messages.autonym(&lang("vi")),
            "Tiếng Việt",
            "supported though not enabled"
        );
        assert_eq!(messages.autonym(&lang("fa-IR")), "فارسی");
        assert_eq!(messages.autonym(&lang("ko")), "ko");
        assert_eq!(messages.autonym(&lang("zh-CN")), "简体中文");
        assert_eq!(
            messages.autonym(&lang("zh-TW")),
            "zh-TW",
            "not served by zh-Hans"
        );
        assert_eq!(messages.language_name(&lang("fa"), &lang("vi")), "ویتنامی");
        assert_eq!(
            messages.language_name(&lang("en"), &lang("vi")),
            "Vietnamese"
        );
        assert_eq!(
            messages.language_name(&lang("en"), &lang("fa-AF")),
            "Persian"
        );
        assert_eq!(messages.language_name(&lang("fa"), &lang("de")), "آلمانی");
        assert_eq!(messages.language_name(&lang("en"), &lang("zh")), "Chinese");
        assert_eq!(
            messages.language_name(&lang("en"), &lang("zh-CN")),
            "Chinese"
        );
        // No name for it in the interface language: its own name serves, else its tag.
        assert_eq!(messages.language_name(&lang("fa"), &lang("ko")), "ko");
        assert_eq!(messages.language_name(&lang("en"), &lang("zh-TW")), "zh-TW");
    }
}
