//! RSS (0.90–2.0) and Atom (0.3, 1.0) from the forgiving XML tree.

use url::Url;

use crate::error::{IngestError, Result};
use crate::feed::{
    FeedFormat, FeedItem, FeedMedia, MediaOrigin, ParsedFeed, block, empty_feed, line, media_kind,
    parse_language, positive, push_media, push_unique, resolve_base, resolve_url,
};
use crate::normalize::canonical_url;
use crate::xml::{self, Element, Node, inner_html, ns};
use crate::{date, html};

/// Inherited context: the base URL and the language in scope.
#[derive(Debug, Clone, Default)]
struct Ctx {
    base: Option<Url>,
    lang: Option<herald_domain::Language>,
}

impl Ctx {
    /// The context inside an element: its `xml:base` and `xml:lang` applied.
    fn enter(&self, el: &Element) -> Self {
        let mut ctx = self.clone();
        if let Some(base) = el.attr_ns(ns::XML, "base")
            && let Some(url) = resolve_base(base, self.base.as_ref())
        {
            ctx.base = Some(url);
        }
        if let Some(lang) = el.attr_ns(ns::XML, "lang") {
            ctx.lang = if lang.trim().is_empty() {
                None
            } else {
                parse_language(lang).or(ctx.lang)
            };
        }
        ctx
    }
}

fn is_rss(ns: &str) -> bool {
    matches!(
        ns,
        "" | ns::RSS10
            | ns::RSS090
            | "http://backend.userland.com/rss2"
            | "http://blogs.law.harvard.edu/tech/rss"
            | "http://backend.userland.com/rss"
    )
}

fn is_atom(ns: &str) -> bool {
    matches!(ns, "" | ns::ATOM10 | ns::ATOM03)
}

fn is(ns: &'static str) -> impl Fn(&str) -> bool {
    move |n| n == ns
}

/// The first child element in a namespace family with a local name. Names are compared
/// ASCII case-insensitively: feeds written by hand have `<Title>` and `<pubdate>`.
fn child<'a>(el: &'a Element, family: impl Fn(&str) -> bool, local: &str) -> Option<&'a Element> {
    el.elements()
        .find(|e| e.local.eq_ignore_ascii_case(local) && family(&e.ns))
}

/// All child elements in a namespace family with a local name.
fn children<'a>(
    el: &'a Element,
    family: impl Fn(&str) -> bool + 'a,
    local: &'a str,
) -> impl Iterator<Item = &'a Element> + 'a {
    el.elements()
        .filter(move |e| e.local.eq_ignore_ascii_case(local) && family(&e.ns))
}

