//! `/api/v1/openapi.json`: the OpenAPI 3.1 document of the API, written by hand and checked in
//! beside this file. The HTTP tests call every path it names and validate each answer against
//! the schema it gives for that status, so the document cannot drift from the code unnoticed.

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// The document, as served.
pub(crate) const DOCUMENT: &str = include_str!("openapi.json");

/// `GET /api/v1/openapi.json`.
pub(crate) async fn document() -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, super::API_CACHE_CONTROL),
        ],
        DOCUMENT,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use herald_store::StoreError;

    use super::*;
    use crate::WebError;

    /// Every `$ref` of the document, with where it stands.
    fn references(value: &serde_json::Value, at: &str, out: &mut Vec<(String, String)>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, child) in map {
                    if key == "$ref" {
                        if let Some(target) = child.as_str() {
                            out.push((at.to_owned(), target.to_owned()));
                        }
                    } else {
                        references(child, &format!("{at}/{key}"), out);
                    }
                }
            }
            serde_json::Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    references(child, &format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn every_reference_of_the_document_resolves() {
        let doc: serde_json::Value = serde_json::from_str(DOCUMENT).unwrap();
        let mut found = Vec::new();
        references(&doc, "", &mut found);
        assert!(found.len() > 50);
        for (at, target) in found {
            let pointer = target
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("{at}: {target}"));
            assert!(
                doc.pointer(pointer).is_some(),
                "{at}: {target} names nothing"
            );
        }
    }

    #[test]
    fn the_document_lists_every_error_code() {
        let doc: serde_json::Value = serde_json::from_str(DOCUMENT).unwrap();
        let listed: Vec<&str> = doc["components"]["schemas"]["ErrorCode"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let json_error = serde_json::from_str::<u8>("x").unwrap_err();
        let errors = [
            WebError::NotFound,
            WebError::Gone,
            WebError::BadRequest("x"),
            WebError::UriTooLong { limit: 1 },
            WebError::QueryTooLong { limit: 1 },
            WebError::MethodNotAllowed,
            WebError::Store(StoreError::NotFound("article")),
            WebError::Store(StoreError::Open("gone".into())),
            WebError::Render(askama::Error::Fmt),
            WebError::InvalidSettings("x"),
            WebError::UnknownLanguage,
            WebError::InvalidParameter {
                name: "limit",
                expected: "a number",
            },
            WebError::UnknownTerm { name: "topic" },
            WebError::InvalidCursor,
            WebError::NotInLanguage,
            WebError::NotAcceptable,
            WebError::SearchUnavailable("no index".into()),
            WebError::Json(json_error),
        ];
        for error in &errors {
            assert!(listed.contains(&error.code().name), "{}", error.code().name);
        }
    }

    #[test]
    fn the_document_is_json_of_openapi_3_1() {
        let doc: serde_json::Value = serde_json::from_str(DOCUMENT).unwrap();
        assert_eq!(doc["openapi"], "3.1.0");
        assert!(doc["paths"]["/articles"].is_object());
    }
}
