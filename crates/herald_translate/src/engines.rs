//! Which engine translates which pair: the engines available on this machine, the routing the
//! operator configured in `[translate]`, and a per-engine limit on concurrent calls.
//!
//! For each pair the route is an ordered list of engine names: the first engine that serves
//! the pair translates, the ones after it are fallbacks for when it fails. Pairs without a
//! line in `[translate.pairs]` use the default order, `engines`. [`Engines::report`] says, for
//! every direction between the site's languages, who would serve it or why nobody does, which
//! is what `herald` prints before an operator wonders why an article stays untranslated.
//!
//! Adding an engine means implementing [`Translator`] and passing it to [`Engines::new`] under
//! a new name; routing, fallbacks, concurrency and the report need no change.
//!
//! Where no engine serves a pair directly, it is translated through a pivot language (English
//! unless `pivot` says otherwise): a [`Pivot`] chains the routes `fa→en` and `en→es`. Its
//! `model()` names both legs with their engines and models, so memory keys change with either
//! model and provenance records both. Glossary terms are placeholders in the segments, so they
//! pass through both legs untouched and come back in the target's form.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use async_trait::async_trait;
use herald_domain::Language;
use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;

use crate::engine::{EngineError, Markup, Pair, Translator};

/// Concurrent calls per engine when `[translate.concurrency]` does not say. One, because an
/// Apertium call is already a pipeline of several processes.
pub const DEFAULT_CONCURRENCY: usize = 1;

/// The `[translate]` section of Herald's settings.
///
/// ```toml
/// [translate]
/// engines = ["apertium"]
/// apertium_modes = "/usr/share/apertium/modes"
/// apertium_variants = ["eng-cat_valencia"]
///
/// [translate.pairs]
/// "en-es" = ["apertium"]
///
/// [translate.concurrency]
/// apertium = 2
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TranslateSettings {
    /// Engines to try, in order, for pairs not listed in `pairs`. Defaults to `["apertium"]`.
    pub engines: Vec<String>,
    /// Per pair, the engines to try in order. Keys are `from-to` (`"en-es"`); where a tag has
    /// several subtags, `>` or `→` separate the two (`"pt-BR>es"`). Defaults to none.
    pub pairs: BTreeMap<String, Vec<String>>,
    /// Apertium's modes folder. Defaults to `$HERALD_APERTIUM_MODES`, else
    /// `/usr/share/apertium/modes`.
    pub apertium_modes: Option<PathBuf>,
    /// Apertium variant modes to serve under their own pair (`eng-cat_valencia` serves
    /// `en` → `ca-valencia`). Defaults to none.
    pub apertium_variants: Vec<String>,
    /// Concurrent calls per engine name. Defaults to 1 for every engine.
    pub concurrency: BTreeMap<String, usize>,
    /// The language to translate through where no engine serves a pair directly. Defaults to
    /// English; `None` turns pivoting off.
    pub pivot: Option<Language>,
}

impl Default for TranslateSettings {
    fn default() -> Self {
        Self {
            engines: vec!["apertium".to_owned()],
            pairs: BTreeMap::new(),
            apertium_modes: None,
            apertium_variants: Vec::new(),
            concurrency: BTreeMap::new(),
            pivot: Language::parse("en").ok(),
        }
    }
}

/// Why the `[translate]` settings cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    /// A `[translate.pairs]` key is not two language tags.
    #[error("translate.pairs: '{key}' is not a pair of language tags ({reason})")]
    BadPair {
        /// The key as written.
        key: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Two engines were given the same name.
    #[error("two engines are named '{0}'")]
    DuplicateEngine(String),
}

/// Parses a `[translate.pairs]` key: `en-es`, `pt-BR>es`, `zh-Hant→en`.
pub fn parse_pair_key(key: &str) -> Result<Pair, SettingsError> {
    let bad = |reason: &str| SettingsError::BadPair {
        key: key.to_owned(),
        reason: reason.to_owned(),
    };
    let explicit = key
        .split_once('→')
        .or_else(|| key.split_once('>'))
        .map(|(a, b)| (a.trim(), b.trim()));
    if let Some((from, to)) = explicit {
        let from = Language::parse(from).map_err(|e| bad(&e.to_string()))?;
        let to = Language::parse(to).map_err(|e| bad(&e.to_string()))?;
        return Ok(Pair::new(from, to));
    }
    let key = key.trim();
    let splits: Vec<Pair> = key
        .match_indices('-')
        .filter_map(|(i, _)| {
            let from = Language::parse(&key[..i]).ok()?;
            let to = Language::parse(&key[i + 1..]).ok()?;
            Some(Pair::new(from, to))
        })
        .collect();
    match splits.as_slice() {
        [pair] => Ok(pair.clone()),
        [] => Err(bad("expected from-to, such as en-es")),
        _ => Err(bad(
            "ambiguous; separate the two tags with '>', such as pt-BR>es",
        )),
    }
}

