//! Page data loaded through a server function: on the server while the page renders (then sent
//! along in the HTML for hydration), in the browser when what it depends on changes.
use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::future::Future;

/// JSON, like Leptos's default codec for resources, but read in the browser with
/// `serde_json::from_slice`, as server functions read their results. `from_str` would compile a
/// second JSON reader of every result type into the client's WASM (Leptos's default does that).
pub struct SliceJson;

impl<T: Serialize> Encoder<T> for SliceJson {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for SliceJson {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, serde_json::Error> {
        serde_json::from_slice(text.as_bytes())
    }
}

/// Data a page loads (a Leptos resource using [`SliceJson`]).
pub type Loaded<T> = Resource<T, SliceJson>;

/// Loads `fetcher(source())`, again whenever `source` changes (as `Resource::new`).
#[track_caller]
pub fn load<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Loaded<T>
where
    S: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_server_encodes_the_client_decodes() {
        let value: Result<Vec<(String, u32)>, String> = Ok(vec![("Алматы <script>".into(), 16)]);
        let encoded = <SliceJson as Encoder<_>>::encode(&value).expect("encodes");
        let decoded: Result<Vec<(String, u32)>, String> = <SliceJson as Decoder<_>>::decode(&encoded).expect("decodes");
        assert_eq!(decoded, value);
        assert!(<SliceJson as Decoder<Vec<u32>>>::decode("[1, \"two\"]").is_err(), "a wrong shape is an error");
    }
}
