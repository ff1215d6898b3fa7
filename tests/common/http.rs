//! A local HTTP server for the `lists update` tests: std's TcpListener in a thread, serving files the test sets
//! (and changes between runs), an error status, a body cut short of its Content-Length, or no answer at all.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// What the server answers for a path.
#[derive(Clone)]
pub enum Reply {
    File(Vec<u8>),
    Status(u16),
    /// The body, announced as longer than it is, then the connection closed.
    Truncated(Vec<u8>, usize),
    /// Accepts the request and never answers.
    Hang,
}

pub struct Server {
    pub port: u16,
    replies: Arc<Mutex<HashMap<String, Reply>>>,
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let replies: Arc<Mutex<HashMap<String, Reply>>> = Arc::default();
        let table = replies.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let table = table.clone();
                std::thread::spawn(move || {
                    let mut buf = [0u8; 4096];
                    let mut req = Vec::new();
                    while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                        match stream.read(&mut buf) {
                            Ok(0) | Err(_) => return,
                            Ok(n) => req.extend_from_slice(&buf[..n]),
                        }
                    }
                    let line = String::from_utf8_lossy(&req).lines().next().unwrap_or("").to_string();
                    let path = line.split(' ').nth(1).unwrap_or("/").to_string();
                    let reply = table.lock().expect("lock").get(&path).cloned().unwrap_or(Reply::Status(404));
                    let head = |status: &str, len: usize| {
                        format!("HTTP/1.1 {status}\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n")
                    };
                    let _ = match reply {
                        Reply::File(body) => stream.write_all(&[head("200 OK", body.len()).as_bytes(), &body].concat()),
                        Reply::Status(code) => stream.write_all(head(&format!("{code} Error"), 0).as_bytes()),
                        Reply::Truncated(body, len) => {
                            stream.write_all(&[head("200 OK", len).as_bytes(), &body].concat())
                        }
                        Reply::Hang => {
                            std::thread::sleep(std::time::Duration::from_secs(30));
                            Ok(())
                        }
                    };
                });
            }
        });
        Server { port, replies }
    }

    pub fn set(&self, path: &str, reply: Reply) {
        self.replies.lock().expect("lock").insert(path.to_string(), reply);
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}
