//! Dates and numbers the way a locale writes them, through ICU4X: its default calendar (Solar
//! Hijri for `fa`) and numbering system (Persian digits for `fa`), unless the site overrides the
//! calendar with [`FormatOptions`].
//!
//! Formatters are built once per locale when [`crate::Messages`] loads, since building one
//! looks up and assembles CLDR data; formatting with a built one is cheap.

use std::collections::BTreeMap;

use fluent_bundle::FluentValue;
use fluent_bundle::memoizer::MemoizerKind;
use fluent_bundle::types::FluentNumber;
use herald_domain::Language;
use icu_datetime::fieldsets::{YMD, YMDT};
use icu_datetime::input::{Date, DateTime, Time};
use icu_datetime::options::{Length, TimePrecision};
use icu_datetime::{DateTimeFormatter, DateTimeFormatterPreferences};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_locale_core::Locale;
use icu_locale_core::preferences::extensions::unicode::keywords::CalendarAlgorithm;
use intl_memoizer::Memoizable;
use unic_langid::LanguageIdentifier;

use crate::error::{I18nError, Result};
use crate::locales::DateStyle;

/// Which calendar a locale's dates are written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum CalendarChoice {
    /// The calendar CLDR gives the locale: Solar Hijri for `fa`, Gregorian for every other
    /// locale Herald ships.
    #[default]
    Default,
    /// The Gregorian calendar, with the locale's own month names and digits: `fa` then writes
    /// "۲۶ نوامبر ۲۰۲۶" rather than "۵ آذر ۱۴۰۵". A no-op where the default is Gregorian.
    Gregorian,
}

/// A site's choices about dates and numbers beyond each locale's CLDR defaults, given to
/// [`crate::Messages::load_with`]. The default is CLDR's choices everywhere.
///
/// The one choice today is the calendar, per interface locale: a Persian-language site for
/// readers in Iran keeps the Solar Hijri calendar, one for a diaspora or an international
/// audience may prefer Gregorian dates (still in Persian, with Persian digits):
///
/// ```
/// # use herald_domain::Language;
/// # use herald_i18n::{CalendarChoice, FormatOptions, Messages};
/// let fa = Language::parse("fa").unwrap();
/// let options = FormatOptions::default().with_calendar(fa.clone(), CalendarChoice::Gregorian);
/// let messages = Messages::load_with(&[fa.clone()], &options).unwrap();
/// let date = messages.format_date(
///     &fa,
///     "2026-11-26T12:05:00Z".parse().unwrap(),
///     &jiff::tz::TimeZone::get("Asia/Ho_Chi_Minh").unwrap(),
/// );
/// assert_eq!(date, "۲۶ نوامبر ۲۰۲۶");
/// ```
///
/// Digits are not a choice: each locale writes CLDR's default numbering system (see
/// [`crate::SUPPORTED`] for what that means for `ar`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct FormatOptions {
    /// The calendar of each interface locale that does not use CLDR's. Keys are supported
    /// locale tags exactly as in [`crate::SUPPORTED`] (`fa`, not `fa-IR`); loading fails on
    /// any other key, so a typo in a site's settings is reported rather than ignored. A key
    /// for a supported locale the site does not enable is accepted and has no effect.
    pub calendars: BTreeMap<Language, CalendarChoice>,
}

impl FormatOptions {
    /// These options with `locale`'s dates in `calendar`.
    #[must_use]
    pub fn with_calendar(mut self, locale: Language, calendar: CalendarChoice) -> Self {
        self.calendars.insert(locale, calendar);
        self
    }

    /// The calendar chosen for `locale`: its override, else [`CalendarChoice::Default`].
    #[must_use]
    pub fn calendar(&self, locale: &Language) -> CalendarChoice {
        self.calendars.get(locale).copied().unwrap_or_default()
    }
}

/// One locale's ICU4X formatters.
#[derive(Debug)]
pub(crate) struct LocaleFormats {
    date: DateTimeFormatter<YMD>,
    date_time: DateTimeFormatter<YMDT>,
    numbers: DecimalFormatter,
}

