//! Publishing a check: the page's URL parameters, links that reopen a view, and the embed
//! snippet. Pure string work, tested on the host; the browser side (fetching `src`, copying,
//! compressing) lives in `app.rs` and `dom.rs`.
//!
//! - `index.html?src=<report URL>#finding=<id or rule code>` reopens a report hosted on the same
//!   site with a finding chosen; no server rewrites are needed (static hosting).
//! - `embed.html?src=…&finding=…` (or `index.html?embed=1&src=…`) shows the verdict and that
//!   finding's table compactly, for an `<iframe>` in an article.
//! - `#text=<base64url of deflate-raw>` carries pasted text, only when the reader opts in.

use hezhang_core::output::FindingOut;
use hezhang_core::Lang;

/// What the page's address asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    /// A report file to fetch (same origin only), as written in the address.
    pub src: Option<String>,
    /// A finding to choose: its id (`F3`) or a rule code (`PROC-TOTAL`).
    pub finding: Option<String>,
    /// Compressed pasted text (`#text=`), still encoded.
    pub text: Option<String>,
    /// `?embed=1`.
    pub embed: bool,
    /// `?lang=zh|en`: the page's language, over the reader's stored choice.
    pub lang: Option<Lang>,
}

/// Read `location.search` and `location.hash` (with or without their `?` / `#`).
/// The fragment wins over the query for `finding`.
pub fn parse_params(search: &str, hash: &str) -> Params {
    let mut p = Params::default();
    for (k, v) in pairs(search.strip_prefix('?').unwrap_or(search)) {
        match k.as_str() {
            "src" if !v.is_empty() => p.src = Some(v),
            "finding" if !v.is_empty() => p.finding = Some(v),
            "embed" => p.embed = v != "0",
            "lang" => p.lang = Lang::parse(&v),
            _ => {}
        }
    }
    for (k, v) in pairs(hash.strip_prefix('#').unwrap_or(hash)) {
        match k.as_str() {
            "finding" if !v.is_empty() => p.finding = Some(v),
            "text" if !v.is_empty() => p.text = Some(v),
            _ => {}
        }
    }
    p
}

fn pairs(s: &str) -> impl Iterator<Item = (String, String)> + '_ {
    s.split('&').filter(|kv| !kv.is_empty()).map(|kv| {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        (decode(k), decode(v))
    })
}

/// Percent-decode a query or fragment component (`+` is a space); bad escapes stay as they are.
pub fn decode(s: &str) -> String {
    decode_with(s, true)
}

/// Percent-decode a URL for display (`+` stays a plus, as in a path).
pub fn decode_path(s: &str) -> String {
    decode_with(s, false)
}

