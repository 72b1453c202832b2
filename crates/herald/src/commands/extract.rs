//! `herald extract`: what Herald extracts from saved article pages — one page shown in full
//! for an editor checking a source, or many pages written as plain text for measuring the
//! extractor against a corpus (`docs/PERFORMANCE.md`). Needs no data folder and no database.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, bail};
use herald_ingest::extract::{ExtractOverrides, Extracted, extract, saved_page};

use crate::cli::ExtractArgs;

pub(super) fn run(args: &ExtractArgs) -> anyhow::Result<()> {
    if let Some(page) = &args.page {
        let bytes = read(page)?;
        let extracted = extract(
            &bytes,
            None,
            args.url.as_ref(),
            &ExtractOverrides::default(),
        );
        print!("{}", describe(&extracted));
        return Ok(());
    }
    let Some(out) = &args.out else {
        bail!("--out is needed with --dir and --manifest");
    };
    let jobs = if let Some(dir) = &args.dir {
        in_dir(dir)?
    } else if let Some(manifest) = &args.manifest {
        in_manifest(manifest)?
    } else {
        bail!("name a page, --dir or --manifest");
    };
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let failed = run_all(&jobs, out, args.jobs.max(1));
    eprintln!(
        "extracted {} of {} pages into {}",
        jobs.len() - failed,
        jobs.len(),
        out.display()
    );
    if failed > 0 {
        bail!("{failed} pages could not be read or written");
    }
    Ok(())
}

/// One page to extract: where it is and the name of its text.
struct Job {
    page: PathBuf,
    name: String,
}

fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    saved_page(bytes).with_context(|| format!("{} is not valid gzip", path.display()))
}

/// Every `*.html` and `*.html.gz` directly in a folder, by name.
fn in_dir(dir: &Path) -> anyhow::Result<Vec<Job>> {
    let mut jobs = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry?.path();
        let Some(file) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(name) = file
            .strip_suffix(".html.gz")
            .or_else(|| file.strip_suffix(".html"))
        else {
            continue;
        };
        if path.is_file() {
            jobs.push(Job {
                name: name.to_owned(),
                page: path.clone(),
            });
        }
    }
    jobs.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(jobs)
}

/// The pages of a manifest: its `id` and `html` columns, paths relative to it.
fn in_manifest(manifest: &Path) -> anyhow::Result<Vec<Job>> {
    let text = std::fs::read_to_string(manifest)
        .with_context(|| format!("cannot read {}", manifest.display()))?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .with_context(|| format!("{} has no '{name}' column", manifest.display()))
    };
    let (id, html) = (column("id")?, column("html")?);
    let folder = manifest.parent().unwrap_or_else(|| Path::new("."));
    let mut jobs = Vec::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split('\t').collect();
        let (Some(name), Some(page)) = (cells.get(id), cells.get(html)) else {
            continue;
        };
        if name.is_empty() || name.contains(['/', '\\']) || *name == ".." {
            bail!("{}: '{name}' is not a usable id", manifest.display());
        }
        jobs.push(Job {
            name: (*name).to_owned(),
            page: folder.join(page),
        });
    }
    Ok(jobs)
}

/// Extracts every job into `out` with `threads` threads; returns how many failed.
fn run_all(jobs: &[Job], out: &Path, threads: usize) -> usize {
    let next = AtomicUsize::new(0);
    let failed = AtomicUsize::new(0);
    let work = || {
        loop {
            let n = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(n) else { break };
            if let Err(error) = one(job, out) {
                eprintln!("{}: {error:#}", job.page.display());
                failed.fetch_add(1, Ordering::Relaxed);
            }
        }
    };
    if threads <= 1 {
        work();
    } else {
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(work);
            }
        });
    }
    failed.into_inner()
}

fn one(job: &Job, out: &Path) -> anyhow::Result<()> {
    let bytes = read(&job.page)?;
    let extracted = extract(&bytes, None, None, &ExtractOverrides::default());
    let path = out.join(format!("{}.txt", job.name));
    std::fs::write(&path, extracted.text())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// The extraction as plain text: metadata, then the main text.
fn describe(extracted: &Extracted) -> String {
    let mut out = String::new();
    let none = "(none)";
    let field = |value: Option<String>| value.unwrap_or_else(|| none.to_owned());
    let _ = writeln!(out, "title:     {}", field(extracted.title.clone()));
    let _ = writeln!(out, "lead:      {}", field(extracted.lead.clone()));
    let _ = writeln!(out, "byline:    {}", field(extracted.byline.clone()));
    let _ = writeln!(
        out,
        "published: {}",
        field(extracted.published.map(|t| t.to_string()))
    );
    let _ = writeln!(
        out,
        "updated:   {}",
        field(extracted.updated.map(|t| t.to_string()))
    );
    let _ = writeln!(
        out,
        "canonical: {}",
        field(extracted.canonical.as_ref().map(ToString::to_string))
    );
    let _ = writeln!(out, "site:      {}", field(extracted.site_name.clone()));
    let _ = writeln!(
        out,
        "language:  {}",
        field(extracted.language.as_ref().map(|l| l.as_str().to_owned()))
    );
    let _ = writeln!(
        out,
        "direction: {}",
        field(extracted.direction.map(|d| format!("{d:?}").to_lowercase()))
    );
    let _ = writeln!(
        out,
        "image:     {}",
        field(extracted.image.as_ref().map(ToString::to_string))
    );
    let _ = writeln!(out, "encoding:  {}", extracted.encoding);

    let _ = writeln!(out, "blocks:    {}", extracted.blocks.len());
    for image in &extracted.images {
        let _ = write!(out, "figure:    {}", image.url);
        if let Some(caption) = &image.caption {
            let _ = write!(out, " — {caption}");
        }
        if let Some(credit) = &image.credit {
            let _ = write!(out, " (credit: {credit})");
        }
        let _ = writeln!(out);
    }
    for video in &extracted.videos {
        let _ = writeln!(out, "video:     {video}");
    }
    let _ = writeln!(out);
    out.push_str(&extracted.text());
    out
}