/// Text of a simple element, trimmed; `None` if empty.
fn simple(el: Option<&Element>) -> Option<String> {
    el.map(Element::text)
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

/// A value that is either plain text or HTML.
enum Value {
    Plain(String),
    Html(String),
}

impl Value {
    /// As plain text (for titles): HTML loses its tags and references.
    fn into_text(self) -> String {
        match self {
            Self::Plain(t) => t,
            Self::Html(h) => html::html_to_text(&h),
        }
    }

    /// As HTML (for summaries and contents): plain text is escaped.
    fn into_html(self) -> String {
        match self {
            Self::Plain(t) => html::text_to_html(&t),
            Self::Html(h) => h,
        }
    }
}

/// An RSS text field: HTML if it holds markup (escaped or, wrongly, as elements).
fn rss_html(el: &Element) -> Value {
    if el.has_elements() {
        Value::Html(inner_html(el))
    } else {
        Value::Html(el.text())
    }
}

/// An RSS title: plain text, unless it visibly carries HTML (`Caf&amp;eacute;`, `<b>`).
fn rss_title(el: &Element) -> Option<String> {
    let value = if el.has_elements() {
        Value::Html(inner_html(el))
    } else {
        let text = el.text();
        if html::looks_like_html(&text) {
            Value::Html(text)
        } else {
            Value::Plain(text)
        }
    };
    line(&value.into_text())
}

/// An Atom text construct (1.0 `type="text|html|xhtml"`; 0.3 MIME types and `mode`).
fn atom_value(el: &Element) -> Option<Value> {
    let kind = el
        .attr("type")
        .map(|t| t.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let mode = el
        .attr("mode")
        .map(|m| m.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let text = if mode == "base64" {
        let decoded = base64_decode(&el.text())?;
        Some(String::from_utf8_lossy(&decoded).into_owned())
    } else {
        None
    };
    let markup = || {
        if el.has_elements() {
            xhtml_inner(el)
        } else {
            el.text()
        }
    };
    Some(match kind.as_str() {
        "xhtml" | "application/xhtml+xml" => Value::Html(text.unwrap_or_else(markup)),
        "html" | "text/html" => Value::Html(text.unwrap_or_else(markup)),
        "" | "text" | "text/plain" => match text {
            Some(t) => Value::Plain(t),
            None if el.has_elements() => Value::Html(xhtml_inner(el)),
            None => Value::Plain(el.text()),
        },
        other
            if other.starts_with("text/") || other.ends_with("+xml") || other.ends_with("/xml") =>
        {
            Value::Plain(text.unwrap_or_else(|| el.text()))
        }
        // Atom 1.0 writes any other type in base64; keep it only if it is text.
        _ => {
            let decoded = base64_decode(&el.text())?;
            Value::Plain(String::from_utf8(decoded).ok()?)
        }
    })
}

/// XHTML content without its wrapping `<div>`, as Atom 1.0 requires it to be written.
fn xhtml_inner(el: &Element) -> String {
    let mut elements = el.elements();
    let only = elements.next().filter(|_| elements.next().is_none());
    let only_text_is_space = el.children.iter().all(|n| match n {
        Node::Text(t) => t.trim().is_empty(),
        Node::Element(_) => true,
    });
    match only {
        Some(div) if div.local == "div" && only_text_is_space => inner_html(div),
        _ => inner_html(el),
    }
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for b in text.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            b if b.is_ascii_whitespace() => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((acc >> bits) & 0xFF).unwrap_or(0));
        }
    }
    Some(out)
}

/// Parses an RSS or Atom document.
pub(crate) fn parse(text: &str, base: Option<&Url>) -> Result<ParsedFeed> {
    let doc = xml::parse(text);
    let Some(mut root) = doc.root else {
        let reason = doc
            .problems
            .first()
            .cloned()
            .unwrap_or_else(|| "there is no XML element in it".to_owned());
        return Err(IngestError::parse(format!("not a feed: {reason}")));
    };
    // A feed root in a namespace Herald does not know (`<feed xmlns="http://example.com/x">`)
    // is read as if its elements were Atom's (or RSS's).
    let root_local = root.local.to_ascii_lowercase();
    let known = [ns::ATOM10, ns::ATOM03, ns::RDF].contains(&root.ns.as_str()) || is_rss(&root.ns);
    if !known {
        let from = root.ns.clone();
        match root_local.as_str() {
            "feed" | "entry" => adopt_namespace(&mut root, &from, ns::ATOM10),
            "rss" | "channel" => adopt_namespace(&mut root, &from, ""),
            _ => {}
        }
    }
    let ctx = Ctx {
        base: base.cloned(),
        lang: None,
    }
    .enter(&root);
    let mut feed = match root_local.as_str() {
        "rss" => {
            let version = root.attr("version").map(str::trim).unwrap_or_default();
            let format = if version.starts_with("0.9") {
                FeedFormat::Rss09x
            } else {
                FeedFormat::Rss20
            };
            rss(&root, format, &ctx)
        }
        "channel" => rss_channel_as_root(&root, &ctx),
        "rdf" => {
            let format = if root.elements().any(|e| e.ns == ns::RSS090) {
                FeedFormat::Rss090
            } else {
                FeedFormat::Rss10
            };
            rss(&root, format, &ctx)
        }
        "feed" => atom(&root, &ctx),
        "entry" if is_atom(&root.ns) => atom(&root, &ctx),
        "html" => {
            return Err(IngestError::parse(
                "this is an HTML page, not a feed (look for its <link rel=\"alternate\">)",
            ));
        }
        _ => {
            return Err(IngestError::parse(format!(
                "<{}> is not the root of an RSS, Atom or JSON feed",
                root.qname
            )));
        }
    };
    // The element holding the feed's own fields: cut short, it holds nothing reliable.
    // It is usable if it was closed, or if the cut came after its last field (in its own
    // end tag, say).
    let container = match root_local.as_str() {
        "rss" | "rdf" => root
            .elements()
            .find(|e| e.local.eq_ignore_ascii_case("channel"))
            .unwrap_or(&root),
        _ => &root,
    };
    let usable = container.complete || container.elements().last().is_some_and(|e| e.complete);
    if doc.broken && feed.items.is_empty() && !usable {
        let reason = doc
            .problems
            .iter()
            .find(|p| p.starts_with("XML error") || p.contains("cut short"))
            .or(doc.problems.first())
            .cloned()
            .unwrap_or_else(|| "broken XML".to_owned());
        return Err(IngestError::parse(format!(
            "the XML is broken before any complete item: {reason}"
        )));
    }
    let mut problems = doc.problems;
    problems.append(&mut feed.problems);
    feed.problems = problems;
    Ok(feed)
}

