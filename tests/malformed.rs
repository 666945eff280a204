//! Malformed inputs: several hundred bad files generated into a scratch directory, each run
//! through the `hezhang` binary. Every run must end with a report (exit 0/1, one JSON object on
//! stdout) or exit 2 with a clear message in the chosen language on stderr — never a panic, an
//! internal error, a signal, more than 10 s of wall time or more than 1 GB of resident memory.
//!
//! The families: truncated copies of the reference report and of every fixture, flipped bytes,
//! wrong encodings (UTF-16 without BOM, Big5, Shift_JIS, Latin-1 mojibake, GB18030 behind a
//! UTF-8 BOM), workbooks (a zip bomb disguised as .xlsx, a bomb that lies about its size, a
//! sheet whose two cells span the whole grid, truncated and flipped workbooks, OLE garbage),
//! hand-written PDFs (deep nesting, a billion pages, a page-tree cycle, truncated real PDFs),
//! zero bytes, an empty file, a 500 MB sparse file (must be refused from its metadata, before
//! being read), random binary, a 20 MB single line, lines of 100k tabs and repeated titles;
//! and every input the fuzz targets found (crates/hezhang-ingest/tests/fixtures/fuzz/).
//!
//! The binary is `$HEZHANG_BIN` when set, else the release build (built by this test through
//! cargo, in the same target directory). The worst wall time and memory are printed at the
//! end; `MALFORMED_VERBOSE=1` prints every input, `MALFORMED_ONLY=part` runs the inputs whose
//! name contains `part`, `MALFORMED_KEEP=1` keeps the generated files.

#![cfg(unix)]

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// CPU time (user + system) allowed per input. The limit is on CPU rather than wall time so
/// that a loaded machine (two shared cores, other builds) does not fail the suite; wall time
/// is measured too and a child still running after [`WALL_KILL`] is killed and fails.
const TIME_LIMIT: Duration = Duration::from_secs(10);
const WALL_KILL: Duration = Duration::from_secs(60);
const RSS_LIMIT_KB: i64 = 1024 * 1024;
/// Address-space cap of each child, so that a runaway allocation fails instead of taking the
/// machine down (RSS is what the limit above measures).
const AS_CAP: u64 = 8 << 30;

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `$HEZHANG_BIN`, else the release build, built here (once; cargo keeps it up to date) in
/// the target directory of this test. The limits are meant for the optimised binary: the
/// unoptimised one is several times slower on the large inputs.
fn binary() -> PathBuf {
    if let Some(b) = std::env::var_os("HEZHANG_BIN") {
        return PathBuf::from(b);
    }
    let debug_bin = Path::new(env!("CARGO_BIN_EXE_hezhang"));
    let target = debug_bin
        .parent()
        .and_then(Path::parent)
        .expect("target directory");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let t = Instant::now();
    let st = Command::new(cargo)
        .args([
            "build",
            "--release",
            "-q",
            "-p",
            "hezhang-cli",
            "--bin",
            "hezhang",
        ])
        .arg("--target-dir")
        .arg(target)
        .current_dir(manifest())
        .status()
        .expect("run cargo build --release");
    assert!(st.success(), "cargo build --release -p hezhang-cli failed");
    eprintln!("malformed: release build ready in {:.1?}", t.elapsed());
    target.join("release").join("hezhang")
}

/// A small deterministic generator (xorshift64*), so every run sees the same files.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// One generated input.
struct Case {
    name: String,
    path: PathBuf,
    /// Extra bound on resident memory (KB), for inputs that must be refused unread.
    rss_cap_kb: Option<i64>,
}

struct Gen {
    dir: PathBuf,
    cases: Vec<Case>,
}

impl Gen {
    fn add(&mut self, name: &str, bytes: &[u8]) {
        let path = self.dir.join(name);
        std::fs::write(&path, bytes).expect("write input");
        self.cases.push(Case {
            name: name.to_string(),
            path,
            rss_cap_kb: None,
        });
    }
}

fn reference_texts() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let seed = manifest().join("../../../shared/corpus/shanxi-jincheng-zwfw-2022.txt");
    match std::fs::read(&seed) {
        Ok(b) => out.push(("seed".to_string(), b)),
        Err(e) => eprintln!(
            "note: the reference report {} is not available ({e}); its truncations are skipped",
            seed.display()
        ),
    }
    let fixtures = manifest().join("../hezhang-core/tests/fixtures");
    let mut dirs: Vec<_> = std::fs::read_dir(&fixtures)
        .expect("fixtures directory")
        .flatten()
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for d in dirs {
        for which in ["pass", "fail"] {
            let p = d.join(format!("{which}.txt"));
            if let Ok(b) = std::fs::read(&p) {
                let code = d.file_name().unwrap().to_string_lossy().to_string();
                out.push((format!("{code}-{which}"), b));
            }
        }
    }
    out
}

