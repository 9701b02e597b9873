//! The rules for an account: what a usable email address and a usable
//! password are, and the one-time codes (TOTP) of a second sign-in step.
//!
//! Thaw is local-first; an account only matters where one person's data
//! is reached over a network (the web interface, sharing with a partner).
//! Every interface that creates or uses an account passes through here,
//! so they all refuse the same things with the same words.
//!
//! Passwords follow NIST SP 800-63B and OWASP ASVS level 2: a length
//! between [`MIN_PASSWORD_CHARS`] and [`MAX_PASSWORD_CHARS`] characters,
//! no rules about digits or symbols (they push people towards
//! `Password1!`), and a refusal of what attackers try first: common
//! passwords, the email address, one character repeated.
//!
//! Second-step codes are RFC 6238 TOTP with HMAC-SHA1, 6 digits and a
//! 30-second step, the settings every authenticator app understands.
//!
//! What this module does not do: it never draws randomness (the caller
//! hands [`TotpSecret::from_bytes`] 20 random bytes), never reads the
//! clock (the time is an argument), never hashes or stores a password
//! (that is the storage layer's job, with a slow key-derivation function),
//! and never remembers which codes were used (refusing a replayed code is
//! the caller's job, by storing the last accepted step).

use std::collections::HashSet;
use std::fmt;
use std::sync::OnceLock;

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

use crate::error::InputError;

// ---------------------------------------------------------------- email

/// The longest email address that can be delivered (RFC 5321 path limit).
pub const MAX_EMAIL_CHARS: usize = 254;

const EMAIL_EXAMPLE: &str = "an address like name@example.com";

/// Checks an email address and gives it back trimmed and lowercased, the
/// form to store and compare.
///
/// Deliberately loose: exactly one `@` with something before it, a domain
/// with a dot after it, no spaces or control characters, at most
/// [`MAX_EMAIL_CHARS`] characters. Whether the address really receives
/// mail only sending a message can tell.
pub fn normalize_email(s: &str) -> Result<String, InputError> {
    const FIELD: &str = "email";
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return Err(InputError::new(
            FIELD,
            s,
            format!("type your email address, {EMAIL_EXAMPLE}"),
        ));
    }
    // Counting at most one past the limit keeps a huge input cheap.
    if trimmed.chars().take(MAX_EMAIL_CHARS + 1).count() > MAX_EMAIL_CHARS {
        return Err(InputError::new(
            FIELD,
            trimmed,
            format!("an email address has at most {MAX_EMAIL_CHARS} characters"),
        ));
    }
    if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(InputError::new(
            FIELD,
            trimmed,
            "an email address has no spaces or line breaks; a stray one may have slipped in",
        ));
    }
    let lower = trimmed.to_lowercase();
    // Lowercasing can lengthen a few letters, so check once more.
    if lower.chars().count() > MAX_EMAIL_CHARS {
        return Err(InputError::new(
            FIELD,
            trimmed,
            format!("an email address has at most {MAX_EMAIL_CHARS} characters"),
        ));
    }
    let mut parts = lower.split('@');
    let (local, domain) = match (parts.next(), parts.next(), parts.next()) {
        (Some(local), Some(domain), None) => (local, domain),
        _ => {
            return Err(InputError::new(
                FIELD,
                trimmed,
                format!("an email address has exactly one @, {EMAIL_EXAMPLE}"),
            ));
        }
    };
    if local.is_empty() {
        return Err(InputError::new(
            FIELD,
            trimmed,
            format!("something goes before the @, {EMAIL_EXAMPLE}"),
        ));
    }
    if !domain.contains('.') || domain.split('.').any(str::is_empty) {
        return Err(InputError::new(
            FIELD,
            trimmed,
            format!("after the @ comes a domain such as example.com, {EMAIL_EXAMPLE}"),
        ));
    }
    Ok(lower)
}

// ------------------------------------------------------------- password

