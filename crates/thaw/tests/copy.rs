//! The copy test: everything Thaw can say to a person, read in one go, and
//! none of it blames them.
//!
//! What it reads (paths from the workspace root):
//! - every string literal in the non-test Rust code of every crate
//!   (`crates/*/src/**/*.rs`): comments and doc comments are skipped, and
//!   so is every item marked `#[cfg(test)]`; the doc comments of
//!   `crates/thaw/src/cli.rs` are read too, as clap makes them `--help`;
//! - every page template (`crates/thaw-web/templates/*.html`), line by
//!   line, without its `{# … #}` and `<!-- … -->` comments;
//! - the strings of the static files the browser gets
//!   (`crates/thaw-web/static/*.js`, `*.css`, `*.webmanifest`, `*.svg`);
//! - the strings of the data files compiled in (`crates/thaw-core/data/`),
//!   except `risk_corpus.json`: labelled sample sentences for the risk
//!   detector's tests, never shown to anyone.
//!
//! What it refuses, case-insensitive and as whole words: the `BLAME` list
//! below ("missed", "streak", "you should", …). Words about activities,
//! check-ins and goals never say the person fell short.
//!
//! What it allows: sentences about files, databases, networks and input,
//! where "failed to open" is the plain truth about a machine. They are
//! recognised by their context (`failed to` followed by what a machine
//! does, see `MACHINE_VERBS`), or named one by one in `ALLOWED` with the
//! reason. Nothing else is skipped; a whole crate never is.
//!
//! `THAW_COPY_DUMP=FILE cargo test -p thaw --test copy` writes every text
//! it read to FILE (`path:line: text`), to read the copy together.

use std::fs;
use std::path::{Path, PathBuf};

/// Words and phrases that blame a person, or press them. Matched as whole
/// words, case-insensitive.
const BLAME: &[&str] = &[
    "missed",
    "you failed",
    "failed to",
    "you didn't",
    "streak",
    "streaks",
    "broke your",
    "lazy",
    "you should",
    "you must",
    "should have",
    "behind on",
    "fell off",
    "you forgot",
    "no excuse",
    "no excuses",
];

/// After "failed to", these say what a machine could not do, so the
/// sentence is about a file, a database, a network or input.
const MACHINE_VERBS: &[&str] = &[
    "bind",
    "commit",
    "connect",
    "create",
    "decode",
    "decrypt",
    "encode",
    "encrypt",
    "execute",
    "flush",
    "hash",
    "listen",
    "load",
    "lock",
    "open",
    "parse",
    "prepare",
    "read",
    "remove",
    "rename",
    "render",
    "resolve",
    "send",
    "serialize",
    "spawn",
    "start",
    "sync",
    "write",
];

/// Texts allowed by name: (file, a phrase of the text, why). Each entry
/// must still match something (a test checks), so the list cannot rot.
const ALLOWED: &[(&str, &str, &str)] = &[(
    "crates/thaw-core/src/risk.rs",
    "should have died",
    "a phrase the local risk detector listens for in what a person writes; never shown",
)];

/// One piece of text a person may read, and where it lives.
#[derive(Debug, Clone)]
struct Text {
    file: String,
    line: usize,
    text: String,
}

/// The first blaming phrase in `text`, if any (whole words,
/// case-insensitive), skipping the ones its context allows.
fn blame(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    BLAME.iter().copied().find(|phrase| {
        word_positions(&lower, phrase)
            .into_iter()
            .any(|at| !about_a_machine(&lower, phrase, at))
    })
}

/// Where `phrase` occurs in `haystack` as whole words.
fn word_positions(haystack: &str, phrase: &str) -> Vec<usize> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    haystack
        .match_indices(phrase)
        .filter(|(at, _)| {
            let before = haystack[..*at].chars().next_back();
            let after = haystack[at + phrase.len()..].chars().next();
            !before.is_some_and(is_word) && !after.is_some_and(is_word)
        })
        .map(|(at, _)| at)
        .collect()
}