/// Moves the elements of one namespace into another, throughout the tree (whose depth the
/// XML reader bounds).
fn adopt_namespace(el: &mut Element, from: &str, to: &str) {
    if el.ns == from {
        to.clone_into(&mut el.ns);
    }
    for child in &mut el.children {
        if let Node::Element(e) = child {
            adopt_namespace(e, from, to);
        }
    }
}

/// RSS 0.9x/2.0 (`<rss><channel>`) and RSS 0.90/1.0 (`<rdf:RDF><channel/><item/>`).
fn rss(root: &Element, format: FeedFormat, ctx: &Ctx) -> ParsedFeed {
    let channel = root
        .elements()
        .find(|e| e.local == "channel" && (is_rss(&e.ns) || e.ns == ns::RDF));
    let mut feed = empty_feed(format);
    let channel_ctx = channel.map_or_else(|| ctx.clone(), |c| ctx.enter(c));
    let mut item_ctx = channel_ctx.clone();
    if let Some(channel) = channel {
        read_rss_channel(channel, &channel_ctx, &mut feed);
        if item_ctx.base.is_none() {
            item_ctx.base.clone_from(&feed.link);
        }
    }
    // Items live in the channel (RSS 2.0) or beside it (RSS 1.0, and broken 2.0 feeds).
    let in_channel = channel.into_iter().flat_map(|c| c.elements());
    let beside = root.elements();
    let items: Vec<&Element> = in_channel
        .chain(beside)
        .filter(|e| e.local == "item" && is_rss(&e.ns))
        .collect();
    read_items(&items, &mut feed, |item, feed| {
        rss_item(item, &item_ctx.enter(item), feed.language.as_ref())
    });
    feed
}

/// A `<channel>` as the root (some old feeds drop the `<rss>` element).
fn rss_channel_as_root(root: &Element, ctx: &Ctx) -> ParsedFeed {
    let mut feed = empty_feed(FeedFormat::Rss09x);
    read_rss_channel(root, ctx, &mut feed);
    let mut item_ctx = ctx.clone();
    if item_ctx.base.is_none() {
        item_ctx.base.clone_from(&feed.link);
    }
    let items: Vec<&Element> = children(root, is_rss, "item").collect();
    read_items(&items, &mut feed, |item, feed| {
        rss_item(item, &item_ctx.enter(item), feed.language.as_ref())
    });
    feed
}

/// Reads complete items; items cut short by a truncated document are dropped with a problem.
fn read_items(
    items: &[&Element],
    feed: &mut ParsedFeed,
    read: impl Fn(&Element, &ParsedFeed) -> FeedItem,
) {
    let mut cut = 0;
    for item in items {
        if item.complete {
            let parsed = read(item, feed);
            feed.items.push(parsed);
        } else {
            cut += 1;
        }
    }
    if cut > 0 {
        feed.problems.push(format!(
            "{cut} item(s) cut short by the end of the document were left out"
        ));
    }
}