/// Fewer characters than this are refused (NIST SP 800-63B's minimum).
pub const MIN_PASSWORD_CHARS: usize = 8;
/// More characters than this are refused; long passphrases stay welcome.
pub const MAX_PASSWORD_CHARS: usize = 256;

/// What a refused password's error shows instead of the password.
const HIDDEN: &str = "(hidden)";

const PASSPHRASE_HINT: &str =
    "a few unrelated words in a row are easy to remember and hard to guess";

/// Checks a new password for the account of `email`.
///
/// Refuses, in this order: fewer than [`MIN_PASSWORD_CHARS`] or more than
/// [`MAX_PASSWORD_CHARS`] characters (characters, not bytes); one
/// character repeated; the email address or the part before its `@`; a
/// password from the list of common ones. Case and surrounding spaces are
/// ignored for the last two. There are no rules about digits, capitals or
/// symbols. The error never contains the password.
pub fn check_password(password: &str, email: &str) -> Result<(), InputError> {
    const FIELD: &str = "password";
    let refuse = |allowed: String| Err(InputError::new(FIELD, HIDDEN, allowed));

    let chars = password.chars().take(MAX_PASSWORD_CHARS + 1).count();
    if chars < MIN_PASSWORD_CHARS {
        return refuse(format!(
            "use at least {MIN_PASSWORD_CHARS} characters; {PASSPHRASE_HINT}"
        ));
    }
    if chars > MAX_PASSWORD_CHARS {
        return refuse(format!("use at most {MAX_PASSWORD_CHARS} characters"));
    }

    let mut all = password.chars();
    let first = all.next();
    if all.all(|c| Some(c) == first) {
        return refuse(format!(
            "one character repeated is quick to guess; {PASSPHRASE_HINT}"
        ));
    }

    let folded = password.trim().to_lowercase();
    if matches_email(&folded, email) {
        return refuse(format!(
            "your email address is among the first things tried; {PASSPHRASE_HINT}"
        ));
    }
    if common_passwords().contains(folded.as_str()) {
        return refuse(format!(
            "this one is on the lists of common passwords that get tried first; {PASSPHRASE_HINT}"
        ));
    }
    Ok(())
}

/// Whether `folded` (trimmed, lowercased) is the email or its local part.
fn matches_email(folded: &str, email: &str) -> bool {
    let email = normalize_email(email).unwrap_or_else(|_| email.trim().to_lowercase());
    if email.is_empty() {
        return false;
    }
    let local = email.split_once('@').map_or("", |(local, _)| local);
    folded == email || (!local.is_empty() && folded == local)
}

/// The embedded list of common passwords, built on first use.
fn common_passwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("common_passwords.txt")
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect()
    })
}

// ----------------------------------------------------------------- TOTP

/// Seconds per TOTP step (RFC 6238's default, what every app assumes).
pub const TOTP_PERIOD_SECONDS: i64 = 30;
/// Digits in a TOTP code.
pub const TOTP_DIGITS: usize = 6;
/// Bytes in a [`TotpSecret`] (160 bits, the HMAC-SHA1 output size that
/// RFC 4226 recommends).
pub const TOTP_SECRET_BYTES: usize = 20;

const TOTP_MODULUS: u32 = 1_000_000;

type HmacSha1 = Hmac<Sha1>;

/// The shared secret between Thaw and a person's authenticator app.
///
/// Its `Debug` never shows the bytes; [`TotpSecret::to_base32`] is the
/// one way out, for the setup screen and for encrypted storage.
#[derive(Clone)]
pub struct TotpSecret([u8; TOTP_SECRET_BYTES]);

impl TotpSecret {
    /// Wraps 20 bytes the caller drew from a secure random source.
    pub fn from_bytes(bytes: [u8; TOTP_SECRET_BYTES]) -> Self {
        Self(bytes)
    }

