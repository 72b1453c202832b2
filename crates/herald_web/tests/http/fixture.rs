//! A small newsroom built through the `Store` API on a temporary SQLite database, with fixed
//! times so that pages render the same on every run.
//!
//! Vietnamese originals with English and Persian versions, one English original with no
//! Persian version, a sub-section, a topic with several articles and one with a single article,
//! an image with alt text, caption and credit in all three languages, one withdrawn version.

use std::sync::Arc;

use herald_domain::{
    ArticleId, ArticleKind, AuthorId, CanonicalPolicy, CategoryId, Clock, EditorialState,
    ImageVariant, Language, Localized, MediaId, MediaKind, NewArticle, Origin, PlaceId, PlaceKind,
    Provenance, Region, SiteTimeZone, SourceId, TagId, Timestamp, TopicId, Trust, VersionText,
};
use herald_i18n::Messages;
use herald_store::{
    NewAuthor, NewCategory, NewMedia, NewPlace, NewSource, NewTerm, Store, VersionDraft,
};
use herald_store_sqlx::SqlStore;
use herald_web::{AppState, WebSettings};
use tempfile::TempDir;
use url::Url;

/// The fixed "now" of the fixture's clock.
const NOW: &str = "2026-12-01T00:00:00Z";

struct FixedClock(Timestamp);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
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

fn term(key: &str, vi: &str, en: &str, fa: &str) -> NewTerm {
    NewTerm {
        key: key.to_owned(),
        names: texts(vi, en, fa),
        descriptions: Localized::new(),
    }
}

/// The ids the tests refer to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ids {
    pub(crate) heritage: CategoryId,
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
}

/// A newsroom on a temporary database, and the site's state over it.
pub(crate) struct Newsroom {
    pub(crate) store: Arc<SqlStore>,
    pub(crate) state: AppState,
    pub(crate) ids: Ids,
    _dir: TempDir,
}

impl Newsroom {
    pub(crate) fn router(&self) -> axum::Router {
        herald_web::router(self.state.clone())
    }
}

pub(crate) async fn newsroom() -> Newsroom {
    let dir = tempfile::tempdir().unwrap();
    let media_dir = dir.path().join("media");
    std::fs::create_dir_all(media_dir.join("images")).unwrap();
    std::fs::write(
        media_dir.join("images/hue-lanterns.jpg"),
        b"not really a jpeg",
    )
    .unwrap();
    let clock: Arc<dyn Clock> = Arc::new(FixedClock(at(NOW)));
    let store = Arc::new(
        SqlStore::open_sqlite_file(&dir.path().join("t.db"), clock)
            .await
            .unwrap(),
    );
    let ids = fill(store.as_ref()).await;

    let languages = vec![lang("vi"), lang("en"), lang("fa")];
    let mut settings = WebSettings::new(
        "Herald News",
        Url::parse("https://news.example/").unwrap(),
        languages.clone(),
        lang("vi"),
    );
    settings.time_zone = SiteTimeZone::parse("Asia/Ho_Chi_Minh").unwrap();
    settings.page_size = 3;
    settings.media_dir = media_dir;
    settings.max_uri_length = 2048;
    settings.max_query_length = 1024;
    let messages = Messages::load(&languages).unwrap();
    settings.validate().unwrap();
    let state = AppState::new(store.clone(), messages, settings);
    Newsroom {
        store,
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
            texts("Báo Nhân Dân", "Nhan Dan", "نهان دان"),
            "vi",
            "Nhân Dân",
        ))
        .await
        .unwrap()
        .id;
    let saigon = store
        .create_source(source(
            "saigonherald",
            texts("Saigon Herald", "Saigon Herald", "سایگون هرالد"),
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
    let mut culture_term = term("culture", "Văn hóa", "Culture", "فرهنگ");
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
            term("heritage", "Di sản", "Heritage", "میراث"),
            Some(culture),
            1,
        ))
        .await
        .unwrap()
        .id;
    let business = store
        .create_category(category(
            term("business", "Kinh tế", "Business", "اقتصاد"),
            None,
            2,
        ))
        .await
        .unwrap()
        .id;
    // A section with no article at all: in no menu, and no block on the home page.
    store
        .create_category(category(
            term("politics", "Chính trị", "Politics", "سیاست"),
            None,
            3,
        ))
        .await
        .unwrap();

    let tet = store
        .create_topic(term("tet-2027", "Tết 2027", "Tet 2027", "تت ۲۰۲۷"))
        .await
        .unwrap()
        .id;
    let coffee = store
        .create_topic(term(
            "coffee-harvest",
            "Mùa cà phê",
            "Coffee harvest",
            "برداشت قهوه",
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
            term("lan", "Nguyễn Thị Lan", "Nguyen Thi Lan", "نگوین تی لان"),
            nhan_dan,
        ))
        .await
        .unwrap()
        .id;
    let minh = store
        .create_author(author(
            term("minh", "Trần Văn Minh", "Tran Van Minh", "تران وان مین"),
            nhan_dan,
        ))
        .await
        .unwrap()
        .id;
    let john = store
        .create_author(author(
            term("john", "John Carter", "John Carter", "جان کارتر"),
            saigon,
        ))
        .await
        .unwrap()
        .id;
    let hue = store
        .create_place(NewPlace {
            term: term("hue", "Huế", "Hue", "هوئه"),
            kind: PlaceKind::Province,
            parent: None,
        })
        .await
        .unwrap()
        .id;
    let lanterns = store
        .create_tag(term("lanterns", "Đèn lồng", "Lanterns", "فانوس"))
        .await
        .unwrap()
        .id;
    let ceramics = store
        .create_tag(term("ceramics", "Gốm", "Ceramics", "سفال"))
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
            alt: texts(
                "Đèn lồng đỏ treo dọc bờ sông Hương lúc hoàng hôn",
                "Red lanterns hung along the Perfume River at dusk",
                "فانوس‌های سرخ در کنار رود عطر هنگام غروب",
            ),
            caption: texts(
                "Phố đèn lồng bên sông Hương.",
                "The lantern street by the Perfume River.",
                "خیابان فانوس‌ها کنار رود عطر.",
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
    let drafts = [
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
        heritage,
        lanterns,
        lanterns_article,
        lantern_makers,
        coffee_article,
        english_article,
        withdrawn,
        vi_only,
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
