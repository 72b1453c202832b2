//! `herald translate` and the demo's machine translations, through the binary, with the
//! Apertium that `.ci/run` installs (skipped with a note where it is absent, except in CI,
//! which sets `HERALD_REQUIRE_APERTIUM`).

use crate::{Server, run_in};

fn apertium_installed() -> bool {
    let found = std::path::Path::new("/usr/share/apertium/modes/eng-spa.mode").is_file();
    if !found {
        assert!(
            std::env::var_os("HERALD_REQUIRE_APERTIUM").is_none(),
            "Apertium's eng-spa pair is required here"
        );
        eprintln!("note: Apertium's eng-spa pair is not installed; skipped");
    }
    found
}

fn stdout(output: &std::process::Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn engines_lists_each_pair_with_its_engine_or_why_none_serves_it() {
    if !apertium_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let text = stdout(&run_in(dir.path(), &["translate", "--engines"]));
    assert!(text.contains("en→es: apertium (eng-spa "), "{text}");
    assert!(
        text.contains("no engine serves en→fa: apertium has no en→fa pair"),
        "{text}"
    );
}

#[test]
fn the_demo_translates_its_english_articles_and_says_so_on_the_page() {
    if !apertium_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &["demo"]);
    let (status, home) = server.get("/es/");
    assert_eq!(status, 200);
    // A card whose headline is Spanish, in the page's language (no lang="en" mark).
    let article = home
        .split("<h3 class=\"card-title\"><a href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a card in Spanish")
        .to_owned();
    let (status, page) = server.get(&article);
    assert_eq!(status, 200);
    assert!(page.contains("\"translationOfWork\""), "{page}");
    assert!(
        page.contains("\"SoftwareApplication\",\"name\":\"apertium\"")
            || page.contains("\"name\":\"apertium\""),
        "{page}"
    );
    drop(server);

    let status = stdout(&run_in(dir.path(), &["translate", "--status"]));
    let es = status
        .lines()
        .find(|l| l.starts_with("es "))
        .expect("a line for es");
    let machine: u64 = es.split_whitespace().nth(3).unwrap().parse().unwrap();
    assert!(machine > 0, "{status}");
    // Nothing left to do for the pairs Apertium serves.
    let again = stdout(&run_in(dir.path(), &["translate", "--lang", "es"]));
    assert!(again.contains("Nothing to translate."), "{again}");
}

#[test]
fn evaluate_scores_an_engine_on_a_test_set() {
    if !apertium_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src.en");
    let reference = dir.path().join("ref.es");
    std::fs::write(
        &src,
        "The council approved the plan.\nThe museum opens on Friday.\nFarmers expect a good harvest.\n",
    )
    .unwrap();
    std::fs::write(
        &reference,
        "El consejo aprobó el plan.\nEl museo abre el viernes.\nLos agricultores esperan una buena cosecha.\n",
    )
    .unwrap();
    let text = stdout(&run_in(
        dir.path(),
        &[
            "translate",
            "--evaluate",
            "--src",
            src.to_str().unwrap(),
            "--ref",
            reference.to_str().unwrap(),
            "--pair",
            "en-es",
            "--engine",
            "apertium",
        ],
    ));
    assert!(text.starts_with("apertium en-es: chrF "), "{text}");
    assert!(
        text.contains("BLEU ") && text.contains("3 segments"),
        "{text}"
    );
}

