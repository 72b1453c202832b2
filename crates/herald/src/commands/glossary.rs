//! `herald glossary list|add|remove|import|export`: the terms machine translation must
//! respect, per language pair. The CSV format is `herald_domain::glossary`'s, so the admin
//! reads and writes the same files.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};
use herald_domain::glossary::{self, EntryProblem, GlossaryEntry, GlossaryKind};
use herald_domain::text::normalize_line;
use herald_domain::{Language, Timestamp};
use herald_store::Store;
use herald_translate::engines::{SettingsError, parse_pair_key};

use crate::cli::{DataArgs, GlossaryAddArgs, GlossaryCommand, GlossaryKindArg};
use crate::settings::Settings;

/// Largest CSV file imported: a glossary of this size would already be tens of thousands
/// of terms; the bound keeps a wrong file from being read whole into memory.
const MAX_CSV_BYTES: u64 = 64 * 1024 * 1024;

/// A language pair, term language first.
type LanguagePair = (Language, Language);

pub(super) async fn run(config: Option<PathBuf>, command: GlossaryCommand) -> anyhow::Result<()> {
    // Pairs are parsed before the store is opened, so that a typo fails fast and creates no
    // data folder.
    match command {
        GlossaryCommand::List { pair, data } => {
            let pair = pair.as_deref().map(parse_pair).transpose()?;
            list(&super::load(config, data)?, pair.as_ref()).await
        }
        GlossaryCommand::Add(args) => {
            let data = DataArgs {
                data: args.data.data.clone(),
            };
            add(config, data, args).await
        }
        GlossaryCommand::Remove { pair, term, data } => {
            let pair = parse_pair(&pair)?;
            remove(&super::load(config, data)?, &pair, &term).await
        }
        GlossaryCommand::Import { file, pair, data } => {
            let pair = pair.as_deref().map(parse_pair).transpose()?;
            import(config, data, &file, pair.as_ref()).await
        }
        GlossaryCommand::Export { pair, out, data } => {
            let pair = pair.as_deref().map(parse_pair).transpose()?;
            export(&super::load(config, data)?, pair.as_ref(), out.as_deref()).await
        }
    }
}

/// Reads `en-es`, `pt-BR>es` or `zh-Hant→en` as `[translate.pairs]` keys are read.
fn parse_pair(text: &str) -> anyhow::Result<LanguagePair> {
    let pair = parse_pair_key(text).map_err(|error| match error {
        SettingsError::BadPair { reason, .. } => {
            anyhow!("'{text}' is not a language pair FROM-TO ({reason})")
        }
        other => anyhow!(other),
    })?;
    if pair.from == pair.to {
        bail!("'{text}' names one language twice: a glossary pair is two languages");
    }
    Ok((pair.from, pair.to))
}

fn pair_name((from, to): &LanguagePair) -> String {
    format!("{from}-{to}")
}

async fn list(settings: &Settings, pair: Option<&LanguagePair>) -> anyhow::Result<()> {
    let store = super::open_store(settings).await?;
    let mut out = String::new();
    match pair {
        None => {
            let pairs = store.glossary_pairs().await?;
            if pairs.is_empty() {
                out.push_str(
                    "No glossary yet: add a term with `herald glossary add FROM-TO TERM \
                     TRANSLATION`, or a CSV file with `herald glossary import FILE.csv`.\n",
                );
            }
            for (from, to, count) in pairs {
                let noun = if count == 1 { "entry" } else { "entries" };
                let _ = writeln!(out, "{from}-{to}  {count} {noun}");
            }
        }
        Some(pair) => {
            let entries = store.glossary(&pair.0, &pair.1).await?;
            if entries.is_empty() {
                let _ = writeln!(out, "No glossary entries for {}.", pair_name(pair));
            } else {
                out = table(&entries);
            }
        }
    }
    write_stdout(&out)
}

