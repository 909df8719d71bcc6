//! Reading a filled-in workbook at a bounded cost. A workbook is a zip archive of XML
//! parts, and what it says about itself cannot be trusted: a part may declare one size and
//! inflate to gigabytes (a zip bomb), a sheet may declare a dimension of 17 billion cells
//! (one cell at XFD1048576), the shared strings a count of 10^18. So the file and every
//! part are measured before calamine sees them (declared and actual sizes, read through a
//! capped reader), and the sheets are read cell by cell as they stream, keeping only the
//! non-empty cells of the sheets `plan import` reads: nothing is allocated by a declared
//! size.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, Reader, Xlsx};

/// The largest workbook file read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The largest part of a workbook, uncompressed, and all of them together.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;
/// The most parts a workbook may have.
pub const MAX_PARTS: usize = 10_000;
/// The most filled cells kept from one sheet (a plan's sheet has a few thousand).
pub const MAX_CELLS: usize = 1_000_000;

const MIB: u64 = 1024 * 1024;

/// What a sheet's cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Value(Data),
    /// A formula whose result the file does not hold (a program that writes formulas
    /// without computing them): its value is unknown, never to be taken as empty.
    Uncomputed,
}

/// The filled cells of one sheet, by (row, column) counted from 0.
#[derive(Debug, Default)]
pub struct Sheet {
    cells: BTreeMap<(u32, u32), Cell>,
}

impl Sheet {
    pub fn get(&self, row: u32, col: u32) -> Option<&Cell> {
        self.cells.get(&(row, col))
    }

    /// The filled cells of one column below the header, in row order.
    pub fn column(&self, col: u32) -> impl Iterator<Item = (u32, &Cell)> {
        self.cells
            .iter()
            .filter(move |((row, c), _)| *c == col && *row > 0)
            .map(|((row, _), cell)| (*row, cell))
    }

    /// Every filled cell with its (row, column), in row order.
    pub(crate) fn cells(&self) -> impl Iterator<Item = ((u32, u32), &Cell)> {
        self.cells.iter().map(|(pos, cell)| (*pos, cell))
    }

    /// The header row's cells, in column order.
    pub fn header(&self) -> impl Iterator<Item = (u32, &Cell)> {
        self.cells
            .range((0, 0)..(1, 0))
            .map(|((_, c), cell)| (*c, cell))
    }
}

/// An opened workbook whose parts have been measured.
pub struct Workbook {
    book: Xlsx<Cursor<Vec<u8>>>,
}

impl Workbook {
    /// Opens the workbook at `path`, refusing it (with a sentence saying why) when it is
    /// not an XLSX file or would cost more than the limits above.
    pub fn open(path: &Path) -> Result<Workbook, String> {
        Workbook::from_bytes(read_capped(path)?)
    }

    /// Opens a workbook already read (within [`MAX_FILE_BYTES`]: a dataset's file, read
    /// through the plan's files), measuring its parts as [`Workbook::open`] does.
    pub(crate) fn from_bytes(bytes: Vec<u8>) -> Result<Workbook, String> {
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(format!(
                "it is larger than {} MiB, the most a workbook may be",
                MAX_FILE_BYTES / MIB
            ));
        }
        measure(&bytes)?;
        let book = Xlsx::new(Cursor::new(bytes))
            .map_err(|e| format!("it is not an XLSX workbook that can be read ({e})"))?;
        Ok(Workbook { book })
    }

    /// The names of its sheets, in order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.book.sheet_names()
    }

    /// The filled cells of the sheet `name`, read as they stream.
    pub fn sheet(&mut self, name: &str) -> Result<Sheet, String> {
        let mut reader = self
            .book
            .worksheet_cells_reader(name)
            .map_err(|e| format!("the sheet \"{name}\" cannot be read ({e})"))?;
        let mut sheet = Sheet::default();
        loop {
            let record = reader
                .next_cell_with_formula_metadata()
                .map_err(|e| format!("the sheet \"{name}\" cannot be read ({e})"))?;
            let Some(record) = record else { break };
            let value = Data::from(record.value);
            let cell = match (value, record.formula) {
                (Data::Empty, Some(_)) => Cell::Uncomputed,
                (Data::Empty, None) => continue,
                (value, _) => Cell::Value(value),
            };
            if sheet.cells.len() >= MAX_CELLS {
                return Err(format!(
                    "the sheet \"{name}\" has more than {MAX_CELLS} filled cells"
                ));
            }
            sheet.cells.insert(record.pos, cell);
        }
        Ok(sheet)
    }
}

