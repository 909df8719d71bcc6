//! Datasets typed and checked: the key column and the declared column types against the
//! header, each column's type (declared, or detected from its cells), every cell of a
//! year, number or percent column read as one, row keys present and unique. A dataset with
//! any such error is left out whole (never some of its values), and facts quoting it are
//! not reported again.

use super::*;
use crate::load::data::{RawCell, RawDataset};
use crate::model::data::{Column, ColumnType, Dataset, Decimals, Row, Survey, Value};

/// The most wrong cells reported of one dataset.
const MAX_REPORTED: usize = 20;

impl Builder<'_> {
    /// The plan's datasets; the ids of those left out because of an error go to `broken`.
    pub(super) fn datasets(
        &mut self,
        raw: &[RawDataset],
        broken: &mut HashSet<String>,
    ) -> Vec<Dataset> {
        let mut datasets = Vec::new();
        for dataset in raw {
            let errors = self.diags.count(crate::diag::Severity::Error);
            let built = self.dataset(dataset);
            match built {
                Some(d) if self.diags.count(crate::diag::Severity::Error) == errors => {
                    datasets.push(d);
                }
                _ => {
                    broken.insert(dataset.id.clone());
                }
            }
        }
        datasets
    }

    fn dataset(&mut self, raw: &RawDataset) -> Option<Dataset> {
        let (file, spec) = (raw.toml, &raw.spec);
        let title = self.text_value(file, &spec.title, "dataset's title");
        let source = self.text_value(file, &spec.source, "dataset's source");
        let retrieved = spec.retrieved.as_ref().map(|d| self.date(file, d));
        let table = raw.table.as_ref()?;
        let workbook = spec
            .file
            .as_ref()
            .map_or(Span::new(file, 0..0), |f| span(file, f));
        let Some((header, body)) = table
            .rows
            .split_first()
            .filter(|(_, body)| !body.is_empty())
        else {
            let what = if table.rows.is_empty() {
                "has no header and no rows"
            } else {
                "has a header but no rows"
            };
            self.error(
                codes::EMPTY_DATASET,
                workbook,
                format!("the dataset `{}` {what}", raw.id),
            )
            .hints
            .push(format!(
                "`{}` holds the column names in its first row and one row of values in each row below",
                raw.path
            ));
            return None;
        };
        let names: Vec<String> = header.iter().map(|c| c.text.trim().to_string()).collect();
        let key = match &spec.key {
            Some(key) => match names.iter().position(|n| n == key.get_ref()) {
                Some(i) => i,
                None => {
                    self.unknown_column(file, key.get_ref(), key.span(), &names, &raw.path);
                    return None;
                }
            },
            None => 0,
        };
        let mut declared = vec![None; names.len()];
        for (name, kind) in &spec.columns {
            let Some(i) = names.iter().position(|n| n == name.get_ref()) else {
                self.unknown_column(file, name.get_ref(), name.span(), &names, &raw.path);
                continue;
            };
            match ColumnType::ALL.iter().find(|(n, _)| n == kind.get_ref()) {
                Some((_, kind)) => declared[i] = Some(*kind),
                None => {
                    let hint = hint(kind.get_ref(), ColumnType::ALL.map(|(n, _)| n), || {
                        "a column is `year`, `number`, `percent` or `text`".into()
                    });
                    self.error(
                        codes::BAD_VALUE,
                        span(file, kind),
                        format!("`{}` is not a column type", kind.get_ref()),
                    )
                    .hints
                    .push(hint);
                }
            }
        }
        let mut columns = Vec::new();
        let mut values: Vec<Vec<Value>> = vec![Vec::new(); body.len()];
        let mut bad = 0;
        for (i, name) in names.iter().enumerate() {
            let cells = body.iter().map(|row| &row[i]);
            let kind =
                declared[i].unwrap_or_else(|| detect(cells.clone(), table.decimal, i == key));
            let mut decimals = 0;
            for (r, cell) in cells.enumerate() {
                // A whole column of wrong cells is reported by its first few.
                let value = match bad < MAX_REPORTED {
                    true => self.typed(cell, kind, name, table.decimal),
                    false => Some(Value::Empty),
                };
                let value = value.unwrap_or_else(|| {
                    bad += 1;
                    Value::Empty
                });
                if let Value::Number { decimals: d, .. } = value {
                    decimals = decimals.max(d);
                }
                values[r].push(value);
            }
            columns.push(Column {
                name: name.clone(),
                kind,
                decimals,
            });
        }
        let mut rows: Vec<Row> = Vec::new();
        let mut seen: HashMap<String, Span> = HashMap::new();
        for (cells, values) in body.iter().zip(values) {
            let cell = &cells[key];
            let name = cell.text.trim().to_string();
            if name.is_empty() {
                self.error(
                    codes::NO_ROW_KEY,
                    cell.place.span.clone(),
                    format!(
                        "a row of `{}` has no `{}`{}",
                        raw.path,
                        names[key],
                        cell.place.shown()
                    ),
                )
                .hints
                .push(format!(
                    "rows are named by their `{}`, which facts quote: fill it in, or remove the row",
                    names[key]
                ));
                continue;
            }
            if let Some(first) = seen.get(&name) {
                let first = first.clone();
                let d = self.error(
                    codes::DUPLICATE_ROW,
                    cell.place.span.clone(),
                    format!(
                        "two rows of `{}` are named \"{name}\"{}",
                        raw.path,
                        cell.place.shown()
                    ),
                );
                d.label = "named a second time here".into();
                d.related.push((first, "first named here".into()));
                d.hints.push(format!(
                    "rows are named by their `{}`: each must be different, so that a fact names one row",
                    names[key]
                ));
                continue;
            }
            seen.insert(name.clone(), cell.place.span.clone());
            let decimals = values
                .iter()
                .zip(&columns)
                .filter(|(_, c)| matches!(c.kind, ColumnType::Number | ColumnType::Percent))
                .filter_map(|(v, _)| match v {
                    Value::Number { decimals, .. } => Some(*decimals),
                    _ => None,
                })
                .max()
                .unwrap_or(0);
            rows.push(Row {
                key: name,
                values,
                decimals,
            });
        }
        Some(Dataset {
            id: raw.id.clone(),
            title,
            unit: spec.unit.as_ref().map(|u| u.get_ref().clone()),
            source,
            retrieved,
            notes: spec.notes.as_ref().map(|n| n.get_ref().clone()),
            survey: spec.survey.as_ref().map(|s| self.survey(file, s)),
            file: raw.path.clone(),
            key,
            decimals: self.decimals_by(file, spec.precision.as_ref()),
            columns,
            rows,
            span: span(file, &spec.title),
        })
    }

    /// `precision = "column"` or `"row"`.
    fn decimals_by(&mut self, file: FileId, written: Option<&raw::Str>) -> Decimals {
        let Some(written) = written else {
            return Decimals::Column;
        };
        match written.get_ref().as_str() {
            "column" => Decimals::Column,
            "row" => Decimals::Row,
            other => {
                let hint = hint(other, ["column", "row"], || {
                    "`precision` is \"column\" (every number with as many decimals as the most precise of its column) or \"row\" (of its row)".into()
                });
                self.error(
                    codes::BAD_VALUE,
                    span(file, written),
                    format!("`precision = \"{other}\"` is not a precision a dataset can take"),
                )
                .hints
                .push(hint);
                Decimals::Column
            }
        }
    }

    /// `[survey]`: at least one respondent, the fieldwork's last day not before its first.
    fn survey(&mut self, file: FileId, survey: &crate::load::data::SurveyFile) -> Survey {
        let written = *survey.respondents.get_ref();
        let respondents = u32::try_from(written).ok().filter(|n| *n > 0);
        if respondents.is_none() {
            self.error(
                codes::BAD_VALUE,
                span(file, &survey.respondents),
                format!("`respondents = {written}` is not a number of people surveyed"),
            )
            .hints
            .push("write how many people answered the survey, e.g. `respondents = 412`".into());
        }
        let from = survey.from.as_ref().map(|d| self.date(file, d));
        let to = survey.to.as_ref().map(|d| self.date(file, d));
        match (from, to, &survey.to) {
            (None, Some(_), Some(written)) => {
                self.error(
                    codes::BAD_DATE,
                    span(file, written),
                    "the survey's `to` is given without its `from`",
                )
                .hints
                .push("give the fieldwork's first day as `from` and its last as `to`, e.g. `from = 2020-03-02` and `to = 2020-03-20`".into());
            }
            (Some(from), Some(to), Some(written)) if to < from => {
                self.error(
                    codes::BAD_DATE,
                    span(file, written),
                    format!("the survey ends ({to}) before it starts ({from})"),
                )
                .hints
                .push("`from` is the fieldwork's first day, `to` its last".into());
            }
            _ => {}
        }
        Survey {
            respondents: respondents.unwrap_or(0),
            from,
            to: to.filter(|to| from.is_some_and(|from| from != *to)),
        }
    }

    fn unknown_column(
        &mut self,
        file: FileId,
        name: &str,
        at: std::ops::Range<usize>,
        names: &[String],
        path: &str,
    ) {
        let listed = names
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let hint = hint(name, names.iter().map(String::as_str), || {
            format!("the columns of `{path}` are {listed}")
        });
        let d = self.error(
            codes::UNKNOWN_COLUMN,
            Span::new(file, at),
            format!("`{path}` has no column \"{name}\""),
        );
        d.label = "not a column name in the file's first row".into();
        d.hints.push(hint);
    }

    /// A cell as a value of its column's type; `None` after reporting a cell that is not.
    fn typed(
        &mut self,
        cell: &RawCell,
        kind: ColumnType,
        column: &str,
        decimal: char,
    ) -> Option<Value> {
        let text = cell.text.trim();
        if cell.uncomputed {
            let d = self.error(
                codes::UNCOMPUTED_FORMULA,
                cell.place.span.clone(),
                format!(
                    "the cell {} of the column \"{column}\" holds a formula whose result the file does not keep",
                    cell.place.address.as_deref().unwrap_or("")
                ),
            );
            d.label = "its value is unknown".into();
            d.hints.push("open the workbook in Excel or LibreOffice and save it again, so that the results are kept, or type the value instead of the formula".into());
            return None;
        }
        if text.is_empty() {
            return Some(Value::Empty);
        }
        if kind == ColumnType::Text {
            return Some(Value::Text(text.to_string()));
        }
        let number = cell_number(cell, decimal);
        let fits = number.as_ref().is_some_and(|n| match kind {
            ColumnType::Year => !n.percent && n.decimals == 0 && YEARS.contains(&(n.value as i64)),
            ColumnType::Number => !n.percent,
            _ => true,
        });
        if let (Some(n), true) = (number, fits) {
            return Some(Value::Number {
                value: n.value,
                decimals: n.decimals,
            });
        }
        let what = match kind {
            ColumnType::Year => "a year",
            ColumnType::Percent => "a per cent",
            _ => "a number",
        };
        let example = match (kind, decimal) {
            (ColumnType::Year, _) => "2021".to_string(),
            (ColumnType::Percent, d) => format!("12{d}5 %"),
            (_, d) => format!("1 234{d}5"),
        };
        let d = self.error(
            codes::CELL_TYPE,
            cell.place.span.clone(),
            format!(
                "\"{}\" in the column \"{column}\" is not {what}{}",
                crate::diag::shown(text),
                cell.place.shown()
            ),
        );
        d.label = format!("expected {what}");
        d.hints.push(if cell.place.address.is_some() {
            format!("the column holds {}s: type the value as a number in the workbook, or declare the column `text` in `[columns]`", ColumnType::name(kind))
        } else {
            format!("the column holds {}s: write it as e.g. `{example}`, or declare the column `text` in `[columns]`", ColumnType::name(kind))
        });
        None
    }
}

