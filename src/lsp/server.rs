//! The language server's state and its answer to each message, without any I/O: a message in,
//! the messages to send out. The loop in [`super::run`] only moves them over standard I/O.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, Diagnostic, DiagnosticSeverity, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams, Hover,
    HoverContents, HoverParams, HoverProviderCapability, InitializeParams, MarkupContent,
    MarkupKind, MessageType, NumberOrString, PositionEncodingKind, PublishDiagnosticsParams,
    Registration, RegistrationParams, SaveOptions, ServerCapabilities, ShowMessageParams,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, TextEdit, Uri, WorkspaceEdit,
};
use serde::de::DeserializeOwned;

use super::document::{OpenDocument, file_path, is_checked};
use super::line_index::Encoding;
use crate::input::{self, InputError, LoadOptions};
use crate::rules::{Finding, Severity};
use crate::workspace::{RuleOptions, Workspace};

/// The kind of the code action that applies every fix of a document.
const FIX_ALL: &str = "source.fixAll.rasoat";

/// What the loop does after a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// The client sent `exit`: end with this exit code (0 after `shutdown`, else 1, as the
    /// protocol says).
    Exit(i32),
}

/// The server: the open documents and how they are checked.
#[derive(Debug)]
pub struct Server {
    options: RuleOptions,
    load: LoadOptions,
    workspace: Workspace,
    encoding: Encoding,
    /// Where a document that is not a file (an untitled buffer) takes its configuration from:
    /// the first workspace folder, else the current folder.
    root: PathBuf,
    documents: HashMap<Uri, OpenDocument>,
    /// Documents changed since their last check, in the order they changed.
    stale: Vec<Uri>,
    /// Configuration errors already shown (each is shown once until the configuration changes).
    shown: HashSet<String>,
    shutdown: bool,
    /// Whether the client watches files for servers that ask (then `.rasoat.toml` files are).
    can_watch: bool,
    outgoing: Vec<Message>,
}

