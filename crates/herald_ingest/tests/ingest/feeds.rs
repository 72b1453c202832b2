//! The fixture feeds written for Herald, format by format.

use herald_ingest::{
    EncodingSource, FeedFormat, FeedMediaKind, IngestError, MediaOrigin, parse_feed,
};

use crate::support::{fixture, parse, url};

#[test]
fn a_vietnamese_rss_feed_gives_clean_items_with_media() {
    let feed = parse("rss2/tin_tuc_vi.xml", Some("application/rss+xml"), None);
    assert_eq!(feed.format, FeedFormat::Rss20);
    assert_eq!(feed.title.as_deref(), Some("Báo Sông Hồng – Thời sự"));
    assert_eq!(
        url(feed.link.as_ref()),
        "https://songhong.example.vn/thoi-su/"
    );
    assert_eq!(feed.language.as_ref().map(|l| l.as_str()), Some("vi-VN"));
    assert_eq!(feed.encoding.name, "UTF-8");
    assert_eq!(feed.encoding.decided_by, EncodingSource::XmlDeclaration);
    assert!(feed.is_well_formed(), "{:?}", feed.problems);
    assert_eq!(feed.items.len(), 3);

    let first = &feed.items[0];
    assert_eq!(first.id.as_deref(), Some("songhong-1201"));
    // Tracking parameters and the fragment are gone.
    assert_eq!(
        url(first.link.as_ref()),
        "https://songhong.example.vn/thoi-su/hoi-nghi-giai-ngan-von-dau-tu-cong-1201.html"
    );
    assert_eq!(
        first.published.map(|t| t.to_string()).as_deref(),
        Some("2024-06-04T02:15:00Z")
    );
    assert_eq!(first.authors, ["Nguyễn Thu Hà"]);
    assert_eq!(first.categories, ["Thời sự", "Kinh tế"]);
    assert!(
        first
            .summary
            .as_deref()
            .is_some_and(|s| s.starts_with("<p>Thủ tướng"))
    );
    // Content stays HTML as the outlet wrote it (the extractor sanitises later).
    assert!(
        first
            .content
            .as_deref()
            .is_some_and(|c| c.contains(r#"<img src="/anh/2024/06/hoi-nghi.jpg""#))
    );
    assert_eq!(
        url(first.content_base.as_ref()),
        "https://songhong.example.vn/thoi-su/"
    );
    assert_eq!(first.language.as_ref().map(|l| l.as_str()), Some("vi-VN"));
    let image = &first.media[0];
    assert_eq!(image.kind, FeedMediaKind::Image);
    assert_eq!(image.origin, MediaOrigin::MediaContent);
    assert_eq!(
        (image.width, image.height, image.size),
        (Some(1200), Some(800), Some(184_320))
    );
    assert_eq!(image.mime.as_deref(), Some("image/jpeg"));
    assert_eq!(image.title.as_deref(), Some("Hội nghị trực tuyến sáng 4/6"));
    assert_eq!(
        image.caption.as_deref(),
        Some("Quang cảnh hội nghị tại điểm cầu Hà Nội")
    );
    assert_eq!(image.credit.as_deref(), Some("Ảnh: Lê Minh"));

    let second = &feed.items[1];
    // A relative link resolves against the channel's link when no base is given.
    assert_eq!(
        url(second.link.as_ref()),
        "https://songhong.example.vn/thoi-su/mua-lon-gay-ngap-1202.html"
    );
    assert_eq!(second.authors, ["Trần Văn Bình"]);
    assert_eq!(
        second.published.map(|t| t.to_string()).as_deref(),
        Some("2024-06-04T07:05:00Z")
    );
    let videos: Vec<_> = second
        .media
        .iter()
        .filter(|m| m.kind == FeedMediaKind::Video)
        .collect();
    assert_eq!(videos.len(), 2);
    assert_eq!(videos[0].duration_secs, Some(95));
    assert_eq!((videos[0].width, videos[0].height), (Some(1280), Some(720)));
    assert_eq!(
        videos[0].title.as_deref(),
        Some("Phóng sự: phố ngập sau mưa")
    );
    assert_eq!(
        url(videos[0].thumbnail.as_ref()),
        "https://songhong.example.vn/video/ngap-pho-poster.jpg"
    );

    let third = &feed.items[2];
    assert_eq!(
        third.title.as_deref(),
        Some("Khai mạc Tuần Văn hoá – Du lịch & Ẩm thực")
    );
    assert_eq!(third.media[0].origin, MediaOrigin::Enclosure);
    assert_eq!(third.media[0].size, Some(92_160));
}

#[test]
fn relative_links_resolve_against_the_address_the_feed_came_from() {
    let feed = parse(
        "rss2/media_rss_en.xml",
        None,
        Some("https://wire.example.com/feeds/world.rss"),
    );
    assert_eq!(url(feed.link.as_ref()), "https://wire.example.com/world/");
    assert_eq!(feed.language.as_ref().map(|l| l.as_str()), Some("en-GB"));
    let item = &feed.items[0];
    assert_eq!(
        url(item.link.as_ref()),
        "https://wire.example.com/world/central-bank-holds-rates?ref=rss"
    );
    // Escaped HTML in <description> is the summary's HTML.
    assert_eq!(
        item.summary.as_deref(),
        Some(
            "<p>The central bank held its benchmark rate, citing stubborn services inflation.</p>"
        )
    );
    let urls: Vec<&str> = item.media.iter().map(|m| m.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://wire.example.com/media/bank-1600.jpg",
            "https://video.example.com/bank-briefing.m3u8",
            "https://wire.example.com/audio/bank-briefing.mp3",
        ]
    );
    let photo = &item.media[0];
    // The enclosure repeating the Media RSS image adds its size to it.
    assert_eq!(photo.size, Some(245_760));
    assert_eq!(
        photo.caption.as_deref(),
        Some("The bank's headquarters on Thursday")
    );
    assert_eq!(
        url(photo.thumbnail.as_ref()),
        "https://wire.example.com/media/bank-320.jpg"
    );
    assert_eq!(item.media[1].kind, FeedMediaKind::Video);
    assert_eq!(item.media[1].duration_secs, Some(312));
    assert_eq!(item.media[2].kind, FeedMediaKind::Audio);

    // No <link>: the permalink guid is the link; EDT is UTC−4.
    let second = &feed.items[1];
    assert_eq!(
        url(second.link.as_ref()),
        "https://wire.example.com/world/floods-close-passes"
    );
    assert_eq!(
        second.published.map(|t| t.to_string()).as_deref(),
        Some("2024-06-06T13:30:00Z")
    );
    assert_eq!(second.media[0].origin, MediaOrigin::MediaThumbnail);
    assert_eq!(second.media[0].kind, FeedMediaKind::Image);
}

#[test]
fn windows_1258_vietnamese_is_decoded_and_composed_to_nfc() {
    let feed = parse("rss2/windows_1258_vi.xml", None, None);
    assert_eq!(feed.encoding.name, "windows-1258");
    assert_eq!(feed.encoding.decided_by, EncodingSource::XmlDeclaration);
    assert_eq!(feed.title.as_deref(), Some("Báo Đồng Bằng – Tin tức"));
    let title = feed.items[0].title.as_deref().unwrap_or_default();
    assert_eq!(
        title,
        "Thủ tướng chủ trì hội nghị trực tuyến về giải ngân vốn đầu tư công"
    );
    // NFC: no combining tone mark is left.
    assert!(
        !title
            .chars()
            .any(|c| ('\u{0300}'..='\u{0323}').contains(&c))
    );
}

#[test]
fn windows_1258_without_a_label_is_detected() {
    let bytes = fixture("rss2/windows_1258_vi.xml");
    let unlabelled =
        String::from_utf8_lossy(&bytes[..60]).replace(" encoding=\"windows-1258\"", "");
    let mut stripped = unlabelled.into_bytes();
    stripped.extend_from_slice(&bytes[60..]);
    let base = url::Url::parse("https://dongbang.example.vn/rss").unwrap();
    let feed = parse_feed(&stripped, None, Some(&base)).unwrap();
    assert_eq!(feed.encoding.decided_by, EncodingSource::Detected);
    assert_eq!(feed.encoding.name, "windows-1258");
    assert_eq!(
        feed.items[2].title.as_deref(),
        Some("Nông dân miền Tây thu hoạch lúa hè thu sớm")
    );
}

#[test]
fn windows_1256_persian_is_detected_or_taken_from_the_http_charset() {
    let detected = parse(
        "rss2/windows_1256_fa.xml",
        Some("application/rss+xml"),
        None,
    );
    assert_eq!(detected.encoding.decided_by, EncodingSource::Detected);
    assert_eq!(detected.encoding.name, "windows-1256");
    let labelled = parse(
        "rss2/windows_1256_fa.xml",
        Some("application/rss+xml; charset=windows-1256"),
        None,
    );
    assert_eq!(labelled.encoding.decided_by, EncodingSource::HttpCharset);
    for feed in [&detected, &labelled] {
        // Written with the Arabic yeh, as windows-1256 requires; the ZWNJ survives.
        assert_eq!(
            feed.items[0].title.as_deref(),
            Some("ظرفيت نيروگاه\u{200C}هاي خورشيدي دو برابر مي\u{200C}شود")
        );
        assert_eq!(feed.language.as_ref().map(|l| l.as_str()), Some("fa"));
        assert_eq!(
            feed.items[0].published.map(|t| t.to_string()).as_deref(),
            Some("2024-06-05T05:00:00Z")
        );
    }
}

#[test]
fn koi8_r_is_read_from_the_xml_declaration() {
    let feed = parse("rss2/koi8r_ru.xml", None, None);
    assert_eq!(feed.encoding.name, "KOI8-R");
    assert_eq!(
        feed.items[0].title.as_deref(),
        Some("Открылась международная книжная ярмарка")
    );
}

#[test]
fn a_persian_atom_feed_resolves_xml_base_and_keeps_xhtml() {
    let feed = parse("atom/atom10_fa.xml", None, None);
    assert_eq!(feed.format, FeedFormat::Atom10);
    assert_eq!(feed.title.as_deref(), Some("خبرگزاری نمونه"));
    assert_eq!(feed.description.as_deref(), Some("تازه‌ترین خبرها"));
    assert_eq!(url(feed.link.as_ref()), "https://khabar.example.ir/");
    assert_eq!(feed.language.as_ref().map(|l| l.as_str()), Some("fa"));
    assert!(feed.is_well_formed(), "{:?}", feed.problems);

    let entry = &feed.items[0];
    // An HTML title becomes text; the ZWNJ survives.
    assert_eq!(
        entry.title.as_deref(),
        Some("نتیجه\u{200C}گیری نشست انرژی در تهران")
    );
    assert_eq!(
        url(entry.link.as_ref()),
        "https://khabar.example.ir/news/energy-4530?id=4530"
    );
    assert_eq!(entry.id.as_deref(), Some("tag:khabar.example.ir,2024:4530"));
    assert_eq!(entry.authors, ["مریم احمدی"]);
    assert_eq!(entry.categories, ["انرژی", "tehran"]);
    assert_eq!(
        entry.published.map(|t| t.to_string()).as_deref(),
        Some("2024-06-05T04:30:00Z")
    );
    assert_eq!(
        entry.updated.map(|t| t.to_string()).as_deref(),
        Some("2024-06-05T05:45:00Z")
    );
    // Plain-text summary is escaped into HTML.
    assert!(
        entry
            .summary
            .as_deref()
            .is_some_and(|s| s.contains("&amp; سرمایه"))
    );
    // XHTML content loses its wrapping div and keeps its markup; relative URLs inside it
    // resolve against the content's own xml:base.
    let content = entry.content.as_deref().unwrap_or_default();
    assert!(content.starts_with("<p>کارشناسان"), "{content}");
    assert!(content.contains(r#"<a href="grid">"#));
    assert!(content.contains(r#"<img src="img/grid.jpg" alt="شبکه">"#));
    assert_eq!(
        url(entry.content_base.as_ref()),
        "https://khabar.example.ir/news/"
    );
    assert_eq!(
        url(Some(&entry.media[0].url)),
        "https://khabar.example.ir/img/energy.jpg"
    );
    assert_eq!(entry.media[0].size, Some(120_000));
    assert_eq!(entry.language.as_ref().map(|l| l.as_str()), Some("fa"));

    let english = &feed.items[1];
    assert_eq!(english.language.as_ref().map(|l| l.as_str()), Some("en"));
    assert_eq!(
        english.content.as_deref(),
        Some("<p>Publishers reported higher sales.</p>")
    );
}

#[test]
fn atom_0_3_is_read_with_its_escaped_and_base64_modes() {
    let feed = parse("atom/atom03_en.xml", None, None);
    assert_eq!(feed.format, FeedFormat::Atom03);
    assert_eq!(feed.title.as_deref(), Some("Harbour & Town Notes"));
    assert_eq!(feed.description.as_deref(), Some("Local notes"));
    let entry = &feed.items[0];
    assert_eq!(
        url(entry.link.as_ref()),
        "https://notes.example.org/2024/06/ferry"
    );
    assert_eq!(
        entry.content.as_deref(),
        Some("<p>The summer timetable starts on <b>Monday</b>.</p>")
    );
    assert_eq!(
        entry.summary.as_deref(),
        Some("Summer timetable from Monday.")
    );
    assert_eq!(
        entry.published.map(|t| t.to_string()).as_deref(),
        Some("2024-06-01T08:00:00Z")
    );
    assert_eq!(entry.authors, ["Sam Quay"]);
    assert_eq!(entry.language.as_ref().map(|l| l.as_str()), Some("en"));
}

#[test]
fn json_feed_1_1_gives_items_attachments_and_languages() {
    let feed = parse(
        "jsonfeed/jsonfeed11_vi.json",
        Some("application/feed+json"),
        None,
    );
    assert_eq!(feed.format, FeedFormat::JsonFeed11);
    assert_eq!(feed.title.as_deref(), Some("Báo Sông Hồng – Video"));
    assert_eq!(feed.language.as_ref().map(|l| l.as_str()), Some("vi"));
    assert_eq!(feed.encoding.decided_by, EncodingSource::ValidUtf8);
    let first = &feed.items[0];
    assert_eq!(
        url(first.link.as_ref()),
        "https://songhong.example.vn/video/cau-moi-thong-xe-301.html"
    );
    assert_eq!(first.authors, ["Ban Video"]);
    assert_eq!(first.categories, ["Giao thông", "Hạ tầng"]);
    assert_eq!(
        first.summary.as_deref(),
        Some("Cầu mới thông xe sớm hơn kế hoạch &amp; tiết kiệm chi phí.")
    );
    assert_eq!(first.media[0].origin, MediaOrigin::JsonImage);
    assert_eq!(
        url(Some(&first.media[0].url)),
        "https://songhong.example.vn/anh/cau-moi.jpg"
    );
    let video = &first.media[1];
    assert_eq!(video.kind, FeedMediaKind::Video);
    assert_eq!(
        (video.size, video.duration_secs),
        (Some(20_971_520), Some(128))
    );
    assert_eq!(
        first.updated.map(|t| t.to_string()).as_deref(),
        Some("2024-06-03T02:30:00Z")
    );
    let second = &feed.items[1];
    assert_eq!(second.id.as_deref(), Some("302"));
    assert_eq!(
        second.published, None,
        "an unreadable date is None, not an error"
    );
    assert_eq!(second.language.as_ref().map(|l| l.as_str()), Some("en"));
    assert_eq!(
        second.content.as_deref(),
        Some("<p>Hơn 20 đội thuyền tham gia.</p><p>Khán giả đứng kín hai bờ sông.</p>")
    );
    assert_eq!(second.authors, ["Phạm An"]);
}

#[test]
fn json_feed_1_0_uses_the_external_url_and_the_feed_author() {
    let feed = parse("jsonfeed/jsonfeed10_en.json", None, None);
    assert_eq!(feed.format, FeedFormat::JsonFeed10);
    let item = &feed.items[0];
    assert_eq!(url(item.link.as_ref()), "https://wire.example.com/briefs/1");
    assert_eq!(item.authors, ["Example Wire"]);
    assert_eq!(
        item.content.as_deref(),
        Some("A brief written for Herald's tests.")
    );
}

#[test]
fn rss_1_0_reads_dublin_core_and_content_encoded() {
    let feed = parse("rss1/rss10_en.rdf", None, None);
    assert_eq!(feed.format, FeedFormat::Rss10);
    assert_eq!(feed.title.as_deref(), Some("Council News"));
    assert_eq!(feed.language.as_ref().map(|l| l.as_str()), Some("en"));
    let item = &feed.items[0];
    assert_eq!(
        item.id.as_deref(),
        Some("https://council.example.org/news/budget")
    );
    assert_eq!(item.authors, ["Clerk's Office"]);
    assert_eq!(item.categories, ["Budget"]);
    assert_eq!(
        item.published.map(|t| t.to_string()).as_deref(),
        Some("2024-05-30T18:45:00Z")
    );
    assert_eq!(
        item.content.as_deref(),
        Some("<p>The council approved next year's budget by 14 votes to 3.</p>")
    );
}

#[test]
fn a_feed_cut_short_keeps_its_complete_items_and_says_so() {
    let feed = parse("broken/truncated.xml", None, None);
    let titles: Vec<_> = feed
        .items
        .iter()
        .filter_map(|i| i.title.as_deref())
        .collect();
    assert_eq!(titles, ["Tin thứ nhất", "Tin thứ hai"]);
    assert!(!feed.is_well_formed());
    assert!(
        feed.problems.iter().any(|p| p.contains("cut short")),
        "{:?}",
        feed.problems
    );
}

#[test]
fn a_feed_cut_short_before_any_item_is_a_parse_error_with_a_reason() {
    let err = parse_feed(&fixture("broken/truncated_early.xml"), None, None).unwrap_err();
    let IngestError::Parse { reason } = &err else {
        panic!("expected a parse error, got {err:?}");
    };
    assert!(reason.contains("cut short"), "{reason}");
}

#[test]
fn the_billion_laughs_entity_block_is_never_expanded() {
    let started = std::time::Instant::now();
    let feed = parse("broken/billion_laughs.xml", None, None);
    assert!(started.elapsed().as_secs() < 5);
    assert_eq!(feed.title.as_deref(), Some("Laughs &lol9;"));
    // The external entity is not fetched or read either.
    assert_eq!(feed.items[0].title.as_deref(), Some("Secret: &xxe;"));
    assert!(
        feed.items[0]
            .summary
            .as_deref()
            .is_some_and(|s| s.len() < 100)
    );
    assert!(feed.problems.iter().any(|p| p.contains("&lol9;")));
}

#[test]
fn bytes_that_are_not_the_declared_utf8_are_replaced_and_reported() {
    let feed = parse("broken/bad_encoding.xml", None, None);
    assert_eq!(feed.encoding.name, "UTF-8");
    assert_eq!(feed.title.as_deref(), Some("Café Gazette"));
    assert!(
        feed.items[0]
            .summary
            .as_deref()
            .is_some_and(|s| s.contains('\u{FFFD}'))
    );
    assert!(
        feed.problems.iter().any(|p| p.contains("not valid UTF-8")),
        "{:?}",
        feed.problems
    );
}

#[test]
fn unclosed_tags_and_bare_ampersands_are_repaired_and_reported() {
    let feed = parse("broken/mismatched_tags.xml", None, None);
    assert_eq!(feed.title.as_deref(), Some("Town & Gown"));
    assert_eq!(feed.items.len(), 2);
    let item = &feed.items[0];
    assert_eq!(item.title.as_deref(), Some("Café opens on Main Street"));
    assert_eq!(
        url(item.link.as_ref()),
        "https://town.example.org/cafe?a=1&b=2"
    );
    assert_eq!(item.authors, ["R. Writer"]);
    assert!(feed.problems.len() >= 3, "{:?}", feed.problems);
}

#[test]
fn an_html_page_is_not_a_feed() {
    let err = parse_feed(&fixture("broken/not_a_feed.html"), Some("text/html"), None).unwrap_err();
    assert!(err.to_string().contains("HTML page"), "{err}");
}

#[test]
fn an_unknown_json_feed_version_is_refused_with_a_reason() {
    let err = parse_feed(&fixture("broken/unsupported_json.json"), None, None).unwrap_err();
    assert!(
        err.to_string().contains("unsupported JSON Feed version"),
        "{err}"
    );
}

#[test]
fn an_rss_ttl_says_how_long_to_wait_before_polling_again() {
    let feed = |ttl: &str| {
        let xml = format!(
            "<rss version=\"2.0\"><channel><title>T</title><link>https://a.example/</link>\
             <ttl>{ttl}</ttl></channel></rss>"
        );
        parse_feed(xml.as_bytes(), None, None).expect("a valid feed")
    };
    assert_eq!(feed("30").ttl, Some(std::time::Duration::from_secs(1800)));
    assert_eq!(feed("0").ttl, None);
    assert_eq!(feed("soon").ttl, None);
    assert_eq!(
        feed("99999999999").ttl,
        Some(std::time::Duration::from_secs(7 * 24 * 3600))
    );
}
