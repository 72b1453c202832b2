//! Which engine translates which pair: the engines available on this machine, the routing the
//! operator configured in `[translate]`, and a per-engine limit on concurrent calls.
//!
//! For each pair the route is an ordered list of engine names: the first engine that serves
//! the pair translates, the ones after it are fallbacks for when it fails. Pairs without a
//! line in `[translate.pairs]` use the default order, `engines`. [`Engines::report`] says, for
//! every direction between the site's languages, who would serve it or why nobody does, which
//! is what `herald` prints before an operator wonders why an article stays untranslated.
//!
//! Adding an engine (neural models, HTTP servers; issue 7) means implementing [`Translator`]
//! and passing it to [`Engines::new`] under a new name; routing, fallbacks, concurrency and
//! the report need no change. Pivoting through English belongs here too, as a `Translator`
//! built over two routes (`fa→en`, then `en→es`) whose `pairs()` are the compositions the
//! direct engines lack; registered last in the default order, it only serves what no direct
//! engine does, and its `model()` names both legs so memory keys change with either model.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use herald_domain::Language;
use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;

use crate::engine::{Pair, Translator};

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
}

impl Default for TranslateSettings {
    fn default() -> Self {
        Self {
            engines: vec!["apertium".to_owned()],
            pairs: BTreeMap::new(),
            apertium_modes: None,
            apertium_variants: Vec::new(),
            concurrency: BTreeMap::new(),
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
        })
    }

    /// The configured order of engine names for `pair`.
    #[must_use]
    pub fn order(&self, pair: &Pair) -> &[String] {
        self.pairs.get(pair).unwrap_or(&self.default_order)
    }

    /// The engines that serve `pair`, in the order to try them: the route, then fallbacks.
    #[must_use]
    pub fn candidates(&self, pair: &Pair) -> Vec<Arc<dyn Translator>> {
        let mut seen = BTreeSet::new();
        self.order(pair)
            .iter()
            .filter(|name| seen.insert(name.as_str()))
            .filter_map(|name| self.engines.get(name))
            .filter(|r| r.engine.pairs().contains(pair))
            .map(|r| Arc::clone(&r.engine))
            .collect()
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
            .map(|name| match self.engines.get(name) {
                Some(_) => format!("{name} has no {}→{} pair", pair.from, pair.to),
                None => format!("{name} is not available"),
            })
            .collect();
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
    use async_trait::async_trait;

    use super::*;
    use crate::engine::{EngineError, Markup};

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