impl Server {
    pub fn new(options: RuleOptions, load: LoadOptions, init: &InitializeParams) -> Server {
        let offered = init
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref())
            .unwrap_or_default();
        let encoding = if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        #[allow(deprecated)] // root_uri: the folder of clients without workspace folders.
        let root = init
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| &f.uri)
            .or(init.root_uri.as_ref())
            .and_then(|u| file_path(u.as_str()))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."));
        let can_watch = init
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        Server {
            can_watch,
            workspace: Workspace::new(options.clone()),
            options,
            load,
            encoding,
            root,
            documents: HashMap::new(),
            stale: Vec::new(),
            shown: HashSet::new(),
            shutdown: false,
            outgoing: Vec::new(),
        }
    }

    /// What this server does, for the `initialize` answer.
    pub fn capabilities(&self) -> ServerCapabilities {
        ServerCapabilities {
            position_encoding: Some(match self.encoding {
                Encoding::Utf8 => PositionEncodingKind::UTF8,
                Encoding::Utf16 => PositionEncodingKind::UTF16,
            }),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::new(FIX_ALL),
                ]),
                ..CodeActionOptions::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            ..ServerCapabilities::default()
        }
    }

    /// The messages to send, in order.
    pub fn take_outgoing(&mut self) -> Vec<Message> {
        std::mem::take(&mut self.outgoing)
    }

    /// Checks the documents changed since their last check and publishes their diagnostics. The
    /// loop calls it when no message is waiting, so that a burst of changes (fast typing) is
    /// checked once; every request calls it first, so that it answers on the current text.
    pub fn check_stale(&mut self) {
        for uri in std::mem::take(&mut self.stale) {
            self.check(&uri);
        }
    }

    fn stale(&mut self, uri: &Uri) {
        if !self.stale.contains(uri) {
            self.stale.push(uri.clone());
        }
    }

    /// Handles one message from the client.
    pub fn handle(&mut self, message: Message) -> Flow {
        match message {
            Message::Request(r) => {
                self.request(r);
                Flow::Continue
            }
            Message::Notification(n) => self.notification(n),
            // The server sends no requests, so it expects no responses.
            Message::Response(_) => Flow::Continue,
        }
    }

    fn respond(&mut self, response: Response) {
        self.outgoing.push(response.into());
    }

    fn notify(&mut self, method: &str, params: impl serde::Serialize) {
        self.outgoing
            .push(Notification::new(method.to_string(), params).into());
    }

    fn request(&mut self, r: Request) {
        self.check_stale();
        let id = r.id.clone();
        if self.shutdown {
            return self.respond(Response::new_err(
                id,
                ErrorCode::InvalidRequest as i32,
                "đã nhận shutdown; chỉ còn chờ exit".to_string(),
            ));
        }
        match r.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                self.respond(Response::new_ok(id, ()));
            }
            "textDocument/codeAction" => {
                if let Some(p) = params::<CodeActionParams>(&id, r.params, &mut self.outgoing) {
                    let actions = self.code_actions(&p);
                    self.respond(Response::new_ok(id, actions));
                }
            }
            "textDocument/hover" => {
                if let Some(p) = params::<HoverParams>(&id, r.params, &mut self.outgoing) {
                    let hover = self.hover(&p);
                    self.respond(Response::new_ok(id, hover));
                }
            }
            "initialize" => self.respond(Response::new_err(
                id,
                ErrorCode::InvalidRequest as i32,
                "máy chủ đã được khởi tạo".to_string(),
            )),
            other => {
                let message = format!("rasoat lsp không hỗ trợ yêu cầu `{other}`");
                self.respond(Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    message,
                ));
            }
        }
    }

    fn notification(&mut self, n: Notification) -> Flow {
        match n.method.as_str() {
            "exit" => return Flow::Exit(if self.shutdown { 0 } else { 1 }),
            "initialized" if self.can_watch => {
                // Told when a configuration changes outside the editor too.
                let registration = Registration {
                    id: "rasoat-configuration".to_string(),
                    method: "workspace/didChangeWatchedFiles".to_string(),
                    register_options: Some(serde_json::json!({
                        "watchers": [{ "globPattern": "**/.rasoat.toml" }],
                    })),
                };
                self.outgoing.push(
                    Request::new(
                        RequestId::from("rasoat-watch".to_string()),
                        "client/registerCapability".to_string(),
                        RegistrationParams {
                            registrations: vec![registration],
                        },
                    )
                    .into(),
                );
            }
            "textDocument/didOpen" => {
                if let Some(p) = decode::<DidOpenTextDocumentParams>(n.params) {
                    let item = p.text_document;
                    let path = file_path(item.uri.as_str());
                    let checked_as = is_checked(path.as_deref(), &item.language_id).then(|| {
                        path.unwrap_or_else(|| {
                            let ext = if item.language_id == "markdown" {
                                "md"
                            } else {
                                "txt"
                            };
                            self.root.join(format!("untitled.{ext}"))
                        })
                    });
                    let doc = OpenDocument::new(item.text, item.version, checked_as);
                    self.documents.insert(item.uri.clone(), doc);
                    self.stale(&item.uri);
                }
            }
            "textDocument/didChange" => {
                if let Some(p) = decode::<DidChangeTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    if let Some(doc) = self.documents.get_mut(&uri) {
                        doc.apply(p.content_changes, p.text_document.version, self.encoding);
                        self.stale(&uri);
                    }
                }
            }
            "textDocument/didSave" => {
                if let Some(p) = decode::<DidSaveTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    // A configuration, a rule file or a registry saved in the editor.
                    if [".toml", ".tsv"].iter().any(|e| uri.as_str().ends_with(e)) {
                        self.configuration_changed();
                    } else {
                        self.stale(&uri);
                    }
                }
            }
            "textDocument/didClose" => {
                if let Some(p) = decode::<DidCloseTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    self.stale.retain(|u| *u != uri);
                    if self.documents.remove(&uri).is_some() {
                        self.publish(&uri, Vec::new(), None);
                    }
                }
            }
            // A watched settings file changed (if the client watches any for us).
            "workspace/didChangeWatchedFiles" | "workspace/didChangeConfiguration" => {
                self.configuration_changed();
            }
            // `initialized`, `$/cancelRequest` (every request is answered at once), …
            _ => {}
        }
        Flow::Continue
    }

    /// Forgets the rule sets read so far and checks every open document again.
    fn configuration_changed(&mut self) {
        self.workspace = Workspace::new(self.options.clone());
        self.shown.clear();
        let uris: Vec<Uri> = self.documents.keys().cloned().collect();
        for uri in uris {
            self.stale(&uri);
        }
    }

    /// Checks an open document and publishes its diagnostics.
    fn check(&mut self, uri: &Uri) {
        let Some(doc) = self.documents.get(uri) else {
            return;
        };
        let Some(path) = doc.checked_as.clone() else {
            return;
        };
        let version = doc.version;
        let index = match self.workspace.profile_index(&path) {
            Ok(i) => i,
            Err(e) => {
                // A bad .rasoat.toml: said once, and the document shows no findings.
                let message = format!("rasoat: {e}");
                if self.shown.insert(message.clone()) {
                    self.notify(
                        "window/showMessage",
                        ShowMessageParams {
                            typ: MessageType::ERROR,
                            message,
                        },
                    );
                }
                if let Some(doc) = self.documents.get_mut(uri) {
                    doc.findings.clear();
                    doc.profile = None;
                }
                return self.publish(uri, Vec::new(), Some(version));
            }
        };
        let body = doc.body();
        let profile = self.workspace.profile(index);
        let loaded = if body.len() as u64 > self.load.max_file_size {
            Err(InputError::TooLarge {
                path: path.display().to_string(),
                size: body.len() as u64,
                limit: self.load.max_file_size,
            })
        } else {
            input::load_bytes(path.clone(), body.as_bytes().to_vec(), &self.load)
        };
        let (findings, diagnostics) = match loaded {
            Ok(loaded) => {
                let findings = profile.file_findings(&loaded.parsed, &path, None);
                let diagnostics = findings
                    .iter()
                    .map(|f| diagnostic(doc, f, self.encoding))
                    .collect();
                (findings, diagnostics)
            }
            // Text rasoat does not read (a legacy encoding, a line too long…): said on the first
            // line, as `check` says it for the file.
            Err(e) => (
                Vec::new(),
                vec![Diagnostic {
                    range: doc.range(0, 0, self.encoding),
                    severity: Some(DiagnosticSeverity::ERROR),
                    source: Some("rasoat".to_string()),
                    message: e.to_string(),
                    ..Diagnostic::default()
                }],
            ),
        };
        if let Some(doc) = self.documents.get_mut(uri) {
            doc.findings = findings;
            doc.profile = Some(index);
        }
        self.publish(uri, diagnostics, Some(version));
    }

    fn publish(&mut self, uri: &Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        self.notify(
            "textDocument/publishDiagnostics",
            PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics,
                version,
            },
        );
    }

    /// The quick fixes of the fixable findings on `p.range`, and one action applying every fix
    /// of the document.
    fn code_actions(&self, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = &p.text_document.uri;
        let Some(doc) = self.documents.get(uri) else {
            return Vec::new();
        };
        let wanted = |kind: &str| {
            p.context.only.as_ref().is_none_or(|only| {
                only.iter().any(|k| {
                    let k = k.as_str();
                    kind == k || kind.strip_prefix(k).is_some_and(|r| r.starts_with('.'))
                })
            })
        };
        let a = doc.offset(p.range.start, self.encoding);
        let b = doc.offset(p.range.end, self.encoding);
        let (from, to) = (a.min(b), a.max(b));
        let body = doc.body();
        let shift = doc.body_start();
        let edit = |edits: Vec<crate::fix::Edit>| WorkspaceEdit {
            changes: Some(HashMap::from([(
                uri.clone(),
                edits
                    .into_iter()
                    .map(|e| TextEdit {
                        range: doc.range(e.start + shift, e.end + shift, self.encoding),
                        new_text: e.replacement.to_string(),
                    })
                    .collect(),
            )])),
            ..WorkspaceEdit::default()
        };
        let mut actions = Vec::new();
        if wanted(CodeActionKind::QUICKFIX.as_str()) {
            for f in doc.findings.iter().filter(|f| f.fix.is_some()) {
                let (start, end) = doc.finding_span(f);
                if start > to || end < from {
                    continue;
                }
                let edits = crate::fix::fix_edits(body, &[f]);
                let Some(first) = edits.first() else { continue };
                let title = format!("Sửa thành \"{}\" ({})", first.replacement, f.rule);
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic(doc, f, self.encoding)]),
                    edit: Some(edit(edits)),
                    is_preferred: Some(true),
                    ..CodeAction::default()
                }));
            }
        }
        if wanted(FIX_ALL) {
            let fixable: Vec<&Finding> = doc.findings.iter().filter(|f| f.fix.is_some()).collect();
            let edits = crate::fix::fix_edits(body, &fixable);
            if !edits.is_empty() {
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!(
                        "Sửa tất cả chỗ sửa tự động được của rasoat ({})",
                        edits.len()
                    ),
                    kind: Some(CodeActionKind::new(FIX_ALL)),
                    edit: Some(edit(edits)),
                    ..CodeAction::default()
                }));
            }
        }
        actions
    }

    /// The explanation of the rules of the findings under the cursor (`rasoat explain ID`).
    fn hover(&self, p: &HoverParams) -> Option<Hover> {
        let at = &p.text_document_position_params;
        let doc = self.documents.get(&at.text_document.uri)?;
        let offset = doc.offset(at.position, self.encoding);
        let under: Vec<(&Finding, (usize, usize))> = doc
            .findings
            .iter()
            .map(|f| (f, doc.finding_span(f)))
            .filter(|(_, (a, b))| (*a..=*b).contains(&offset))
            .collect();
        let (_, (first_a, first_b)) = under.first()?;
        let set = &self.workspace.profile(doc.profile?).set;
        let mut rules: Vec<&str> = Vec::new();
        for (f, _) in &under {
            if !rules.contains(&f.rule.as_str()) {
                rules.push(&f.rule);
            }
        }
        let text = rules
            .iter()
            .filter_map(|id| set.get(id))
            .map(crate::report::explain::text)
            .collect::<Vec<_>>()
            .join("\n");
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::PlainText,
                value: text.trim_end().to_string(),
            }),
            range: Some(doc.range(*first_a, *first_b, self.encoding)),
        })
    }
}

