//! The fields of a language's index, and how an [`IndexDoc`] fills them.
//!
//! Every language has the same fields, except that Vietnamese adds folded twins of the three
//! text fields. The text fields name the language's tokenizer, so the schema itself records which
//! analyser built the index: an index whose schema differs from the expected one was built by
//! another version and is rebuilt rather than searched with the wrong analysis.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{TantivyDocument, doc};

use crate::IndexDoc;
use crate::analysis::Analyser;

/// Handles to the fields of one language's index.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub(crate) article: Field,
    pub(crate) slug: Field,
    pub(crate) title: Field,
    pub(crate) lead: Field,
    pub(crate) body: Field,
    /// Folded twins of title, lead and body (Vietnamese).
    pub(crate) folded: Option<[Field; 3]>,
    pub(crate) category: Field,
    pub(crate) topic: Field,
    pub(crate) author: Field,
    pub(crate) source: Field,
    pub(crate) place: Field,
    /// Microseconds since the Unix epoch: exact, range-filterable and sortable.
    pub(crate) published: Field,
}

/// Name of the fast field `published` (for sorting).
pub(crate) const PUBLISHED: &str = "published_us";

impl Fields {
    /// The schema for `analyser`'s language, with its field handles.
    pub(crate) fn build(analyser: Analyser) -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let text = |tokenizer: &str, stored: bool| {
            let options = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            );
            if stored {
                options.set_stored()
            } else {
                options
            }
        };
        let main = analyser.tokenizer_name();
        let article = builder.add_i64_field("article", INDEXED | STORED | FAST);
        let slug = builder.add_text_field("slug", STORED);
        let title = builder.add_text_field("title", text(&main, true));
        let lead = builder.add_text_field("lead", text(&main, true));
        let body = builder.add_text_field("body", text(&main, true));
        let folded = analyser.has_folded().then(|| {
            let name = analyser.folded_tokenizer_name();
            [
                builder.add_text_field("title_folded", text(&name, false)),
                builder.add_text_field("lead_folded", text(&name, false)),
                builder.add_text_field("body_folded", text(&name, false)),
            ]
        });
        let fields = Fields {
            article,
            slug,
            title,
            lead,
            body,
            folded,
            category: builder.add_i64_field("category", INDEXED),
            topic: builder.add_i64_field("topic", INDEXED),
            author: builder.add_i64_field("author", INDEXED),
            source: builder.add_i64_field("source", INDEXED),
            place: builder.add_i64_field("place", INDEXED),
            published: builder.add_i64_field(PUBLISHED, INDEXED | STORED | FAST),
        };
        (builder.build(), fields)
    }

    /// The tantivy document for `doc`.
    pub(crate) fn document(&self, doc: &IndexDoc) -> TantivyDocument {
        let mut document = doc!(
            self.article => doc.article.get(),
            self.slug => doc.slug.as_str(),
            self.title => doc.title.as_str(),
            self.lead => doc.lead.as_str(),
            self.body => doc.body.as_str(),
            self.category => doc.category.get(),
            self.source => doc.source.get(),
            self.published => doc.published_at.as_microsecond(),
        );
        if let Some([title, lead, body]) = self.folded {
            document.add_text(title, &doc.title);
            document.add_text(lead, &doc.lead);
            document.add_text(body, &doc.body);
        }
        for topic in &doc.topics {
            document.add_i64(self.topic, topic.get());
        }
        for author in &doc.authors {
            document.add_i64(self.author, author.get());
        }
        if let Some(place) = doc.place {
            document.add_i64(self.place, place.get());
        }
        document
    }

    /// The main text fields with their weights: a word in the title says more about the
    /// article than one in the body.
    pub(crate) fn weighted_text(&self) -> [(Field, f32); 3] {
        [(self.title, 3.0), (self.lead, 1.5), (self.body, 1.0)]
    }

    /// The folded text fields with their weights: half the main ones, so an article that has
    /// the reader's exact diacritics ranks above one that matches only once folded.
    pub(crate) fn weighted_folded(&self) -> Option<[(Field, f32); 3]> {
        self.folded
            .map(|[title, lead, body]| [(title, 1.5), (lead, 0.75), (body, 0.5)])
    }
}