/// One engine with its concurrency limit.
struct Registered {
    engine: Arc<dyn Translator>,
    permits: Arc<Semaphore>,
}

/// The engines available here and the configured routing between them.
pub struct Engines {
    engines: BTreeMap<String, Registered>,
    default_order: Vec<String>,
    pairs: BTreeMap<Pair, Vec<String>>,
    pivot: Option<Language>,
    /// Engines named in the settings that could not start here, with the reason.
    unavailable: BTreeMap<String, String>,
}

impl fmt::Debug for Engines {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Engines")
            .field("engines", &self.engines.keys().collect::<Vec<_>>())
            .field("default_order", &self.default_order)
            .field("pairs", &self.pairs)
            .finish()
    }
}

impl Engines {
    /// Registers `engines` (those that could be started here) under their names and reads
    /// the routing from `settings`. Names in the settings without an engine are kept: the
    /// report says they are not available.
    pub fn new(
        engines: Vec<Arc<dyn Translator>>,
        settings: &TranslateSettings,
    ) -> Result<Self, SettingsError> {
        let mut registered = BTreeMap::new();
        for engine in engines {
            let name = engine.name().to_owned();
            let permits = settings
                .concurrency
                .get(&name)
                .copied()
                .unwrap_or(DEFAULT_CONCURRENCY)
                .max(1);
            let entry = Registered {
                engine,
                permits: Arc::new(Semaphore::new(permits)),
            };
            if registered.insert(name.clone(), entry).is_some() {
                return Err(SettingsError::DuplicateEngine(name));
            }
        }
        let mut pairs = BTreeMap::new();
        for (key, order) in &settings.pairs {
            pairs.insert(parse_pair_key(key)?, order.clone());
        }
        Ok(Self {
            engines: registered,
            default_order: settings.engines.clone(),
            pairs,
            pivot: settings.pivot.clone(),
            unavailable: BTreeMap::new(),
        })
    }

    /// Records why the engine `name` could not start here, for the report.
    pub fn mark_unavailable(&mut self, name: &str, reason: &str) {
        self.unavailable.insert(name.to_owned(), reason.to_owned());
    }

    /// The configured order of engine names for `pair`.
    #[must_use]
    pub fn order(&self, pair: &Pair) -> &[String] {
        self.pairs.get(pair).unwrap_or(&self.default_order)
    }

    /// The engines that serve `pair`, in the order to try them: the route, then fallbacks;
    /// where none serves it directly, a [`Pivot`] if both of its legs have an engine.
    #[must_use]
    pub fn candidates(&self, pair: &Pair) -> Vec<Arc<dyn Translator>> {
        let direct = self.direct(pair);
        if !direct.is_empty() {
            return direct;
        }
        self.pivot_for(pair)
            .map(|p| vec![Arc::new(p) as Arc<dyn Translator>])
            .unwrap_or_default()
    }

    fn direct(&self, pair: &Pair) -> Vec<Arc<dyn Translator>> {
        let mut seen = BTreeSet::new();
        self.order(pair)
            .iter()
            .filter(|name| seen.insert(name.as_str()))
            .filter_map(|name| self.engines.get(name))
            .filter(|r| r.engine.pairs().contains(pair))
            .map(|r| Arc::clone(&r.engine))
            .collect()
    }

    /// The two-leg route for `pair` through the pivot language, if both legs are served.
    fn pivot_for(&self, pair: &Pair) -> Option<Pivot> {
        let via = self.pivot.as_ref()?;
        if &pair.from == via || &pair.to == via || pair.from == pair.to {
            return None;
        }
        let leg = |from: &Language, to: &Language| {
            let leg = Pair::new(from.clone(), to.clone());
            let engine = self.direct(&leg).into_iter().next()?;
            let permits = self.permits(engine.name());
            Some(Leg {
                pair: leg,
                engine,
                permits,
            })
        };
        Some(Pivot {
            pair: pair.clone(),
            first: leg(&pair.from, via)?,
            second: leg(via, &pair.to)?,
        })
    }

