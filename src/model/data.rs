//! Datasets: tables of figures from outside the plan (statistics, surveys) declared in
//! `data/<id>.toml`, which chapters quote with `{{ data.<id>.<column>[<row>] }}`. Every
//! value is kept as written: a number with the decimals it was written with, a text as it
//! is.

use super::Date;

/// One dataset, typed and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// The stem of its `data/<id>.toml`.
    pub id: String,
    pub title: String,
    pub unit: Option<String>,
    pub source: String,
    /// When the values were taken.
    pub retrieved: Option<Date>,
    pub notes: Option<String>,
    /// A survey's sample and fieldwork (`[survey]`), said in the source line.
    pub survey: Option<Survey>,
    /// The file the values are in, relative to the plan folder (`data/gyventojai.csv`).
    pub file: String,
    /// The column rows are named by.
    pub key: usize,
    /// Whose decimals a number shows.
    pub decimals: Decimals,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Its `title` in its TOML, where a problem with the whole dataset is shown.
    pub span: crate::diag::Span,
}

/// A survey dataset's sample size and fieldwork dates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Survey {
    pub respondents: u32,
    /// The first day of fieldwork, and the last when it took more than a day.
    pub from: Option<super::Date>,
    pub to: Option<super::Date>,
}

/// A column: its name in the header, its type and how many decimals its numbers show.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub kind: ColumnType,
    /// The most decimals any of its numbers was written with: the column is shown with
    /// that many.
    pub decimals: usize,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Years, shown as written (2021, never 2 021).
    Year,
    Number,
    /// Per cents, shown with " %".
    Percent,
    Text,
}

impl ColumnType {
    pub const ALL: [(&'static str, ColumnType); 4] = [
        ("year", ColumnType::Year),
        ("number", ColumnType::Number),
        ("percent", ColumnType::Percent),
        ("text", ColumnType::Text),
    ];

    /// Its name in `[columns]`.
    pub fn name(self) -> &'static str {
        match self {
            ColumnType::Year => "year",
            ColumnType::Number => "number",
            ColumnType::Percent => "percent",
            ColumnType::Text => "text",
        }
    }

    pub fn numeric(self) -> bool {
        self != ColumnType::Text
    }
}

/// A row: its key as written (trimmed, NFC) and one value per column.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub key: String,
    pub values: Vec<Value>,
    /// The most decimals any of its numbers (in number and percent columns) was written
    /// with.
    pub decimals: usize,
}

/// Whose decimals a number shows: a column of one measure over years reads alike ("58,0"
/// beside "59,4", though a spreadsheet wrote "58"); a dataset whose rows are different
/// measures (territories side by side) shows each row with its own ("1 188" Eur beside
/// "51,3" tūkst.).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Decimals {
    /// As many as the most precise number of its column (`precision = "column"`).
    #[default]
    Column,
    /// As many as the most precise number of its row (`precision = "row"`).
    Row,
}

/// A cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    /// A number and the decimals it was written with.
    Number {
        value: f64,
        decimals: usize,
    },
    Text(String),
}

impl Dataset {
    /// The index of the column named `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// The row whose key is `key`.
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }

    /// How many decimals the number of `row` in `column` shows.
    pub fn places(&self, row: &Row, column: usize) -> usize {
        match self.decimals {
            Decimals::Column => self.columns.get(column).map_or(0, |c| c.decimals),
            Decimals::Row => row.decimals,
        }
    }
}
