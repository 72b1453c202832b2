//! Dates and numbers the way a locale writes them, through ICU4X: its default calendar (Solar
//! Hijri for `fa`) and numbering system (Persian digits for `fa`).
//!
//! Formatters are built once per locale when [`crate::Messages`] loads, since building one
//! looks up and assembles CLDR data; formatting with a built one is cheap.

use fluent_bundle::FluentValue;
use fluent_bundle::memoizer::MemoizerKind;
use fluent_bundle::types::FluentNumber;
use icu_datetime::DateTimeFormatter;
use icu_datetime::fieldsets::{YMD, YMDT};
use icu_datetime::input::{Date, DateTime, Time};
use icu_datetime::options::{Length, TimePrecision};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_locale_core::Locale;
use intl_memoizer::Memoizable;
use unic_langid::LanguageIdentifier;

use crate::error::{I18nError, Result};
use crate::locales::DateStyle;

/// One locale's ICU4X formatters.
#[derive(Debug)]
pub(crate) struct LocaleFormats {
    date: DateTimeFormatter<YMD>,
    date_time: DateTimeFormatter<YMDT>,
    numbers: DecimalFormatter,
}

impl LocaleFormats {
    pub(crate) fn new(tag: &str, style: DateStyle) -> Result<Self> {
        let locale = icu_locale(tag)?;
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
        let date = DateTimeFormatter::try_new((&locale).into(), YMD::for_length(length))
            .map_err(|e| icu_error("date")(Box::new(e)))?;
        let date_time = DateTimeFormatter::try_new(
            (&locale).into(),
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
        LocaleFormats::new(tag, style).unwrap()
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
}
