//! The seed case: a cover letter and two rounds of one draft plan, in one file.

use rasoat::outline::{Document, MarkerKind};

use crate::common::{parse, run};

fn numbered(doc: &Document) -> Vec<String> {
    doc.all_sections()
        .filter(|s| !s.kind.is_bullet())
        .map(|s| s.number().to_string())
        .collect()
}

const SHARED_NUMBERS: &[&str] = &[
    "I", "I.1", "I.2", "II", "II.1", "II.1.a", "II.1.b", "II.1.c", "II.1.d", "II.2", "II.2.a",
    "II.2.b", "II.2.c", "II.2.d", "II.2.đ", "II.3", "II.3.a", "II.3.b", "II.4", "III", "III.1",
    "III.2", "III.3", "III.4",
];

#[test]
fn seed_holds_three_documents_two_of_them_versions() {
    let file = parse("samples/seed-combined.txt");
    assert_eq!(file.documents.len(), 3);
    let [cover, round1, round2] = &file.documents[..] else {
        unreachable!()
    };
    assert_eq!(cover.type_name().as_deref(), Some("CÔNG VĂN"));
    assert_eq!(round1.type_name().as_deref(), Some("KẾ HOẠCH"));
    assert!(round1.is_draft() && round2.is_draft());
    assert_eq!(cover.version_of, 1, "the cover letter is its own document");
    assert_eq!(round1.version_of, 2);
    assert_eq!(round2.version_of, 2, "round 2 is a version of round 1");
    assert_eq!((cover.first_line, cover.last_line), (3, 45));
    assert_eq!((round1.first_line, round1.last_line), (47, 202));
    assert_eq!((round2.first_line, round2.last_line), (204, 358));
}

#[test]
fn cover_letter_symbol_is_split() {
    let file = parse("samples/seed-combined.txt");
    let symbol = file.documents[0].header.symbol.as_ref().unwrap();
    assert_eq!(symbol.line.as_str(), "Số.3593 /VP-VX", "kept as written");
    assert_eq!(symbol.number.as_deref(), Some("3593"));
    assert_eq!(symbol.agency.as_deref(), Some("VP"));
    assert_eq!(symbol.unit.as_deref(), Some("VX"));
    assert_eq!(symbol.type_code, None, "a công văn has no type code");
    assert_eq!(symbol.line.line(), 6);
    let d = &file.documents[0];
    assert_eq!(d.addressees.len(), 6);
    assert_eq!(d.distribution.as_ref().unwrap().archive_units, ["VT"]);
    assert_eq!(d.signature.last().unwrap().text.as_str(), "Trần Quốc Hưng");
}

#[test]
fn both_rounds_have_the_same_numbered_sections_except_round1_letters_under_i() {
    let file = parse("samples/seed-combined.txt");
    let round1 = numbered(&file.documents[1]);
    let round2 = numbered(&file.documents[2]);
    assert_eq!(round2, SHARED_NUMBERS);
    let extra: Vec<&String> = round1
        .iter()
        .filter(|n| !SHARED_NUMBERS.contains(&n.as_str()))
        .collect();
    assert_eq!(
        extra,
        ["I.1.a", "I.1.b", "I.1.c", "I.2.a", "I.2.b", "I.2.c"],
        "round 1 letters the items of I.1 and I.2"
    );
    // Round 2 writes the same items as bullets.
    let i1 = file.documents[2].section("I.1").unwrap();
    assert_eq!(i1.children.len(), 3);
    assert!(i1.children.iter().all(|c| c.kind == MarkerKind::Dash));
}

#[test]
fn dd_is_parsed_as_the_letter_after_d_with_its_title() {
    let file = parse("samples/seed-combined.txt");
    let dd = file.documents[2].section("II.2.đ").unwrap();
    assert_eq!(dd.label, "đ)");
    assert_eq!(dd.ordinal, Some(5));
    assert_eq!(
        dd.title.as_str(),
        "Ban hành Quy chế thực hiện dân chủ ở cơ sở"
    );
    assert_eq!(dd.line(), 305);
}

