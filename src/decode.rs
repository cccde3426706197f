//! Decode: raw bytes in, a [`Document`] out.
//!
//! In: the bytes of one file or paste and its name. Out: UTF-8 text with `\n` line ends and the
//! format it is in (plain text/markdown or HTML). Why here: every later stage may assume valid
//! UTF-8, `\n` only, and no byte-order mark, so none of them re-checks. What it does not do: look
//! at what the text says (that is `segment` and `clean`).
//!
//! Encodings: UTF-8 (with or without BOM) and UTF-16 with a BOM are decoded exactly. Bytes that
//! are not UTF-8 are read as Windows-1252 (which every byte decodes in, and which is what
//! "Latin-1" pages really are), unless most of the non-ASCII text *is* valid UTF-8, in which case
//! the broken sequences become U+FFFD. Either way a note says so.

use crate::error::InputError;
pub use crate::schema::Format;

/// Largest document accepted. A saved news page is rarely above 2 MB; 16 MB leaves room for
/// pages with inlined images while refusing whole archives pasted by mistake.
pub const MAX_INPUT_BYTES: usize = 16_000_000;

/// How many leading bytes are sniffed for binary content.
const SNIFF_BYTES: usize = 4096;

/// Share of control bytes in the sniffed prefix above which the input is binary. Text files have
/// none; 1 % tolerates a stray form feed or escape.
const MAX_CONTROL_SHARE: f64 = 0.01;

/// One decoded input document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file name (or a label such as "pasted text").
    pub name: String,
    /// The text, valid UTF-8, `\n` line ends, no BOM.
    pub text: String,
    pub format: Format,
    /// What decoding had to do that a user may want to know (encoding guesses, replacements).
    pub notes: Vec<String>,
}

/// Decodes `bytes` into a [`Document`], or says why they are not an article.
pub fn decode(name: &str, bytes: &[u8]) -> Result<Document, InputError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    let mut notes = Vec::new();
    let text = decode_text(bytes, &mut notes)?;
    let text = normalize_line_ends(text);
    if text.trim().is_empty() {
        return Err(InputError::Empty);
    }
    let format = detect_format(name, &text);
    Ok(Document {
        name: name.to_string(),
        text,
        format,
        notes,
    })
}

fn decode_text(bytes: &[u8], notes: &mut Vec<String>) -> Result<String, InputError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8(rest, notes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        notes.push("decoded as UTF-16 (little-endian, from its byte-order mark)".into());
        return Ok(decode_utf16(rest, u16::from_le_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        notes.push("decoded as UTF-16 (big-endian, from its byte-order mark)".into());
        return Ok(decode_utf16(rest, u16::from_be_bytes));
    }
    check_not_binary(bytes)?;
    decode_utf8(bytes, notes)
}

fn check_not_binary(bytes: &[u8]) -> Result<(), InputError> {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let control_bytes = count_control_bytes(sample);
    let has_nul = memchr::memchr(0, sample).is_some();
    if has_nul || control_bytes as f64 > MAX_CONTROL_SHARE * sample.len() as f64 {
        return Err(InputError::Binary {
            control_bytes,
            sampled: sample.len(),
        });
    }
    Ok(())
}

/// Control bytes but tab, newline (9, 10), form feed and carriage return (12, 13). Counted in
/// 64-byte blocks into a `u8` with branch-free compares, so the compiler tests many bytes at a
/// time instead of one by one.
fn count_control_bytes(sample: &[u8]) -> usize {
    let is_control = |b: u8| (b < 0x20) & !((b.wrapping_sub(b'\t') < 2) | (b.wrapping_sub(0x0C) < 2)) | (b == 0x7F);
    let mut blocks = sample.chunks_exact(64);
    let mut count = 0;
    for block in &mut blocks {
        count += block.iter().fold(0u8, |n, &b| n + is_control(b) as u8) as usize;
    }
    count + blocks.remainder().iter().filter(|&&b| is_control(b)).count()
}

fn decode_utf8(bytes: &[u8], notes: &mut Vec<String>) -> Result<String, InputError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) => {
            let (valid_multibyte, invalid) = count_utf8_sequences(bytes);
            if valid_multibyte >= invalid * 2 {
                notes.push(format!(
                    "the text is UTF-8 with {invalid} broken byte sequence(s); they are shown as \u{FFFD}"
                ));
                Ok(String::from_utf8_lossy(bytes).into_owned())
            } else {
                notes.push("the text is not UTF-8; it was read as Windows-1252 (Western European)".into());
                Ok(bytes.iter().map(|&b| windows_1252(b)).collect())
            }
        }
    }
}

/// Counts well-formed multi-byte UTF-8 sequences and invalid bytes, to tell damaged UTF-8 from
/// a legacy single-byte encoding.
fn count_utf8_sequences(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                valid += s.chars().filter(|c| !c.is_ascii()).count();
                return (valid, invalid);
            }
            Err(e) => {
                let good = e.valid_up_to();
                // SAFETY-free: from_utf8 just told us this prefix is valid.
                valid += std::str::from_utf8(&bytes[..good]).map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                let skip = e.error_len().unwrap_or(bytes.len() - good);
                invalid += 1;
                bytes = &bytes[good + skip..];
            }
        }
    }
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// Windows-1252: Latin-1 except 0x80–0x9F, which hold typographic punctuation.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

