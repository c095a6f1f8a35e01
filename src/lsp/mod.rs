//! `rasoat lsp`: a language server over standard input and output, showing the findings of
//! `.txt` and `.md` documents as they are typed, quick fixes for the rules that have one, and a
//! rule's explanation on hover.
//!
//! The findings are those of `rasoat check` on the same file: each document is checked with the
//! [`Workspace`](crate::workspace::Workspace) profile of its path (its nearest `.rasoat.toml`),
//! as read from memory. This module is reached only from the `lsp` subcommand.

mod document;
pub mod line_index;
mod server;

use lsp_server::{Connection, Message, Response};
use lsp_types::InitializeParams;

pub use server::{Flow, Server};

use crate::input::LoadOptions;
use crate::workspace::RuleOptions;

/// Why the server stopped before the client said `exit`.
#[derive(Debug, thiserror::Error)]
pub enum LspError {
    #[error("lsp: lỗi giao thức: {0}")]
    Protocol(#[from] lsp_server::ProtocolError),
    #[error("lsp: lỗi đọc ghi: {0}")]
    Io(#[from] std::io::Error),
}

/// Serves one client over standard I/O until it says `exit`; returns the exit code (0 after
/// `shutdown`, 1 when the client exits or goes away without it).
pub fn run(options: RuleOptions, load: LoadOptions) -> Result<i32, LspError> {
    let (connection, threads) = Connection::stdio();
    let code = serve(&connection, options, load);
    // The writer thread ends once every sender is gone.
    drop(connection);
    let code = code?;
    // A client gone without `exit` leaves the reader with an error; it does not change the code.
    if let Err(e) = threads.join()
        && code == 0
    {
        return Err(e.into());
    }
    Ok(code)
}

fn serve(
    connection: &Connection,
    options: RuleOptions,
    load: LoadOptions,
) -> Result<i32, LspError> {
    let (id, params) = connection.initialize_start()?;
    let init: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let mut server = Server::new(options, load, &init);
    let answer = serde_json::json!({
        "capabilities": server.capabilities(),
        "serverInfo": { "name": "rasoat", "version": env!("CARGO_PKG_VERSION") },
    });
    send(connection, Response::new_ok(id, answer).into())?;
    let mut waiting: Option<Message> = None;
    loop {
        let message = match waiting.take() {
            Some(m) => m,
            None => {
                // Nothing waiting: check what changed, then wait for the next message.
                guarded(|| server.check_stale());
                for out in server.take_outgoing() {
                    send(connection, out)?;
                }
                match connection.receiver.recv() {
                    Ok(m) => m,
                    Err(_) => break,
                }
            }
        };
        // A request whose handling panics is answered with an error; the server keeps going.
        let request = match &message {
            Message::Request(r) => Some(r.id.clone()),
            _ => None,
        };
        let flow = match guarded(|| server.handle(message)) {
            Some(flow) => flow,
            None => {
                if let Some(id) = request {
                    send(
                        connection,
                        Response::new_err(
                            id,
                            lsp_server::ErrorCode::InternalError as i32,
                            "rasoat gặp lỗi nội bộ khi xử lý yêu cầu này".to_string(),
                        )
                        .into(),
                    )?;
                }
                Flow::Continue
            }
        };
        for out in server.take_outgoing() {
            send(connection, out)?;
        }
        if let Flow::Exit(code) = flow {
            return Ok(code);
        }
        waiting = connection.receiver.try_recv().ok();
    }
    // Standard input closed without `exit`.
    Ok(1)
}

/// Runs `f`; a panic in it (a bug, never the client's input) is reported on standard error and
/// gives `None` instead of ending the server.
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok()
}

fn send(connection: &Connection, message: Message) -> Result<(), LspError> {
    connection
        .sender
        .send(message)
        .map_err(|_| LspError::Io(std::io::Error::other("kết nối đã đóng")))
}