fn read_rss_channel(channel: &Element, ctx: &Ctx, feed: &mut ParsedFeed) {
    feed.title = child(channel, is_rss, "title")
        .and_then(rss_title)
        .or_else(|| child(channel, is(ns::DC), "title").and_then(rss_title));
    feed.link = child(channel, is_rss, "link")
        .and_then(|l| resolve_url(&l.text(), ctx.enter(l).base.as_ref()))
        .or_else(|| atom_alternate(channel, ctx))
        .or_else(|| cdf_href(channel, ctx))
        .map(|u| canonical_url(&u));
    feed.description = child(channel, is_rss, "description")
        .or_else(|| child(channel, is(ns::DC), "description"))
        .and_then(|d| line(&rss_html(d).into_text()));
    feed.language = simple(child(channel, is_rss, "language"))
        .or_else(|| simple(child(channel, is(ns::DC), "language")))
        .and_then(|l| parse_language(&l))
        .or_else(|| ctx.lang.clone());
    // Minutes; a week at most, so a typo cannot stop polling for good.
    feed.ttl = simple(child(channel, is_rss, "ttl"))
        .and_then(|t| t.parse::<u64>().ok())
        .filter(|m| *m > 0)
        .map(|m| std::time::Duration::from_secs(m.min(7 * 24 * 60) * 60));
}

fn rss_item(
    item: &Element,
    ctx: &Ctx,
    feed_language: Option<&herald_domain::Language>,
) -> FeedItem {
    let mut out = FeedItem {
        content_base: ctx.base.clone(),
        ..FeedItem::default()
    };
    let guid = child(item, is_rss, "guid");
    out.id = simple(guid)
        .or_else(|| item.attr_ns(ns::RDF, "about").map(|s| s.trim().to_owned()))
        .or_else(|| simple(child(item, is(ns::DC), "identifier")))
        .or_else(|| simple(child(item, is(ns::ATOM10), "id")))
        .filter(|s| !s.is_empty());
    out.title = child(item, is_rss, "title")
        .and_then(rss_title)
        .or_else(|| child(item, is(ns::DC), "title").and_then(rss_title))
        .or_else(|| {
            child(item, is(ns::ATOM10), "title")
                .and_then(|t| atom_value(t).and_then(|v| line(&v.into_text())))
        })
        .or_else(|| child(item, is(ns::MEDIA), "title").and_then(rss_title));

    let guid_link = guid
        .filter(|g| {
            !g.attr("isPermaLink")
                .is_some_and(|p| p.trim().eq_ignore_ascii_case("false"))
        })
        .and_then(|g| resolve_url(&g.text(), ctx.enter(g).base.as_ref()));
    out.link = child(item, is_rss, "link")
        .and_then(|l| resolve_url(&l.text(), ctx.enter(l).base.as_ref()))
        .or_else(|| atom_alternate(item, ctx))
        .or(guid_link)
        .or_else(|| cdf_href(item, ctx))
        .or_else(|| {
            item.attr_ns(ns::RDF, "about")
                .and_then(|a| resolve_url(a, ctx.base.as_ref()))
        })
        .map(|u| canonical_url(&u));

    out.summary = child(item, is_rss, "description")
        .or_else(|| child(item, is(ns::DC), "description"))
        .and_then(|d| block(&rss_html(d).into_html()))
        .or_else(|| {
            child(item, is(ns::ATOM10), "summary")
                .and_then(atom_value)
                .and_then(|v| block(&v.into_html()))
        });
    out.content = child(item, is(ns::CONTENT), "encoded")
        .and_then(|c| block(&rss_html(c).into_html()))
        .or_else(|| child(item, is(ns::XHTML), "body").and_then(|b| block(&inner_html(b))))
        .or_else(|| {
            child(item, is(ns::ATOM10), "content")
                .and_then(atom_value)
                .and_then(|v| block(&v.into_html()))
        });

    out.published = [
        child(item, is_rss, "pubDate"),
        child(item, is(ns::DC), "date"),
        child(item, is(ns::DCTERMS), "issued"),
        child(item, is(ns::DCTERMS), "created"),
        child(item, is(ns::ATOM10), "published"),
    ]
    .into_iter()
    .flatten()
    .find_map(|d| date::parse_date(&d.text()));
    out.updated = [
        child(item, is(ns::DCTERMS), "modified"),
        child(item, is(ns::ATOM10), "updated"),
    ]
    .into_iter()
    .flatten()
    .find_map(|d| date::parse_date(&d.text()));

    for author in children(item, is_rss, "author") {
        push_unique(&mut out.authors, line(&rss_author(&author.text())));
    }
    for creator in children(item, is(ns::DC), "creator") {
        push_unique(&mut out.authors, line(&creator.text()));
    }
    for author in children(item, is(ns::ATOM10), "author") {
        push_unique(&mut out.authors, atom_person(author));
    }
    for category in children(item, is_rss, "category").chain(children(item, is(ns::DC), "subject"))
    {
        push_unique(&mut out.categories, line(&category.text()));
    }

    read_media(item, ctx, &mut out.media);
    for enclosure in children(item, is_rss, "enclosure") {
        let Some(url) = enclosure
            .attr("url")
            .and_then(|u| resolve_url(u, ctx.enter(enclosure).base.as_ref()))
        else {
            continue;
        };
        let mime = enclosure.attr("type").and_then(line);
        let kind = media_kind(None, mime.as_deref(), &url);
        let mut media = FeedMedia::new(url, kind, MediaOrigin::Enclosure);
        media.mime = mime;
        media.size = positive(enclosure.attr("length"));
        push_media(&mut out.media, media);
    }
    for link in atom_links(item, ctx)
        .into_iter()
        .filter(|l| l.rel == "enclosure")
    {
        push_media(&mut out.media, link.into_media());
    }

    out.language = simple(child(item, is(ns::DC), "language"))
        .and_then(|l| parse_language(&l))
        .or_else(|| item.attr_ns(ns::XML, "lang").and_then(parse_language))
        .or_else(|| feed_language.cloned())
        .or_else(|| ctx.lang.clone());
    out
}

