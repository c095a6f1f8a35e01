//! `rasoat lsp` driven over standard I/O with LSP messages, as an editor drives it.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

/// A guard against a server that stops answering, not a time limit on the answers.
const PATIENCE: Duration = Duration::from_secs(30);

/// A language client talking to one `rasoat lsp` process.
struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Notifications received while waiting for something else.
    notifications: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start(args: &[&str]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rasoat"))
            .arg("lsp")
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("rasoat lsp starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            incoming: rx,
            notifications: Vec::new(),
            next_id: 1,
        }
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("server reads");
        stdin.flush().expect("server reads");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn receive(&mut self) -> Value {
        self.incoming
            .recv_timeout(PATIENCE)
            .expect("the server answers (or it hung or exited)")
    }

    /// Sends a request and returns its response, keeping notifications that come before it.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.receive();
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                return message;
            }
            self.notifications.push(message);
        }
    }

    /// The next notification with this method (earlier kept ones first).
    fn notification(&mut self, method: &str) -> Value {
        if let Some(i) = self
            .notifications
            .iter()
            .position(|n| n["method"] == method)
        {
            return self.notifications.remove(i);
        }
        loop {
            let message = self.receive();
            if message["method"] == method {
                return message;
            }
            self.notifications.push(message);
        }
    }

    /// The diagnostics of the next publishDiagnostics notification.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let n = self.notification("textDocument/publishDiagnostics");
        assert_eq!(n["params"]["uri"], uri, "{n}");
        n["params"]["diagnostics"]
            .as_array()
            .expect("a list of diagnostics")
            .clone()
    }

    fn initialize(&mut self, capabilities: Value) -> Value {
        let answer = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        );
        self.notify("initialized", json!({}));
        answer
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// `shutdown`, `exit`, and the exit code.
    fn finish(mut self) -> i32 {
        let answer = self.request("shutdown", Value::Null);
        assert_eq!(answer["result"], Value::Null, "{answer}");
        self.notify("exit", Value::Null);
        self.exit_code()
    }

    fn exit_code(mut self) -> i32 {
        drop(self.stdin.take());
        let started = std::time::Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("waits") {
                return status.code().unwrap_or(-1);
            }
            if started.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("rasoat lsp did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Reads one Content-Length framed message.
fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn range(d: &Value) -> [u64; 4] {
    let r = &d["range"];
    [
        r["start"]["line"].as_u64().unwrap(),
        r["start"]["character"].as_u64().unwrap(),
        r["end"]["line"].as_u64().unwrap(),
        r["end"]["character"].as_u64().unwrap(),
    ]
}

/// A notice with two findings: a space before a comma after an emoji (two UTF-16 units, four
/// bytes) and Vietnamese letters, and a misspelt `Nơi nhận`.
const NOTICE: &str =
    "Thông báo 😀 về việc họp , chuẩn bị./.\n\nNoi nhận:\n- Như trên;\n- Lưu: VT.\n";
const FIXED: &str = "Thông báo 😀 về việc họp, chuẩn bị./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n";

#[test]
fn lsp_diagnostics_quick_fixes_hover_and_shutdown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("thong-bao.txt");
    std::fs::write(&path, NOTICE).unwrap();
    let uri = file_uri(&path);
    let mut client = Client::start(&[]);
    let answer = client.initialize(json!({}));
    let capabilities = &answer["result"]["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16", "{answer}");
    assert_eq!(capabilities["hoverProvider"], true);
    assert_eq!(answer["result"]["serverInfo"]["name"], "rasoat");

    client.open(&uri, "plaintext", NOTICE);
    let diagnostics = client.diagnostics(&uri);
    let got: Vec<(&str, [u64; 4], u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                range(d),
                d["severity"].as_u64().unwrap(),
            )
        })
        .collect();
    // Line 1: `Thông báo 😀 về việc họp` is 23 characters, 24 UTF-16 units; " , " follows.
    assert_eq!(
        got,
        [
            ("TYPO-SPACE-BEFORE-PUNCT", [0, 24, 0, 27], 3),
            ("SPELL-NOI-NHAN", [2, 0, 2, 8], 1),
        ],
        "{diagnostics:#?}"
    );
    let spell = &diagnostics[1];
    assert_eq!(spell["source"], "rasoat");
    assert!(
        spell["message"]
            .as_str()
            .unwrap()
            .starts_with("Viết sai \"Noi nhận\"; phải là \"Nơi nhận\"."),
        "{spell}"
    );

    // The same findings as `rasoat check` on the file.
    let (_, out, _) = crate::common::run(&["check", "--format", "json", path.to_str().unwrap()]);
    let report: Value = serde_json::from_str(&out).unwrap();
    let checked: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(checked, ["TYPO-SPACE-BEFORE-PUNCT", "SPELL-NOI-NHAN"]);

    // The quick fix on `Noi nhận`, with the edit `--fix` makes.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 2, "character": 2}, "end": {"line": 2, "character": 2}},
            "context": {"diagnostics": [spell]},
        }),
    );
    let actions = actions["result"].as_array().expect("actions").clone();
    let quick: Vec<&Value> = actions.iter().filter(|a| a["kind"] == "quickfix").collect();
    assert_eq!(quick.len(), 1, "{actions:#?}");
    assert_eq!(quick[0]["diagnostics"][0]["code"], "SPELL-NOI-NHAN");
    let edits = &quick[0]["edit"]["changes"][&uri];
    assert_eq!(edits.as_array().unwrap().len(), 1, "{edits}");
    assert_eq!(edits[0]["newText"], "Nơi nhận");
    assert_eq!(range(&edits[0]), [2, 0, 2, 8]);
    // And one action fixing the whole document (both fixes).
    let all: Vec<&Value> = actions
        .iter()
        .filter(|a| a["kind"] == "source.fixAll.rasoat")
        .collect();
    assert_eq!(all.len(), 1, "{actions:#?}");
    let edits = all[0]["edit"]["changes"][&uri].as_array().unwrap().clone();
    assert_eq!(edits.len(), 2, "{edits:#?}");
    assert_eq!(range(&edits[0]), [0, 24, 0, 27]);
    assert_eq!(edits[0]["newText"], ", ");

    // Hover: the rule's explanation, as `rasoat explain` prints it.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 3}}),
    );
    let (_, explained, _) = crate::common::run(&["explain", "SPELL-NOI-NHAN"]);
    assert_eq!(
        hover["result"]["contents"]["value"],
        explained.trim_end(),
        "{hover}"
    );
    assert_eq!(range(&hover["result"]), [2, 0, 2, 8]);
    let nothing = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": 3}}),
    );
    assert_eq!(nothing["result"], Value::Null, "{nothing}");

    // Typing the fixes (ranged changes, the last edit first as editors send them): no findings.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [
                {"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 8}}, "text": "Nơi nhận"},
            ],
        }),
    );
    let left = client.diagnostics(&uri);
    assert_eq!(left.len(), 1, "{left:#?}");
    assert_eq!(left[0]["code"], "TYPO-SPACE-BEFORE-PUNCT");
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 3},
            "contentChanges": [
                {"range": {"start": {"line": 0, "character": 24}, "end": {"line": 0, "character": 25}}, "text": ""},
            ],
        }),
    );
    assert_eq!(client.diagnostics(&uri), Vec::<Value>::new());
    // The whole text replaced: the findings are back, then gone.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": NOTICE}]}),
    );
    assert_eq!(client.diagnostics(&uri).len(), 2);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 5}, "contentChanges": [{"text": FIXED}]}),
    );
    assert_eq!(client.diagnostics(&uri), Vec::<Value>::new());

    // Closing the document clears its diagnostics.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(client.diagnostics(&uri), Vec::<Value>::new());
    assert_eq!(client.finish(), 0);
}

