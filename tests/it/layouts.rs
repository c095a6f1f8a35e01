//! Layouts of real Word files, read right: Nơi nhận and the signature side by side with tabs, a
//! rank before the signer's name, `Phần thứ nhất` as a level, a Đảng symbol's number, a draft
//! without a signer name followed by its Quy chế, the STT cells of a table.

use rasoat::outline::model::SignatureRole;
use rasoat::outline::{Document, parse};

const HEADER: &str = "ỦY BAN NHÂN DÂN\nTỈNH SÓC TRĂNG\n\nSố: 12/KH-UBND\n\n\
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n\
Sóc Trăng, ngày 15 tháng 8 năm 2023\n\nKẾ HOẠCH\nThực hiện nhiệm vụ\n\nI. MỤC ĐÍCH\n\n1. Triển khai./.\n\n";

fn only(text: &str) -> Document {
    let mut file = parse(text);
    assert_eq!(file.documents.len(), 1, "one document");
    file.documents.remove(0)
}

fn signature(d: &Document) -> Vec<(SignatureRole, &str)> {
    d.signature
        .iter()
        .map(|l| (l.role, l.text.as_str()))
        .collect()
}

#[test]
fn nơi_nhận_and_the_signature_side_by_side_with_tabs() {
    let d = only(&format!(
        "{HEADER}Nơi nhận:\t\tKT. CHỦ TỊCH\n- Sở Nội vụ;\t\tPHÓ CHỦ TỊCH\n- Lưu: VT, VX.\n\n\t\tNguyễn Văn A\n"
    ));
    let dist = d.distribution.as_ref().expect("Nơi nhận is read");
    let items: Vec<&str> = dist.items.iter().map(|p| p.as_str()).collect();
    assert_eq!(items, ["- Sở Nội vụ;"]);
    assert_eq!(dist.archive_units, ["VT", "VX"]);
    assert_eq!(
        signature(&d),
        [
            (SignatureRole::Authority, "KT. CHỦ TỊCH"),
            (SignatureRole::Title, "PHÓ CHỦ TỊCH"),
            (SignatureRole::Signer, "Nguyễn Văn A"),
        ]
    );
}

#[test]
fn a_single_tab_after_a_marker_is_no_column() {
    let d = only(&format!(
        "{}2.\tBáo cáo kết quả./.\n",
        HEADER.trim_end_matches("1. Triển khai./.\n\n")
    ));
    let titles: Vec<&str> = d.all_sections().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["MỤC ĐÍCH", "Báo cáo kết quả./."]);
}

#[test]
fn a_rank_before_the_signers_name() {
    let d = only(&format!(
        "{HEADER}Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, VX.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nĐại tá Nguyễn Văn Bình\n"
    ));
    assert_eq!(
        signature(&d).last(),
        Some(&(SignatureRole::Signer, "Đại tá Nguyễn Văn Bình"))
    );
}

#[test]
fn parts_numbered_phần_thứ_nhất_are_a_level() {
    let d = only(
        "ỦY BAN NHÂN DÂN\nTỈNH SÓC TRĂNG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n\
         ĐỀ CƯƠNG\nBáo cáo tổng kết\n\nPhần thứ nhất\nKẾT QUẢ\n\nI. Tình hình\n\nPhần thứ hai\nPHƯƠNG HƯỚNG\n\nI. Mục tiêu\n",
    );
    let top: Vec<(&str, usize)> = d
        .body
        .sections
        .iter()
        .map(|s| (s.label.as_str(), s.children.len()))
        .collect();
    assert_eq!(top, [("Phần thứ nhất", 1), ("Phần thứ hai", 1)]);
}

#[test]
fn a_party_symbol_gives_its_number() {
    let d = only(
        "ĐẢNG CỘNG SẢN VIỆT NAM\n\nBAN CHẤP HÀNH TRUNG ƯƠNG\n\nSố 12-HD/VPTW\n\n\
         Hà Nội, ngày 5 tháng 3 năm 2024\n\nHƯỚNG DẪN\nThể thức văn bản\n\n1. Nội dung.\n",
    );
    let symbol = d.header.symbol.as_ref().expect("the Số line is read");
    assert_eq!(symbol.number.as_deref(), Some("12"));
}

#[test]
fn a_draft_without_a_signer_keeps_its_regulation() {
    let d = only(&format!(
        "{}Điều 2. Hiệu lực./.\n\nNơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, VX.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\
         QUY CHẾ\nLàm việc\n(Ban hành kèm theo Quyết định số 12/QĐ-UBND)\n\nChương I\nQUY ĐỊNH CHUNG\n\n\
         Điều 1. Phạm vi\n\n1. Quy chế này.\n\n2. Áp dụng.\n",
        HEADER.replace(
            "KẾ HOẠCH\nThực hiện nhiệm vụ\n\nI. MỤC ĐÍCH\n\n1. Triển khai./.\n\n",
            "QUYẾT ĐỊNH\nBan hành Quy chế\n\nĐiều 1. Ban hành Quy chế.\n\n"
        )
    ));
    assert_eq!(
        signature(&d),
        [
            (SignatureRole::Authority, "TM. ỦY BAN NHÂN DÂN"),
            (SignatureRole::Title, "CHỦ TỊCH"),
        ]
    );
    let regulation = d.attachments.first().expect("the Quy chế is an attachment");
    assert_eq!(regulation.content.all_sections().count(), 4);
}

#[test]
fn the_stt_cells_of_a_table_are_no_sections() {
    let d = only(
        "ỦY BAN NHÂN DÂN\nTỈNH SÓC TRĂNG\n\nSố: 12/BC-UBND\n\nBÁO CÁO\nThống kê\n\n\
         | STT | Đơn vị | Số lượng |\n|---|---|---|\n| 1. | Xã A | 10 |\n| 2. | Xã B | 12 |\n\nI. Kết luận\n",
    );
    let sections: Vec<(&str, &str)> = d
        .all_sections()
        .map(|s| (s.label.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(sections, [("I.", "Kết luận")]);
}
