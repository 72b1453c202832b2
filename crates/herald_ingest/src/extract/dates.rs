//! Dates as pages print them for readers, in the languages Herald's newsrooms read.
//!
//! Meta tags and JSON-LD carry machine dates, which [`crate::date::parse_date`] reads; many
//! pages (Vietnamese and Persian outlets above all) print the date only in a line under the
//! headline: "Thứ hai, 24/11/2026 08:30 (GMT+7)", "November 24, 2026 8:30 am", "۴ آذر ۱۴۰۵".
//! [`visible_date`] finds the first date in such a line, with its time and zone when printed.
//!
//! Read: numeric dates (day first, as everywhere but the US; month first only when the day
//! could not be a month), ISO dates, month names in English, French, German, Spanish,
//! Portuguese, Italian, Russian (genitive and nominative), Arabic (Egyptian and Levantine
//! names), Persian (Solar Hijri months, converted to the Gregorian calendar, and Gregorian
//! months), Vietnamese "ngày 24 tháng 11 năm 2026", and CJK "2026年11月24日"; Persian and
//! Arabic-Indic digits; a time "08:30", "8:30 pm", "8h30"; a zone "GMT+7", "UTC+07:00",
//! "+0700" or a common abbreviation. Without a zone the time is taken as UTC, as
//! [`crate::date`] does. Work is bounded: only the first [`MAX_SCAN`] bytes are read.

use herald_domain::Timestamp;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::Offset;

/// Bytes of a line looked at; a date line is short, and the bound keeps huge inputs cheap.
const MAX_SCAN: usize = 512;

/// Tokens looked at in that prefix.
const MAX_TOKENS: usize = 160;

/// The first date printed in a line of visible text, with its time and zone when given.
#[must_use]
pub(crate) fn visible_date(text: &str) -> Option<Timestamp> {
    let text = prefix(text.trim(), MAX_SCAN);
    if text.is_empty() {
        return None;
    }
    let tokens = tokenize(text);
    let Some((date, end)) = find_date(&tokens) else {
        // Shapes feeds use and pages sometimes print as they are ("20261124T083000Z").
        return crate::date::parse_date(text);
    };
    let (time, offset) = find_time(&tokens, end).unwrap_or((Time::midnight(), 0));
    let offset = Offset::from_seconds(offset).ok()?;
    offset.to_timestamp(DateTime::from_parts(date, time)).ok()
}

/// Whether a word (any case, an abbreviation's dot allowed) names a month, Gregorian or
/// solar hijri.
#[must_use]
pub(crate) fn is_month_name(word: &str) -> bool {
    let w = word.trim_end_matches(['.', ',']).to_lowercase();
    GREGORIAN_MONTHS
        .iter()
        .chain(SOLAR_HIJRI_MONTHS)
        .any(|(n, _)| *n == w)
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A piece of a date line.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A run of digits (any script's decimal digits, read as ASCII): value and length.
    Num(u32, usize),
    /// A run of letters, lower-cased, Arabic-script letters unified (ي→ی, ك→ک).
    Word(String),
    /// Any other visible character.
    Sep(char),
    /// Whitespace between tokens.
    Space,
}

/// The value of a decimal digit in ASCII, Arabic-Indic or Persian form.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if out.len() >= MAX_TOKENS {
            break;
        }
        if let Some(d) = digit(c) {
            let (mut value, mut len) = (d, 1usize);
            while let Some(d) = chars.peek().copied().and_then(digit) {
                chars.next();
                value = value.saturating_mul(10).saturating_add(d);
                len += 1;
            }
            out.push(Tok::Num(value, len));
        } else if c.is_alphabetic() {
            let mut word = String::new();
            push_lower(&mut word, c);
            // Marks (Vietnamese tones in NFD, Arabic harakat) and ZWNJ stay inside a word.
            while let Some(&n) = chars.peek() {
                if n.is_alphabetic() && digit(n).is_none() || is_mark(n) || n == '\u{200C}' {
                    chars.next();
                    push_lower(&mut word, n);
                } else {
                    break;
                }
            }
            out.push(Tok::Word(word));
        } else if c.is_whitespace() {
            while chars.peek().is_some_and(|n| n.is_whitespace()) {
                chars.next();
            }
            out.push(Tok::Space);
        } else {
            out.push(Tok::Sep(c));
        }
    }
    out
}

