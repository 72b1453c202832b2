//! Filters, date ranges, listing without text, and pagination.

use herald_domain::{AuthorId, CategoryId, PlaceId, SourceId, TopicId};
use herald_search::{IndexDoc, SearchIndex, SearchQuery};

use crate::common::{day, doc, ids, index_with, lang};

/// Six English articles about a flood, published on days 1 to 6, with varied facets.
fn newsroom() -> SearchIndex {
    let mut docs: Vec<IndexDoc> = Vec::new();
    for n in 1..=6 {
        let mut d = doc(
            n,
            "en",
            &format!("Flood report {n}"),
            "The river rose overnight.",
        );
        d.category = CategoryId::new(if n % 2 == 0 { 20 } else { 10 });
        d.topics = vec![TopicId::new(100 + n % 3), TopicId::new(999)];
        d.source = SourceId::new(if n <= 3 { 7 } else { 8 });
        d.place = (n == 4).then(|| PlaceId::new(44));
        d.authors = vec![AuthorId::new(n), AuthorId::new(50)];
        docs.push(d);
    }
    docs.push(doc(7, "en", "Election night", "Counting continues."));
    index_with(&["en"], &docs)
}

fn query(text: &str) -> SearchQuery {
    let mut q = SearchQuery::new(lang("en"), text);
    q.limit = 20;
    q
}

fn sorted(mut v: Vec<i64>) -> Vec<i64> {
    v.sort_unstable();
    v
}

#[test]
fn each_filter_keeps_only_matching_articles() {
    let index = newsroom();
    let run = |q: SearchQuery| sorted(ids(&index.search(&q).unwrap()));
    assert_eq!(
        run(SearchQuery {
            category: Some(CategoryId::new(20)),
            ..query("flood")
        }),
        [2, 4, 6]
    );
    assert_eq!(
        run(SearchQuery {
            topic: Some(TopicId::new(101)),
            ..query("flood")
        }),
        [1, 4]
    );
    assert_eq!(
        run(SearchQuery {
            topic: Some(TopicId::new(999)),
            ..query("flood")
        }),
        [1, 2, 3, 4, 5, 6]
    );
    assert_eq!(
        run(SearchQuery {
            source: Some(SourceId::new(8)),
            ..query("flood")
        }),
        [4, 5, 6]
    );
    assert_eq!(
        run(SearchQuery {
            place: Some(PlaceId::new(44)),
            ..query("flood")
        }),
        [4]
    );
    assert_eq!(
        run(SearchQuery {
            author: Some(AuthorId::new(5)),
            ..query("flood")
        }),
        [5]
    );
    assert_eq!(
        run(SearchQuery {
            author: Some(AuthorId::new(50)),
            ..query("election")
        }),
        Vec::<i64>::new()
    );
}

#[test]
fn filters_combine() {
    let index = newsroom();
    let q = SearchQuery {
        category: Some(CategoryId::new(20)),
        source: Some(SourceId::new(8)),
        ..query("river")
    };
    assert_eq!(sorted(ids(&index.search(&q).unwrap())), [4, 6]);
}

#[test]
fn the_date_range_includes_its_start_and_excludes_its_end() {
    let index = newsroom();
    let q = SearchQuery {
        from: Some(day(2)),
        to: Some(day(5)),
        ..query("flood")
    };
    assert_eq!(sorted(ids(&index.search(&q).unwrap())), [2, 3, 4]);
    let q = SearchQuery {
        from: Some(day(6)),
        ..query("flood")
    };
    assert_eq!(ids(&index.search(&q).unwrap()), [6]);
    let q = SearchQuery {
        to: Some(day(2)),
        ..query("flood")
    };
    assert_eq!(ids(&index.search(&q).unwrap()), [1]);
}

#[test]
fn an_empty_query_with_filters_lists_the_articles_newest_first() {
    let index = newsroom();
    let q = SearchQuery {
        source: Some(SourceId::new(7)),
        ..query("")
    };
    let results = index.search(&q).unwrap();
    assert_eq!(results.total, 3);
    assert_eq!(ids(&results), [3, 2, 1]);
    assert_eq!(results.hits[0].published_at, day(3));
    assert_eq!(results.hits[0].slug, "article-3");
    let everything = index.search(&query("   ")).unwrap();
    assert_eq!(ids(&everything), [7, 6, 5, 4, 3, 2, 1]);
}

#[test]
fn pages_follow_each_other_and_the_total_counts_every_match() {
    let index = newsroom();
    let page = |offset, limit| {
        let q = SearchQuery {
            offset,
            limit,
            ..query("")
        };
        index.search(&q).unwrap()
    };
    let first = page(0, 3);
    let second = page(3, 3);
    let third = page(6, 3);
    assert_eq!((first.total, second.total, third.total), (7, 7, 7));
    assert_eq!(ids(&first), [7, 6, 5]);
    assert_eq!(ids(&second), [4, 3, 2]);
    assert_eq!(ids(&third), [1]);
    assert!(page(50, 3).hits.is_empty());
    assert_eq!(page(50, 3).total, 7);

    let q = SearchQuery {
        offset: 2,
        limit: 2,
        ..query("flood")
    };
    let results = index.search(&q).unwrap();
    assert_eq!(results.total, 6);
    assert_eq!(results.hits.len(), 2);
}

#[test]
fn a_limit_of_zero_returns_the_total_without_hits() {
    let index = newsroom();
    let results = index
        .search(&SearchQuery {
            limit: 0,
            ..query("flood")
        })
        .unwrap();
    assert_eq!(results.total, 6);
    assert!(results.hits.is_empty());
}

#[test]
fn when_no_article_has_every_word_articles_with_some_of_them_are_shown() {
    let index = index_with(
        &["en"],
        &[
            doc(1, "en", "Bridge closed", "Repairs start Monday."),
            doc(2, "en", "Bridge and tunnel closed", "Repairs start Monday."),
        ],
    );
    let results = index.search(&query("bridge tunnel zeppelin")).unwrap();
    assert_eq!(ids(&results), [2, 1]);
    assert!(results.some_words, "the reader is told");
    let counted = index
        .search(&SearchQuery {
            limit: 0,
            ..query("bridge tunnel zeppelin")
        })
        .unwrap();
    assert_eq!((counted.total, counted.some_words), (2, true));
    assert!(!index.search(&query("bridge tunnel")).unwrap().some_words);
    // A required phrase has no such fallback.
    assert_eq!(index.search(&query("\"tunnel bridge\"")).unwrap().total, 0);
    assert_eq!(
        ids(&index.search(&query("\"bridge and tunnel\"")).unwrap()),
        [2]
    );
}
