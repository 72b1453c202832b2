//! The one error type of `herald_i18n`.

use herald_domain::Language;

/// What went wrong while loading or strictly formatting interface messages.
///
/// Loading errors mean a misconfigured site (an unsupported locale) or a broken build (a
/// locale file that does not parse); the lenient lookups of [`crate::Messages`] never fail.
#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    /// The site enables no interface locale at all.
    #[error("no interface locale is enabled")]
    NoLocales,
    /// A locale was asked for that Herald has no messages for.
    #[error("interface locale '{locale}' is not supported (supported: {supported})")]
    Unsupported {
        /// The locale asked for.
        locale: Language,
        /// The supported tags, comma-separated.
        supported: String,
    },
    /// A supported locale's tag is not understood by Fluent or ICU4X.
    #[error("locale tag '{tag}' is not usable: {reason}")]
    Tag {
        /// The tag.
        tag: String,
        /// Why it was refused.
        reason: String,
    },
    /// A Fluent file has syntax errors.
    #[error("{locale}/{file} does not parse: {errors}")]
    Parse {
        /// The locale's tag.
        locale: String,
        /// The file name, e.g. `site.ftl`.
        file: &'static str,
        /// The parser's complaints, joined.
        errors: String,
    },
    /// A Fluent file could not be added to its locale's bundle (a message defined twice).
    #[error("{locale}/{file} conflicts with the locale's other files: {errors}")]
    Bundle {
        /// The locale's tag.
        locale: String,
        /// The file name.
        file: &'static str,
        /// The bundle's complaints, joined.
        errors: String,
    },
    /// ICU4X has no usable date or number data for the locale.
    #[error("loading ICU4X {what} data for '{locale}' failed")]
    Icu {
        /// The locale's tag.
        locale: String,
        /// Which formatter: `date`, `date and time` or `number`.
        what: &'static str,
        /// ICU4X's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// [`crate::Messages::try_format`]: the locale does not define the message.
    #[error("message '{id}' is missing in locale '{locale}'")]
    MissingMessage {
        /// The locale asked for.
        locale: Language,
        /// The message id.
        id: String,
    },
    /// [`crate::Messages::try_format`]: Fluent reported errors, such as a missing variable.
    #[error("formatting message '{id}' in '{locale}' failed: {errors}")]
    Format {
        /// The locale asked for.
        locale: Language,
        /// The message id.
        id: String,
        /// Fluent's complaints, joined.
        errors: String,
    },
}

/// `Result` with [`I18nError`] as the default error.
pub type Result<T, E = I18nError> = std::result::Result<T, E>;