/// Whether the phrase at `at` is about a machine: "failed to" followed by
/// one of `MACHINE_VERBS` ("failed to open thaw.db").
fn about_a_machine(lower: &str, phrase: &str, at: usize) -> bool {
    if phrase != "failed to" {
        return false;
    }
    let rest = lower[at + phrase.len()..].trim_start();
    let verb: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    MACHINE_VERBS.contains(&verb.as_str())
}

/// Whether `ALLOWED` names this text.
fn allowed_by_name(t: &Text) -> Option<usize> {
    ALLOWED
        .iter()
        .position(|(file, phrase, _)| t.file.ends_with(file) && t.text.contains(phrase))
}

// ---------------------------------------------------------------- Rust

#[derive(Debug, PartialEq)]
enum Token {
    Str(usize, String),
    Ident(String),
    Punct(char),
}

/// The tokens of a Rust file that matter here: string literals (with
/// their line), identifiers and punctuation. Comments are dropped; char
/// literals and lifetimes are stepped over; numbers read as identifiers.
fn rust_tokens(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if c == '"' {
            let start = line;
            let (text, end, lines) = cooked_string(&chars, i + 1);
            tokens.push(Token::Str(start, text));
            line += lines;
            i = end;
        } else if c == '\'' {
            // A char literal ('a', '\n', '"') or a lifetime/label ('a).
            if at(i + 1) == '\\' {
                i += 3; // the quote, the backslash, the escaped char
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                i += 1;
            }
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let ident: String = chars[start..i].iter().collect();
            let raw = matches!(ident.as_str(), "r" | "br" | "cr");
            if raw && (at(i) == '"' || (at(i) == '#' && matches!(at(i + 1), '"' | '#'))) {
                let mut hashes = 0;
                while at(i) == '#' {
                    hashes += 1;
                    i += 1;
                }
                i += 1; // the opening quote
                let start_line = line;
                let begin = i;
                loop {
                    if i >= chars.len() {
                        break;
                    }
                    if chars[i] == '"' && (1..=hashes).all(|h| at(i + h) == '#') {
                        break;
                    }
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
                tokens.push(Token::Str(start_line, chars[begin..i].iter().collect()));
                i += 1 + hashes;
            } else if matches!(ident.as_str(), "b" | "c") && at(i) == '"' {
                let start_line = line;
                let (text, end, lines) = cooked_string(&chars, i + 1);
                tokens.push(Token::Str(start_line, text));
                line += lines;
                i = end;
            } else if ident == "r" && at(i) == '#' {
                i += 1; // a raw identifier, r#type: the name follows
            } else {
                tokens.push(Token::Ident(ident));
            }
        } else {
            tokens.push(Token::Punct(c));
            i += 1;
        }
    }
    tokens
}

/// A "…" string from just after its opening quote: its text with escapes
/// read, the index after its closing quote, and how many lines it spans.
fn cooked_string(chars: &[char], mut i: usize) -> (String, usize, usize) {
    let mut text = String::new();
    let mut lines = 0;
    while i < chars.len() && chars[i] != '"' {
        if chars[i] == '\\' && i + 1 < chars.len() {
            i += 1;
            match chars[i] {
                'n' => text.push('\n'),
                't' => text.push('\t'),
                'r' | '0' => {}
                '\n' => {
                    // A line continuation: the next line's indent is not text.
                    lines += 1;
                    while i + 1 < chars.len() && chars[i + 1].is_whitespace() {
                        i += 1;
                        if chars[i] == '\n' {
                            lines += 1;
                        }
                    }
                }
                'u' => {
                    let end = chars[i..].iter().position(|&c| c == '}').map(|p| i + p);
                    if let Some(end) = end {
                        let hex: String = chars[i + 2..end].iter().collect();
                        if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                        {
                            text.push(c);
                        }
                        i = end;
                    }
                }
                'x' => {
                    let hex: String = chars[i + 1..(i + 3).min(chars.len())].iter().collect();
                    if let Ok(c) = u8::from_str_radix(&hex, 16) {
                        text.push(char::from(c));
                    }
                    i += 2;
                }
                other => text.push(other),
            }
        } else {
            if chars[i] == '\n' {
                lines += 1;
            }
            text.push(chars[i]);
        }
        i += 1;
    }
    (text, i + 1, lines)
}