    /// Reads the setup key as typed or stored: RFC 4648 base32, in any
    /// case, with or without spaces and `=` padding, 20 bytes long.
    pub fn from_base32(s: &str) -> Result<Self, InputError> {
        const FIELD: &str = "secret";
        let bytes = base32_decode(s).ok_or_else(|| {
            InputError::new(
                FIELD,
                HIDDEN,
                "a setup key uses only the letters A to Z and the digits 2 to 7",
            )
        })?;
        let bytes: [u8; TOTP_SECRET_BYTES] = bytes.try_into().map_err(|_| {
            InputError::new(
                FIELD,
                HIDDEN,
                "a setup key here is 32 letters and digits long; check that none went missing",
            )
        })?;
        Ok(Self(bytes))
    }

    /// The setup key: RFC 4648 base32, uppercase, no padding (32 chars).
    pub fn to_base32(&self) -> String {
        base32_encode(&self.0)
    }

    /// The raw bytes, for storage that encrypts them.
    pub fn as_bytes(&self) -> &[u8; TOTP_SECRET_BYTES] {
        &self.0
    }
}

impl fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TotpSecret(<hidden>)")
    }
}

/// The TOTP step that `unix_seconds` falls in; times before 1970 count as
/// step 0 (they never come up, but must not panic).
fn step_at(unix_seconds: i64) -> u64 {
    u64::try_from(unix_seconds.div_euclid(TOTP_PERIOD_SECONDS)).unwrap_or(0)
}

/// RFC 4226 HOTP: HMAC-SHA1 of the counter, dynamically truncated.
fn hotp(secret: &TotpSecret, counter: u64) -> u32 {
    // HMAC pads a short key with zeros to the block size; doing it here
    // gives the block-sized key that the infallible constructor takes.
    let mut key = [0u8; 64];
    key[..TOTP_SECRET_BYTES].copy_from_slice(&secret.0);
    let mut mac = HmacSha1::new(&key.into());
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let binary = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    binary % TOTP_MODULUS
}

/// The 6-digit code for `unix_seconds` (show it with `{:06}`).
pub fn totp_at(secret: &TotpSecret, unix_seconds: i64) -> u32 {
    hotp(secret, step_at(unix_seconds))
}

/// Whether `code` (6 digits, spaces allowed: "123 456") is the code for
/// the step of `unix_seconds` or the one just before or after it, which
/// leaves room for a slow typist and a clock a little off.
///
/// The comparison takes the same time whichever digit differs and
/// whichever step matches.
pub fn verify_totp(secret: &TotpSecret, code: &str, unix_seconds: i64) -> bool {
    verify_totp_step(secret, code, unix_seconds).is_some()
}

/// Like [`verify_totp`], answering which time step the code belongs to,
/// so the caller can refuse a code that was already used (a code is good
/// once: store the step and accept only later ones).
pub fn verify_totp_step(secret: &TotpSecret, code: &str, unix_seconds: i64) -> Option<u64> {
    let mut given = [0u8; TOTP_DIGITS];
    let mut len = 0;
    for c in code.chars().filter(|c| *c != ' ') {
        if !c.is_ascii_digit() || len == TOTP_DIGITS {
            return None;
        }
        // An ASCII digit is one byte.
        given[len] = c as u8;
        len += 1;
    }
    if len != TOTP_DIGITS {
        return None;
    }

    let step = step_at(unix_seconds);
    let mut found = None;
    for candidate in [step.checked_sub(1), Some(step), step.checked_add(1)]
        .into_iter()
        .flatten()
    {
        let expected = format!("{:06}", hotp(secret, candidate));
        if constant_time_eq(expected.as_bytes(), &given) == 1 {
            found = Some(candidate);
        }
    }
    found
}

