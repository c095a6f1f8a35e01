//! Section alignment and word diff on small documents and on the seed.

use proptest::prelude::*;
use rasoat::compare::{self, Comparison, Op, Options, Side, Status};
use rasoat::outline;

fn compare_texts(old: &str, new: &str, options: &Options) -> Comparison {
    let old = outline::parse(old);
    let new = outline::parse(new);
    compare::compare(
        Side {
            doc: &old.documents[0],
            lines: &old.lines,
        },
        Side {
            doc: &new.documents[0],
            lines: &new.lines,
        },
        options,
    )
}

/// (status, moved, renumbered, old number, new number) of each differing section entry.
fn changes(c: &Comparison) -> Vec<(Status, bool, bool, String, String)> {
    c.sections
        .iter()
        .filter(|s| s.is_difference())
        .map(|s| {
            (
                s.status,
                s.moved,
                s.renumbered,
                s.old.as_ref().map_or("-".into(), |u| u.number.clone()),
                s.new.as_ref().map_or("-".into(), |u| u.number.clone()),
            )
        })
        .collect()
}

const PLAN: &str = "I. MỤC ĐÍCH\n\n1. Bảo đảm triển khai kịp thời các nhiệm vụ được giao.\n\n2. Phân công rõ trách nhiệm của từng cơ quan chủ trì.\n\nII. NỘI DUNG\n\n1. Tổ chức tuyên truyền Luật trên báo chí địa phương.\n\na) Cơ quan chủ trì là Sở Thông tin và Truyền thông tỉnh.\n\nb) Cơ quan phối hợp là Ủy ban nhân dân các huyện.\n\nc) Thời gian thực hiện trong năm 2024 và các năm sau.\n";

#[test]
fn identical_documents_have_no_differences() {
    let c = compare_texts(PLAN, PLAN, &Options::default());
    assert!(!c.has_differences());
    assert_eq!(c.stats.sections_unchanged, c.sections.len());
}

#[test]
fn inserted_point_renumbers_the_following_points_without_text_changes() {
    let new = PLAN
        .replace(
            "b) Cơ quan phối hợp",
            "b) Kinh phí do ngân sách tỉnh bảo đảm theo phân cấp hiện hành.\n\nc) Cơ quan phối hợp",
        )
        .replace("c) Thời gian", "d) Thời gian");
    let c = compare_texts(PLAN, &new, &Options::default());
    use Status::*;
    assert_eq!(
        changes(&c),
        [
            (Inserted, false, false, "-".into(), "II.1.b".into()),
            (Unchanged, false, true, "II.1.b".into(), "II.1.c".into()),
            (Unchanged, false, true, "II.1.c".into(), "II.1.d".into()),
        ]
    );
    assert_eq!(c.stats.sections_renumbered, 2);
    assert_eq!(c.stats.words_deleted, 0);
}

#[test]
fn deleted_section() {
    let new = PLAN.replace(
        "2. Phân công rõ trách nhiệm của từng cơ quan chủ trì.\n\n",
        "",
    );
    let c = compare_texts(PLAN, &new, &Options::default());
    assert_eq!(
        changes(&c),
        [(Status::Deleted, false, false, "I.2".into(), "-".into())]
    );
}

#[test]
fn section_moved_to_another_parent() {
    let new = PLAN
        .replace("2. Phân công rõ trách nhiệm của từng cơ quan chủ trì.\n\n", "")
        .replace(
            "c) Thời gian thực hiện trong năm 2024 và các năm sau.\n",
            "c) Thời gian thực hiện trong năm 2024 và các năm sau.\n\n2. Phân công rõ trách nhiệm của từng cơ quan chủ trì.\n",
        );
    let c = compare_texts(PLAN, &new, &Options::default());
    assert_eq!(
        changes(&c),
        [(Status::Unchanged, true, false, "I.2".into(), "II.2".into())]
    );
}

#[test]
fn split_and_merged_sections() {
    let merged = "1. Tổ chức tuyên truyền Luật trên báo chí địa phương và tập huấn chuyên sâu cho cán bộ cấp xã.\n";
    let split = "1. Tổ chức tuyên truyền Luật trên báo chí địa phương.\n\n2. Tập huấn chuyên sâu cho cán bộ cấp xã.\n";
    let c = compare_texts(merged, split, &Options::default());
    use Status::*;
    assert_eq!(
        changes(&c),
        [
            (Changed, false, false, "1".into(), "1".into()),
            (Inserted, false, false, "-".into(), "2".into()),
        ]
    );
    let c = compare_texts(split, merged, &Options::default());
    assert_eq!(
        changes(&c),
        [
            (Changed, false, false, "1".into(), "1".into()),
            (Deleted, false, false, "2".into(), "-".into()),
        ]
    );
}

#[test]
fn list_marker_style_is_shown_or_ignored() {
    let bullets = PLAN
        .replace("a) Cơ quan chủ trì", "- Cơ quan chủ trì")
        .replace("b) Cơ quan phối hợp", "- Cơ quan phối hợp")
        .replace("c) Thời gian", "- Thời gian");
    let shown = compare_texts(PLAN, &bullets, &Options::default());
    assert_eq!(shown.stats.sections_changed, 3);
    assert!(shown.sections.iter().filter(|s| s.marker_changed).count() == 3);
    let ignored = compare_texts(
        PLAN,
        &bullets,
        &Options {
            list_markers: true,
            ..Options::default()
        },
    );
    assert!(!ignored.has_differences(), "{:?}", changes(&ignored));
}