#[test]
fn lsp_counts_bytes_when_the_client_offers_utf8() {
    let mut client = Client::start(&["--no-config"]);
    let answer = client.initialize(json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}));
    assert_eq!(
        answer["result"]["capabilities"]["positionEncoding"], "utf-8",
        "{answer}"
    );
    // An untitled buffer in plain text is checked too.
    client.open("untitled:Untitled-1", "plaintext", NOTICE);
    let diagnostics = client.diagnostics("untitled:Untitled-1");
    let start = "Thông báo 😀 về việc họp".len() as u64;
    let ranges: Vec<[u64; 4]> = diagnostics.iter().map(range).collect();
    assert_eq!(
        ranges,
        [[0, start, 0, start + 3], [2, 0, 2, "Noi nhận".len() as u64]],
        "{diagnostics:#?}"
    );
    assert_eq!(client.finish(), 0);
}

#[test]
fn lsp_survives_bad_configuration_and_bad_requests() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".rasoat.toml"), "[rules]\ndisable = 3\n").unwrap();
    let doc = dir.path().join("a.md");
    let uri = file_uri(&doc);
    let mut client = Client::start(&[]);
    client
        .initialize(json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}));
    // The server asks to be told of changes to configurations.
    let register = client.notification("client/registerCapability");
    let watchers = &register["params"]["registrations"][0]["registerOptions"]["watchers"];
    assert_eq!(watchers[0]["globPattern"], "**/.rasoat.toml", "{register}");
    client.send(&json!({"jsonrpc": "2.0", "id": register["id"], "result": null}));
    client.open(&uri, "markdown", NOTICE);
    // The configuration's error is shown (in Vietnamese, naming the file), not a crash.
    let shown = client.notification("window/showMessage");
    assert_eq!(shown["params"]["type"], 1, "{shown}");
    let message = shown["params"]["message"].as_str().unwrap();
    assert!(message.contains(".rasoat.toml"), "{message}");
    let (code, _, stderr) = crate::common::run(&["check", doc.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(message.trim_start_matches("rasoat: ")),
        "the message of `check`: {stderr}"
    );
    assert_eq!(client.diagnostics(&uri), Vec::<Value>::new());
    // Fixed outside the editor (the watcher tells): the document is checked again with it.
    let config = dir.path().join(".rasoat.toml");
    std::fs::write(&config, "[rules]\ndisable = [\"typography\"]\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
    );
    let codes = |d: Vec<Value>| d.iter().map(|d| d["code"].clone()).collect::<Vec<_>>();
    assert_eq!(codes(client.diagnostics(&uri)), [json!("SPELL-NOI-NHAN")]);
    // Changed and saved in the editor: checked again too.
    std::fs::write(&config, "[rules]\ndisable = [\"spelling\"]\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": file_uri(&config)}}),
    );
    assert_eq!(
        codes(client.diagnostics(&uri)),
        [json!("TYPO-SPACE-BEFORE-PUNCT")]
    );

    // A .docx is not text to check: no diagnostics are published for it.
    client.open("file:///tmp/x.docx", "plaintext", "Noi nhận:");
    // Requests with broken parameters, unknown methods, positions far outside the text.
    let bad = client.request("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    let unknown = client.request("textDocument/formatting", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let far = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 900, "character": 9}, "end": {"line": 0, "character": 4000}},
            "context": {"diagnostics": []},
        }),
    );
    assert!(far["result"].is_array(), "{far}");
    let elsewhere = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.txt"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(elsewhere["result"], Value::Null);
    assert!(
        client
            .notifications
            .iter()
            .all(|n| n["params"]["uri"] != "file:///tmp/x.docx"),
        "{:#?}",
        client.notifications
    );
    // `exit` without `shutdown`: exit code 1, as the protocol says.
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), 1);
}
