//! Configuration from environment variables, each with a default that works on a laptop.
use ipnet::IpNet;
use std::net::IpAddr;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://…` or `postgres://…`. Default: a SQLite file under `DATA_DIR`.
    pub database_url: String,
    /// `DATA_DIR`: where the default SQLite file lives; created on first run.
    pub data_dir: PathBuf,
    /// `PUBLIC_URL`: the address people use (default `http://` + `LEPTOS_SITE_ADDR`); browsers may
    /// change data only from this origin; `https://` makes cookies `Secure` and adds HSTS.
    pub public_url: String,
    /// `TRUSTED_PROXIES`: the reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: TrustedProxies,
    /// `METRICS_ALLOWED`: who may read `/metrics`.
    pub metrics_readers: MetricsReaders,
}

impl Config {
    /// Reads the environment; a setting that cannot be understood stops the server.
    pub fn from_env() -> Result<Self, String> {
        let data_dir = std::env::var_os("DATA_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("data"));
        let database_url = std::env::var("DATABASE_URL")
            .ok()
            .filter(|url| !url.trim().is_empty())
            .unwrap_or_else(|| format!("sqlite://{}?mode=rwc", data_dir.join("youth_centres.db").display()));
        // Writes are accepted only from this origin (CSRF check): by default the address served on.
        let public_url = std::env::var("PUBLIC_URL").ok().filter(|url| !url.trim().is_empty()).unwrap_or_else(|| {
            format!("http://{}", std::env::var("LEPTOS_SITE_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_owned()))
        });
        let trusted_proxies = TrustedProxies::parse(&std::env::var("TRUSTED_PROXIES").unwrap_or_default())?;
        let metrics_readers = MetricsReaders::parse(&std::env::var("METRICS_ALLOWED").unwrap_or_default())?;
        Ok(Self { database_url, data_dir, public_url, trusted_proxies, metrics_readers })
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

/// `CARD_CHECKS_PER_ADDRESS`: card check pages per minute from one address (default 30): a
/// partner's till scans a card at a time, a scraper trying tokens is slowed to a crawl.
pub fn card_checks_per_address() -> u32 {
    std::env::var("CARD_CHECKS_PER_ADDRESS").ok().and_then(|value| value.parse().ok()).unwrap_or(30)
}

/// How long a stopping server waits for requests in flight (`SHUTDOWN_GRACE_SECONDS`, default 20).
pub fn shutdown_grace() -> std::time::Duration {
    let seconds = std::env::var("SHUTDOWN_GRACE_SECONDS").ok().and_then(|value| value.trim().parse().ok());
    std::time::Duration::from_secs(seconds.unwrap_or(20))
}

/// `PAGE_CACHE_MILLISECONDS`: how long an anonymous page view may be answered from memory
/// (default 1000; 0 turns the cache off). Writes on this server empty the cache at once; the
/// setting bounds how late writes made elsewhere (another server, the command line) show.
pub fn page_cache_ttl() -> std::time::Duration {
    let millis = std::env::var("PAGE_CACHE_MILLISECONDS").ok().and_then(|value| value.trim().parse().ok());
    std::time::Duration::from_millis(millis.unwrap_or(1_000).min(60_000))
}

/// Reverse proxies in front of the server (`TRUSTED_PROXIES`: comma-separated addresses and CIDR
/// ranges, empty by default). Only a request arriving from one of them may name its client in
/// `X-Forwarded-For`; anyone else could write any address there and escape the rate limits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    pub fn parse(setting: &str) -> Result<Self, String> {
        parse_networks("TRUSTED_PROXIES", setting).map(Self)
    }

    fn trusts(&self, address: IpAddr) -> bool {
        contains(&self.0, address)
    }

    /// The client of a request that reached us from `peer`: the peer itself, unless it is a trusted
    /// proxy; then the rightmost `X-Forwarded-For` hop that is not a trusted proxy (hops further
    /// left were written by the client and prove nothing). `forwarded_for` holds the header's
    /// values in the order received.
    pub fn client_address<'a>(&self, peer: IpAddr, forwarded_for: impl IntoIterator<Item = &'a str>) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.trusts(peer) {
            return peer;
        }
        let hops: Vec<&str> = forwarded_for.into_iter().flat_map(|value| value.split(',')).collect();
        let mut client = peer;
        for hop in hops.iter().rev() {
            // A hop we cannot read ends the chain: the last proxy we trust is all we know.
            let Ok(address) = hop.trim().parse::<IpAddr>() else {
                return client;
            };
            client = address.to_canonical();
            if !self.trusts(client) {
                return client;
            }
        }
        client
    }
}

/// Comma-separated IP addresses and CIDR ranges (a setting named `variable`, for its error message).
fn parse_networks(variable: &str, setting: &str) -> Result<Vec<IpNet>, String> {
    setting
        .split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            entry
                .parse::<IpNet>()
                .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| format!("{variable}: `{entry}` is neither an IP address nor a CIDR range"))
        })
        .collect()
}

