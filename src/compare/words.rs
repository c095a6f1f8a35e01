//! Word-level differences between the paragraphs of two versions of one section.
//!
//! Paragraphs are first aligned with one another (equal ones by key, then similar ones inside a
//! replaced run, as delta does), so that a long paragraph with one changed clause shows as one
//! small change rather than a whole paragraph deleted and inserted. Paired paragraphs are then
//! diffed token by token with `similar`.
//!
//! Tokens that an ignore option leaves out (spaces, punctuation) are *glue*: they are not
//! compared, but they are kept in the edits, so that concatenating the edits reproduces both texts
//! exactly (`equal` edits carry `old_text` when the old glue differs).

use similar::{Algorithm, DiffTag, capture_diff_slices_deadline};
use std::borrow::Cow;
use std::time::Instant;

use serde::Serialize;

use super::options::Options;
use super::similarity::similarity;
use super::tokens::{Token, TokenKind};
use super::units::text_key;

/// An edit operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Equal,
    Delete,
    Insert,
}

/// One run of text with its operation. For `equal`, `text` is the new text and `old_text` the old
/// one when they differ in ways the options ignore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub op: Op,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_text: Option<String>,
}

/// The edits of one section with word counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextDiff {
    pub edits: Vec<Edit>,
    pub words_deleted: usize,
    pub words_inserted: usize,
    /// The comparison ran out of budget (time or size) and fell back to whole paragraphs.
    pub coarse: bool,
}

impl TextDiff {
    pub fn has_changes(&self) -> bool {
        self.edits.iter().any(|e| e.op != Op::Equal)
    }

    /// The old text, rebuilt from the edits.
    pub fn old_text(&self) -> String {
        self.edits
            .iter()
            .filter(|e| e.op != Op::Insert)
            .map(|e| e.old_text.as_deref().unwrap_or(&e.text))
            .collect()
    }

    /// The new text, rebuilt from the edits.
    pub fn new_text(&self) -> String {
        self.edits
            .iter()
            .filter(|e| e.op != Op::Delete)
            .map(|e| e.text.as_str())
            .collect()
    }
}

/// A paragraph tokenised, ending with a `\n` break token.
struct Para<'a> {
    /// The paragraph's text (without the break).
    text: &'a str,
    /// Its tokens, or none when it has more than [`Options::max_tokens`] core tokens: such a
    /// paragraph is only compared whole, and keeping its tokens would cost many times its text.
    tokens: Vec<Token<'a>>,
    /// Whether `tokens` holds every token.
    complete: bool,
    /// Key of the whole paragraph (non-glue token keys).
    key: String,
    /// Words in the paragraph.
    words: usize,
}

fn para<'a>(text: &'a str, options: &Options) -> Para<'a> {
    let brk = Token {
        text: "\n",
        kind: TokenKind::Break,
        key: std::borrow::Cow::Borrowed("\n"),
    };
    let mut p = Para {
        text,
        tokens: Vec::new(),
        complete: true,
        key: String::new(),
        words: 0,
    };
    let mut cores = 0;
    for t in super::tokens::tokens(text, options).chain(std::iter::once(brk)) {
        if !t.is_glue(options) {
            if cores > 0 {
                p.key.push('\u{1}');
            }
            p.key.push_str(&t.key);
            cores += 1;
        }
        p.words += usize::from(t.kind == TokenKind::Word);
        if p.complete {
            p.tokens.push(t);
            if cores > options.max_tokens {
                p.complete = false;
                p.tokens = Vec::new();
            }
        }
    }
    p
}

/// The whole text of a paragraph, its break included.
fn full_text(p: &Para) -> String {
    let mut s = String::with_capacity(p.text.len() + 1);
    s.push_str(p.text);
    s.push('\n');
    s
}

/// Collects edits, merging runs of the same operation.
#[derive(Default)]
struct Emitter {
    out: TextDiff,
    /// Pending equal run: (new text, old text).
    equal: Option<(String, String)>,
}

impl Emitter {
    fn equal(&mut self, new: &str, old: &str) {
        let run = self.equal.get_or_insert_with(Default::default);
        run.0.push_str(new);
        run.1.push_str(old);
    }

    fn flush_equal(&mut self) {
        if let Some((text, old)) = self.equal.take() {
            let old_text = (old != text).then_some(old);
            self.out.edits.extend(equal_edit(text, old_text));
        }
    }

