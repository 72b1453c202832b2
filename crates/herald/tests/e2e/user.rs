//! `herald user add|list`: the first admin from the command line, the password from standard
//! input (never an argument), and one-line refusals for what cannot be an account.

use std::io::Write as _;
use std::path::Path;
use std::process::{Output, Stdio};

use crate::{herald, run_in};

/// `herald user add <args> --password-stdin --data <dir>/data` with `password` on stdin.
fn add(dir: &Path, args: &[&str], password: &str) -> Output {
    let data = dir.join("data");
    let mut child = herald()
        .current_dir(dir)
        .arg("user")
        .arg("add")
        .args(args)
        .args([
            "--password-stdin",
            "--data",
            data.to_str().expect("a UTF-8 path"),
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("herald starts");
    child
        .stdin
        .take()
        .expect("a pipe to standard input")
        .write_all(format!("{password}\n").as_bytes())
        .expect("the password is written");
    child.wait_with_output().expect("herald ends")
}

fn list(dir: &Path) -> String {
    let data = dir.join("data");
    let output = run_in(
        dir,
        &[
            "user",
            "list",
            "--data",
            data.to_str().expect("a UTF-8 path"),
        ],
    );
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The one `herald:` line of a refusal.
fn refusal(output: &Output) -> String {
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("herald:"))
        .collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    lines[0].to_owned()
}

#[test]
fn the_first_admin_is_added_with_a_password_from_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let added = add(
        dir,
        &["Chief@News.Example", "--role", "admin", "--name", "Chief"],
        "a long enough password",
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert!(
        String::from_utf8_lossy(&added.stdout).starts_with("Added chief@news.example (admin).")
    );
    let translator = add(
        dir,
        &["t@news.example", "--role", "translator", "--language", "fa"],
        "another long password",
    );
    assert!(translator.status.success());
    let listed = list(dir);
    assert!(
        listed.contains("chief@news.example\tChief\tadmin"),
        "{listed}"
    );
    assert!(
        listed.contains("t@news.example\tt\ttranslator\tfa"),
        "{listed}"
    );
    // The password is nowhere in what the command printed.
    assert!(!String::from_utf8_lossy(&added.stdout).contains("long enough"));
}

#[test]
fn what_cannot_be_an_account_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let password = "a long enough password";
    assert!(
        refusal(&add(dir, &["not-an-address", "--role", "admin"], password))
            .contains("not an e-mail")
    );
    assert!(
        refusal(&add(dir, &["a@news.example", "--role", "root"], password)).contains("not a role")
    );
    assert!(
        refusal(&add(
            dir,
            &["a@news.example", "--role", "translator"],
            password
        ))
        .contains("needs at least one --language")
    );
    assert!(
        refusal(&add(dir, &["a@news.example", "--role", "admin"], "short")).contains("at least 10")
    );
    assert!(
        add(dir, &["a@news.example", "--role", "admin"], password)
            .status
            .success()
    );
    assert!(
        refusal(&add(dir, &["A@news.example", "--role", "editor"], password))
            .contains("exists already")
    );
    // Without --password-stdin and without a terminal, it asks for the flag instead of hanging.
    let data = dir.join("data");
    let output = herald()
        .args([
            "user",
            "add",
            "b@news.example",
            "--role",
            "editor",
            "--data",
            data.to_str().unwrap(),
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(refusal(&output).contains("--password-stdin"));
}
