//! Turning uploaded bytes into text.
//!
//! Official exports arrive as UTF-8 (with or without a byte-order mark), as UTF-16 when saved
//! from Excel as "Unicode text", or as Windows-1252 when saved as plain "CSV" on a UK Windows
//! machine. Decoding them wrongly turns `’` into `â€™` and `–` into `â€“`, so the encoding is
//! detected, never assumed, and the report says which one was used.

use super::error::ImportError;
use super::report::{At, EntryKind, ValidationReport};
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// The largest upload any importer accepts: 8 MiB. The DDaT roles export is about 2.4 MB.
pub const MAX_IMPORT_BYTES: usize = 8 * 1024 * 1024;

/// Share of control characters above which a file is taken for binary data.
const MAX_CONTROL_SHARE: f64 = 0.05;

/// Text decoded from an upload, with how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedText {
    pub text: String,
    /// The WHATWG name of the encoding used: "UTF-8", "UTF-16LE", "windows-1252", ...
    pub encoding: &'static str,
    /// Whether the file started with a byte-order mark (removed from `text`).
    pub bom: bool,
    /// Whether the encoding was guessed (no BOM and not valid UTF-8).
    pub guessed: bool,
    /// Whether some bytes could not be decoded and were replaced with `�`.
    pub replaced: bool,
}

impl DecodedText {
    /// Adds an entry saying how `file` was decoded.
    pub fn note(&self, file: &'static str, report: &mut ValidationReport) {
        let how = match (self.bom, self.guessed) {
            (true, _) => "from its byte-order mark",
            (false, true) => "by detection (the file is not UTF-8)",
            (false, false) => "(valid UTF-8)",
        };
        let at = At::file().in_file(file);
        report.info(
            at,
            None,
            EntryKind::Encoding,
            format!("The {file} was read as {} {how}", self.encoding),
            "decoded",
        );
        if self.replaced {
            report.warning(
                at,
                None,
                EntryKind::Encoding,
                format!("Some bytes of the {file} are not valid {} and were replaced with \u{FFFD}", self.encoding),
                "replaced",
            );
        }
    }
}

/// Decodes an upload. `file` names it in messages ("roles CSV").
///
/// Rejects empty input, input over [`MAX_IMPORT_BYTES`], and binary data (NUL characters, or
/// more than 5% control characters). Uses a UTF-8 or UTF-16 byte-order mark when there is one,
/// then valid UTF-8, then chardetng's guess with the `.uk` domain hint (so Western European
/// single-byte text comes out as Windows-1252).
pub fn decode(bytes: &[u8], file: &str) -> Result<DecodedText, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty { file: file.to_string() });
    }
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { file: file.to_string(), size: bytes.len(), limit: MAX_IMPORT_BYTES });
    }
    let decoded = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => with_encoding(encoding, &bytes[bom_len..], true, false),
        None => match std::str::from_utf8(bytes) {
            Ok(text) => DecodedText {
                text: text.to_string(),
                encoding: UTF_8.name(),
                bom: false,
                guessed: false,
                replaced: false,
            },
            Err(_) => with_encoding(guess(bytes), bytes, false, true),
        },
    };
    check_is_text(&decoded.text, file)?;
    if decoded.text.trim().is_empty() {
        return Err(ImportError::Empty { file: file.to_string() });
    }
    Ok(decoded)
}

fn with_encoding(encoding: &'static Encoding, bytes: &[u8], bom: bool, guessed: bool) -> DecodedText {
    let (text, replaced) = encoding.decode_without_bom_handling(bytes);
    DecodedText { text: text.into_owned(), encoding: encoding.name(), bom, guessed, replaced }
}

fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guessed = detector.guess(Some(b"uk"), Utf8Detection::Allow);
    // UTF-16 is never guessed without a BOM; a guess of it would only come from a bug.
    if guessed == UTF_16LE || guessed == UTF_16BE {
        encoding_rs::WINDOWS_1252
    } else {
        guessed
    }
}

/// The checks [`decode`] makes, for text that arrives already decoded (a pasted profile):
/// rejects empty or blank text, text over [`MAX_IMPORT_BYTES`] and binary data.
pub fn check_text(text: &str, file: &str) -> Result<(), ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::Empty { file: file.to_string() });
    }
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { file: file.to_string(), size: text.len(), limit: MAX_IMPORT_BYTES });
    }
    check_is_text(text, file)
}

