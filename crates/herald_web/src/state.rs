//! [`AppState`]: what every handler shares — the store, the messages and the settings.

use std::sync::Arc;

use herald_i18n::Messages;
use herald_store::Store;

use crate::WebSettings;

/// The state handlers share. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    store: Arc<dyn Store>,
    messages: Messages,
    settings: Arc<WebSettings>,
}

impl AppState {
    /// Puts the site's parts together. Check the settings with [`WebSettings::validate`]
    /// first; `messages` should be loaded for the settings' languages.
    pub fn new(store: Arc<dyn Store>, messages: Messages, settings: WebSettings) -> Self {
        Self {
            store,
            messages,
            settings: Arc::new(settings),
        }
    }

    /// The store pages read from.
    pub(crate) fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// The interface messages.
    pub(crate) fn messages(&self) -> &Messages {
        &self.messages
    }

    /// The site's settings.
    pub(crate) fn settings(&self) -> &WebSettings {
        &self.settings
    }
}