/// 1 when `a == b`, else 0, looking at every byte either way.
fn constant_time_eq(a: &[u8], b: &[u8]) -> u8 {
    if a.len() != b.len() {
        return 0;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    // 1 exactly when diff is 0, without a data-dependent branch.
    let diff = std::hint::black_box(diff);
    1 & ((u16::from(diff).wrapping_sub(1) >> 8) as u8)
}

/// The `otpauth://` URI an authenticator app reads from a QR code, as in
/// the Key Uri Format: label `Issuer:account`, then the secret, issuer,
/// algorithm, digits and period. Label and issuer are percent-encoded; an
/// empty issuer is left out.
pub fn otpauth_uri(secret: &TotpSecret, account: &str, issuer: &str) -> String {
    let secret = secret.to_base32();
    let account = percent_encode(account);
    let params = format!("algorithm=SHA1&digits={TOTP_DIGITS}&period={TOTP_PERIOD_SECONDS}");
    if issuer.is_empty() {
        format!("otpauth://totp/{account}?secret={secret}&{params}")
    } else {
        let issuer = percent_encode(issuer);
        format!("otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}&{params}")
    }
}

/// RFC 3986 percent-encoding of everything but the unreserved characters.
fn percent_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
    out
}

// --------------------------------------------------------------- base32

const BASE32_ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32, uppercase, without `=` padding.
fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let mut buffer: u16 = 0;
    let mut bits = 0u32;
    for &b in bytes {
        buffer = (buffer << 8) | u16::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(
                BASE32_ALPHABET[usize::from((buffer >> bits) & 0x1f)],
            ));
        }
        buffer &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(char::from(
            BASE32_ALPHABET[usize::from((buffer << (5 - bits)) & 0x1f)],
        ));
    }
    out
}

