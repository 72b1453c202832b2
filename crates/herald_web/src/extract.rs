//! Extractors that turn malformed reader input into a [`WebError`] (400 or 404) rather than a
//! framework error: path segments that are not UTF-8 once percent-decoded, page numbers that
//! are not numbers.

use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::WebError;

/// The path parameters of a route, percent-decoded; a segment that does not decode to UTF-8
/// is a bad request.
pub(crate) struct Segments<T>(pub(crate) T);

impl<T, S> FromRequestParts<S> for Segments<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(Self(value)),
            Err(PathRejection::FailedToDeserializePathParams(_)) => {
                Err(WebError::BadRequest("path segment is not valid UTF-8"))
            }
            Err(_) => Err(WebError::NotFound),
        }
    }
}

/// The page number of a list from its query string (`?page=N`, from 1; absent means 1). Other
/// parameters are ignored; anything but a positive whole number is a bad request.
pub(crate) fn page_number(query: Option<&str>) -> Result<u32, WebError> {
    let Some(query) = query else { return Ok(1) };
    let value = url::form_urlencoded::parse(query.as_bytes())
        .find(|(name, _)| name == "page")
        .map(|(_, value)| value);
    match value {
        None => Ok(1),
        Some(value) => value
            .parse::<u32>()
            .ok()
            .filter(|&n| n >= 1)
            .ok_or(WebError::BadRequest("page is not a positive whole number")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_page_numbers() {
        assert_eq!(page_number(None).unwrap(), 1);
        assert_eq!(page_number(Some("")).unwrap(), 1);
        assert_eq!(page_number(Some("utm=x&page=3")).unwrap(), 3);
        for bad in [
            "page=0",
            "page=-1",
            "page=x",
            "page=",
            "page=99999999999999999999",
            "page=%FF",
        ] {
            assert!(page_number(Some(bad)).is_err(), "{bad}");
        }
    }
}