/// Combining marks common in the scripts read here.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}')
}

fn push_lower(word: &mut String, c: char) {
    match c {
        'ي' => word.push('ی'),
        'ك' => word.push('ک'),
        // Tatweel only stretches a word.
        'ـ' => {}
        _ => word.extend(c.to_lowercase()),
    }
}

/// The calendar a month name belongs to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Calendar {
    Gregorian,
    SolarHijri,
}

/// Month names, lower-cased, with their number. Abbreviations may be followed by a dot.
const GREGORIAN_MONTHS: &[(&str, i8)] = &[
    // English
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    // French
    ("janvier", 1),
    ("janv", 1),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("févr", 2),
    ("mars", 3),
    ("avril", 4),
    ("avr", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("okt", 10),
    ("dezember", 12),
    ("dez", 12),
    // Spanish
    ("enero", 1),
    ("ene", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("abr", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("ago", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("dic", 12),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("fev", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("set", 9),
    ("outubro", 10),
    ("out", 10),
    ("novembro", 11),
    ("dezembro", 12),
    // Italian
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // Russian: genitive as in dates, nominative, abbreviations
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("январь", 1),
    ("февраль", 2),
    ("март", 3),
    ("апрель", 4),
    ("май", 5),
    ("июнь", 6),
    ("июль", 7),
    ("август", 8),
    ("сентябрь", 9),
    ("октябрь", 10),
    ("ноябрь", 11),
    ("декабрь", 12),
    ("янв", 1),
    ("фев", 2),
    ("мар", 3),
    ("апр", 4),
    ("июн", 6),
    ("июл", 7),
    ("авг", 8),
    ("сен", 9),
    ("сент", 9),
    ("окт", 10),
    ("ноя", 11),
    ("нояб", 11),
    ("дек", 12),
    // Arabic (Egyptian/Gulf names; Arabic-script letters unified as in `push_lower`)
    ("يناير", 1),
    ("ینایر", 1),
    ("فبرایر", 2),
    ("مارس", 3),
    ("أبریل", 4),
    ("ابریل", 4),
    ("إبریل", 4),
    ("مایو", 5),
    ("یونیو", 6),
    ("یونیه", 6),
    ("یولیو", 7),
    ("یولیه", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أکتوبر", 10),
    ("اکتوبر", 10),
    ("نوفمبر", 11),
    ("دیسمبر", 12),
    // Arabic (Levantine names; the two-word ones are handled in `month_at`)
    ("شباط", 2),
    ("آذار", 3),
    ("نیسان", 4),
    ("أیار", 5),
    ("ایار", 5),
    ("حزیران", 6),
    ("تموز", 7),
    ("آب", 8),
    ("أیلول", 9),
    ("ایلول", 9),
    // Persian names of Gregorian months
    ("ژانویه", 1),
    ("فوریه", 2),
    ("آوریل", 4),
    ("مه", 5),
    ("می", 5),
    ("ژوئن", 6),
    ("ژوئیه", 7),
    ("جولای", 7),
    ("اوت", 8),
    ("آگوست", 8),
    ("سپتامبر", 9),
    ("اکتبر", 10),
    ("نوامبر", 11),
    ("دسامبر", 12),
];

/// Solar Hijri month names (Persian), lower-cased and unified.
const SOLAR_HIJRI_MONTHS: &[(&str, i8)] = &[
    ("فروردین", 1),
    ("اردیبهشت", 2),
    ("خرداد", 3),
    ("تیر", 4),
    ("مرداد", 5),
    ("امرداد", 5),
    ("شهریور", 6),
    ("مهر", 7),
    ("آبان", 8),
    ("آذر", 9),
    ("دی", 10),
    ("بهمن", 11),
    ("اسفند", 12),
];

/// Words that may stand between the parts of a date: "de" (es/pt), "del", "năm", "г"…
const FILLERS: &[&str] = &["de", "del", "năm", "nam", "г", "года", "ماه", "سال"];

/// A month name at token `i`: its number, calendar and the index after it.
fn month_at(tokens: &[Tok], i: usize) -> Option<(i8, Calendar, usize)> {
    let Tok::Word(w) = tokens.get(i)? else {
        return None;
    };
    let mut next = i + 1;
    // An abbreviation's dot.
    if tokens.get(next) == Some(&Tok::Sep('.')) {
        next += 1;
    }
    // Levantine two-word months: كانون الثاني (January), تشرين الأول (October)…
    if w == "کانون" || w == "تشرین" {
        let second = word_after_space(tokens, i + 1)?;
        let first_of_pair = matches!(second.0.as_str(), "الثانی" | "ثانی");
        let other = matches!(second.0.as_str(), "الأول" | "الاول" | "أول" | "اول");
        let month = match (w.as_str(), first_of_pair, other) {
            ("کانون", true, _) => 1,
            ("کانون", _, true) => 12,
            ("تشرین", _, true) => 10,
            ("تشرین", true, _) => 11,
            _ => return None,
        };
        return Some((month, Calendar::Gregorian, second.1));
    }
    if let Some((_, m)) = SOLAR_HIJRI_MONTHS.iter().find(|(n, _)| n == w) {
        return Some((*m, Calendar::SolarHijri, next));
    }
    GREGORIAN_MONTHS
        .iter()
        .find(|(n, _)| n == w)
        .map(|(_, m)| (*m, Calendar::Gregorian, next))
}

/// The word after optional spaces from `i`, and the index after it.
fn word_after_space(tokens: &[Tok], mut i: usize) -> Option<(&String, usize)> {
    while tokens.get(i) == Some(&Tok::Space) {
        i += 1;
    }
    match tokens.get(i)? {
        Tok::Word(w) => Some((w, i + 1)),
        _ => None,
    }
}

/// Skips spaces, commas, dots and filler words.
fn skip_glue(tokens: &[Tok], mut i: usize) -> usize {
    loop {
        match tokens.get(i) {
            Some(Tok::Space | Tok::Sep(',' | '.' | '،' | '-' | '/')) => i += 1,
            Some(Tok::Word(w)) if FILLERS.contains(&w.as_str()) => i += 1,
            _ => return i,
        }
    }
}

/// Skips spaces only.
fn skip_space(tokens: &[Tok], mut i: usize) -> usize {
    while tokens.get(i) == Some(&Tok::Space) {
        i += 1;
    }
    i
}

/// A four-digit year at `i` (or two digits when `short` is allowed).
fn year_at(tokens: &[Tok], i: usize) -> Option<i16> {
    match tokens.get(i)? {
        Tok::Num(v, 4) => i16::try_from(*v).ok(),
        _ => None,
    }
}

/// The first date in the tokens and the index after it.
fn find_date(tokens: &[Tok]) -> Option<(Date, usize)> {
    (0..tokens.len()).find_map(|i| date_at(tokens, i))
}

fn date_at(tokens: &[Tok], i: usize) -> Option<(Date, usize)> {
    numeric_date(tokens, i)
        .or_else(|| day_month_year(tokens, i))
        .or_else(|| month_day_year(tokens, i))
        .or_else(|| cjk_date(tokens, i))
}

/// Builds a date in a calendar, checking it.
fn make_date(calendar: Calendar, year: i16, month: i8, day: i8) -> Option<Date> {
    let date = match calendar {
        Calendar::Gregorian => Date::new(year, month, day).ok()?,
        Calendar::SolarHijri => solar_hijri_to_gregorian(year, month, day)?,
    };
    (1900..=2200).contains(&date.year()).then_some(date)
}

/// `24/11/2026`, `24-11-2026`, `24.11.2026`, `2026-11-24`, `11/24/2026`, `24/11/26`, and
/// Solar Hijri `1405/09/04`.
fn numeric_date(tokens: &[Tok], i: usize) -> Option<(Date, usize)> {
    let (Tok::Num(a, alen), Tok::Sep(s1), Tok::Num(b, blen), Tok::Sep(s2), Tok::Num(c, clen)) = (
        tokens.get(i)?,
        tokens.get(i + 1)?,
        tokens.get(i + 2)?,
        tokens.get(i + 3)?,
        tokens.get(i + 4)?,
    ) else {
        return None;
    };
    if s1 != s2 || !matches!(s1, '/' | '-' | '.') || *blen > 2 {
        return None;
    }
    // A number glued to a longer run of digits and separators is not this date.
    if matches!(tokens.get(i + 5), Some(Tok::Sep(s)) if s == s1)
        && matches!(tokens.get(i + 6), Some(Tok::Num(..)))
    {
        return None;
    }
    let small = |v: u32| i8::try_from(v).ok();
    let (year, month, day) = if *alen == 4 && *clen <= 2 {
        (i16::try_from(*a).ok()?, small(*b)?, small(*c)?)
    } else if *alen <= 2 && (*clen == 4 || (*clen == 2 && *s1 != '-')) {
        let year = if *clen == 2 { 2000 + *c } else { *c };
        let (day, month) = if *b > 12 && *a <= 12 {
            (*b, *a)
        } else {
            (*a, *b)
        };
        (i16::try_from(year).ok()?, small(month)?, small(day)?)
    } else {
        return None;
    };
    let calendar = if (1300..1500).contains(&year) {
        Calendar::SolarHijri
    } else {
        Calendar::Gregorian
    };
    Some((make_date(calendar, year, month, day)?, i + 5))
}

/// `24 November 2026`, `24. November 2026`, `24 de noviembre de 2026`, `24 ноября 2026 г.`,
/// `۴ آذر ۱۴۰۵`, `24th Nov 2026`, `ngày 24 tháng 11 năm 2026`.
fn day_month_year(tokens: &[Tok], i: usize) -> Option<(Date, usize)> {
    let Tok::Num(day, 1..=2) = tokens.get(i)? else {
        return None;
    };
    let mut j = i + 1;
    // "24." (German), "24th", "1er" (French), "1º".
    if tokens.get(j) == Some(&Tok::Sep('.')) {
        j += 1;
    } else if let Some(Tok::Word(w)) = tokens.get(j)
        && matches!(w.as_str(), "st" | "nd" | "rd" | "th" | "er" | "º" | "o")
    {
        j += 1;
    }
    j = skip_space(tokens, j);
    if matches!(tokens.get(j), Some(Tok::Word(w)) if w == "de") {
        j = skip_space(tokens, j + 1);
    }
    // Vietnamese: "24 tháng 11 năm 2026", "24 tháng 11, 2026".
    if let Some(Tok::Word(w)) = tokens.get(j)
        && (w == "tháng" || w == "thang" || w == "thg")
    {
        let k = skip_space(tokens, j + 1);
        let Tok::Num(month, 1..=2) = tokens.get(k)? else {
            return None;
        };
        let k = skip_glue(tokens, k + 1);
        let year = year_at(tokens, k)?;
        let date = make_date(
            Calendar::Gregorian,
            year,
            i8::try_from(*month).ok()?,
            small_day(*day)?,
        )?;
        return Some((date, k + 1));
    }
    // "24/11" is not a month name, nor is "24-Nov"; "24-Nov-2026" is read though.
    if matches!(tokens.get(j), Some(Tok::Sep('-'))) {
        j += 1;
    }
    let (month, calendar, k) = month_at(tokens, j)?;
    let k = skip_glue(tokens, k);
    let year = year_at(tokens, k)?;
    Some((make_date(calendar, year, month, small_day(*day)?)?, k + 1))
}

fn small_day(day: u32) -> Option<i8> {
    i8::try_from(day).ok()
}

/// `November 24, 2026`, `Nov. 24th, 2026`, `Dec 1 2026`.
fn month_day_year(tokens: &[Tok], i: usize) -> Option<(Date, usize)> {
    let (month, calendar, j) = month_at(tokens, i)?;
    // A word ending just before the month, such as "summer", makes no date.
    let j = skip_space(tokens, j);
    let Tok::Num(day, 1..=2) = tokens.get(j)? else {
        return None;
    };
    let mut k = j + 1;
    if let Some(Tok::Word(w)) = tokens.get(k)
        && matches!(w.as_str(), "st" | "nd" | "rd" | "th")
    {
        k += 1;
    }
    let k = skip_glue(tokens, k);
    let year = year_at(tokens, k)?;
    Some((make_date(calendar, year, month, small_day(*day)?)?, k + 1))
}

/// `2026年11月24日` (Chinese, Japanese) and `2026년 11월 24일` (Korean).
fn cjk_date(tokens: &[Tok], i: usize) -> Option<(Date, usize)> {
    let year = year_at(tokens, i)?;
    let mark = |k: usize, marks: &[&str]| matches!(tokens.get(k), Some(Tok::Word(w)) if marks.iter().any(|m| w.starts_with(m)));
    if !mark(i + 1, &["年", "년"]) {
        return None;
    }
    let j = skip_space(tokens, i + 2);
    let Tok::Num(month, 1..=2) = tokens.get(j)? else {
        return None;
    };
    if !mark(j + 1, &["月", "월"]) {
        return None;
    }
    let k = skip_space(tokens, j + 2);
    let Tok::Num(day, 1..=2) = tokens.get(k)? else {
        return None;
    };
    let date = make_date(
        Calendar::Gregorian,
        year,
        i8::try_from(*month).ok()?,
        small_day(*day)?,
    )?;
    Some((date, k + 1))
}

/// The first time of day after the date (or else anywhere), with the zone offset in seconds.
fn find_time(tokens: &[Tok], after: usize) -> Option<(Time, i32)> {
    let found = (after..tokens.len())
        .find_map(|i| time_at(tokens, i))
        .or_else(|| (0..after.min(tokens.len())).find_map(|i| time_at(tokens, i)))?;
    Some(found)
}

/// `08:30`, `8:30:15`, `8h30`, followed by `am`/`pm`/`a.m.` and a zone.
fn time_at(tokens: &[Tok], i: usize) -> Option<(Time, i32)> {
    let Tok::Num(hour, 1..=2) = tokens.get(i)? else {
        return None;
    };
    // Not the minutes of an earlier time, nor part of a zone.
    if i > 0 && matches!(tokens.get(i - 1), Some(Tok::Sep(':' | '+' | '-'))) {
        return None;
    }
    let sep_ok = match tokens.get(i + 1)? {
        Tok::Sep(':') => true,
        Tok::Word(w) => w == "h",
        _ => false,
    };
    let Tok::Num(minute, 2) = tokens.get(i + 2)? else {
        return None;
    };
    if !sep_ok {
        return None;
    }
    let mut j = i + 3;
    let mut second = 0;
    if tokens.get(j) == Some(&Tok::Sep(':'))
        && let Some(Tok::Num(s, 2)) = tokens.get(j + 1)
    {
        second = *s;
        j += 2;
    }
    let mut hour = *hour;
    let k = skip_space(tokens, j);
    if let Some((pm, next)) = meridiem(tokens, k) {
        if hour > 12 || hour == 0 {
            return None;
        }
        hour = match (pm, hour) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
        j = next;
    }
    let time = Time::new(
        i8::try_from(hour).ok()?,
        i8::try_from(*minute).ok()?,
        i8::try_from(second).ok()?,
        0,
    )
    .ok()?;
    Some((time, zone_after(tokens, j).unwrap_or(0)))
}

/// `am`, `pm`, `a.m.`, `p.m.`, Vietnamese `SA`/`CH`: whether afternoon, and the index after.
fn meridiem(tokens: &[Tok], i: usize) -> Option<(bool, usize)> {
    let Tok::Word(w) = tokens.get(i)? else {
        return None;
    };
    match w.as_str() {
        "am" | "sa" => Some((false, i + 1)),
        "pm" | "ch" => Some((true, i + 1)),
        "a" | "p" => {
            let pm = w == "p";
            let (Some(Tok::Sep('.')), Some(Tok::Word(m))) = (tokens.get(i + 1), tokens.get(i + 2))
            else {
                return None;
            };
            if m != "m" {
                return None;
            }
            let mut next = i + 3;
            if tokens.get(next) == Some(&Tok::Sep('.')) {
                next += 1;
            }
            Some((pm, next))
        }
        _ => None,
    }
}

/// Zone abbreviations and their offsets in hours (standard time unless the name says).
const ZONES: &[(&str, i32)] = &[
    ("utc", 0),
    ("gmt", 0),
    ("мск", 3),
    ("z", 0),
    ("wet", 0),
    ("bst", 1),
    ("cet", 1),
    ("cest", 2),
    ("mez", 1),
    ("mesz", 2),
    ("eet", 2),
    ("eest", 3),
    ("msk", 3),
    ("ict", 7),
    ("wib", 7),
    ("est", -5),
    ("edt", -4),
    ("et", -5),
    ("cst", -6),
    ("cdt", -5),
    ("mst", -7),
    ("mdt", -6),
    ("pst", -8),
    ("pdt", -7),
    ("pt", -8),
    ("jst", 9),
    ("kst", 9),
    ("ist", 5),
    ("aest", 10),
    ("aedt", 11),
];

/// A zone after a time: `(GMT+7)`, `GMT+07:00`, `UTC`, `+0700`, `ET`; offset in seconds.
fn zone_after(tokens: &[Tok], mut i: usize) -> Option<i32> {
    i = skip_space(tokens, i);
    if tokens.get(i) == Some(&Tok::Sep('(')) {
        i += 1;
    }
    let mut base = None;
    if let Some(Tok::Word(w)) = tokens.get(i) {
        if w == "irst" {
            base = Some(3 * 3600 + 1800);
        } else if let Some((_, h)) = ZONES.iter().find(|(z, _)| z == w) {
            base = Some(h * 3600);
        } else {
            return None;
        }
        i += 1;
    }
    match (tokens.get(i), tokens.get(i + 1)) {
        (Some(Tok::Sep(sign @ ('+' | '-' | '−'))), Some(Tok::Num(v, len))) => {
            let (mut hours, mut minutes) = if *len >= 3 {
                (v / 100, v % 100)
            } else {
                (*v, 0)
            };
            if *len <= 2
                && tokens.get(i + 2) == Some(&Tok::Sep(':'))
                && let Some(Tok::Num(m, 2)) = tokens.get(i + 3)
            {
                minutes = *m;
            }
            if hours > 14 || minutes > 59 {
                hours = 0;
                minutes = 0;
            }
            let secs = i32::try_from(hours * 3600 + minutes * 60).ok()?;
            Some(if *sign == '+' { secs } else { -secs })
        }
        _ => base,
    }
}

/// The Gregorian date of a Solar Hijri (Persian) date, by the arithmetic of the 2820-year
/// "breaks" table used by the jalaali algorithms (exact for the years newspapers print).
fn solar_hijri_to_gregorian(year: i16, month: i8, day: i8) -> Option<Date> {
    if !(1..=12).contains(&month) || day < 1 {
        return None;
    }
    let max_day = match month {
        1..=6 => 31,
        7..=11 => 30,
        _ => 30,
    };
    if day > max_day {
        return None;
    }
    let (gy, march) = nowruz(i32::from(year))?;
    let start = Date::new(i16::try_from(gy).ok()?, 3, i8::try_from(march).ok()?).ok()?;
    let m = i64::from(month);
    let before = if m <= 7 {
        (m - 1) * 31
    } else {
        6 * 31 + (m - 7) * 30
    };
    let days = before + i64::from(day) - 1;
    let date = start.checked_add(jiff::Span::new().days(days)).ok()?;
    // Esfand 30 only exists in leap years: it would be the next Nowruz.
    if month == 12 && day == 30 {
        let (next_gy, next_march) = nowruz(i32::from(year) + 1)?;
        let next = Date::new(
            i16::try_from(next_gy).ok()?,
            3,
            i8::try_from(next_march).ok()?,
        )
        .ok()?;
        if date >= next {
            return None;
        }
    }
    Some(date)
}

/// The Gregorian year and March day of Nowruz (1 Farvardin) of a Solar Hijri year.
fn nowruz(jy: i32) -> Option<(i32, i32)> {
    const BREAKS: [i32; 20] = [
        -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324,
        2394, 2456, 3178,
    ];
    if jy < BREAKS[0] || jy >= BREAKS[BREAKS.len() - 1] {
        return None;
    }
    let gy = jy + 621;
    let mut leap_j = -14;
    let mut jp = BREAKS[0];
    let mut jump = 0;
    for &jm in &BREAKS[1..] {
        jump = jm - jp;
        if jy < jm {
            break;
        }
        leap_j += jump.div_euclid(33) * 8 + jump.rem_euclid(33).div_euclid(4);
        jp = jm;
    }
    let n = jy - jp;
    leap_j += n.div_euclid(33) * 8 + (n.rem_euclid(33) + 3).div_euclid(4);
    if jump.rem_euclid(33) == 4 && jump - n == 4 {
        leap_j += 1;
    }
    let leap_g = gy.div_euclid(4) - ((gy.div_euclid(100) + 1) * 3).div_euclid(4) - 150;
    Some((gy, 20 + leap_j - leap_g))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> String {
        visible_date(s).map_or_else(|| "none".to_owned(), |t| t.to_string())
    }

    #[test]
    fn vietnamese_date_lines_give_their_date_time_and_zone() {
        assert_eq!(
            at("Thứ hai, 24/11/2026 08:30 (GMT+7)"),
            "2026-11-24T01:30:00Z"
        );
        assert_eq!(at("24-11-2026"), "2026-11-24T00:00:00Z");
        assert_eq!(
            at("Cập nhật: 08:30 ngày 24/11/2026"),
            "2026-11-24T08:30:00Z"
        );
        assert_eq!(at("ngày 24 tháng 11 năm 2026"), "2026-11-24T00:00:00Z");
        assert_eq!(
            at("Thứ Hai, ngày 24/11/2026 - 08:30"),
            "2026-11-24T08:30:00Z"
        );
    }

    #[test]
    fn english_dates_read_month_names_ordinals_and_meridiems() {
        assert_eq!(at("November 24, 2026"), "2026-11-24T00:00:00Z");
        assert_eq!(at("24 Nov 2026 8:30 am"), "2026-11-24T08:30:00Z");
        assert_eq!(
            at("Updated Nov. 24th, 2026, 8:30 p.m. ET"),
            "2026-11-25T01:30:00Z"
        );
        assert_eq!(
            at("Published 12:05 PM GMT, Tue November 24, 2026"),
            "2026-11-24T12:05:00Z"
        );
        assert_eq!(at("11/24/2026"), "2026-11-24T00:00:00Z");
    }

    #[test]
    fn french_german_spanish_and_russian_dates_are_read() {
        assert_eq!(
            at("Publié le 24 novembre 2026 à 08h30"),
            "2026-11-24T08:30:00Z"
        );
        assert_eq!(at("1er décembre 2026"), "2026-12-01T00:00:00Z");
        assert_eq!(at("24. November 2026, 08:30 Uhr"), "2026-11-24T08:30:00Z");
        assert_eq!(at("24.11.2026"), "2026-11-24T00:00:00Z");
        assert_eq!(at("24 de noviembre de 2026"), "2026-11-24T00:00:00Z");
        assert_eq!(at("24 ноября 2026 г., 08:30 МСК"), "2026-11-24T05:30:00Z");
        assert_eq!(at("24 ноября 2026, 08:30 (MSK)"), "2026-11-24T05:30:00Z");
    }

    #[test]
    fn persian_solar_hijri_dates_are_converted_to_gregorian() {
        assert_eq!(at("۴ آذر ۱۴۰۵"), "2026-11-25T00:00:00Z");
        assert_eq!(at("سه‌شنبه ۴ آذر ۱۴۰۵ - ۰۸:۳۰"), "2026-11-25T08:30:00Z");
        assert_eq!(at("۱۴۰۵/۰۹/۰۴"), "2026-11-25T00:00:00Z");
        assert_eq!(at("1 فروردین 1403"), "2024-03-20T00:00:00Z");
        assert_eq!(at("1 فروردین 1404"), "2025-03-21T00:00:00Z");
        assert_eq!(at("29 اسفند 1402"), "2024-03-19T00:00:00Z");
        assert_eq!(at("30 اسفند 1402"), "none");
        assert_eq!(at("30 اسفند 1403"), "2025-03-20T00:00:00Z");
    }

    #[test]
    fn arabic_dates_read_both_month_name_families_and_indic_digits() {
        assert_eq!(at("24 نوفمبر 2026"), "2026-11-24T00:00:00Z");
        assert_eq!(at("٢٤ نوفمبر ٢٠٢٦"), "2026-11-24T00:00:00Z");
        assert_eq!(at("الثلاثاء 24 تشرين الثاني 2026"), "2026-11-24T00:00:00Z");
        assert_eq!(at("1 كانون الثاني 2026"), "2026-01-01T00:00:00Z");
    }

    #[test]
    fn cjk_dates_and_iso_dates_are_read() {
        assert_eq!(at("2026年11月24日 08:30"), "2026-11-24T08:30:00Z");
        assert_eq!(at("2026-11-24T08:30:00+07:00"), "2026-11-24T01:30:00Z");
        assert_eq!(at("Posted 2026-11-24 at 08:30"), "2026-11-24T08:30:00Z");
    }

    #[test]
    fn lines_without_a_date_give_none() {
        for s in [
            "",
            "08:30",
            "November 2026",
            "Page 2 of 10",
            "31/02/2026",
            "version 1.2.3",
            "call 0912-345-678",
            &"9".repeat(10_000),
            &"24 ".repeat(10_000),
        ] {
            assert_eq!(at(s), "none", "{s:.40}");
        }
    }

    #[test]
    fn arbitrary_text_never_panics() {
        const PIECES: &[&str] = &[
            "24",
            "2026",
            "1405",
            "۴",
            "٢٤",
            "/",
            "-",
            ".",
            ":",
            " ",
            "(GMT+7)",
            "+",
            "tháng",
            "November",
            "آذر",
            "تشرين",
            "الثاني",
            "ноября",
            "am",
            "p.m.",
            "年",
            "月",
            "日",
            "h",
            "é",
            "\u{0301}",
            "\u{200C}",
            "99999999999999999999",
            "12",
            "0",
            "ET",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..5_000 {
            let mut s = String::new();
            for _ in 0..(state % 24) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let i = usize::try_from(state % PIECES.len() as u64).unwrap_or(0);
                s.push_str(PIECES[i]);
            }
            let _ = visible_date(&s);
        }
    }
}
