//! The SSRF guard: Herald fetches whatever URL an editor (or a feed, or a redirect) names, so
//! without a guard a source could make it read the cloud metadata service or an admin page on
//! the newsroom's private network.
//!
//! What is refused, unless the operator's [`AddressAllowList`] names it: every address that is
//! not globally reachable unicast — loopback, private (RFC 1918, fc00::/7), link-local
//! (169.254/16 including the metadata address 169.254.169.254, fe80::/10), shared CGNAT space,
//! `0.0.0.0/8`, multicast, broadcast and reserved space, documentation and benchmarking
//! ranges, and the IPv6 forms that embed such an IPv4 address (mapped, compatible, NAT64,
//! 6to4) — plus cloud metadata host names whatever they resolve to.
//!
//! The address checked is the address connected to: host names go through `GuardedResolver`,
//! which reqwest calls for every new connection and which drops refused addresses, so a DNS
//! answer cannot change between the check and the connection. reqwest does not resolve IP
//! literals, so `check_url_host` checks those before each request, redirects included.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

use super::error::FetchError;

/// Host names of cloud metadata services, refused whatever they resolve to (and even when the
/// allow-list would let their address through).
const METADATA_HOSTS: &[&str] = &[
    "metadata",
    "metadata.google.internal",
    "metadata.goog",
    "metadata.azure.com",
    "instance-data",
    "instance-data.ec2.internal",
];

/// Addresses let through although they are private or loopback: for a newsroom whose outlets
/// include an intranet, and for tests (which allow `127.0.0.1`).
///
/// Entries are IP addresses (`127.0.0.1`, `::1`, `[::1]`) or CIDR blocks (`10.0.0.0/8`,
/// `fd00::/8`). Host names and ports are not accepted: the guard works on addresses. An
/// IPv4-mapped IPv6 address (`::ffff:10.1.2.3`) is matched as the IPv4 address it carries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddressAllowList {
    nets: Vec<Net>,
}

/// An address block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Net {
    addr: IpAddr,
    prefix: u8,
}

impl Net {
    fn contains(self, ip: IpAddr) -> bool {
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => prefix_eq(
                u128::from(net.to_bits()),
                u128::from(ip.to_bits()),
                self.prefix,
                32,
            ),
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                prefix_eq(net.to_bits(), ip.to_bits(), self.prefix, 128)
            }
            _ => false,
        }
    }
}

impl fmt::Display for Net {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// Whether the first `prefix` bits of two `width`-bit numbers agree.
fn prefix_eq(a: u128, b: u128, prefix: u8, width: u32) -> bool {
    let prefix = u32::from(prefix).min(width);
    if prefix == 0 {
        return true;
    }
    let shift = width - prefix;
    a >> shift == b >> shift
}

impl AddressAllowList {
    /// Reads the operator's entries; an entry that is no address or block is an error naming
    /// it.
    ///
    /// # Errors
    ///
    /// [`FetchError::InvalidPolicy`] for the first entry that cannot be read.
    pub fn parse(entries: &[String]) -> Result<Self, FetchError> {
        let nets = entries
            .iter()
            .map(|entry| {
                parse_net(entry).ok_or_else(|| {
                    FetchError::InvalidPolicy(format!(
                        "'{entry}' in the address allow-list is not an IP address or CIDR block"
                    ))
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { nets })
    }

    /// Whether `ip` is on the list.
    #[must_use]
    pub fn allows(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.nets.iter().any(|net| net.contains(ip))
    }

    /// Whether the list is empty (nothing private is allowed).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.nets.is_empty()
    }
}

impl fmt::Display for AddressAllowList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, net) in self.nets.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{net}")?;
        }
        Ok(())
    }
}

fn parse_net(entry: &str) -> Option<Net> {
    let entry = entry.trim();
    let (addr, prefix) = match entry.split_once('/') {
        Some((addr, prefix)) => (addr, Some(prefix)),
        None => (entry, None),
    };
    let addr = addr.trim_start_matches('[').trim_end_matches(']');
    let addr = canonical(addr.parse::<IpAddr>().ok()?);
    let width = if addr.is_ipv4() { 32 } else { 128 };
    let prefix = match prefix {
        Some(p) => {
            let p: u8 = p.trim().parse().ok()?;
            // A mapped block (`::ffff:10.0.0.0/104`) becomes the IPv4 block it covers.
            let entry_was_v6 = entry.contains(':');
            let p = if entry_was_v6 && addr.is_ipv4() {
                p.checked_sub(96)?
            } else {
                p
            };
            (u32::from(p) <= width).then_some(p)?
        }
        None => u8::try_from(width).ok()?,
    };
    Some(Net { addr, prefix })
}