    /// The engine that translates `pair`, if any serves it.
    #[must_use]
    pub fn route(&self, pair: &Pair) -> Option<Arc<dyn Translator>> {
        self.candidates(pair).into_iter().next()
    }

    /// The engines that would take over from the route when it fails, in order.
    #[must_use]
    pub fn fallbacks(&self, pair: &Pair) -> Vec<Arc<dyn Translator>> {
        self.candidates(pair).into_iter().skip(1).collect()
    }

    /// The engine registered as `name`.
    #[must_use]
    pub fn engine(&self, name: &str) -> Option<Arc<dyn Translator>> {
        self.engines.get(name).map(|r| Arc::clone(&r.engine))
    }

    /// The names of the registered engines, sorted.
    #[must_use]
    pub fn names(&self) -> Vec<&str> {
        self.engines.keys().map(String::as_str).collect()
    }

    /// The semaphore that limits concurrent calls to the engine `name`; hold a permit for
    /// the duration of each `translate` call.
    #[must_use]
    pub fn permits(&self, name: &str) -> Option<Arc<Semaphore>> {
        self.engines.get(name).map(|r| Arc::clone(&r.permits))
    }

    /// For every ordered pair of distinct `languages`: who serves it, or why nobody does.
    #[must_use]
    pub fn report(&self, languages: &[Language]) -> Vec<PairStatus> {
        let mut out = Vec::new();
        for from in languages {
            for to in languages {
                if from == to {
                    continue;
                }
                let pair = Pair::new(from.clone(), to.clone());
                out.push(self.status(pair));
            }
        }
        out
    }

    fn status(&self, pair: Pair) -> PairStatus {
        let candidates = self.candidates(&pair);
        if let Some((first, rest)) = candidates.split_first() {
            let serving = Serving::Engine {
                name: first.name().to_owned(),
                model: first.model(&pair),
                fallbacks: rest.iter().map(|e| e.name().to_owned()).collect(),
            };
            return PairStatus { pair, serving };
        }
        let order = self.order(&pair);
        let mut reasons: Vec<String> = order
            .iter()
            .map(
                |name| match (self.engines.get(name), self.unavailable.get(name)) {
                    (Some(_), _) => format!("{name} has no {}→{} pair", pair.from, pair.to),
                    (None, Some(reason)) => format!("{name} is not available ({reason})"),
                    (None, None) => format!("{name} is not available"),
                },
            )
            .collect();
        if let Some(via) = &self.pivot
            && pair.from != *via
            && pair.to != *via
        {
            let missing: Vec<String> = [(&pair.from, via), (via, &pair.to)]
                .into_iter()
                .filter(|(f, t)| {
                    self.direct(&Pair::new((*f).clone(), (*t).clone()))
                        .is_empty()
                })
                .map(|(f, t)| format!("{f}→{t}"))
                .collect();
            reasons.push(format!(
                "no pivot through {via}: nothing serves {}",
                missing.join(" or ")
            ));
        }
        if reasons.is_empty() {
            reasons.push("no engines are configured for it".to_owned());
        }
        let reason = format!(
            "{}; no other engine is configured for it",
            reasons.join("; ")
        );
        PairStatus {
            pair,
            serving: Serving::None { reason },
        }
    }
}

/// One leg of a pivot: its pair, the engine that serves it and that engine's limit.
struct Leg {
    pair: Pair,
    engine: Arc<dyn Translator>,
    permits: Option<Arc<Semaphore>>,
}

