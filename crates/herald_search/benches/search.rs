//! Search bench: builds an index of a generated corpus in three languages (Vietnamese,
//! English, Persian) on disk, then times typical searches and prints p50/p99 per kind.
//!
//! The corpus is pseudo-text drawn, with a Zipf-like distribution, from vocabularies made up
//! here (real common words at the top, generated words in the long tail), so postings have
//! realistic shapes without any real text. Deterministic: the same seed gives the same corpus.
//!
//! `cargo bench -p herald_search` runs it on 100,000 articles; `HERALD_SEARCH_BENCH_ARTICLES`
//! sets another size (e.g. 10000 for a quick look), `HERALD_SEARCH_BENCH_DIR` keeps the index in
//! that folder instead of a temporary one.

use std::error::Error;
use std::path::Path;
use std::time::{Duration, Instant};

use herald_domain::{ArticleId, AuthorId, CategoryId, Language, PlaceId, SourceId, TopicId};
use herald_search::{IndexDoc, SearchIndex, SearchQuery};

const DEFAULT_ARTICLES: usize = 100_000;
const QUERIES_PER_KIND: usize = 1_000;
/// Articles span about three years.
const FIRST_SECOND: i64 = 1_700_000_000;
const SPAN_SECONDS: i64 = 3 * 365 * 86_400;

fn main() -> Result<(), Box<dyn Error>> {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this binary without it,
    // and then a small corpus makes it a quick smoke test.
    let benching = std::env::args().any(|a| a == "--bench");
    let articles = std::env::var_os("HERALD_SEARCH_BENCH_ARTICLES")
        .and_then(|v| v.to_str().and_then(|s| s.parse().ok()))
        .unwrap_or(if benching { DEFAULT_ARTICLES } else { 900 });
    let queries = if benching { QUERIES_PER_KIND } else { 20 };
    let keep_dir = std::env::var_os("HERALD_SEARCH_BENCH_DIR");
    let temp = tempfile::tempdir()?;
    let dir = keep_dir.as_deref().map_or(temp.path(), Path::new);

    let corpora = [
        Corpus::vietnamese()?,
        Corpus::english()?,
        Corpus::persian()?,
    ];
    let languages: Vec<Language> = corpora.iter().map(|c| c.language.clone()).collect();
    let (index, _) = SearchIndex::open(dir, &languages)?;
    for language in &languages {
        index.clear(language)?;
    }
    index.commit()?;

    println!(
        "herald_search bench: {articles} articles in vi, en, fa; index in {}; load average {}",
        dir.display(),
        load_average()
    );
    let per_language = articles / corpora.len();
    let started = Instant::now();
    std::thread::scope(|scope| -> Result<(), String> {
        let handles: Vec<_> = corpora
            .iter()
            .map(|corpus| {
                let index = &index;
                scope.spawn(move || -> Result<(), String> {
                    for n in 0..per_language {
                        let doc = corpus.article(n as u64);
                        index.upsert(&doc).map_err(|e| e.to_string())?;
                    }
                    Ok(())
                })
            })
            .collect();
        for handle in handles {
            handle
                .join()
                .map_err(|_| "indexing thread panicked".to_owned())??;
        }
        Ok(())
    })?;
    index.commit()?;
    let committed = started.elapsed();
    index.finish_writes()?;
    let merged = started.elapsed();
    let words: usize = corpora
        .iter()
        .map(|c| c.words_per_article() * per_language)
        .sum();
    println!(
        "build: {:.1} s to commit ({:.0} articles/s, ~{:.1} M words), {:.1} s with merges done",
        committed.as_secs_f64(),
        (per_language * corpora.len()) as f64 / committed.as_secs_f64(),
        words as f64 / 1e6,
        merged.as_secs_f64(),
    );
    for language in &languages {
        let size = folder_size(&dir.join(language.as_str()))?;
        println!(
            "  {}: {} documents, {:.0} MB on disk",
            language,
            index.doc_count(language)?,
            size as f64 / 1e6
        );
    }
    println!("  total on disk: {:.0} MB", folder_size(dir)? as f64 / 1e6);

    println!(
        "\n{:<10} {:<22} {:>8} {:>8} {:>8} {:>10}",
        "language", "query", "p50 ms", "p99 ms", "max ms", "avg total"
    );
    for corpus in &corpora {
        for kind in Kind::ALL {
            if matches!(kind, Kind::Folded) && corpus.language.as_str() != "vi" {
                continue;
            }
            let timing = run_kind(&index, corpus, kind, per_language as u64, queries)?;
            println!(
                "{:<10} {:<22} {:>8.2} {:>8.2} {:>8.2} {:>10.0}",
                corpus.language.as_str(),
                kind.name(),
                ms(timing.p50),
                ms(timing.p99),
                ms(timing.max),
                timing.mean_total,
            );
        }
    }
    println!("load average at the end: {}", load_average());
    Ok(())
}

