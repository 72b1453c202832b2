//! A small newsroom built through the `Store` API on a temporary SQLite database, with fixed
//! times so that pages render the same on every run.
//!
//! Vietnamese originals with English and Persian versions (and Arabic for two), one English
//! original with no Persian version, a sub-section, a topic with several articles and one with
//! a single article, an image with alt text, caption and credit in three languages and resized
//! copies, one withdrawn version, a video file with a poster and subtitles in four languages
//! placed in an article's body, and a video embed carried by another. Every taxonomy term is
//! named in all ten interface locales; articles exist in four content languages.
//!
//! [`newsroom`] serves it in vi, en and fa with the default content fallback (vi);
//! [`newsroom_with`] in any locales, with any settings.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use herald_domain::{
    ArticleId, ArticleKind, AuthorId, CanonicalPolicy, CategoryId, Clock, EditorialState,
    ImageVariant, Language, Localized, MediaId, MediaKind, NewArticle, Origin, PlaceId, PlaceKind,
    Provenance, Region, SiteTimeZone, SourceId, TagId, Timestamp, TopicId, Trust, VersionText,
    VideoSource,
};
use herald_i18n::Messages;
use herald_store::{
    NewAuthor, NewCategory, NewMedia, NewPlace, NewSource, NewTerm, Store, VersionDraft,
};
use herald_store_sqlx::SqlStore;
use herald_web::{AppState, SiteSecret, WebSettings};
use tempfile::TempDir;
use url::Url;

/// The site's secret key.
const SECRET: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

/// The fixed "now" of the fixture's clock.
const NOW: &str = "2026-12-01T00:00:00Z";

/// The fixture's clock: [`NOW`] until a test moves it on.
pub(crate) struct TestClock(AtomicI64);

impl TestClock {
    /// Moves the time on by `seconds`.
    pub(crate) fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds * 1_000_000, Ordering::SeqCst);
    }
}

impl Clock for TestClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_microsecond(self.0.load(Ordering::SeqCst)).unwrap()
    }
}

pub(crate) fn lang(tag: &str) -> Language {
    Language::parse(tag).unwrap()
}

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn texts(vi: &str, en: &str, fa: &str) -> Localized<String> {
    [(lang("vi"), vi), (lang("en"), en), (lang("fa"), fa)]
        .into_iter()
        .map(|(l, s)| (l, s.to_owned()))
        .collect()
}

/// [`texts`] and an Arabic one.
fn texts_ar(vi: &str, en: &str, fa: &str, ar: &str) -> Localized<String> {
    let mut all = texts(vi, en, fa);
    all.insert(lang("ar"), ar.to_owned());
    all
}

/// The ten interface locales, in the order [`names`] takes their values.
pub(crate) const LOCALES: [&str; 10] = [
    "vi", "en", "fa", "ar", "fr", "zh-Hans", "ru", "es", "de", "ja",
];

/// A name in each of the ten locales, in the order of [`LOCALES`].
fn names(values: [&str; 10]) -> Localized<String> {
    LOCALES
        .iter()
        .zip(values)
        .map(|(tag, value)| (lang(tag), value.to_owned()))
        .collect()
}

fn term(key: &str, values: [&str; 10]) -> NewTerm {
    NewTerm {
        key: key.to_owned(),
        names: names(values),
        descriptions: Localized::new(),
    }
}