fn decode_with(s: &str, plus_is_space: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' if plus_is_space => out.push(b' '),
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// Percent-encode a query or fragment value. Unreserved characters and `/` stay readable.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The finding `key` names: an id (`F3`) first, else the first finding of a rule code.
pub fn find_finding(findings: &[FindingOut], key: &str) -> Option<usize> {
    let key = key.trim();
    findings
        .iter()
        .position(|f| f.id.eq_ignore_ascii_case(key))
        .or_else(|| {
            findings
                .iter()
                .position(|f| f.rule.eq_ignore_ascii_case(key))
        })
}

/// A file name for a report fetched from `url`: its last path segment, decoded.
pub fn file_name_of(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let last = path.rsplit('/').next().unwrap_or("");
    let name = decode(last);
    if name.trim().is_empty() {
        "report".to_string()
    } else {
        name
    }
}

/// `{base}index.html?src=…#finding=…`: reopens the report at `src` with the finding chosen.
/// `base` is the app's folder (the document's base URL), ending in `/`.
pub fn share_link(base: &str, src: &str, finding: Option<&str>) -> String {
    let mut s = format!("{base}index.html?src={}", encode(src));
    if let Some(f) = finding {
        s.push_str("#finding=");
        s.push_str(&encode(f));
    }
    s
}

/// `{base}embed.html?src=…&finding=…&lang=…`: the embed speaks the language it was made in.
pub fn embed_link(base: &str, src: &str, finding: Option<&str>, lang: Lang) -> String {
    let mut s = format!("{base}embed.html?src={}", encode(src));
    if let Some(f) = finding {
        s.push_str("&finding=");
        s.push_str(&encode(f));
    }
    s.push_str(match lang {
        Lang::Zh => "&lang=zh",
        Lang::En => "&lang=en",
    });
    s
}

/// `{base}index.html#text=…`: pasted text carried in the fragment (never sent to a server).
pub fn text_link(base: &str, packed: &str) -> String {
    format!("{base}index.html#text={packed}")
}

/// The longest `#text=` value offered: links beyond this break in mail and chat programs.
pub const MAX_TEXT_LINK: usize = 8_000;

/// Escape text for an HTML attribute or text node.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The `<iframe>` an article pastes: works alone at a fixed height.
pub fn iframe_code(embed_url: &str, title: &str, frame_id: &str, height: u32) -> String {
    format!(
        "<iframe id=\"{}\" src=\"{}\" title=\"{}\" width=\"100%\" height=\"{height}\" \
         style=\"border:0;max-width:100%\" loading=\"lazy\"></iframe>",
        escape_html(frame_id),
        escape_html(embed_url),
        escape_html(title),
    )
}

/// The optional script beside the `<iframe>`: takes the height the embed posts
/// (`{"hezhang-height": px}`), only from its own iframe.
pub fn parent_script(frame_id: &str) -> String {
    // `frame_id` is ours (letters, digits, '-'); escape anyway for a JS string in HTML.
    let id: String = frame_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    format!(
        "<script>\n\
         (function () {{\n  \
           var f = document.getElementById('{id}');\n  \
           window.addEventListener('message', function (e) {{\n    \
             if (!f || e.source !== f.contentWindow || !e.data) return;\n    \
             var h = e.data['hezhang-height'];\n    \
             if (typeof h === 'number' && h > 0 && h < 20000) f.style.height = Math.ceil(h) + 'px';\n  \
           }});\n\
         }})();\n\
         </script>"
    )
}

/// Base64url without padding (for `#text=`).
pub fn base64url(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Decode base64url (padding and whitespace tolerated); `None` on any other character.
pub fn unbase64url(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            b'=' | b' ' | b'\n' | b'\r' => continue,
            _ => return None,
        };
        acc = acc << 6 | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits & 0xFF) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_from_query_and_fragment() {
        let p = parse_params(
            "?src=reports%2F%E6%99%8B%E5%9F%8E.txt&finding=PROC-TOTAL",
            "",
        );
        assert_eq!(p.src.as_deref(), Some("reports/晋城.txt"));
        assert_eq!(p.finding.as_deref(), Some("PROC-TOTAL"));
        assert!(!p.embed);
        let p = parse_params("?embed=1&src=a.txt&finding=X", "#finding=F3");
        assert!(p.embed);
        assert_eq!(p.finding.as_deref(), Some("F3"), "the fragment wins");
        let p = parse_params("", "#text=abc-_");
        assert_eq!(p.text.as_deref(), Some("abc-_"));
        assert_eq!(parse_params("", ""), Params::default());
        assert_eq!(parse_params("?src=&finding", "#").src, None);
        // bad escapes stay, never panic
        assert_eq!(decode("%E6%9"), "\u{FFFD}%9");
        assert_eq!(decode("a%"), "a%");
        assert_eq!(decode("a+b%20c"), "a b c");
        assert_eq!(decode_path("/r/a+b%20c.txt"), "/r/a+b c.txt");
    }

    #[test]
    fn links_round_trip() {
        let base = "https://example.gov.cn/hezhang/";
        let l = share_link(base, "reports/晋城 2022.txt", Some("F2"));
        assert_eq!(
            l,
            "https://example.gov.cn/hezhang/index.html?src=reports/%E6%99%8B%E5%9F%8E%202022.txt#finding=F2"
        );
        let (path, hash) = l.split_once('#').unwrap();
        let search = path.split_once('?').unwrap().1;
        let p = parse_params(search, hash);
        assert_eq!(p.src.as_deref(), Some("reports/晋城 2022.txt"));
        assert_eq!(p.finding.as_deref(), Some("F2"));

        let e = embed_link(base, "a&b.txt", Some("PROC-TOTAL"), Lang::En);
        assert_eq!(
            e,
            "https://example.gov.cn/hezhang/embed.html?src=a%26b.txt&finding=PROC-TOTAL&lang=en"
        );
        let p = parse_params(e.split_once('?').unwrap().1, "");
        assert_eq!(p.src.as_deref(), Some("a&b.txt"));
        assert_eq!(p.lang, Some(Lang::En));
        assert_eq!(parse_params("?lang=xx", "").lang, None);
    }

    #[test]
    fn snippet_escapes_and_checks_the_source() {
        let code = iframe_code(
            "https://x/embed.html?src=a.txt&finding=F1",
            "核账 <b>",
            "hz-1",
            480,
        );
        assert!(code.contains("src=\"https://x/embed.html?src=a.txt&amp;finding=F1\""));
        assert!(code.contains("title=\"核账 &lt;b&gt;\""));
        assert!(code.contains("height=\"480\""));
        let js = parent_script("hz-1'); alert(1); ('");
        assert!(js.contains("getElementById('hz-1alert1')"));
        assert!(js.contains("e.source !== f.contentWindow"));
        assert!(js.contains("'hezhang-height'"));
    }

    #[test]
    fn file_names_from_urls() {
        assert_eq!(
            file_name_of("reports/%E6%99%8B%E5%9F%8E.txt?x=1#y"),
            "晋城.txt"
        );
        assert_eq!(file_name_of("https://a/b/c.pdf"), "c.pdf");
        assert_eq!(file_name_of("https://a/b/"), "report");
    }

    #[test]
    fn base64url_round_trips() {
        for n in 0..70u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37) ^ 0xA5).collect();
            let s = base64url(&bytes);
            assert!(!s.contains(['+', '/', '=']));
            assert_eq!(unbase64url(&s).unwrap(), bytes, "{n}");
        }
        assert_eq!(base64url(b"hello"), "aGVsbG8");
        assert_eq!(unbase64url("aGVs*"), None);
    }
}
