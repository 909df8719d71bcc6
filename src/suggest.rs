//! "Did you mean …" suggestions for misspelt ids and keys.

/// The candidate closest to `word`, if it is close enough to be a likely typo. Case and
/// diacritics do not count as differences. Of equally close candidates the first by id is
/// taken, so the suggestion never depends on the order the candidates come in.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = fold(word);
    candidates
        .into_iter()
        .map(|c| (distance(&word, &fold(c)), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 3).max(1))
        .min()
        .map(|(_, c)| c)
}

/// The hint for a misspelt `word`: "did you mean `…`?" with the closest candidate, or
/// `otherwise` when none is close.
pub(crate) fn hint<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    otherwise: impl FnOnce() -> String,
) -> String {
    match closest(word, candidates) {
        Some(best) => format!("did you mean `{best}`?"),
        None => otherwise(),
    }
}

/// A word lower-cased and without diacritics, so "Šaltinis" and "saltinis" compare equal.
pub(crate) fn fold(word: &str) -> String {
    word.to_lowercase()
        .chars()
        .map(|c| match c {
            'ą' | 'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
            'č' | 'ç' | 'ć' => 'c',
            'ę' | 'ė' | 'è' | 'é' | 'ê' | 'ë' | 'ē' => 'e',
            'į' | 'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
            'š' | 'ś' => 's',
            'ų' | 'ū' | 'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ž' | 'ź' | 'ż' => 'z',
            'ñ' | 'ń' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => 'o',
            'ł' => 'l',
            c => c,
        })
        .collect()
}

/// Edit distance in characters, counting a swap of two neighbours as one edit (the
/// commonest typo), i.e. the optimal string alignment distance.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(closest("titel", ["title", "text", "id"]), Some("title"));
        assert_eq!(
            closest("responsable", ["responsible", "partners"]),
            Some("responsible")
        );
        assert_eq!(closest("xyz", ["title", "text"]), None);
        assert_eq!(closest("adm", ["ADM", "WTR"]), Some("ADM"));
        assert_eq!(
            closest("saules-elektrines", ["saulės-elektrinės"]),
            Some("saulės-elektrinės")
        );
    }

    #[test]
    fn equally_close_candidates_give_the_first_by_id_in_any_order() {
        assert_eq!(
            closest("eservices", ["services", "e-services"]),
            Some("e-services")
        );
        assert_eq!(
            closest("eservices", ["e-services", "services"]),
            Some("e-services")
        );
    }
}
