//! LibreTranslate, the self-hostable neural engine, over its HTTP API.
//!
//! [`LibreTranslate::connect`] asks `GET /languages` once for the server's languages and the
//! targets of each, and maps its codes to BCP 47 (`zt` → `zh-Hant`, `pb` → `pt-BR`, `zh` →
//! both `zh` and `zh-Hans`), so [`Translator::pairs`] lists the directions in the site's own
//! tags. A batch is one `POST /translate` with `q` as an array and `format: "html"`, which
//! keeps inline tags and `<var>` placeholders in place; the answer is an array of the same
//! length (a single string is accepted for a single segment).

use std::collections::BTreeMap;

use async_trait::async_trait;
use herald_domain::Language;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::engine::{EngineError, Markup, Pair, Translator};
use crate::http::{ApiKey, HttpClient, HttpSettings};

/// Segments per call by default; LibreTranslate translates a batch sentence by sentence, so
/// this only bounds the size of one request.
pub const DEFAULT_MAX_BATCH: usize = 50;

/// LibreTranslate codes that are not the BCP 47 tag of their language, with that tag.
const ALIASES: &[(&str, &str)] = &[("zh", "zh-Hans"), ("zt", "zh-Hant"), ("pb", "pt-BR")];

/// Codes that only stand for their alias: `pb` is not a language of its own.
const ONLY_ALIAS: &[&str] = &["zt", "pb"];

/// The BCP 47 tags a LibreTranslate code serves, most exact first.
#[must_use]
pub fn languages_for_code(code: &str) -> Vec<Language> {
    let mut out = Vec::new();
    if !ONLY_ALIAS.contains(&code)
        && let Ok(tag) = Language::parse(code)
    {
        out.push(tag);
    }
    for (alias, tag) in ALIASES {
        if *alias == code
            && let Ok(tag) = Language::parse(tag)
            && !out.contains(&tag)
        {
            out.push(tag);
        }
    }
    out
}

#[derive(Debug, Deserialize)]
struct ServerLanguage {
    code: String,
    #[serde(default)]
    targets: Vec<String>,
}

#[derive(Serialize)]
struct TranslateRequest<'a> {
    q: &'a [String],
    source: &'a str,
    target: &'a str,
    format: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    api_key: Option<&'a str>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TranslateAnswer {
    translated_text: Translated,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Translated {
    Many(Vec<String>),
    One(String),
}

/// The LibreTranslate engine: one server and the pairs it announced.
#[derive(Debug, Clone)]
pub struct LibreTranslate {
    http: HttpClient,
    base: Url,
    /// BCP 47 tag → the server's code.
    codes: BTreeMap<Language, String>,
    /// The server's code → its target codes.
    targets: BTreeMap<String, Vec<String>>,
    model: String,
    max_batch: usize,
}

impl LibreTranslate {
    /// Connects to the server at `url` with the default [`HttpSettings`] and `key`, and reads
    /// its languages.
    pub async fn connect(url: Url, key: Option<ApiKey>) -> Result<Self, EngineError> {
        Self::connect_with(
            url,
            HttpSettings {
                api_key: key,
                ..HttpSettings::default()
            },
        )
        .await
    }

    /// Connects to the server at `url` with `settings`, and reads its languages.
    pub async fn connect_with(url: Url, settings: HttpSettings) -> Result<Self, EngineError> {
        let http = HttpClient::new("libretranslate", settings)?;
        let base = with_trailing_slash(url);
        let languages: Vec<ServerLanguage> = http.get_json(&endpoint(&base, "languages")?).await?;
        let mut codes = BTreeMap::new();
        let mut targets = BTreeMap::new();
        // Exact codes first, so a server listing both `zh` and `zh-Hans` serves `zh-Hans` with
        // `zh-Hans`.
        for exact in [true, false] {
            for language in &languages {
                for (i, tag) in languages_for_code(&language.code).into_iter().enumerate() {
                    if (i == 0 && !ONLY_ALIAS.contains(&language.code.as_str())) == exact {
                        codes.entry(tag).or_insert_with(|| language.code.clone());
                    }
                }
            }
        }
        for language in languages {
            targets.insert(language.code, language.targets);
        }
        let host = base.host_str().unwrap_or("localhost");
        let model = match base.port() {
            Some(port) => format!("libretranslate {host}:{port}"),
            None => format!("libretranslate {host}"),
        };
        Ok(Self {
            http,
            base,
            codes,
            targets,
            model,
            max_batch: DEFAULT_MAX_BATCH,
        })
    }

