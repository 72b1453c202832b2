//! `herald source add|list|import|export`: the outlets Herald polls.

use std::fmt::Write as _;
use std::sync::Arc;

use anyhow::{Context, bail};
use herald_domain::{
    CanonicalPolicy, IngestRules, Language, Localized, Region, SourceHealth, Timestamp, Trust,
};
use herald_ingest::{Fetcher, Validators, opml, parse_feed};
use herald_store::{NewSource, Store, TermKind};
use url::Url;

use crate::cli::{SourceAddArgs, TrustArg};
use crate::settings::Settings;

pub(super) async fn add(settings: Settings, args: SourceAddArgs) -> anyhow::Result<()> {
    let store: Arc<dyn Store> = super::open_store(&settings).await?;
    let fetcher = super::fetcher(&settings)?;
    let url =
        Url::parse(args.url.trim()).with_context(|| format!("'{}' is not a URL", args.url))?;
    let found = find_feed(&fetcher, &url).await?;
    let language = match (&args.lang, &found.language) {
        (Some(tag), _) => Language::parse(tag).with_context(|| format!("--lang '{tag}'"))?,
        (None, Some(language)) => language.clone(),
        (None, None) => bail!("the feed does not say its language: give it with --lang"),
    };
    let name = args
        .name
        .clone()
        .or_else(|| found.title.clone())
        .unwrap_or_else(|| found.feed.host_str().unwrap_or("source").to_owned());
    let key = match &args.key {
        Some(key) => checked_key(key)?,
        None => key_for(&found.feed),
    };
    if store.source_by_key(&key).await?.is_some() {
        bail!("a source with the key '{key}' exists; choose another with --key");
    }
    let region = region(store.as_ref(), &args.region).await?;
    let rules = match &args.rules {
        Some(path) => read_rules(path)?,
        None => IngestRules::default(),
    };
    let mut names = Localized::new();
    names.insert(language.clone(), name.clone());
    let source = store
        .create_source(NewSource {
            key: key.clone(),
            names,
            descriptions: Localized::new(),
            home_url: found.home.clone(),
            feeds: vec![found.feed.clone()],
            language: language.clone(),
            region,
            trust: trust(args.trust),
            licence: args.licence.clone(),
            credit: args.credit.clone().unwrap_or_else(|| name.clone()),
            canonical: CanonicalPolicy::Original,
            poll_interval_secs: args.every.clamp(1, 7 * 24 * 60).saturating_mul(60),
        })
        .await
        .context("cannot add the source")?;
    if rules != IngestRules::default() {
        store.set_source_rules(source.id, &rules).await?;
    }
    println!(
        "Added source {key} ({name}): {} in {language}, {}; polled within {} minutes.",
        found.feed,
        match args.trust {
            TrustArg::Auto => "articles publish at once",
            TrustArg::Review => "articles wait for an editor",
        },
        args.every
    );
    Ok(())
}

/// A feed found from what the user gave: the feed itself, or a page announcing it.
struct FoundFeed {
    feed: Url,
    home: Url,
    title: Option<String>,
    language: Option<Language>,
}

async fn find_feed(fetcher: &Fetcher, url: &Url) -> anyhow::Result<FoundFeed> {
    let fetched = fetcher
        .get(url, &Validators::default())
        .await
        .with_context(|| format!("cannot fetch {url}"))?;
    let content_type = fetched.content_type.as_deref();
    let not_a_feed = match parse_feed(&fetched.body, content_type, Some(&fetched.final_url)) {
        Ok(feed) => {
            return Ok(FoundFeed {
                home: feed
                    .link
                    .clone()
                    .unwrap_or_else(|| origin(&fetched.final_url)),
                feed: fetched.final_url,
                title: feed.title,
                language: feed.language,
            });
        }
        Err(error) => error,
    };
    let candidates =
        herald_ingest::discover::feeds_in_page(&fetched.body, content_type, &fetched.final_url);
    let mut reasons = Vec::new();
    for candidate in candidates {
        match fetcher.get(&candidate.url, &Validators::default()).await {
            Ok(page) => match parse_feed(
                &page.body,
                page.content_type.as_deref(),
                Some(&page.final_url),
            ) {
                Ok(feed) => {
                    return Ok(FoundFeed {
                        home: fetched.final_url.clone(),
                        feed: page.final_url,
                        title: feed.title,
                        language: feed.language,
                    });
                }
                Err(error) => reasons.push(format!("{}: {error}", candidate.url)),
            },
            Err(error) => reasons.push(format!("{}: {error}", candidate.url)),
        }
    }
    if reasons.is_empty() {
        bail!(
            "{url} announces no feed (<link rel=\"alternate\">) and is not one itself: {not_a_feed}"
        );
    }
    bail!("no announced feed could be read: {}", reasons.join("; "))
}