/// The 1, 5 and 15-minute load averages, to read the timings by (the machine may be shared).
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn folder_size(dir: &Path) -> std::io::Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        total += if meta.is_dir() {
            folder_size(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(total)
}

/// The kinds of searches readers make.
#[derive(Debug, Clone, Copy)]
enum Kind {
    OneWord,
    TwoWords,
    ThreeWords,
    Phrase,
    Folded,
    WithCategory,
    WithDateRange,
    ListingByTopic,
    MoreLikeThis,
}

impl Kind {
    const ALL: [Kind; 9] = [
        Kind::OneWord,
        Kind::TwoWords,
        Kind::ThreeWords,
        Kind::Phrase,
        Kind::Folded,
        Kind::WithCategory,
        Kind::WithDateRange,
        Kind::ListingByTopic,
        Kind::MoreLikeThis,
    ];

    fn name(self) -> &'static str {
        match self {
            Kind::OneWord => "1 word",
            Kind::TwoWords => "2 words",
            Kind::ThreeWords => "3 words",
            Kind::Phrase => "\"phrase\" (3 words)",
            Kind::Folded => "2 words, no diacritics",
            Kind::WithCategory => "1 word + category",
            Kind::WithDateRange => "2 words + 90-day range",
            Kind::ListingByTopic => "no text, topic filter",
            Kind::MoreLikeThis => "more like this",
        }
    }
}

struct Timing {
    p50: Duration,
    p99: Duration,
    max: Duration,
    mean_total: f64,
}

fn run_kind(
    index: &SearchIndex,
    corpus: &Corpus,
    kind: Kind,
    articles: u64,
    queries: usize,
) -> Result<Timing, Box<dyn Error>> {
    let mut rng = Rng::new(0xbe4c_0000 + kind as u64);
    let mut times = Vec::with_capacity(queries);
    let mut totals = 0usize;
    // A few untimed rounds first: the first searches load the files into the page cache.
    for round in 0..queries + 20 {
        let query = match kind {
            Kind::MoreLikeThis => None,
            _ => Some(corpus.query(kind, &mut rng, articles)),
        };
        let article = corpus.article_id(rng.below(articles));
        let started = Instant::now();
        let total = match &query {
            None => index.more_like_this(&corpus.language, article, 5)?.len(),
            Some(query) => index.search(query)?.total,
        };
        let elapsed = started.elapsed();
        if round >= 20 {
            times.push(elapsed);
            totals += total;
        }
    }
    times.sort_unstable();
    let at = |times: &[Duration], q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    Ok(Timing {
        p50: at(&times, 0.50),
        p99: at(&times, 0.99),
        max: at(&times, 1.0),
        mean_total: totals as f64 / queries as f64,
    })
}

/// SplitMix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One language's made-up vocabulary, ranked from most to least frequent.
struct Corpus {
    language: Language,
    /// Base offset of article ids, so languages do not share ids.
    id_base: i64,
    words: Vec<String>,
    /// Cumulative Zipf weights over `words`.
    cumulative: Vec<f64>,
    /// Words with Latin diacritics folded, for the folded-query kind (Vietnamese).
    fold: fn(&str) -> String,
}

impl Corpus {
    fn new(
        tag: &str,
        id_base: i64,
        mut words: Vec<String>,
        fold: fn(&str) -> String,
    ) -> Result<Self, Box<dyn Error>> {
        let mut seen = std::collections::HashSet::new();
        words.retain(|w| seen.insert(w.clone()));
        let mut cumulative = Vec::with_capacity(words.len());
        let mut sum = 0.0;
        for rank in 0..words.len() {
            sum += 1.0 / (rank as f64 + 2.7).powf(1.05);
            cumulative.push(sum);
        }
        Ok(Self {
            language: Language::parse(tag)?,
            id_base,
            words,
            cumulative,
            fold,
        })
    }

