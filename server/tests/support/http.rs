//! A deliberately small HTTP/1.1 client over `std::net::TcpStream`, for the resilience tests.
//!
//! A hand-written client gives full control over what goes on the wire: bodies that are not
//! UTF-8, a `Content-Length` over the server's limit with no body behind it, any header. Every
//! request uses `Connection: close` and goes to 127.0.0.1 only.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// What is sent after the headers.
#[derive(Debug, Clone)]
pub enum Body {
    None,
    Bytes(Vec<u8>),
    /// Declares `Content-Length: n` and sends no body: the server must refuse it from the
    /// header alone.
    DeclaredOnly(u64),
}

#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Body,
}

impl Request {
    pub fn new(method: &str, path: &str) -> Request {
        Request { method: method.to_string(), path: path.to_string(), headers: Vec::new(), body: Body::None }
    }

    pub fn get(path: &str) -> Request {
        Request::new("GET", path)
    }

    pub fn post(path: &str) -> Request {
        Request::new("POST", path)
    }

    pub fn header(mut self, name: &str, value: &str) -> Request {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn bearer(self, token: &str) -> Request {
        self.header("Authorization", &format!("Bearer {token}"))
    }

    pub fn body(mut self, content_type: &str, bytes: impl Into<Vec<u8>>) -> Request {
        self.body = Body::Bytes(bytes.into());
        self.header("Content-Type", content_type)
    }

    pub fn json(self, value: &serde_json::Value) -> Request {
        let bytes = serde_json::to_vec(value).expect("JSON values serialise");
        self.body("application/json", bytes)
    }

    /// An `application/x-www-form-urlencoded` body, as a browser form sends it.
    pub fn form(self, fields: &[(&str, &str)]) -> Request {
        let encoded: Vec<String> =
            fields.iter().map(|(k, v)| format!("{}={}", form_encode(k), form_encode(v))).collect();
        self.body("application/x-www-form-urlencoded", encoded.join("&"))
    }

    pub fn multipart(self, form: Multipart) -> Request {
        let (content_type, bytes) = form.finish();
        self.body(&content_type, bytes)
    }

    /// Sends the request and reads the whole response.
    pub fn send(&self, addr: SocketAddr, timeout: Duration) -> io::Result<Response> {
        let stream = TcpStream::connect_timeout(&addr, timeout)?;
        self.send_on(stream, addr, timeout)
    }

    /// Sends the request from another loopback address (127.0.0.2, ...: Linux routes all of
    /// 127.0.0.0/8 to this machine), as a client elsewhere on the network would.
    pub fn send_from(&self, addr: SocketAddr, local: std::net::IpAddr, timeout: Duration) -> io::Result<Response> {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let stream = runtime.block_on(async {
            let socket = tokio::net::TcpSocket::new_v4()?;
            socket.bind(SocketAddr::new(local, 0))?;
            tokio::time::timeout(timeout, socket.connect(addr)).await.map_err(|_| io::ErrorKind::TimedOut)?
        })?;
        let stream = stream.into_std()?;
        stream.set_nonblocking(false)?;
        self.send_on(stream, addr, timeout)
    }

    fn send_on(&self, mut stream: TcpStream, addr: SocketAddr, timeout: Duration) -> io::Result<Response> {
        stream.set_read_timeout(Some(timeout))?;
        stream.set_write_timeout(Some(timeout))?;
        stream.set_nodelay(true)?;
        let mut head = format!("{} {} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n", self.method, self.path);
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        let length = match &self.body {
            Body::None => None,
            Body::Bytes(bytes) => Some(bytes.len() as u64),
            Body::DeclaredOnly(n) => Some(*n),
        };
        if let Some(length) = length {
            head.push_str(&format!("Content-Length: {length}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes())?;
        if let Body::Bytes(bytes) = &self.body {
            // A server may answer (413) before reading everything; the answer still counts.
            if let Err(error) = stream.write_all(bytes) {
                if !matches!(error.kind(), io::ErrorKind::BrokenPipe | io::ErrorKind::ConnectionReset) {
                    return Err(error);
                }
            }
        }
        stream.flush()?;
        let mut raw = Vec::new();
        match stream.read_to_end(&mut raw) {
            Ok(_) => {}
            // A reset after the response arrived in full still leaves a readable response.
            Err(error) if error.kind() == io::ErrorKind::ConnectionReset && !raw.is_empty() => {}
            Err(error) => return Err(error),
        }
        Response::parse(&raw)
    }
}

#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    fn parse(raw: &[u8]) -> io::Result<Response> {
        let invalid = |what: &str| io::Error::new(io::ErrorKind::InvalidData, what.to_string());
        let end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .ok_or_else(|| invalid("no end of headers in the response"))?;
        let head = std::str::from_utf8(&raw[..end]).map_err(|_| invalid("response headers are not UTF-8"))?;
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap_or_default();
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| invalid("no status in the response"))?;
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let rest = &raw[end + 4..];
        let chunked = headers.iter().any(|(k, v)| k == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
        let body = if chunked { dechunk(rest).ok_or_else(|| invalid("broken chunked body"))? } else { rest.to_vec() };
        Ok(Response { status, headers, body })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
    }

    /// The session cookie (`name=value`, for a `Cookie` header) this answer sets, if it sets one
    /// with a value (not one that ends the session).
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .iter()
            .filter(|(name, _)| name == "set-cookie")
            .filter_map(|(_, value)| value.split(';').next())
            .find(|pair| pair.starts_with("skillmix=") && pair.len() > "skillmix=".len())
            .map(str::to_string)
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}

/// Percent-encoding for form fields (everything but unreserved characters; spaces as `+`).
pub fn form_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// A `multipart/form-data` body.
#[derive(Debug, Clone, Default)]
pub struct Multipart {
    parts: Vec<(String, Option<String>, Vec<u8>)>,
}

impl Multipart {
    pub fn new() -> Multipart {
        Multipart::default()
    }

    pub fn text(mut self, name: &str, value: &str) -> Multipart {
        self.parts.push((name.to_string(), None, value.as_bytes().to_vec()));
        self
    }

    pub fn file(mut self, name: &str, file_name: &str, bytes: impl Into<Vec<u8>>) -> Multipart {
        self.parts.push((name.to_string(), Some(file_name.to_string()), bytes.into()));
        self
    }

    /// (content type, body).
    pub fn finish(self) -> (String, Vec<u8>) {
        let boundary = "----skillmix-resilience-7d1e2f3a9b";
        let mut body = Vec::new();
        for (name, file_name, bytes) in self.parts {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            match file_name {
                Some(file) => body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                ),
                None => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
            }
            body.extend_from_slice(&bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        (format!("multipart/form-data; boundary={boundary}"), body)
    }
}