    fn change(&mut self, op: Op, text: &str, words: usize) {
        if text.is_empty() {
            return;
        }
        self.flush_equal();
        match op {
            Op::Delete => self.out.words_deleted += words,
            Op::Insert => self.out.words_inserted += words,
            Op::Equal => {}
        }
        if let Some(last) = self.out.edits.last_mut()
            && last.op == op
        {
            last.text.push_str(text);
            return;
        }
        self.out.edits.push(Edit {
            op,
            text: text.to_string(),
            old_text: None,
        });
    }

    fn whole(&mut self, op: Op, p: &Para) {
        self.change(op, &full_text(p), p.words);
    }

    fn finish(mut self) -> TextDiff {
        self.flush_equal();
        self.out
    }
}

/// The diff of two texts known to be equal under the options: one `equal` edit (carrying the old
/// text when it differs in ignored ways).
pub fn equal(old: &[&str], new: &[&str]) -> TextDiff {
    let join = |ps: &[&str]| {
        let mut text = String::with_capacity(ps.iter().map(|p| p.len() + 1).sum());
        for p in ps {
            text.push_str(p);
            text.push('\n');
        }
        text
    };
    let text = join(new);
    // Most units are equal to the letter: the old text is then not built at all.
    let old_text = (old != new).then(|| join(old)).filter(|o| *o != text);
    TextDiff {
        edits: equal_edit(text, old_text).into_iter().collect(),
        ..TextDiff::default()
    }
}

/// An `equal` edit of `text` (carrying the old text when it differs), none when both are empty.
fn equal_edit(text: String, old_text: Option<String>) -> Option<Edit> {
    (!text.is_empty() || old_text.as_ref().is_some_and(|o| !o.is_empty())).then_some(Edit {
        op: Op::Equal,
        text,
        old_text,
    })
}

/// Diffs the paragraphs `old` against `new` (each paragraph without its line break).
///
/// Paragraphs are matched on a cheap normalised key first; only paragraphs in replaced runs are
/// tokenised and diffed word by word.
pub fn diff_paragraphs(old: &[&str], new: &[&str], options: &Options) -> TextDiff {
    let old_keys: Vec<Cow<str>> = old.iter().map(|p| text_key(p, options)).collect();
    let new_keys: Vec<Cow<str>> = new.iter().map(|p| text_key(p, options)).collect();
    diff_keyed_paragraphs((old, &old_keys), (new, &new_keys), options)
}

/// [`diff_paragraphs`] with the paragraphs' keys ([`text_key`]) already computed.
pub fn diff_keyed_paragraphs(
    (old, old_keys): (&[&str], &[Cow<str>]),
    (new, new_keys): (&[&str], &[Cow<str>]),
    options: &Options,
) -> TextDiff {
    let deadline = Instant::now() + options.section_budget;
    let mut emit = Emitter::default();
    let ops = capture_diff_slices_deadline(Algorithm::Patience, old_keys, new_keys, Some(deadline));
    for op in ops {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {
                for (i, j) in o.zip(n) {
                    emit.equal(new[j], old[i]);
                    emit.equal("\n", "\n");
                }
            }
            DiffTag::Delete => o.for_each(|i| emit.whole(Op::Delete, &para(old[i], options))),
            DiffTag::Insert => n.for_each(|j| emit.whole(Op::Insert, &para(new[j], options))),
            DiffTag::Replace => {
                let old_paras: Vec<Para> =
                    old[o.clone()].iter().map(|p| para(p, options)).collect();
                let new_paras: Vec<Para> =
                    new[n.clone()].iter().map(|p| para(p, options)).collect();
                let pairs = pair_similar(&old_paras, &new_paras);
                let (mut i, mut j) = (0, 0);
                for (pi, pj) in pairs {
                    while i < pi {
                        emit.whole(Op::Delete, &old_paras[i]);
                        i += 1;
                    }
                    while j < pj {
                        emit.whole(Op::Insert, &new_paras[j]);
                        j += 1;
                    }
                    diff_pair(&old_paras[i], &new_paras[j], options, deadline, &mut emit);
                    i += 1;
                    j += 1;
                }
                old_paras[i..]
                    .iter()
                    .for_each(|p| emit.whole(Op::Delete, p));
                new_paras[j..]
                    .iter()
                    .for_each(|p| emit.whole(Op::Insert, p));
            }
        }
    }
    emit.finish()
}