impl LocaleFormats {
    pub(crate) fn new(tag: &str, style: DateStyle, calendar: CalendarChoice) -> Result<Self> {
        let locale = icu_locale(tag)?;
        let mut date_prefs = DateTimeFormatterPreferences::from(&locale);
        match calendar {
            CalendarChoice::Default => {}
            CalendarChoice::Gregorian => {
                date_prefs.calendar_algorithm = Some(CalendarAlgorithm::Gregory);
            }
        }
        let length = match style {
            DateStyle::Long => Length::Long,
            DateStyle::Medium => Length::Medium,
            DateStyle::Short => Length::Short,
        };
        let icu_error = |what: &'static str| {
            move |source: Box<dyn std::error::Error + Send + Sync>| I18nError::Icu {
                locale: tag.to_owned(),
                what,
                source,
            }
        };
        let date = DateTimeFormatter::try_new(date_prefs, YMD::for_length(length))
            .map_err(|e| icu_error("date")(Box::new(e)))?;
        let date_time = DateTimeFormatter::try_new(
            date_prefs,
            YMDT::for_length(length).with_time_precision(TimePrecision::Minute),
        )
        .map_err(|e| icu_error("date and time")(Box::new(e)))?;
        let numbers =
            DecimalFormatter::try_new((&locale).into(), DecimalFormatterOptions::default())
                .map_err(|e| icu_error("number")(Box::new(e)))?;
        Ok(Self {
            date,
            date_time,
            numbers,
        })
    }

    /// The day `timestamp` falls on in `tz`, in the locale's calendar.
    pub(crate) fn date(&self, timestamp: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
        let civil = tz.to_datetime(timestamp);
        match iso_date_time(civil) {
            Some(dt) => self.date.format(&dt.date).to_string(),
            None => civil.date().to_string(),
        }
    }

    /// The day and the hour and minute of `timestamp` in `tz`, in the locale's calendar.
    pub(crate) fn date_time(&self, timestamp: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
        let civil = tz.to_datetime(timestamp);
        match iso_date_time(civil) {
            Some(dt) => self.date_time.format(&dt).to_string(),
            None => civil.strftime("%Y-%m-%d %H:%M").to_string(),
        }
    }

    pub(crate) fn number(&self, n: i64) -> String {
        self.numbers.format_to_string(&Decimal::from(n))
    }
}

/// The civil date and time as ICU4X input; `None` only for dates ICU4X cannot represent, which
/// jiff's range (years -9999 to 9999) does not reach, so callers fall back to ISO just in case.
fn iso_date_time(civil: jiff::civil::DateTime) -> Option<DateTime<icu_calendar::Iso>> {
    let date = Date::try_new_iso(
        i32::from(civil.year()),
        u8::try_from(civil.month()).ok()?,
        u8::try_from(civil.day()).ok()?,
    )
    .ok()?;
    let time = Time::try_new(
        u8::try_from(civil.hour()).ok()?,
        u8::try_from(civil.minute()).ok()?,
        u8::try_from(civil.second()).ok()?,
        0,
    )
    .ok()?;
    Some(DateTime { date, time })
}

fn icu_locale(tag: &str) -> Result<Locale> {
    Locale::try_from_str(tag).map_err(|e| I18nError::Tag {
        tag: tag.to_owned(),
        reason: e.to_string(),
    })
}

/// A number formatter for Fluent, cached per bundle by its memoizer. The argument says
/// whether to group digits (Fluent's `useGrouping` option).
struct FluentNumbers(DecimalFormatter);

impl Memoizable for FluentNumbers {
    type Args = bool;
    type Error = I18nError;

    fn construct(lang: LanguageIdentifier, grouping: bool) -> Result<Self> {
        let tag = lang.to_string();
        let mut options = DecimalFormatterOptions::default();
        if !grouping {
            options.grouping_strategy = Some(GroupingStrategy::Never);
        }
        let formatter =
            DecimalFormatter::try_new((&icu_locale(&tag)?).into(), options).map_err(|e| {
                I18nError::Icu {
                    locale: tag,
                    what: "number",
                    source: Box::new(e),
                }
            })?;
        Ok(Self(formatter))
    }
}

/// Fluent's formatter hook: writes numbers (`$count`, `NUMBER(…)`) in the bundle locale's
/// digits and grouping. Fluent itself writes ASCII digits, yet still selects plural variants
/// from the number, which this hook leaves alone. `None` keeps Fluent's own rendering.
pub(crate) fn fluent_number<M: MemoizerKind>(value: &FluentValue<'_>, intls: &M) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    let decimal = fluent_decimal(number)?;
    intls
        .with_try_get_threadsafe::<FluentNumbers, _, _>(number.options.use_grouping, |f| {
            f.0.format_to_string(&decimal)
        })
        .ok()
}

