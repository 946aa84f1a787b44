//! Word tables become pipe tables: merged cells are padded, `|` in a cell
//! is escaped, and the first row is the header (the report says so when
//! Word did not mark it as one).

use super::{is_on, Converter};
use crate::authoring::docx::notes::Note;
use crate::authoring::docx::xml::Element;
use crate::authoring::docx::Block;
use crate::authoring::markdown;
use crate::base::diagnostic::Diagnostic;

impl Converter<'_> {
    /// A `w:tbl` as one table block.
    pub(super) fn table(&mut self, table: &Element) -> Result<(), Diagnostic> {
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut header = false;
        for (index, row) in table.elements().filter(|e| e.name == "w:tr").enumerate() {
            if index == 0 {
                header = row
                    .child("w:trPr")
                    .is_some_and(|p| is_on(p.child("w:tblHeader")));
            }
            rows.push(self.table_row(row)?);
        }
        rows.retain(|row| !row.is_empty());
        if rows.is_empty() {
            return Ok(());
        }
        if !header {
            self.out.notes.add(Note::TableWithoutHeader);
        }
        self.out.blocks.push(Block::Table {
            markdown: table_markdown(rows),
        });
        Ok(())
    }

    fn table_row(&mut self, row: &Element) -> Result<Vec<String>, Diagnostic> {
        let mut cells = Vec::new();
        for cell in row.elements().filter(|e| e.name == "w:tc") {
            let tcpr = cell.child("w:tcPr");
            let continued = tcpr
                .and_then(|p| p.child("w:vMerge"))
                .is_some_and(|m| m.attr("w:val") != Some("restart"));
            let text = if continued {
                String::new()
            } else {
                self.cell_text(cell)?
            };
            cells.push(text);
            let span: usize = tcpr
                .and_then(|p| p.child_val("w:gridSpan"))
                .and_then(|s| s.parse().ok())
                .unwrap_or(1);
            cells.extend(std::iter::repeat_n(String::new(), span.clamp(1, 64) - 1));
        }
        Ok(cells)
    }

    fn cell_text(&mut self, cell: &Element) -> Result<String, Diagnostic> {
        let mut paragraphs = Vec::new();
        let mut found = Vec::new();
        cell.find_all("w:p", &mut found);
        if cell.elements().any(|e| e.name == "w:tbl") {
            self.out.notes.add(Note::NestedTable);
        }
        for p in found {
            let (inlines, _, has_content) = self.inlines(p)?;
            if has_content {
                paragraphs.push(markdown::render(&inlines));
            }
        }
        Ok(paragraphs.join(" ").replace('|', "\\|"))
    }
}

pub(crate) fn table_markdown(mut rows: Vec<Vec<String>>) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(1);
    for row in &mut rows {
        row.resize(columns, String::new());
    }
    let line = |row: &[String]| format!("| {} |", row.join(" | "));
    let mut lines = Vec::with_capacity(rows.len() + 1);
    if let Some(first) = rows.first() {
        lines.push(line(first));
    }
    lines.push(format!("|{}", "---|".repeat(columns)));
    lines.extend(rows.iter().skip(1).map(|row| line(row)));
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_rows_are_padded_to_the_widest() {
        let rows = vec![
            vec!["Gmina".to_string(), "Ankiety".to_string()],
            vec!["Klukowo".to_string()],
        ];
        assert_eq!(
            table_markdown(rows),
            "| Gmina | Ankiety |\n|---|---|\n| Klukowo |  |"
        );
    }
}