fn origin(url: &Url) -> Url {
    let mut home = url.clone();
    home.set_path("/");
    home.set_query(None);
    home.set_fragment(None);
    home
}

/// A key from the feed's host and path, without the feed's file name and the words every
/// feed path has: `songhong-vn` for `https://www.songhong.vn/rss.xml`, `example-org-world`
/// for `https://example.org/world/feed/`, so that outlets sharing a host get keys of their own.
fn key_for(feed: &Url) -> String {
    let host = feed
        .host_str()
        .unwrap_or("source")
        .trim_start_matches("www.");
    let segments: Vec<&str> = feed
        .path_segments()
        .map(|s| s.filter(|s| !s.is_empty()).collect())
        .unwrap_or_default();
    let generic = |s: &str| {
        s.contains('.')
            || matches!(
                s.to_ascii_lowercase().as_str(),
                "feed" | "feeds" | "rss" | "atom" | "json" | "xml" | "index"
            )
    };
    let mut words = vec![host];
    words.extend(segments.into_iter().filter(|s| !generic(s)));
    let mut key = String::new();
    for c in words.join("-").chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c.to_ascii_lowercase());
        } else if !key.ends_with('-') {
            key.push('-');
        }
    }
    let key: String = key.chars().take(60).collect();
    let key = key.trim_matches('-');
    if key.is_empty() {
        "source".to_owned()
    } else {
        key.to_owned()
    }
}

fn checked_key(key: &str) -> anyhow::Result<String> {
    let ok = !key.is_empty()
        && key.len() <= 64
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !ok {
        bail!("--key '{key}': use 1 to 64 lowercase letters, digits and dashes");
    }
    Ok(key.to_owned())
}

fn trust(arg: TrustArg) -> Trust {
    match arg {
        TrustArg::Auto => Trust::Auto,
        TrustArg::Review => Trust::Review,
    }
}

async fn region(store: &dyn Store, text: &str) -> anyhow::Result<Region> {
    match text.split_once(':') {
        None if text == "central" => Ok(Region::Central),
        Some(("province", key)) => {
            let id = store
                .term_id_by_key(TermKind::Place, key)
                .await?
                .with_context(|| format!("--region: no place has the key '{key}'"))?;
            Ok(Region::Province {
                place: herald_domain::PlaceId::new(id),
            })
        }
        Some(("mission", code)) => {
            Region::from_code(&format!("mission:{}", code.to_ascii_uppercase()))
                .with_context(|| format!("--region: '{code}' is not a two-letter country code"))
        }
        _ => bail!("--region '{text}': use central, province:PLACE-KEY or mission:CC"),
    }
}

fn read_rules(path: &std::path::Path) -> anyhow::Result<IngestRules> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("{} is not a rules file", path.display()))
}

pub(super) async fn list(settings: Settings) -> anyhow::Result<()> {
    let store = super::open_store(&settings).await?;
    let sources = store.list_sources_with_health().await?;
    if sources.is_empty() {
        println!("No sources yet: add one with `herald source add URL`.");
        return Ok(());
    }
    let now = herald_domain::Clock::now(&herald_domain::SystemClock);
    let mut out = String::new();
    for (source, health) in &sources {
        let name = source
            .names
            .get(&source.language)
            .or_else(|| source.names.iter().next().map(|(_, n)| n))
            .map_or("", String::as_str);
        let _ = writeln!(
            out,
            "{key}  {name} [{lang}, {trust}] {articles} articles, {feeds} feeds",
            key = source.key,
            lang = source.language,
            trust = match source.trust {
                Trust::Auto => "auto",
                Trust::Review => "review",
            },
            articles = health.articles,
            feeds = source.feeds.len(),
        );
        let _ = writeln!(out, "    {}", health_line(health, now));
    }
    print!("{out}");
    Ok(())
}

