//! `herald glossary`: adding, listing and removing terms, and the CSV round trip the admin
//! will share, with Vietnamese and Persian terms.

use std::path::Path;
use std::process::Output;

use crate::run_in;

/// `herald glossary <args> --data <dir>/data`.
fn glossary(dir: &Path, args: &[&str]) -> Output {
    let data = dir.join("data");
    let mut all = vec!["glossary"];
    all.extend_from_slice(args);
    all.extend(["--data", data.to_str().expect("a UTF-8 path")]);
    run_in(dir, &all)
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The failure's `herald:` line, checked to be the only one and free of panics.
fn one_line_error(output: &Output) -> String {
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("herald:"))
        .collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    lines[0].to_owned()
}

const PERSIAN: &str = "اطلاع\u{200C}رسانی خارجی";

/// A file as a Windows spreadsheet saves it: byte-order mark, CRLF, a quoted note with
/// quotes and a line break, a kept term without a translation.
fn spreadsheet_csv() -> String {
    [
        "\u{FEFF}from,to,term,translation,kind,case_sensitive,note",
        "vi,en,thông tin đối ngoại,external information,forced,false,\"Ban Chỉ đạo: \"\"thông tin đối ngoại\"\"\r\nnot \"\"foreign news\"\"\"",
        "vi,en,57-KL/TW,,do-not-translate,true,Kết luận 57",
        &format!("en,fa,external information,{PERSIAN},forced,,"),
        "",
    ]
    .join("\r\n")
}

#[test]
fn glossary_terms_can_be_added_listed_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    assert!(stdout(&glossary(dir, &["list"])).starts_with("No glossary yet"));
    let added = stdout(&glossary(
        dir,
        &[
            "add",
            "vi-en",
            "thông tin đối ngoại",
            "external information",
        ],
    ));
    assert_eq!(
        added,
        "Added vi-en: 'thông tin đối ngoại' → 'external information' (forced).\n"
    );
    stdout(&glossary(
        dir,
        &[
            "add",
            "vi-en",
            "57-KL/TW",
            "--kind",
            "do-not-translate",
            "--case-sensitive",
            "--note",
            "Kết luận 57",
        ],
    ));
    stdout(&glossary(
        dir,
        &["add", "en>fa", "external information", PERSIAN],
    ));
    // The same term again changes the entry rather than adding one.
    let updated = stdout(&glossary(
        dir,
        &["add", "vi-en", "thông tin đối ngoại", "foreign information"],
    ));
    assert!(updated.starts_with("Updated vi-en:"), "{updated}");

    assert_eq!(
        stdout(&glossary(dir, &["list"])),
        "en-fa  1 entry\nvi-en  2 entries\n"
    );
    assert_eq!(
        stdout(&glossary(dir, &["list", "--pair", "vi-en"])),
        "TERM                 KIND              TRANSLATION          CASE   NOTE\n\
         thông tin đối ngoại  forced            foreign information  any\n\
         57-KL/TW             do-not-translate  57-KL/TW             exact  Kết luận 57\n"
    );

    let error = one_line_error(&glossary(dir, &["remove", "vi-en", "57-kl/tw"]));
    assert!(
        error.contains("has no term '57-kl/tw' (it has '57-KL/TW')"),
        "{error}"
    );
    stdout(&glossary(dir, &["remove", "vi-en", "57-KL/TW"]));
    assert_eq!(
        stdout(&glossary(dir, &["list"])),
        "en-fa  1 entry\nvi-en  1 entry\n"
    );
}

#[test]
fn adding_without_a_translation_or_with_a_bad_pair_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let error = one_line_error(&glossary(dir, &["add", "vi-en", "Bộ"]));
    assert!(error.contains("needs its TRANSLATION"), "{error}");
    let error = one_line_error(&glossary(dir, &["add", "vietnamese", "Bộ", "Ministry"]));
    assert!(
        error.contains("'vietnamese' is not a language pair"),
        "{error}"
    );
    let error = one_line_error(&glossary(dir, &["list", "--pair", "vi-vi"]));
    assert!(error.contains("names one language twice"), "{error}");
    // A bad pair is refused before a data folder is made.
    assert!(!dir.join("data").exists());
}

