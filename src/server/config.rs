//! Configuration from environment variables, each with a default that works on a laptop.
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://…` or `postgres://…`. Default: a SQLite file under `DATA_DIR`.
    pub database_url: String,
    /// `DATA_DIR`: where the default SQLite file lives; created on first run.
    pub data_dir: PathBuf,
    /// `PUBLIC_URL`: the address people use; an `https://` URL makes session cookies `Secure`.
    pub public_url: String,
}

impl Config {
    pub fn from_env() -> Self {
        let data_dir = std::env::var_os("DATA_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("data"));
        let database_url = std::env::var("DATABASE_URL")
            .ok()
            .filter(|url| !url.trim().is_empty())
            .unwrap_or_else(|| format!("sqlite://{}?mode=rwc", data_dir.join("youth_centres.db").display()));
        let public_url = std::env::var("PUBLIC_URL").unwrap_or_else(|_| "http://127.0.0.1:3000".to_owned());
        Self { database_url, data_dir, public_url }
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }
}

/// `SIGN_IN_ATTEMPTS_PER_ADDRESS`: sign-in and sign-up attempts per minute from one address
/// (default 30). A centre's Wi-Fi puts many young people behind one address, so sites may raise it.
pub fn sign_in_attempts_per_address() -> u32 {
    std::env::var("SIGN_IN_ATTEMPTS_PER_ADDRESS").ok().and_then(|value| value.parse().ok()).unwrap_or(30)
}
