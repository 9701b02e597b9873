//! Reading CSV as other apps export it (RFC 4180, read carefully).
//!
//! - Fields are separated by commas (or by semicolons or tabs, when the
//!   header line uses those instead); records end at LF, CRLF or CR.
//! - A field in double quotes may hold separators, line breaks and
//!   doubled quotes (`""` is one `"`); after its closing quote only the
//!   separator, spaces or the end of the record may follow.
//! - A quote inside an unquoted field is kept as written.
//! - A byte-order mark at the start is dropped; blank lines are skipped.
//! - Line breaks inside quoted fields come back as `\n`.
//!
//! Every record knows the line it starts on, so a refusal can say
//! `line 7: note`. A quote that never closes is refused (the file was cut
//! off), naming the line where its record started.

use std::collections::HashMap;

use thaw_core::InputError;

use crate::import::{at_line, header_key};

/// One record: its fields and the (1-based) line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Why the text is not CSV we can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    /// The line the broken record starts on.
    pub line: usize,
    /// The field's position in its record (0-based).
    pub column: usize,
    pub problem: Problem,
    /// The broken field as far as it was read.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A quoted field never closes before the end of the file.
    Unterminated,
    /// Something other than a separator follows a closing quote.
    AfterQuote,
}

impl Problem {
    pub fn allowed(self) -> &'static str {
        match self {
            Problem::Unterminated => {
                "a quoted value that ends with a closing \" (this one runs to the end of the file: the file looks cut off)"
            }
            Problem::AfterQuote => {
                "a quoted value followed by a comma or the end of the line (a \" inside quotes is written twice: \"\")"
            }
        }
    }
}

