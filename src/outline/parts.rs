//! The tree of numbered parts of a body: paragraphs with a marker open a part, the others go to
//! the part they follow. Quotations (see [`super::quote`]) nest under the part that introduces
//! them, with numbering of their own.

use super::marker::{Marker, MarkerKind};
use super::model::{Paragraph, Section};
use super::place::NumberPath;

/// A part under construction, with its nesting rank.
struct Open {
    rank: u32,
    section: Section,
    bullets: usize,
}

/// A quotation being read: its parts stack above the host's.
struct OpenQuote {
    id: u32,
    /// The stack's length when the quotation opened: its parts never pop the host's.
    floor: usize,
    /// The path of the part that quotes, if any.
    host: Option<NumberPath>,
    bullets: usize,
}

/// Builds the parts of one body.
pub struct PartsBuilder {
    /// The attachment's key and slash (`PL1/`), or empty.
    prefix: String,
    stack: Vec<Open>,
    roots: Vec<Section>,
    top_bullets: usize,
    quote: Option<OpenQuote>,
}

impl PartsBuilder {
    pub fn new(prefix: &str) -> PartsBuilder {
        PartsBuilder {
            prefix: prefix.to_string(),
            stack: Vec::new(),
            roots: Vec::new(),
            top_bullets: 0,
            quote: None,
        }
    }

    fn floor(&self) -> usize {
        self.quote.as_ref().map_or(0, |q| q.floor)
    }

    /// Whether a part is open (a paragraph without marker then belongs to it).
    pub fn has_open(&self) -> bool {
        !self.stack.is_empty()
    }

    /// Starts quotation `id` under the deepest open part (or at the top).
    pub fn open_quote(&mut self, id: u32) {
        self.close_quote();
        self.quote = Some(OpenQuote {
            id,
            floor: self.stack.len(),
            host: self.stack.last().map(|o| o.section.path.clone()),
            bullets: 0,
        });
    }

    /// Ends the current quotation: its parts go into the part that quoted them.
    pub fn close_quote(&mut self) {
        if let Some(q) = self.quote.take() {
            while self.stack.len() > q.floor {
                self.pop();
            }
        }
    }

    pub fn in_quote(&self) -> Option<u32> {
        self.quote.as_ref().map(|q| q.id)
    }

    /// Opens a part at `marker`, whose heading is `para` (`lead` characters of a quotation mark
    /// come before the marker), in table cell `cell` (see [`Section::cell`]).
    pub fn open(&mut self, marker: Marker, para: Paragraph, lead: usize, cell: u32) {
        let rank = marker.kind.rank();
        let keep = self.depth_for(&marker);
        while self.stack.len() > keep {
            self.pop();
        }
        let floor = self.floor();
        let in_quote = self.quote.is_some();
        let parent = (self.stack.len() > floor).then(|| self.stack.len() - 1);
        let key = if marker.kind.is_bullet() {
            let count = match parent {
                Some(p) => &mut self.stack[p].bullets,
                None => match &mut self.quote {
                    Some(q) => &mut q.bullets,
                    None => &mut self.top_bullets,
                },
            };
            *count += 1;
            format!("{}{}", marker.key, *count)
        } else {
            marker.key.clone()
        };
        let restarts = matches!(marker.kind, MarkerKind::Article | MarkerKind::Part);
        let path = match (parent, &self.quote) {
            (Some(p), _) if restarts => self.stack[p].section.path.restart(marker.kind, &key),
            (Some(p), _) => self.stack[p].section.path.child(marker.kind, &key),
            (None, Some(q)) => q
                .host
                .clone()
                .unwrap_or_else(|| NumberPath::empty(&self.prefix))
                .quoted_child(marker.kind, &key),
            (None, None) => NumberPath::root(&self.prefix, marker.kind, &key),
        };
        let title = para
            .text
            .slice_chars(lead + marker.len_chars, para.text.char_len())
            .trimmed();
        let mut title = Paragraph::new(title);
        title.quoted = in_quote;
        self.stack.push(Open {
            rank,
            bullets: 0,
            section: Section {
                kind: marker.kind,
                label: marker.label,
                path,
                ordinal: marker.ordinal,
                title,
                heading: para,
                paragraphs: Vec::new(),
                children: Vec::new(),
                quote: self.quote.as_ref().map(|q| q.id),
                amends: None,
                cell,
            },
        });
    }

