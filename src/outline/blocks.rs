//! The blocks of a document in reading order: the one walk that the rules, the comparison, the
//! outline report and the review screen all take, so that a block added to the model appears in
//! every face at once.

use serde::Serialize;

use super::model::{Attachment, Document, Paragraph, Section};
use super::place::Place;

/// Which part of a document (or of one of its attachments) a text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Block {
    /// Thể thức: issuing body, Quốc hiệu, Số, date, type and trích yếu; in an attachment, its
    /// heading (`PHỤ LỤC I`, its title, `(Ban hành kèm theo …)`, a repeated header).
    Header,
    Addressees,
    LegalBases,
    /// Body text before the first numbered part.
    Preamble,
    /// The numbered parts.
    Section,
    /// Closing paragraphs after the last part (`Trên đây là …./.`).
    Closing,
    Distribution,
    Signature,
    /// Footnotes (of a .docx, or the notes of a consolidated text).
    Footnotes,
    /// Text after the signature that belongs to no block (a website's footer).
    Trailer,
}

impl Block {
    /// The one Vietnamese name of the block, in every report and on the review screen.
    pub fn label(self) -> &'static str {
        match self {
            Block::Header => "Thể thức",
            Block::Addressees => "Kính gửi",
            Block::LegalBases => "Căn cứ",
            Block::Preamble => "Phần mở đầu",
            Block::Section => "Mục",
            Block::Closing => "Phần kết",
            Block::Distribution => "Nơi nhận",
            Block::Signature => "Chữ ký",
            Block::Footnotes => "Chú thích cuối trang",
            Block::Trailer => "Sau chữ ký",
        }
    }

    /// The name of the block inside an attachment (its header is the attachment's heading).
    pub fn label_in_attachment(self) -> &'static str {
        match self {
            Block::Header => "Tiêu đề",
            Block::Trailer => "Ghi chú",
            other => other.label(),
        }
    }

    /// The block's id in JSON (`legal-bases`), as serialized.
    pub fn id(self) -> &'static str {
        match self {
            Block::Header => "header",
            Block::Addressees => "addressees",
            Block::LegalBases => "legal-bases",
            Block::Preamble => "preamble",
            Block::Section => "section",
            Block::Closing => "closing",
            Block::Distribution => "distribution",
            Block::Signature => "signature",
            Block::Footnotes => "footnotes",
            Block::Trailer => "trailer",
        }
    }
}

/// One block of a document as the walk yields it.
#[derive(Debug, Clone)]
pub struct BlockRef<'a> {
    pub block: Block,
    /// The attachment the block is part of, `None` for the document's own blocks.
    pub attachment: Option<&'a Attachment>,
    /// The texts of a block of paragraphs, in reading order (empty for [`Block::Section`]).
    pub paragraphs: Vec<&'a Paragraph>,
    /// The numbered parts (for [`Block::Section`] only).
    pub sections: &'a [Section],
}

impl<'a> BlockRef<'a> {
    /// The place of the block (of its own text; a section's is its own path).
    pub fn place(&self) -> Place {
        Place {
            block: self.block,
            attachment: self.attachment.map(|a| a.tag.clone()),
            path: None,
        }
    }

    fn text(
        block: Block,
        attachment: Option<&'a Attachment>,
        paragraphs: Vec<&'a Paragraph>,
    ) -> Self {
        BlockRef {
            block,
            attachment,
            paragraphs,
            sections: &[],
        }
    }

    fn is_empty(&self) -> bool {
        self.paragraphs.is_empty() && self.sections.is_empty()
    }
}

/// Paragraphs in reading order: header fields are collected out of order from flattened tables,
/// so they are sorted by where they start.
fn in_reading_order(mut paragraphs: Vec<&Paragraph>) -> Vec<&Paragraph> {
    paragraphs.sort_by_key(|p| p.text.start());
    paragraphs
}

/// The blocks of a document, or of an attachment's content (its heading first, in its header
/// block; what follows its signature last, as notes).
fn document_blocks<'a>(
    doc: &'a Document,
    attachment: Option<&'a Attachment>,
    out: &mut Vec<BlockRef<'a>>,
) {
    let mut header: Vec<&Paragraph> = doc.header.paragraphs().collect();
    if let Some(a) = attachment {
        header.extend(a.heading_paragraphs());
    }
    out.push(BlockRef::text(
        Block::Header,
        attachment,
        in_reading_order(header),
    ));
    out.push(BlockRef::text(
        Block::Addressees,
        attachment,
        doc.addressee_heading
            .iter()
            .chain(&doc.addressees)
            .collect(),
    ));
    out.push(BlockRef::text(
        Block::LegalBases,
        attachment,
        doc.legal_bases.iter().collect(),
    ));
    let body = &doc.body;
    out.push(BlockRef::text(
        Block::Preamble,
        attachment,
        body.preamble.iter().collect(),
    ));
    out.push(BlockRef {
        block: Block::Section,
        attachment,
        paragraphs: Vec::new(),
        sections: &body.sections,
    });
    out.push(BlockRef::text(
        Block::Closing,
        attachment,
        body.closing.iter().collect(),
    ));
    if let Some(d) = &doc.distribution {
        out.push(BlockRef::text(
            Block::Distribution,
            attachment,
            std::iter::once(&d.heading)
                .chain(&d.items)
                .chain(&d.archive)
                .chain(&d.archive_note)
                .collect(),
        ));
    }
    out.push(BlockRef::text(
        Block::Signature,
        attachment,
        doc.signature.iter().map(|s| &s.text).collect(),
    ));
    if attachment.is_some() {
        out.push(BlockRef::text(
            Block::Trailer,
            attachment,
            doc.trailer.iter().collect(),
        ));
    }
}

impl Document {
    /// The non-empty blocks in reading order: header, Kính gửi, căn cứ, preamble, parts,
    /// closing, Nơi nhận, signature; then the same for each attachment (its heading in its header
    /// block, the notes after its signature as its trailer); then the footnotes and the trailer.
    pub fn blocks(&self) -> Vec<BlockRef<'_>> {
        let mut out: Vec<BlockRef> = Vec::with_capacity(12 + 10 * self.attachments.len());
        document_blocks(self, None, &mut out);
        for a in &self.attachments {
            document_blocks(&a.content, Some(a), &mut out);
        }
        out.push(BlockRef::text(
            Block::Footnotes,
            None,
            self.footnotes.iter().map(|f| &f.text).collect(),
        ));
        out.push(BlockRef::text(
            Block::Trailer,
            None,
            self.trailer.iter().collect(),
        ));
        out.retain(|b| !b.is_empty());
        out
    }
}
