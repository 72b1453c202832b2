//! `herald models`: fetching an Argos-style package from a file server on loopback — whole,
//! after an interrupted download, with a wrong checksum, unsafe or not a zip — and listing
//! what is installed. The packages are tiny zips built here: `list` only reads their metadata
//! and checks that their files exist; loading real models is tested in herald_translate.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;

use crate::run_in;

/// `herald models <args> --data <dir>/data`.
fn models(dir: &Path, args: &[&str]) -> Output {
    let data = dir.join("data");
    let mut all = vec!["models"];
    all.extend_from_slice(args);
    all.extend(["--data", data.to_str().expect("a UTF-8 path")]);
    run_in(dir, &all)
}

fn models_dir(dir: &Path) -> PathBuf {
    dir.join("data").join("models")
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
    assert!(!output.status.success(), "{}", stdout(output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("herald:"))
        .collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    lines[0].to_owned()
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Bytes that do not compress, so that the archive is as large as its model.
fn weights(len: usize) -> Vec<u8> {
    let mut state: u32 = 0x9E37_79B9;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        })
        .collect()
}

/// A zip of `files` (path, bytes); the large ones stored, the rest deflated.
fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        let method = if bytes.len() > 1024 {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        zip.start_file(
            *name,
            SimpleFileOptions::default().compression_method(method),
        )
        .expect("a zip entry");
        zip.write_all(bytes).expect("zip data");
    }
    zip.finish().expect("a zip").into_inner()
}

/// An Argos package FROM → TO in its top folder `translate-FROM_TO-1_9/`, as the Argos index
/// serves them, with `model_bin` as its weights.
fn argos_package(from: &str, to: &str, model_bin: &[u8]) -> Vec<u8> {
    let top = format!("translate-{from}_{to}-1_9");
    let metadata = format!(
        r#"{{"package_version": "1.9", "argos_version": "1.9.0", "from_code": "{from}", "to_code": "{to}", "from_name": "", "to_name": ""}}"#
    );
    let files = [
        (format!("{top}/metadata.json"), metadata.as_bytes()),
        (format!("{top}/README.md"), b"A test package.".as_slice()),
        (format!("{top}/model/config.json"), b"{}".as_slice()),
        (format!("{top}/model/model.bin"), model_bin),
        (
            format!("{top}/model/shared_vocabulary.json"),
            b"[]".as_slice(),
        ),
        (format!("{top}/sentencepiece.model"), b"spm".as_slice()),
    ];
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    zip_of(&refs)
}

/// Serves one file on loopback at any path, honouring `Range: bytes=N-`; records the Range
/// header of every request; can cut its first answer off after some bytes, as a dropped
/// connection does. Stops when dropped.
struct FileServer {
    addr: SocketAddr,
    ranges: Arc<Mutex<Vec<Option<String>>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl FileServer {
    fn start(body: Vec<u8>, cut_first_after: Option<usize>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let addr = listener.local_addr().expect("its address");
        let ranges = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (ranges, stop) = (Arc::clone(&ranges), Arc::clone(&stop));
            std::thread::spawn(move || {
                let mut cut = cut_first_after;
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let _ = serve(stream, &body, &ranges, cut.take());
                }
            })
        };
        Self {
            addr,
            ranges,
            stop,
            thread: Some(thread),
        }
    }

    fn url(&self, file: &str) -> String {
        format!("http://{}/v1/{file}", self.addr)
    }

    fn ranges(&self) -> Vec<Option<String>> {
        self.ranges.lock().expect("the request log").clone()
    }
}

