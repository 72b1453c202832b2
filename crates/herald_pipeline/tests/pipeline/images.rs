//! Pictures from feeds: fetched once, checked by their bytes, kept with resized copies in the
//! media folder and attached to their articles with caption and credit.

use std::io::Cursor;

use axum::http::StatusCode;
use herald_domain::{Article, ArticleId, Job, JobState, Media, MediaKind, Trust};
use herald_pipeline::{Outcome, Ran};

use crate::harness::{Harness, lang};

/// An RSS feed of full-text items, each with an enclosure: `(slug, title, picture path,
/// picture type)`.
fn feed(items: &[(&str, &str, &str, &str)]) -> Vec<u8> {
    let mut rss = String::from(
        r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Wire</title><link>{base}/wire/</link><language>en</language>
"#,
    );
    for (n, (slug, title, picture, kind)) in items.iter().enumerate() {
        rss.push_str(&format!(
            r#"<item><title>{title}</title><link>{{base}}/wire/{slug}.html</link>
<guid>{{base}}/wire/{slug}.html</guid>
<pubDate>Tue, 24 Nov 2026 0{n}:00:00 GMT</pubDate>
<description>{title}, in brief.</description>
<content:encoded><![CDATA[<p>{title}. Story number {n} of the wire, told in full with words of its own: {slug}.</p>]]></content:encoded>
<enclosure url="{{base}}{picture}" type="{kind}" length="1000"/>
</item>
"#
        ));
    }
    rss.push_str("</channel></rss>\n");
    rss.into_bytes()
}

/// A JPEG of `width` × `height` with a gradient, so it is not trivially compressible.
fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([
            u8::try_from(x % 256).unwrap(),
            u8::try_from(y % 256).unwrap(),
            u8::try_from((x + y) % 256).unwrap(),
        ])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Jpeg)
        .unwrap();
    out
}

/// A PNG whose header announces `width` × `height` (8-bit RGBA), with a few bytes of data.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFF_u32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut header = width.to_be_bytes().to_vec();
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [
        (&b"IHDR"[..], &header[..]),
        (b"IDAT", &[0x78, 0x9C, 0x63, 0x60, 0x00, 0x00]),
        (b"IEND", &[]),
    ] {
        let mut chunk = kind.to_vec();
        chunk.extend_from_slice(data);
        bytes.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
        bytes.extend_from_slice(&chunk);
        bytes.extend_from_slice(&crc32(&chunk).to_be_bytes());
    }
    bytes
}

impl Harness {
    async fn article_at(&self, path: &str) -> Article {
        let id = self
            .store
            .article_by_source_url(self.url(path).as_str())
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{path} is stored"));
        self.store.article(id).await.unwrap().unwrap()
    }

    async fn lead_of(&self, path: &str) -> Media {
        let article = self.article_at(path).await;
        let id = article.lead_image.expect("a lead image");
        assert!(article.media.contains(&id), "{:?}", article.media);
        self.store.media(&[id]).await.unwrap().pop().unwrap()
    }

    /// Serves a feed of `items` at `/wire/rss.xml` and polls it as an English source.
    async fn poll_wire(&self, items: &[(&str, &str, &str, &str)]) -> Vec<Ran> {
        self.newsroom
            .put("/wire/rss.xml", "application/rss+xml", &feed(items));
        let wire = self
            .source("wire", "en", Trust::Auto, &["/wire/rss.xml"])
            .await;
        self.poll(&[wire]).await;
        self.drain().await
    }

    /// The folders of pictures kept under `ingest/`.
    fn kept_folders(&self) -> Vec<String> {
        match std::fs::read_dir(self.media_dir.join("ingest")) {
            Ok(entries) => entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect(),
            Err(_) => Vec::new(),
        }
    }
}

fn image_parts(media: &Media) -> (&str, &str, u32, u32, &[herald_domain::ImageVariant]) {
    match &media.kind {
        MediaKind::Image {
            path,
            mime,
            width,
            height,
            variants,
        } => (path, mime, *width, *height, variants),
        MediaKind::Video { .. } => panic!("a video: {media:?}"),
    }
}

fn image_jobs(ran: &[Ran]) -> Vec<&Ran> {
    ran.iter()
        .filter(|r| {
            let job = match r {
                Ran::Done { job, .. }
                | Ran::Retrying { job, .. }
                | Ran::DeadLettered { job, .. }
                | Ran::LostLease { job } => job,
            };
            matches!(job.job, Job::FetchImage { .. })
        })
        .collect()
}

