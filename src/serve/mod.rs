//! The preview server behind `peerprep serve`: the course built into memory
//! ([`site`]), answered over HTTP ([`http`]) to requests addressed to this
//! computer ([`host`]) by hyper on a few threads ([`server`]), and rebuilt
//! whenever a source changes ([`watch`]). Served pages reload themselves
//! after each rebuild.

pub(crate) mod host;
pub(crate) mod http;
pub(crate) mod server;
pub(crate) mod site;
pub(crate) mod watch;
