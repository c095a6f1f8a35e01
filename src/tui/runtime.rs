//! The only part of the TUI that touches the terminal and the file system: sets the terminal up,
//! feeds events to `update`, carries out effects, and always restores the terminal (normal exit,
//! error, panic, SIGTERM or SIGHUP).

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use base64::Engine;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;

use super::model::App;
use super::theme::Theme;
use super::update::{Effect, Msg, update};
use super::view::view;

/// Puts the terminal back: mouse capture off, raw mode off, main screen.
fn restore_terminal() {
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
}

/// Restores the terminal when dropped, whatever way the loop ends.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// A file name in the current folder that does not exist yet: reports never overwrite anything.
fn export(extension: &str, contents: &str) -> io::Result<PathBuf> {
    for k in 1..1000 {
        let name = if k == 1 {
            format!("rasoat-bao-cao.{extension}")
        } else {
            format!("rasoat-bao-cao-{k}.{extension}")
        };
        let path = PathBuf::from(&name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(contents.as_bytes())?;
                f.sync_all()?;
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no free file name for the report"))
}

fn carry_out(app: &mut App, effects: Vec<Effect>) {
    for e in effects {
        match e {
            Effect::Export {
                extension,
                contents,
            } => {
                app.status = Some(match export(extension, &contents) {
                    Ok(p) => format!("Đã xuất báo cáo: {}", p.display()),
                    Err(e) => format!("Không xuất được báo cáo: {e}"),
                });
            }
            Effect::Copy(text) => {
                // OSC 52: the terminal (even over SSH) puts the text on the clipboard.
                let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
                let mut out = io::stdout();
                let _ = write!(out, "\x1b]52;c;{encoded}\x07");
                let _ = out.flush();
            }
        }
    }
}

/// Runs the review screen until the user quits.
pub fn run(mut app: App, theme: Theme) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    // ratatui::init installs a panic hook that restores raw mode and the main screen; this one
    // also turns mouse capture off before the panic message is printed.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
    let mut terminal = ratatui::init();
    let _guard = Guard;
    execute!(io::stdout(), EnableMouseCapture)?;
    let size = terminal.size()?;
    update(&mut app, Msg::Resize(size.width, size.height));
    // The rules run in the background: the comparison is on screen before they finish.
    let (tx, rx) = std::sync::mpsc::channel();
    if app.findings_pending {
        let job = app.findings_job();
        std::thread::spawn(move || {
            let _ = tx.send(job());
        });
    }
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if let Ok((findings, fixed)) = rx.try_recv() {
            app.set_findings(findings, fixed);
        }
        terminal.draw(|f| view(&app, f, &theme))?;
        if !event::poll(Duration::from_millis(100))? {
            continue;
        }
        let msg = match event::read()? {
            Event::Key(k) => Msg::Key(k),
            Event::Mouse(m) => Msg::Mouse(m),
            Event::Resize(w, h) => Msg::Resize(w, h),
            _ => continue,
        };
        let effects = update(&mut app, msg);
        carry_out(&mut app, effects);
    }
    Ok(())
}