#[test]
fn closing_blocks_of_both_rounds() {
    let file = parse("samples/seed-combined.txt");
    let r1 = &file.documents[1];
    let r2 = &file.documents[2];
    let d1 = r1.distribution.as_ref().unwrap();
    let d2 = r2.distribution.as_ref().unwrap();
    assert_eq!(d1.heading.as_str(), "Nơi nhận:");
    assert_eq!(
        d2.heading.as_str(),
        "Noi nhận:",
        "kept as written for the rules"
    );
    assert_eq!(d1.archive_units, ["NC", "HC"]);
    assert_eq!(d2.archive_units, ["VT", "VX"]);
    assert_eq!(d1.items.len(), 5);
    let sig = |d: &Document| -> Vec<String> {
        d.signature
            .iter()
            .map(|s| s.text.as_str().to_string())
            .collect()
    };
    assert_eq!(sig(r1), ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]);
    assert_eq!(
        sig(r2),
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    );
    // The page-broken closing paragraph of round 1 is one paragraph.
    assert_eq!(r1.body.closing.len(), 1);
    assert!(r1.body.closing[0].as_str().contains("kịp thời phản ánh"));
    assert_eq!(
        (r1.body.closing[0].line(), r1.body.closing[0].end_line()),
        (188, 190)
    );
}

#[test]
fn page_broken_paragraph_in_round2_is_rejoined() {
    let file = parse("samples/seed-combined.txt");
    let a = file.documents[2].section("II.3.a").unwrap();
    let first_bullet = &a.children[0];
    assert!(
        first_bullet
            .title
            .as_str()
            .contains("do mình chủ trì trình cấp thẩm quyền ban hành"),
        "{}",
        first_bullet.title.as_str()
    );
}

#[test]
fn outline_json_contract_fields() {
    let (code, out, err) = run(&["outline", "samples/seed-combined.txt#3", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let doc = &v["documents"][0];
    assert_eq!(doc["index"], 3);
    assert_eq!(doc["type"], "KẾ HOẠCH");
    assert_eq!(doc["symbol"], "/KH-UBND");
    assert_eq!(doc["draft"], true);
    assert_eq!(
        doc["title"],
        "Triển khai thi hành Luật Thực hiện dân chủ ở cơ sở"
    );
    assert_eq!(doc["archive"], serde_json::json!(["VT", "VX"]));
    let ii = &doc["sections"][1];
    assert_eq!(ii["number"], "II");
    let dd = &ii["children"][1]["children"][4];
    assert_eq!(dd["number"], "II.2.đ");
    assert_eq!(dd["label"], "đ)");
    assert_eq!(dd["title"], "Ban hành Quy chế thực hiện dân chủ ở cơ sở");
    assert_eq!(dd["line"], 305, "1-based line in the original file");
    assert!(dd["children"].is_array());
    assert!(doc["recipients"].is_array());
    assert!(doc["signature"].is_array());
}

#[test]
fn split_samples_parse_like_the_combined_file() {
    for (part, index) in [
        ("samples/seed-1-cover-letter.txt", 0),
        ("samples/seed-2-draft-round1.txt", 1),
        ("samples/seed-3-draft-round2.txt", 2),
    ] {
        let alone = parse(part);
        assert_eq!(alone.documents.len(), 1, "{part}");
        let combined = parse("samples/seed-combined.txt");
        assert_eq!(
            numbered(&alone.documents[0]),
            numbered(&combined.documents[index]),
            "{part}"
        );
    }
}

#[test]
fn outline_text_snapshot() {
    let (code, out, _) = run(&["outline", "samples/seed-combined.txt"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn json_kind_has_a_string_form_beside_the_first_one() {
    let (code, out, err) =
        crate::common::run(&["outline", "--format", "json", "samples/seed-combined.txt#2"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let part = &v["documents"][0]["sections"][0];
    assert_eq!(part["kind"], "roman");
    assert_eq!(part["kind_name"], "roman");
    assert!(part.get("depth").is_none());
    let item = &part["children"][0];
    // `kind` stays as it was first written (an object for Arabic numbers); `kind_name` is the
    // string README documents, `depth` the depth.
    assert_eq!(item["kind"], serde_json::json!({"arabic": 1}));
    assert_eq!(item["kind_name"], "arabic");
    assert_eq!(item["depth"], 1);
}