    fn vietnamese() -> Result<Self, Box<dyn Error>> {
        let common = "của và là có trong được cho người những một các với không này đã về năm khi \
            ngày nhiều thành phố nước việt nam hội nghị chính phủ kinh tế phát triển dân tỉnh \
            huyện xã trường học sinh giáo viên bệnh viện bác sĩ công ty doanh nghiệp thị trường \
            giá vàng lúa gạo mưa bão lũ lụt miền bắc trung nam đường giao thông xe máy cầu \
            sông biển đảo du lịch văn hóa thể thao bóng đá đội tuyển trận đấu quốc gia an ninh \
            cảnh sát điều tra vụ án tòa xử luật quyết định bộ trưởng chủ tịch đại biểu quốc hội";
        let mut words: Vec<String> = common.split_whitespace().map(str::to_owned).collect();
        let onsets = [
            "", "b", "c", "ch", "d", "đ", "g", "gi", "h", "k", "kh", "l", "m", "n", "ng", "nh",
            "ph", "qu", "s", "t", "th", "tr", "v", "x",
        ];
        let vowels = [
            "aàáảãạ",
            "ăằắẳẵặ",
            "âầấẩẫậ",
            "eèéẻẽẹ",
            "êềếểễệ",
            "iìíỉĩị",
            "oòóỏõọ",
            "ôồốổỗộ",
            "ơờớởỡợ",
            "uùúủũụ",
            "ưừứửữự",
            "yỳýỷỹỵ",
        ];
        let codas = ["", "n", "ng", "nh", "m", "c", "ch", "t", "p", "i", "o", "u"];
        let mut generated = Vec::new();
        for onset in onsets {
            for vowel in vowels {
                for tone in vowel.chars() {
                    for coda in codas {
                        generated.push(format!("{onset}{tone}{coda}"));
                    }
                }
            }
        }
        shuffle(&mut generated, 7);
        generated.truncate(7_000);
        words.extend(generated);
        Self::new("vi", 0, words, fold_vietnamese)
    }

