//! All colours and text styles of the TUI. Colours are the terminal's own 16 (they follow its
//! dark or light scheme); with `NO_COLOR` the meaning stays in modifiers alone: deletions crossed
//! out, insertions underlined, headings bold, the selection reversed.

use ratatui::style::{Color, Modifier, Style};

use crate::compare::Status;

use super::layout::Mark;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// The style of a piece of compared text.
    pub fn mark(&self, m: Mark) -> Style {
        match m {
            Mark::Plain | Mark::Empty => Style::new(),
            Mark::Deleted => self.fg(Color::Red).add_modifier(Modifier::CROSSED_OUT),
            Mark::Inserted => self.fg(Color::Green).add_modifier(Modifier::UNDERLINED),
            Mark::MovedHeading => self.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            Mark::Heading(s) => self.status(s).add_modifier(Modifier::BOLD),
            Mark::DeletedEdge => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Mark::InsertedEdge => self.fg(Color::Green).add_modifier(Modifier::BOLD),
        }
    }

    pub fn status(&self, s: Status) -> Style {
        match s {
            Status::Unchanged => Style::new(),
            Status::Changed => self.fg(Color::Yellow),
            Status::Inserted => self.fg(Color::Green),
            Status::Deleted => self.fg(Color::Red),
        }
    }

    pub fn moved(&self) -> Style {
        self.fg(Color::Magenta)
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::DarkGray)
        }
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// A search match other than the current one.
    pub fn search_match(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Blue).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The search match `n`/`N` went to.
    pub fn search_current(&self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::Yellow)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn info(&self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn new_badge(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    pub fn status_bar(&self) -> Style {
        if self.color {
            Style::new().bg(Color::DarkGray).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// A decision's sign: taken in green, not taken in red, seen plain; bold so that it reads
    /// without colour too.
    pub fn verdict(&self, v: crate::decisions::Verdict) -> Style {
        use crate::decisions::Verdict;
        let base = match v {
            Verdict::TakenIn => self.fg(Color::Green),
            Verdict::NotTakenIn => self.fg(Color::Red),
            Verdict::Seen => Style::new(),
        };
        base.add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }
}
