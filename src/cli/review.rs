//! `rasoat OLD NEW` / `rasoat FILE`: the review screen, or, without a terminal, the comparison and
//! the findings as text.

use std::io::{self, IsTerminal, Write};
use std::sync::Arc;

use crate::compare;
use crate::report::check::{Located, Summary};
use crate::report::emit::{ComparisonReport, FindingsReport};
use crate::rules::rounds::RoundDoc;
use crate::tui::{App, runtime, theme::Theme};
use crate::workspace::{Profile, Workspace};

use super::{EXIT_OK, IgnoreArgs, ReviewArgs, RunError, resolve_pair};

/// Comparison options from defaults, `--ignore` and `--no-ignore`.
pub fn options(args: &IgnoreArgs) -> compare::Options {
    let mut o = compare::Options::default();
    args.ignore.iter().for_each(|w| *o.ignoring_mut(*w) = true);
    args.no_ignore
        .iter()
        .for_each(|w| *o.ignoring_mut(*w) = false);
    o
}

pub fn run(args: ReviewArgs, out: &mut dyn Write) -> Result<i32, RunError> {
    let Some(first) = args.paths.first() else {
        return Err(RunError::Usage(
            "hãy chỉ OLD và NEW, hoặc một FILE có nhiều phiên bản; xem rasoat --help".to_string(),
        ));
    };
    if let Some(command) = mistyped_command(first) {
        return Err(RunError::Usage(format!(
            "{first}: không có lệnh hay tệp này (có phải `rasoat {command}`?)"
        )));
    }
    let ((old_file, oi), (new_file, ni)) =
        resolve_pair(first, args.paths.get(1), &args.input.options())?;
    // The rules and configuration `rasoat check` takes for the new file.
    let profile = Workspace::new(args.rules.options(args.input.max_file_size))
        .profile_for(&new_file.path)
        .map_err(|e| RunError::Usage(e.to_string()))?
        .clone();
    let options = options(&args.ignoring);
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return print(&old_file, oi, &new_file, ni, &profile, &options, out);
    }
    let color = args.color.enabled(true);
    // One file holding both rounds is shared; a .docx's two tracked-change views are not one.
    let same = old_file.path == new_file.path && old_file.revisions == new_file.revisions;
    let new_file = Arc::new(new_file);
    let old_file = if same {
        Arc::clone(&new_file)
    } else {
        Arc::new(old_file)
    };
    let app = App::new_deferred(old_file, oi, new_file, ni, profile, options);
    let signal = runtime::run(app, Theme::new(color)).map_err(RunError::Output)?;
    Ok(signal.unwrap_or(EXIT_OK))
}

/// The subcommand `word` was probably meant to be (`chek` → `check`), when `word` is a bare word
/// that names no file: a path with a folder, an extension, `#N` or `REV:` is never a command.
fn mistyped_command(word: &str) -> Option<String> {
    use clap::CommandFactory;
    if word.is_empty()
        || word.contains(['/', '\\', '.', '#', ':'])
        || std::path::Path::new(word).exists()
    {
        return None;
    }
    let lower = word.to_lowercase();
    super::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|name| name != "help")
        .map(|name| (strsim::jaro_winkler(&lower, &name), name))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

/// Without a terminal: the text comparison, then the findings of the new round.
fn print(
    old_file: &crate::input::LoadedFile,
    oi: usize,
    new_file: &crate::input::LoadedFile,
    ni: usize,
    profile: &Profile,
    options: &compare::Options,
    out: &mut dyn Write,
) -> Result<i32, RunError> {
    let old_doc = &old_file.parsed.documents[oi - 1];
    let new_doc = &new_file.parsed.documents[ni - 1];
    let cmp = compare::compare(
        compare::Side {
            doc: old_doc,
            lines: &old_file.parsed.lines,
        },
        compare::Side {
            doc: new_doc,
            lines: &new_file.parsed.lines,
        },
        options,
    );
    let old_info = crate::report::diff::DocInfo::of(old_file, old_doc);
    let new_info = crate::report::diff::DocInfo::of(new_file, new_doc);
    super::DiffFormat::Text.emitter(false).emit(
        out,
        &ComparisonReport {
            old: &old_info,
            new: &new_info,
            old_side: compare::Side {
                doc: old_doc,
                lines: &old_file.parsed.lines,
            },
            new_side: compare::Side {
                doc: new_doc,
                lines: &new_file.parsed.lines,
            },
            comparison: &cmp,
        },
    )?;
    writeln!(out)?;
    let rounds = profile.round_findings(
        RoundDoc {
            file: &new_file.parsed,
            doc: new_doc,
        },
        &new_file.path,
        RoundDoc {
            file: &old_file.parsed,
            doc: old_doc,
        },
        &old_file.path,
    );
    // Exit 1 as `rasoat check` does by default: a finding of the new round at error level.
    let code = if rounds
        .current
        .iter()
        .any(|f| f.severity == crate::rules::Severity::Error)
    {
        super::EXIT_FOUND
    } else {
        EXIT_OK
    };
    let located: Vec<Located> = rounds
        .current
        .into_iter()
        .map(|f| Located::new(new_file.display(), f, Some(&new_file.parsed.lines)))
        .chain(
            rounds
                .fixed
                .into_iter()
                .map(|f| Located::new(old_file.display(), f, Some(&old_file.parsed.lines))),
        )
        .collect();
    let summary = Summary::new(1, 1, &located);
    let rules: Vec<&crate::rules::Rule> = profile.set.rules().iter().collect();
    super::check::CheckFormat::Text
        .emitter(false, false, false)
        .emit(
            out,
            &FindingsReport {
                findings: &located,
                summary: &summary,
                rules: &rules,
                errors: &[],
            },
        )?;
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::mistyped_command;

    #[test]
    fn a_mistyped_subcommand_is_named() {
        assert_eq!(mistyped_command("chek").as_deref(), Some("check"));
        assert_eq!(mistyped_command("outlin").as_deref(), Some("outline"));
        assert_eq!(mistyped_command("dif").as_deref(), Some("diff"));
        assert_eq!(mistyped_command("explian").as_deref(), Some("explain"));
        // Paths and unrelated words are left to be read as files.
        assert_eq!(mistyped_command("chek.txt"), None);
        assert_eq!(mistyped_command("docs/chek"), None);
        assert_eq!(mistyped_command("kehoach"), None);
        assert_eq!(mistyped_command("src"), None, "an existing path");
    }
}