/// Pairs paragraphs of a replaced run by similarity, keeping order: each old paragraph takes the
/// most similar later new paragraph if it is similar enough.
fn pair_similar(old: &[Para], new: &[Para]) -> Vec<(usize, usize)> {
    // One paragraph replaced by one paragraph at the same place is the same paragraph edited
    // unless they share almost nothing.
    const MIN: f64 = 0.5;
    const MIN_ONE_FOR_ONE: f64 = 0.2;
    if old.len() == 1 && new.len() == 1 {
        return if similarity(&old[0].key, &new[0].key) >= MIN_ONE_FOR_ONE {
            vec![(0, 0)]
        } else {
            Vec::new()
        };
    }
    let mut pairs = Vec::new();
    let mut next_new = 0;
    for (i, o) in old.iter().enumerate() {
        let best = (next_new..new.len())
            .map(|j| (j, similarity(&o.key, &new[j].key)))
            .filter(|(_, s)| *s >= MIN)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((j, _)) = best {
            pairs.push((i, j));
            next_new = j + 1;
        }
    }
    pairs
}

/// Word diff of two paired paragraphs.
fn diff_pair(old: &Para, new: &Para, options: &Options, deadline: Instant, emit: &mut Emitter) {
    let cores = |p: &Para| -> Vec<usize> {
        (0..p.tokens.len())
            .filter(|&i| !p.tokens[i].is_glue(options))
            .collect()
    };
    let old_cores = cores(old);
    let new_cores = cores(new);
    if !old.complete
        || !new.complete
        || old_cores.len() > options.max_tokens
        || new_cores.len() > options.max_tokens
        || Instant::now() > deadline
    {
        emit.out.coarse = true;
        if old.key == new.key {
            emit.equal(&full_text(new), &full_text(old));
        } else {
            emit.whole(Op::Delete, old);
            emit.whole(Op::Insert, new);
        }
        return;
    }
    let old_keys: Vec<&str> = old_cores
        .iter()
        .map(|&i| old.tokens[i].key.as_ref())
        .collect();
    let new_keys: Vec<&str> = new_cores
        .iter()
        .map(|&i| new.tokens[i].key.as_ref())
        .collect();
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &old_keys, &new_keys, Some(deadline));
    if Instant::now() > deadline {
        emit.out.coarse = true;
    }
    // Glue before core k runs from the previous core (exclusive) to core k (exclusive).
    let glue_start = |p_cores: &[usize], k: usize| if k == 0 { 0 } else { p_cores[k - 1] + 1 };
    let word = |p: &Para, i: usize| usize::from(p.tokens[i].kind == TokenKind::Word);
    for op in ops {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {
                for (a, b) in o.zip(n) {
                    let old_piece = text_of(old, glue_start(&old_cores, a)..old_cores[a] + 1);
                    let new_piece = text_of(new, glue_start(&new_cores, b)..new_cores[b] + 1);
                    emit.equal(&new_piece, &old_piece);
                }
            }
            DiffTag::Delete | DiffTag::Replace | DiffTag::Insert => {
                // Where the changed text of each side starts: at the glue before its first core.
                let mut old_start = o.clone().next().map(|a| glue_start(&old_cores, a));
                let mut new_start = n.clone().next().map(|b| glue_start(&new_cores, b));
                // In a replacement, glue shared by both sides before the change stays outside it:
                // `ngày [-25-]{+10+}`, not `ngày[- 25-]{+ 10+}`.
                if let (Some(os), Some(ns), Some(a), Some(b)) =
                    (old_start, new_start, o.clone().next(), n.clone().next())
                {
                    let old_glue = text_of(old, os..old_cores[a]);
                    let new_glue = text_of(new, ns..new_cores[b]);
                    if !old_glue.is_empty() && !new_glue.is_empty() {
                        emit.equal(&new_glue, &old_glue);
                        old_start = Some(old_cores[a]);
                        new_start = Some(new_cores[b]);
                    }
                }
                for (k, a) in o.enumerate() {
                    let start = if k == 0 {
                        old_start.unwrap_or(0)
                    } else {
                        glue_start(&old_cores, a)
                    };
                    let piece = text_of(old, start..old_cores[a] + 1);
                    emit.change(Op::Delete, &piece, word(old, old_cores[a]));
                }
                for (k, b) in n.enumerate() {
                    let start = if k == 0 {
                        new_start.unwrap_or(0)
                    } else {
                        glue_start(&new_cores, b)
                    };
                    let piece = text_of(new, start..new_cores[b] + 1);
                    emit.change(Op::Insert, &piece, word(new, new_cores[b]));
                }
            }
        }
    }
    // Glue after the last core (never the case with a final break, kept for safety).
    let old_tail = old_cores.last().map_or(0, |i| i + 1);
    let new_tail = new_cores.last().map_or(0, |i| i + 1);
    emit.equal(
        &text_of(new, new_tail..new.tokens.len()),
        &text_of(old, old_tail..old.tokens.len()),
    );
}

