//! `herald feed FILE_OR_URL`: what Herald reads from one feed, for an editor checking a new
//! source or a developer chasing a parsing bug.

use std::fmt::Write as _;

use anyhow::{Context, bail};
use herald_ingest::{FeedMediaKind, ParsedFeed, Validators, parse_feed};
use url::Url;

use crate::settings::Settings;

pub(super) async fn run(settings: Settings, target: &str) -> anyhow::Result<()> {
    let (bytes, content_type, base) =
        if target.starts_with("http://") || target.starts_with("https://") {
            let url = Url::parse(target).with_context(|| format!("'{target}' is not a URL"))?;
            let fetcher = super::fetcher(&settings)?;
            let fetched = fetcher
                .get(&url, &Validators::default())
                .await
                .with_context(|| format!("cannot fetch {url}"))?;
            (fetched.body, fetched.content_type, Some(fetched.final_url))
        } else {
            let bytes = std::fs::read(target).with_context(|| format!("cannot read {target}"))?;
            (bytes, None, None)
        };
    let feed = match parse_feed(&bytes, content_type.as_deref(), base.as_ref()) {
        Ok(feed) => feed,
        Err(error) => {
            // A home page: name the feeds it announces, to try next.
            let announced: Vec<String> = base
                .as_ref()
                .map(|base| {
                    herald_ingest::discover::feeds_in_page(&bytes, content_type.as_deref(), base)
                })
                .unwrap_or_default()
                .into_iter()
                .map(|found| found.url.to_string())
                .collect();
            if announced.is_empty() {
                bail!("{target} is not a feed Herald can read: {error}");
            }
            bail!(
                "{target} is not a feed Herald can read: {error}; it announces {}",
                announced.join(", ")
            );
        }
    };
    print!("{}", describe(&feed));
    Ok(())
}

/// The feed as plain text: its header, then one block per item.
fn describe(feed: &ParsedFeed) -> String {
    let mut out = String::new();
    let none = "(none)";
    let _ = writeln!(out, "format:   {}", feed.format.as_str());
    let _ = writeln!(out, "title:    {}", feed.title.as_deref().unwrap_or(none));
    let _ = writeln!(
        out,
        "link:     {}",
        feed.link.as_ref().map_or(none, Url::as_str)
    );
    let _ = writeln!(
        out,
        "language: {}",
        feed.language.as_ref().map_or(none, |l| l.as_str())
    );
    let _ = writeln!(
        out,
        "encoding: {} ({})",
        feed.encoding.name,
        feed.encoding.decided_by.describe()
    );
    for problem in &feed.problems {
        let _ = writeln!(out, "problem:  {problem}");
    }
    let _ = writeln!(out, "items:    {}", feed.items.len());
    for (n, item) in feed.items.iter().enumerate() {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{}. {}",
            n + 1,
            item.title.as_deref().unwrap_or("(no title)")
        );
        let _ = writeln!(
            out,
            "   link: {}",
            item.link.as_ref().map_or(none, Url::as_str)
        );
        let date = item.published.or(item.updated);
        let _ = writeln!(
            out,
            "   date: {}",
            date.map_or_else(|| none.to_owned(), |d| d.to_string())
        );
        if !item.authors.is_empty() {
            let _ = writeln!(out, "   by:   {}", item.authors.join(", "));
        }
        if !item.categories.is_empty() {
            let _ = writeln!(out, "   in:   {}", item.categories.join(", "));
        }
        let text = if item.content.is_some() {
            "full content"
        } else if item.summary.is_some() {
            "summary only"
        } else {
            "no text"
        };
        let _ = writeln!(out, "   text: {text}");
        for media in &item.media {
            let kind = match media.kind {
                FeedMediaKind::Image => "image",
                FeedMediaKind::Video => "video",
                FeedMediaKind::Audio => "audio",
                FeedMediaKind::Other => "file",
            };
            let _ = writeln!(out, "   {kind}: {}", media.url);
        }
    }
    out
}