/// RFC 4648 base32 in either case; whitespace is skipped and `=` padding
/// is allowed at the end only. `None` for anything else or for a length
/// no encoder produces.
fn base32_decode(s: &str) -> Option<Vec<u8>> {
    let symbols: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    let data_len = symbols.iter().rposition(|&c| c != '=').map_or(0, |i| i + 1);
    let (data, padding) = symbols.split_at(data_len);
    if padding.len() > 6 {
        return None;
    }
    // Only 2, 4, 5 or 7 symbols can be left over after whole 8-symbol groups.
    if matches!(data.len() % 8, 1 | 3 | 6) {
        return None;
    }

    let mut out = Vec::with_capacity(data.len() * 5 / 8);
    let mut buffer: u16 = 0;
    let mut bits = 0u32;
    for &c in data {
        let value = match c.to_ascii_uppercase() {
            c @ 'A'..='Z' => c as u8 - b'A',
            c @ '2'..='7' => c as u8 - b'2' + 26,
            _ => return None,
        };
        buffer = (buffer << 5) | u16::from(value);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const RFC_SECRET: &[u8; 20] = b"12345678901234567890";

    fn rfc_secret() -> TotpSecret {
        TotpSecret::from_bytes(*RFC_SECRET)
    }

    // ---- TOTP

    #[test]
    fn rfc_6238_appendix_b_sha1_vectors() {
        let secret = rfc_secret();
        for (t, full) in [
            (59, 94_287_082),
            (1_111_111_109, 7_081_804),
            (1_111_111_111, 14_050_471),
            (1_234_567_890, 89_005_924),
            (2_000_000_000, 69_279_037),
            (20_000_000_000, 65_353_130),
        ] {
            assert_eq!(totp_at(&secret, t), full % 1_000_000, "at {t}");
        }
    }

    #[test]
    fn rfc_4226_appendix_d_hotp_vectors() {
        let secret = rfc_secret();
        let expected = [
            755_224, 287_082, 359_152, 969_429, 338_314, 254_676, 287_922, 162_583, 399_871,
            520_489,
        ];
        for (counter, code) in expected.into_iter().enumerate() {
            assert_eq!(hotp(&secret, counter as u64), code);
        }
    }

    #[test]
    fn codes_are_shown_with_leading_zeros() {
        // 07081804 → 081804.
        let code = totp_at(&rfc_secret(), 1_111_111_109);
        assert_eq!(format!("{code:06}"), "081804");
        assert!(verify_totp(&rfc_secret(), "081804", 1_111_111_109));
        assert!(!verify_totp(&rfc_secret(), "81804", 1_111_111_109));
    }

    #[test]
    fn verify_accepts_the_step_and_its_neighbours_only() {
        let secret = rfc_secret();
        let now = 1_234_567_890;
        let code = |t: i64| format!("{:06}", totp_at(&secret, t));
        assert!(verify_totp(&secret, &code(now), now));
        assert!(verify_totp(&secret, &code(now - 30), now));
        assert!(verify_totp(&secret, &code(now + 30), now));
        assert!(!verify_totp(&secret, &code(now - 60), now));
        assert!(!verify_totp(&secret, &code(now + 60), now));
    }

    #[test]
    fn verify_allows_spaces_and_refuses_anything_else() {
        let secret = rfc_secret();
        let now = 59;
        assert!(verify_totp(&secret, "287 082", now));
        assert!(verify_totp(&secret, " 2 8 7 0 8 2 ", now));
        assert!(!verify_totp(&secret, "287-082", now));
        assert!(!verify_totp(&secret, "2870821", now));
        assert!(!verify_totp(&secret, "28708", now));
        assert!(!verify_totp(&secret, "", now));
        assert!(!verify_totp(&secret, "２８７０８２", now));
        assert!(!verify_totp(&secret, "000000", now));
    }

    #[test]
    fn times_before_1970_do_not_panic() {
        let secret = rfc_secret();
        assert_eq!(totp_at(&secret, -1), totp_at(&secret, 0));
        let _ = totp_at(&secret, i64::MIN);
        let _ = totp_at(&secret, i64::MAX);
        assert!(!verify_totp(&secret, "123456", i64::MIN));
        let _ = verify_totp(&secret, "123456", i64::MAX);
    }

    #[test]
    fn constant_time_eq_is_equality() {
        assert_eq!(constant_time_eq(b"123456", b"123456"), 1);
        assert_eq!(constant_time_eq(b"123456", b"123457"), 0);
        assert_eq!(constant_time_eq(b"923456", b"123456"), 0);
        assert_eq!(constant_time_eq(b"12345", b"123456"), 0);
        assert_eq!(constant_time_eq(b"", b""), 1);
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let secret = rfc_secret();
        let shown = format!("{secret:?}");
        assert_eq!(shown, "TotpSecret(<hidden>)");
        assert!(!shown.contains(&secret.to_base32()));
    }

    #[test]
    fn otpauth_uri_follows_the_key_uri_format() {
        let uri = otpauth_uri(&rfc_secret(), "sam@example.com", "Thaw");
        assert_eq!(
            uri,
            "otpauth://totp/Thaw:sam%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\
             &issuer=Thaw&algorithm=SHA1&digits=6&period=30"
        );
        let uri = otpauth_uri(&rfc_secret(), "a b:c", "Thaw Web & Co");
        assert!(uri.starts_with("otpauth://totp/Thaw%20Web%20%26%20Co:a%20b%3Ac?"));
        assert!(uri.contains("&issuer=Thaw%20Web%20%26%20Co&"));
        let uri = otpauth_uri(&rfc_secret(), "sam", "");
        assert!(uri.starts_with("otpauth://totp/sam?secret="));
        assert!(!uri.contains("issuer="));
    }

    // ---- base32

    #[test]
    fn base32_rfc_4648_vectors() {
        for (plain, encoded, padded) in [
            ("", "", ""),
            ("f", "MY", "MY======"),
            ("fo", "MZXQ", "MZXQ===="),
            ("foo", "MZXW6", "MZXW6==="),
            ("foob", "MZXW6YQ", "MZXW6YQ="),
            ("fooba", "MZXW6YTB", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI", "MZXW6YTBOI======"),
        ] {
            assert_eq!(base32_encode(plain.as_bytes()), encoded);
            assert_eq!(base32_decode(encoded).unwrap(), plain.as_bytes());
            assert_eq!(base32_decode(padded).unwrap(), plain.as_bytes());
            assert_eq!(
                base32_decode(&encoded.to_lowercase()).unwrap(),
                plain.as_bytes()
            );
        }
    }

    #[test]
    fn base32_refuses_what_no_encoder_writes() {
        assert!(base32_decode("M").is_none());
        assert!(base32_decode("MZX").is_none());
        assert!(base32_decode("MZXW6Y").is_none());
        assert!(base32_decode("MZ1Q").is_none());
        assert!(base32_decode("MZ=XQ").is_none());
        assert!(base32_decode("MY=======").is_none());
    }

    #[test]
    fn secret_reads_the_setup_key_as_people_type_it() {
        let key = rfc_secret().to_base32();
        assert_eq!(key, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        let typed = "gezd gnbv gy3t qojq gezd gnbv gy3t qojq";
        assert_eq!(
            TotpSecret::from_base32(typed).unwrap().as_bytes(),
            RFC_SECRET
        );
        assert_eq!(
            TotpSecret::from_base32(&format!("{key}======"))
                .unwrap()
                .as_bytes(),
            RFC_SECRET
        );
    }

    #[test]
    fn secret_refuses_wrong_keys_without_echoing_them() {
        for bad in [
            "",
            "GEZDGNBVGY3TQOJQ",
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1",
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBV",
        ] {
            let e = TotpSecret::from_base32(bad).unwrap_err();
            assert_eq!(e.field, "secret");
            assert_eq!(e.value, "(hidden)");
        }
    }

    // ---- email

    #[test]
    fn email_is_trimmed_and_lowercased() {
        assert_eq!(
            normalize_email("  Sam.Doe+thaw@Example.ORG \n").unwrap(),
            "sam.doe+thaw@example.org"
        );
        assert_eq!(normalize_email("a@b.co").unwrap(), "a@b.co");
        assert_eq!(normalize_email("zoë@exämple.de").unwrap(), "zoë@exämple.de");
    }

    #[test]
    fn email_refusals_name_the_field() {
        for bad in [
            "",
            "   ",
            "sam",
            "sam@",
            "@example.com",
            "sam@example",
            "sam@@example.com",
            "sam@home@example.com",
            "sam doe@example.com",
            "sam@example.com.",
            "sam@.com",
            "sam@example..com",
            "sam\u{0}@example.com",
            "sam\t@example.com",
        ] {
            let e = normalize_email(bad).unwrap_err();
            assert_eq!(e.field, "email", "{bad:?}");
            assert!(!e.allowed.is_empty());
        }
    }

    #[test]
    fn email_length_is_limited() {
        let domain = "@example.com";
        let ok = format!("{}{domain}", "a".repeat(MAX_EMAIL_CHARS - domain.len()));
        assert!(normalize_email(&ok).is_ok());
        let long = format!("a{ok}");
        assert!(normalize_email(&long).is_err());
    }

    // ---- password

    #[test]
    fn passphrases_are_welcome() {
        let email = "sam@example.com";
        for good in [
            "a long passphrase 4 me",
            "correct horse battery staple",
            "kettle-lantern-otter",
            "ŝĉĥĝĵŭŝĉ",
            "abcdefgz",
            &"x".repeat(MAX_PASSWORD_CHARS - 1).replacen('x', "y", 1),
        ] {
            assert_eq!(check_password(good, email), Ok(()), "{good:?}");
        }
    }

    #[test]
    fn no_composition_rules() {
        // Only lowercase letters, no digits, no symbols: fine.
        assert!(check_password("meadowlarkriver", "sam@example.com").is_ok());
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        // 7 characters but 14 bytes: too short.
        assert!(check_password("ŝĉĥĝĵŭx", "").is_err());
        // 8 characters: long enough.
        assert!(check_password("ŝĉĥĝĵŭxy", "").is_ok());
        let long = format!("y{}", "x".repeat(MAX_PASSWORD_CHARS));
        let e = check_password(&long, "").unwrap_err();
        assert!(e.allowed.contains("at most 256"));
    }

    #[test]
    fn short_and_common_passwords_are_refused() {
        let email = "sam@example.com";
        let e = check_password("short", email).unwrap_err();
        assert!(e.allowed.contains("at least 8"));
        for common in [
            "password123",
            "password",
            "PASSWORD1",
            "  iloveyou1  ",
            "12345678",
            "qwertyuiop",
            "1q2w3e4r",
            "Passw0rd",
            "trustno1",
        ] {
            let e = check_password(common, email).unwrap_err();
            assert!(e.allowed.contains("common"), "{common:?}: {e}");
        }
    }

    #[test]
    fn email_and_repeats_are_refused() {
        let email = "Sam.Doe@Example.com";
        for bad in [
            "sam.doe@example.com",
            "SAM.DOE",
            " sam.doe ",
            "aaaaaaaa",
            "        ",
        ] {
            assert!(check_password(bad, email).is_err(), "{bad:?}");
        }
        // An email that is not valid is still compared as given.
        assert!(check_password("not-an-email", "not-an-email").is_err());
        // An empty email refuses nothing extra.
        assert!(check_password("meadowlarkriver", "").is_ok());
    }

    #[test]
    fn refusals_never_echo_the_password() {
        for bad in ["short", "password123", "aaaaaaaa", "sam@example.com"] {
            let e = check_password(bad, "sam@example.com").unwrap_err();
            assert_eq!(e.field, "password");
            assert_eq!(e.value, "(hidden)");
            assert!(!e.to_string().contains(bad));
        }
    }

    #[test]
    fn common_list_is_clean() {
        let text = include_str!("common_passwords.txt");
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.len() >= 400);
        let mut seen = HashSet::new();
        for line in &lines {
            assert_eq!(*line, line.trim(), "{line:?}");
            assert_eq!(*line, line.to_lowercase(), "{line:?}");
            assert!(line.chars().count() >= MIN_PASSWORD_CHARS, "{line:?}");
            assert!(seen.insert(*line), "duplicate {line:?}");
        }
        assert_eq!(common_passwords().len(), lines.len());
    }

    proptest! {
        #[test]
        fn base32_round_trips_any_secret(bytes in any::<[u8; 20]>()) {
            let secret = TotpSecret::from_bytes(bytes);
            let key = secret.to_base32();
            prop_assert_eq!(key.len(), 32);
            let back = TotpSecret::from_base32(&key).unwrap();
            prop_assert_eq!(back.as_bytes(), &bytes);
        }

        #[test]
        fn base32_round_trips_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            prop_assert_eq!(base32_decode(&base32_encode(&bytes)).unwrap(), bytes);
        }

        #[test]
        fn base32_decode_never_panics(s in "\\PC{0,80}") {
            let _ = base32_decode(&s);
            let _ = TotpSecret::from_base32(&s);
        }

        #[test]
        fn normalize_email_never_panics(s in "\\PC{0,300}") {
            if let Ok(e) = normalize_email(&s) {
                prop_assert_eq!(normalize_email(&e), Ok(e.clone()));
            }
        }

        #[test]
        fn check_password_never_panics(p in "\\PC{0,300}", e in "\\PC{0,40}") {
            if let Err(err) = check_password(&p, &e) {
                prop_assert_eq!(err.value, "(hidden)");
            }
        }

        #[test]
        fn verify_never_panics(code in "\\PC{0,12}", t in any::<i64>(), bytes in any::<[u8; 20]>()) {
            let _ = verify_totp(&TotpSecret::from_bytes(bytes), &code, t);
        }

        #[test]
        fn current_code_always_verifies(t in 0i64..40_000_000_000, bytes in any::<[u8; 20]>()) {
            let secret = TotpSecret::from_bytes(bytes);
            let code = format!("{:06}", totp_at(&secret, t));
            prop_assert!(verify_totp(&secret, &code, t));
        }
    }
}