/// The number as Fluent would print it (its fraction-digit options applied), as an ICU4X
/// decimal; `None` for NaN and infinities, which Fluent then prints itself.
fn fluent_decimal(number: &FluentNumber) -> Option<Decimal> {
    if !number.value.is_finite() {
        return None;
    }
    Decimal::try_from_str(&number.as_string()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formats(tag: &str, style: DateStyle) -> LocaleFormats {
        LocaleFormats::new(tag, style, CalendarChoice::Default).unwrap()
    }

    fn ho_chi_minh() -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::get("Asia/Ho_Chi_Minh").unwrap()
    }

    fn at(s: &str) -> jiff::Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn persian_dates_use_the_solar_hijri_calendar_and_persian_digits() {
        let date = formats("fa", DateStyle::Long).date(at("2026-11-26T12:00:00Z"), &ho_chi_minh());
        assert!(date.contains("آذر"), "{date}");
        assert!(date.contains("۱۴۰۵"), "{date}");
        assert!(date.contains('۵'), "{date}");
        assert!(!date.chars().any(|c| c.is_ascii_digit()), "{date}");
    }

    #[test]
    fn vietnamese_dates_are_day_month_year_numbers() {
        let date = formats("vi", DateStyle::Short).date(at("2026-11-26T12:00:00Z"), &ho_chi_minh());
        assert_eq!(date, "26/11/2026");
    }

    #[test]
    fn english_dates_spell_the_month() {
        let date = formats("en", DateStyle::Long).date(at("2026-11-26T12:00:00Z"), &ho_chi_minh());
        assert_eq!(date, "November 26, 2026");
    }

    #[test]
    fn dates_are_taken_in_the_site_time_zone() {
        // 18:30 UTC is 01:30 the next day in Ho Chi Minh City (UTC+7).
        let en = formats("en", DateStyle::Long);
        let late = at("2026-11-26T18:30:00Z");
        assert_eq!(en.date(late, &ho_chi_minh()), "November 27, 2026");
        assert_eq!(en.date(late, &jiff::tz::TimeZone::UTC), "November 26, 2026");
    }

    #[test]
    fn date_times_show_hours_and_minutes_in_the_zone() {
        let ts = at("2026-11-26T12:05:00Z");
        let en = formats("en", DateStyle::Long).date_time(ts, &ho_chi_minh());
        assert!(
            en.contains("November 26, 2026") && en.contains("7:05"),
            "{en}"
        );
        let vi = formats("vi", DateStyle::Short).date_time(ts, &ho_chi_minh());
        assert!(vi.contains("26/11/2026") && vi.contains("19:05"), "{vi}");
        let fa = formats("fa", DateStyle::Long).date_time(ts, &ho_chi_minh());
        assert!(fa.contains("آذر") && fa.contains("۱۹:۰۵"), "{fa}");
    }

    #[test]
    fn numbers_use_the_locale_digits_and_grouping() {
        assert_eq!(formats("fa", DateStyle::Long).number(123), "۱۲۳");
        assert_eq!(formats("en", DateStyle::Long).number(1234567), "1,234,567");
        assert_eq!(formats("vi", DateStyle::Short).number(1234567), "1.234.567");
        assert_eq!(formats("en", DateStyle::Long).number(-5), "-5");
    }

    #[test]
    fn persian_dates_can_be_gregorian_in_persian_words_and_digits() {
        let fa = LocaleFormats::new("fa", DateStyle::Long, CalendarChoice::Gregorian).unwrap();
        let ts = at("2026-11-26T12:05:00Z");
        assert_eq!(fa.date(ts, &ho_chi_minh()), "۲۶ نوامبر ۲۰۲۶");
        let date_time = fa.date_time(ts, &ho_chi_minh());
        assert!(
            date_time.contains("۲۶ نوامبر ۲۰۲۶") && date_time.contains("۱۹:۰۵"),
            "{date_time}"
        );
        assert_eq!(
            fa.number(123),
            "۱۲۳",
            "the calendar does not change the digits"
        );
    }

    #[test]
    fn choosing_gregorian_changes_nothing_where_it_is_the_default() {
        let ts = at("2026-11-26T12:05:00Z");
        for tag in ["en", "de", "ja", "ar"] {
            let default =
                LocaleFormats::new(tag, DateStyle::Long, CalendarChoice::Default).unwrap();
            let gregorian =
                LocaleFormats::new(tag, DateStyle::Long, CalendarChoice::Gregorian).unwrap();
            assert_eq!(
                default.date_time(ts, &ho_chi_minh()),
                gregorian.date_time(ts, &ho_chi_minh()),
                "{tag}"
            );
        }
    }

    #[test]
    fn plain_arabic_has_latin_digits_in_cldr_while_egypt_and_saudi_arabia_have_arabic_indic() {
        // CLDR 46 (CLDR-17553) made `latn` the default numbering system of `ar`; the regional
        // locales that had `arab` kept it. Herald ships `ar`, so its pages use 0–9.
        let ts = at("2026-11-26T12:05:00Z");
        let ar = formats("ar", DateStyle::Long);
        assert_eq!(ar.date(ts, &ho_chi_minh()), "26 نوفمبر 2026");
        assert_eq!(ar.number(1234567), "1,234,567");
        for tag in ["ar-EG", "ar-SA"] {
            let regional = formats(tag, DateStyle::Long);
            assert_eq!(regional.date(ts, &ho_chi_minh()), "٢٦ نوفمبر ٢٠٢٦", "{tag}");
            assert_eq!(regional.number(123), "١٢٣", "{tag}");
        }
    }
}
