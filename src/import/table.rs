//! Reading a CSV export into rows that know where they are in the file.
//!
//! Shared by the DDaT and SFIA importers: the header is checked against the expected columns,
//! each data row keeps its spreadsheet row number (header = row 1) and the line where it starts,
//! and line breaks inside cells are normalised to `\n`.

use super::error::ImportError;
use super::report::At;

/// One data row of a CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRow {
    /// The file it comes from, as named in messages ("roles CSV").
    pub file: &'static str,
    /// Spreadsheet row: the header is row 1, the first data row is row 2.
    pub row: usize,
    /// Line of the file where the record starts.
    pub line: usize,
    pub cells: Vec<String>,
}

impl CsvRow {
    pub fn at(&self) -> At {
        At::row(self.row, self.line).in_file(self.file)
    }

    /// The cell in column `index`, or "" when the row is short.
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", String::as_str)
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvTable {
    /// Header cells, trimmed, without a leading byte-order mark.
    pub header: Vec<String>,
    pub rows: Vec<CsvRow>,
}

/// Parses `text` as CSV. `file` names it in errors. Rejects text without a header row.
pub fn read_table(text: &str, file: &'static str) -> Result<CsvTable, ImportError> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::new(text);
    loop {
        let start = reader.position().byte();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(err) => {
                let line = lines.line_at(err.position().map_or(start, csv::Position::byte));
                return Err(ImportError::Csv { file: file.to_string(), line: Some(line), message: err.to_string() });
            }
        }
        let line = lines.line_at(record.position().map_or(start, csv::Position::byte));
        let cells: Vec<String> = record.iter().map(normalise_newlines).collect();
        match header {
            None => header = Some(cells.iter().map(|c| c.trim_start_matches('\u{feff}').trim().to_string()).collect()),
            Some(_) => rows.push(CsvRow { file, row: rows.len() + 2, line, cells }),
        }
    }
    match header {
        Some(header) => Ok(CsvTable { header, rows }),
        None => Err(ImportError::Empty { file: file.to_string() }),
    }
}

/// Line numbers from byte offsets, counted incrementally (offsets only grow while reading).
///
/// csv's own `Position::line()` lags one line behind on CRLF files, because a record ends at
/// the `\r` and its `\n` is counted with the next record; here the record's start is moved past
/// line ends first.
struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter { bytes: text.as_bytes(), offset: 0, line: 1 }
    }

    /// The 1-based line of the first character at or after `offset` that is not a line end.
    fn line_at(&mut self, offset: u64) -> usize {
        let mut target = usize::try_from(offset).unwrap_or(usize::MAX).min(self.bytes.len());
        while target < self.bytes.len() && matches!(self.bytes[target], b'\r' | b'\n') {
            target += 1;
        }
        if target > self.offset {
            self.line += self.bytes[self.offset..target].iter().filter(|&&b| b == b'\n').count();
            self.offset = target;
        }
        self.line
    }
}

fn normalise_newlines(cell: &str) -> String {
    if cell.contains('\r') {
        cell.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        cell.to_string()
    }
}

/// Checks that `found` is exactly `expected` (trailing empty header cells are allowed).
pub fn check_header(
    file: &str,
    export: &str,
    expected: &[&str],
    found: &[String],
    hint: Option<String>,
) -> Result<(), ImportError> {
    let trimmed_len = found.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
    let found_cols = &found[..trimmed_len];
    if found_cols.len() == expected.len() && found_cols.iter().zip(expected).all(|(f, e)| f == e) {
        return Ok(());
    }
    Err(ImportError::WrongHeader {
        file: file.to_string(),
        export: export.to_string(),
        expected: expected.iter().map(|s| s.to_string()).collect(),
        found: found_cols.to_vec(),
        hint,
    })
}

/// Rejects a row with fewer cells than the header, or with text beyond the last column:
/// either means the file is cut short or its quoting is broken.
pub fn check_width(row: &CsvRow, header: &[&str]) -> Result<(), ImportError> {
    let file = row.file;
    let width = header.len();
    if row.cells.len() < width {
        let missing = header.get(row.cells.len()).copied().map(str::to_string);
        return Err(ImportError::Row {
            file: file.to_string(),
            row: row.row,
            line: row.line,
            field: missing,
            message: format!("the row has {} columns; expected {width}", row.cells.len()),
        });
    }
    if let Some(extra) = row.cells.iter().skip(width).position(|c| !c.trim().is_empty()) {
        return Err(ImportError::Row {
            file: file.to_string(),
            row: row.row,
            line: row.line,
            field: None,
            message: format!(
                "there is text in column {}, after the last column \"{}\"",
                width + extra + 1,
                header[width - 1]
            ),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_know_their_spreadsheet_row_and_starting_line() {
        let text = "\u{feff}A, B\r\n1,\"two\r\nlines\"\r\n3,4\r\n";
        let table = read_table(text, "file").unwrap();
        assert_eq!(table.header, ["A", "B"]);
        assert_eq!(
            table.rows[0],
            CsvRow { file: "file", row: 2, line: 2, cells: vec!["1".into(), "two\nlines".into()] }
        );
        assert_eq!((table.rows[1].row, table.rows[1].line), (3, 4));
    }

    #[test]
    fn lines_count_from_where_the_record_starts_with_any_line_ends() {
        for text in ["h\na\n\"b\nb\"\n\nc\n", "h\r\na\r\n\"b\r\nb\"\r\n\r\nc\r\n"] {
            let table = read_table(text, "file").unwrap();
            let places: Vec<(usize, usize)> = table.rows.iter().map(|r| (r.row, r.line)).collect();
            assert_eq!(places, [(2, 2), (3, 3), (4, 6)], "{text:?}");
        }
    }

    #[test]
    fn header_must_match_exactly() {
        let found = vec!["A".to_string(), "C".to_string(), String::new()];
        let err = check_header("file", "the export", &["A", "B"], &found, None).unwrap_err();
        assert_eq!(err.to_string(), "The file does not have the columns of the export. Expected: A, B. Found: A, C");
        let found = vec!["A".to_string(), "B".to_string(), String::new()];
        assert!(check_header("file", "the export", &["A", "B"], &found, None).is_ok());
    }

    #[test]
    fn short_rows_and_text_past_the_last_column_are_rejected() {
        let header = ["A", "B", "C"];
        let short = CsvRow { file: "file", row: 7, line: 9, cells: vec!["x".into()] };
        assert_eq!(
            check_width(&short, &header).unwrap_err().to_string(),
            "The file, row 7 (line 9), column \"B\": the row has 1 columns; expected 3"
        );
        let long = CsvRow {
            file: "file",
            row: 2,
            line: 2,
            cells: vec!["a".into(), "b".into(), "c".into(), "".into(), "d".into()],
        };
        assert!(check_width(&long, &header).unwrap_err().to_string().contains("column 5"));
        let trailing =
            CsvRow { file: "file", row: 2, line: 2, cells: vec!["a".into(), "b".into(), "c".into(), " ".into()] };
        assert!(check_width(&trailing, &header).is_ok());
    }

    #[test]
    fn text_without_any_record_is_empty() {
        assert!(matches!(read_table("", "file"), Err(ImportError::Empty { .. })));
    }
}