impl Drop for FileServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so that it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Answers one request on `stream`.
fn serve(
    mut stream: TcpStream,
    body: &[u8],
    ranges: &Mutex<Vec<Option<String>>>,
    cut_after: Option<usize>,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte)? == 0 {
            return Ok(());
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let range = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("range")
            .then(|| value.trim().to_owned())
    });
    ranges.lock().expect("the request log").push(range.clone());
    let len = body.len();
    let start = range
        .as_deref()
        .and_then(|r| r.strip_prefix("bytes="))
        .and_then(|r| r.strip_suffix('-'))
        .and_then(|n| n.parse::<usize>().ok());
    match start {
        Some(start) if start >= len => {
            write!(
                stream,
                "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */{len}\r\n\
                 Content-Length: 0\r\nConnection: close\r\n\r\n"
            )?;
        }
        Some(start) => {
            write!(
                stream,
                "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes {start}-{}/{len}\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n",
                len - 1,
                len - start
            )?;
            stream.write_all(&body[start..])?;
        }
        None => {
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/zip\r\nContent-Length: {len}\r\n\
                 Accept-Ranges: bytes\r\nConnection: close\r\n\r\n"
            )?;
            match cut_after {
                Some(cut) => {
                    stream.write_all(&body[..cut])?;
                    stream.flush()?;
                    // Lets the client take the bytes in before the connection drops.
                    std::thread::sleep(Duration::from_millis(300));
                    stream.shutdown(std::net::Shutdown::Both)?;
                }
                None => stream.write_all(body)?,
            }
        }
    }
    stream.flush()
}

#[test]
fn fetch_installs_a_package_and_prints_the_lines_that_enable_it() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let model_bin = weights(4096);
    let server = FileServer::start(argos_package("en", "vi", &model_bin), None);
    let url = server.url("translate-en_vi-1_9.argosmodel");

    let out = stdout(&models(dir, &["fetch", &url, "--quiet"]));
    let installed = models_dir(dir).join("translate-en_vi-1_9");
    assert!(
        out.starts_with(&format!(
            "Installed translate-en_vi-1_9: en-vi (marian, argos 1.9) in {}",
            installed.display()
        )),
        "{out}"
    );
    assert!(
        out.contains("[translate]\nengines = [\"neural\", \"apertium\"]\n"),
        "{out}"
    );
    assert_eq!(
        out.contains("cargo build --release --features neural"),
        !cfg!(feature = "neural"),
        "a herald without the neural engine says how to get it: {out}"
    );
    assert_eq!(
        std::fs::read(installed.join("model/model.bin")).unwrap(),
        model_bin
    );
    assert!(installed.join("sentencepiece.model").is_file());
    assert!(
        !models_dir(dir).join(".partial").exists(),
        "the download is removed once installed"
    );

    // Fetching it again is refused before anything is downloaded; --force replaces it.
    let again = one_line_error(&models(dir, &["fetch", &url, "--quiet"]));
    assert!(
        again.contains("already installed") && again.contains("--force"),
        "{again}"
    );
    assert_eq!(server.ranges().len(), 1);
    stdout(&models(dir, &["fetch", &url, "--quiet", "--force"]));
    assert_eq!(server.ranges().len(), 2);
    assert!(installed.join("model/model.bin").is_file());
    let leftovers: Vec<_> = std::fs::read_dir(models_dir(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers,
        ["translate-en_vi-1_9"],
        "no staging folder is left"
    );
}

#[test]
fn an_interrupted_download_resumes_from_where_it_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let model_bin = weights(256 * 1024);
    let package = argos_package("en", "fa", &model_bin);
    let sha256 = sha256_hex(&package);
    let cut = 100_000;
    let server = FileServer::start(package.clone(), Some(cut));
    let url = server.url("translate-en_fa-1_9.argosmodel");

    let stopped = one_line_error(&models(dir, &["fetch", &url, "--sha256", &sha256]));
    assert!(
        stopped.contains("stopped after") && stopped.contains("run the same command again"),
        "{stopped}"
    );
    let partial = models_dir(dir).join(".partial/translate-en_fa-1_9.argosmodel.partial");
    let kept = std::fs::metadata(&partial).unwrap().len();
    assert_eq!(kept, cut as u64, "every byte received is kept");
    assert!(!models_dir(dir).join("translate-en_fa-1_9").exists());

    let out = stdout(&models(dir, &["fetch", &url, "--sha256", &sha256]));
    assert!(
        out.contains("Installed translate-en_fa-1_9: en-fa"),
        "{out}"
    );
    assert_eq!(
        server.ranges(),
        [None, Some(format!("bytes={cut}-"))],
        "the second run asks only for the rest"
    );
    // The checksum of the whole package passed; the weights are intact.
    let installed = models_dir(dir).join("translate-en_fa-1_9/model/model.bin");
    assert_eq!(
        sha256_hex(&std::fs::read(installed).unwrap()),
        sha256_hex(&model_bin)
    );
    assert!(!partial.exists());
}