/// An IPv4-mapped IPv6 address as the IPv4 address it is; anything else unchanged.
#[must_use]
pub(crate) fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        IpAddr::V4(_) => ip,
    }
}

/// Why an address is not one Herald may fetch from, as a phrase ("a loopback address");
/// `None` for a globally reachable unicast address.
#[must_use]
pub fn refusal(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => refusal_v4(v4),
        IpAddr::V6(v6) => refusal_v6(v6),
    }
}

fn in_v4(ip: Ipv4Addr, net: [u8; 4], prefix: u8) -> bool {
    prefix_eq(
        u128::from(Ipv4Addr::from(net).to_bits()),
        u128::from(ip.to_bits()),
        prefix,
        32,
    )
}

fn refusal_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let table: &[([u8; 4], u8, &'static str)] = &[
        ([0, 0, 0, 0], 8, "a \"this network\" address"),
        ([10, 0, 0, 0], 8, "a private address"),
        ([100, 64, 0, 0], 10, "a shared (carrier-grade NAT) address"),
        ([127, 0, 0, 0], 8, "a loopback address"),
        ([169, 254, 0, 0], 16, "a link-local address"),
        ([172, 16, 0, 0], 12, "a private address"),
        ([192, 0, 0, 0], 24, "an IETF protocol address"),
        ([192, 0, 2, 0], 24, "a documentation address"),
        ([192, 31, 196, 0], 24, "an AS112 service address"),
        ([192, 52, 193, 0], 24, "an AMT relay address"),
        ([192, 88, 99, 0], 24, "a 6to4 relay address"),
        ([192, 168, 0, 0], 16, "a private address"),
        ([192, 175, 48, 0], 24, "an AS112 service address"),
        ([198, 18, 0, 0], 15, "a benchmarking address"),
        ([198, 51, 100, 0], 24, "a documentation address"),
        ([203, 0, 113, 0], 24, "a documentation address"),
        ([224, 0, 0, 0], 4, "a multicast address"),
        ([255, 255, 255, 255], 32, "the broadcast address"),
        ([240, 0, 0, 0], 4, "a reserved address"),
    ];
    table
        .iter()
        .find(|(net, prefix, _)| in_v4(ip, *net, *prefix))
        .map(|(_, _, why)| *why)
}

fn refusal_v6(ip: Ipv6Addr) -> Option<&'static str> {
    let bits = ip.to_bits();
    let seg = ip.segments();
    if ip.is_unspecified() {
        return Some("the unspecified address");
    }
    if ip.is_loopback() {
        return Some("a loopback address");
    }
    // Forms that carry an IPv4 address: judged by the address they carry.
    if let Some(v4) = ip.to_ipv4_mapped() {
        return refusal_v4(v4);
    }
    let low32 = Ipv4Addr::from_bits(u32::try_from(bits & 0xFFFF_FFFF).unwrap_or(0));
    if bits >> 32 == 0 {
        // ::a.b.c.d, deprecated "IPv4-compatible": nothing public answers there.
        return Some("an IPv4-compatible IPv6 address");
    }
    if bits >> 32 == 0x0064_FF9B_0000_0000_0000_0000 {
        // NAT64 well-known prefix 64:ff9b::/96.
        return refusal_v4(low32);
    }
    if seg[0] == 0x2002 {
        // 6to4: 2002:AABB:CCDD::/48 carries AA.BB.CC.DD.
        let carried = Ipv4Addr::from_bits(u32::try_from((bits >> 80) & 0xFFFF_FFFF).unwrap_or(0));
        return refusal_v4(carried);
    }
    let table: &[(u128, u8, &'static str)] = &[
        (0x0064_FF9B_0001 << 80, 48, "a local-use NAT64 address"),
        (0x0100 << 112, 64, "a discard-only address"),
        (0x2001_0DB8 << 96, 32, "a documentation address"),
        (0x2001_0002 << 96, 48, "a benchmarking address"),
        (0x2001 << 112, 23, "an IETF protocol address"),
        (0x3FFF << 112, 20, "a documentation address"),
        (0x5F00 << 112, 16, "a segment routing address"),
        (0xFC00 << 112, 7, "a unique local (private) address"),
        (0xFE80 << 112, 10, "a link-local address"),
        (0xFEC0 << 112, 10, "a site-local address"),
        (0xFF00 << 112, 8, "a multicast address"),
    ];
    if let Some((_, _, why)) = table
        .iter()
        .find(|(net, prefix, _)| prefix_eq(*net, bits, *prefix, 128))
    {
        return Some(why);
    }
    // Only 2000::/3 is global unicast.
    if !prefix_eq(0x2000 << 112, bits, 3, 128) {
        return Some("a reserved address");
    }
    None
}