/// The separator this text uses: the one of `,`, `;` and tab that the
/// first non-blank line (outside quotes) holds most, else `,`.
fn separator(text: &str) -> char {
    let first = text
        .split(['\n', '\r'])
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    let mut counts = [(',', 0usize), (';', 0), ('\t', 0)];
    let mut quoted = false;
    for c in first.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted {
            for (sep, n) in &mut counts {
                if *sep == c {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .fold(
            (',', 0),
            |best, &(c, n)| if n > best.1 { (c, n) } else { best },
        )
        .0
}

/// Reads every record; the first one is usually the header.
pub fn records(text: &str) -> Result<Vec<Record>, CsvError> {
    match read_records(text) {
        (all, None) => Ok(all),
        (_, Some(e)) => Err(e),
    }
}

/// The records before the first problem, and the problem.
fn read_records(text: &str) -> (Vec<Record>, Option<CsvError>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let sep = separator(text);
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1usize;

    loop {
        // Skip blank lines between records.
        loop {
            match chars.peek() {
                Some('\n') => {
                    chars.next();
                    line += 1;
                }
                Some('\r') => {
                    chars.next();
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    line += 1;
                }
                _ => break,
            }
        }
        if chars.peek().is_none() {
            return (out, None);
        }
        let start = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false; // inside a quoted field
        let mut closed = false; // a quoted field has closed; only a separator may follow
        let mut at_field_start = true;
        loop {
            let Some(c) = chars.next() else {
                if quoted {
                    let e = CsvError {
                        line: start,
                        column: fields.len(),
                        problem: Problem::Unterminated,
                        text: field,
                    };
                    return (out, Some(e));
                }
                fields.push(std::mem::take(&mut field));
                break;
            };
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => {
                        quoted = false;
                        closed = true;
                    }
                    '\r' => {
                        if chars.peek() == Some(&'\n') {
                            chars.next();
                        }
                        line += 1;
                        field.push('\n');
                    }
                    '\n' => {
                        line += 1;
                        field.push('\n');
                    }
                    other => field.push(other),
                }
                continue;
            }
            match c {
                '\n' | '\r' => {
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    line += 1;
                    fields.push(std::mem::take(&mut field));
                    break;
                }
                c if c == sep => {
                    fields.push(std::mem::take(&mut field));
                    closed = false;
                    at_field_start = true;
                    continue;
                }
                '"' if at_field_start => quoted = true,
                ' ' | '\t' if closed => {}
                _ if closed => {
                    let e = CsvError {
                        line: start,
                        column: fields.len(),
                        problem: Problem::AfterQuote,
                        text: field,
                    };
                    return (out, Some(e));
                }
                other => field.push(other),
            }
            at_field_start = false;
        }
        out.push(Record {
            line: start,
            fields,
        });
    }
}

/// Writes one field as [`records`] reads it back (for tests and tools).
pub fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r', ';', '\t']) || field.starts_with(' ') {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// A table: the header's columns by name, and the data records.
#[derive(Debug)]
pub struct Table {
    pub columns: Vec<String>,
    index: HashMap<String, usize>,
    pub rows: Vec<Record>,
}

impl Table {
    /// Reads `text` as a header line and data records. A broken record is
    /// refused naming its line and the column it broke in; a record with
    /// more or fewer values than the header is refused too (empty values
    /// past the header's last column are allowed).
    pub fn read(text: &str) -> Result<Table, InputError> {
        let (mut all, problem) = read_records(text);
        if let Some(e) = problem {
            // Name the column by the header's name when the header is whole.
            let column = all
                .first()
                .filter(|h| h.line < e.line)
                .and_then(|h| h.fields.get(e.column))
                .map(|name| header_key(name))
                .filter(|name| !name.is_empty())
                .unwrap_or_else(|| format!("column {}", e.column + 1));
            return Err(InputError::new(
                at_line(e.line, &column),
                &e.text,
                e.problem.allowed(),
            ));
        }
        if all.is_empty() {
            return Err(InputError::new(
                "file",
                "",
                "a CSV export with a header line (this file is empty)",
            ));
        }
        let header = all.remove(0);
        let columns: Vec<String> = header.fields.iter().map(|h| header_key(h)).collect();
        let mut index = HashMap::new();
        for (i, c) in columns.iter().enumerate() {
            index.entry(c.clone()).or_insert(i);
        }
        for row in &mut all {
            if row.fields.len() > columns.len()
                && row.fields[columns.len()..]
                    .iter()
                    .all(|f| f.trim().is_empty())
            {
                row.fields.truncate(columns.len());
            }
            if row.fields.len() != columns.len() {
                return Err(InputError::new(
                    at_line(row.line, "columns"),
                    format!("{} values", row.fields.len()),
                    format!(
                        "{} values, one for each column of the header line ({}); a value with a comma or a line break needs \"quotes\"",
                        columns.len(),
                        header.fields.join(",")
                    ),
                ));
            }
        }
        Ok(Table {
            columns,
            index,
            rows: all,
        })
    }

    /// The position of the first of `names` the header has.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .find_map(|n| self.index.get(&header_key(n)).copied())
    }

    /// Whether the header has any of `names`.
    pub fn has(&self, names: &[&str]) -> bool {
        self.column(names).is_some()
    }

    /// The header's name for column `i` (as compared).
    pub fn name(&self, i: usize) -> &str {
        self.columns.get(i).map(String::as_str).unwrap_or("")
    }
}