/// The ids the tests refer to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ids {
    /// A top-level section.
    pub(crate) culture: CategoryId,
    /// A sub-section of `culture`.
    pub(crate) heritage: CategoryId,
    /// A topic with several articles.
    pub(crate) tet: TopicId,
    /// An author of several articles.
    pub(crate) lan: AuthorId,
    /// A province.
    pub(crate) hue: PlaceId,
    /// The Vietnamese outlet.
    pub(crate) nhan_dan: SourceId,
    pub(crate) lanterns: TagId,
    /// Vietnamese original with en and fa versions, featured, lead image, a body figure.
    pub(crate) lanterns_article: ArticleId,
    /// Vietnamese original, en machine, fa reviewed.
    pub(crate) lantern_makers: ArticleId,
    /// Vietnamese original alone on its topic, section (in fa) and author.
    pub(crate) coffee_article: ArticleId,
    /// English original with a vi version and no fa version.
    pub(crate) english_article: ArticleId,
    /// Vietnamese original whose en version was withdrawn.
    pub(crate) withdrawn: ArticleId,
    /// Vietnamese only.
    pub(crate) vi_only: ArticleId,
    /// Vietnamese original with en, fa and ar versions, its body placing a video file.
    pub(crate) video_article: ArticleId,
    /// English original with a vi version, carrying a video embed its body does not place.
    pub(crate) embed_article: ArticleId,
    /// English original alone.
    pub(crate) en_only: ArticleId,
}

/// A newsroom on a temporary database, and the site's state over it.
pub(crate) struct Newsroom {
    pub(crate) store: Arc<SqlStore>,
    pub(crate) state: AppState,
    pub(crate) ids: Ids,
    /// The clock of the store and the site.
    pub(crate) clock: Arc<TestClock>,
    _dir: TempDir,
}

impl Newsroom {
    pub(crate) fn router(&self) -> axum::Router {
        herald_web::router(self.state.clone())
    }
}

/// The newsroom in vi, en and fa, with the default settings but for a small page size.
pub(crate) async fn newsroom() -> Newsroom {
    newsroom_with(&["vi", "en", "fa"], |_| {}).await
}

/// The newsroom in `locales` (the first is the default language), its settings changed by
/// `configure` before they are checked.
pub(crate) async fn newsroom_with(
    locales: &[&str],
    configure: impl FnOnce(&mut WebSettings),
) -> Newsroom {
    let dir = tempfile::tempdir().unwrap();
    let media_dir = dir.path().join("media");
    std::fs::create_dir_all(media_dir.join("images")).unwrap();
    std::fs::create_dir_all(media_dir.join("videos")).unwrap();
    for (file, bytes) in [
        ("images/hue-lanterns.jpg", &b"not really a jpeg"[..]),
        ("images/hue-lanterns-480.jpg", b"a smaller copy"),
        ("images/hue-lanterns-960.jpg", b"a larger copy"),
        ("videos/lantern-night.webm", b"not really a video"),
        (
            "videos/lantern-night.vi.vtt",
            "WEBVTT\n\n00:00.000 --> 00:04.000\nĐèn lồng thắp sáng bờ sông Hương.\n".as_bytes(),
        ),
        (
            "videos/lantern-night.fa.vtt",
            "WEBVTT\n\n00:00.000 --> 00:04.000\nفانوس‌ها کنار رود عطر روشن می‌شوند.\n".as_bytes(),
        ),
        (
            "videos/lantern-night.en.vtt",
            b"WEBVTT\n\n00:00.000 --> 00:04.000\nLanterns light up the Perfume River.\n",
        ),
        (
            "videos/lantern-night.ar.vtt",
            "WEBVTT\n\n00:00.000 --> 00:04.000\nالفوانيس تضيء نهر العطور.\n".as_bytes(),
        ),
    ] {
        std::fs::write(media_dir.join(file), bytes).unwrap();
    }
    let clock = Arc::new(TestClock(AtomicI64::new(at(NOW).as_microsecond())));
    let store = Arc::new(
        SqlStore::open_sqlite_file(&dir.path().join("t.db"), clock.clone())
            .await
            .unwrap(),
    );
    let ids = fill(store.as_ref()).await;

    let languages: Vec<Language> = locales.iter().map(|tag| lang(tag)).collect();
    let mut settings = WebSettings::new(
        "Herald News",
        Url::parse("https://news.example/").unwrap(),
        languages.clone(),
        languages[0].clone(),
    );
    settings.time_zone = SiteTimeZone::parse("Asia/Ho_Chi_Minh").unwrap();
    settings.page_size = 3;
    settings.media_dir = media_dir;
    settings.max_uri_length = 2048;
    settings.max_query_length = 1024;
    // A fixed key, so that comment forms render the same on every run.
    settings.secret = SiteSecret::from_hex(SECRET).unwrap();
    configure(&mut settings);
    let messages = Messages::load(&settings.languages).unwrap();
    settings.validate().unwrap();
    let state = AppState::new(store.clone(), messages, settings).with_clock(clock.clone());
    Newsroom {
        store,
        clock,
        state,
        ids,
        _dir: dir,
    }
}

