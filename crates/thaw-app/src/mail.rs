//! Gentle nudge emails in multi-user mode, through a plain SMTP relay.
//!
//! Deliberately small: SMTP without TLS or login, to a relay on the same
//! host or a private network (a local Postfix that handles TLS onwards;
//! see `docs/deploy.md`). One message per connection; every line is
//! checked for CR/LF so no header can be injected; a failure is reported
//! to the caller, who logs it and carries on.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use thaw_core::InputError;

use crate::AppError;

/// Where mail goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailer {
    /// `host:port` of the relay.
    relay: String,
    from: String,
}

fn mail_error(what: impl Into<String>) -> AppError {
    AppError::Io {
        what: what.into(),
        source: std::io::Error::other("smtp"),
    }
}

fn clean(field: &str, value: &str) -> Result<(), InputError> {
    if value.is_empty() || value.contains(['\r', '\n']) {
        return Err(InputError::new(field, value, "one line of text"));
    }
    Ok(())
}

impl Mailer {
    /// From `smtp://host[:port]` (port 25 by default) and a sender.
    pub fn new(url: &str, from: &str) -> Result<Self, InputError> {
        let Some(rest) = url.strip_prefix("smtp://") else {
            return Err(InputError::new(
                "smtp-url",
                url,
                "an address like smtp://127.0.0.1:25",
            ));
        };
        let host = rest.trim_end_matches('/');
        if host.is_empty() || host.contains(['/', '@']) {
            return Err(InputError::new(
                "smtp-url",
                url,
                "an address like smtp://127.0.0.1:25 (no user or path)",
            ));
        }
        let relay = if host
            .rsplit_once(':')
            .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
        {
            host.to_owned()
        } else {
            format!("{host}:25")
        };
        clean("smtp-from", from)?;
        if !from.contains('@') {
            return Err(InputError::new(
                "smtp-from",
                from,
                "a sender address like thaw@example.org",
            ));
        }
        Ok(Self {
            relay,
            from: from.to_owned(),
        })
    }

    /// Sends one plain-text message.
    pub fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), AppError> {
        clean("to", to)?;
        clean("subject", subject)?;
        let addr = self
            .relay
            .to_socket_addrs()
            .map_err(|e| mail_error(format!("mail relay {}: {e}", self.relay)))?
            .next()
            .ok_or_else(|| mail_error(format!("mail relay {} has no address", self.relay)))?;
        let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(10))
            .map_err(|e| mail_error(format!("mail relay {}: {e}", self.relay)))?;
        let io = |e: std::io::Error| mail_error(format!("mail relay {}: {e}", self.relay));
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .map_err(io)?;
        stream
            .set_write_timeout(Some(Duration::from_secs(20)))
            .map_err(io)?;
        let mut reader = BufReader::new(stream.try_clone().map_err(io)?);
        let mut writer = stream;
        let mut expect = |code: &str| -> Result<(), AppError> {
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).map_err(io)?;
                if !line.starts_with(code) {
                    return Err(mail_error(format!(
                        "mail relay {} answered {:?}",
                        self.relay,
                        line.trim_end()
                    )));
                }
                // "250-…" continues, "250 …" ends the reply.
                if line.as_bytes().get(3) != Some(&b'-') {
                    return Ok(());
                }
            }
        };
        expect("220")?;
        let mut say = |line: &str| writer.write_all(format!("{line}\r\n").as_bytes());
        say("EHLO thaw").map_err(io)?;
        expect("250")?;
        say(&format!("MAIL FROM:<{}>", self.from)).map_err(io)?;
        expect("250")?;
        say(&format!("RCPT TO:<{to}>")).map_err(io)?;
        expect("250")?;
        say("DATA").map_err(io)?;
        expect("354")?;
        let date = jiff::Timestamp::now().strftime("%a, %d %b %Y %H:%M:%S +0000");
        let mut message = format!(
            "From: Thaw <{}>\r\nTo: <{to}>\r\nSubject: {subject}\r\nDate: {date}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
            self.from
        );
        for line in body.lines() {
            // A line starting with a dot is doubled (RFC 5321 4.5.2).
            if line.starts_with('.') {
                message.push('.');
            }
            message.push_str(line);
            message.push_str("\r\n");
        }
        message.push_str(".\r\n");
        writer.write_all(message.as_bytes()).map_err(io)?;
        expect("250")?;
        let _ = writer.write_all(b"QUIT\r\n");
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::net::TcpListener;

    /// A tiny relay that accepts one message and hands back what it got.
    pub(crate) fn fake_relay() -> (String, std::thread::JoinHandle<String>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let handle = std::thread::spawn(move || {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut w = stream;
            let mut got = String::new();
            w.write_all(b"220 relay ready\r\n").unwrap();
            let mut in_data = false;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap() == 0 {
                    break;
                }
                got.push_str(&line);
                if in_data {
                    if line == ".\r\n" {
                        in_data = false;
                        w.write_all(b"250 queued\r\n").unwrap();
                    }
                    continue;
                }
                let reply: &[u8] = if line.starts_with("EHLO") {
                    b"250-relay\r\n250 8BITMIME\r\n"
                } else if line.starts_with("DATA") {
                    in_data = true;
                    b"354 go on\r\n"
                } else if line.starts_with("QUIT") {
                    w.write_all(b"221 bye\r\n").unwrap();
                    break;
                } else {
                    b"250 ok\r\n"
                };
                w.write_all(reply).unwrap();
            }
            got
        });
        (format!("smtp://{addr}"), handle)
    }

    #[test]
    fn a_message_reaches_the_relay_with_dots_stuffed() {
        let (url, relay) = fake_relay();
        let mailer = Mailer::new(&url, "thaw@example.org").unwrap();
        mailer
            .send(
                "ben@example.org",
                "A gentle nudge",
                "Hello.\n.hidden line\nBye",
            )
            .unwrap();
        let got = relay.join().unwrap();
        assert!(got.contains("MAIL FROM:<thaw@example.org>\r\n"));
        assert!(got.contains("RCPT TO:<ben@example.org>\r\n"));
        assert!(got.contains("Subject: A gentle nudge\r\n"));
        assert!(got.contains("\r\n..hidden line\r\n"), "{got}");
    }

    #[test]
    fn header_injection_and_bad_addresses_are_refused() {
        assert!(Mailer::new("http://x", "a@b.c").is_err());
        assert!(Mailer::new("smtp://user@host", "a@b.c").is_err());
        assert!(Mailer::new("smtp://host", "no-at").is_err());
        let m = Mailer::new("smtp://127.0.0.1:9", "a@b.c").unwrap();
        assert!(m.send("x@y.z\r\nBcc: all@evil", "s", "b").is_err());
        assert!(m.send("x@y.z", "s\r\nBcc: all@evil", "b").is_err());
        assert_eq!(
            Mailer::new("smtp://relay.local", "a@b.c").unwrap().relay,
            "relay.local:25"
        );
    }
}