#[test]
fn an_unknown_language_or_a_bad_pair_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path(), &["translate", "--lang", "xx-1"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--lang 'xx-1'"), "{stderr}");
    let file = dir.path().join("one.txt");
    std::fs::write(&file, "a\n").unwrap();
    let f = file.to_str().unwrap();
    let out = run_in(
        dir.path(),
        &[
            "translate",
            "--evaluate",
            "--src",
            f,
            "--ref",
            f,
            "--pair",
            "english",
        ],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--pair 'english'"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_run_killed_half_way_is_finished_by_the_next_without_duplicates() {
    if !apertium_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // The sample newsroom without its translations: no engine while the demo loads it.
    let demo = Server::start_with_env(
        dir.path(),
        &["demo"],
        &[("HERALD_TRANSLATE__ENGINES", "[]")],
    );
    drop(demo);
    let mut run = crate::herald()
        .current_dir(dir.path())
        .args(["translate", "--lang", "es", "--quiet"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    run.kill().unwrap();
    run.wait().unwrap();
    let again = stdout(&run_in(
        dir.path(),
        &["translate", "--lang", "es", "--quiet"],
    ));
    assert!(!again.contains("failed"), "{again}");
    let status = stdout(&run_in(dir.path(), &["translate", "--status"]));
    let es = status.lines().find(|l| l.starts_with("es ")).unwrap();
    let counts: Vec<u64> = es
        .split_whitespace()
        .skip(1)
        .map(|n| n.parse().unwrap())
        .collect();
    // articles, original, machine, post-edited, reviewed, human, missing, stale, flagged
    let (articles, machine, missing) = (counts[0], counts[2], counts[6]);
    assert!(machine > 0, "{status}");
    // Every English article has its Spanish version once; only the Vietnamese ones, which no
    // installed engine serves, are missing.
    assert_eq!(machine + missing, articles, "{status}");
    let nothing = stdout(&run_in(dir.path(), &["translate", "--lang", "es"]));
    assert!(nothing.contains("Nothing to translate."), "{nothing}");
}

/// Tiny random-weight models made by `herald_translate/scripts/ct2_model.py` in `dir`:
/// `tiny-marian` (en→ja) and the Argos package `tiny-argos` (vi→en). `None` (with a note)
/// where no Python with ctranslate2 is found, except in CI (`HERALD_REQUIRE_NEURAL`).
#[cfg(feature = "neural")]
fn tiny_models(dir: &std::path::Path) -> Option<std::path::PathBuf> {
    let python = std::env::var_os("HERALD_CT2_PYTHON").map_or_else(
        || std::path::PathBuf::from("python3"),
        std::path::PathBuf::from,
    );
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../herald_translate/scripts/ct2_model.py");
    let models = dir.join("models");
    for (layout, name, from, to) in [
        ("marian", "tiny-marian", "en", "ja"),
        ("argos", "tiny-argos", "vi", "en"),
    ] {
        let made = std::process::Command::new(&python)
            .arg(&script)
            .args([
                "--layout", layout, "--size", "tiny", "--from", from, "--to", to,
            ])
            .arg("--out")
            .arg(models.join(name))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !made {
            assert!(
                std::env::var_os("HERALD_REQUIRE_NEURAL").is_none(),
                "{} cannot make the tiny models",
                python.display()
            );
            eprintln!("note: no Python with ctranslate2; skipped");
            return None;
        }
    }
    Some(models)
}

#[cfg(feature = "neural")]
fn machine_count(status: &str, language: &str) -> u64 {
    let line = status
        .lines()
        .find(|l| l.starts_with(&format!("{language} ")))
        .unwrap_or_else(|| panic!("a line for {language}: {status}"));
    line.split_whitespace()
        .nth(3)
        .and_then(|n| n.parse().ok())
        .expect("a machine count")
}

#[cfg(feature = "neural")]
#[test]
fn neural_models_translate_and_pivot_through_english_for_what_they_lack() {
    if !apertium_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let Some(models) = tiny_models(dir.path()) else {
        return;
    };
    // The demo's data, made before the models are configured: Vietnamese and English
    // originals, the English ones already in Spanish by Apertium.
    let server = Server::start(dir.path(), &["demo"]);
    drop(server);
    std::fs::write(
        dir.path().join("herald.toml"),
        format!(
            "[translate]\nengines = [\"neural\", \"apertium\"]\nmodels = \"{}\"\n\
             neural_beam_size = 1\nneural_threads = 1\n",
            models.display()
        ),
    )
    .unwrap();
    let engines = stdout(&run_in(dir.path(), &["translate", "--engines"]));
    assert!(
        engines.contains("en→ja: neural (tiny-marian tiny-random 1)"),
        "{engines}"
    );
    assert!(
        engines
            .contains("vi→es: pivot (vi→en neural tiny-argos argos 1.0 + en→es apertium eng-spa "),
        "{engines}"
    );
    assert!(
        engines.contains("neural models in ")
            && engines.contains("  tiny-argos (marian, argos 1.0)"),
        "{engines}"
    );
    assert!(
        engines.contains(
            "vi→ja: pivot (vi→en neural tiny-argos argos 1.0 + en→ja neural tiny-marian \
             tiny-random 1)"
        ),
        "{engines}"
    );
    let before = stdout(&run_in(dir.path(), &["translate", "--status"]));
    let out = stdout(&run_in(
        dir.path(),
        &["translate", "--lang", "ja", "--lang", "es"],
    ));
    assert!(out.contains("ja: ") && out.contains("es: "), "{out}");
    let after = stdout(&run_in(dir.path(), &["translate", "--status"]));
    assert!(
        machine_count(&after, "ja") > machine_count(&before, "ja"),
        "{before}\n{after}"
    );
    assert!(
        machine_count(&after, "es") > machine_count(&before, "es"),
        "the Vietnamese originals reached Spanish through English: {before}\n{after}"
    );
    let again = stdout(&run_in(
        dir.path(),
        &["translate", "--lang", "ja", "--lang", "es"],
    ));
    assert!(again.contains("Nothing to translate."), "{again}");
}