/// The SSRF policy: what is refused, and what the operator allowed anyway.
#[derive(Debug, Clone, Default)]
pub(crate) struct Guard {
    pub(crate) allow: AddressAllowList,
}

impl Guard {
    /// Why `ip` is refused, unless allowed.
    pub(crate) fn refuses(&self, ip: IpAddr) -> Option<&'static str> {
        let ip = canonical(ip);
        let why = refusal(ip)?;
        (!self.allow.allows(ip)).then_some(why)
    }
}

/// Why a host name is refused by name (cloud metadata services), whatever it resolves to.
pub(crate) fn refused_name(host: &str) -> Option<&'static str> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    METADATA_HOSTS
        .contains(&host.as_str())
        .then_some("a cloud metadata host")
}

/// Checks a URL's host before a request: refused names, and IP literals (which reqwest
/// connects to without asking the resolver).
pub(crate) fn check_url_host(guard: &Guard, url: &Url) -> Result<(), FetchError> {
    let blocked = |addr: String, reason: &'static str| FetchError::Blocked {
        url: Box::new(url.clone()),
        addr,
        reason,
    };
    match url.host() {
        None => Err(FetchError::InvalidUrl(format!("{url} has no host"))),
        Some(Host::Domain(name)) => match refused_name(name) {
            Some(why) => Err(blocked(name.to_owned(), why)),
            None => Ok(()),
        },
        Some(Host::Ipv4(v4)) => match guard.refuses(IpAddr::V4(v4)) {
            Some(why) => Err(blocked(v4.to_string(), why)),
            None => Ok(()),
        },
        Some(Host::Ipv6(v6)) => match guard.refuses(IpAddr::V6(v6)) {
            Some(why) => Err(blocked(v6.to_string(), why)),
            None => Ok(()),
        },
    }
}

/// Why the resolver refused every address of a name; found again in reqwest's error chain to
/// report [`FetchError::Blocked`].
#[derive(Debug, Clone, thiserror::Error)]
#[error("{host} resolves only to refused addresses ({addr} is {reason})")]
pub(crate) struct ResolveRefused {
    pub(crate) host: String,
    pub(crate) addr: IpAddr,
    pub(crate) reason: &'static str,
}

/// A DNS resolver for reqwest that resolves with the system (through tokio) and keeps only the
/// addresses the guard accepts.
#[derive(Debug, Clone)]
pub(crate) struct GuardedResolver {
    pub(crate) guard: Arc<Guard>,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let guard = Arc::clone(&self.guard);
        let host = name.as_str().to_owned();
        Box::pin(async move {
            if let Some(why) = refused_name(&host) {
                // A metadata name never reaches the system resolver.
                return Err(Box::new(ResolveRefused {
                    host,
                    addr: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
                    reason: why,
                })
                    as Box<dyn std::error::Error + Send + Sync>);
            }
            let resolved: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let (kept, refused) = filter(&guard, resolved);
            if kept.is_empty() {
                return Err(match refused {
                    Some((addr, reason)) => Box::new(ResolveRefused { host, addr, reason })
                        as Box<dyn std::error::Error + Send + Sync>,
                    None => format!("{host} has no address").into(),
                });
            }
            Ok(Box::new(kept.into_iter()) as Addrs)
        })
    }
}