/// The string literals of a Rust file's non-test code, with their lines.
fn rust_strings(source: &str) -> Vec<(usize, String)> {
    let tokens = rust_tokens(source);
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some(after) = cfg_test_attribute(&tokens, i) {
            i = skip_item(&tokens, after);
            continue;
        }
        if let Token::Str(line, text) = &tokens[i] {
            found.push((*line, text.clone()));
        }
        i += 1;
    }
    found
}

/// If `#[cfg(test)]` (or `#[test]`) starts at `i`, the index after it.
fn cfg_test_attribute(tokens: &[Token], i: usize) -> Option<usize> {
    let punct = |k: usize, c: char| tokens.get(k) == Some(&Token::Punct(c));
    let ident = |k: usize, s: &str| matches!(tokens.get(k), Some(Token::Ident(x)) if x == s);
    if !(punct(i, '#') && punct(i + 1, '[')) {
        return None;
    }
    if ident(i + 2, "cfg") && punct(i + 3, '(') && ident(i + 4, "test") && punct(i + 5, ')') {
        return punct(i + 6, ']').then_some(i + 7);
    }
    if ident(i + 2, "test") && punct(i + 3, ']') {
        return Some(i + 4);
    }
    None
}

/// The index after the item that starts at `i`: other attributes, then
/// everything up to a `;` or the `{ … }` that closes it.
fn skip_item(tokens: &[Token], mut i: usize) -> usize {
    let mut depth = 0usize; // ( and [
    while i < tokens.len() {
        match &tokens[i] {
            Token::Punct('(' | '[') => depth += 1,
            Token::Punct(')' | ']') => depth = depth.saturating_sub(1),
            Token::Punct(';') if depth == 0 => return i + 1,
            Token::Punct('{') if depth == 0 => {
                let mut braces = 0usize;
                while i < tokens.len() {
                    match tokens[i] {
                        Token::Punct('{') => braces += 1,
                        Token::Punct('}') => {
                            braces -= 1;
                            if braces == 0 {
                                return i + 1;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                return i;
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// The `///` doc comments of a file, line by line (clap shows those of
/// `cli.rs` as help).
fn doc_comments(source: &str) -> Vec<(usize, String)> {
    source
        .lines()
        .enumerate()
        .filter_map(|(n, l)| {
            let text = l.trim_start().strip_prefix("///")?;
            (!text.starts_with('/')).then(|| (n + 1, text.trim().to_owned()))
        })
        .filter(|(_, t)| !t.is_empty())
        .collect()
}

// ------------------------------------------------ templates, JS, JSON

/// A template's lines with their `{# … #}` and `<!-- … -->` comments
/// blanked (newlines kept, so line numbers stay true); lines with no
/// letters left are dropped.
fn template_lines(source: &str) -> Vec<(usize, String)> {
    let mut text = source.to_owned();
    for (open, close) in [("{#", "#}"), ("<!--", "-->")] {
        let mut out = String::new();
        let mut rest = text.as_str();
        while let Some(start) = rest.find(open) {
            out.push_str(&rest[..start]);
            let end = rest[start..]
                .find(close)
                .map_or(rest.len(), |e| start + e + close.len());
            out.extend(rest[start..end].chars().filter(|&c| c == '\n'));
            rest = &rest[end..];
        }
        out.push_str(rest);
        text = out;
    }
    text.lines()
        .enumerate()
        .map(|(n, l)| (n + 1, l.trim().to_owned()))
        .filter(|(_, l)| l.chars().any(char::is_alphabetic))
        .collect()
}

/// The quoted strings ('…', "…", `…`) of a JavaScript, CSS or JSON file,
/// without its comments.
fn quoted_strings(source: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = source.chars().collect();
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let mut found = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && at(i + 1) == '/') {
                if chars[i] == '\n' {
                    line += 1;
                }
                i += 1;
            }
            i += 2;
        } else if matches!(c, '"' | '\'' | '`') {
            let start = line;
            let mut text = String::new();
            i += 1;
            while i < chars.len() && chars[i] != c {
                if chars[i] == '\\' {
                    i += 1;
                }
                if at(i) == '\n' {
                    line += 1;
                }
                text.push(at(i));
                i += 1;
            }
            found.push((start, text));
            i += 1;
        } else {
            i += 1;
        }
    }
    found
}

// ------------------------------------------------------------ gather

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every file under `dir` (recursively) whose name ends with one of
/// `endings`, sorted.
fn files(dir: &Path, endings: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if endings.iter().any(|e| path.to_string_lossy().ends_with(e)) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Every text a person may read, from every place the module doc names.
fn gather(root: &Path) -> Vec<Text> {
    let mut texts = Vec::new();
    let mut add = |path: &Path, found: Vec<(usize, String)>| {
        let file = path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned();
        for (line, text) in found {
            texts.push(Text {
                file: file.clone(),
                line,
                text,
            });
        }
    };
    let read = |path: &Path| fs::read_to_string(path).unwrap_or_default();
    let crates = root.join("crates");
    let mut crate_dirs: Vec<PathBuf> = fs::read_dir(&crates)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    crate_dirs.sort();
    for dir in crate_dirs {
        for path in files(&dir.join("src"), &[".rs"]) {
            add(&path, rust_strings(&read(&path)));
        }
    }
    let cli = crates.join("thaw/src/cli.rs");
    add(&cli, doc_comments(&read(&cli)));
    let web = crates.join("thaw-web");
    for path in files(&web.join("templates"), &[".html"]) {
        add(&path, template_lines(&read(&path)));
    }
    for path in files(&web.join("static"), &[".js", ".css", ".webmanifest"]) {
        add(&path, quoted_strings(&read(&path)));
    }
    for path in files(&web.join("static"), &[".svg"]) {
        add(&path, template_lines(&read(&path)));
    }
    for path in files(&crates.join("thaw-core/data"), &[".json"]) {
        if !path.ends_with("risk_corpus.json") {
            add(&path, quoted_strings(&read(&path)));
        }
    }
    texts
}

// ------------------------------------------------------------- tests

#[test]
fn nothing_a_person_reads_blames_them() {
    let texts = gather(&workspace_root());
    if let Some(dump) = std::env::var_os("THAW_COPY_DUMP") {
        let all: Vec<String> = texts
            .iter()
            .map(|t| format!("{}:{}: {}", t.file, t.line, t.text.replace('\n', "\\n")))
            .collect();
        fs::write(dump, all.join("\n") + "\n").unwrap();
    }

    // Not vacuous: every kind of place was read, and there is a lot of it.
    let count = |f: &dyn Fn(&Text) -> bool| texts.iter().filter(|t| f(t)).count();
    let rust = count(&|t| t.file.ends_with(".rs"));
    let help = count(&|t| t.file.ends_with("thaw/src/cli.rs"));
    let pages = count(&|t| t.file.ends_with(".html"));
    let static_files = count(&|t| t.file.contains("static/"));
    let data = count(&|t| t.file.contains("thaw-core/data/"));
    eprintln!(
        "copy: {} texts ({rust} Rust strings and help lines, {pages} template lines, {static_files} static, {data} data)",
        texts.len()
    );
    assert!(rust > 3000, "only {rust} Rust strings found");
    assert!(pages > 500, "only {pages} template lines found");
    assert!(
        help > 100,
        "only {help} lines of the command line's help found"
    );
    assert!(
        static_files > 20,
        "only {static_files} static strings found"
    );
    assert!(data > 100, "only {data} data strings found");
    for (file, known) in [
        (
            "crates/thaw/src/words.rs",
            "Saved. Thank you for checking in.",
        ),
        ("crates/thaw-tui/src/words.rs", "Paused — space to go on"),
        ("crates/thaw-core/src/library.rs", "short walk"),
        (
            "crates/thaw-web/templates/today.html",
            "How are you right now?",
        ),
        ("crates/thaw/src/cli.rs", "Record how you are right now"),
        ("crates/thaw-core/data/crisis_lines.json", "988"),
        ("crates/thaw-web/static/ground.js", "is-current"),
    ] {
        assert!(
            texts
                .iter()
                .any(|t| t.file == file && t.text.contains(known)),
            "the scan did not find {known:?} in {file}"
        );
    }

    let mut used = vec![false; ALLOWED.len()];
    let mut problems = Vec::new();
    for t in &texts {
        let Some(phrase) = blame(&t.text) else {
            continue;
        };
        match allowed_by_name(t) {
            Some(n) => used[n] = true,
            None => problems.push(format!("{}:{}: {phrase:?} in {:?}", t.file, t.line, t.text)),
        }
    }
    assert!(
        problems.is_empty(),
        "wording that blames a person (say what happened, kindly, or add a file+phrase to ALLOWED with the reason if it is about a machine):\n{}",
        problems.join("\n")
    );
    let stale: Vec<_> = ALLOWED
        .iter()
        .zip(used)
        .filter(|(_, u)| !u)
        .map(|(a, _)| a)
        .collect();
    assert!(
        stale.is_empty(),
        "ALLOWED entries that match nothing: {stale:?}"
    );
}

#[test]
fn the_scanner_flags_blame_and_lets_machines_fail() {
    for flagged in [
        "You missed yesterday's check-in.",
        "Don't break your 5-day STREAK!",
        "You failed your goal.",
        "You failed to go for a walk.",
        "You should try harder.",
        "You're behind on your plan.",
        "You fell off the wagon.",
        "Feeling lazy?",
        "Oh no, you broke your streak",
    ] {
        assert!(blame(flagged).is_some(), "{flagged}");
    }
    for fine in [
        "failed to open file thaw.db",
        "Failed to read the backup: permission denied",
        "failed to connect to the database",
        "could not write README.txt",
        "Dismissed. Nothing changed.",
        "Skipped is fine; maybe tomorrow.",
        "Maybe today, if it fits.",
        "a streaky sky", // whole words only
    ] {
        assert_eq!(blame(fine), None, "{fine}");
    }
}

#[test]
fn the_scanner_reads_rust_as_rust() {
    let source = r####"
//! Doc: you missed it (a comment, not shown)
/// You should not see this either.
const A: &str = "first";
/* a block /* nested "missed" */ still comment */
fn f<'a>(x: &'a str) -> char {
    let _ = r#"raw "quoted" text"#;
    let _ = b"bytes";
    let _ = 'x';
    let _ = '"';
    let _ = '\'';
    let _ = "escaped \"quote\" \
             continued";
    'q'
}
#[cfg(test)]
mod tests {
    const HIDDEN: &str = "You missed it";
    fn g() { let _ = "{ nested }"; }
}
#[cfg(test)]
const ALSO_HIDDEN: &str = "hidden";
const LAST: &str = "last";
"####;
    let strings = rust_strings(source);
    let texts: Vec<&str> = strings.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(
        texts,
        [
            "first",
            "raw \"quoted\" text",
            "bytes",
            "escaped \"quote\" continued",
            "last"
        ]
    );
    assert_eq!(strings[0].0, 4, "line numbers are the literal's own");
    assert_eq!(strings[4].0, 23);
}

#[test]
fn the_scanner_reads_pages_without_their_comments() {
    let page = "<h1>Today</h1>\n{# you missed this #}\n<!-- a\nstreak -->\n<p>Maybe today</p>\n";
    assert_eq!(
        template_lines(page),
        [
            (1, "<h1>Today</h1>".to_owned()),
            (5, "<p>Maybe today</p>".to_owned())
        ]
    );
    let js = "// missed\nconst a = 'one'; /* streak */ const b = \"two\";\nlet c = `three`;";
    let strings: Vec<_> = quoted_strings(js).into_iter().map(|(_, s)| s).collect();
    assert_eq!(strings, ["one", "two", "three"]);
}

#[test]
fn every_allowed_exception_names_its_file_and_says_why() {
    for (file, phrase, why) in ALLOWED {
        assert!(
            workspace_root().join(file).is_file(),
            "{file} is not a file"
        );
        assert!(!phrase.is_empty() && why.len() > 20, "{file}: {phrase:?}");
        assert!(blame(phrase).is_some(), "{phrase:?} needs no exception");
    }
}
