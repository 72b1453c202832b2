//! An engine over any OpenAI-compatible chat API (`POST {base}/v1/chat/completions`): OpenAI
//! itself, or a local server such as llama.cpp or vLLM.
//!
//! A batch travels as a JSON array of strings in the user message; the system prompt names
//! the pair, says that `<var>N</var>` placeholders and inline tags must come back exactly, and
//! asks for a JSON array of the same length and nothing else. The first JSON array of strings
//! in the reply is the answer (models like to wrap it in a code fence); any other count of
//! segments is [`EngineError::BadOutput`]. Glossary terms, when the caller gives them through
//! [`OpenAi::with_glossary`], become "always translate X as Y" lines of the prompt.

use async_trait::async_trait;
use herald_domain::Language;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::engine::{EngineError, Markup, Pair, Translator};
use crate::http::{HttpClient, HttpSettings};

/// Segments per call by default: small enough that a model keeps count.
pub const DEFAULT_MAX_BATCH: usize = 20;

/// One OpenAI-compatible engine.
#[derive(Debug, Clone)]
pub struct OpenAiSettings {
    /// The server's base URL, without `/v1` (`https://api.openai.com`).
    pub base: Url,
    /// The model name sent with every request (`gpt-4o-mini`).
    pub model: String,
    /// The languages it translates between, in every direction.
    pub languages: Vec<Language>,
    /// Segments per call. Defaults to [`DEFAULT_MAX_BATCH`].
    pub max_batch: usize,
    /// Timeouts, retries, concurrency and the API key.
    pub http: HttpSettings,
}

impl OpenAiSettings {
    /// Settings for `model` at `base` between `languages`, with the default HTTP settings.
    #[must_use]
    pub fn new(base: Url, model: impl Into<String>, languages: Vec<Language>) -> Self {
        Self {
            base,
            model: model.into(),
            languages,
            max_batch: DEFAULT_MAX_BATCH,
            http: HttpSettings::default(),
        }
    }
}

/// The OpenAI-compatible chat engine.
#[derive(Debug, Clone)]
pub struct OpenAi {
    http: HttpClient,
    endpoint: Url,
    model: String,
    languages: Vec<Language>,
    max_batch: usize,
    glossary: Vec<(String, String)>,
}

#[derive(Serialize)]
struct ChatRequest<'a> {
    model: &'a str,
    messages: [Message; 2],
    temperature: f32,
}

#[derive(Serialize)]
struct Message {
    role: &'static str,
    content: String,
}

#[derive(Deserialize)]
struct ChatAnswer {
    choices: Vec<Choice>,
}

#[derive(Deserialize)]
struct Choice {
    message: AnswerMessage,
}

#[derive(Deserialize)]
struct AnswerMessage {
    #[serde(default)]
    content: Option<String>,
}

impl OpenAi {
    /// The engine described by `settings`. Does not contact the server.
    pub fn new(settings: OpenAiSettings) -> Result<Self, EngineError> {
        let http = HttpClient::new("openai", settings.http)?;
        let mut base = settings.base;
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        let endpoint = base
            .join("v1/chat/completions")
            .map_err(|e| EngineError::Unavailable(format!("openai: bad server address ({e})")))?;
        Ok(Self {
            http,
            endpoint,
            model: settings.model,
            languages: settings.languages,
            max_batch: settings.max_batch.max(1),
            glossary: Vec::new(),
        })
    }

    /// A copy that tells the model to always translate each `term` as its `translation`.
    /// The copy shares the connection pool and the concurrency cap.
    #[must_use]
    pub fn with_glossary(&self, terms: Vec<(String, String)>) -> Self {
        Self {
            glossary: terms,
            ..self.clone()
        }
    }

    /// The system prompt for `pair`.
    #[must_use]
    pub fn prompt(&self, pair: &Pair, count: usize) -> String {
        let mut prompt = format!(
            "You are a professional news translator. Translate from {from} to {to} \
             (BCP 47 tags).\n\
             The user message is a JSON array of {count} strings, each one segment of an \
             article as an HTML fragment.\n\
             Rules:\n\
             - Keep every placeholder such as <var>1</var> exactly as it is, in the place \
             that fits the translation; never translate or renumber it.\n\
             - Keep inline tags such as <a id=\"1\">…</a>, <em>…</em>, <strong>…</strong> \
             with their attributes unchanged, around the translated words they belong to.\n\
             - Translate each segment on its own; do not merge, split, drop or add \
             segments.\n\
             - Answer with only a JSON array of exactly {count} strings, the translations in \
             the same order, and nothing else.\n",
            from = pair.from,
            to = pair.to,
        );
        if !self.glossary.is_empty() {
            prompt.push_str("Glossary:\n");
            for (term, translation) in &self.glossary {
                prompt.push_str(&format!(
                    "- Always translate \"{term}\" as \"{translation}\".\n"
                ));
            }
        }
        prompt
    }