/// Microsoft CDF (`<CHANNEL HREF="…">`, `<ITEM HREF="…">`) puts the link in an attribute.
fn cdf_href(el: &Element, ctx: &Ctx) -> Option<Url> {
    el.attrs
        .iter()
        .find(|a| a.ns.is_empty() && a.local.eq_ignore_ascii_case("href"))
        .and_then(|a| resolve_url(&a.value, ctx.base.as_ref()))
}

/// RSS `author` is `email (Name)` by the spec; the name is what readers see.
fn rss_author(raw: &str) -> String {
    let raw = raw.trim();
    if let Some(open) = raw.find('(')
        && raw.ends_with(')')
        && raw[..open].contains('@')
    {
        return raw[open + 1..raw.len() - 1].to_owned();
    }
    raw.to_owned()
}

/// An Atom person's name (or, failing that, the element's text).
fn atom_person(person: &Element) -> Option<String> {
    child(person, is_atom, "name")
        .and_then(|n| line(&n.text()))
        .or_else(|| {
            (!person.has_elements())
                .then(|| line(&person.text()))
                .flatten()
        })
}

/// Media RSS: `media:content`, `media:group`, `media:thumbnail` of an item.
fn read_media(item: &Element, ctx: &Ctx, media: &mut Vec<FeedMedia>) {
    let item_info = MediaInfo::of(item, ctx);
    for group in children(item, is(ns::MEDIA), "group") {
        let group_ctx = ctx.enter(group);
        let info = MediaInfo::of(group, &group_ctx).or(&item_info);
        for content in children(group, is(ns::MEDIA), "content") {
            if let Some(m) = media_content(content, &group_ctx, &info) {
                push_media(media, m);
            }
        }
    }
    for content in children(item, is(ns::MEDIA), "content") {
        if let Some(m) = media_content(content, ctx, &item_info) {
            push_media(media, m);
        }
    }
    for thumb in children(item, is(ns::MEDIA), "thumbnail") {
        let Some(url) = thumb
            .attr("url")
            .and_then(|u| resolve_url(u, ctx.enter(thumb).base.as_ref()))
        else {
            continue;
        };
        let mut m = FeedMedia::new(
            url,
            crate::feed::FeedMediaKind::Image,
            MediaOrigin::MediaThumbnail,
        );
        m.width = positive(thumb.attr("width"));
        m.height = positive(thumb.attr("height"));
        m.title.clone_from(&item_info.title);
        m.caption.clone_from(&item_info.caption);
        m.credit.clone_from(&item_info.credit);
        push_media(media, m);
    }
}

/// Media RSS descriptive elements that apply to the contents beneath them.
#[derive(Debug, Clone, Default)]
struct MediaInfo {
    title: Option<String>,
    caption: Option<String>,
    credit: Option<String>,
    thumbnail: Option<Url>,
}

