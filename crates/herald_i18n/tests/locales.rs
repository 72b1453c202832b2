//! The locale files are complete: every locale has exactly the messages of `en`, with the same
//! variables, nothing empty, and every message formats without a Fluent error. A message
//! missing anywhere fails here, naming the locale, the file and the id, so that no page ever
//! shows an untranslated or absent string. Copies of the English text, Latin letters in the
//! right-to-left locales and the wrong Arabic-script letters are caught too.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast::{Attribute, Entry, Expression, InlineExpression, Pattern, PatternElement};
use herald_domain::Language;
use herald_i18n::{Arg, FALLBACK, Messages, SUPPORTED, SupportedLocale};

/// A message's variables, by message id.
type Variables = BTreeMap<String, BTreeSet<String>>;

fn locales_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/locales"))
}

fn reference() -> &'static SupportedLocale {
    SUPPORTED
        .iter()
        .find(|l| l.tag == FALLBACK)
        .expect("the fallback locale is supported")
}

/// Parses one file into its messages and their variables; syntax errors are reported.
fn messages_of(tag: &str, name: &str, source: &'static str) -> Result<Variables, String> {
    let resource = fluent_syntax::parser::parse(source).map_err(|(_, errors)| {
        let errors: Vec<String> = errors.iter().map(|e| format!("{e:?}")).collect();
        format!("{tag}/{name} does not parse: {}", errors.join("; "))
    })?;
    let mut messages = Variables::new();
    for entry in &resource.body {
        match entry {
            Entry::Message(message) => {
                let mut variables = BTreeSet::new();
                if let Some(value) = &message.value {
                    pattern_variables(value, &mut variables);
                }
                for attribute in &message.attributes {
                    pattern_variables(&attribute.value, &mut variables);
                }
                let duplicate = messages
                    .insert(message.id.name.to_owned(), variables)
                    .is_some();
                if duplicate {
                    return Err(format!("{tag}/{name} defines '{}' twice", message.id.name));
                }
            }
            Entry::Junk { content } => {
                return Err(format!("{tag}/{name} has unparsable text: {content:?}"));
            }
            Entry::Term(_)
            | Entry::Comment(_)
            | Entry::GroupComment(_)
            | Entry::ResourceComment(_) => {}
        }
    }
    Ok(messages)
}

fn pattern_variables(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
        Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, out);
            }
            for argument in &arguments.named {
                inline_variables(&argument.value, out);
            }
        }
        InlineExpression::TermReference { arguments, .. } => {
            for argument in arguments.iter().flat_map(|a| &a.positional) {
                inline_variables(argument, out);
            }
            for argument in arguments.iter().flat_map(|a| &a.named) {
                inline_variables(&argument.value, out);
            }
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, out),
        InlineExpression::StringLiteral { .. }
        | InlineExpression::NumberLiteral { .. }
        | InlineExpression::MessageReference { .. } => {}
    }
}

/// Whether a pattern shows something: visible text or a placeable.
fn shows_something(pattern: &Pattern<&str>) -> bool {
    pattern.elements.iter().any(|element| match element {
        PatternElement::TextElement { value } => !value.trim().is_empty(),
        PatternElement::Placeable { .. } => true,
    })
}

#[test]
fn locale_folders_are_the_supported_locales() {
    let mut on_disk: Vec<String> = std::fs::read_dir(locales_dir())
        .expect("locales/ exists")
        .map(|entry| entry.expect("readable entry"))
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut supported: Vec<String> = SUPPORTED.iter().map(|l| l.tag.to_owned()).collect();
    supported.sort();
    assert_eq!(
        on_disk, supported,
        "locales/ folders differ from SUPPORTED in src/locales.rs"
    );
}

#[test]
fn supported_tags_are_canonical_and_unique() {
    let mut seen = BTreeSet::new();
    for locale in SUPPORTED {
        let parsed = Language::parse(locale.tag).expect("a BCP 47 tag");
        assert_eq!(
            parsed.as_str(),
            locale.tag,
            "'{}' is not in canonical form",
            locale.tag
        );
        assert!(seen.insert(locale.tag), "'{}' is listed twice", locale.tag);
    }
    assert!(
        seen.contains(FALLBACK),
        "the fallback locale '{FALLBACK}' must be supported"
    );
}