fn text_of(p: &Para, range: std::ops::Range<usize>) -> String {
    p.tokens[range].iter().map(|t| t.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(d: &TextDiff) -> String {
        d.edits
            .iter()
            .map(|e| match e.op {
                Op::Equal => e.text.clone(),
                Op::Delete => format!("[-{}-]", e.text),
                Op::Insert => format!("{{+{}+}}", e.text),
            })
            .collect()
    }

    #[test]
    fn a_paragraph_too_long_for_a_word_diff_keeps_no_tokens() {
        let options = Options {
            max_tokens: 100,
            ..Options::default()
        };
        let old = "cơ quan đơn vị ".repeat(100);
        let new = old.replace("đơn", "ĐƠN");
        let p = para(&old, &options);
        assert!(!p.complete && p.tokens.is_empty());
        assert_eq!(p.words, 400);
        let d = diff_paragraphs(&[&old], &[&new], &options);
        assert!(d.coarse);
        assert_eq!(d.old_text(), format!("{old}\n"));
        assert_eq!(d.new_text(), format!("{new}\n"));
        assert_eq!((d.words_deleted, d.words_inserted), (400, 400));
        // Within the limit, the same paragraph is diffed word by word.
        let p = para("cơ quan", &options);
        assert!(p.complete && p.tokens.len() == 4);
    }

    #[test]
    fn a_changed_clause_in_a_long_paragraph_is_one_small_change() {
        let old = "3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh xây dựng Kế hoạch để triển khai thi hành Luật Thanh niên đảm bảo hiệu quả, thiết thực.";
        let new = "3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh xây dựng Kế hoạch để triển khai thi hành Luật Thực hiện dân chủ ở cơ sở đảm bảo hiệu quả, thiết thực.";
        let d = diff_paragraphs(&[old], &[new], &Options::default());
        let changes: Vec<(Op, &str)> = d
            .edits
            .iter()
            .filter(|e| e.op != Op::Equal)
            .map(|e| (e.op, e.text.trim()))
            .collect();
        assert_eq!(
            changes,
            [
                (Op::Delete, "Thanh niên"),
                (Op::Insert, "Thực hiện dân chủ ở cơ sở")
            ]
        );
        assert_eq!((d.words_deleted, d.words_inserted), (2, 7));
        assert_eq!(d.old_text(), format!("{old}\n"));
        assert_eq!(d.new_text(), format!("{new}\n"));
    }

    #[test]
    fn similar_paragraphs_pair_inside_a_replaced_run() {
        let old = [
            "Một câu mở đầu.",
            "Gửi báo cáo về Sở Nội vụ trước ngày 25 tháng 3 năm 2024.",
        ];
        let new = [
            "Gửi báo cáo về Sở Nội vụ trước ngày 10 tháng 3 năm 2024.",
            "Câu mới.",
        ];
        let d = diff_paragraphs(&old, &new, &Options::default());
        assert_eq!(
            show(&d),
            "[-Một câu mở đầu.\n-]Gửi báo cáo về Sở Nội vụ trước ngày [-25-]{+10+} tháng 3 năm 2024.\n{+Câu mới.\n+}"
        );
    }

    #[test]
    fn ignored_case_and_punctuation_keep_both_texts() {
        let options = Options {
            case: true,
            punctuation: true,
            ..Options::default()
        };
        let d = diff_paragraphs(&["Các Sở, ban, ngành."], &["các sở ban ngành"], &options);
        assert!(!d.has_changes(), "{d:?}");
        assert_eq!(d.old_text(), "Các Sở, ban, ngành.\n");
        assert_eq!(d.new_text(), "các sở ban ngành\n");
        let shown = diff_paragraphs(
            &["Các Sở, ban, ngành."],
            &["các sở ban ngành"],
            &Options::default(),
        );
        assert!(shown.has_changes());
    }

    #[test]
    fn tone_style_is_ignored_only_when_asked() {
        let d = diff_paragraphs(
            &["Ủy ban hòa giải"],
            &["Uỷ ban hoà giải"],
            &Options::default(),
        );
        assert_eq!(d.words_inserted, 2);
        let options = Options {
            tone_style: true,
            ..Options::default()
        };
        let d = diff_paragraphs(&["Ủy ban hòa giải"], &["Uỷ ban hoà giải"], &options);
        assert!(!d.has_changes());
    }

    #[test]
    fn over_budget_falls_back_to_whole_paragraphs() {
        let options = Options {
            max_tokens: 3,
            ..Options::default()
        };
        let d = diff_paragraphs(&["một hai ba bốn"], &["một hai ba năm"], &options);
        assert!(d.coarse);
        assert_eq!(show(&d), "[-một hai ba bốn\n-]{+một hai ba năm\n+}");
    }
}