impl MediaInfo {
    fn of(el: &Element, ctx: &Ctx) -> Self {
        let text = |local: &str| {
            child(el, is(ns::MEDIA), local).and_then(|t| {
                let html = t.attr("type").is_some_and(|ty| ty.trim() == "html");
                let value = t.text();
                line(&if html {
                    html::html_to_text(&value)
                } else {
                    value
                })
            })
        };
        Self {
            title: text("title"),
            caption: text("description"),
            credit: text("credit"),
            thumbnail: child(el, is(ns::MEDIA), "thumbnail").and_then(|t| {
                t.attr("url")
                    .and_then(|u| resolve_url(u, ctx.enter(t).base.as_ref()))
            }),
        }
    }

    /// Self where given, else the outer level's.
    fn or(self, outer: &Self) -> Self {
        Self {
            title: self.title.or_else(|| outer.title.clone()),
            caption: self.caption.or_else(|| outer.caption.clone()),
            credit: self.credit.or_else(|| outer.credit.clone()),
            thumbnail: self.thumbnail.or_else(|| outer.thumbnail.clone()),
        }
    }
}

fn media_content(content: &Element, ctx: &Ctx, outer: &MediaInfo) -> Option<FeedMedia> {
    let ctx = ctx.enter(content);
    let url = resolve_url(content.attr("url")?, ctx.base.as_ref())?;
    let mime = content.attr("type").and_then(line);
    let kind = media_kind(content.attr("medium"), mime.as_deref(), &url);
    let info = MediaInfo::of(content, &ctx).or(outer);
    let mut m = FeedMedia::new(url, kind, MediaOrigin::MediaContent);
    m.mime = mime;
    m.size = positive(content.attr("fileSize"));
    m.width = positive(content.attr("width"));
    m.height = positive(content.attr("height"));
    m.duration_secs = content
        .attr("duration")
        .and_then(|d| {
            d.trim()
                .split('.')
                .next()
                .and_then(|s| s.parse::<u32>().ok())
        })
        .filter(|d| *d > 0);
    m.title = info.title;
    m.caption = info.caption;
    m.credit = info.credit;
    m.thumbnail = info.thumbnail;
    Some(m)
}

/// An Atom `<link>`.
struct AtomLink {
    rel: String,
    mime: Option<String>,
    href: Url,
    length: Option<u64>,
    title: Option<String>,
}

impl AtomLink {
    fn into_media(self) -> FeedMedia {
        let kind = media_kind(None, self.mime.as_deref(), &self.href);
        let mut m = FeedMedia::new(self.href, kind, MediaOrigin::Enclosure);
        m.mime = self.mime;
        m.size = self.length;
        m.title = self.title;
        m
    }
}

/// The Atom links of an element (Atom's own, or `atom:link` inside RSS), resolved.
fn atom_links(el: &Element, ctx: &Ctx) -> Vec<AtomLink> {
    let in_atom = is_atom(&el.ns) && !el.ns.is_empty();
    el.elements()
        .filter(|l| {
            l.local == "link"
                && (l.ns == ns::ATOM10 || l.ns == ns::ATOM03 || (in_atom && l.ns.is_empty()))
        })
        .filter_map(|l| {
            let href = resolve_url(l.attr("href")?, ctx.enter(l).base.as_ref())?;
            Some(AtomLink {
                rel: l
                    .attr("rel")
                    .map_or_else(|| "alternate".to_owned(), |r| r.trim().to_ascii_lowercase()),
                mime: l.attr("type").and_then(line),
                href,
                length: positive(l.attr("length")),
                title: l.attr("title").and_then(line),
            })
        })
        .collect()
}

/// The `alternate` link: the first HTML one, else the first.
fn atom_alternate(el: &Element, ctx: &Ctx) -> Option<Url> {
    let links: Vec<AtomLink> = atom_links(el, ctx)
        .into_iter()
        .filter(|l| l.rel == "alternate")
        .collect();
    links
        .iter()
        .find(|l| l.mime.as_deref().is_some_and(|m| m.contains("html")))
        .or(links.first())
        .map(|l| l.href.clone())
}