/// The file's bytes, when it is a regular file within [`MAX_FILE_BYTES`].
fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("it cannot be opened ({e})"))?;
    if !meta.is_file() {
        // Reading a pipe or a device could wait for ever.
        return Err("it is not a regular file".into());
    }
    let file = std::fs::File::open(path).map_err(|e| format!("it cannot be opened ({e})"))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("it cannot be read ({e})"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "it is larger than {} MiB, the most a workbook may be",
            MAX_FILE_BYTES / MIB
        ));
    }
    Ok(bytes)
}

/// Checks every part of the archive: how many there are, their declared and actual
/// uncompressed sizes (inflated into nothing through a capped reader), and the count of
/// shared strings, which calamine reserves room for.
fn measure(bytes: &[u8]) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| "it is not an XLSX workbook (not a zip archive)".to_string())?;
    if archive.len() > MAX_PARTS {
        return Err(format!(
            "it has {} parts; a workbook may have at most {MAX_PARTS}",
            archive.len()
        ));
    }
    let too_large = |name: &str| {
        format!(
            "its part `{}` is larger than {} MiB uncompressed, the most a part may be",
            crate::diag::shown(name),
            MAX_PART_BYTES / MIB
        )
    };
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut part = archive
            .by_index(i)
            .map_err(|e| format!("its part {} cannot be read ({e})", i + 1))?;
        let name = part.name().unwrap_or_default().to_string();
        if part.size() > MAX_PART_BYTES {
            return Err(too_large(&name));
        }
        let shared_strings = name.ends_with("sharedStrings.xml");
        let mut head = Vec::new();
        let mut capped = (&mut part).take(MAX_PART_BYTES + 1);
        (&mut capped)
            .take(4096)
            .read_to_end(&mut head)
            .and_then(|n| Ok(n as u64 + std::io::copy(&mut capped, &mut std::io::sink())?))
            .map_err(|e| {
                format!(
                    "its part `{}` cannot be read ({e})",
                    crate::diag::shown(&name)
                )
            })
            .and_then(|size| {
                if size > MAX_PART_BYTES {
                    return Err(too_large(&name));
                }
                total += size;
                if shared_strings {
                    string_count(&head, size)?;
                }
                Ok(())
            })?;
        if total > MAX_TOTAL_BYTES {
            return Err(format!(
                "its parts come to more than {} MiB uncompressed, the most a workbook may hold",
                MAX_TOTAL_BYTES / MIB
            ));
        }
    }
    Ok(())
}

/// Refuses a shared-strings part that declares more strings than its size can hold (each
/// takes at least `<si></si>`, 9 bytes).
fn string_count(head: &[u8], size: u64) -> Result<(), String> {
    let head = String::from_utf8_lossy(head);
    for attribute in ["uniqueCount=\"", "count=\""] {
        let Some(at) = head.find(attribute) else {
            continue;
        };
        let digits: String = head[at + attribute.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let fits = digits.parse::<u64>().is_ok_and(|n| n <= size / 9);
        if !digits.is_empty() && !fits {
            return Err(format!(
                "its shared strings claim {digits} strings, more than the part can hold: the file is damaged"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_count_beyond_the_part_is_refused() {
        let head = br#"<sst xmlns="x" count="2" uniqueCount="1000000000000000000">"#;
        assert!(string_count(head, 100).is_err());
        let head = br#"<sst xmlns="x" count="2" uniqueCount="2">"#;
        assert!(string_count(head, 100).is_ok());
    }
}
