use super::*;
use crate::compare::{Options, Side, compare};

const OLD: &str = "ỦY BAN NHÂN DÂN\nTỈNH SÓC TRĂNG\nSố: 12/QĐ-UBND\n\
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
Sóc Trăng, ngày 15 tháng 8 năm 2023\n\nQUYẾT ĐỊNH\nBan hành Quy chế\n\n\
Điều 1. Phạm vi\n1. Quy chế này áp dụng cho các sở.\n2. Các sở thực hiện.\n\
Điều 2. Trách nhiệm\n1. Giám đốc sở chịu trách nhiệm.\n\
a) Báo cáo hằng tháng.\nb) Báo cáo hằng năm.\n";

fn comparison(old: &str, new: &str) -> Comparison {
    let (o, n) = (crate::outline::parse(old), crate::outline::parse(new));
    compare(
        Side {
            doc: o.documents.last().unwrap(),
            lines: &o.lines,
        },
        Side {
            doc: n.documents.last().unwrap(),
            lines: &n.lines,
        },
        &Options::default(),
    )
}

fn index(cmp: &Comparison, place: &str) -> usize {
    cmp.sections
        .iter()
        .position(|s| place_of(s) == place)
        .unwrap_or_else(|| panic!("no {place}"))
}

fn two_changes() -> String {
    OLD.replace("các sở.", "các sở, ngành.")
        .replace("hằng tháng", "hằng quý")
}

#[test]
fn places_are_paths_and_citations() {
    let cmp = comparison(OLD, &two_changes());
    let s = index(&cmp, "Điều 2.1.a");
    assert_eq!(citation_of(&cmp.sections[s]), "điểm a khoản 1 Điều 2");
    assert_eq!(Kind::of(&cmp.sections[s]), Some(Kind::Changed));
    let excerpt = change_excerpt(&cmp.sections[s], 60);
    assert!(
        excerpt.contains("[-tháng-]") && excerpt.contains("{+quý+}"),
        "{excerpt}"
    );
}

#[test]
fn hashes_are_stable_and_tell_texts_apart() {
    // Written into files: the value must never change between builds.
    assert_eq!(text_hash(""), "cbf29ce484222325");
    assert_eq!(text_hash("a"), "af63dc4c8601ec8c");
    assert_ne!(
        text_hash("Báo cáo hằng tháng."),
        text_hash("Báo cáo hằng quý.")
    );
}

#[test]
fn decisions_count_and_come_back_for_the_same_pair() {
    let cmp = comparison(OLD, &two_changes());
    let mut review = Review::new(Vec::new(), &cmp);
    assert_eq!(
        review.progress(&cmp),
        Progress {
            decided: 0,
            total: 2
        }
    );
    let a = index(&cmp, "Điều 2.1.a");
    let k1 = index(&cmp, "Điều 1.1");
    assert!(review.apply(&cmp, a, Edit::Verdict(Verdict::TakenIn)));
    assert!(review.apply(&cmp, k1, Edit::NotTakenIn(" trái Luật ".into())));
    assert!(review.apply(&cmp, k1, Edit::Note("hỏi lại Sở Tư pháp".into())));
    assert!(
        !review.apply(&cmp, index(&cmp, "Điều 1.2"), Edit::Verdict(Verdict::Seen)),
        "an unchanged section is no change to decide"
    );
    assert_eq!(review.progress(&cmp).vietnamese(), "2/2 đã quyết định");
    // Through the file and back, against a new run of the same pair.
    let mut file = ReviewFile::new("old.txt", 1, "new.txt", 1);
    file.decisions = review.decisions.clone();
    let again = ReviewFile::parse(&file.render()).unwrap();
    let cmp2 = comparison(OLD, &two_changes());
    let back = Review::new(again.decisions, &cmp2);
    assert_eq!(back.of(k1).unwrap().reason, "trái Luật");
    assert_eq!(back.of(k1).unwrap().note, "hỏi lại Sở Tư pháp");
    assert_eq!(back.of(a).unwrap().decision, Some(Verdict::TakenIn));
}

