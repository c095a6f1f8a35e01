//! What a comparison ignores, and how long it may take.

use std::time::Duration;

/// Ignore options of a comparison. Defaults: whitespace, markup and Unicode form are ignored;
/// case, punctuation, list-marker style and tone-mark placement are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Spacing differences, including re-wrapped lines.
    pub whitespace: bool,
    /// Upper/lower case.
    pub case: bool,
    /// Changes that only add, remove or change punctuation.
    pub punctuation: bool,
    /// List-marker style: `a)` versus `-` versus `+`.
    pub list_markers: bool,
    /// `**bold**` and `*italic*` markup.
    pub markup: bool,
    /// NFC versus NFD (composed versus decomposed tone marks).
    pub unicode_form: bool,
    /// Tone-mark placement style: `hoà` versus `hòa`, `uỷ` versus `ủy`.
    pub tone_style: bool,
    /// Time allowed for the word diff of one section before it falls back to a coarser
    /// (whole-paragraph) comparison.
    pub section_budget: Duration,
    /// Largest number of tokens on one side of a paragraph pair compared word by word.
    pub max_tokens: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            whitespace: true,
            case: false,
            punctuation: false,
            list_markers: false,
            markup: true,
            unicode_form: true,
            tone_style: false,
            section_budget: Duration::from_millis(250),
            max_tokens: 50_000,
        }
    }
}

/// A difference a comparison can ignore: one of the ignore options of [`Options`] (the values
/// of `--ignore` and `--no-ignore`, and the review screen's toggles).
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum IgnoreWhat {
    Whitespace,
    Case,
    Punctuation,
    ListMarkers,
    Markup,
    UnicodeForm,
    ToneStyle,
}

impl Options {
    /// The ignore option `what` (true: that difference is ignored).
    pub fn ignoring_mut(&mut self, what: IgnoreWhat) -> &mut bool {
        match what {
            IgnoreWhat::Whitespace => &mut self.whitespace,
            IgnoreWhat::Case => &mut self.case,
            IgnoreWhat::Punctuation => &mut self.punctuation,
            IgnoreWhat::ListMarkers => &mut self.list_markers,
            IgnoreWhat::Markup => &mut self.markup,
            IgnoreWhat::UnicodeForm => &mut self.unicode_form,
            IgnoreWhat::ToneStyle => &mut self.tone_style,
        }
    }

    /// Names of the active ignore options, in a fixed order (reported in every output).
    pub fn ignored(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        for (on, name) in [
            (self.whitespace, "whitespace"),
            (self.case, "case"),
            (self.punctuation, "punctuation"),
            (self.list_markers, "list-markers"),
            (self.markup, "markup"),
            (self.unicode_form, "unicode-form"),
            (self.tone_style, "tone-style"),
        ] {
            if on {
                out.push(name);
            }
        }
        out
    }
}