fn generate(dir: &Path) -> Gen {
    let mut g = Gen {
        dir: dir.to_path_buf(),
        cases: Vec::new(),
    };
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let texts = reference_texts();
    let seed = texts
        .iter()
        .find(|(n, _)| n == "seed")
        .map(|(_, b)| b.clone())
        .unwrap_or_else(|| texts[0].1.clone());

    // truncations of the reference report at many lengths (some cut inside a character)
    for i in 1..=48 {
        let len = seed.len() * i / 49 + (i % 3);
        g.add(
            &format!("trunc-seed-{len}.txt"),
            &seed[..len.min(seed.len())],
        );
    }
    for len in [1, 2, 3, 7, 64, 333] {
        g.add(&format!("trunc-seed-head-{len}.txt"), &seed[..len]);
    }
    // every fixture, cut at a third and at two thirds (plus one byte, to split characters)
    for (name, b) in texts.iter().filter(|(n, _)| n != "seed") {
        for (k, len) in [b.len() / 3 + 1, b.len() * 2 / 3 + 1]
            .into_iter()
            .enumerate()
        {
            g.add(&format!("trunc-{name}-{k}.txt"), &b[..len.min(b.len())]);
        }
    }
    // flipped bytes
    for i in 0..36 {
        let mut b = seed.clone();
        let flips = [1, 3, 10, 100, 1000, 10000][i % 6];
        for _ in 0..flips {
            let at = rng.below(b.len());
            b[at] = match i % 4 {
                0 => b[at] ^ (1 << rng.below(8)),
                1 => 0,
                2 => 0xFF,
                _ => rng.next() as u8,
            };
        }
        g.add(&format!("flip-seed-{i}.txt"), &b);
    }
    for (name, b) in texts.iter().filter(|(n, _)| n != "seed").step_by(7) {
        let mut b = b.clone();
        for _ in 0..8 {
            let at = rng.below(b.len());
            b[at] ^= 0x80;
        }
        g.add(&format!("flip-{name}.txt"), &b);
    }
    encodings(&mut g, &texts);
    workbooks(&mut g, &mut rng);
    pdfs(&mut g, &mut rng);
    oddities(&mut g, &seed, &mut rng);
    fuzz_finds(&mut g);
    g
}

/// The inputs the fuzz targets found (crates/hezhang-ingest/tests/fixtures/fuzz/), run through
/// the CLI under the same limits: an .xls whose sector table loops once took 23 GB.
fn fuzz_finds(g: &mut Gen) {
    let dir = manifest().join("../hezhang-ingest/tests/fixtures/fuzz");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fuzz fixtures directory")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for f in files {
        let name = format!("fuzz-{}", f.file_name().unwrap().to_string_lossy());
        g.add(&name, &std::fs::read(&f).expect("read fuzz fixture"));
    }
}

fn encodings(g: &mut Gen, texts: &[(String, Vec<u8>)]) {
    let picks: Vec<&(String, Vec<u8>)> = texts.iter().step_by(6).collect();
    for (name, b) in picks {
        let s = String::from_utf8_lossy(b);
        let le: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        g.add(&format!("enc-{name}-utf16le-nobom.txt"), &le);
        g.add(&format!("enc-{name}-utf16be-nobom.txt"), &be);
        let mut odd = vec![0xFF, 0xFE];
        odd.extend_from_slice(&le[..le.len() - 1]);
        g.add(&format!("enc-{name}-utf16le-bom-odd.txt"), &odd);
        let utf32: Vec<u8> = s.chars().flat_map(|c| (c as u32).to_le_bytes()).collect();
        g.add(&format!("enc-{name}-utf32le.txt"), &utf32);
        for (label, enc) in [
            ("big5", encoding_rs::BIG5),
            ("sjis", encoding_rs::SHIFT_JIS),
            ("euckr", encoding_rs::EUC_KR),
        ] {
            let (bytes, _, _) = enc.encode(&s);
            g.add(&format!("enc-{name}-{label}.txt"), &bytes);
        }
        // UTF-8 read as Latin-1 and saved again as UTF-8 (once and twice)
        let once: String = b.iter().map(|&c| c as char).collect();
        g.add(&format!("enc-{name}-latin1-mojibake.txt"), once.as_bytes());
        let twice: String = once.bytes().map(|c| c as char).collect();
        g.add(
            &format!("enc-{name}-latin1-mojibake2.txt"),
            twice.as_bytes(),
        );
        // GB18030 bytes behind a UTF-8 BOM (declared UTF-8)
        let (gb, _, _) = encoding_rs::GB18030.encode(&s);
        let mut declared = b"\xEF\xBB\xBF".to_vec();
        declared.extend_from_slice(&gb);
        g.add(&format!("enc-{name}-gb18030-as-utf8.txt"), &declared);
        // half UTF-8, half GB18030
        let mut mixed = b[..b.len() / 2].to_vec();
        mixed.extend_from_slice(&gb[gb.len() / 2..]);
        g.add(&format!("enc-{name}-mixed.txt"), &mixed);
    }
}

