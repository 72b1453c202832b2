//! Filing an item: the source's rules give keys of Herald's categories, topics and places;
//! this turns them into ids (looked up once per poll), and feed bylines into authors of the
//! source, created the first time they sign.

use std::collections::HashMap;

use herald_domain::{AuthorId, CategoryId, IngestRules, Localized, PlaceId, Slug, Source, TopicId};
use herald_ingest::{FilingFacts, PreparedItem, categorise};
use herald_store::{NewAuthor, NewTerm, StoreError, TermKind};

use crate::Pipeline;

/// Where an item goes.
pub(super) struct Filed {
    pub(super) category: CategoryId,
    pub(super) topics: Vec<TopicId>,
    pub(super) place: Option<PlaceId>,
    pub(super) authors: Vec<AuthorId>,
}

/// Files the items of one poll of one source.
pub(super) struct Filer<'p> {
    p: &'p Pipeline,
    source: Source,
    rules: IngestRules,
    categories: HashMap<String, CategoryId>,
    fallback_category: CategoryId,
    topics: HashMap<String, TopicId>,
    places: HashMap<String, Option<PlaceId>>,
    authors: HashMap<String, AuthorId>,
}

impl<'p> Filer<'p> {
    pub(super) async fn new(p: &'p Pipeline, source: &Source) -> Result<Self, StoreError> {
        let store = p.store();
        let rules = store.source_rules(source.id).await?;
        let all = store.list_categories().await?;
        let categories: HashMap<_, _> = all.iter().map(|c| (c.key.clone(), c.id)).collect();
        let fallback_category = categories
            .get(&p.settings().default_category)
            .copied()
            .or_else(|| all.iter().find(|c| c.parent.is_none()).map(|c| c.id))
            .ok_or_else(|| {
                StoreError::Invalid("the site has no category to file articles under".to_owned())
            })?;
        let topics = store
            .list_topics()
            .await?
            .into_iter()
            .map(|t| (t.key, t.id))
            .collect();
        Ok(Self {
            p,
            source: source.clone(),
            rules,
            categories,
            fallback_category,
            topics,
            places: HashMap::new(),
            authors: HashMap::new(),
        })
    }

    pub(super) async fn file(&mut self, item: &PreparedItem) -> Result<Filed, StoreError> {
        let filing = categorise(
            &self.rules,
            &FilingFacts {
                url: item.url.as_ref(),
                feed_categories: &item.categories,
                title: &item.title,
                lead: &item.lead,
                language: &item.language,
            },
        );
        let category = filing
            .category
            .as_ref()
            .or(self.rules.default_category.as_ref())
            .and_then(|key| self.categories.get(key).copied())
            .unwrap_or(self.fallback_category);
        let topics = filing
            .topics
            .iter()
            .filter_map(|key| self.topics.get(key).copied())
            .collect();
        let place = match filing.place {
            Some(key) => self.place(&key).await?,
            None => None,
        };
        let mut authors = Vec::new();
        for name in &item.authors {
            if let Some(id) = self.author(name, item).await?
                && !authors.contains(&id)
            {
                authors.push(id);
            }
        }
        Ok(Filed {
            category,
            topics,
            place,
            authors,
        })
    }

    async fn place(&mut self, key: &str) -> Result<Option<PlaceId>, StoreError> {
        if let Some(found) = self.places.get(key) {
            return Ok(*found);
        }
        let found = self
            .p
            .store()
            .term_id_by_key(TermKind::Place, key)
            .await?
            .map(PlaceId::new);
        self.places.insert(key.to_owned(), found);
        Ok(found)
    }

    /// The source's author of this name, created on first sight. Authors are per source:
    /// two outlets' "Staff" are not one person.
    async fn author(
        &mut self,
        name: &str,
        item: &PreparedItem,
    ) -> Result<Option<AuthorId>, StoreError> {
        let slug = Slug::from_title(name, &item.language);
        let key = format!("{}/{}", self.source.key, slug.as_str());
        if let Some(id) = self.authors.get(&key) {
            return Ok(Some(*id));
        }
        let store = self.p.store();
        let id = match store.term_id_by_key(TermKind::Author, &key).await? {
            Some(id) => AuthorId::new(id),
            None => {
                let mut names = Localized::new();
                names.insert(item.language.clone(), name.to_owned());
                let created = store
                    .create_author(NewAuthor {
                        term: NewTerm {
                            key: key.clone(),
                            names,
                            descriptions: Localized::new(),
                        },
                        source: Some(self.source.id),
                    })
                    .await;
                match created {
                    Ok(author) => author.id,
                    // Another worker created it meanwhile.
                    Err(StoreError::Conflict { .. }) => {
                        match store.term_id_by_key(TermKind::Author, &key).await? {
                            Some(id) => AuthorId::new(id),
                            None => return Ok(None),
                        }
                    }
                    // A name that cannot be an author (its slug clashes in another way):
                    // the article keeps its credit through the source.
                    Err(StoreError::Invalid(_)) => return Ok(None),
                    Err(other) => return Err(other),
                }
            }
        };
        self.authors.insert(key, id);
        Ok(Some(id))
    }
}
