//! Downloads for `export-screen lists update`: one GET per file with ureq (rustls), a time limit, a size limit and
//! https only unless a local mirror is allowed. A body shorter than its Content-Length, an HTTP error status, a
//! redirect to http or a body over the limit is an error naming the address.

use std::time::Duration;

/// How downloads are made.
#[derive(Clone, Debug)]
pub struct Options {
    /// Seconds for one whole download (connect, headers and body).
    pub timeout_secs: u64,
    /// Most bytes one file may have.
    pub max_bytes: u64,
    /// Admits http:// addresses (a local mirror; the tests' server).
    pub allow_http: bool,
}

pub struct Client {
    agent: ureq::Agent,
    opts: Options,
}

impl Client {
    pub fn new(opts: Options) -> Client {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(opts.timeout_secs)))
            .timeout_connect(Some(Duration::from_secs(opts.timeout_secs.min(30))))
            .https_only(!opts.allow_http)
            .http_status_as_error(false)
            .max_redirects(5)
            .user_agent(concat!("export-screen/", env!("CARGO_PKG_VERSION"), " (lists update)"))
            .build();
        Client { agent: config.into(), opts }
    }

    /// The whole body of `url`, or why not.
    pub fn get(&self, url: &str) -> Result<Vec<u8>, String> {
        if !self.opts.allow_http && !url.starts_with("https://") {
            return Err(format!("{url}: not https (pass --allow-http for a local mirror)"));
        }
        let mut resp = self.agent.get(url).call().map_err(|e| format!("{url}: {e}"))?;
        let status = resp.status();
        if !status.is_success() {
            return Err(format!("{url}: HTTP {}", status.as_u16()));
        }
        let declared = resp.body().content_length();
        if let Some(n) = declared.filter(|&n| n > self.opts.max_bytes) {
            return Err(format!("{url}: {n} bytes, more than the limit of {} (--max-bytes)", self.opts.max_bytes));
        }
        let body = resp.body_mut().with_config().limit(self.opts.max_bytes).read_to_vec().map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(n) => format!("{url}: more than the limit of {n} bytes (--max-bytes)"),
            e => format!("{url}: the download broke off ({e})"),
        })?;
        // ureq checks the length as it reads; this says it in words should a server close early without an error.
        if let Some(n) = declared.filter(|&n| n != body.len() as u64) {
            return Err(format!("{url}: truncated: {} of the {n} bytes announced arrived", body.len()));
        }
        Ok(body)
    }
}