#[tokio::test]
async fn an_enclosure_becomes_the_lead_image_of_its_article_with_its_file_on_disk() {
    let h = Harness::start().await;
    let sources = h.newsroom_sources().await;
    h.poll(&sources).await;
    let ran = h.drain().await;
    let queued: u32 = ran
        .iter()
        .filter_map(|r| match r {
            Ran::Done {
                outcome: Outcome::Polled(s),
                ..
            } => Some(s.images_queued),
            _ => None,
        })
        .sum();
    assert_eq!(
        queued, 2,
        "in the whole newsroom, Sông Hồng's enclosure and Lotus's media:content"
    );
    assert!(dead_images(&ran).is_empty(), "{ran:?}");

    let bridge = "/song-hong/bai/cau-hoa-my-thong-xe.html";
    let media = h.lead_of(bridge).await;
    let (path, mime, width, height, variants) = image_parts(&media);
    assert!(
        media.key.starts_with("remote-") && media.key.len() == 39,
        "{}",
        media.key
    );
    assert_eq!(path, format!("ingest/{}/original.jpg", media.key));
    assert_eq!((mime, width, height), ("image/jpeg", 4, 4));
    assert!(variants.is_empty(), "no copy is wider than 4 pixels");
    let on_disk = std::fs::read(h.media_dir.join(path)).unwrap();
    assert_eq!(
        on_disk,
        crate::newsroom::read_fixture(std::path::Path::new("song-hong/img/cau-moi.jpg"))
    );
    assert_eq!(media.rights, None);
    assert_eq!(h.newsroom.hits("/song-hong/img/cau-moi.jpg"), 1);

    // The other items had no picture.
    let rice = h.article_at("/song-hong/bai/thu-hoach-lua-mua.html").await;
    assert_eq!((rice.lead_image, rice.media.len()), (None, 0));
}

#[tokio::test]
async fn a_media_rss_picture_keeps_its_caption_and_credit_in_the_articles_language() {
    let h = Harness::start().await;
    let sources = h.newsroom_sources().await;
    h.poll(&sources[1..2]).await;
    h.drain().await;
    let media = h
        .lead_of("/lotus/stories/2026/11/22/valdoria-embassy-evening.html")
        .await;
    let en = lang("en");
    assert_eq!(
        media.caption.get(&en).map(String::as_str),
        Some(
            "A string quartet from Valdoria performs at the Ben Lua Opera House on Sunday evening."
        )
    );
    assert_eq!(
        media.credit.get(&en).map(String::as_str),
        Some("Lotus Daily / Tomas Berg")
    );
    assert_eq!(media.credit.languages().count(), 1, "only in English");
    let (path, _, width, height, _) = image_parts(&media);
    assert_eq!((width, height), (4, 4));
    assert!(h.media_dir.join(path).is_file());
}

#[tokio::test]
async fn a_large_picture_gets_copies_480_and_960_pixels_wide() {
    let h = Harness::start().await;
    h.newsroom
        .put("/wire/img/harbour.jpg", "image/jpeg", &jpeg(1200, 675));
    let ran = h
        .poll_wire(&[(
            "harbour",
            "Harbour cranes arrive",
            "/wire/img/harbour.jpg",
            "image/jpeg",
        )])
        .await;
    assert!(
        image_jobs(&ran).iter().all(|r| matches!(
            r,
            Ran::Done {
                outcome: Outcome::ImageSaved { fetched: true, .. },
                ..
            }
        )),
        "{ran:?}"
    );
    let media = h.lead_of("/wire/harbour.html").await;
    let (path, mime, width, height, variants) = image_parts(&media);
    assert_eq!((mime, width, height), ("image/jpeg", 1200, 675));
    assert!(h.media_dir.join(path).is_file());
    let sizes: Vec<(u32, u32)> = variants.iter().map(|v| (v.width, v.height)).collect();
    assert_eq!(sizes, [(480, 270), (960, 540)]);
    for variant in variants {
        assert!(
            variant.path.starts_with(&format!("ingest/{}/", media.key)),
            "{}",
            variant.path
        );
        let copy = image::open(h.media_dir.join(&variant.path)).unwrap();
        assert_eq!(
            (copy.width(), copy.height()),
            (variant.width, variant.height)
        );
    }
}

#[tokio::test]
async fn a_picture_used_by_two_articles_is_fetched_and_stored_once() {
    let h = Harness::start().await;
    h.newsroom
        .put("/wire/img/shared.png", "image/png", &png_with_pixels());
    let ran = h
        .poll_wire(&[
            (
                "ferry",
                "Night ferry resumes",
                "/wire/img/shared.png",
                "image/png",
            ),
            (
                "market",
                "Floating market reopens",
                "/wire/img/shared.png",
                "image/png",
            ),
        ])
        .await;
    let first = h.lead_of("/wire/ferry.html").await;
    let second = h.lead_of("/wire/market.html").await;
    assert_eq!(first.id, second.id, "one media item");
    assert_eq!(image_parts(&first).1, "image/png");
    assert_eq!(h.newsroom.hits("/wire/img/shared.png"), 1);
    assert_eq!(h.kept_folders(), std::slice::from_ref(&first.key));
    let fetched: Vec<bool> = image_jobs(&ran)
        .iter()
        .filter_map(|r| match r {
            Ran::Done {
                outcome: Outcome::ImageSaved { fetched, .. },
                ..
            } => Some(*fetched),
            _ => None,
        })
        .collect();
    assert_eq!(fetched, [true, false], "{ran:?}");
}

