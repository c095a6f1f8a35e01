//! Attachments read from real layouts: forms with a Quốc hiệu of their own belong to the
//! document that issues them.

use rasoat::outline::parse;

/// A resolution, then a form whose label (`Mẫu` / `01-ĐĐN-CĐ`, wrapped by the conversion) stands
/// over its own Quốc hiệu, as in Nghị quyết 73/2025/NQ-HĐND of Hà Nội.
const RESOLUTION_WITH_FORM: &str = "HỘI ĐỒNG NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\n\nSố: 73/2025/NQ-HĐND\n\n\
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nHà Nội, ngày 27 tháng 11 năm 2025\n\n\
NGHỊ QUYẾT\nVề chính sách thu hút nhân lực\n\nĐiều 1. Phạm vi\n\nNghị quyết này quy định chính sách.\n\n\
Điều 2. Hiệu lực\n\nNghị quyết có hiệu lực từ ngày ký./.\n\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n\n\
CHỦ TỊCH\n\nNguyễn Văn A\n\n*Mẫu\n01-ĐĐN-CĐ*\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
Độc lập - Tự do - Hạnh phúc\n\nĐƠN ĐỀ NGHỊ CẤP ĐỔI THẺ\n\nKính gửi: Ban Quản lý\n\n\
1. Họ và tên: ………… 2. Giới tính: ……\n\n3. Ngày sinh: ……\n\n(Ký, ghi rõ họ tên)\n";

#[test]
fn a_form_under_its_own_quoc_hieu_and_label_is_an_attachment() {
    let file = parse(RESOLUTION_WITH_FORM);
    assert_eq!(
        file.documents.len(),
        1,
        "the form is not a document of its own"
    );
    let doc = &file.documents[0];
    let form = doc.attachments.last().expect("the form is an attachment");
    assert!(form.template, "a form is checked as a template");
    assert!(
        form.label.as_str().contains("01-ĐĐN-CĐ"),
        "{:?}",
        form.label
    );
}

/// A decision in the new tone style, then an appendix with one word of each style: the appendix's
/// 1–1 tie is no choice of its own, so the document's style decides and the old-style word is
/// the one reported.
const DECISION_WITH_TIED_APPENDIX: &str = "ỦY BAN NHÂN DÂN TỈNH A\n\nSố: 12/QĐ-UBND\n\nQUYẾT ĐỊNH\n\n\
Ban hành danh mục\n\nĐiều 1. Ủy ban nhân dân các xã thực hiện hòa giải.\n\n\
Điều 2. Sở Văn hóa chủ trì thực hiện./.\n\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n\n\
TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n\nPHỤ LỤC\n\nDANH MỤC\n\n\
1. Ủy ban nhân dân xã lập hồ sơ số hoá.\n";

#[test]
fn a_tied_appendix_follows_the_documents_tone_style() {
    let set = rasoat::rules::RuleSet::builtin().unwrap();
    let tone: Vec<_> = set
        .check_text(DECISION_WITH_TIED_APPENDIX)
        .into_iter()
        .filter(|f| f.rule == "CONS-TONE-STYLE")
        .map(|f| f.excerpt)
        .collect();
    assert_eq!(tone, ["hoá"]);
}

/// An amending decision: each instruction records what it amends in the outline JSON
/// (`"amends": {"action", "target", "document"}`), and its replacement text is quoted.
#[test]
fn amending_instructions_record_what_they_amend_in_the_outline_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sua-doi.md");
    std::fs::write(
        &path,
        "ỦY BAN NHÂN DÂN TỈNH A\n\nSố: 15/2025/QĐ-UBND\n\nQUYẾT ĐỊNH\n\
         Sửa đổi, bổ sung một số điều của Quyết định số 12/2023/QĐ-UBND\n\n\
         Điều 1. Sửa đổi, bổ sung một số điều của Quy định ban hành kèm theo Quyết định số \
         12/2023/QĐ-UBND\n\n1. Sửa đổi, bổ sung khoản 2 Điều 5 như sau:\n\n\
         “2. Ủy ban nhân dân cấp xã tổ chức thực hiện.”\n\n2. Bãi bỏ Điều 7.\n\n\
         Điều 2. Quyết định này có hiệu lực từ ngày ký./.\n",
    )
    .unwrap();
    let (code, out, err) =
        crate::common::run(&["outline", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let article = &json["documents"][0]["sections"][0];
    assert_eq!(
        article["amends"]["document"],
        "Quy định ban hành kèm theo Quyết định số 12/2023/QĐ-UBND"
    );
    let first = &article["children"][0];
    assert_eq!(first["amends"]["action"], "sửa đổi, bổ sung");
    assert_eq!(first["amends"]["target"], "khoản 2 Điều 5");
    assert_eq!(
        first["amends"]["document"],
        "Quy định ban hành kèm theo Quyết định số 12/2023/QĐ-UBND"
    );
    assert_eq!(first["children"][0]["quoted"], true, "{first}");
    let second = &article["children"][1];
    assert_eq!(second["amends"]["action"], "bãi bỏ");
    assert_eq!(second["amends"]["target"], "Điều 7");
    assert!(json["documents"][0]["sections"][1].get("amends").is_none());
}
