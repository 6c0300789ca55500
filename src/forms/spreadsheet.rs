//! The one CSV writer of the app (`csv` crate). Every cell that a spreadsheet would read as a
//! formula is neutralised, and the file starts with a byte-order mark so Excel reads UTF-8
//! (Cyrillic names would otherwise show as mojibake).

/// Characters that make Excel or LibreOffice treat a cell as a formula (OWASP "CSV injection").
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as a spreadsheet shows it, never run: a leading single quote (OWASP's advice) turns a
/// would-be formula such as `=HYPERLINK(…)` or `+1+2` into text.
pub fn neutralise_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) { format!("'{cell}").into() } else { cell.into() }
}

/// A CSV file with a header row and data rows, every cell neutralised.
pub fn csv_document<R, C>(header: &[&str], rows: R) -> Result<String, csv::Error>
where
    R: IntoIterator<Item = Vec<C>>,
    C: AsRef<str>,
{
    let mut writer = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    writer.write_record(header.iter().map(|cell| neutralise_cell(cell).into_owned()))?;
    for row in rows {
        writer.write_record(row.iter().map(|cell| neutralise_cell(cell.as_ref()).into_owned()))?;
    }
    let bytes = writer.into_inner().map_err(|error| error.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A CSV file as a download: UTF-8, saved under `file_name`, never cached (it holds people's
/// data). The one place the spreadsheet downloads get their headers from.
pub fn csv_download(file_name: &str, body: String) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    use axum::response::IntoResponse;
    // File names are built from slugs and dates; anything else falls back to a plain attachment.
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_would_be_formulas_become_text() {
        for formula in ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-2+3", "@SUM(A1:A2)", "\tx", "\rx"] {
            assert_eq!(neutralise_cell(formula), format!("'{formula}"), "{formula:?}");
        }
        for text in ["Айгерім Сапарова", "in the middle is fine: a+b=c", "", "'quoted"] {
            assert_eq!(neutralise_cell(text), text);
        }
    }

    #[test]
    fn a_document_has_a_byte_order_mark_and_no_live_formula() {
        let document = csv_document(&["name", "phone"], [vec!["=1+1", "+77015551234"], vec!["Arman", ""]]).unwrap();
        assert!(document.starts_with('\u{feff}'));
        let lines: Vec<&str> = document.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines, ["name,phone", "'=1+1,'+77015551234", "Arman,"]);
    }
}
