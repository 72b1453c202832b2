//! The language of an article: what the page declares, unless its text says otherwise.
//!
//! Pages declare a language in `<html lang>`, a `Content-Language` meta or `og:locale`, and
//! that is usually right; but templates are shared across editions, so a Persian article
//! under `lang="en"` or a Vietnamese one under the theme's default happen. A declaration is
//! kept when the text is written in a script the language uses (and is not plainly another
//! language of that script); otherwise the language is detected from the text with
//! `whatlang`, refined where it is weakest: Persian against Arabic by their own letters, and
//! simplified against traditional Chinese by characters only one of them uses.

use herald_domain::Language;
use whatlang::{Lang, Script};

/// Characters of text looked at; enough for a reliable guess, bounded for huge pages.
const SAMPLE_CHARS: usize = 4000;

/// Fewer letters than this say nothing about a text's script.
const MIN_LETTERS: usize = 20;

/// How sure detection must be to replace a declared language whose script fits the text.
const OVERRIDE_CONFIDENCE: f64 = 0.95;
/// How many letters of text it takes to replace such a declaration.
const OVERRIDE_MIN_LETTERS: usize = 400;

/// The language of `text`: `declared` when the text agrees with it, else the detected one
/// (`None` when the text is too short or too mixed to tell).
#[must_use]
pub(crate) fn detect_language(text: &str, declared: Option<&Language>) -> Option<Language> {
    let sample = sample(text);
    let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
    if letters < MIN_LETTERS {
        return declared.cloned();
    }
    let script = whatlang::detect_script(sample);
    let info = whatlang::detect(sample);
    if let Some(declared) = declared {
        let fits = script.is_none_or(|s| script_fits(declared, s));
        let overruled = info.as_ref().is_some_and(|info| {
            letters >= OVERRIDE_MIN_LETTERS
                && info.is_reliable()
                && info.confidence() >= OVERRIDE_CONFIDENCE
                && !same_family(declared.primary(), tag(info.lang()))
                && !is_placeholder(info.lang())
        });
        if fits && !overruled {
            return Some(declared.clone());
        }
    }
    let info = info.filter(|info| !is_placeholder(info.lang()))?;
    let detected = refine(info.lang(), sample);
    if info.is_reliable() || declared.is_some() {
        return Language::parse(detected).ok();
    }
    // An unreliable guess is still good when the script belongs to one language only.
    match script? {
        Script::Hangul => Language::parse("ko").ok(),
        Script::Hiragana | Script::Katakana => Language::parse("ja").ok(),
        Script::Greek => Language::parse("el").ok(),
        Script::Thai => Language::parse("th").ok(),
        Script::Hebrew => Language::parse("he").ok(),
        Script::Georgian => Language::parse("ka").ok(),
        Script::Armenian => Language::parse("hy").ok(),
        _ => None,
    }
}

/// Languages detected in placeholder text ("Lorem ipsum…" reads as Latin) rather than in
/// any newsroom's articles: never an answer.
fn is_placeholder(lang: Lang) -> bool {
    matches!(lang, Lang::Lat | Lang::Epo)
}

/// Whether a declared language fits the script a text is written in. Only scripts are
/// compared: which Latin-script language it is, a declaration may know better than a guess.
pub(crate) fn declared_fits_text(declared: &Language, text: &str) -> bool {
    let sample = sample(text);
    if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return true;
    }
    whatlang::detect_script(sample).is_none_or(|s| script_fits(declared, s))
}