/// The entries as aligned columns: term, kind, translation, case, note (on one line).
fn table(entries: &[GlossaryEntry]) -> String {
    let rows: Vec<[String; 5]> =
        std::iter::once(["TERM", "KIND", "TRANSLATION", "CASE", "NOTE"].map(str::to_owned))
            .chain(entries.iter().map(|e| {
                [
                    e.term.clone(),
                    e.kind.as_str().to_owned(),
                    e.translation.clone(),
                    if e.case_sensitive { "exact" } else { "any" }.to_owned(),
                    normalize_line(&e.note),
                ]
            }))
            .collect();
    // Widths in characters: right for the Latin and Vietnamese (NFC) terms most glossaries
    // hold; combining marks and wide scripts may shift a column, which costs nothing here.
    let mut widths = [0; 5];
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in &rows {
        let mut line = String::new();
        for (cell, width) in row.iter().zip(widths) {
            let _ = write!(line, "{cell:<width$}  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

async fn add(config: Option<PathBuf>, data: DataArgs, args: GlossaryAddArgs) -> anyhow::Result<()> {
    let pair = parse_pair(&args.pair)?;
    let kind = match args.kind {
        GlossaryKindArg::Forced => GlossaryKind::Forced,
        GlossaryKindArg::DoNotTranslate => GlossaryKind::DoNotTranslate,
        GlossaryKindArg::Name => GlossaryKind::Name,
    };
    let entry = GlossaryEntry {
        id: 0,
        from: pair.0.clone(),
        to: pair.1.clone(),
        term: args.term,
        translation: args.translation.unwrap_or_default(),
        kind,
        case_sensitive: args.case_sensitive,
        note: args.note,
        updated_at: Timestamp::UNIX_EPOCH,
    };
    match entry.check() {
        Ok(()) => {}
        Err(EntryProblem::MissingTranslation(kind)) => bail!(
            "a {kind} entry needs its TRANSLATION after the term \
             (or use --kind do-not-translate to keep the term as written)"
        ),
        Err(problem) => bail!("cannot add the entry: {problem}"),
    }
    let store = super::open_store(&super::load(config, data)?).await?;
    let term = normalize_line(&entry.term);
    let existed = store
        .glossary(&pair.0, &pair.1)
        .await?
        .iter()
        .any(|e| e.term == term);
    let saved = store
        .save_glossary_entry(entry)
        .await
        .context("cannot save the entry")?;
    let rendering = match saved.kind {
        GlossaryKind::DoNotTranslate => "kept as written".to_owned(),
        _ => format!("→ '{}'", saved.translation),
    };
    println!(
        "{} {}: '{}' {rendering} ({}{}).",
        if existed { "Updated" } else { "Added" },
        pair_name(&pair),
        saved.term,
        saved.kind.as_str(),
        if saved.case_sensitive {
            ", case-sensitive"
        } else {
            ""
        },
    );
    Ok(())
}

async fn remove(settings: &Settings, pair: &LanguagePair, term: &str) -> anyhow::Result<()> {
    let store = super::open_store(settings).await?;
    let entries = store.glossary(&pair.0, &pair.1).await?;
    let term = normalize_line(term);
    let Some(entry) = entries.iter().find(|e| e.term == term) else {
        let lower = term.to_lowercase();
        let hint = match entries.iter().find(|e| e.term.to_lowercase() == lower) {
            Some(similar) => format!("it has '{}'", similar.term),
            None => format!("see `herald glossary list --pair {}`", pair_name(pair)),
        };
        bail!(
            "the {} glossary has no term '{term}' ({hint})",
            pair_name(pair)
        );
    };
    // False only if another process removed it meanwhile, which is what was asked.
    store.delete_glossary_entry(entry.id).await?;
    println!(
        "Removed '{}' from the {} glossary.",
        entry.term,
        pair_name(pair)
    );
    Ok(())
}

async fn import(
    config: Option<PathBuf>,
    data: DataArgs,
    file: &Path,
    pair: Option<&LanguagePair>,
) -> anyhow::Result<()> {
    let name = file.display();
    let size = std::fs::metadata(file)
        .with_context(|| format!("cannot read {name}"))?
        .len();
    if size > MAX_CSV_BYTES {
        bail!(
            "{name} is {} MB; a glossary file is at most {} MB",
            size / (1024 * 1024),
            MAX_CSV_BYTES / (1024 * 1024)
        );
    }
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {name}"))?;
    let text = csv_text(&bytes, file)?;
    let entries = match glossary::read_csv(text, pair.map(|(from, to)| (from, to))) {
        Ok(entries) => entries,
        Err(problems) => {
            // The rows go to standard error one per line, so that the one `herald:` line
            // stays the summary.
            let mut listing = String::new();
            for problem in &problems {
                let _ = writeln!(listing, "{problem}");
            }
            eprint!("{listing}");
            let mut lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
            lines.dedup();
            let rows = if lines.len() == 1 { "row" } else { "rows" };
            bail!(
                "cannot import {name}: {} bad {rows} (listed above); nothing was stored",
                lines.len()
            );
        }
    };
    if entries.is_empty() {
        println!("Nothing to import: {name} has a header and no rows.");
        return Ok(());
    }
    let store = super::open_store(&super::load(config, data)?).await?;
    let mut stored: HashMap<LanguagePair, HashMap<String, GlossaryEntry>> = HashMap::new();
    let (mut added, mut updated, mut unchanged) = (0_usize, 0_usize, 0_usize);
    for (done, entry) in entries.iter().enumerate() {
        let key = (entry.from.clone(), entry.to.clone());
        if !stored.contains_key(&key) {
            let known = store.glossary(&key.0, &key.1).await?;
            let known = known.into_iter().map(|e| (e.term.clone(), e)).collect();
            stored.insert(key.clone(), known);
        }
        match stored.get(&key).and_then(|known| known.get(&entry.term)) {
            Some(old) if same_content(old, entry) => {
                // Not saved again, so that its `updated_at` still says when it last changed.
                unchanged += 1;
                continue;
            }
            Some(_) => updated += 1,
            None => added += 1,
        }
        store
            .save_glossary_entry(entry.clone())
            .await
            .with_context(|| {
                format!(
                    "stored {done} of {} entries of {name}, then could not store '{}' \
                     (importing the file again is safe)",
                    entries.len(),
                    entry.term
                )
            })?;
    }
    println!("Imported {name}: {added} added, {updated} updated, {unchanged} unchanged.");
    Ok(())
}

fn same_content(a: &GlossaryEntry, b: &GlossaryEntry) -> bool {
    a.translation == b.translation
        && a.kind == b.kind
        && a.case_sensitive == b.case_sensitive
        && a.note == b.note
}

/// The file's text, or a one-line reason naming where it stops being UTF-8.
fn csv_text<'b>(bytes: &'b [u8], file: &Path) -> anyhow::Result<&'b str> {
    // Spreadsheets offer "Unicode text", which is UTF-16 with a byte-order mark.
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        bail!(
            "{} is UTF-16 text: save it as CSV UTF-8 and import again",
            file.display()
        );
    }
    std::str::from_utf8(bytes).map_err(|error| {
        let line = 1 + bytes
            .iter()
            .take(error.valid_up_to())
            .filter(|&&b| b == b'\n')
            .count();
        anyhow!(
            "{} is not UTF-8 text (line {line}, byte {}): save it as CSV UTF-8 and import again",
            file.display(),
            error.valid_up_to() + 1
        )
    })
}

async fn export(
    settings: &Settings,
    pair: Option<&LanguagePair>,
    out: Option<&Path>,
) -> anyhow::Result<()> {
    let store = super::open_store(settings).await?;
    let pairs: Vec<LanguagePair> = match pair {
        Some(pair) => vec![pair.clone()],
        None => store
            .glossary_pairs()
            .await?
            .into_iter()
            .map(|(from, to, _)| (from, to))
            .collect(),
    };
    let mut entries = Vec::new();
    for (from, to) in &pairs {
        entries.extend(store.glossary(from, to).await?);
    }
    let text = glossary::write_csv(&entries);
    match out {
        Some(path) => {
            std::fs::write(path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            let noun = if entries.len() == 1 {
                "entry"
            } else {
                "entries"
            };
            println!("Wrote {} {noun} to {}.", entries.len(), path.display());
            Ok(())
        }
        None => write_stdout(&text),
    }
}

/// Writes to standard output without the panic `print!` has when the reader has gone
/// (`herald glossary export | head`): a closed pipe ends the output quietly.
fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(error).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(text: &str) -> String {
        let (from, to) = parse_pair(text).unwrap();
        format!("{from}→{to}")
    }

    #[test]
    fn pairs_read_like_translate_pair_keys() {
        assert_eq!(tags("vi-en"), "vi→en");
        assert_eq!(tags("pt-BR>es"), "pt-BR→es");
        assert_eq!(tags("zh-Hant→en"), "zh-Hant→en");
        let error = parse_pair("english").unwrap_err().to_string();
        assert!(
            error.starts_with("'english' is not a language pair FROM-TO"),
            "{error}"
        );
        assert!(!error.contains("translate.pairs"), "{error}");
        let error = parse_pair("en-en").unwrap_err().to_string();
        assert!(error.contains("names one language twice"), "{error}");
    }

    #[test]
    fn files_that_are_not_utf8_name_the_line_where_they_stop_being_it() {
        let file = Path::new("g.csv");
        let error = csv_text(b"term\nok\n\xff\xfe", file).unwrap_err();
        assert_eq!(
            error.to_string(),
            "g.csv is not UTF-8 text (line 3, byte 9): save it as CSV UTF-8 and import again"
        );
        let error = csv_text(b"\xff\xfet\0e\0", file).unwrap_err();
        assert!(error.to_string().contains("UTF-16"), "{error}");
        assert_eq!(csv_text("thông tin".as_bytes(), file).unwrap(), "thông tin");
    }

    #[test]
    fn tables_align_columns_and_keep_notes_on_one_line() {
        let entry = |term: &str, translation: &str, note: &str| GlossaryEntry {
            id: 1,
            from: Language::parse("vi").unwrap(),
            to: Language::parse("en").unwrap(),
            term: term.to_owned(),
            translation: translation.to_owned(),
            kind: GlossaryKind::Forced,
            case_sensitive: false,
            note: note.to_owned(),
            updated_at: Timestamp::UNIX_EPOCH,
        };
        let text = table(&[
            entry("thông tin đối ngoại", "external information", "two\nlines"),
            entry("Bộ", "Ministry", ""),
        ]);
        assert_eq!(
            text,
            "TERM                 KIND    TRANSLATION           CASE  NOTE\n\
             thông tin đối ngoại  forced  external information  any   two lines\n\
             Bộ                   forced  Ministry              any\n"
        );
    }
}