#[test]
fn the_next_round_keeps_decisions_where_the_section_did_not_change() {
    let cmp = comparison(OLD, &two_changes());
    let mut review = Review::new(Vec::new(), &cmp);
    review.apply(
        &cmp,
        index(&cmp, "Điều 2.1.a"),
        Edit::Verdict(Verdict::TakenIn),
    );
    review.apply(&cmp, index(&cmp, "Điều 1.1"), Edit::Verdict(Verdict::Seen));
    // The next draft rewrites khoản 1 Điều 1 again; điểm a is as it was.
    let next = two_changes().replace("các sở, ngành.", "các sở, ban, ngành.");
    let cmp2 = comparison(OLD, &next);
    let carried = Review::new(review.decisions.clone(), &cmp2);
    assert_eq!(
        carried.of(index(&cmp2, "Điều 2.1.a")).unwrap().decision,
        Some(Verdict::TakenIn)
    );
    assert!(
        carried.of(index(&cmp2, "Điều 1.1")).is_none(),
        "its text changed"
    );
    assert_eq!(carried.unmatched(), 1, "kept in the file, not dropped");
    assert_eq!(
        carried.progress(&cmp2),
        Progress {
            decided: 1,
            total: 2
        }
    );
}

#[test]
fn a_renumbered_section_keeps_its_decision() {
    let first = comparison(OLD, &two_changes());
    let mut review = Review::new(Vec::new(), &first);
    review.apply(
        &first,
        index(&first, "Điều 2.1.a"),
        Edit::Verdict(Verdict::TakenIn),
    );
    // Same texts under another key are matched once, and only when no exact key claims it.
    let d = &review.decisions[0];
    let moved = Decision {
        place: "Điều 9".into(),
        ..d.clone()
    };
    let cmp = comparison(OLD, &two_changes());
    let mut r = Review::new(vec![moved], &cmp);
    let a = index(&cmp, "Điều 2.1.a");
    assert!(r.of(a).is_some());
    r.apply(&cmp, a, Edit::Note("ghi chú".into()));
    assert_eq!(r.decisions[0].place, "Điều 2.1.a", "takes its place of now");
    assert_eq!(r.decisions[0].decision, Some(Verdict::TakenIn));
}

#[test]
fn reply_rows_list_decided_changes_in_reading_order() {
    let cmp = comparison(OLD, &two_changes());
    let mut review = Review::new(Vec::new(), &cmp);
    review.apply(
        &cmp,
        index(&cmp, "Điều 2.1.a"),
        Edit::Verdict(Verdict::TakenIn),
    );
    review.apply(
        &cmp,
        index(&cmp, "Điều 1.1"),
        Edit::NotTakenIn("giữ như dự thảo".into()),
    );
    let rows = reply_rows(&cmp, &review);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].citation, "khoản 1 Điều 1");
    assert_eq!(rows[0].decision, Verdict::NotTakenIn);
    assert_eq!(rows[0].reason, "giữ như dự thảo");
    assert!(rows[0].old_excerpt.ends_with("các sở."));
    assert!(rows[0].new_excerpt.ends_with("các sở, ngành."));
    assert_eq!(rows[1].place, "Điều 2.1.a");
    review.apply(&cmp, index(&cmp, "Điều 1.1"), Edit::Clear);
    assert_eq!(
        reply_rows(&cmp, &review).len(),
        1,
        "undecided changes are left out"
    );
}

#[test]
fn foreign_corrupt_and_newer_files_are_refused() {
    assert!(matches!(
        ReviewFile::parse("{\"decisions\": []"),
        Err(FileError::NotJson(_))
    ));
    assert_eq!(
        ReviewFile::parse("{\"name\": \"package\"}"),
        Err(FileError::Foreign)
    );
    assert_eq!(
        ReviewFile::parse("{\"format\": \"rasoat-review\", \"version\": 7}"),
        Err(FileError::Newer(7))
    );
    assert!(matches!(
        ReviewFile::parse("{\"format\": \"rasoat-review\", \"version\": 1, \"decisions\": 3}"),
        Err(FileError::Malformed(_))
    ));
    let message = FileError::Foreign.to_string();
    assert!(message.contains("không phải tệp rà soát"), "{message}");
}