    fn serves(&self, pair: &Pair) -> bool {
        pair.from != pair.to
            && self.languages.contains(&pair.from)
            && self.languages.contains(&pair.to)
    }
}

#[async_trait]
impl Translator for OpenAi {
    fn name(&self) -> &str {
        "openai"
    }

    fn pairs(&self) -> Vec<Pair> {
        let mut pairs = Vec::new();
        for from in &self.languages {
            for to in &self.languages {
                if from != to {
                    pairs.push(Pair::new(from.clone(), to.clone()));
                }
            }
        }
        pairs
    }

    fn model(&self, pair: &Pair) -> Option<String> {
        self.serves(pair).then(|| format!("openai {}", self.model))
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
        if !self.serves(pair) {
            return Err(EngineError::Unavailable(format!(
                "openai {} is not configured for {}→{}",
                self.model, pair.from, pair.to
            )));
        }
        if segments.is_empty() {
            return Ok(Vec::new());
        }
        let user = serde_json::to_string(segments)
            .map_err(|e| EngineError::Failed(format!("openai: cannot encode the segments: {e}")))?;
        let request = ChatRequest {
            model: &self.model,
            messages: [
                Message {
                    role: "system",
                    content: self.prompt(pair, segments.len()),
                },
                Message {
                    role: "user",
                    content: user,
                },
            ],
            temperature: 0.0,
        };
        let answer: ChatAnswer = self.http.post_json(&self.endpoint, &request).await?;
        let content = answer
            .choices
            .into_iter()
            .next()
            .and_then(|c| c.message.content)
            .ok_or_else(|| EngineError::BadOutput("openai answered no message".into()))?;
        let translated = first_json_array(&content).ok_or_else(|| {
            EngineError::BadOutput(self.http.redact(&format!(
                "openai {} answered no JSON array of strings: {}",
                self.model,
                content.chars().take(200).collect::<String>()
            )))
        })?;
        if translated.len() != segments.len() {
            return Err(EngineError::BadOutput(format!(
                "openai {} returned {} segments for {}",
                self.model,
                translated.len(),
                segments.len()
            )));
        }
        Ok(translated)
    }

    async fn translate_with_glossary(
        &self,
        pair: &Pair,
        segments: &[String],
        glossary: &[(String, String)],
    ) -> Result<Vec<String>, EngineError> {
        if glossary.is_empty() {
            return self.translate(pair, segments).await;
        }
        let mut terms = self.glossary.clone();
        terms.extend(glossary.iter().cloned());
        terms.sort();
        terms.dedup();
        self.with_glossary(terms).translate(pair, segments).await
    }
}

/// The first JSON array of strings in `text`, ignoring prose or a code fence around it.
fn first_json_array(text: &str) -> Option<Vec<String>> {
    text.match_indices('[').find_map(|(i, _)| {
        serde_json::Deserializer::from_str(&text[i..])
            .into_iter::<Vec<String>>()
            .next()
            .and_then(Result::ok)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_array_of_strings_in_a_reply() {
        assert_eq!(
            first_json_array("```json\n[\"a\", \"b [1]\"]\n```"),
            Some(vec!["a".to_owned(), "b [1]".to_owned()])
        );
        assert_eq!(
            first_json_array("Note [sic]: [\"x\"] and [\"y\"]"),
            Some(vec!["x".to_owned()])
        );
        assert_eq!(first_json_array("no array"), None);
    }

    #[test]
    fn the_prompt_names_the_pair_and_the_glossary() {
        let engine = OpenAi::new(OpenAiSettings::new(
            Url::parse("http://127.0.0.1:1").unwrap(),
            "m",
            vec![],
        ))
        .unwrap()
        .with_glossary(vec![("Herald".to_owned(), "Heraldo".to_owned())]);
        let pair = Pair::new(
            Language::parse("en").unwrap(),
            Language::parse("es").unwrap(),
        );
        let prompt = engine.prompt(&pair, 3);
        assert!(prompt.contains("from en to es"), "{prompt}");
        assert!(prompt.contains("exactly 3 strings"), "{prompt}");
        assert!(prompt.contains("<var>1</var>"), "{prompt}");
        assert!(
            prompt.contains("Always translate \"Herald\" as \"Heraldo\""),
            "{prompt}"
        );
    }
}