/// Atom 1.0 and 0.3 (`<feed>`), or a lone `<entry>` document.
fn atom(root: &Element, ctx: &Ctx) -> ParsedFeed {
    let version03 =
        root.ns == ns::ATOM03 || root.attr("version").is_some_and(|v| v.trim() == "0.3");
    let mut feed = empty_feed(if version03 {
        FeedFormat::Atom03
    } else {
        FeedFormat::Atom10
    });
    if root.local == "entry" {
        let item = atom_entry(root, ctx, None);
        feed.language = ctx.lang.clone();
        feed.items.push(item);
        return feed;
    }
    feed.title = child(root, is_atom, "title")
        .and_then(atom_value)
        .and_then(|v| line(&v.into_text()));
    feed.link = atom_alternate(root, ctx).map(|u| canonical_url(&u));
    feed.description = child(root, is_atom, "subtitle")
        .or_else(|| child(root, is_atom, "tagline"))
        .and_then(atom_value)
        .and_then(|v| line(&v.into_text()));
    feed.language = ctx.lang.clone();
    let mut entry_ctx = ctx.clone();
    if entry_ctx.base.is_none() {
        entry_ctx.base.clone_from(&feed.link);
    }
    let entries: Vec<&Element> = children(root, is_atom, "entry").collect();
    read_items(&entries, &mut feed, |entry, feed| {
        atom_entry(entry, &entry_ctx.enter(entry), feed.language.as_ref())
    });
    feed
}

fn atom_entry(
    entry: &Element,
    ctx: &Ctx,
    feed_language: Option<&herald_domain::Language>,
) -> FeedItem {
    let mut out = FeedItem {
        content_base: ctx.base.clone(),
        ..FeedItem::default()
    };
    out.id = simple(child(entry, is_atom, "id"));
    out.title = child(entry, is_atom, "title")
        .and_then(atom_value)
        .and_then(|v| line(&v.into_text()));
    out.link = atom_alternate(entry, ctx).map(|u| canonical_url(&u));
    let summary = child(entry, is_atom, "summary");
    out.summary = summary
        .and_then(|s| {
            let ctx = ctx.enter(s);
            out.content_base = ctx.base.or(out.content_base.take());
            atom_value(s)
        })
        .and_then(|v| block(&v.into_html()))
        .or_else(|| {
            child(entry, is(ns::DC), "description").and_then(|d| block(&rss_html(d).into_html()))
        });
    let content = child(entry, is_atom, "content").filter(|c| c.attr("src").is_none());
    out.content = content
        .and_then(|c| {
            let ctx = ctx.enter(c);
            out.content_base = ctx.base.or(out.content_base.take());
            atom_value(c)
        })
        .and_then(|v| block(&v.into_html()));
    out.published = ["published", "issued", "created"]
        .into_iter()
        .filter_map(|local| child(entry, is_atom, local))
        .chain(child(entry, is(ns::DC), "date"))
        .find_map(|d| date::parse_date(&d.text()));
    out.updated = ["updated", "modified"]
        .into_iter()
        .filter_map(|local| child(entry, is_atom, local))
        .find_map(|d| date::parse_date(&d.text()));
    for author in children(entry, is_atom, "author") {
        push_unique(&mut out.authors, atom_person(author));
    }
    for creator in children(entry, is(ns::DC), "creator") {
        push_unique(&mut out.authors, line(&creator.text()));
    }
    for category in children(entry, is_atom, "category") {
        let name = category
            .attr("label")
            .and_then(line)
            .or_else(|| category.attr("term").and_then(line));
        push_unique(&mut out.categories, name);
    }
    for subject in children(entry, is(ns::DC), "subject") {
        push_unique(&mut out.categories, line(&subject.text()));
    }
    read_media(entry, ctx, &mut out.media);
    for link in atom_links(entry, ctx)
        .into_iter()
        .filter(|l| l.rel == "enclosure")
    {
        push_media(&mut out.media, link.into_media());
    }
    out.language = entry
        .attr_ns(ns::XML, "lang")
        .and_then(parse_language)
        .or_else(|| feed_language.cloned())
        .or_else(|| ctx.lang.clone());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_content_of_atom_03_is_decoded() {
        assert_eq!(base64_decode("SGVs\nbG8="), Some(b"Hello".to_vec()));
        assert_eq!(base64_decode("*"), None);
    }

    #[test]
    fn rss_authors_lose_their_email() {
        assert_eq!(
            rss_author("news@example.com (Nguyễn Văn A)"),
            "Nguyễn Văn A"
        );
        assert_eq!(rss_author("Nguyễn Văn A"), "Nguyễn Văn A");
    }
}