    fn english() -> Result<Self, Box<dyn Error>> {
        let common = "the of and to in a is that for on was with he it as at by from his be \
            said were has have but are not they this had which an their been who also one its \
            year new two after first people government city council police minister president \
            election vote market price bank company workers school hospital court report \
            storm flood river bridge road train airport football match team season coach \
            museum festival music film village farmers harvest energy water health children \
            parliament budget tax trade border army talks agreement summit climate research";
        let mut words: Vec<String> = common.split_whitespace().map(str::to_owned).collect();
        let onsets = [
            "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br",
            "cr", "dr", "st", "tr", "pl", "sh", "ch", "gr",
        ];
        let nuclei = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "oo", "ee"];
        let codas = ["", "n", "r", "s", "t", "l", "nd", "st", "ck", "m"];
        let mut syllables = Vec::new();
        for onset in onsets {
            for nucleus in nuclei {
                for coda in codas {
                    syllables.push(format!("{onset}{nucleus}{coda}"));
                }
            }
        }
        let mut rng = Rng::new(11);
        let mut generated = Vec::new();
        for _ in 0..30_000 {
            let a = &syllables[rng.below(syllables.len() as u64) as usize];
            let b = &syllables[rng.below(syllables.len() as u64) as usize];
            generated.push(format!("{a}{b}"));
        }
        words.extend(generated);
        Self::new("en", 10_000_000, words, str::to_owned)
    }

    fn persian() -> Result<Self, Box<dyn Error>> {
        let common = "و در به از که این را با است برای آن یک خود تا کرد بر هم نیز شد می‌شود \
            شده بود کند سال دولت مردم شهر کشور ایران تهران وزیر رئیس مجلس انتخابات اقتصاد بازار \
            قیمت بانک شرکت کارگران مدرسه دانشگاه بیمارستان دادگاه گزارش باران سیل رودخانه پل \
            جاده قطار فرودگاه فوتبال مسابقه تیم فصل موزه جشنواره موسیقی فیلم روستا کشاورزان \
            انرژی آب سلامت کودکان بودجه مالیات تجارت مرز توافق نشست اقلیم پژوهش خبرنگاران \
            می‌خواهند کتاب‌ها نمایشگاه";
        let mut words: Vec<String> = common.split_whitespace().map(str::to_owned).collect();
        let consonants = [
            "ب", "پ", "ت", "ج", "چ", "د", "ر", "ز", "س", "ش", "ک", "گ", "ل", "م", "ن", "ف", "ق",
            "خ", "ح", "ط",
        ];
        let vowels = ["", "ا", "و", "ی"];
        let mut syllables = Vec::new();
        for c in consonants {
            for v in vowels {
                for d in consonants {
                    syllables.push(format!("{c}{v}{d}"));
                }
            }
        }
        let mut rng = Rng::new(13);
        let mut generated = Vec::new();
        for _ in 0..25_000 {
            let a = &syllables[rng.below(syllables.len() as u64) as usize];
            let b = &syllables[rng.below(syllables.len() as u64) as usize];
            generated.push(format!("{a}{b}"));
        }
        words.extend(generated);
        Self::new("fa", 20_000_000, words, str::to_owned)
    }

    fn word(&self, rng: &mut Rng) -> &str {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let target = rng.unit() * total;
        let rank = self.cumulative.partition_point(|&c| c < target);
        self.words
            .get(rank.min(self.words.len() - 1))
            .map_or("", String::as_str)
    }

    /// A mid-frequency word, as readers search for (not "the", not a typo).
    fn query_word(&self, rng: &mut Rng) -> &str {
        let rank = 40 + rng.below(1_500) as usize;
        self.words.get(rank).map_or("", String::as_str)
    }

    fn sentence(&self, rng: &mut Rng, words: usize) -> String {
        let mut out = String::new();
        for i in 0..words {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(self.word(rng));
            if i + 1 < words && rng.below(12) == 0 {
                out.push(',');
            }
        }
        out.push('.');
        out
    }

    fn words_per_article(&self) -> usize {
        8 + 25 + 225
    }

    fn article_id(&self, n: u64) -> ArticleId {
        ArticleId::new(self.id_base + n as i64)
    }

    fn article(&self, n: u64) -> IndexDoc {
        let mut rng = Rng::new(n.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ self.id_base as u64);
        let title_words = 6 + rng.below(5) as usize;
        let title = self.sentence(&mut rng, title_words);
        let lead_words = 20 + rng.below(11) as usize;
        let lead = self.sentence(&mut rng, lead_words);
        let mut body = String::new();
        let body_words = 150 + rng.below(151) as usize;
        let mut written = 0;
        while written < body_words {
            let len = 8 + rng.below(17) as usize;
            if !body.is_empty() {
                body.push(' ');
            }
            body.push_str(&self.sentence(&mut rng, len));
            written += len;
        }
        IndexDoc {
            article: self.article_id(n),
            language: self.language.clone(),
            title,
            lead,
            body,
            slug: format!("article-{n}"),
            category: CategoryId::new(1 + rng.below(20) as i64),
            topics: (0..rng.below(3))
                .map(|_| TopicId::new(1 + rng.below(500) as i64))
                .collect(),
            authors: vec![AuthorId::new(1 + rng.below(300) as i64)],
            source: SourceId::new(1 + rng.below(40) as i64),
            place: (rng.below(3) == 0).then(|| PlaceId::new(1 + rng.below(100) as i64)),
            published_at: jiff::Timestamp::from_second(
                FIRST_SECOND + rng.below(SPAN_SECONDS as u64) as i64,
            )
            .unwrap_or_default(),
        }
    }

    fn query(&self, kind: Kind, rng: &mut Rng, articles: u64) -> SearchQuery {
        let mut words = |n: usize| {
            (0..n)
                .map(|_| self.query_word(rng).to_owned())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let text = match kind {
            Kind::OneWord | Kind::WithCategory => words(1),
            Kind::TwoWords | Kind::WithDateRange => words(2),
            Kind::ThreeWords => words(3),
            Kind::Folded => (self.fold)(&words(2)),
            Kind::Phrase => {
                // Three words that stand side by side in some article.
                let doc = self.article(rng.below(articles));
                let body: Vec<&str> = doc.body.split_whitespace().collect();
                let start = rng.below(body.len().saturating_sub(3) as u64) as usize;
                let phrase: Vec<&str> = body.iter().skip(start).take(3).copied().collect();
                format!("\"{}\"", phrase.join(" ").replace([',', '.'], ""))
            }
            Kind::ListingByTopic | Kind::MoreLikeThis => String::new(),
        };
        let mut query = SearchQuery::new(self.language.clone(), text);
        match kind {
            Kind::WithCategory => query.category = Some(CategoryId::new(1 + rng.below(20) as i64)),
            Kind::WithDateRange => {
                let from = FIRST_SECOND + rng.below((SPAN_SECONDS - 90 * 86_400) as u64) as i64;
                query.from = jiff::Timestamp::from_second(from).ok();
                query.to = jiff::Timestamp::from_second(from + 90 * 86_400).ok();
            }
            Kind::ListingByTopic => query.topic = Some(TopicId::new(1 + rng.below(500) as i64)),
            _ => {}
        }
        query
    }
}

fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut rng = Rng::new(seed);
    for i in (1..items.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        items.swap(i, j);
    }
}

/// Vietnamese without its diacritics, as typed on a phone without a Vietnamese keyboard.
fn fold_vietnamese(text: &str) -> String {
    const GROUPS: [(&str, char); 14] = [
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ìíỉĩị", 'i'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ùúủũụưừứửữự", 'u'),
        ("ỳýỷỹỵ", 'y'),
        ("đ", 'd'),
        ("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'A'),
        ("ÈÉẺẼẸÊỀẾỂỄỆ", 'E'),
        ("ÌÍỈĨỊ", 'I'),
        ("ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'O'),
        ("ÙÚỦŨỤƯỪỨỬỮỰ", 'U'),
        ("ỲÝỶỸỴ", 'Y'),
        ("Đ", 'D'),
    ];
    text.chars()
        .map(|c| {
            GROUPS
                .iter()
                .find(|(group, _)| group.contains(c))
                .map_or(c, |(_, plain)| *plain)
        })
        .collect()
}