/// The first [`SAMPLE_CHARS`] characters.
fn sample(text: &str) -> &str {
    match text.char_indices().nth(SAMPLE_CHARS) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// Whether a text in `script` may be in the `declared` language.
fn script_fits(declared: &Language, script: Script) -> bool {
    if let Some(subtag) = declared.script() {
        return match subtag {
            "Latn" => script == Script::Latin,
            "Cyrl" => script == Script::Cyrillic,
            "Arab" => script == Script::Arabic,
            "Hebr" => script == Script::Hebrew,
            "Grek" => script == Script::Greek,
            "Deva" => script == Script::Devanagari,
            "Hans" | "Hant" | "Hani" => script == Script::Mandarin,
            "Jpan" => matches!(
                script,
                Script::Mandarin | Script::Hiragana | Script::Katakana
            ),
            "Kore" | "Hang" => matches!(script, Script::Hangul | Script::Mandarin),
            _ => true,
        };
    }
    let expected: &[Script] = match declared.primary() {
        "ru" | "uk" | "bg" | "be" | "mk" | "kk" | "ky" | "mn" | "tg" => &[Script::Cyrillic],
        "sr" | "bs" => &[Script::Cyrillic, Script::Latin],
        "ar" | "fa" | "ur" | "ps" | "ckb" | "sd" | "ug" | "prs" => &[Script::Arabic],
        "he" | "yi" => &[Script::Hebrew],
        "zh" => &[Script::Mandarin],
        "ja" => &[Script::Mandarin, Script::Hiragana, Script::Katakana],
        "ko" => &[Script::Hangul, Script::Mandarin],
        "el" => &[Script::Greek],
        "th" => &[Script::Thai],
        "hi" | "mr" | "ne" | "sa" => &[Script::Devanagari],
        "bn" | "as" => &[Script::Bengali],
        "ka" => &[Script::Georgian],
        "hy" => &[Script::Armenian],
        "km" => &[Script::Khmer],
        "my" => &[Script::Myanmar],
        "ta" => &[Script::Tamil],
        "am" | "ti" => &[Script::Ethiopic],
        _ if declared.uses_latin_script() => &[Script::Latin],
        // A non-Latin language we know no script for: any script but Latin.
        _ => return script != Script::Latin,
    };
    expected.contains(&script)
}

/// Languages a detector confuses with each other, where a declaration is trusted.
fn same_family(a: &str, b: &str) -> bool {
    const FAMILIES: &[&[&str]] = &[
        &["es", "pt", "gl", "ca", "it", "la", "eo"],
        &["da", "nb", "nn", "no", "sv"],
        &["id", "ms", "jv", "tl"],
        &["hr", "sr", "bs", "sl"],
        &["cs", "sk"],
        &["ru", "uk", "be", "bg", "mk"],
        &["fa", "ar", "ur", "ps"],
        &["hi", "mr", "ne"],
        &["nl", "af"],
    ];
    a == b || FAMILIES.iter().any(|f| f.contains(&a) && f.contains(&b))
}

/// A detected language, refined: Persian and Arabic told apart by their own letters,
/// Chinese by simplified- or traditional-only characters.
fn refine(lang: Lang, text: &str) -> &'static str {
    match lang {
        Lang::Ara | Lang::Pes => {
            let persian = text
                .chars()
                .filter(|c| matches!(c, 'پ' | 'چ' | 'ژ' | 'گ' | 'ی' | 'ک'))
                .count();
            let arabic = text
                .chars()
                .filter(|c| matches!(c, 'ي' | 'ك' | 'ة' | 'ى'))
                .count();
            if persian > arabic { "fa" } else { "ar" }
        }
        Lang::Cmn => {
            const SIMPLIFIED: &str = "们这说个来时会为国学对与后开关经发现过还动问题进样实种长";
            const TRADITIONAL: &str = "們這說個來時會為國學對與後開關經發現過還動問題進樣實種長";
            let count = |set: &str| text.chars().filter(|c| set.contains(*c)).count();
            // Characters both forms share are in both sets and cancel out.
            let (s, t) = (count(SIMPLIFIED), count(TRADITIONAL));
            if s > 2 * t && s >= 3 {
                "zh-Hans"
            } else if t > 2 * s && t >= 3 {
                "zh-Hant"
            } else {
                "zh"
            }
        }
        other => tag(other),
    }
}