impl Leg {
    async fn translate(
        &self,
        segments: &[String],
        plain: bool,
        glossary: &[(String, String)],
    ) -> Result<Vec<String>, EngineError> {
        let _permit = match &self.permits {
            Some(p) => Some(
                Arc::clone(p)
                    .acquire_owned()
                    .await
                    .map_err(|_| EngineError::Failed("the engine is shutting down".into()))?,
            ),
            None => None,
        };
        // A plain pivot hands text to an HTML leg escaped, and takes its answer back as text.
        let html_leg = plain && self.engine.markup() == Markup::Html;
        let input: Vec<String> = if html_leg {
            segments.iter().map(|s| escape_text(s)).collect()
        } else {
            segments.to_vec()
        };
        let mut outputs = Vec::with_capacity(input.len());
        for batch in input.chunks(self.engine.max_batch().max(1)) {
            let out = self
                .engine
                .translate_with_glossary(&self.pair, batch, glossary)
                .await
                .map_err(|e| self.context(e))?;
            if out.len() != batch.len() {
                return Err(EngineError::BadOutput(format!(
                    "{} {}: {} segments sent, {} came back",
                    self.engine.name(),
                    self.pair,
                    batch.len(),
                    out.len()
                )));
            }
            outputs.extend(out);
        }
        if html_leg {
            outputs = outputs.iter().map(|s| html_to_text(s)).collect();
        }
        Ok(outputs)
    }

    fn context(&self, error: EngineError) -> EngineError {
        let say = |m: String| format!("pivot leg {} ({}): {m}", self.pair, self.engine.name());
        match error {
            EngineError::Unavailable(m) => EngineError::Unavailable(say(m)),
            EngineError::Failed(m) => EngineError::Failed(say(m)),
            EngineError::BadOutput(m) => EngineError::BadOutput(say(m)),
        }
    }

    fn describe(&self) -> String {
        let model = self.engine.model(&self.pair).unwrap_or_default();
        format!(
            "{}→{} {} {model}",
            self.pair.from,
            self.pair.to,
            self.engine.name()
        )
        .trim_end()
        .to_owned()
    }
}

/// A pair translated in two legs through a pivot language, each by the engine routed for it.
pub struct Pivot {
    pair: Pair,
    first: Leg,
    second: Leg,
}

impl fmt::Debug for Pivot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pivot")
            .field("pair", &self.pair)
            .field("legs", &self.model(&self.pair))
            .finish()
    }
}

#[async_trait]
impl Translator for Pivot {
    fn name(&self) -> &str {
        "pivot"
    }

    fn pairs(&self) -> Vec<Pair> {
        vec![self.pair.clone()]
    }

    /// Both legs: `fa→en neural translate-fa_en argos 1.9 + en→es apertium eng-spa 0.8.1-2`.
    fn model(&self, pair: &Pair) -> Option<String> {
        (pair == &self.pair)
            .then(|| format!("{} + {}", self.first.describe(), self.second.describe()))
    }

    fn markup(&self) -> Markup {
        if self.first.engine.markup() == Markup::Html && self.second.engine.markup() == Markup::Html
        {
            Markup::Html
        } else {
            Markup::Plain
        }
    }

    fn max_batch(&self) -> usize {
        self.first
            .engine
            .max_batch()
            .min(self.second.engine.max_batch())
            .max(1)
    }

    async fn translate(
        &self,
        pair: &Pair,
        segments: &[String],
    ) -> Result<Vec<String>, EngineError> {
        self.translate_with_glossary(pair, segments, &[]).await
    }

    async fn translate_with_glossary(
        &self,
        pair: &Pair,
        segments: &[String],
        glossary: &[(String, String)],
    ) -> Result<Vec<String>, EngineError> {
        if pair != &self.pair {
            return Err(EngineError::Unavailable(format!(
                "this pivot serves {}, not {pair}",
                self.pair
            )));
        }
        let plain = self.markup() == Markup::Plain;
        let middle = self.first.translate(segments, plain, &[]).await?;
        self.second.translate(&middle, plain, glossary).await
    }
}

/// `text` escaped for an HTML text node.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    crate::protect::escape_text(text, &mut out);
    out
}

/// An HTML engine's answer to escaped text, as text again (tags it added are dropped).
fn html_to_text(html: &str) -> String {
    crate::protect::Shield::default().to_plain(html)
}

/// Who serves one direction between the site's languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairStatus {
    /// The direction.
    pub pair: Pair,
    /// The engine, or why there is none.
    pub serving: Serving,
}

/// Whether a pair has an engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Serving {
    /// The first engine in the pair's order that serves it.
    Engine {
        /// The engine's name.
        name: String,
        /// Its model for the pair (`eng-spa 0.8.1-2`).
        model: Option<String>,
        /// Engines after it that also serve the pair.
        fallbacks: Vec<String>,
    },
    /// No engine in the pair's order serves it.
    None {
        /// Why, and what to do about it.
        reason: String,
    },
}

