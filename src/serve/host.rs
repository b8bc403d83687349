//! Which `Host` headers the preview server answers: its defence against DNS
//! rebinding, where a web page the user visits points its own domain name at
//! this computer and reads the served course through it (in the facilitator
//! edition, the answer keys).
//!
//! Input: the address the server is bound to and a request's `Host` header.
//! Output: whether to answer. Answered: `localhost`, `127.0.0.1`, `[::1]` and
//! the bound address, with any port or none; when bound wider than loopback
//! (`--bind 0.0.0.0`), also this computer's host name and any address written
//! as numbers, since the network reaches it by those and DNS cannot re-point
//! a numeric address. Anything else, a missing or malformed header included,
//! is refused; the caller answers `421 Misdirected Request`.

use std::net::IpAddr;

/// The `Host` values a server bound to one address answers.
#[derive(Debug, Clone)]
pub(crate) struct Hosts {
    bound: IpAddr,
    /// This computer's host name, lowercase, when bound wider than loopback.
    machine: Option<String>,
}

impl Hosts {
    /// The hosts for a server bound to `bound` (reads this computer's name
    /// when `bound` is not a loopback address).
    pub(crate) fn new(bound: IpAddr) -> Self {
        let machine = if bound.is_loopback() {
            None
        } else {
            Some(gethostname::gethostname().to_string_lossy().into_owned())
        };
        Self::with_machine_name(bound, machine)
    }

    /// The hosts for a server bound to `bound` on a computer called `machine`.
    pub(crate) fn with_machine_name(bound: IpAddr, machine: Option<String>) -> Self {
        let machine = machine
            .map(|m| m.trim().trim_end_matches('.').to_ascii_lowercase())
            .filter(|m| !m.is_empty() && !bound.is_loopback());
        Self { bound, machine }
    }

    /// Whether a request whose `Host` header is `host` (None: no header) is answered.
    pub(crate) fn allows(&self, host: Option<&str>) -> bool {
        let Some(name) = host.and_then(host_name) else {
            return false;
        };
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        if name == "localhost" {
            return true;
        }
        if let Some(address) = ip_address(&name) {
            return address.is_loopback() || address == self.bound || !self.bound.is_loopback();
        }
        self.machine.as_deref() == Some(name.as_str())
    }
}

/// The name part of a `Host` header value (`name`, `name:port`, `[v6]` or
/// `[v6]:port`), or None when the value is not of that form.
fn host_name(value: &str) -> Option<&str> {
    let value = value.trim();
    let (name, port) = match value.strip_prefix('[') {
        Some(rest) => {
            let (inside, after) = rest.split_once(']')?;
            let port = match after {
                "" => None,
                _ => Some(after.strip_prefix(':')?),
            };
            (&value[..inside.len() + 2], port)
        }
        None => match value.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (value, None),
        },
    };
    let port_ok =
        port.is_none_or(|p| p.parse::<u16>().is_ok() && p.bytes().all(|b| b.is_ascii_digit()));
    let name_ok = !name.is_empty()
        && name.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'[' | b']' | b':')
        });
    (port_ok && name_ok).then_some(name)
}

/// The address a host name writes as numbers (`127.0.0.1`, `[::1]`), if it is one.
fn ip_address(name: &str) -> Option<IpAddr> {
    match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(v6) => v6.parse::<std::net::Ipv6Addr>().ok().map(IpAddr::V6),
        None => name.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback() -> Hosts {
        Hosts::with_machine_name("127.0.0.1".parse().unwrap(), Some("laptop".into()))
    }

    #[test]
    fn issue_15_loopback_names_are_answered_with_or_without_a_port() {
        let hosts = loopback();
        for host in [
            "localhost",
            "localhost:3000",
            "LOCALHOST:3000",
            "localhost.",
            "127.0.0.1",
            "127.0.0.1:3000",
            "[::1]",
            "[::1]:3000",
            "[0:0:0:0:0:0:0:1]:3000",
            "127.0.0.2:3000",
        ] {
            assert!(hosts.allows(Some(host)), "{host} was refused");
        }
    }

    #[test]
    fn issue_15_other_names_are_refused() {
        let hosts = loopback();
        for host in [
            "evil.example",
            "evil.example:3000",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "localhost:3000@evil.example",
            "localhost:http",
            "localhost:99999",
            "localhost:",
            "localhost:3000:3000",
            "[::1",
            "[::1]x",
            "::1",
            "",
            " ",
            "laptop",
            "192.168.1.5:3000",
            "local host",
        ] {
            assert!(!hosts.allows(Some(host)), "{host:?} was answered");
        }
        assert!(!hosts.allows(None), "a request without Host was answered");
    }

    #[test]
    fn issue_15_a_wider_bind_adds_the_machines_name_and_numeric_addresses() {
        let hosts = Hosts::with_machine_name("0.0.0.0".parse().unwrap(), Some("Laptop".into()));
        for host in [
            "laptop",
            "LAPTOP:3000",
            "laptop.",
            "localhost:3000",
            "192.168.1.5:3000",
            "[fe80::1]:3000",
            "0.0.0.0:3000",
        ] {
            assert!(hosts.allows(Some(host)), "{host} was refused");
        }
        for host in ["evil.example", "laptop.evil.example", "192.168.1.5.nip.io"] {
            assert!(!hosts.allows(Some(host)), "{host} was answered");
        }
        let bound = Hosts::with_machine_name("192.168.1.5".parse().unwrap(), None);
        assert!(bound.allows(Some("192.168.1.5:3000")));
        assert!(!bound.allows(Some("laptop")));
    }

    #[test]
    fn issue_15_the_machine_name_is_read_only_for_a_wider_bind() {
        assert!(Hosts::new("127.0.0.1".parse().unwrap()).machine.is_none());
        assert!(Hosts::new("::1".parse().unwrap()).machine.is_none());
    }
}