fn normalize_line_ends(text: String) -> String {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// HTML by file name, else by content: markup at the start, or a body full of closing tags
/// (HTML source pasted into the box).
fn detect_format(name: &str, text: &str) -> Format {
    let lower_name = name.to_ascii_lowercase();
    if [".html", ".htm", ".xhtml"].iter().any(|ext| lower_name.ends_with(ext)) {
        return Format::Html;
    }
    if [".txt", ".md", ".markdown", ".text"]
        .iter()
        .any(|ext| lower_name.ends_with(ext))
    {
        return Format::Text;
    }
    let trimmed = text.trim_start();
    // Only text starting with `<` can start like HTML, so only such text needs its head lowered.
    if trimmed.starts_with('<') {
        let head = trimmed.chars().take(1024).collect::<String>().to_ascii_lowercase();
        let starts_like_html = [
            "<!doctype html",
            "<html",
            "<head",
            "<body",
            "<meta",
            "<div",
            "<article",
            "<p>",
            "<p ",
        ]
        .iter()
        .any(|t| head.contains(t));
        if starts_like_html {
            return Format::Html;
        }
    }
    let closing_tags = count_closing_tags(text);
    if closing_tags >= 5 && closing_tags * 200 > text.len() {
        Format::Html
    } else {
        Format::Text
    }
}

/// How many `</p>`, `</div>`, `</a>`, `</li>` and `</span>` `text` holds: one search for `<`
/// rather than one pass per tag (no tag holds a second `<`, so no two of them overlap).
fn count_closing_tags(text: &str) -> usize {
    const CLOSING_TAGS: [&[u8]; 5] = [b"</p>", b"</div>", b"</a>", b"</li>", b"</span>"];
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'<', bytes)
        .filter(|&at| CLOSING_TAGS.iter().any(|tag| bytes[at..].starts_with(tag)))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_crlf() {
        let d = decode("a.txt", b"\xEF\xBB\xBFLine one\r\nLine two\rthree").unwrap();
        assert_eq!(d.text, "Line one\nLine two\nthree");
        assert!(d.notes.is_empty());
        assert_eq!(d.format, Format::Text);
    }

    #[test]
    fn utf16_le_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Café ₹".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode("x.txt", &bytes).unwrap();
        assert_eq!(d.text, "Café ₹");
        assert_eq!(d.notes.len(), 1);
    }

    #[test]
    fn windows_1252_fallback() {
        let d = decode("x.txt", b"Caf\xE9 \x93quoted\x94 \x80 5").unwrap();
        assert_eq!(d.text, "Café “quoted” € 5");
        assert!(d.notes[0].contains("Windows-1252"));
    }

    #[test]
    fn damaged_utf8_keeps_the_good_text() {
        let d = decode(
            "x.txt",
            "Zürich, São Paulo, Kraków \u{2014} "
                .as_bytes()
                .iter()
                .copied()
                .chain([0xFF])
                .collect::<Vec<_>>()
                .as_slice(),
        )
        .unwrap();
        assert!(d.text.starts_with("Zürich, São Paulo"));
        assert!(d.text.ends_with('\u{FFFD}'));
    }

    #[test]
    fn refuses_empty_binary_and_huge() {
        assert_eq!(decode("x", b"  \n\t ").unwrap_err(), InputError::Empty);
        assert_eq!(decode("x", b"").unwrap_err(), InputError::Empty);
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        assert!(matches!(decode("x.png", png).unwrap_err(), InputError::Binary { .. }));
        let huge = vec![b'a'; MAX_INPUT_BYTES + 1];
        assert!(matches!(decode("x", &huge).unwrap_err(), InputError::TooLarge { .. }));
    }

    #[test]
    fn detects_html_by_name_and_content() {
        assert_eq!(decode("page.HTML", b"hello").unwrap().format, Format::Html);
        assert_eq!(
            decode("paste", b"  <!DOCTYPE html><html><body>x</body></html>")
                .unwrap()
                .format,
            Format::Html
        );
        assert_eq!(
            decode("paste", b"<p>One</p><p>Two</p><p>3</p><div>4</div><div>5</div>")
                .unwrap()
                .format,
            Format::Html
        );
        assert_eq!(
            decode("paste", b"He wrote <b> and </a> once.").unwrap().format,
            Format::Text
        );
        assert_eq!(
            decode("paste", b"One</p></div>\n<a>two</a></li><span>3</span>")
                .unwrap()
                .format,
            Format::Html
        );
        assert_eq!(
            decode("paste", b"One</p></div>\n<a>two</a></li><span>3</span >")
                .unwrap()
                .format,
            Format::Text
        );
        assert_eq!(
            decode("notes.md", b"<div>md may hold html</div>").unwrap().format,
            Format::Text
        );
    }
}
