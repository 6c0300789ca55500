//! Unguessable tokens for links that are their own key: card checks, calendar feeds, quiz results.
use base64::Engine;
use password_hash::rand_core::{OsRng, RngCore};

/// `BYTES` random bytes from the operating system, as URL-safe base64 without padding.
pub fn url_token<const BYTES: usize>() -> String {
    let mut bytes = [0u8; BYTES];
    OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_url_safe_and_differ() {
        let first = super::url_token::<18>();
        assert_eq!(first.len(), 24);
        assert!(first.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'), "{first}");
        assert_ne!(first, super::url_token::<18>());
    }
}