/// Rejects text that is really binary data.
fn check_is_text(text: &str, file: &str) -> Result<(), ImportError> {
    if let Some(at) = text.find('\0') {
        return Err(ImportError::Binary {
            file: file.to_string(),
            reason: format!(
                "it contains a NUL character (after {} characters); upload a CSV or text file, not a spreadsheet or document",
                text[..at].chars().count()
            ),
        });
    }
    let (mut total, mut control) = (0usize, 0usize);
    for c in text.chars() {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            control += 1;
        }
    }
    if total > 0 && control as f64 / total as f64 > MAX_CONTROL_SHARE {
        return Err(ImportError::Binary {
            file: file.to_string(),
            reason: format!("{control} of its {total} characters are control characters"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_utf8_is_taken_as_is() {
        let decoded = decode("Skill’s – name".as_bytes(), "file").unwrap();
        assert_eq!(decoded.text, "Skill’s – name");
        assert_eq!(decoded.encoding, "UTF-8");
        assert!(!decoded.bom && !decoded.guessed && !decoded.replaced);
    }

    #[test]
    fn utf8_bom_is_removed() {
        let decoded = decode(b"\xEF\xBB\xBFSkill Name,x", "file").unwrap();
        assert_eq!(decoded.text, "Skill Name,x");
        assert!(decoded.bom);
    }

    #[test]
    fn utf16_with_either_bom_is_decoded() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in "Code,’–".encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        let le = decode(&le, "file").unwrap();
        assert_eq!((le.text.as_str(), le.encoding), ("Code,’–", "UTF-16LE"));
        let be = decode(&be, "file").unwrap();
        assert_eq!((be.text.as_str(), be.encoding), ("Code,’–", "UTF-16BE"));
    }

    #[test]
    fn windows_1252_keeps_curly_quotes_and_dashes() {
        // "The organisation’s skills – level 5", with 0x92 and 0x96 as Windows-1252 writes them.
        let bytes = b"The organisation\x92s skills \x96 level 5, caf\xE9";
        let decoded = decode(bytes, "file").unwrap();
        assert_eq!(decoded.text, "The organisation’s skills – level 5, café");
        assert_eq!(decoded.encoding, "windows-1252");
        assert!(decoded.guessed);
    }

    #[test]
    fn empty_and_blank_input_is_rejected() {
        assert_eq!(decode(b"", "roles CSV"), Err(ImportError::Empty { file: "roles CSV".into() }));
        assert!(matches!(decode(b" \n\r\n ", "roles CSV"), Err(ImportError::Empty { .. })));
    }

    #[test]
    fn oversized_input_is_rejected_with_the_limit() {
        let bytes = vec![b'a'; MAX_IMPORT_BYTES + 1];
        let err = decode(&bytes, "SFIA CSV").unwrap_err();
        assert!(err.to_string().contains("8 MiB (8388608 bytes)"), "{err}");
        assert!(decode(&vec![b'a'; MAX_IMPORT_BYTES], "SFIA CSV").is_ok());
    }

    #[test]
    fn binary_junk_is_rejected() {
        let zip = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00";
        let err = decode(zip, "file").unwrap_err();
        assert!(err.to_string().contains("NUL character"), "{err}");
        let controls: Vec<u8> = (1u8..=8).cycle().take(100).chain(*b"abc").collect();
        let err = decode(&controls, "file").unwrap_err();
        assert!(err.to_string().contains("control characters"), "{err}");
    }

    #[test]
    fn pasted_text_gets_the_same_checks() {
        assert!(check_text("Summary\nA lead.", "role profile").is_ok());
        assert!(matches!(check_text("  \n", "role profile"), Err(ImportError::Empty { .. })));
        assert!(matches!(check_text("a\0b", "role profile"), Err(ImportError::Binary { .. })));
    }

    #[test]
    fn note_says_which_encoding_was_used() {
        let mut report = ValidationReport::new();
        decode(b"caf\xE9", "SFIA CSV").unwrap().note("SFIA CSV", &mut report);
        assert_eq!(
            report.entries[0].message,
            "The SFIA CSV was read as windows-1252 by detection (the file is not UTF-8)"
        );
    }
}
