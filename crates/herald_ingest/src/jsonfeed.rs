//! JSON Feed 1.0 and 1.1 (<https://jsonfeed.org/version/1.1>).
//!
//! Read through `serde_json::Value`, whose recursion limit (128) turns deeply nested hostile
//! input into an ordinary error. Fields of the wrong type are ignored, not fatal.

use serde_json::Value;
use url::Url;

use crate::error::{IngestError, Result};
use crate::feed::{
    FeedFormat, FeedItem, FeedMedia, FeedMediaKind, MediaOrigin, ParsedFeed, block, empty_feed,
    line, media_kind, parse_language, push_media, push_unique, resolve_url,
};
use crate::normalize::canonical_url;
use crate::{date, html};

fn str_field<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// Parses a JSON Feed document.
pub(crate) fn parse(text: &str, base: Option<&Url>) -> Result<ParsedFeed> {
    let root: Value =
        serde_json::from_str(text).map_err(|e| IngestError::parse(format!("invalid JSON: {e}")))?;
    let version = str_field(&root, "version").ok_or_else(|| {
        IngestError::parse("this JSON document is not a JSON Feed (it has no \"version\")")
    })?;
    let version = version.trim().trim_end_matches('/');
    let format = match version
        .strip_prefix("https://jsonfeed.org/version/")
        .or_else(|| version.strip_prefix("http://jsonfeed.org/version/"))
    {
        Some("1") => FeedFormat::JsonFeed10,
        Some("1.1") => FeedFormat::JsonFeed11,
        _ => {
            return Err(IngestError::parse(format!(
                "unsupported JSON Feed version '{version}'"
            )));
        }
    };
    let mut feed = empty_feed(format);
    feed.title = str_field(&root, "title").and_then(line);
    feed.description = str_field(&root, "description").and_then(line);
    let feed_url = str_field(&root, "feed_url").and_then(|u| resolve_url(u, base));
    let base = base.cloned().or(feed_url);
    feed.link = str_field(&root, "home_page_url")
        .and_then(|u| resolve_url(u, base.as_ref()))
        .map(|u| canonical_url(&u));
    feed.language = str_field(&root, "language").and_then(parse_language);
    let base = base.or_else(|| feed.link.clone());
    let feed_authors = authors(&root);

    let items = match root.get("items") {
        Some(Value::Array(items)) => items.as_slice(),
        Some(_) => {
            return Err(IngestError::parse(
                "the JSON Feed's \"items\" is not a list",
            ));
        }
        None => {
            feed.problems
                .push("the JSON Feed has no \"items\"".to_owned());
            &[]
        }
    };
    let mut skipped = 0;
    for item in items {
        if item.is_object() {
            let parsed = json_item(item, base.as_ref(), &feed, &feed_authors);
            feed.items.push(parsed);
        } else {
            skipped += 1;
        }
    }
    if skipped > 0 {
        feed.problems.push(format!(
            "{skipped} item(s) that are not JSON objects were skipped"
        ));
    }
    Ok(feed)
}

/// `authors` (1.1) or `author` (1.0).
fn authors(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(Value::Array(list)) = value.get("authors") {
        for a in list {
            push_unique(&mut out, str_field(a, "name").and_then(line));
        }
    }
    if let Some(a) = value.get("author") {
        push_unique(&mut out, str_field(a, "name").and_then(line));
    }
    out
}

fn json_item(
    item: &Value,
    base: Option<&Url>,
    feed: &ParsedFeed,
    feed_authors: &[String],
) -> FeedItem {
    let mut out = FeedItem {
        content_base: base.cloned(),
        ..FeedItem::default()
    };
    out.id = match item.get("id") {
        Some(Value::String(s)) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    out.link = str_field(item, "url")
        .or_else(|| str_field(item, "external_url"))
        .and_then(|u| resolve_url(u, base))
        .map(|u| canonical_url(&u));
    out.title = str_field(item, "title").and_then(line);
    out.content = str_field(item, "content_html")
        .and_then(block)
        .or_else(|| str_field(item, "content_text").and_then(|t| block(&html::text_to_html(t))));
    out.summary = str_field(item, "summary").and_then(|t| block(&html::text_to_html(t)));
    out.published = str_field(item, "date_published").and_then(date::parse_date);
    out.updated = str_field(item, "date_modified").and_then(date::parse_date);
    out.authors = authors(item);
    if out.authors.is_empty() {
        out.authors = feed_authors.to_vec();
    }
    if let Some(Value::Array(tags)) = item.get("tags") {
        for tag in tags.iter().filter_map(Value::as_str) {
            push_unique(&mut out.categories, line(tag));
        }
    }
    for key in ["image", "banner_image"] {
        if let Some(url) = str_field(item, key).and_then(|u| resolve_url(u, base)) {
            push_media(
                &mut out.media,
                FeedMedia::new(url, FeedMediaKind::Image, MediaOrigin::JsonImage),
            );
        }
    }
    if let Some(Value::Array(attachments)) = item.get("attachments") {
        for a in attachments {
            let Some(url) = str_field(a, "url").and_then(|u| resolve_url(u, base)) else {
                continue;
            };
            let mime = str_field(a, "mime_type").and_then(line);
            let kind = media_kind(None, mime.as_deref(), &url);
            let mut m = FeedMedia::new(url, kind, MediaOrigin::JsonAttachment);
            m.mime = mime;
            m.title = str_field(a, "title").and_then(line);
            m.size = a
                .get("size_in_bytes")
                .and_then(Value::as_u64)
                .filter(|s| *s > 0);
            m.duration_secs = a
                .get("duration_in_seconds")
                .and_then(Value::as_f64)
                .filter(|d| d.is_finite() && *d >= 1.0 && *d < f64::from(u32::MAX))
                .and_then(|d| format!("{d:.0}").parse().ok());
            push_media(&mut out.media, m);
        }
    }
    out.language = str_field(item, "language")
        .and_then(parse_language)
        .or_else(|| feed.language.clone());
    out
}