/// The type of an undeclared column: numbers (with `%` in some cell: per cents; in the key
/// column, whole numbers from 1900 to 2200: years) when more than half of its filled cells
/// are numbers (the others are then reported), text otherwise (and when no cell is filled).
fn detect<'a>(cells: impl Iterator<Item = &'a RawCell>, decimal: char, key: bool) -> ColumnType {
    let (mut numbers, mut filled) = (Vec::new(), 0);
    for cell in cells {
        let text = cell.text.trim();
        if text.is_empty() {
            continue;
        }
        filled += 1;
        numbers.extend(cell_number(cell, decimal));
    }
    // A column of numbers but for a few cells is a column of numbers with mistakes, which
    // are reported at their cells; a column of text with a few numbers is text.
    if numbers.is_empty() || numbers.len() * 2 <= filled {
        ColumnType::Text
    } else if numbers.iter().any(|n| n.percent) {
        ColumnType::Percent
    } else if key
        && numbers
            .iter()
            .all(|n| n.decimals == 0 && YEARS.contains(&(n.value as i64)))
    {
        ColumnType::Year
    } else {
        ColumnType::Number
    }
}

/// A cell's number: a workbook's number cell as stored (with the decimals of its shortest
/// form), else its text read as a number.
fn cell_number(cell: &RawCell, decimal: char) -> Option<Number> {
    match cell.number {
        Some(value) => Some(Number {
            value,
            decimals: crate::format::decimals(value),
            percent: false,
        }),
        None => parse_number(&cell.text, decimal),
    }
}