/// The parameters of a request, or an `InvalidParams` answer queued in `out`.
fn params<P: DeserializeOwned>(
    id: &RequestId,
    value: serde_json::Value,
    out: &mut Vec<Message>,
) -> Option<P> {
    match serde_json::from_value(value) {
        Ok(p) => Some(p),
        Err(e) => {
            out.push(
                Response::new_err(
                    id.clone(),
                    ErrorCode::InvalidParams as i32,
                    format!("tham số không hợp lệ: {e}"),
                )
                .into(),
            );
            None
        }
    }
}

/// A finding as an LSP diagnostic: its rule as the code, its Vietnamese message (and suggestion).
fn diagnostic(doc: &OpenDocument, f: &Finding, encoding: Encoding) -> Diagnostic {
    let (start, end) = doc.finding_span(f);
    let mut message = f.message.clone();
    if let Some(s) = &f.suggestion {
        message.push_str(&format!("\ngợi ý: \"{s}\""));
    }
    Diagnostic {
        range: doc.range(start, end, encoding),
        severity: Some(match f.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(f.rule.clone())),
        source: Some("rasoat".to_string()),
        message,
        ..Diagnostic::default()
    }
}

/// The parameters of a notification; a notification whose parameters do not parse is ignored
/// (it has no answer to carry an error).
fn decode<P: DeserializeOwned>(value: serde_json::Value) -> Option<P> {
    serde_json::from_value(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server() -> Server {
        let options = RuleOptions {
            config: crate::workspace::ConfigChoice::None,
            max_file_size: 1 << 20,
            ..RuleOptions::default()
        };
        Server::new(
            options,
            LoadOptions::default(),
            &InitializeParams::default(),
        )
    }

    fn notification(method: &str, params: serde_json::Value) -> Message {
        Notification::new(method.to_string(), params).into()
    }

    fn published(messages: &[Message]) -> Vec<usize> {
        messages
            .iter()
            .filter_map(|m| match m {
                Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => {
                    n.params["diagnostics"].as_array().map(Vec::len)
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_burst_of_changes_is_checked_once_on_the_last_text() {
        let mut s = server();
        let uri = "file:///tmp/rasoat-lsp-unit/a.txt";
        s.handle(notification(
            "textDocument/didOpen",
            serde_json::json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": "Noi nhận:\n"}}),
        ));
        for (version, text) in [(2, "Nơi nhận:\n"), (3, "Noi nhận:\n- Noi nhận\n")] {
            s.handle(notification(
                "textDocument/didChange",
                serde_json::json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
            ));
        }
        assert!(s.take_outgoing().is_empty(), "nothing checked before idle");
        s.check_stale();
        let out = s.take_outgoing();
        assert_eq!(published(&out).len(), 1, "{out:?}");
        assert!(published(&out)[0] >= 1);
        // Nothing changed since: nothing to publish.
        s.check_stale();
        assert!(s.take_outgoing().is_empty());
    }

    #[test]
    fn an_exit_without_shutdown_ends_with_1() {
        let mut s = server();
        assert_eq!(
            s.handle(notification("exit", serde_json::Value::Null)),
            Flow::Exit(1)
        );
        let mut s = server();
        let shutdown = Request::new(RequestId::from(1), "shutdown".to_string(), ());
        assert_eq!(s.handle(shutdown.into()), Flow::Continue);
        let after = Request::new(RequestId::from(2), "textDocument/hover".to_string(), ());
        s.handle(after.into());
        let out = s.take_outgoing();
        assert!(
            matches!(&out[1], Message::Response(r) if r.response_result.is_err()),
            "a request after shutdown is refused: {out:?}"
        );
        assert_eq!(
            s.handle(notification("exit", serde_json::Value::Null)),
            Flow::Exit(0)
        );
    }
}