#[test]
fn every_locale_embeds_exactly_the_files_on_disk() {
    for locale in SUPPORTED {
        let mut on_disk: Vec<String> = std::fs::read_dir(locales_dir().join(locale.tag))
            .expect("locale folder exists")
            .map(|entry| {
                entry
                    .expect("readable entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|name| name.ends_with(".ftl"))
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = locale.files.iter().map(|f| f.name.to_owned()).collect();
        embedded.sort();
        assert_eq!(
            on_disk, embedded,
            "locales/{}/ differs from what src/locales.rs embeds",
            locale.tag
        );
        for file in locale.files {
            let path = locales_dir().join(locale.tag).join(file.name);
            let text = std::fs::read_to_string(&path).expect("readable file");
            assert_eq!(
                text,
                file.source,
                "{} differs from the embedded copy",
                path.display()
            );
        }
    }
}

#[test]
fn every_locale_has_the_messages_and_variables_of_english() {
    let reference = reference();
    let mut problems = Vec::new();
    for locale in SUPPORTED {
        for (file, reference_file) in locale.files.iter().zip(reference.files) {
            assert_eq!(
                file.name, reference_file.name,
                "files of {} are listed differently",
                locale.tag
            );
            let expected =
                match messages_of(reference.tag, reference_file.name, reference_file.source) {
                    Ok(messages) => messages,
                    Err(problem) => {
                        problems.push(problem);
                        continue;
                    }
                };
            let actual = match messages_of(locale.tag, file.name, file.source) {
                Ok(messages) => messages,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
            let where_ = format!("{}/{}", locale.tag, file.name);
            for (id, variables) in &expected {
                match actual.get(id) {
                    None => problems.push(format!(
                        "{where_} is missing message '{id}' (see {}/{})",
                        reference.tag, reference_file.name
                    )),
                    Some(found) if found != variables => problems.push(format!(
                        "{where_}: message '{id}' uses variables {found:?}, but {} uses {variables:?}",
                        reference.tag
                    )),
                    Some(_) => {}
                }
            }
            for id in actual.keys().filter(|id| !expected.contains_key(*id)) {
                problems.push(format!(
                    "{where_} has message '{id}', which {}/{} does not have",
                    reference.tag, reference_file.name
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "locale files are incomplete:\n{}",
        problems.join("\n")
    );
}

#[test]
fn no_message_is_empty() {
    let mut problems = Vec::new();
    for locale in SUPPORTED {
        for file in locale.files {
            let Ok(resource) = fluent_syntax::parser::parse(file.source) else {
                problems.push(format!("{}/{} does not parse", locale.tag, file.name));
                continue;
            };
            for entry in &resource.body {
                let Entry::Message(message) = entry else {
                    continue;
                };
                let empty = message
                    .value
                    .as_ref()
                    .is_none_or(|value| !shows_something(value))
                    || message
                        .attributes
                        .iter()
                        .any(|a| !shows_something(&a.value));
                if empty {
                    problems.push(format!(
                        "{}/{}: message '{}' is empty",
                        locale.tag, file.name, message.id.name
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn persian_messages_use_persian_letters() {
    // Arabic yeh and kaf look alike but break search and sorting for Persian readers.
    let fa = SUPPORTED
        .iter()
        .find(|l| l.tag == "fa")
        .expect("fa is supported");
    for file in fa.files {
        for line in file
            .source
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
        {
            assert!(
                !line.contains(['\u{064a}', '\u{0643}']),
                "fa/{}: Arabic letter in {line:?}",
                file.name
            );
        }
    }
}

/// Sample values for a message's variables: numbers where messages expect numbers.
fn sample_args(variables: &BTreeSet<String>) -> Vec<(&str, Arg<'static>)> {
    variables
        .iter()
        .map(|name| {
            let value = match name.as_str() {
                "minutes" | "count" | "page" | "pages" => Arg::Number(2),
                _ => Arg::from("Sample"),
            };
            (name.as_str(), value)
        })
        .collect()
}

#[test]
fn every_message_formats_without_errors_in_every_locale() {
    let all: Vec<Language> = SUPPORTED
        .iter()
        .map(|l| Language::parse(l.tag).expect("a BCP 47 tag"))
        .collect();
    let messages = Messages::load(&all).expect("every supported locale loads");
    let reference = reference();
    let mut problems = Vec::new();
    for file in reference.files {
        let ids = messages_of(reference.tag, file.name, file.source).expect("en parses");
        for (id, variables) in &ids {
            let args = sample_args(variables);
            for lang in &all {
                match messages.try_format(lang, id, &args) {
                    Ok(text) if text.trim().is_empty() => {
                        problems.push(format!("{lang}/{}: '{id}' formats to nothing", file.name));
                    }
                    Ok(_) => {}
                    Err(e) => problems.push(format!("{lang}/{}: {e}", file.name)),
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Each file's messages, by id: the value and attributes, without comments.
type Bodies<'s> = BTreeMap<String, (Option<Pattern<&'s str>>, Vec<Attribute<&'s str>>)>;

fn bodies(source: &'static str) -> Bodies<'static> {
    let resource = fluent_syntax::parser::parse(source).expect("the file parses");
    resource
        .body
        .into_iter()
        .filter_map(|entry| match entry {
            Entry::Message(message) => Some((
                message.id.name.to_owned(),
                (message.value, message.attributes),
            )),
            _ => None,
        })
        .collect()
}

/// Messages that may read exactly as in English, with the locales where they do and why.
/// Everything else identical to `en` is taken for an untranslated copy.
const SAME_AS_ENGLISH: &[(&str, &[&str], &str)] = &[
    (
        "category-title",
        &["vi", "fa", "ar", "fr", "zh-Hans", "ru", "es", "de", "ja"],
        "the section's name alone, as every locale shows it",
    ),
    (
        "article-dateline",
        &["vi", "ru", "es", "de"],
        "place, comma, date is also these newsrooms' dateline",
    ),
    (
        "card-video",
        &["vi", "de"],
        "Vietnamese and German spell the loanword as English does",
    ),
    (
        "videos-title",
        &["de"],
        "German's plural of Video is Videos",
    ),
    (
        "admin-nav-articles",
        &["fr"],
        "French spells the plural of article as English does",
    ),
    (
        "admin-source-articles",
        &["fr"],
        "French spells the plural of article as English does",
    ),
    (
        "admin-nav-sources",
        &["fr"],
        "French spells the plural of source as English does",
    ),
    (
        "admin-sources-health",
        &["fr"],
        "French spells the plural of source as English does",
    ),
    (
        "admin-source-name",
        &["fr"],
        "French spells source as English does",
    ),
    (
        "admin-pages",
        &["fr"],
        "French spells the plural of page as English does",
    ),
    (
        "admin-coverage-original",
        &["es"],
        "Spanish spells original as English does",
    ),
    (
        "admin-role-editor",
        &["es"],
        "Spanish names the role as English does",
    ),
    (
        "admin-role-admin",
        &["de"],
        "German names the role as English does",
    ),
    (
        "admin-role-moderator",
        &["de"],
        "German names the role as English does",
    ),
];

#[test]
fn no_locale_copies_english_text() {
    let reference = reference();
    let mut problems = Vec::new();
    for locale in SUPPORTED.iter().filter(|l| l.tag != FALLBACK) {
        for (file, reference_file) in locale.files.iter().zip(reference.files) {
            let english = bodies(reference_file.source);
            let translated = bodies(file.source);
            for (id, body) in &translated {
                let allowed = SAME_AS_ENGLISH
                    .iter()
                    .any(|(allowed, tags, _)| allowed == id && tags.contains(&locale.tag));
                let same = english.get(id) == Some(body);
                if same && !allowed {
                    problems.push(format!(
                        "{}/{}: '{id}' is the English text; translate it, or add it to \
                         SAME_AS_ENGLISH with the reason",
                        locale.tag, file.name
                    ));
                }
                if allowed && !same {
                    problems.push(format!(
                        "{}/{}: '{id}' is translated now; remove it from SAME_AS_ENGLISH",
                        locale.tag, file.name
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The visible text of a pattern, outside placeables: every variant of a selection included.
fn visible_text<'s>(pattern: &Pattern<&'s str>, out: &mut Vec<&'s str>) {
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => out.push(value),
            PatternElement::Placeable { expression } => expression_text(expression, out),
        }
    }
}

fn expression_text<'s>(expression: &Expression<&'s str>, out: &mut Vec<&'s str>) {
    match expression {
        Expression::Select { variants, .. } => {
            for variant in variants {
                visible_text(&variant.value, out);
            }
        }
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            expression_text(expression, out);
        }
        Expression::Inline(InlineExpression::StringLiteral { value }) => out.push(value),
        Expression::Inline(_) => {}
    }
}

fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic()
        && (c.is_ascii()
            || ('\u{00c0}'..='\u{024f}').contains(&c)
            || ('\u{1e00}'..='\u{1eff}').contains(&c))
}

/// Latin words the right-to-left locales may show: the software's name, kept as is.
const LATIN_IN_RTL: &[&str] = &["Herald"];

#[test]
fn right_to_left_messages_have_no_latin_letters_outside_placeholders() {
    // A Latin word in Arabic or Persian text is an untranslated fragment, and it also flips
    // the direction of the text around it.
    let mut problems = Vec::new();
    for locale in SUPPORTED.iter().filter(|l| ["ar", "fa"].contains(&l.tag)) {
        for file in locale.files {
            for (id, (value, attributes)) in bodies(file.source) {
                let mut text = Vec::new();
                for pattern in value.iter().chain(attributes.iter().map(|a| &a.value)) {
                    visible_text(pattern, &mut text);
                }
                for piece in text {
                    let cleaned = LATIN_IN_RTL
                        .iter()
                        .fold(piece.to_owned(), |text, word| text.replace(word, ""));
                    if cleaned.chars().any(is_latin_letter) {
                        problems.push(format!(
                            "{}/{}: '{id}' has Latin letters in {piece:?}",
                            locale.tag, file.name
                        ));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn arabic_messages_use_arabic_letters() {
    // The mirror of the Persian check: Persian yeh and keheh look alike but are other letters.
    let ar = SUPPORTED
        .iter()
        .find(|l| l.tag == "ar")
        .expect("ar is supported");
    for file in ar.files {
        for line in file
            .source
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
        {
            assert!(
                !line.contains(['\u{06cc}', '\u{06a9}']),
                "ar/{}: Persian letter in {line:?}",
                file.name
            );
        }
    }
}

#[test]
fn every_locale_names_every_supported_language() {
    let all: Vec<Language> = SUPPORTED
        .iter()
        .map(|l| Language::parse(l.tag).expect("a BCP 47 tag"))
        .collect();
    let messages = Messages::load(&all).expect("every supported locale loads");
    let mut problems = Vec::new();
    for ui in &all {
        let mut names = BTreeSet::new();
        for content in &all {
            let id = format!("language-name-{content}");
            match messages.try_format(ui, &id, &[]) {
                Ok(name) => {
                    assert_eq!(messages.language_name(ui, content), name);
                    if !names.insert(name.clone()) {
                        problems.push(format!("{ui}: '{name}' names two languages"));
                    }
                }
                Err(e) => problems.push(e.to_string()),
            }
        }
        let autonym = messages.autonym(ui);
        assert_ne!(autonym, ui.as_str(), "{ui} has no autonym");
    }
    let autonyms: BTreeSet<String> = all.iter().map(|l| messages.autonym(l)).collect();
    assert_eq!(autonyms.len(), all.len(), "two locales share an autonym");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
