//! "Did you mean" suggestions by edit distance.

/// The candidate closest to `name` by optimal-string-alignment distance (Damerau-Levenshtein
/// with adjacent transpositions), if it is close enough: at most `max(1, chars / 3)` edits, so
/// that short names only get one-typo suggestions. Ties go to the alphabetically first
/// candidate, so the answer never depends on table order.
///
/// ```
/// use card_schema::suggest;
/// assert_eq!(suggest("buton", ["button", "div"]), Some("button"));
/// assert_eq!(suggest("primay", ["default", "primary", "danger"]), Some("primary"));
/// assert_eq!(suggest("xyz", ["button", "div"]), None);
/// ```
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| (distance(name, candidate), candidate))
        .filter(|&(distance, _)| distance <= limit)
        .min()
        .map(|(_, candidate)| candidate)
}

/// Optimal-string-alignment distance over Unicode scalar values.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rolling rows: two back (for transpositions), previous, current.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::{distance, suggest};

    #[test]
    fn distances() {
        assert_eq!(distance("", ""), 0);
        assert_eq!(distance("abc", ""), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("ab", "ba"), 1);
        assert_eq!(distance("buton", "button"), 1);
        assert_eq!(distance("说明", "说名"), 1);
    }

    #[test]
    fn suggests_only_close_names() {
        assert_eq!(
            suggest("img_kye", ["img_key", "alt", "title"]),
            Some("img_key")
        );
        assert_eq!(suggest("x", ["y", "hr"]), Some("y"));
        assert_eq!(suggest("markdwon", ["markdown", "hr"]), Some("markdown"));
        assert_eq!(suggest("completely_else", ["div", "hr"]), None);
        assert_eq!(suggest("anything", std::iter::empty()), None);
    }

    #[test]
    fn ties_break_alphabetically() {
        assert_eq!(suggest("ab", ["ac", "aa"]), Some("aa"));
        assert_eq!(suggest("ab", ["aa", "ac"]), Some("aa"));
    }
}