#[test]
fn a_wrong_checksum_is_refused_and_nothing_is_installed() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let package = argos_package("en", "ar", &weights(2048));
    let actual = sha256_hex(&package);
    let server = FileServer::start(package, None);
    let wrong = "ab".repeat(32);

    let error = one_line_error(&models(
        dir,
        &[
            "fetch",
            &server.url("translate-en_ar-1_9.argosmodel"),
            "--sha256",
            &wrong.to_uppercase(),
        ],
    ));
    assert!(
        error.contains(&format!("expected sha256 {wrong}")) && error.contains(&actual),
        "{error}"
    );
    assert!(error.contains("nothing was installed"), "{error}");
    assert!(!models_dir(dir).join("translate-en_ar-1_9").exists());
    assert!(
        !models_dir(dir)
            .join(".partial/translate-en_ar-1_9.argosmodel.partial")
            .exists(),
        "the bad download is deleted"
    );
}

#[test]
fn a_package_with_parent_paths_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let evil = zip_of(&[
        ("translate-en_de-1_0/metadata.json", b"{}"),
        ("translate-en_de-1_0/../../evil.txt", b"escaped"),
    ]);
    let server = FileServer::start(evil, None);

    let error = one_line_error(&models(
        dir,
        &["fetch", &server.url("translate-en_de-1_0.argosmodel")],
    ));
    assert!(
        error.contains("unsafe path 'translate-en_de-1_0/../../evil.txt'"),
        "{error}"
    );
    for place in [dir.to_path_buf(), dir.join("data"), models_dir(dir)] {
        assert!(!place.join("evil.txt").exists(), "{}", place.display());
    }
    let left: Vec<_> = std::fs::read_dir(models_dir(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "nothing is left behind: {left:?}");
}

#[test]
fn a_download_that_is_not_a_zip_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let server = FileServer::start(b"<html>Not here</html>".to_vec(), None);

    let error = one_line_error(&models(
        dir,
        &["fetch", &server.url("translate-en_es-1_0.argosmodel")],
    ));
    assert!(error.contains("is not a zip archive"), "{error}");
    assert!(!models_dir(dir).join("translate-en_es-1_0").exists());
}

#[test]
fn list_shows_the_pair_of_an_installed_package_and_why_a_folder_is_not_a_model() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let empty = stdout(&models(dir, &["list"]));
    assert!(empty.starts_with("No models in"), "{empty}");
    assert!(empty.contains("herald models fetch"), "{empty}");

    let server = FileServer::start(argos_package("zh", "en", &weights(3000)), None);
    stdout(&models(
        dir,
        &[
            "fetch",
            &server.url("translate-zh_en-1_9.argosmodel"),
            "--quiet",
        ],
    ));
    let broken = models_dir(dir).join("half-copied");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(
        broken.join("metadata.json"),
        r#"{"from_code": "en", "to_code": "vi"}"#,
    )
    .unwrap();

    let out = stdout(&models(dir, &["list"]));
    let row = out
        .lines()
        .find(|l| l.trim_start().starts_with("translate-zh_en-1_9"))
        .unwrap_or_else(|| panic!("{out}"));
    for cell in ["marian", "zh-en", "argos 1.9", "kB"] {
        assert!(row.contains(cell), "{cell} in {row}");
    }
    let problem = out
        .lines()
        .find(|l| l.trim_start().starts_with("half-copied:"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(problem.contains("model.bin"), "{problem}");
}

#[test]
fn fetching_an_unknown_name_lists_the_known_names() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let output = models(dir, &["fetch", "argos-en-xx"]);
    let error = one_line_error(&output);
    assert!(error.contains("no model is named 'argos-en-xx'"), "{error}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    for name in [
        "argos-en-vi",
        "argos-vi-en",
        "argos-en-fa",
        "argos-zh-en",
        "argos-de-en",
    ] {
        assert!(stderr.contains(name), "{name} in {stderr}");
    }
    assert!(!dir.join("data").exists(), "nothing is created");

    let scheme = one_line_error(&models(dir, &["fetch", "ftp://example.org/m.zip"]));
    assert!(scheme.contains("http:// or https://"), "{scheme}");
}