/// The value of column `i` in `row` ("" when there is no such column).
pub fn cell(row: &Record, i: Option<usize>) -> &str {
    i.and_then(|i| row.fields.get(i))
        .map(String::as_str)
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fields(text: &str) -> Vec<Vec<String>> {
        records(text)
            .unwrap()
            .into_iter()
            .map(|r| r.fields)
            .collect()
    }

    #[test]
    fn quoted_commas_quotes_and_newlines() {
        let text = "a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\n";
        assert_eq!(
            fields(text),
            vec![
                vec!["a", "b", "c"],
                vec!["1", "x, y", "say \"hi\""],
                vec!["2", "two\nlines", ""],
            ]
        );
        let lines: Vec<usize> = records(text).unwrap().iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 3]);
    }

    #[test]
    fn bom_crlf_cr_and_blank_lines() {
        let text = "\u{feff}a,b\r\n\r\n1,\"x\r\ny\"\r\n\n2,3\r4,5";
        assert_eq!(
            fields(text),
            vec![
                vec!["a", "b"],
                vec!["1", "x\ny"],
                vec!["2", "3"],
                vec!["4", "5"],
            ]
        );
        let lines: Vec<usize> = records(text).unwrap().iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 3, 6, 7]);
    }

    #[test]
    fn semicolons_and_tabs_when_the_header_uses_them() {
        assert_eq!(fields("a;b\n1,5;2"), vec![vec!["a", "b"], vec!["1,5", "2"]]);
        assert_eq!(fields("a\tb\n1\t2"), vec![vec!["a", "b"], vec!["1", "2"]]);
    }

    #[test]
    fn an_unterminated_quote_names_the_line_it_started_on() {
        let e = records("a,b\n1,2\n3,\"never\nends\n").unwrap_err();
        assert_eq!((e.line, e.column, e.problem), (3, 1, Problem::Unterminated));
        let e = records("a,b\n1,\"x\"y\n").unwrap_err();
        assert_eq!((e.line, e.problem), (2, Problem::AfterQuote));
        let e = Table::read("a,note\n1,2\n3,\"never\nends\n").unwrap_err();
        assert_eq!(e.field, "line 3: note");
        let e = Table::read("a,\"b\n").unwrap_err();
        assert_eq!(e.field, "line 1: column 2");
    }

    #[test]
    fn stray_quotes_in_unquoted_fields_are_kept_and_space_after_a_quote_is_fine() {
        assert_eq!(
            fields("a,b\n5\" tall,\"x\"  \n"),
            vec![vec!["a", "b"], vec!["5\" tall", "x"]]
        );
    }

    #[test]
    fn a_table_checks_its_column_count() {
        let t = Table::read("A_b,c\n1,2,,\n").unwrap();
        assert_eq!(t.column(&["a b"]), Some(0));
        assert_eq!(t.rows[0].fields, vec!["1", "2"]);
        let e = Table::read("a,b\n1,2\n1,2,3\n").unwrap_err();
        assert_eq!(e.field, "line 3: columns");
        let e = Table::read("a,b\n1\n").unwrap_err();
        assert_eq!(e.field, "line 2: columns");
        assert_eq!(Table::read("").unwrap_err().field, "file");
    }

    proptest! {
        #[test]
        fn quoted_fields_round_trip(rows in proptest::collection::vec(
            proptest::collection::vec("[a-z ,;\"\n\r\t'é😀]{0,12}", 3), 1..6)
        ) {
            let text: String = rows
                .iter()
                .map(|r| r.iter().map(|f| format!("\"{}\"", f.replace('"', "\"\""))).collect::<Vec<_>>().join(","))
                .collect::<Vec<_>>()
                .join("\r\n");
            let back = fields(&text);
            let expected: Vec<Vec<String>> = rows
                .iter()
                .map(|r| r.iter().map(|f| f.replace("\r\n", "\n").replace('\r', "\n")).collect())
                .collect();
            prop_assert_eq!(back, expected);
        }

        #[test]
        fn quote_then_read_gives_the_field_back(row in proptest::collection::vec("[a-z ,\"\n]{0,10}", 1..5)) {
            let text = format!("h\n{}", row.iter().map(|f| quote(f)).collect::<Vec<_>>().join(","));
            let back = fields(&text);
            // A record that is one empty field reads as a blank line.
            if !(row.len() == 1 && row[0].is_empty()) {
                prop_assert_eq!(&back[1], &row);
            }
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let text = String::from_utf8_lossy(&bytes);
            let _ = records(&text);
            let _ = Table::read(&text);
        }
    }
}