/// One line about a source's health: `ok, last success 5 min ago, next poll in 10 min`.
fn health_line(health: &SourceHealth, now: Timestamp) -> String {
    let mut parts = Vec::new();
    if health.paused {
        parts.push("paused".to_owned());
    } else if health.consecutive_failures > 0 {
        parts.push(format!(
            "failing ({} in a row): {}",
            health.consecutive_failures,
            health.last_error.as_deref().unwrap_or("unknown error")
        ));
    } else if health.last_success_at.is_some() {
        parts.push("ok".to_owned());
    } else {
        parts.push("not polled yet".to_owned());
    }
    if let Some(at) = health.last_success_at {
        parts.push(format!("last success {}", ago(now, at)));
    }
    if let (Some(at), 0) = (health.last_error_at, health.consecutive_failures) {
        parts.push(format!("last error {}", ago(now, at)));
    }
    if !health.paused {
        match health.next_poll_at {
            Some(at) if at > now => parts.push(format!("next poll in {}", span(now, at))),
            _ => parts.push("next poll now".to_owned()),
        }
    }
    parts.join(", ")
}

fn ago(now: Timestamp, at: Timestamp) -> String {
    if at >= now {
        "just now".to_owned()
    } else {
        format!("{} ago", span(at, now))
    }
}

fn span(from: Timestamp, to: Timestamp) -> String {
    let secs = to.as_second().saturating_sub(from.as_second()).max(0);
    match secs {
        0..60 => format!("{secs} s"),
        60..7200 => format!("{} min", secs / 60),
        7200..172_800 => format!("{} h", secs / 3600),
        _ => format!("{} days", secs / 86_400),
    }
}

pub(super) async fn import(
    settings: Settings,
    file: &std::path::Path,
    lang: Option<&str>,
    trust_arg: TrustArg,
) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let feeds = opml::parse(&bytes).with_context(|| format!("{} is not OPML", file.display()))?;
    let fallback = lang
        .map(|t| Language::parse(t).with_context(|| format!("--lang '{t}'")))
        .transpose()?;
    let store = super::open_store(&settings).await?;
    let known: Vec<Url> = store
        .list_sources()
        .await?
        .into_iter()
        .flat_map(|s| s.feeds)
        .collect();
    let (mut added, mut skipped) = (0, 0);
    for feed in feeds {
        let url = feed.xml_url.clone();
        if known.contains(&url) {
            println!("skipped {url}: already a source");
            skipped += 1;
            continue;
        }
        let Some(language) = feed.language.clone().or_else(|| fallback.clone()) else {
            println!("skipped {url}: no language (give one with --lang)");
            skipped += 1;
            continue;
        };
        let name = feed
            .title
            .clone()
            .unwrap_or_else(|| url.host_str().unwrap_or("source").to_owned());
        let mut key = key_for(&url);
        let mut n = 2;
        while store.source_by_key(&key).await?.is_some() {
            key = format!("{}-{n}", key_for(&url));
            n += 1;
        }
        let mut names = Localized::new();
        names.insert(language.clone(), name.clone());
        store
            .create_source(NewSource {
                key: key.clone(),
                names,
                descriptions: Localized::new(),
                home_url: feed.html_url.clone().unwrap_or_else(|| origin(&url)),
                feeds: vec![url.clone()],
                language,
                region: Region::Central,
                trust: trust(trust_arg),
                licence: "by agreement".to_owned(),
                credit: name,
                canonical: CanonicalPolicy::Original,
                poll_interval_secs: 15 * 60,
            })
            .await
            .with_context(|| format!("cannot add {url}"))?;
        println!("added {key}: {url}");
        added += 1;
    }
    println!("{added} sources added, {skipped} skipped");
    Ok(())
}

pub(super) async fn export(
    settings: Settings,
    out: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    let store = super::open_store(&settings).await?;
    let mut feeds = Vec::new();
    for source in store.list_sources().await? {
        let title = source
            .names
            .get(&source.language)
            .cloned()
            .unwrap_or_else(|| source.key.clone());
        for url in &source.feeds {
            feeds.push(opml::OpmlFeed {
                title: Some(title.clone()),
                xml_url: url.clone(),
                html_url: Some(source.home_url.clone()),
                language: Some(source.language.clone()),
                category: None,
            });
        }
    }
    let text = opml::write(&format!("{} sources", settings.site_name), &feeds);
    match out {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => print!("{text}"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_from_the_host_and_the_feed_path() {
        let key = |url: &str| key_for(&Url::parse(url).unwrap());
        assert_eq!(key("https://www.songhong.vn/rss.xml"), "songhong-vn");
        assert_eq!(key("https://example.org/world/feed/"), "example-org-world");
        assert_eq!(
            key("http://127.0.0.1:8080/song-hong-2/feed.json"),
            "127-0-0-1-song-hong-2"
        );
        assert_eq!(
            key("https://tin.example/Kinh_Te/RSS"),
            "tin-example-kinh-te"
        );
    }
}