    /// Adds a paragraph without marker to the deepest open numbered part (a paragraph after a
    /// list of bullets concerns the whole part, not the last bullet); returns it when no part is
    /// open.
    /// A bullet that introduces what follows (`- Thành phần:` then `Trong 1 viên có chứa:`, then
    /// `+` items) keeps the paragraph: its sub-items come after it.
    pub fn add(&mut self, para: Paragraph) -> Option<Paragraph> {
        let floor = self.floor();
        while self.stack.len() > floor
            && self.stack.last().is_some_and(|o| {
                o.section.kind.is_bullet()
                    && !o
                        .section
                        .paragraphs
                        .last()
                        .unwrap_or(&o.section.heading)
                        .as_str()
                        .trim_end_matches(['*', '_', ' '])
                        .ends_with(':')
            })
        {
            self.pop();
        }
        match self.stack.last_mut() {
            Some(open) => {
                open.section.paragraphs.push(para);
                None
            }
            None => Some(para),
        }
    }

    /// How many open parts stay open below a part opened at `marker`.
    ///
    /// By default a part closes the open parts of its rank or deeper (`2.` closes `1.` and its
    /// `a)`). Two readings come first, since real documents nest lists in many ways:
    /// - a number that continues a list (`2.` after `1.`) goes where that list is, however deep;
    /// - a list that starts (`1.`, `A.`) under a part that introduces it (`… như sau:`), or at a
    ///   level where no list of its kind was, nests under the part open before it (`II.` then
    ///   `A.` then `1.`, as well as `A.` then `I.` then `1.`).
    fn depth_for(&self, marker: &Marker) -> usize {
        let floor = self.floor();
        let len = self.stack.len();
        let mut by_rank = len;
        while by_rank > floor && self.stack[by_rank - 1].rank >= marker.kind.rank() {
            by_rank -= 1;
        }
        let (Some(n), false) = (marker.ordinal, marker.kind.is_legal_unit()) else {
            return by_rank;
        };
        let quote = self.quote.as_ref().map(|q| q.id);
        let same = |s: &Section| s.kind == marker.kind && s.quote == quote;
        // The part before this one at the level below `depth` open parts.
        let previous = |depth: usize| -> Option<&Section> {
            if depth < len {
                return Some(&self.stack[depth].section);
            }
            match depth {
                0 => self.roots.last(),
                d => self.stack[d - 1].section.children.last(),
            }
        };
        if n > 1 {
            if let Some(depth) = (floor..=len)
                .rev()
                .find(|&d| previous(d).is_some_and(|p| same(p) && p.ordinal == Some(n - 1)))
            {
                return depth;
            }
            return by_rank;
        }
        if by_rank == len {
            return len;
        }
        let introduced = self.stack.last().is_some_and(|o| {
            o.section
                .paragraphs
                .last()
                .unwrap_or(&o.section.heading)
                .as_str()
                .trim_end_matches(['*', ' '])
                .ends_with(':')
        });
        let siblings_of_kind = {
            let closed: &[Section] = match by_rank {
                0 => &self.roots,
                d => &self.stack[d - 1].section.children,
            };
            closed.iter().any(same) || self.stack.get(by_rank).is_some_and(|o| same(&o.section))
        };
        if introduced || !siblings_of_kind {
            len
        } else {
            by_rank
        }
    }

    fn pop(&mut self) {
        if let Some(open) = self.stack.pop() {
            match self.stack.last_mut() {
                Some(parent) => parent.section.children.push(open.section),
                None => self.roots.push(open.section),
            }
        }
    }

    /// Closes every open part and returns the top-level parts.
    pub fn finish(mut self) -> Vec<Section> {
        self.close_all();
        self.roots
    }

    /// Closes every open part (before closing paragraphs).
    pub fn close_all(&mut self) {
        self.quote = None;
        while !self.stack.is_empty() {
            self.pop();
        }
    }
}
