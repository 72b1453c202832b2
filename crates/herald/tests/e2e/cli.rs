use std::net::TcpListener;

use crate::run_in;

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A failure is one line naming the problem, a non-zero exit, and no panic or backtrace.
fn assert_one_line_error(output: &std::process::Output, needle: &str) {
    assert!(!output.status.success());
    let stderr = stderr_of(output);
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("herald:"))
        .collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].contains(needle), "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
}

#[test]
fn help_explains_each_command() {
    let dir = tempfile::tempdir().unwrap();
    let help = run_in(dir.path(), &["--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    for command in ["demo", "serve", "migrate"] {
        assert!(text.contains(command), "{text}");
    }
    for command in ["demo", "serve", "migrate"] {
        let out = run_in(dir.path(), &[command, "--help"]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("--data"), "{command}: {text}");
    }
}

#[test]
fn an_occupied_port_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let out = run_in(dir.path(), &["serve", "--listen", &addr]);
    assert_one_line_error(&out, &format!("cannot listen on {addr}"));
}

#[test]
fn an_unwritable_data_folder_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, b"x").unwrap();
    let data = file.join("data");
    let out = run_in(dir.path(), &["migrate", "--data", data.to_str().unwrap()]);
    assert_one_line_error(&out, "data folder");
}

#[test]
fn a_corrupt_database_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("herald.db"), vec![0x5a; 8192]).unwrap();
    let out = run_in(dir.path(), &["migrate", "--data", data.to_str().unwrap()]);
    assert_one_line_error(&out, "cannot open the database");
}

#[test]
fn a_corrupt_or_unknown_setting_is_a_one_line_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("herald.toml"),
        "[site]\nlanguages = [\"vi\", \"en\"]\ncolour = \"red\"\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["migrate"]);
    assert_one_line_error(&out, "colour");

    std::fs::write(dir.path().join("broken.toml"), "[site\nname = ").unwrap();
    let out = run_in(dir.path(), &["--config", "broken.toml", "migrate"]);
    assert_one_line_error(&out, "broken.toml");
}

#[test]
fn config_check_names_the_bad_key_and_accepts_a_good_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        "[site]\nname = \"Hue Today\"\n\n[server]\nlisten = \"127.0.0.1:8080\"\npage_cahce = true\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["config", "check", "bad.toml"]);
    assert_one_line_error(&out, "page_cahce");
    assert!(stderr_of(&out).contains("line 6"), "{}", stderr_of(&out));

    let defaults = run_in(dir.path(), &["config", "defaults"]);
    assert!(defaults.status.success());
    std::fs::write(dir.path().join("herald.toml"), &defaults.stdout).unwrap();
    let out = run_in(dir.path(), &["config", "check"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("herald.toml is valid"));
}

#[test]
fn flags_beat_the_environment_which_beats_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("herald.toml"),
        "[site]\nname = \"From the file\"\n[server]\nlisten = \"127.0.0.1:1\"\n",
    )
    .unwrap();
    // The environment's listen address beats the file's; the flag beats both. A taken port
    // makes the server stop at once with a message naming the address it tried.
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let taken_addr = taken.local_addr().unwrap().to_string();
    let out = crate::herald()
        .current_dir(dir.path())
        .env("HERALD_SERVER__LISTEN", &taken_addr)
        .args(["serve"])
        .output()
        .unwrap();
    assert_one_line_error(&out, &format!("cannot listen on {taken_addr}"));
    let other = TcpListener::bind("127.0.0.1:0").unwrap();
    let other_addr = other.local_addr().unwrap().to_string();
    let out = crate::herald()
        .current_dir(dir.path())
        .env("HERALD_SERVER__LISTEN", &taken_addr)
        .args(["serve", "--listen", &other_addr])
        .output()
        .unwrap();
    assert_one_line_error(&out, &format!("cannot listen on {other_addr}"));
}