/// The BCP 47 tag of a detected language.
fn tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
        Lang::Cym => "cy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Language {
        Language::parse(tag).expect("a valid tag")
    }

    fn detect(text: &str, declared: Option<&str>) -> Option<String> {
        detect_language(text, declared.map(lang).as_ref()).map(|l| l.as_str().to_owned())
    }

    const VI: &str = "Cây cầu mới bắc qua sông Hồng được khánh thành sáng nay, giúp người dân \
        hai bên bờ đi lại thuận tiện hơn. Công trình dài hơn hai cây số, được xây dựng trong ba \
        năm với tổng vốn đầu tư hơn tám nghìn tỷ đồng. Nhiều người dân đã đến xem lễ khánh thành.";
    const FA: &str = "پل جدید روی رودخانه امروز صبح افتتاح شد و رفت‌وآمد مردم دو سوی رود را آسان‌تر \
        کرد. این پروژه بیش از دو کیلومتر طول دارد و ساخت آن سه سال طول کشید. بسیاری از مردم برای \
        دیدن مراسم افتتاح آمده بودند.";
    const AR: &str = "افتتح الجسر الجديد فوق النهر صباح اليوم، مما يسهل حركة السكان على ضفتي النهر. \
        ويبلغ طول المشروع أكثر من كيلومترين، واستغرق بناؤه ثلاث سنوات. وقد حضر كثير من الناس حفل \
        الافتتاح.";
    const RU: &str = "Новый мост через реку открыли сегодня утром, и жителям обоих берегов стало \
        проще добираться до работы. Длина сооружения превышает два километра, строительство \
        заняло три года.";
    const EN: &str = "The new bridge over the river opened this morning, making it easier for \
        people on both banks to get to work. The structure is more than two kilometres long and \
        took three years to build. Many people came to watch the opening ceremony.";

    #[test]
    fn a_declaration_in_the_texts_script_is_kept() {
        assert_eq!(detect(FA, Some("fa-IR")).as_deref(), Some("fa-IR"));
        assert_eq!(detect(RU, Some("ru")).as_deref(), Some("ru"));
        assert_eq!(detect(EN, Some("en-GB")).as_deref(), Some("en-GB"));
        // Short texts cannot contradict anything.
        assert_eq!(detect("OK", Some("fa")).as_deref(), Some("fa"));
    }

    #[test]
    fn a_declaration_in_another_script_gives_way_to_detection() {
        assert_eq!(detect(FA, Some("en")).as_deref(), Some("fa"));
        assert_eq!(detect(AR, Some("en-US")).as_deref(), Some("ar"));
        assert_eq!(detect(RU, Some("vi")).as_deref(), Some("ru"));
        assert_eq!(detect(EN, Some("zh-Hans")).as_deref(), Some("en"));
    }

    #[test]
    fn without_a_declaration_the_language_is_detected() {
        assert_eq!(detect(VI, None).as_deref(), Some("vi"));
        assert_eq!(detect(FA, None).as_deref(), Some("fa"));
        assert_eq!(detect(AR, None).as_deref(), Some("ar"));
        assert_eq!(detect(EN, None).as_deref(), Some("en"));
        assert_eq!(
            detect(
                "这是一个关于新桥的报道，我们来说说这个问题。它们的发展很快，国家对此很重视。",
                None
            )
            .as_deref(),
            Some("zh-Hans")
        );
        assert_eq!(
            detect(
                "這是一個關於新橋的報道，我們來說說這個問題。它們的發展很快，國家對此很重視。",
                None
            )
            .as_deref(),
            Some("zh-Hant")
        );
        assert_eq!(detect("", None), None);
    }

    #[test]
    fn a_long_text_plainly_in_another_latin_language_overrules_a_template_default() {
        let long = format!("{VI} {VI} {VI}");
        assert_eq!(detect(&long, Some("en")).as_deref(), Some("vi"));
        let long_en = format!("{EN} {EN}");
        assert_eq!(detect(&long_en, Some("en")).as_deref(), Some("en"));
    }

    #[test]
    fn declared_languages_are_checked_against_the_script_only() {
        assert!(declared_fits_text(&lang("fa"), FA));
        assert!(!declared_fits_text(&lang("en"), FA));
        assert!(declared_fits_text(&lang("sr"), RU));
        assert!(declared_fits_text(&lang("sr-Latn"), EN));
        assert!(!declared_fits_text(&lang("sr-Latn"), RU));
        assert!(declared_fits_text(&lang("de"), EN));
    }

    #[test]
    fn placeholder_latin_is_never_a_detected_language() {
        let lorem = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor \
            incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud \
            exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure \
            dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur.";
        let long = format!("{lorem} {lorem} {lorem}");
        assert_eq!(detect(&long, Some("en")).as_deref(), Some("en"));
        assert_eq!(detect(&long, None), None);
    }
}