impl PairStatus {
    /// Whether some engine serves the pair.
    #[must_use]
    pub const fn is_served(&self) -> bool {
        matches!(self.serving, Serving::Engine { .. })
    }
}

impl fmt::Display for PairStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (from, to) = (&self.pair.from, &self.pair.to);
        match &self.serving {
            Serving::Engine {
                name,
                model,
                fallbacks,
            } => {
                write!(f, "{from}→{to}: {name}")?;
                if let Some(model) = model {
                    write!(f, " ({model})")?;
                }
                if !fallbacks.is_empty() {
                    write!(f, ", then {}", fallbacks.join(", "))?;
                }
                Ok(())
            }
            Serving::None { reason } => write!(f, "no engine serves {from}→{to}: {reason}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Language {
        Language::parse(tag).unwrap()
    }

    fn pair(from: &str, to: &str) -> Pair {
        Pair::new(lang(from), lang(to))
    }

    /// Serves fixed pairs by upper-casing.
    struct Fake {
        name: &'static str,
        pairs: Vec<Pair>,
    }

    #[async_trait]
    impl Translator for Fake {
        fn name(&self) -> &str {
            self.name
        }
        fn pairs(&self) -> Vec<Pair> {
            self.pairs.clone()
        }
        fn model(&self, pair: &Pair) -> Option<String> {
            self.pairs
                .contains(pair)
                .then(|| format!("{}-{pair} 1", self.name))
        }
        fn markup(&self) -> Markup {
            Markup::Html
        }
        fn max_batch(&self) -> usize {
            10
        }
        async fn translate(
            &self,
            _pair: &Pair,
            segments: &[String],
        ) -> Result<Vec<String>, EngineError> {
            Ok(segments.iter().map(|s| s.to_uppercase()).collect())
        }
    }

    fn fake(name: &'static str, pairs: &[(&str, &str)]) -> Arc<dyn Translator> {
        Arc::new(Fake {
            name,
            pairs: pairs.iter().map(|(a, b)| pair(a, b)).collect(),
        })
    }

    fn settings(toml_text: &str) -> TranslateSettings {
        #[derive(Deserialize)]
        struct File {
            translate: TranslateSettings,
        }
        toml::from_str::<File>(toml_text).unwrap().translate
    }

    fn names(engines: &[Arc<dyn Translator>]) -> Vec<&str> {
        engines.iter().map(|e| e.name()).collect()
    }

    #[test]
    fn reads_the_translate_section() {
        let s = settings(
            r#"
            [translate]
            engines = ["apertium", "remote"]
            apertium_modes = "/opt/apertium/modes"
            [translate.pairs]
            "en-es" = ["remote", "apertium"]
            [translate.concurrency]
            apertium = 2
            "#,
        );
        assert_eq!(s.engines, vec!["apertium", "remote"]);
        assert_eq!(s.apertium_modes, Some(PathBuf::from("/opt/apertium/modes")));
        assert_eq!(s.pairs["en-es"], vec!["remote", "apertium"]);
        assert_eq!(s.concurrency["apertium"], 2);
    }

    #[test]
    fn an_empty_section_routes_everything_to_apertium() {
        let s = settings("[translate]\n");
        assert_eq!(s, TranslateSettings::default());
        assert_eq!(s.engines, vec!["apertium"]);
    }

    #[test]
    fn parses_pair_keys_with_dashes_or_arrows() {
        assert_eq!(parse_pair_key("en-es").unwrap(), pair("en", "es"));
        assert_eq!(parse_pair_key("pt-BR>es").unwrap(), pair("pt-BR", "es"));
        assert_eq!(parse_pair_key("zh-Hant→en").unwrap(), pair("zh-Hant", "en"));
        assert!(parse_pair_key("en").is_err());
        assert!(parse_pair_key("pt-BR-es").is_err(), "pt|BR-es or pt-BR|es");
        assert!(parse_pair_key("en>").is_err());
    }

    #[test]
    fn the_first_engine_that_serves_a_pair_wins_and_later_ones_are_fallbacks() {
        let engines = Engines::new(
            vec![
                fake("apertium", &[("en", "es")]),
                fake("remote", &[("en", "es"), ("fa", "en")]),
            ],
            &settings("[translate]\nengines = [\"apertium\", \"remote\"]"),
        )
        .unwrap();
        assert_eq!(engines.route(&pair("en", "es")).unwrap().name(), "apertium");
        assert_eq!(names(&engines.fallbacks(&pair("en", "es"))), vec!["remote"]);
        assert_eq!(engines.route(&pair("fa", "en")).unwrap().name(), "remote");
        assert!(engines.route(&pair("es", "fa")).is_none());
    }

    #[test]
    fn a_configured_pair_overrides_the_default_order() {
        let engines = Engines::new(
            vec![
                fake("apertium", &[("en", "es")]),
                fake("remote", &[("en", "es")]),
            ],
            &settings(
                "[translate]\nengines = [\"apertium\", \"remote\"]\n\
                 [translate.pairs]\n\"en-es\" = [\"remote\"]",
            ),
        )
        .unwrap();
        assert_eq!(
            names(&engines.candidates(&pair("en", "es"))),
            vec!["remote"]
        );
    }

    #[test]
    fn engines_outside_the_order_never_serve() {
        let engines = Engines::new(
            vec![fake("remote", &[("en", "es")])],
            &TranslateSettings::default(),
        )
        .unwrap();
        assert!(engines.route(&pair("en", "es")).is_none());
    }

    #[test]
    fn reports_every_direction_between_the_sites_languages() {
        let engines = Engines::new(
            vec![fake("apertium", &[("en", "es"), ("es", "en")])],
            &TranslateSettings::default(),
        )
        .unwrap();
        let report = engines.report(&[lang("en"), lang("es"), lang("fa")]);
        assert_eq!(report.len(), 6);
        let served: Vec<String> = report
            .iter()
            .filter(|s| s.is_served())
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            served,
            vec![
                "en→es: apertium (apertium-en-es 1)",
                "es→en: apertium (apertium-es-en 1)"
            ]
        );
        let fa_en = report.iter().find(|s| s.pair == pair("fa", "en")).unwrap();
        assert_eq!(
            fa_en.to_string(),
            "no engine serves fa→en: apertium has no fa→en pair; \
             no other engine is configured for it"
        );
    }

    #[test]
    fn the_report_names_configured_engines_that_are_not_available() {
        let engines = Engines::new(
            vec![],
            &settings("[translate]\n[translate.pairs]\n\"fa-en\" = [\"opus\"]"),
        )
        .unwrap();
        let report = engines.report(&[lang("fa"), lang("en")]);
        assert!(
            report[0].to_string().contains("opus is not available"),
            "{}",
            report[0]
        );
    }

    #[test]
    fn each_engine_gets_its_configured_concurrency() {
        let engines = Engines::new(
            vec![fake("apertium", &[]), fake("remote", &[])],
            &settings("[translate]\n[translate.concurrency]\napertium = 3"),
        )
        .unwrap();
        assert_eq!(engines.permits("apertium").unwrap().available_permits(), 3);
        assert_eq!(
            engines.permits("remote").unwrap().available_permits(),
            DEFAULT_CONCURRENCY
        );
        assert!(engines.permits("opus").is_none());
    }

    #[test]
    fn two_engines_with_one_name_are_refused() {
        let result = Engines::new(
            vec![fake("apertium", &[]), fake("apertium", &[])],
            &TranslateSettings::default(),
        );
        assert!(matches!(result, Err(SettingsError::DuplicateEngine(_))));
    }

    /// Appends ` [name]` to each segment and records what it was given.
    struct Leg1 {
        name: &'static str,
        pair: Pair,
        markup: Markup,
        seen: std::sync::Mutex<Vec<String>>,
    }

    #[async_trait]
    impl Translator for Leg1 {
        fn name(&self) -> &str {
            self.name
        }
        fn pairs(&self) -> Vec<Pair> {
            vec![self.pair.clone()]
        }
        fn model(&self, _pair: &Pair) -> Option<String> {
            Some(format!("{}-model 2", self.name))
        }
        fn markup(&self) -> Markup {
            self.markup
        }
        fn max_batch(&self) -> usize {
            2
        }
        async fn translate(
            &self,
            _pair: &Pair,
            segments: &[String],
        ) -> Result<Vec<String>, EngineError> {
            self.seen.lock().unwrap().extend(segments.iter().cloned());
            Ok(segments
                .iter()
                .map(|s| format!("{s} [{}]", self.name))
                .collect())
        }
    }

    fn leg(name: &'static str, from: &str, to: &str, markup: Markup) -> Arc<Leg1> {
        Arc::new(Leg1 {
            name,
            pair: pair(from, to),
            markup,
            seen: std::sync::Mutex::new(Vec::new()),
        })
    }

    #[tokio::test]
    async fn a_pair_without_an_engine_goes_through_english_and_names_both_legs() {
        let first = leg("neural", "fa", "en", Markup::Html);
        let second = leg("apertium", "en", "es", Markup::Html);
        let engines = Engines::new(
            vec![first.clone(), second.clone()],
            &settings("[translate]\nengines = [\"apertium\", \"neural\"]"),
        )
        .unwrap();
        let pivot = engines.route(&pair("fa", "es")).unwrap();
        assert_eq!(pivot.name(), "pivot");
        assert_eq!(
            pivot.model(&pair("fa", "es")).unwrap(),
            "fa→en neural neural-model 2 + en→es apertium apertium-model 2"
        );
        let segments: Vec<String> = ["a <var>1</var>", "b", "c"].map(String::from).to_vec();
        let out = pivot.translate(&pair("fa", "es"), &segments).await.unwrap();
        assert_eq!(
            out,
            [
                "a <var>1</var> [neural] [apertium]",
                "b [neural] [apertium]",
                "c [neural] [apertium]"
            ]
        );
        assert_eq!(second.seen.lock().unwrap().len(), 3, "in batches of 2");
        let report = engines.report(&[lang("fa"), lang("es")]);
        assert_eq!(
            report[0].to_string(),
            "fa→es: pivot (fa→en neural neural-model 2 + en→es apertium apertium-model 2)"
        );
    }

    #[tokio::test]
    async fn a_plain_leg_makes_the_pivot_plain_and_the_html_leg_gets_escaped_text() {
        let first = leg("neural", "vi", "en", Markup::Plain);
        let second = leg("apertium", "en", "es", Markup::Html);
        let engines = Engines::new(
            vec![first.clone(), second.clone()],
            &settings("[translate]\nengines = [\"apertium\", \"neural\"]"),
        )
        .unwrap();
        let pivot = engines.route(&pair("vi", "es")).unwrap();
        assert_eq!(pivot.markup(), Markup::Plain);
        let out = pivot
            .translate(&pair("vi", "es"), &["R&D <1>".to_owned()])
            .await
            .unwrap();
        assert_eq!(second.seen.lock().unwrap()[0], "R&amp;D &lt;1&gt; [neural]");
        assert_eq!(out, ["R&D <1> [neural] [apertium]"]);
    }

    #[test]
    fn a_direct_engine_beats_the_pivot_and_pivoting_can_be_turned_off() {
        let engines = Engines::new(
            vec![fake("neural", &[("fa", "en"), ("en", "es"), ("fa", "es")])],
            &settings("[translate]\nengines = [\"neural\"]"),
        )
        .unwrap();
        assert_eq!(engines.route(&pair("fa", "es")).unwrap().name(), "neural");
        let mut off = settings("[translate]\nengines = [\"neural\"]");
        off.pivot = None;
        let engines =
            Engines::new(vec![fake("neural", &[("fa", "en"), ("en", "es")])], &off).unwrap();
        assert!(engines.route(&pair("fa", "es")).is_none());
    }

    #[test]
    fn the_report_says_which_pivot_leg_is_missing() {
        let mut engines = Engines::new(
            vec![fake("apertium", &[("en", "es")])],
            &settings("[translate]\nengines = [\"apertium\", \"neural\"]"),
        )
        .unwrap();
        engines.mark_unavailable("neural", "built without it");
        let report = engines.report(&[lang("fa"), lang("es")]);
        assert_eq!(
            report[0].to_string(),
            "no engine serves fa→es: apertium has no fa→es pair; neural is not available \
             (built without it); no pivot through en: nothing serves fa→en; no other engine \
             is configured for it"
        );
    }

    #[tokio::test]
    async fn the_routed_engine_translates() {
        let engines = Engines::new(
            vec![fake("apertium", &[("en", "es")])],
            &TranslateSettings::default(),
        )
        .unwrap();
        let engine = engines.route(&pair("en", "es")).unwrap();
        let permits = engines.permits(engine.name()).unwrap();
        let _permit = permits.acquire().await.unwrap();
        let out = engine
            .translate(&pair("en", "es"), &["hola".to_owned()])
            .await
            .unwrap();
        assert_eq!(out, vec!["HOLA"]);
    }
}