// ---------------------------------------------------------------- workbooks

/// CRC-32 (IEEE) of `data`.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn gf2_times(mat: &[u32; 32], mut vec: u32) -> u32 {
    let mut sum = 0;
    let mut i = 0;
    while vec != 0 {
        if vec & 1 != 0 {
            sum ^= mat[i];
        }
        vec >>= 1;
        i += 1;
    }
    sum
}

fn gf2_square(square: &mut [u32; 32], mat: &[u32; 32]) {
    for n in 0..32 {
        square[n] = gf2_times(mat, mat[n]);
    }
}

/// CRC of A‖B from crc(A), crc(B) and |B| (zlib's crc32_combine).
fn crc_combine(crc1: u32, crc2: u32, mut len2: u64) -> u32 {
    if len2 == 0 {
        return crc1;
    }
    let mut even = [0u32; 32];
    let mut odd = [0u32; 32];
    odd[0] = 0xEDB8_8320;
    let mut row = 1;
    for o in odd.iter_mut().skip(1) {
        *o = row;
        row <<= 1;
    }
    gf2_square(&mut even, &odd);
    gf2_square(&mut odd, &even);
    let mut crc1 = crc1;
    loop {
        gf2_square(&mut even, &odd);
        if len2 & 1 != 0 {
            crc1 = gf2_times(&even, crc1);
        }
        len2 >>= 1;
        if len2 == 0 {
            break;
        }
        gf2_square(&mut odd, &even);
        if len2 & 1 != 0 {
            crc1 = gf2_times(&odd, crc1);
        }
        len2 >>= 1;
        if len2 == 0 {
            break;
        }
    }
    crc1 ^ crc2
}

/// CRC-32 of `data` repeated `n` times, without materialising it (square and multiply).
fn crc32_repeated(data: &[u8], n: u64) -> u32 {
    let mut acc: Option<(u32, u64)> = None;
    let (mut pow, mut pow_len, mut k) = (crc32(data), data.len() as u64, n);
    while k > 0 {
        if k & 1 != 0 {
            acc = Some(match acc {
                None => (pow, pow_len),
                Some((a, alen)) => (crc_combine(a, pow, pow_len), alen + pow_len),
            });
        }
        pow = crc_combine(pow, pow, pow_len);
        pow_len *= 2;
        k >>= 1;
    }
    acc.map(|(c, _)| c).unwrap_or(0)
}

/// CRC of a concatenation from the parts' CRCs and lengths.
fn crc_concat(parts: &[(u32, u64)]) -> u32 {
    parts
        .iter()
        .copied()
        .reduce(|(a, alen), (b, blen)| (crc_combine(a, b, blen), alen + blen))
        .map(|(c, _)| c)
        .unwrap_or(0)
}

/// One zip entry: name, method (0 stored, 8 deflate), data as stored, CRC, declared size.
struct Entry {
    name: String,
    method: u16,
    data: Vec<u8>,
    crc: u32,
    size: u32,
}

fn stored(name: &str, data: &[u8]) -> Entry {
    Entry {
        name: name.to_string(),
        method: 0,
        data: data.to_vec(),
        crc: crc32(data),
        size: data.len() as u32,
    }
}

