//! Facts from datasets: `{{ data.<dataset>.<column>[<row>] }}` (a cell), with `.share` (the
//! cell's share of the column's sum), and `{{ data.<dataset>.<column>[<from>..<to>] }}` with
//! `.change` (in per cent) or `.difference` (in the column's own terms). Worked out when a
//! chapter asks, each formatted in the plan's language.

use crate::diag::codes::{self, Code};
use crate::format;
use crate::model::Language;
use crate::model::data::{Column, ColumnType, Dataset, Row, Value};
use crate::suggest::closest;

/// Why a data fact has no value: its code, message, label and hint.
#[derive(Debug)]
pub(crate) struct Problem {
    pub code: Code,
    pub message: String,
    pub label: String,
    pub hint: String,
}

fn problem(code: Code, message: String, label: &str, hint: String) -> Problem {
    Problem {
        code,
        message,
        label: label.into(),
        hint,
    }
}

/// What the brackets and the operation after them ask for.
enum Ask<'a> {
    Cell(&'a str),
    Share(&'a str),
    Change(&'a str, &'a str),
    Difference(&'a str, &'a str),
}

const SYNTAX: &str = "write a data fact as `{{ data.<dataset>.<column>[<row>] }}`, e.g. `{{ data.gyventojai.gyventojai[2021] }}`; add `.share`, or name two rows `[2011..2021]` with `.change` or `.difference`";

/// The dataset id a `data.…` fact names, if any.
pub(crate) fn dataset_of(name: &str) -> Option<&str> {
    let rest = name.strip_prefix("data.")?;
    Some(rest.split_once('.').map_or(rest, |(id, _)| id).trim())
}

/// The value of the fact `name` (which starts with `data.`).
pub(crate) fn value(datasets: &[Dataset], name: &str, lang: Language) -> Result<String, Problem> {
    let syntax = |message: String| {
        problem(
            codes::UNKNOWN_FACT,
            message,
            "not a data fact",
            SYNTAX.into(),
        )
    };
    let rest = name.strip_prefix("data.").unwrap_or(name);
    let (id, rest) = rest.split_once('.').unwrap_or((rest, ""));
    let id = id.trim();
    let Some(dataset) = datasets.iter().find(|d| d.id == id) else {
        let hint = match closest(id, datasets.iter().map(|d| d.id.as_str())) {
            Some(best) => format!("did you mean `{best}`?"),
            None if datasets.is_empty() => "the plan has no datasets: declare one in `data/<id>.toml` (the datasets page of plan's reference shows how)".into(),
            None => format!(
                "the plan's datasets are {}",
                datasets.iter().map(|d| format!("`{}`", d.id)).collect::<Vec<_>>().join(", ")
            ),
        };
        return Err(problem(
            codes::UNKNOWN_FACT,
            format!("there is no dataset `{id}`"),
            "no data/<id>.toml has this name",
            hint,
        ));
    };
    let Some((column, rest)) = rest.split_once('[') else {
        return Err(syntax(format!("`{name}` names no row in brackets")));
    };
    let Some((rows, operation)) = rest.rsplit_once(']') else {
        return Err(syntax(format!(
            "`{name}` opens a bracket and does not close it"
        )));
    };
    let column = column.trim();
    let Some(index) = dataset.column(column) else {
        let names = dataset.columns.iter().map(|c| c.name.as_str());
        let hint = match closest(column, names.clone()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!(
                "the columns of `{}` are {}",
                dataset.id,
                names
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        return Err(problem(
            codes::UNKNOWN_COLUMN,
            format!("the dataset `{}` has no column `{column}`", dataset.id),
            "no column has this name",
            hint,
        ));
    };
    let range = rows.split_once("..").map(|(a, b)| (a.trim(), b.trim()));
    let operation = operation.trim();
    let ask = match (operation, range) {
        ("", None) => Ask::Cell(rows.trim()),
        (".share", None) => Ask::Share(rows.trim()),
        (".change", Some((from, to))) => Ask::Change(from, to),
        (".difference", Some((from, to))) => Ask::Difference(from, to),
        ("", Some(_)) | (".share", Some(_)) => {
            return Err(problem(
                codes::UNKNOWN_FACT,
                format!("`{name}` names two rows but no `.change` or `.difference`"),
                "two rows need an operation",
                "two rows are compared: add `.change` (in per cent) or `.difference`, e.g. `[2011..2021].change`".into(),
            ));
        }
        (".change" | ".difference", None) => {
            return Err(problem(
                codes::UNKNOWN_FACT,
                format!("`{operation}` compares two rows, and `{name}` names one"),
                "one row named",
                "name the rows compared as `[<from>..<to>]`, e.g. `[2011..2021].change`".into(),
            ));
        }
        (other, _) => {
            let hint = match closest(
                other.trim_start_matches('.'),
                ["share", "change", "difference"],
            ) {
                // `.change` and `.difference` compare two rows, `.share` takes one: the
                // suggestion says so when the brackets name the other number of rows.
                Some(best) if best != "share" && range.is_none() => format!(
                    "did you mean `.{best}`? It compares two rows: name them as `[<from>..<to>].{best}`, e.g. `[2011..2021].{best}`"
                ),
                Some("share") if range.is_some() => {
                    "did you mean `.share`? It takes one row: name it alone, e.g. `[2021].share`"
                        .into()
                }
                Some(best) => format!("did you mean `.{best}`?"),
                None => {
                    "after the brackets a data fact may have `.share`, `.change` or `.difference`"
                        .into()
                }
            };
            return Err(problem(
                codes::UNKNOWN_FACT,
                format!("`{other}` is not an operation on a data fact"),
                "not `.share`, `.change` or `.difference`",
                hint,
            ));
        }
    };
    let col = &dataset.columns[index];
    let number = |key: &str| -> Result<f64, Problem> {
        match cell(dataset, key)?.values.get(index) {
            Some(Value::Number { value, .. }) => Ok(*value),
            Some(Value::Text(_)) | None | Some(Value::Empty) => Err(problem(
                codes::DATA_FACT,
                format!(
                    "the cell `{}`[{key}] of `{}` is empty",
                    col.name, dataset.id
                ),
                "no value to work with",
                format!(
                    "fill in the cell in `{}`, or quote another row",
                    dataset.file
                ),
            )),
        }
    };
    let numeric = || {
        if col.kind.numeric() {
            Ok(())
        } else {
            Err(problem(
                codes::DATA_FACT,
                format!("the column `{}` of `{}` holds text, not numbers", col.name, dataset.id),
                "a text column has no shares or changes",
                "quote the cell alone, or, if the column holds numbers, declare it in `[columns]` (e.g. `number`) to have each of its cells checked".into(),
            ))
        }
    };
    match ask {
        Ask::Cell(key) => {
            let row = cell(dataset, key)?;
            let places = dataset.places(row, index);
            match row
                .values
                .get(index)
                .and_then(|v| shown(col, v, places, lang))
            {
                Some(text) => Ok(text),
                None => {
                    number(key)?;
                    Ok(String::new())
                }
            }
        }
        Ask::Share(key) => {
            numeric()?;
            let value = number(key)?;
            let sum: f64 = dataset
                .rows
                .iter()
                .filter_map(|r| match r.values.get(index) {
                    Some(Value::Number { value, .. }) => Some(value),
                    _ => None,
                })
                .sum();
            if sum == 0.0 {
                return Err(divide_by_zero(
                    dataset,
                    &col.name,
                    "the column adds up to 0",
                ));
            }
            Ok(format::percent(value / sum * 100.0, lang))
        }
        Ask::Change(from, to) => {
            numeric()?;
            let (a, b) = (number(from)?, number(to)?);
            if a == 0.0 {
                return Err(divide_by_zero(
                    dataset,
                    &col.name,
                    &format!("its value in `{from}` is 0"),
                ));
            }
            Ok(signed(format::percent((b - a) / a.abs() * 100.0, lang)))
        }
        Ask::Difference(from, to) => {
            numeric()?;
            let (a, b) = (number(from)?, number(to)?);
            let decimals = match col.kind {
                ColumnType::Year => 0,
                _ => dataset
                    .places(cell(dataset, from)?, index)
                    .max(dataset.places(cell(dataset, to)?, index)),
            };
            let text = format::number(b - a, decimals, lang);
            Ok(signed(match col.kind {
                ColumnType::Percent => match lang {
                    Language::Lt => format!("{text}\u{a0}proc.\u{a0}p."),
                    Language::En => format!("{text}\u{a0}pp"),
                },
                _ => text,
            }))
        }
    }
}

/// A cell as the plan shows it, in a fact or a table: a number as [`number_text`] shows
/// it with `places` decimals (see [`Dataset::places`]), a text as it is; `None` for an
/// empty cell.
pub(crate) fn shown(
    column: &Column,
    value: &Value,
    places: usize,
    lang: Language,
) -> Option<String> {
    match value {
        Value::Number { value, .. } => Some(number_text(column, *value, places, lang)),
        Value::Text(text) => Some(text.clone()),
        Value::Empty => None,
    }
}

/// A number of the column `col` as a chapter shows it: a year as written (2021), other
/// numbers grouped with `places` decimals and the language's point ("1 234,5"), a per cent
/// with " %" after it.
pub(crate) fn number_text(col: &Column, value: f64, places: usize, lang: Language) -> String {
    match col.kind {
        ColumnType::Year => format!("{value:.0}"),
        ColumnType::Percent => format!("{}\u{a0}%", format::number(value, places, lang)),
        _ => format::number(value, places, lang),
    }
}

/// A change with its sign: "+" before a rise (a fall already has "−"); nothing before 0.
fn signed(text: String) -> String {
    let zero = text.chars().filter(char::is_ascii_digit).all(|c| c == '0');
    if text.starts_with('−') || zero {
        text
    } else {
        format!("+{text}")
    }
}

fn divide_by_zero(dataset: &Dataset, column: &str, why: &str) -> Problem {
    problem(
        codes::DATA_FACT,
        format!(
            "this fact divides by zero: in `{}`, the column `{column}`: {why}",
            dataset.id
        ),
        "cannot be worked out",
        "a share of a sum of 0, or a change from 0, has no value: quote the values themselves"
            .into(),
    )
}

/// The values of the row named `key`.
fn cell<'d>(dataset: &'d Dataset, key: &str) -> Result<&'d Row, Problem> {
    let key = crate::load::nfc(key.trim().to_string());
    match dataset.row(&key) {
        Some(row) => Ok(row),
        None => {
            let keys = dataset.rows.iter().map(|r| r.key.as_str());
            let hint = match closest(&key, keys) {
                Some(best) => format!("did you mean `{best}`?"),
                None => {
                    let (first, last) = (dataset.rows.first(), dataset.rows.last());
                    match (first, last) {
                        (Some(first), Some(last)) => format!(
                            "rows are named by their `{}`, from `{}` to `{}`",
                            dataset.columns[dataset.key].name, first.key, last.key
                        ),
                        _ => "the dataset has no rows".into(),
                    }
                }
            };
            Err(problem(
                codes::UNKNOWN_ROW,
                format!("the dataset `{}` has no row `{key}`", dataset.id),
                "no row is named so",
                hint,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset() -> Dataset {
        let number = |value, decimals| Value::Number { value, decimals };
        let row = |key: &str, year, people, share| Row {
            key: key.into(),
            values: vec![number(year, 0), number(people, 1), share],
            decimals: 1,
        };
        Dataset {
            id: "gyventojai".into(),
            title: "Gyventojai".into(),
            unit: None,
            source: "VDA".into(),
            retrieved: None,
            notes: None,
            survey: None,
            file: "data/gyventojai.csv".into(),
            key: 0,
            decimals: crate::model::data::Decimals::Column,
            columns: vec![
                Column {
                    name: "metai".into(),
                    kind: ColumnType::Year,
                    decimals: 0,
                },
                Column {
                    name: "gyventojai".into(),
                    kind: ColumnType::Number,
                    decimals: 1,
                },
                Column {
                    name: "dalis".into(),
                    kind: ColumnType::Percent,
                    decimals: 1,
                },
            ],
            rows: vec![
                row("2011", 2011.0, 1234.5, number(10.0, 1)),
                row("2021", 2021.0, 1066.6, number(12.5, 1)),
                row("2022", 2022.0, 0.0, Value::Empty),
            ],
            span: crate::diag::Span::new(
                crate::diag::Sources::default().add("x", "x".into(), String::new()),
                0..0,
            ),
        }
    }

    /// With `precision = "row"`, a number shows the decimals of its row's most precise
    /// number, not its column's: rows that are different measures each read as written.
    #[test]
    fn a_dataset_by_rows_shows_each_row_with_its_own_decimals() {
        let mut data = dataset();
        data.decimals = crate::model::data::Decimals::Row;
        data.rows[1].values[1] = Value::Number {
            value: 1066.0,
            decimals: 0,
        };
        data.rows[1].values[2] = Value::Number {
            value: 12.0,
            decimals: 0,
        };
        data.rows[1].decimals = 0;
        let data = [data];
        let lt = |name: &str| value(&data, name, Language::Lt).map_err(|p| p.message);
        assert_eq!(
            lt("data.gyventojai.gyventojai[2021]").as_deref(),
            Ok("1\u{a0}066")
        );
        assert_eq!(
            lt("data.gyventojai.dalis[2021]").as_deref(),
            Ok("12\u{a0}%")
        );
        assert_eq!(
            lt("data.gyventojai.gyventojai[2011]").as_deref(),
            Ok("1\u{a0}234,5")
        );
        // A difference shows the more precise of its two rows.
        assert_eq!(
            lt("data.gyventojai.gyventojai[2011..2021].difference").as_deref(),
            Ok("−168,5")
        );
    }

    #[test]
    fn cells_shares_changes_and_differences() {
        let data = [dataset()];
        let lt = |name: &str| value(&data, name, Language::Lt).map_err(|p| p.message);
        assert_eq!(
            lt("data.gyventojai.gyventojai[2011]").as_deref(),
            Ok("1\u{a0}234,5")
        );
        assert_eq!(lt("data.gyventojai.metai[ 2021 ]").as_deref(), Ok("2021"));
        assert_eq!(
            lt("data.gyventojai.dalis[2021]").as_deref(),
            Ok("12,5\u{a0}%")
        );
        assert_eq!(
            lt("data.gyventojai.gyventojai[2011].share").as_deref(),
            Ok("53,6\u{a0}%")
        );
        assert_eq!(
            lt("data.gyventojai.gyventojai[2011..2021].change").as_deref(),
            Ok("−13,6\u{a0}%")
        );
        assert_eq!(
            lt("data.gyventojai.gyventojai[2011..2021].difference").as_deref(),
            Ok("−167,9")
        );
        assert_eq!(
            lt("data.gyventojai.dalis[2011..2021].difference").as_deref(),
            Ok("+2,5\u{a0}proc.\u{a0}p.")
        );
        let en = value(
            &data,
            "data.gyventojai.gyventojai[2021..2011].change",
            Language::En,
        );
        assert_eq!(en.map_err(|p| p.message).as_deref(), Ok("+15.7\u{a0}%"));
        assert!(
            lt("data.gyventojai.gyventojai[2022..2021].change")
                .is_err_and(|m| m.contains("divides by zero"))
        );
        assert!(lt("data.gyventojai.dalis[2022]").is_err_and(|m| m.contains("empty")));
        assert!(lt("data.gyventoja.gyventojai[2011]").is_err_and(|m| m.contains("no dataset")));
        assert!(lt("data.gyventojai.gyventoja[2011]").is_err_and(|m| m.contains("no column")));
        assert!(lt("data.gyventojai.gyventojai[2012]").is_err_and(|m| m.contains("no row")));
        assert!(
            lt("data.gyventojai.gyventojai[2011].chnage")
                .is_err_and(|m| m.contains("not an operation"))
        );
    }
}