/// A small real PNG.
fn png_with_pixels() -> Vec<u8> {
    let picture = image::RgbaImage::from_fn(64, 48, |x, y| {
        image::Rgba([
            u8::try_from(x * 4).unwrap(),
            u8::try_from(y * 5).unwrap(),
            90,
            255,
        ])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgba8(picture)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// The image jobs that were dead-lettered, with their errors.
fn dead_images(ran: &[Ran]) -> Vec<(ArticleId, u32, String)> {
    image_jobs(ran)
        .into_iter()
        .filter_map(|r| match r {
            Ran::DeadLettered { job, error } => match &job.job {
                Job::FetchImage { article, .. } => Some((*article, job.attempts, error.clone())),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn an_html_page_served_as_a_jpeg_is_refused_as_not_a_picture_and_dead_lettered() {
    let h = Harness::start().await;
    h.newsroom.put(
        "/wire/img/gone.jpg",
        "image/jpeg",
        b"<!doctype html><html><head><title>Page not found</title></head><body>Sorry</body></html>",
    );
    let ran = h
        .poll_wire(&[(
            "gone",
            "Old lighthouse restored",
            "/wire/img/gone.jpg",
            "image/jpeg",
        )])
        .await;
    let dead = dead_images(&ran);
    assert_eq!(dead.len(), 1, "{ran:?}");
    let (article, attempts, error) = &dead[0];
    assert_eq!(*attempts, 1, "refused for good, not retried");
    assert!(
        error.contains("not a picture") && error.contains("served as image/jpeg"),
        "{error}"
    );
    assert!(
        error.contains("/wire/img/gone.jpg"),
        "names the picture: {error}"
    );
    let stored = h.store.article(*article).await.unwrap().unwrap();
    assert_eq!((stored.lead_image, stored.media.len()), (None, 0));
    assert!(h.kept_folders().is_empty(), "{:?}", h.kept_folders());
}

#[tokio::test]
async fn a_png_claiming_100000_by_100000_pixels_is_refused_from_its_header() {
    let h = Harness::start().await;
    h.newsroom.put(
        "/wire/img/bomb.png",
        "image/png",
        &png_claiming(100_000, 100_000),
    );
    let started = std::time::Instant::now();
    let ran = h
        .poll_wire(&[(
            "bomb",
            "Customs seize counterfeit lanterns",
            "/wire/img/bomb.png",
            "image/png",
        )])
        .await;
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    let dead = dead_images(&ran);
    assert_eq!(dead.len(), 1, "{ran:?}");
    let (_, attempts, error) = &dead[0];
    assert_eq!(*attempts, 1);
    // Refused for its announced size, not for its missing pixel data: the 40 GB it claims
    // were never decoded (nor allocated).
    assert!(error.contains("100000×100000 pixels"), "{error}");
    assert!(h.kept_folders().is_empty());
}

#[tokio::test]
async fn a_picture_the_outlet_cannot_serve_now_is_retried() {
    let h = Harness::start().await;
    h.newsroom
        .put("/wire/img/busy.jpg", "image/jpeg", &jpeg(16, 16));
    h.newsroom.change("/wire/img/busy.jpg", |s| {
        s.status = StatusCode::SERVICE_UNAVAILABLE;
    });
    let ran = h
        .poll_wire(&[(
            "busy",
            "Rain delays the regatta",
            "/wire/img/busy.jpg",
            "image/jpeg",
        )])
        .await;
    let retrying: Vec<_> = image_jobs(&ran)
        .into_iter()
        .filter_map(|r| match r {
            Ran::Retrying { job, error } => Some((job.id, error.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(retrying.len(), 1, "{ran:?}");
    assert!(retrying[0].1.contains("503"), "{}", retrying[0].1);
    let record = h.store.job(retrying[0].0).await.unwrap().unwrap();
    assert_eq!(record.state, JobState::Queued);

    // The outlet recovers: the retry keeps the picture.
    h.newsroom
        .change("/wire/img/busy.jpg", |s| s.status = StatusCode::OK);
    h.clock.advance(std::time::Duration::from_secs(3600));
    h.drain().await;
    let media = h.lead_of("/wire/busy.html").await;
    assert_eq!(image_parts(&media).2, 16);
}

#[tokio::test]
async fn without_a_media_folder_no_picture_is_fetched() {
    let h = Harness::start_without_media().await;
    let sources = h.newsroom_sources().await;
    h.poll(&sources[..2]).await;
    let ran = h.drain().await;
    assert!(image_jobs(&ran).is_empty(), "{ran:?}");
    assert_eq!(h.newsroom.hits("/song-hong/img/cau-moi.jpg"), 0);
    assert_eq!(h.newsroom.hits("/lotus/img/embassy-evening.jpg"), 0);
    let bridge = h
        .article_at("/song-hong/bai/cau-hoa-my-thong-xe.html")
        .await;
    assert_eq!((bridge.lead_image, bridge.media.len()), (None, 0));
    assert!(h.kept_folders().is_empty());
}
