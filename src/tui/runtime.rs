//! The only part of the TUI that touches the terminal and the file system: sets the terminal up,
//! feeds events to `update`, carries out effects, and always restores the terminal (normal exit,
//! error, panic, SIGTERM or SIGHUP).

use std::io::{self, IsTerminal, Write};
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

/// Name of the thread that runs the rules for the findings pane.
const RULES_THREAD: &str = "rasoat-rules";

/// The message of a panic in the rules thread, for the status bar.
static RULES_PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Whether the terminal has been put back. Restoring twice is not harmless: leaving the
/// alternate screen again moves the cursor back to where it was when the screen was entered, and
/// the panic message printed in between would be overwritten.
static RESTORED: AtomicBool = AtomicBool::new(true);

/// Takes the terminal over: raw mode, alternate screen, mouse capture.
fn set_up_terminal() -> io::Result<()> {
    RESTORED.store(false, Ordering::SeqCst);
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen,
        EnableMouseCapture
    )
}

/// Puts the terminal back, once: mouse capture off, main screen, raw mode off, cursor shown.
fn restore_terminal() {
    if RESTORED.swap(true, Ordering::SeqCst) {
        return;
    }
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        ratatui::crossterm::terminal::LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = ratatui::crossterm::terminal::disable_raw_mode();
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
            Effect::SaveReview { path, contents } => {
                if let Err(why) = super::store::save(&path, &contents) {
                    app.status = Some(format!("Không lưu được quyết định: {why}"));
                }
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

/// Runs the review screen until the user quits; returns the exit code a signal asks for.
pub fn run(mut app: App, theme: Theme) -> io::Result<Option<i32>> {
    let terminated = Arc::new(AtomicBool::new(false));
    let hung_up = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGTERM, Arc::clone(&terminated))?;
    signal_hook::flag::register(signal_hook::consts::SIGHUP, Arc::clone(&hung_up))?;
    // When the terminal goes away (window closed, connection dropped) crossterm's reader spins
    // inside `poll` on end of file and never returns to this loop. A watchdog ends the process
    // then: there is no terminal left to restore, and it must not wait for the reader's locks.
    std::thread::spawn(|| {
        loop {
            std::thread::sleep(Duration::from_millis(250));
            if !io::stdin().is_terminal() {
                std::process::exit(129);
            }
        }
    });
    // The terminal is restored before the panic message is printed, so that it lands on the
    // main screen where the user can read it. A panic in the rules'
    // background thread must not tear the screen down under the running loop: it is kept for the
    // status bar instead.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() == Some(RULES_THREAD) {
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            if let Ok(mut slot) = RULES_PANIC.lock() {
                *slot = Some(message);
            }
            return;
        }
        restore_terminal();
        previous(info);
    }));
    let _guard = Guard;
    set_up_terminal()?;
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    update(&mut app, Msg::Resize(size.width, size.height));
    super::store::attach(&mut app);
    // The rules run in the background: the comparison is on screen before they finish.
    let (tx, rx) = std::sync::mpsc::channel();
    if app.findings_pending {
        let job = app.findings_job();
        std::thread::Builder::new()
            .name(RULES_THREAD.to_string())
            .spawn(move || {
                let _ = tx.send(job());
            })?;
    }
    // A test hook for the panic path (tests/it/tui_tmux.rs): panic after the first frame.
    let panic_for_test = std::env::var_os("RASOAT_TEST_PANIC").is_some();
    let signalled = || terminated.load(Ordering::Relaxed) || hung_up.load(Ordering::Relaxed);
    while !app.quit && !signalled() {
        match rx.try_recv() {
            Ok((findings, fixed)) => app.set_findings(findings, fixed),
            Err(std::sync::mpsc::TryRecvError::Disconnected) if app.findings_pending => {
                let message = RULES_PANIC.lock().ok().and_then(|mut m| m.take());
                app.findings_pending = false;
                app.status = Some(format!(
                    "Lỗi nội bộ khi chạy bộ quy tắc, không có phát hiện: {}",
                    message.unwrap_or_default()
                ));
            }
            Err(_) => {}
        }
        terminal.draw(|f| view(&app, f, &theme))?;
        if panic_for_test {
            panic!("RASOAT_TEST_PANIC: a panic inside the review screen, on purpose");
        }
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
    // The guard restores the terminal on return; a signal ends with the shell's usual code.
    Ok(if terminated.load(Ordering::Relaxed) {
        Some(143)
    } else if hung_up.load(Ordering::Relaxed) {
        Some(129)
    } else {
        None
    })
}