#[test]
fn rewrapped_text_is_not_a_change() {
    let wrapped = PLAN.replace(
        "1. Bảo đảm triển khai kịp thời các nhiệm vụ được giao.",
        "1. Bảo đảm triển khai kịp thời\ncác nhiệm vụ được giao.",
    );
    let c = compare_texts(PLAN, &wrapped, &Options::default());
    assert!(!c.has_differences());
}

#[test]
fn seed_round_1_to_2_shows_exactly_the_law_name_fix_in_iii_3() {
    let seed = crate::common::parse("samples/seed-combined.txt");
    let c = compare::compare(
        Side {
            doc: &seed.documents[1],
            lines: &seed.lines,
        },
        Side {
            doc: &seed.documents[2],
            lines: &seed.lines,
        },
        &Options::default(),
    );
    let iii3 = c
        .sections
        .iter()
        .find(|s| s.new.as_ref().is_some_and(|n| n.number == "III.3"))
        .unwrap();
    assert_eq!(iii3.status, Status::Changed);
    assert_eq!(iii3.old.as_ref().unwrap().line, 184);
    assert_eq!(iii3.new.as_ref().unwrap().line, 339);
    let edits: Vec<(Op, &str)> = iii3
        .diff
        .edits
        .iter()
        .filter(|e| e.op != Op::Equal)
        .map(|e| (e.op, e.text.as_str()))
        .collect();
    assert_eq!(
        edits,
        [
            (Op::Delete, "Thanh niên"),
            (Op::Insert, "Thực hiện dân chủ ở cơ sở")
        ]
    );
    // The distribution heading and archive line changed; the signature gained KT.
    let block = |b: compare::Block| {
        c.sections
            .iter()
            .find(|s| s.block() == b)
            .unwrap()
            .diff
            .new_text()
    };
    assert!(block(compare::Block::Distribution).starts_with("Noi nhận:"));
    assert!(block(compare::Block::Signature).contains("KT. CHỦ TỊCH"));
    // Nothing is moved in this round, and no numbered part is inserted or deleted.
    assert_eq!(c.stats.sections_moved, 0);
    assert_eq!(c.stats.sections_inserted, 0);
}

// --- properties -----------------------------------------------------------------------------

const WORDS: &[&str] = &[
    "Luật",
    "Thực",
    "hiện",
    "dân",
    "chủ",
    "ở",
    "cơ",
    "sở",
    "Ủy",
    "ban",
    "nhân",
    "hòa",
    "hoà",
    "Sở",
    "Nội",
    "vụ",
    "tỉnh",
    "năm",
    "2023",
    "3593/VP-VX",
    ",",
    ".",
    ";",
    ":",
    "(",
    ")",
    "-",
];

fn paragraph() -> impl Strategy<Value = String> {
    proptest::collection::vec((0..WORDS.len(), 0..3usize), 0..14).prop_map(|ws| {
        let mut s = String::new();
        for (w, sp) in ws {
            s.push_str(WORDS[w]);
            s.push_str(["", " ", "  "][sp]);
        }
        s
    })
}

fn options() -> impl Strategy<Value = Options> {
    proptest::collection::vec(any::<bool>(), 7).prop_map(|b| Options {
        whitespace: b[0],
        case: b[1],
        punctuation: b[2],
        list_markers: b[3],
        markup: b[4],
        unicode_form: b[5],
        tone_style: b[6],
        ..Options::default()
    })
}

fn document() -> impl Strategy<Value = String> {
    let marker = prop_oneof![
        Just("I. "),
        Just("II. "),
        Just("1. "),
        Just("2. "),
        Just("a) "),
        Just("b) "),
        Just("đ) "),
        Just("- "),
        Just("+ "),
        Just(""),
    ];
    proptest::collection::vec((marker, paragraph()), 0..12).prop_map(|ps| {
        ps.into_iter()
            .map(|(m, p)| format!("{m}{p}\n\n"))
            .collect::<String>()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn edits_reproduce_both_texts(
        old in proptest::collection::vec(paragraph(), 0..5),
        new in proptest::collection::vec(paragraph(), 0..5),
        options in options(),
    ) {
        let old_refs: Vec<&str> = old.iter().map(String::as_str).collect();
        let new_refs: Vec<&str> = new.iter().map(String::as_str).collect();
        let d = compare::words::diff_paragraphs(&old_refs, &new_refs, &options);
        let joined = |ps: &[String]| ps.iter().map(|p| format!("{p}\n")).collect::<String>();
        prop_assert_eq!(d.old_text(), joined(&old));
        prop_assert_eq!(d.new_text(), joined(&new));
    }

    #[test]
    fn alignment_uses_each_section_at_most_once(old in document(), new in document(), options in options()) {
        let c = compare_texts(&old, &new, &options);
        let mut seen_old = std::collections::HashSet::new();
        let mut seen_new = std::collections::HashSet::new();
        for s in &c.sections {
            if let Some(o) = &s.old {
                prop_assert!(seen_old.insert((o.block, o.number.clone(), o.line)), "old twice: {:?}", o);
            }
            if let Some(n) = &s.new {
                prop_assert!(seen_new.insert((n.block, n.number.clone(), n.line)), "new twice: {:?}", n);
            }
        }
        // Every section of both documents appears.
        let o = outline::parse(&old);
        let n = outline::parse(&new);
        let count = |d: &outline::Document| d.all_sections().count();
        let sections_old = c.sections.iter().filter(|s| s.old.as_ref().is_some_and(|u| u.block == compare::Block::Section)).count();
        let sections_new = c.sections.iter().filter(|s| s.new.as_ref().is_some_and(|u| u.block == compare::Block::Section)).count();
        prop_assert_eq!(sections_old, count(&o.documents[0]));
        prop_assert_eq!(sections_new, count(&n.documents[0]));
    }
}
