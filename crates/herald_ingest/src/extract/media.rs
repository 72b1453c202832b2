//! Pictures and players in the story: where an `<img>` really points (lazy-loading pages put
//! a placeholder in `src` and the picture in `data-src` or a `srcset`), and which frames and
//! `<video>`s are videos worth keeping (known players only: an iframe can be anything).

use url::Url;

use super::dom::{Dom, Tag};

/// An image as found on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawImage {
    pub(crate) url: Url,
    pub(crate) alt: Option<String>,
    width: Option<u32>,
    height: Option<u32>,
}

impl RawImage {
    /// Whether it is more than an icon, a spacer or a tracking pixel (when its size is given).
    pub(crate) fn large_enough(&self) -> bool {
        self.width.is_none_or(|w| w >= 150) && self.height.is_none_or(|h| h >= 100)
    }
}

/// Attributes lazy-loading scripts read the real address from, best first.
const LAZY_SOURCES: &[&str] = &[
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-url",
    "data-hi-res-src",
    "data-full-src",
];

/// Resolves an address against the page's, keeping `http(s)` only.
fn resolve(value: &str, base: Option<&Url>) -> Option<Url> {
    let value = value.trim();
    if value.is_empty() || value.starts_with("data:") {
        return None;
    }
    let url = match Url::parse(value) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(value).ok()?,
        Err(_) => return None,
    };
    matches!(url.scheme(), "http" | "https").then_some(url)
}

/// The widest candidate of a `srcset` (or its first, without width descriptors).
fn from_srcset(srcset: &str, base: Option<&Url>) -> Option<Url> {
    let mut best: Option<(u32, &str)> = None;
    for candidate in srcset.split(", ").flat_map(|c| c.split(",\n")) {
        let mut parts = candidate.split_ascii_whitespace();
        let Some(address) = parts.next() else {
            continue;
        };
        let width = parts
            .next()
            .and_then(|d| d.strip_suffix('w').or_else(|| d.strip_suffix('x')))
            .and_then(|n| n.parse::<f32>().ok())
            .map_or(0, |n| n as u32);
        if best.is_none_or(|(w, _)| width > w) {
            best = Some((width, address));
        }
    }
    resolve(best?.1, base)
}

fn dimension(dom: &Dom<'_>, i: usize, name: &str) -> Option<u32> {
    let value = dom.attr(i, name)?.trim();
    value.trim_end_matches("px").parse().ok()
}

/// The image of an `<img>`.
pub(crate) fn image(dom: &Dom<'_>, i: usize, base: Option<&Url>) -> Option<RawImage> {
    let url = LAZY_SOURCES
        .iter()
        .find_map(|name| dom.attr(i, name).and_then(|v| resolve(v, base)))
        .or_else(|| dom.attr(i, "src").and_then(|v| resolve(v, base)))
        .or_else(|| {
            ["data-srcset", "srcset"]
                .iter()
                .find_map(|name| dom.attr(i, name).and_then(|v| from_srcset(v, base)))
        })?;
    let alt = dom
        .attr(i, "alt")
        .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|a| !a.is_empty());
    Some(RawImage {
        url,
        alt,
        width: dimension(dom, i, "width"),
        height: dimension(dom, i, "height"),
    })
}

/// Hosts and paths of players whose frames are videos.
const PLAYERS: &[(&str, &str)] = &[
    ("youtube.com", "/embed/"),
    ("youtube-nocookie.com", "/embed/"),
    ("player.vimeo.com", "/video/"),
    ("dailymotion.com", "/embed/"),
    ("geo.dailymotion.com", "/player"),
    ("facebook.com", "/plugins/video"),
    ("players.brightcove.net", "/"),
    ("cdn.jwplayer.com", "/players/"),
    ("content.jwplatform.com", "/players/"),
    ("player.twitch.tv", "/"),
    ("streamable.com", "/e/"),
    ("rumble.com", "/embed/"),
    ("vk.com", "/video_ext"),
    ("ok.ru", "/videoembed/"),
    ("player.bilibili.com", "/"),
    ("aparat.com", "/video/video/embed/"),
    ("embed.ted.com", "/talks/"),
    ("tiktok.com", "/embed"),
    ("w.soundcloud.com", "/player"),
];

fn is_player(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    PLAYERS.iter().any(|(player, path)| {
        (host == *player
            || host
                .strip_suffix(player)
                .is_some_and(|rest| rest.ends_with('.')))
            && url.path().starts_with(path)
    })
}

/// The videos of a media element: a known player's frame, or a `<video>`'s sources.
pub(crate) fn video(dom: &Dom<'_>, i: usize, base: Option<&Url>) -> Vec<Url> {
    let item = dom.items[i];
    match item.tag {
        Tag::Iframe | Tag::Embed | Tag::Object => ["src", "data-src", "data"]
            .iter()
            .find_map(|name| dom.attr(i, name).and_then(|v| resolve(v, base)))
            .filter(is_player)
            .into_iter()
            .collect(),
        Tag::Video => {
            let mut found: Vec<Url> = dom
                .attr(i, "src")
                .and_then(|v| resolve(v, base))
                .into_iter()
                .collect();
            for child in i + 1..item.end as usize {
                if dom.items[child].tag == Tag::Source
                    && let Some(url) = dom.attr(child, "src").and_then(|v| resolve(v, base))
                {
                    found.push(url);
                }
            }
            found.truncate(1);
            found
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::*;

    fn base() -> Url {
        Url::parse("https://news.example/a/b.html").unwrap()
    }

    #[test]
    fn lazy_images_point_at_the_real_picture() {
        let html = Html::parse_document(
            "<img src=\"data:image/gif;base64,R0l\" data-src=\"/p/1.jpg\" alt=\" A  cat \">\
             <img srcset=\"s.jpg 320w, l.jpg 1280w, m.jpg 640w\">",
        );
        let dom = Dom::new(&html);
        let images: Vec<RawImage> = (0..dom.len())
            .filter(|&i| dom.items[i].tag == Tag::Img)
            .filter_map(|i| image(&dom, i, Some(&base())))
            .collect();
        assert_eq!(images[0].url.as_str(), "https://news.example/p/1.jpg");
        assert_eq!(images[0].alt.as_deref(), Some("A cat"));
        assert_eq!(images[1].url.as_str(), "https://news.example/a/l.jpg");
    }

    #[test]
    fn only_known_players_are_videos() {
        let html = Html::parse_document(
            "<iframe src=\"https://www.youtube-nocookie.com/embed/abc\"></iframe>\
             <iframe src=\"https://ads.example/embed/x\"></iframe>\
             <video><source src=\"/v.mp4\"></video>",
        );
        let dom = Dom::new(&html);
        let videos: Vec<String> = (0..dom.len())
            .flat_map(|i| video(&dom, i, Some(&base())))
            .map(String::from)
            .collect();
        assert_eq!(
            videos,
            [
                "https://www.youtube-nocookie.com/embed/abc",
                "https://news.example/v.mp4"
            ]
        );
    }
}
