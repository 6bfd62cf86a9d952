//! Spreadsheet-safe CSV cells. A cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage
//! return is read as a formula by spreadsheet programs; exports prefix such cells with a single
//! quote so they are shown as text and never run (OWASP's CSV injection advice).

/// The cell as it should be written to an exported CSV.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// Writes rows as RFC 4180 CSV (CRLF line ends, quotes where needed), neutralising every cell.
pub fn write_csv<I, R, C>(rows: I) -> String
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    for row in rows {
        let cells: Vec<String> = row.into_iter().map(|c| neutralise(c.as_ref())).collect();
        writer.write_record(&cells).expect("writing CSV to memory cannot fail");
    }
    let bytes = writer.into_inner().expect("flushing CSV to memory cannot fail");
    String::from_utf8(bytes).expect("CSV written from strings is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("-2"), "'-2");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("\rx"), "'\rx");
        assert_eq!(neutralise("Ada Lovelace"), "Ada Lovelace");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn writes_rfc4180_with_crlf_and_quotes() {
        let csv = write_csv([vec!["name", "note"], vec!["=HYPERLINK(\"x\")", "a, b"]]);
        assert_eq!(csv, "name,note\r\n\"'=HYPERLINK(\"\"x\"\")\",\"a, b\"\r\n");
    }
}
