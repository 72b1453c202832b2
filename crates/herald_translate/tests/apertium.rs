//! The Apertium engine against the real `apertium` on this machine (Debian's `apertium` and
//! `apertium-eng-spa`): Herald's batching and wrappers must not change what Apertium itself
//! would say. Each test prints a note and passes when Apertium or the pair is not installed,
//! so a machine without it can still run the suite; `.ci/run` installs it.
#![expect(
    clippy::unwrap_used,
    reason = "test helpers: a failure should stop the test at once"
)]

use std::io::Write;
use std::process::{Command, Stdio};

use herald_domain::Language;
use herald_translate::apertium::Apertium;
use herald_translate::{EngineError, Markup, Pair, Translator};

fn pair(from: &str, to: &str) -> Pair {
    Pair::new(Language::parse(from).unwrap(), Language::parse(to).unwrap())
}

/// The engine when `apertium` and its English→Spanish mode are installed.
fn english_to_spanish() -> Option<Apertium> {
    let installed = Command::new("apertium")
        .arg("-l")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let engine = installed.then(Apertium::discover).and_then(Result::ok);
    match engine {
        Some(engine) if engine.pairs().contains(&pair("en", "es")) => Some(engine),
        _ => {
            // CI installs it: there, skipping would hide a broken install.
            assert!(
                std::env::var_os("HERALD_REQUIRE_APERTIUM").is_none(),
                "apertium with eng-spa is required here"
            );
            eprintln!("note: apertium with eng-spa is not installed; skipping");
            None
        }
    }
}

/// `apertium -u eng-spa` on plain text, as an operator would run it.
fn apertium_directly(text: &str) -> String {
    let mut child = Command::new("apertium")
        .args(["-u", "eng-spa"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = text.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

const PARAGRAPHS: &[&str] = &[
    "The city council approved a new budget for public libraries on Tuesday.",
    "Heavy rain flooded several streets near the river, and the police closed two bridges.",
    "The museum will open a new exhibition about old maps next month.",
    "Farmers in the north say that the dry summer reduced the harvest.",
    "She told reporters that the school would hire ten new teachers.",
    "A small earthquake shook the coast early in the morning, but nobody was hurt.",
    "The train company plans to buy faster trains before the end of the decade.",
    "Doctors recommend that children sleep at least nine hours every night.",
    "The mayor's office said it won't close the park during the festival.",
    "Prices of bread and milk rose again last week. Shops expect more changes.",
];

#[tokio::test]
async fn herald_says_what_apertium_says_on_plain_paragraphs() {
    let Some(engine) = english_to_spanish() else {
        return;
    };
    let segments = strings(PARAGRAPHS);
    let herald = engine
        .translate(&pair("en", "es"), &segments)
        .await
        .unwrap();
    let direct = apertium_directly(&format!("{}\n", PARAGRAPHS.join("\n")));
    let direct: Vec<String> = direct.lines().map(normalise).collect();
    let herald: Vec<String> = herald.iter().map(|s| normalise(s)).collect();
    assert_eq!(herald, direct);
}

#[tokio::test]
async fn links_emphasis_and_placeholders_survive() {
    let Some(engine) = english_to_spanish() else {
        return;
    };
    assert_eq!(engine.markup(), Markup::Html);
    let segments = strings(&[
        "The minister visited the school with <b>her friends</b>.",
        "Read the <a href=\"https://example.org/report\">full report</a> on our site.",
        "The <var>1</var> new houses cost <em>less</em> than expected.",
    ]);
    let out = engine
        .translate(&pair("en", "es"), &segments)
        .await
        .unwrap();
    assert_eq!(out.len(), 3);
    assert!(
        out[0].contains("<b>") && out[0].contains("</b>"),
        "{}",
        out[0]
    );
    assert!(
        out[1].contains("<a href=\"https://example.org/report\">") && out[1].contains("</a>"),
        "{}",
        out[1]
    );
    assert!(out[2].contains("<var>1</var>"), "{}", out[2]);
    assert!(
        out[2].contains("<em>") && out[2].contains("</em>"),
        "{}",
        out[2]
    );
    assert!(out.iter().all(|s| s.trim() == s), "{out:?}");
    assert!(!out[0].contains("minister"), "{}", out[0]);
}

#[tokio::test]
async fn a_batch_of_500_segments_comes_back_in_order() {
    let Some(engine) = english_to_spanish() else {
        return;
    };
    let segments: Vec<String> = (0..500)
        .map(|i| format!("The report number <var>{i}</var> arrived late."))
        .collect();
    let out = engine
        .translate(&pair("en", "es"), &segments)
        .await
        .unwrap();
    assert_eq!(out.len(), 500);
    for (i, text) in out.iter().enumerate() {
        assert!(text.contains(&format!("<var>{i}</var>")), "{i}: {text}");
    }
}

#[tokio::test]
async fn a_pair_apertium_does_not_have_is_unavailable() {
    let Some(engine) = english_to_spanish() else {
        return;
    };
    let err = engine
        .translate(&pair("fa", "en"), &strings(&["سلام"]))
        .await
        .unwrap_err();
    assert!(matches!(err, EngineError::Unavailable(_)), "{err}");
    assert_eq!(engine.model(&pair("fa", "en")), None);
}

#[tokio::test]
async fn the_model_names_the_mode_and_its_package_version() {
    let Some(engine) = english_to_spanish() else {
        return;
    };
    let model = engine.model(&pair("en", "es")).unwrap();
    assert!(model.starts_with("eng-spa "), "{model}");
    let dpkg = Command::new("dpkg-query")
        .args(["-W", "-f", "${Version}", "apertium-eng-spa"])
        .output();
    if let Ok(output) = dpkg
        && output.status.success()
    {
        let version = String::from_utf8(output.stdout).unwrap();
        assert_eq!(model, format!("eng-spa {version}"));
    }
}