fn contains(networks: &[IpNet], address: IpAddr) -> bool {
    let address = address.to_canonical();
    networks.iter().any(|net| net.contains(&address))
}

/// Clients that may read `/metrics` (`METRICS_ALLOWED`: comma-separated addresses and CIDR ranges;
/// empty by default, and then nobody may). Checked against the client address, read through
/// `TRUSTED_PROXIES` like every other.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MetricsReaders(Vec<IpNet>);

impl MetricsReaders {
    pub fn parse(setting: &str) -> Result<Self, String> {
        parse_networks("METRICS_ALLOWED", setting).map(Self)
    }

    pub fn allows(&self, client: IpAddr) -> bool {
        contains(&self.0, client)
    }
}

#[cfg(test)]
mod tests {
    use super::TrustedProxies;
    use std::net::IpAddr;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an IP address")
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says() {
        let none = TrustedProxies::parse("").unwrap();
        assert_eq!(none.client_address(ip("203.0.113.7"), ["198.51.100.1"]), ip("203.0.113.7"));
    }

    #[test]
    fn behind_a_trusted_proxy_the_rightmost_untrusted_hop_is_the_client() {
        let proxies = TrustedProxies::parse("10.0.0.0/8, 192.168.1.5").unwrap();
        // The client wrote a fake first hop; the proxy appended the real address.
        assert_eq!(proxies.client_address(ip("10.1.2.3"), ["1.1.1.1, 203.0.113.7"]), ip("203.0.113.7"));
        // Two proxies in a row, the header split over two lines.
        assert_eq!(proxies.client_address(ip("192.168.1.5"), ["203.0.113.7", "10.9.9.9"]), ip("203.0.113.7"));
        // An unreadable hop: the nearest trusted proxy stands for the client.
        assert_eq!(proxies.client_address(ip("10.1.2.3"), ["203.0.113.7, garbage"]), ip("10.1.2.3"));
        // No header at all: the proxy itself.
        assert_eq!(proxies.client_address(ip("10.1.2.3"), std::iter::empty()), ip("10.1.2.3"));
        // IPv4 peers seen through an IPv6 socket still match.
        assert_eq!(proxies.client_address(ip("::ffff:10.1.2.3"), ["203.0.113.7"]), ip("203.0.113.7"));
    }

    #[test]
    fn an_untrusted_peer_cannot_choose_its_address() {
        let proxies = TrustedProxies::parse("10.0.0.0/8").unwrap();
        assert_eq!(proxies.client_address(ip("203.0.113.7"), ["10.0.0.1"]), ip("203.0.113.7"));
    }

    #[test]
    fn a_setting_that_is_not_an_address_stops_the_server() {
        assert!(TrustedProxies::parse("10.0.0.0/8, proxy.internal").is_err());
        assert_eq!(TrustedProxies::parse(" 2001:db8::/32 ,").unwrap().0.len(), 1);
    }
}