    /// Sets the segments per call ([`DEFAULT_MAX_BATCH`]); zero counts as one.
    #[must_use]
    pub fn with_max_batch(mut self, max_batch: usize) -> Self {
        self.max_batch = max_batch.max(1);
        self
    }

    /// The server's code for `language`: the tag as listed, an alias (`pt-BR` → `pb`), or
    /// the primary subtag (`de-CH` → `de`).
    #[must_use]
    pub fn code_for(&self, language: &Language) -> Option<&str> {
        if let Some(code) = self.codes.get(language) {
            return Some(code);
        }
        language
            .truncations()
            .iter()
            .find_map(|t| self.codes.get(t))
            .map(String::as_str)
    }

    fn codes_for(&self, pair: &Pair) -> Option<(&str, &str)> {
        let from = self.code_for(&pair.from)?;
        let to = self.code_for(&pair.to)?;
        let served = from != to
            && self
                .targets
                .get(from)
                .is_some_and(|t| t.iter().any(|c| c == to));
        served.then_some((from, to))
    }
}

#[async_trait]
impl Translator for LibreTranslate {
    fn name(&self) -> &str {
        "libretranslate"
    }

    fn pairs(&self) -> Vec<Pair> {
        let mut pairs = Vec::new();
        for from in self.codes.keys() {
            for to in self.codes.keys() {
                let pair = Pair::new(from.clone(), to.clone());
                if from != to && self.codes_for(&pair).is_some() {
                    pairs.push(pair);
                }
            }
        }
        pairs
    }

    fn model(&self, pair: &Pair) -> Option<String> {
        self.codes_for(pair).map(|_| self.model.clone())
    }

    fn markup(&self) -> Markup {
        Markup::Html
    }

    fn max_batch(&self) -> usize {
        self.max_batch
    }

    async fn translate(
        &self,
        pair: &Pair,
        segments: &[String],
    ) -> Result<Vec<String>, EngineError> {
        let Some((source, target)) = self.codes_for(pair) else {
            return Err(EngineError::Unavailable(format!(
                "libretranslate at {} has no {}→{} pair",
                self.model, pair.from, pair.to
            )));
        };
        if segments.is_empty() {
            return Ok(Vec::new());
        }
        let request = TranslateRequest {
            q: segments,
            source,
            target,
            format: "html",
            api_key: self.http.api_key().map(ApiKey::secret),
        };
        let answer: TranslateAnswer = self
            .http
            .post_json(&endpoint(&self.base, "translate")?, &request)
            .await?;
        let translated = match answer.translated_text {
            Translated::Many(texts) => texts,
            Translated::One(text) => vec![text],
        };
        if translated.len() != segments.len() {
            return Err(EngineError::BadOutput(format!(
                "libretranslate returned {} segments for {}",
                translated.len(),
                segments.len()
            )));
        }
        Ok(translated)
    }
}

/// `url` with a final `/`, so endpoints join below its path (`https://h/lt/` + `translate`).
fn with_trailing_slash(mut url: Url) -> Url {
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url
}

fn endpoint(base: &Url, path: &str) -> Result<Url, EngineError> {
    base.join(path)
        .map_err(|e| EngineError::Unavailable(format!("libretranslate: bad server address ({e})")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(code: &str) -> Vec<String> {
        languages_for_code(code)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn maps_libretranslate_codes_to_bcp47() {
        assert_eq!(tags("en"), vec!["en"]);
        assert_eq!(tags("zh"), vec!["zh", "zh-Hans"]);
        assert_eq!(tags("zh-Hans"), vec!["zh-Hans"]);
        assert_eq!(tags("zt"), vec!["zh-Hant"]);
        assert_eq!(tags("pb"), vec!["pt-BR"]);
        assert_eq!(tags("pt-BR"), vec!["pt-BR"]);
    }

    #[test]
    fn endpoints_join_below_the_base_path() {
        let base = with_trailing_slash(Url::parse("https://mt.example/lt").unwrap());
        assert_eq!(
            endpoint(&base, "translate").unwrap().as_str(),
            "https://mt.example/lt/translate"
        );
    }
}