/// A number as written in a table.
#[derive(Debug, PartialEq)]
pub(crate) struct Number {
    pub value: f64,
    pub decimals: usize,
    /// Written with `%`.
    pub percent: bool,
}

/// A number written as text with the dataset's decimal mark (see
/// [`crate::format::read_number`]): thousands parted by spaces, `%` at the end for a per
/// cent.
pub(crate) fn parse_number(text: &str, decimal: char) -> Option<Number> {
    let read = crate::format::read_number(text, crate::format::Point::Mark(decimal)).ok()?;
    Some(Number {
        value: read.value,
        decimals: read.decimals,
        percent: read.percent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_written() {
        let n = |t, d| parse_number(t, d).map(|n| (n.value, n.decimals, n.percent));
        assert_eq!(n("1 234,50", ','), Some((1234.5, 2, false)));
        assert_eq!(n("−13,6 %", ','), Some((-13.6, 1, true)));
        assert_eq!(n("12.5", '.'), Some((12.5, 1, false)));
        assert_eq!(n("2021", '.'), Some((2021.0, 0, false)));
        assert_eq!(n("12,5", '.'), None);
        assert_eq!(n("1O5", '.'), None);
        assert_eq!(n("12,", ','), None);
        assert_eq!(n(",5", ','), None);
        assert_eq!(n("-", ','), None);
    }
}