/// Splits resolved addresses into those kept and the first refused one, with why.
fn filter(
    guard: &Guard,
    resolved: Vec<SocketAddr>,
) -> (Vec<SocketAddr>, Option<(IpAddr, &'static str)>) {
    let mut refused = None;
    let kept = resolved
        .into_iter()
        .filter(|addr| match guard.refuses(addr.ip()) {
            Some(why) => {
                refused.get_or_insert((addr.ip(), why));
                false
            }
            None => true,
        })
        .collect();
    (kept, refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("an IP address")
    }

    #[test]
    fn refuses_every_range_that_is_not_global_unicast() {
        for (addr, why) in [
            ("0.0.0.0", "\"this network\""),
            ("0.1.2.3", "\"this network\""),
            ("10.1.2.3", "private"),
            ("100.64.0.1", "carrier-grade"),
            ("127.0.0.1", "loopback"),
            ("127.255.255.254", "loopback"),
            ("169.254.169.254", "link-local"),
            ("172.16.0.1", "private"),
            ("172.31.255.255", "private"),
            ("192.0.0.8", "IETF"),
            ("192.0.2.1", "documentation"),
            ("192.168.1.1", "private"),
            ("198.18.0.1", "benchmarking"),
            ("198.19.255.1", "benchmarking"),
            ("198.51.100.7", "documentation"),
            ("203.0.113.9", "documentation"),
            ("224.0.0.1", "multicast"),
            ("239.255.255.250", "multicast"),
            ("240.0.0.1", "reserved"),
            ("255.255.255.255", "broadcast"),
            ("::", "unspecified"),
            ("::1", "loopback"),
            ("::ffff:127.0.0.1", "loopback"),
            ("::ffff:169.254.169.254", "link-local"),
            ("::127.0.0.1", "IPv4-compatible"),
            ("::8.8.8.8", "IPv4-compatible"),
            ("64:ff9b::a9fe:a9fe", "link-local"),
            ("64:ff9b:1::1", "NAT64"),
            ("2002:7f00:1::1", "loopback"),
            ("2002:c0a8:101::1", "private"),
            ("2001:db8::1", "documentation"),
            ("2001::1", "IETF"),
            ("fc00::1", "unique local"),
            ("fd12:3456::1", "unique local"),
            ("fe80::1", "link-local"),
            ("fec0::1", "site-local"),
            ("ff02::1", "multicast"),
            ("100::1", "discard"),
            ("3fff::1", "documentation"),
            ("4000::1", "reserved"),
        ] {
            let got = refusal(ip(addr));
            assert!(
                got.is_some_and(|g| g.contains(why)),
                "{addr}: expected '{why}', got {got:?}"
            );
        }
    }

    #[test]
    fn lets_public_addresses_through() {
        for addr in [
            "1.1.1.1",
            "8.8.8.8",
            "93.184.215.14",
            "172.32.0.1",
            "100.128.0.1",
            "2606:4700::1111",
            "2a00:1450:4001::1",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "2002:808:808::1",
        ] {
            assert_eq!(refusal(ip(addr)), None, "{addr}");
        }
    }

    #[test]
    fn the_allow_list_reads_addresses_and_blocks_and_matches_mapped_forms() {
        let list = AddressAllowList::parse(&[
            "127.0.0.1".into(),
            " 10.0.0.0/8 ".into(),
            "[::1]".into(),
            "fd00::/8".into(),
            "::ffff:192.168.0.0/112".into(),
        ])
        .expect("valid entries");
        assert!(list.allows(ip("127.0.0.1")));
        assert!(list.allows(ip("::ffff:127.0.0.1")));
        assert!(!list.allows(ip("127.0.0.2")));
        assert!(list.allows(ip("10.200.3.4")));
        assert!(list.allows(ip("::1")));
        assert!(list.allows(ip("fd99::1")));
        assert!(list.allows(ip("192.168.44.1")));
        assert!(!list.allows(ip("169.254.169.254")));
        for bad in ["localhost", "10.0.0.0/33", "::/129", "1.2.3.4:80", ""] {
            let err = AddressAllowList::parse(&[bad.into()]).expect_err(bad);
            assert!(matches!(err, FetchError::InvalidPolicy(_)), "{bad}");
        }
    }

    #[test]
    fn an_allowed_address_passes_and_the_rest_stays_refused() {
        let guard = Guard {
            allow: AddressAllowList::parse(&["127.0.0.1".into()]).expect("valid"),
        };
        assert_eq!(guard.refuses(ip("127.0.0.1")), None);
        assert_eq!(guard.refuses(ip("::ffff:127.0.0.1")), None);
        assert!(guard.refuses(ip("169.254.169.254")).is_some());
        assert!(guard.refuses(ip("::1")).is_some());
    }

    #[test]
    fn resolved_addresses_are_filtered_and_the_first_refusal_kept() {
        let guard = Guard::default();
        let (kept, refused) = filter(
            &guard,
            vec![
                "127.0.0.1:0".parse().expect("addr"),
                "8.8.8.8:0".parse().expect("addr"),
            ],
        );
        assert_eq!(kept, vec!["8.8.8.8:0".parse::<SocketAddr>().expect("addr")]);
        assert_eq!(refused, Some((ip("127.0.0.1"), "a loopback address")));
    }

    #[test]
    fn metadata_names_are_refused_and_ip_literals_checked() {
        let guard = Guard::default();
        for url in [
            "http://metadata.google.internal/computeMetadata/v1/",
            "http://METADATA.google.internal./",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::ffff:127.0.0.1]/",
            "http://2130706433/",
            "http://0x7f.1/",
            "http://[fe80::1]/",
        ] {
            let url = Url::parse(url).expect("url");
            assert!(
                matches!(
                    check_url_host(&guard, &url),
                    Err(FetchError::Blocked { .. })
                ),
                "{url}"
            );
        }
        let ok = Url::parse("https://example.com/").expect("url");
        assert!(check_url_host(&guard, &ok).is_ok());
    }
}