fn zip(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central {
                h.extend_from_slice(&20u16.to_le_bytes()); // made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // needed
            h.extend_from_slice(&0u16.to_le_bytes()); // flags
            h.extend_from_slice(&e.method.to_le_bytes());
            h.extend_from_slice(&[0, 0, 0x21, 0]); // time, date (1980-01-01)
            h.extend_from_slice(&e.crc.to_le_bytes());
            h.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
            h.extend_from_slice(&e.size.to_le_bytes());
            h.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&[0; 6]); // comment length, disk, internal attrs
                h.extend_from_slice(&0u32.to_le_bytes()); // external attrs
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(e.name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend_from_slice(&e.data);
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_TAIL: &str = "</sheetData></worksheet>";

/// The parts of a one-sheet workbook other than the sheet.
fn workbook_parts() -> Vec<Entry> {
    vec![
        stored("[Content_Types].xml", br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#),
        stored("_rels/.rels", br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        stored("xl/workbook.xml", br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        stored("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
    ]
}

fn workbook(sheet_xml: Entry) -> Vec<u8> {
    let mut parts = workbook_parts();
    parts.push(sheet_xml);
    zip(&parts)
}

/// A deflated sheet whose body is `row` repeated until it inflates to about `total` bytes:
/// one full-flush deflate segment of a 1 MiB chunk, repeated, then a final empty block.
fn bomb_sheet(row: &str, total: u64, declared: Option<u32>) -> Entry {
    use flate2::{Compress, Compression, FlushCompress};
    let per_chunk = (1 << 20) / row.len();
    let chunk = row.repeat(per_chunk);
    let mut c = Compress::new(Compression::best(), false);
    let mut seg = Vec::with_capacity(chunk.len());
    let mut head = Vec::with_capacity(4096);
    c.compress_vec(SHEET_HEAD.as_bytes(), &mut head, FlushCompress::Full)
        .unwrap();
    let before = c.total_out();
    c.compress_vec(chunk.as_bytes(), &mut seg, FlushCompress::Full)
        .unwrap();
    assert_eq!(c.total_out() - before, seg.len() as u64);
    let mut tail = Vec::with_capacity(4096);
    c.compress_vec(SHEET_TAIL.as_bytes(), &mut tail, FlushCompress::Finish)
        .unwrap();
    let n = total / chunk.len() as u64;
    let mut data = head;
    for _ in 0..n {
        data.extend_from_slice(&seg);
    }
    data.extend_from_slice(&tail);
    let size = SHEET_HEAD.len() as u64 + n * chunk.len() as u64 + SHEET_TAIL.len() as u64;
    let body_crc = crc32_repeated(chunk.as_bytes(), n);
    // crc(head || body || tail): extend by hand over the short head and tail
    let crc = crc_concat(&[
        (crc32(SHEET_HEAD.as_bytes()), SHEET_HEAD.len() as u64),
        (body_crc, n * chunk.len() as u64),
        (crc32(SHEET_TAIL.as_bytes()), SHEET_TAIL.len() as u64),
    ]);
    Entry {
        name: "xl/worksheets/sheet1.xml".into(),
        method: 8,
        data,
        crc,
        size: declared.unwrap_or(u32::try_from(size).expect("under 4 GiB")),
    }
}

fn workbooks(g: &mut Gen, rng: &mut Rng) {
    let row = r#"<row><c t="inlineStr"><is><t>合计</t></is></c><c><v>1234.56</v></c><c><v>7</v></c></row>"#;
    // the bomb: about 3 GB of rows in a few MB of .xlsx
    g.add(
        "bomb-3g.xlsx",
        &workbook(bomb_sheet(row, 3_000_000_000, None)),
    );
    // the same, declaring a small size (the reader must stop at the declared size)
    g.add(
        "bomb-lying.xlsx",
        &workbook(bomb_sheet(row, 1_000_000_000, Some(1_000_000))),
    );
    // a tiny sheet whose two cells span the whole grid (a dense range would be 17 G cells)
    let spread = format!(
        r#"{SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>合计</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>{SHEET_TAIL}"#
    );
    g.add(
        "spread-grid.xlsx",
        &workbook(stored("xl/worksheets/sheet1.xml", spread.as_bytes())),
    );
    let wide = format!(
        r#"{SHEET_HEAD}<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row><row r="60000"><c r="A60000"><v>3</v></c></row>{SHEET_TAIL}"#
    );
    g.add(
        "spread-60k-rows.xlsx",
        &workbook(stored("xl/worksheets/sheet1.xml", wide.as_bytes())),
    );
    // a small valid workbook, then its truncations and flips
    let mut rows = String::from(SHEET_HEAD);
    for (i, (label, v)) in [
        ("收入合计", "100.00"),
        ("财政拨款收入", "60.00"),
        ("其他收入", "40.00"),
    ]
    .iter()
    .enumerate()
    {
        rows.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{label}</t></is></c><c r="B{r}"><v>{v}</v></c></row>"#,
            r = i + 1
        ));
    }
    rows.push_str(SHEET_TAIL);
    let good = workbook(stored("xl/worksheets/sheet1.xml", rows.as_bytes()));
    g.add("small-valid.xlsx", &good);
    for i in 1..=12 {
        let len = good.len() * i / 13;
        g.add(&format!("trunc-xlsx-{len}.xlsx"), &good[..len]);
    }
    for i in 0..12 {
        let mut b = good.clone();
        for _ in 0..(1 + i * 3) {
            let at = rng.below(b.len());
            b[at] = rng.next() as u8;
        }
        g.add(&format!("flip-xlsx-{i}.xlsx"), &b);
    }
    let mut garbage_zip = b"PK\x03\x04".to_vec();
    garbage_zip.extend(rng.bytes(5000));
    g.add("pk-garbage.xlsx", &garbage_zip);
    g.add("empty-zip.xlsx", &zip(&[]));
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(rng.bytes(4096));
    g.add("ole-garbage.xls", &ole);
    let mut ole_head = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole_head.extend(std::iter::repeat_n(0xFF, 504));
    g.add("ole-ff.xls", &ole_head);
    g.add(
        "seed-named.xlsx",
        b"not a workbook\n\xe5\x90\x88\xe8\xae\xa1\t1.00\n",
    );
}

// ---------------------------------------------------------------- PDFs

/// A PDF from object bodies (numbered from 1), with a correct xref table.
fn pdf(objects: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn page(contents: &str) -> Vec<String> {
    vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".into(),
        format!("<< /Length {} >>\nstream\n{contents}\nendstream", contents.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
    ]
}

fn pdfs(g: &mut Gen, rng: &mut Rng) {
    g.add(
        "pdf-minimal.pdf",
        &pdf(&page("BT /F1 12 Tf 72 720 Td (Hello) Tj ET")),
    );
    // deep nesting in the catalog, in a content stream and in a dictionary
    for depth in [1_000, 100_000] {
        let mut objs = page("BT /F1 12 Tf 72 720 Td (x) Tj ET");
        objs[0] = format!(
            "<< /Type /Catalog /Pages 2 0 R /Deep {}{} >>",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        g.add(&format!("pdf-deep-array-{depth}.pdf"), &pdf(&objs));
        let mut objs = page(&format!("{}{}", "q ".repeat(depth), "Q ".repeat(depth)));
        objs[1] = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into();
        g.add(&format!("pdf-deep-q-{depth}.pdf"), &pdf(&objs));
        let mut objs = page("BT ET");
        objs[4] = format!(
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /X {}1{} >>",
            "<< /A ".repeat(depth),
            " >>".repeat(depth)
        );
        g.add(&format!("pdf-deep-dict-{depth}.pdf"), &pdf(&objs));
    }
    // a page tree claiming a billion pages: one node listing itself, and a huge Kids array
    let mut objs = page("BT ET");
    objs[1] = "<< /Type /Pages /Kids [2 0 R 3 0 R 2 0 R] /Count 1000000000 >>".into();
    g.add("pdf-pages-cycle.pdf", &pdf(&objs));
    let mut objs = page("BT /F1 12 Tf 72 720 Td (p) Tj ET");
    objs[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count 1000000000 >>",
        "3 0 R ".repeat(200_000)
    );
    g.add("pdf-200k-pages.pdf", &pdf(&objs));
    // a doubling tree: 30 levels of Pages nodes each listing the next twice (2^30 leaves)
    let mut objs: Vec<String> = vec!["<< /Type /Catalog /Pages 2 0 R >>".into()];
    for level in 0..30 {
        let me = level + 2;
        objs.push(format!(
            "<< /Type /Pages /Kids [{n} 0 R {n} 0 R] /Count {} >>",
            1u64 << (30 - level),
            n = me + 1
        ));
    }
    objs.push("<< /Type /Page /MediaBox [0 0 595 842] >>".into());
    g.add("pdf-doubling-tree.pdf", &pdf(&objs));
    // a stream claiming a huge length, an object that refers to itself, a broken xref
    let mut objs = page("BT ET");
    objs[3] = "<< /Length 99999999999 >>\nstream\nBT ET\nendstream".into();
    g.add("pdf-huge-length.pdf", &pdf(&objs));
    let mut objs = page("BT ET");
    objs[3] = "4 0 R".into();
    g.add("pdf-self-ref.pdf", &pdf(&objs));
    let mut b = pdf(&page("BT ET"));
    let n = b.len();
    b[n - 20..n - 6].copy_from_slice(b"99999999999999");
    g.add("pdf-bad-startxref.pdf", &b);
    let mut header_only = b"%PDF-1.7\n".to_vec();
    header_only.extend(rng.bytes(3000));
    g.add("pdf-header-garbage.pdf", &header_only);
    g.add("pdf-header-only.pdf", b"%PDF-");
    // truncated real reports
    let corpus = manifest().join("../../../shared/corpus");
    if let Ok(rd) = std::fs::read_dir(&corpus) {
        let mut pdfs: Vec<PathBuf> = rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
            .collect();
        pdfs.sort();
        for (k, p) in pdfs.iter().enumerate() {
            let Ok(b) = std::fs::read(p) else { continue };
            for i in [1usize, 5, 20, 50, 90, 99] {
                let len = b.len() * i / 100;
                g.add(&format!("trunc-pdf{k}-{i}pct.pdf"), &b[..len]);
            }
            let mut f = b.clone();
            for _ in 0..50 {
                let at = rng.below(f.len());
                f[at] = rng.next() as u8;
            }
            g.add(&format!("flip-pdf{k}.pdf"), &f);
        }
    }
}

// ---------------------------------------------------------------- everything else

fn oddities(g: &mut Gen, seed: &[u8], rng: &mut Rng) {
    g.add("empty.txt", b"");
    g.add("zeros-1k.txt", &[0u8; 1024]);
    g.add("zeros-1m.txt", &vec![0u8; 1 << 20]);
    g.add("whitespace.txt", &b" \t\r\n".repeat(10_000));
    g.add("newlines-10m.txt", &vec![b'\n'; 10 << 20]);
    g.add("bom-only.txt", b"\xEF\xBB\xBF");
    g.add("utf16-bom-only.txt", b"\xFF\xFE");
    for (i, n) in [1usize, 100, 4096, 1 << 20, 8 << 20]
        .into_iter()
        .enumerate()
    {
        g.add(&format!("random-{i}.bin"), &rng.bytes(n));
        g.add(&format!("random-{i}.txt"), &rng.bytes(n));
    }
    // random bytes that are valid UTF-8 and mostly CJK and digits
    let alphabet: Vec<char> = "合计收入支出财政拨款一般公共预算项目万元0123456789.,，。\t%"
        .chars()
        .collect();
    for i in 0..4 {
        let s: String = (0..50_000)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        g.add(&format!("random-cjk-{i}.txt"), s.as_bytes());
    }
    // a 20 MB text of one line
    let unit = "合计\t1,234.56\t公开01表\t部门名称：某单位\t";
    g.add(
        "one-line-20mb.txt",
        unit.repeat((20 << 20) / unit.len()).as_bytes(),
    );
    g.add("one-line-digits.txt", &vec![b'9'; 20 << 20]);
    let mut dotted = b"1.".to_vec();
    dotted.extend(std::iter::repeat_n(b'5', 1 << 20));
    g.add("one-number-1m-digits.txt", &dotted);
    // lines of 100k tabs, under a real heading
    let head: Vec<u8> = seed
        .split(|&b| b == b'\n')
        .take(5)
        .collect::<Vec<_>>()
        .join(&b'\n');
    let mut tabs = head.clone();
    for i in 0..50 {
        tabs.push(b'\n');
        tabs.extend_from_slice("合计".as_bytes());
        tabs.extend(std::iter::repeat_n(b'\t', 100_000));
        tabs.extend_from_slice(format!("{i}.00").as_bytes());
    }
    g.add("tabs-100k.txt", &tabs);
    // 10 MB of tabs: 10 M empty cells would take over 1 GB as grid cells
    let mut many = head.clone();
    for _ in 0..100 {
        many.extend_from_slice("\n合计".as_bytes());
        many.extend(std::iter::repeat_n(b'\t', 100_000));
        many.extend_from_slice(b"1.00");
    }
    g.add("tabs-10mb.txt", &many);
    let mut tab_cells = head.clone();
    tab_cells.push(b'\n');
    tab_cells.extend("1.00\t".repeat(100_000).as_bytes());
    g.add("cells-100k.txt", &tab_cells);
    // deeply repeated titles and headings
    let title = "收入支出决算总表\n公开01表\n部门名称：某单位\n2022年度\n金额单位：元\n";
    g.add("titles-100k.txt", title.repeat(100_000).as_bytes());
    g.add(
        "title-line-200k.txt",
        "收入支出决算总表\n".repeat(200_000).as_bytes(),
    );
    let grid = "收入支出决算总表\n公开01表\n金额单位：元\n项目\t决算数\n一般公共预算财政拨款收入\t1.00\n收入合计\t1.00\n";
    g.add("tables-20k.txt", grid.repeat(20_000).as_bytes());
    g.add("seed-x40.txt", &seed.repeat(40));
    let part = "第三部分 情况说明\n一、收入支出决算总体情况说明\n2022年度收入总计1.00万元，比上年增加1.00万元，增长100.00%。\n";
    // the narrative binder grows faster than linearly with the sentence count (2 500 of these
    // paragraphs take about 4 s in release, 10 000 about 30 s); MALFORMED_HEAVY=1 adds the
    // 50 000-paragraph case that exceeds the limit
    g.add("narrative-1k.txt", part.repeat(1_000).as_bytes());
    if std::env::var_os("MALFORMED_HEAVY").is_some() {
        g.add("narrative-50k.txt", part.repeat(50_000).as_bytes());
    }
    g.add(
        "crlf-seed.txt",
        &seed
            .iter()
            .flat_map(|&b| {
                if b == b'\n' {
                    vec![b'\r', b'\n']
                } else {
                    vec![b]
                }
            })
            .collect::<Vec<_>>(),
    );
    g.add(
        "cr-only-seed.txt",
        &seed
            .iter()
            .map(|&b| if b == b'\n' { b'\r' } else { b })
            .collect::<Vec<_>>(),
    );
    g.add("short-lines-1m.txt", "1\n".repeat(1 << 20).as_bytes());
    g.add("csv-quotes.csv", "\"".repeat(1 << 20).as_bytes());
    g.add("csv-wide.csv", ",".repeat(1 << 20).as_bytes());
    // over the size limit, and a 500 MB sparse file (must be refused from its metadata)
    g.add("over-limit.txt", &vec![b'a'; 51 << 20]);
    let sparse = g.dir.join("sparse-500mb.txt");
    let st = Command::new("truncate")
        .args(["-s", "500M"])
        .arg(&sparse)
        .status();
    if !st.is_ok_and(|s| s.success()) {
        std::fs::File::create(&sparse)
            .and_then(|f| f.set_len(500 << 20))
            .expect("sparse file");
    }
    g.cases.push(Case {
        name: "sparse-500mb.txt".into(),
        path: sparse,
        rss_cap_kb: Some(100 * 1024),
    });
}

// ---------------------------------------------------------------- running

struct Outcome {
    name: String,
    wall: Duration,
    cpu: Duration,
    rss_kb: i64,
    problem: Option<String>,
    code: i32,
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

fn run_one(bin: &Path, case: &Case, lang: &str, scratch: &Path, idx: usize) -> Outcome {
    let out_path = scratch.join(format!("out-{idx}"));
    let err_path = scratch.join(format!("err-{idx}"));
    let stdout = std::fs::File::create(&out_path).expect("stdout file");
    let stderr = std::fs::File::create(&err_path).expect("stderr file");
    let mut cmd = Command::new(bin);
    cmd.args(["check", "--format", "json", "--lang", lang])
        .arg(&case.path)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .env("RUST_BACKTRACE", "0");
    // SAFETY: setrlimit is async-signal-safe; the closure allocates nothing.
    unsafe {
        cmd.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: AS_CAP,
                rlim_max: AS_CAP,
            };
            libc::setrlimit(libc::RLIMIT_AS, &lim);
            Ok(())
        });
    }
    let start = Instant::now();
    let child = cmd.spawn().expect("spawn hezhang");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value to be overwritten by wait4.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut killed = false;
    loop {
        // SAFETY: waits for our own child; status and usage are valid out-pointers.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        if r < 0 {
            panic!("wait4 failed: {}", std::io::Error::last_os_error());
        }
        if !killed && start.elapsed() > WALL_KILL {
            // SAFETY: signals our own child, which has not been reaped yet.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            killed = true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let wall = start.elapsed();
    drop(child);
    let rss_kb = usage.ru_maxrss;
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let cpu = tv(usage.ru_utime) + tv(usage.ru_stime);
    let out = std::fs::read(&out_path).unwrap_or_default();
    let err = String::from_utf8_lossy(&std::fs::read(&err_path).unwrap_or_default()).to_string();
    let _ = std::fs::remove_file(&out_path);
    let _ = std::fs::remove_file(&err_path);
    let exited = libc::WIFEXITED(status);
    let code = if exited {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    let mut problems = Vec::new();
    if killed {
        problems.push(format!(
            "killed after {wall:.1?} of wall time ({cpu:.1?} CPU)"
        ));
    } else if cpu > TIME_LIMIT {
        problems.push(format!("took {cpu:.1?} CPU (limit {TIME_LIMIT:?})"));
    }
    if !exited && !killed {
        problems.push(format!("ended by signal {}", libc::WTERMSIG(status)));
    }
    if rss_kb > RSS_LIMIT_KB {
        problems.push(format!("max RSS {} MB (limit 1024 MB)", rss_kb / 1024));
    }
    if let Some(cap) = case.rss_cap_kb {
        if rss_kb > cap {
            problems.push(format!(
                "max RSS {} MB: the file was read although it must be refused unread",
                rss_kb / 1024
            ));
        }
    }
    if err.contains("panicked") {
        problems.push(format!("panicked: {}", err.trim()));
    }
    if err.contains("内部错误") || err.contains("Internal error") {
        problems.push(format!("internal error: {}", err.trim()));
    }
    if err.contains("memory allocation") {
        problems.push(format!("allocation failure: {}", err.trim()));
    }
    if exited {
        match code {
            0 | 1 => {
                let text = String::from_utf8_lossy(&out);
                let first = text.lines().next().unwrap_or("");
                match serde_json::from_str::<serde_json::Value>(first) {
                    Ok(v) if v.get("findings").is_some() => {}
                    _ => problems.push(format!(
                        "exit {code} without a JSON report on stdout: {:.200}",
                        first
                    )),
                }
            }
            2 => {
                let path = case.path.display().to_string();
                let msg = err.replace(&path, "");
                let msg = msg.trim().trim_start_matches(':').trim();
                if msg.is_empty() {
                    problems.push("exit 2 with nothing on stderr".into());
                } else if lang == "zh" && !has_cjk(msg) {
                    problems.push(format!("exit 2, message not in Chinese: {msg}"));
                } else if lang == "en"
                    && (has_cjk(msg) || !msg.chars().any(|c| c.is_ascii_alphabetic()))
                {
                    problems.push(format!("exit 2, message not in English: {msg}"));
                }
            }
            c => problems.push(format!("exit code {c}")),
        }
    }
    Outcome {
        name: format!("{} [{lang}]", case.name),
        wall,
        cpu,
        rss_kb,
        problem: (!problems.is_empty()).then(|| problems.join("; ")),
        code,
    }
}

#[test]
fn malformed_inputs_end_cleanly_within_limits() {
    let bin = binary();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("malformed");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let t0 = Instant::now();
    let g = generate(&dir);
    let gen_time = t0.elapsed();
    assert!(
        g.cases.len() >= 300,
        "only {} malformed inputs generated",
        g.cases.len()
    );
    let only = std::env::var("MALFORMED_ONLY").ok();
    let cases: Vec<&Case> = g
        .cases
        .iter()
        .filter(|c| only.as_deref().is_none_or(|o| c.name.contains(o)))
        .collect();
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .min(2);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(case) = cases.get(i) else { break };
                let lang = if i.is_multiple_of(2) { "zh" } else { "en" };
                let o = run_one(&bin, case, lang, &dir, i);
                results.lock().unwrap().push(o);
            });
        }
    });
    let results = results.into_inner().unwrap();
    if std::env::var_os("MALFORMED_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    let by_code = |c: i32| results.iter().filter(|o| o.code == c).count();
    let slowest = results.iter().max_by_key(|o| o.wall).unwrap();
    let busiest = results.iter().max_by_key(|o| o.cpu).unwrap();
    let largest = results.iter().max_by_key(|o| o.rss_kb).unwrap();
    eprintln!(
        "malformed: {} inputs via {} (generated in {:.1?}, ran in {:.1?}); exit 0: {}, 1: {}, 2: {}",
        results.len(),
        bin.display(),
        gen_time,
        t0.elapsed() - gen_time,
        by_code(0),
        by_code(1),
        by_code(2),
    );
    let line = |o: &Outcome| {
        format!(
            "{:>8.2?} CPU {:>8.2?} wall {:>5} MB  exit {:>2}  {}",
            o.cpu,
            o.wall,
            o.rss_kb / 1024,
            o.code,
            o.name
        )
    };
    let mut by_time: Vec<&Outcome> = results.iter().collect();
    by_time.sort_by_key(|o| std::cmp::Reverse(o.cpu));
    let shown = if std::env::var_os("MALFORMED_VERBOSE").is_some() {
        by_time.len()
    } else {
        5
    };
    for o in by_time.iter().take(shown) {
        eprintln!("  {}", line(o));
    }
    eprintln!(
        "  worst CPU time {:.2?} ({}); worst wall time {:.2?} ({}); worst max RSS {} MB ({})",
        busiest.cpu,
        busiest.name,
        slowest.wall,
        slowest.name,
        largest.rss_kb / 1024,
        largest.name
    );
    let failures: Vec<String> = results
        .iter()
        .filter_map(|o| o.problem.as_ref().map(|p| format!("{}: {p}", o.name)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} malformed inputs failed:\n{}",
        failures.len(),
        results.len(),
        failures.join("\n")
    );
}

#[test]
fn crc_of_repeats_matches_the_direct_crc() {
    let chunk = b"<row><c><v>1</v></c></row>";
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    for n in [1u64, 2, 3, 7, 64] {
        let direct = crc32(&chunk.repeat(n as usize));
        assert_eq!(crc32_repeated(chunk, n), direct, "n = {n}");
    }
    let whole = [&b"head"[..], &chunk.repeat(5), b"tail"].concat();
    assert_eq!(
        crc_concat(&[
            (crc32(b"head"), 4),
            (crc32_repeated(chunk, 5), 5 * chunk.len() as u64),
            (crc32(b"tail"), 4)
        ]),
        crc32(&whole)
    );
}