async fn fill(store: &dyn Store) -> Ids {
    let source = |key: &str, names: Localized<String>, language: &str, credit: &str| NewSource {
        key: key.to_owned(),
        names,
        descriptions: Localized::new(),
        home_url: Url::parse(&format!("https://{key}.example/")).unwrap(),
        feeds: Vec::new(),
        language: lang(language),
        region: Region::Central,
        trust: Trust::Auto,
        licence: "by agreement".to_owned(),
        credit: credit.to_owned(),
        canonical: CanonicalPolicy::Original,
        poll_interval_secs: 900,
    };
    let nhan_dan = store
        .create_source(source(
            "nhandan",
            names([
                "Báo Nhân Dân",
                "Nhan Dan",
                "نهان دان",
                "صحيفة نهان دان",
                "Nhân Dân",
                "人民报",
                "Нянзан",
                "Nhan Dan",
                "Nhan Dan",
                "ニャンザン紙",
            ]),
            "vi",
            "Nhân Dân",
        ))
        .await
        .unwrap()
        .id;
    let saigon = store
        .create_source(source(
            "saigonherald",
            // The brand keeps its Latin name in Arabic, as brands often do.
            names([
                "Saigon Herald",
                "Saigon Herald",
                "سایگون هرالد",
                "Saigon Herald",
                "Saigon Herald",
                "西贡先驱报",
                "Сайгон Геральд",
                "Saigon Herald",
                "Saigon Herald",
                "サイゴン・ヘラルド",
            ]),
            "en",
            "Saigon Herald",
        ))
        .await
        .unwrap()
        .id;

    let category = |term: NewTerm, parent: Option<CategoryId>, position: i32| NewCategory {
        term,
        parent,
        position,
    };
    let mut culture_term = term(
        "culture",
        [
            "Văn hóa",
            "Culture",
            "فرهنگ",
            "ثقافة",
            "Culture",
            "文化",
            "Культура",
            "Cultura",
            "Kultur",
            "文化",
        ],
    );
    culture_term.descriptions = texts(
        "Đời sống văn hóa khắp Việt Nam.",
        "Cultural life across Vietnam.",
        "زندگی فرهنگی در سراسر ویتنام.",
    );
    let culture = store
        .create_category(category(culture_term, None, 1))
        .await
        .unwrap()
        .id;
    let heritage = store
        .create_category(category(
            term(
                "heritage",
                [
                    "Di sản",
                    "Heritage",
                    "میراث",
                    "تراث",
                    "Patrimoine",
                    "遗产",
                    "Наследие",
                    "Patrimonio",
                    "Kulturerbe",
                    "遺産",
                ],
            ),
            Some(culture),
            1,
        ))
        .await
        .unwrap()
        .id;
    let business = store
        .create_category(category(
            term(
                "business",
                [
                    "Kinh tế",
                    "Business",
                    "اقتصاد",
                    "اقتصاد",
                    "Économie",
                    "经济",
                    "Экономика",
                    "Economía",
                    "Wirtschaft",
                    "経済",
                ],
            ),
            None,
            2,
        ))
        .await
        .unwrap()
        .id;
    // A section with no article at all: in no menu, and no block on the home page.
    store
        .create_category(category(
            term(
                "politics",
                [
                    "Chính trị",
                    "Politics",
                    "سیاست",
                    "سياسة",
                    "Politique",
                    "政治",
                    "Политика",
                    "Política",
                    "Politik",
                    "政治",
                ],
            ),
            None,
            3,
        ))
        .await
        .unwrap();

    let tet = store
        .create_topic(term(
            "tet-2027",
            [
                "Tết 2027",
                "Tet 2027",
                "تت ۲۰۲۷",
                "تيت 2027",
                "Têt 2027",
                "2027年春节",
                "Тет 2027",
                "Tet 2027",
                "Tet 2027",
                "2027年テト",
            ],
        ))
        .await
        .unwrap()
        .id;
    let coffee = store
        .create_topic(term(
            "coffee-harvest",
            [
                "Mùa cà phê",
                "Coffee harvest",
                "برداشت قهوه",
                "حصاد البن",
                "Récolte du café",
                "咖啡收获季",
                "Сбор кофе",
                "Cosecha del café",
                "Kaffeeernte",
                "コーヒーの収穫",
            ],
        ))
        .await
        .unwrap()
        .id;
    let author = |term: NewTerm, source: SourceId| NewAuthor {
        term,
        source: Some(source),
    };
    let lan = store
        .create_author(author(
            term(
                "lan",
                [
                    "Nguyễn Thị Lan",
                    "Nguyen Thi Lan",
                    "نگوین تی لان",
                    "نغوين ثي لان",
                    "Nguyen Thi Lan",
                    "阮氏兰",
                    "Нгуен Тхи Лан",
                    "Nguyen Thi Lan",
                    "Nguyen Thi Lan",
                    "グエン・ティ・ラン",
                ],
            ),
            nhan_dan,
        ))
        .await
        .unwrap()
        .id;
    let minh = store
        .create_author(author(
            term(
                "minh",
                [
                    "Trần Văn Minh",
                    "Tran Van Minh",
                    "تران وان مین",
                    "تران فان مينه",
                    "Tran Van Minh",
                    "陈文明",
                    "Чан Ван Минь",
                    "Tran Van Minh",
                    "Tran Van Minh",
                    "チャン・ヴァン・ミン",
                ],
            ),
            nhan_dan,
        ))
        .await
        .unwrap()
        .id;
    let john = store
        .create_author(author(
            term(
                "john",
                [
                    "John Carter",
                    "John Carter",
                    "جان کارتر",
                    "جون كارتر",
                    "John Carter",
                    "约翰·卡特",
                    "Джон Картер",
                    "John Carter",
                    "John Carter",
                    "ジョン・カーター",
                ],
            ),
            saigon,
        ))
        .await
        .unwrap()
        .id;
    let hue = store
        .create_place(NewPlace {
            term: term(
                "hue",
                [
                    "Huế", "Hue", "هوئه", "هوي", "Hué", "顺化", "Хюэ", "Hue", "Hue", "フエ",
                ],
            ),
            kind: PlaceKind::Province,
            parent: None,
        })
        .await
        .unwrap()
        .id;
    let lanterns = store
        .create_tag(term(
            "lanterns",
            [
                "Đèn lồng",
                "Lanterns",
                "فانوس",
                "فوانيس",
                "Lanternes",
                "灯笼",
                "Фонари",
                "Faroles",
                "Laternen",
                "提灯",
            ],
        ))
        .await
        .unwrap()
        .id;
    let ceramics = store
        .create_tag(term(
            "ceramics",
            [
                "Gốm",
                "Ceramics",
                "سفال",
                "خزف",
                "Céramique",
                "陶瓷",
                "Керамика",
                "Cerámica",
                "Keramik",
                "陶磁器",
            ],
        ))
        .await
        .unwrap()
        .id;

    let image = |key: &str, width: u32, height: u32| MediaKind::Image {
        path: format!("images/{key}.jpg"),
        mime: "image/jpeg".to_owned(),
        width,
        height,
        variants: vec![
            ImageVariant {
                path: format!("images/{key}-480.jpg"),
                width: 480,
                height: height * 480 / width,
            },
            ImageVariant {
                path: format!("images/{key}-960.jpg"),
                width: 960,
                height: height * 960 / width,
            },
        ],
    };
    let lantern_photo = store
        .create_media(NewMedia {
            key: "hue-lanterns".to_owned(),
            kind: image("hue-lanterns", 1600, 1000),
            alt: texts_ar(
                "Đèn lồng đỏ treo dọc bờ sông Hương lúc hoàng hôn",
                "Red lanterns hung along the Perfume River at dusk",
                "فانوس‌های سرخ در کنار رود عطر هنگام غروب",
                "فوانيس حمراء معلقة على ضفة نهر العطور عند الغروب",
            ),
            caption: texts_ar(
                "Phố đèn lồng bên sông Hương.",
                "The lantern street by the Perfume River.",
                "خیابان فانوس‌ها کنار رود عطر.",
                "شارع الفوانيس على ضفة نهر العطور.",
            ),
            credit: texts("Lê Hoa", "Le Hoa", "Le Hoa"),
            rights: Some("Herald test fixture".to_owned()),
        })
        .await
        .unwrap()
        .id;
    let kiln_photo = store
        .create_media(NewMedia {
            key: "bat-trang-kiln".to_owned(),
            kind: image("bat-trang-kiln", 1200, 800),
            alt: texts(
                "Lò gốm Bát Tràng đang đỏ lửa",
                "A Bat Trang kiln at full heat",
                "کوره سفال‌گری بات ترانگ در اوج حرارت",
            ),
            caption: texts("Lò gốm Bát Tràng.", "A Bat Trang kiln.", "کوره بات ترانگ."),
            credit: texts("Phạm Tú", "Pham Tu", "Pham Tu"),
            rights: None,
        })
        .await
        .unwrap()
        .id;
    let lantern_video = store
        .create_media(NewMedia {
            key: "lantern-night".to_owned(),
            kind: MediaKind::Video {
                source: VideoSource::File {
                    path: "videos/lantern-night.webm".to_owned(),
                    mime: "video/webm".to_owned(),
                },
                poster: Some(lantern_photo),
                subtitles: ["vi", "en", "fa", "ar"]
                    .into_iter()
                    .map(|tag| (lang(tag), format!("videos/lantern-night.{tag}.vtt")))
                    .collect(),
                duration_secs: Some(16),
            },
            alt: Localized::new(),
            caption: texts_ar(
                "Đêm hội đèn lồng bên sông Hương.",
                "Lantern night on the Perfume River.",
                "شب فانوس‌ها کنار رود عطر.",
                "ليلة الفوانيس على نهر العطور.",
            ),
            credit: texts("Lê Hoa", "Le Hoa", "Le Hoa"),
            rights: None,
        })
        .await
        .unwrap()
        .id;
    let market_embed = store
        .create_media(NewMedia {
            key: "tet-market-tour".to_owned(),
            kind: MediaKind::Video {
                source: VideoSource::Embed {
                    url: Url::parse("https://player.example/embed/tet-market").unwrap(),
                },
                poster: None,
                subtitles: Localized::new(),
                duration_secs: Some(95),
            },
            alt: Localized::new(),
            caption: texts(
                "Dạo chợ hoa Tết Sài Gòn.",
                "A walk through Saigon's Tet flower market.",
                "گشتی در بازار گل تت سایگون.",
            ),
            credit: texts("Saigon Herald", "Saigon Herald", "Saigon Herald"),
            rights: None,
        })
        .await
        .unwrap()
        .id;

    #[expect(
        clippy::too_many_arguments,
        reason = "a fixture builder; the call sites read as a table"
    )]
    fn new_article(
        source: SourceId,
        url: &str,
        category: CategoryId,
        topics: Vec<TopicId>,
        tags: Vec<TagId>,
        authors: Vec<AuthorId>,
        place: Option<PlaceId>,
        lead_image: Option<MediaId>,
        published: &str,
        original: VersionText,
    ) -> NewArticle {
        NewArticle {
            source,
            source_url: Some(Url::parse(url).unwrap()),
            kind: ArticleKind::News,
            category,
            topics,
            tags,
            authors,
            place,
            lead_image,
            media: Vec::new(),
            featured: false,
            published_at: at(published),
            updated_at: at(published),
            original,
            state: EditorialState::Published,
        }
    }
    let text = |language: &str, title: &str, lead: &str, body: &str| VersionText {
        language: lang(language),
        title: title.to_owned(),
        lead: lead.to_owned(),
        body: body.to_owned(),
    };

    let mut lanterns_new = new_article(
        nhan_dan,
        "https://nhandan.example/den-long-hue",
        heritage,
        vec![tet],
        vec![lanterns],
        vec![lan],
        Some(hue),
        Some(lantern_photo),
        "2026-11-25T01:30:00Z",
        text(
            "vi",
            "Huế thắp sáng phố đèn lồng đón Tết",
            "Hàng nghìn chiếc đèn lồng được treo dọc bờ sông Hương.",
            &format!(
                "<p>Người dân Huế chuẩn bị đón Tết.</p><figure data-media-id=\"{kiln_photo}\"></figure><p>Lễ hội kéo dài ba ngày.</p><figure data-media-id=\"999\"></figure>"
            ),
        ),
    );
    lanterns_new.featured = true;
    lanterns_new.updated_at = at("2026-11-26T03:00:00Z");
    let lanterns_article = store.create_article(lanterns_new).await.unwrap();

    let lantern_makers = store
        .create_article(new_article(
            nhan_dan,
            "https://nhandan.example/lang-nghe-den-long",
            heritage,
            vec![tet],
            vec![lanterns, ceramics],
            vec![lan],
            Some(hue),
            None,
            "2026-11-20T02:00:00Z",
            text(
                "vi",
                "Làng nghề đèn lồng vào mùa",
                "Các nghệ nhân làm việc xuyên đêm.",
                "<p>Mỗi ngày một xưởng làm ra hàng trăm chiếc đèn.</p>",
            ),
        ))
        .await
        .unwrap();

    let coffee_article = store
        .create_article(new_article(
            nhan_dan,
            "https://nhandan.example/ca-phe-dak-lak",
            business,
            vec![coffee],
            Vec::new(),
            vec![minh],
            None,
            None,
            "2026-11-18T00:00:00Z",
            text(
                "vi",
                "Đắk Lắk vào vụ thu hoạch cà phê",
                "Nông dân hái những quả cà phê chín đầu tiên.",
                "<p>Giá cà phê năm nay cao hơn năm ngoái.</p>",
            ),
        ))
        .await
        .unwrap();

    let english_article = store
        .create_article(new_article(
            saigon,
            "https://saigonherald.example/tet-markets",
            business,
            vec![tet],
            Vec::new(),
            vec![john],
            None,
            None,
            "2026-11-22T09:00:00Z",
            text(
                "en",
                "Tet markets open early in Saigon",
                "Flower sellers set up a week ahead of schedule.",
                "<p>Stalls line the riverside boulevard.</p>",
            ),
        ))
        .await
        .unwrap();

    let withdrawn = store
        .create_article(new_article(
            nhan_dan,
            "https://nhandan.example/le-hoi-am-thuc",
            culture,
            vec![tet],
            Vec::new(),
            vec![lan],
            None,
            None,
            "2026-11-15T00:00:00Z",
            text(
                "vi",
                "Lễ hội ẩm thực mùa đông",
                "Các món ăn ba miền hội tụ.",
                "<p>Lễ hội mở cửa miễn phí.</p>",
            ),
        ))
        .await
        .unwrap();

    let vi_only = store
        .create_article(new_article(
            nhan_dan,
            "https://nhandan.example/nha-ruong",
            heritage,
            Vec::new(),
            Vec::new(),
            Vec::new(),
            None,
            None,
            "2026-11-10T00:00:00Z",
            text(
                "vi",
                "Nhà rường Huế được trùng tu",
                "Ba ngôi nhà cổ mở cửa đón khách.",
                "<p>Công việc trùng tu mất hai năm.</p>",
            ),
        ))
        .await
        .unwrap();

    let mut video_new = new_article(
        nhan_dan,
        "https://nhandan.example/dem-hoi-den-long",
        heritage,
        vec![tet],
        vec![lanterns],
        vec![lan],
        Some(hue),
        None,
        "2026-11-23T12:00:00Z",
        text(
            "vi",
            "Đêm hội đèn lồng trên sông Hương",
            "Hàng nghìn người xem đèn hoa đăng trôi trên sông.",
            &format!(
                "<p>Hàng nghìn người tụ về hai bờ sông.</p><figure data-media-id=\"{lantern_video}\"></figure><p>Lễ hội kết thúc lúc nửa đêm.</p>"
            ),
        ),
    );
    video_new.media = vec![lantern_video];
    let video_article = store.create_article(video_new).await.unwrap();

    let mut embed_new = new_article(
        saigon,
        "https://saigonherald.example/flower-market-video",
        business,
        Vec::new(),
        Vec::new(),
        vec![john],
        None,
        None,
        "2026-11-21T10:00:00Z",
        text(
            "en",
            "A walk through the Tet flower market",
            "Our video tour of the stalls.",
            "<p>The market opens at dawn.</p>",
        ),
    );
    embed_new.media = vec![market_embed];
    let embed_article = store.create_article(embed_new).await.unwrap();

    let en_only = store
        .create_article(new_article(
            saigon,
            "https://saigonherald.example/river-ferries",
            business,
            Vec::new(),
            Vec::new(),
            vec![john],
            None,
            None,
            "2026-11-12T03:00:00Z",
            text(
                "en",
                "River ferries add evening trips",
                "Two new crossings run until ten at night.",
                "<p>The ferries leave every half hour.</p>",
            ),
        ))
        .await
        .unwrap();

    let translation = |article: ArticleId,
                       language: &str,
                       origin: Origin,
                       from: &str,
                       title: &str,
                       lead: &str,
                       body: &str| VersionDraft {
        article,
        language: lang(language),
        title: title.to_owned(),
        lead: lead.to_owned(),
        body: body.to_owned(),
        origin,
        provenance: Some(Provenance {
            engine: if origin == Origin::Machine {
                "pseudo".to_owned()
            } else {
                "person".to_owned()
            },
            model: None,
            made_at: at("2026-11-26T00:00:00Z"),
            from_language: lang(from),
            from_revision: 1,
            qa_flags: Vec::new(),
            translator: None,
        }),
        state: EditorialState::Published,
    };
    let figure = format!("<figure data-media-id=\"{kiln_photo}\"></figure>");
    let video = format!("<figure data-media-id=\"{lantern_video}\"></figure>");
    let drafts = [
        translation(
            lanterns_article,
            "ar",
            Origin::Human,
            "vi",
            "هوي تضيء شارع الفوانيس احتفالاً بعيد تيت",
            "آلاف الفوانيس معلقة على ضفاف نهر العطور.",
            &format!("<p>يستعد سكان هوي لعيد تيت.</p>{figure}<p>يستمر المهرجان ثلاثة أيام.</p>"),
        ),
        translation(
            video_article,
            "en",
            Origin::Human,
            "vi",
            "Lantern night on the Perfume River",
            "Thousands watch floating lanterns drift down the river.",
            &format!(
                "<p>Thousands gathered on both banks.</p>{video}<p>The festival ended at midnight.</p>"
            ),
        ),
        translation(
            video_article,
            "fa",
            Origin::Human,
            "vi",
            "شب فانوس‌ها بر رود عطر",
            "هزاران نفر فانوس‌های شناور روی رود را تماشا می‌کنند.",
            &format!(
                "<p>هزاران نفر در دو سوی رود گرد آمدند.</p>{video}<p>جشنواره نیمه‌شب به پایان رسید.</p>"
            ),
        ),
        translation(
            video_article,
            "ar",
            Origin::Human,
            "vi",
            "ليلة الفوانيس على نهر العطور",
            "الآلاف يشاهدون الفوانيس العائمة على صفحة النهر.",
            &format!(
                "<p>تجمع الآلاف على ضفتي النهر.</p>{video}<p>انتهى المهرجان عند منتصف الليل.</p>"
            ),
        ),
        translation(
            embed_article,
            "vi",
            Origin::Human,
            "en",
            "Dạo chợ hoa Tết",
            "Video của chúng tôi về các gian hàng.",
            "<p>Chợ mở cửa từ lúc bình minh.</p>",
        ),
        translation(
            lanterns_article,
            "en",
            Origin::Human,
            "vi",
            "Hue lights up its lantern street for Tet",
            "Thousands of lanterns hang along the Perfume River.",
            &format!(
                "<p>Hue's residents prepare for Tet.</p>{figure}<p>The festival lasts three days.</p>"
            ),
        ),
        translation(
            lanterns_article,
            "fa",
            Origin::Human,
            "vi",
            "هوئه خیابان فانوس‌ها را برای تت روشن می‌کند",
            "هزاران فانوس در کنار رود عطر آویخته شده است.",
            &format!(
                "<p>مردم هوئه برای تت آماده می‌شوند و نتیجه‌گیری روشن است.</p>{figure}<p>جشنواره سه روز طول می‌کشد.</p>"
            ),
        ),
        translation(
            lantern_makers,
            "en",
            Origin::Machine,
            "vi",
            "Lantern-making village enters its season",
            "Artisans work through the night.",
            "<p>Each workshop makes hundreds of lanterns a day.</p>",
        ),
        translation(
            lantern_makers,
            "fa",
            Origin::Reviewed,
            "vi",
            "روستای فانوس‌سازی وارد فصل کار می‌شود",
            "صنعتگران شب‌ها کار می‌کنند.",
            "<p>هر کارگاه روزانه صدها فانوس می‌سازد.</p>",
        ),
        translation(
            coffee_article,
            "en",
            Origin::PostEdited,
            "vi",
            "Dak Lak begins its coffee harvest",
            "Farmers pick the first ripe cherries.",
            "<p>Coffee prices are higher than last year.</p>",
        ),
        translation(
            coffee_article,
            "fa",
            Origin::Human,
            "vi",
            "داک لاک برداشت قهوه را آغاز می‌کند",
            "کشاورزان نخستین دانه‌های رسیده را می‌چینند.",
            "<p>قیمت قهوه امسال بالاتر از پارسال است.</p>",
        ),
        translation(
            english_article,
            "vi",
            Origin::Human,
            "en",
            "Chợ Tết Sài Gòn mở cửa sớm",
            "Người bán hoa dựng sạp sớm một tuần.",
            "<p>Các gian hàng nối dài dọc đại lộ ven sông.</p>",
        ),
        {
            let mut draft = translation(
                withdrawn,
                "en",
                Origin::Human,
                "vi",
                "Winter food festival",
                "Dishes from three regions.",
                "<p>Entry is free.</p>",
            );
            draft.state = EditorialState::Withdrawn;
            draft
        },
    ];
    for draft in drafts {
        store.save_version(draft).await.unwrap();
    }

    Ids {
        culture,
        heritage,
        tet,
        lan,
        hue,
        nhan_dan,
        lanterns,
        lanterns_article,
        lantern_makers,
        coffee_article,
        english_article,
        withdrawn,
        vi_only,
        video_article,
        embed_article,
        en_only,
    }
}

impl Newsroom {
    /// The canonical path of an article in a language.
    pub(crate) async fn article_path(&self, article: ArticleId, language: &str) -> String {
        let version = self
            .store
            .version(article, &lang(language))
            .await
            .unwrap()
            .unwrap();
        format!("/{language}/{}-{article}", version.slug)
    }
}