#[test]
fn an_exported_glossary_imports_into_another_newsroom_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    std::fs::write(dir.join("terms.csv"), spreadsheet_csv()).unwrap();
    assert_eq!(
        stdout(&glossary(dir, &["import", "terms.csv"])),
        "Imported terms.csv: 3 added, 0 updated, 0 unchanged.\n"
    );
    let exported = stdout(&glossary(dir, &["export"]));
    assert_eq!(
        exported,
        format!(
            "from,to,term,translation,kind,case_sensitive,note\n\
             en,fa,external information,{PERSIAN},forced,false,\n\
             vi,en,thông tin đối ngoại,external information,forced,false,\
             \"Ban Chỉ đạo: \"\"thông tin đối ngoại\"\"\nnot \"\"foreign news\"\"\"\n\
             vi,en,57-KL/TW,57-KL/TW,do-not-translate,true,Kết luận 57\n"
        )
    );
    // Importing the same file again changes nothing.
    assert_eq!(
        stdout(&glossary(dir, &["import", "terms.csv"])),
        "Imported terms.csv: 0 added, 0 updated, 3 unchanged.\n"
    );

    let other = tempfile::tempdir().unwrap();
    let other = other.path();
    let out = stdout(&glossary(dir, &["export", "--out", "all.csv"]));
    assert_eq!(out, "Wrote 3 entries to all.csv.\n");
    std::fs::copy(dir.join("all.csv"), other.join("all.csv")).unwrap();
    stdout(&glossary(other, &["import", "all.csv"]));
    assert_eq!(stdout(&glossary(other, &["export"])), exported);

    let persian = stdout(&glossary(other, &["export", "--pair", "en-fa"]));
    assert_eq!(
        persian,
        format!(
            "from,to,term,translation,kind,case_sensitive,note\n\
             en,fa,external information,{PERSIAN},forced,false,\n"
        )
    );
}

#[test]
fn import_with_a_pair_reads_files_without_language_columns_and_updates_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    stdout(&glossary(dir, &["add", "vi-en", "Huế", "Hue"]));
    std::fs::write(
        dir.join("names.csv"),
        "term,translation,kind\nHuế,Hue City,name\nHà Nội,Hanoi,name\n",
    )
    .unwrap();
    assert_eq!(
        stdout(&glossary(dir, &["import", "names.csv", "--pair", "vi-en"])),
        "Imported names.csv: 1 added, 1 updated, 0 unchanged.\n"
    );
    let listed = stdout(&glossary(dir, &["list", "--pair", "vi-en"]));
    assert!(listed.contains("Huế     name  Hue City"), "{listed}");
    let error = one_line_error(&glossary(dir, &["import", "names.csv"]));
    assert!(error.contains("1 bad row"), "{error}");
}

#[test]
fn a_csv_with_bad_rows_lists_every_one_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let text = format!(
        "{}vi,12,Sở,Department,forced,,\r\nvi,en,Tỉnh,,forced,,\r\nvi,en,Bộ,Ministry,committee,,\r\nvi,en,57-KL/TW,,do-not-translate,true,again\r\n",
        spreadsheet_csv()
    );
    std::fs::write(dir.join("bad.csv"), text).unwrap();
    let out = glossary(dir, &["import", "bad.csv"]);
    let error = one_line_error(&out);
    assert_eq!(
        error,
        "herald: cannot import bad.csv: 4 bad rows (listed above); nothing was stored"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let listed: Vec<&str> = stderr.lines().filter(|l| l.starts_with("line ")).collect();
    assert_eq!(
        listed,
        [
            "line 6: to: '12' is not a BCP 47 language tag: bad subtag '12'",
            "line 7: a forced entry needs a translation",
            "line 8: unknown kind 'committee' (use forced, do-not-translate or name)",
            "line 9: the term '57-KL/TW' for vi-en is already on line 4",
        ],
        "{stderr}"
    );
    // The good rows before the bad ones were not stored either.
    assert!(stdout(&glossary(dir, &["list"])).starts_with("No glossary yet"));
}

#[test]
fn unreadable_csv_files_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    std::fs::write(
        dir.join("latin1.csv"),
        b"term,translation,kind\nHu\xe9,Hue,name\n",
    )
    .unwrap();
    let error = one_line_error(&glossary(dir, &["import", "latin1.csv", "--pair", "vi-en"]));
    assert!(
        error.contains("latin1.csv is not UTF-8 text (line 2"),
        "{error}"
    );

    std::fs::write(
        dir.join("open.csv"),
        "term,translation,kind\n\"Huế,Hue,name\n",
    )
    .unwrap();
    let out = glossary(dir, &["import", "open.csv", "--pair", "vi-en"]);
    one_line_error(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 2: a quoted field starts here and is never closed"),
        "{stderr}"
    );

    let error = one_line_error(&glossary(dir, &["import", "missing.csv"]));
    assert!(error.contains("cannot read missing.csv"), "{error}");
}
