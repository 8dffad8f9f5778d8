//! `trichdan serve` started by the tests on a free port: every page and the JSON API answer what
//! the command line answers, hostile reports render inert, climbing paths and oversized queries
//! are refused, a real browser follows the links, a re-built index is picked up, and 64
//! concurrent clients get no error (on the seeds and on a generated 10,000-report archive).

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use trichdan::index::{self, Options};

fn exe() -> Command {
    Command::new(env!("CARGO_BIN_EXE_trichdan"))
}

fn seeds_copy(dir: &Path) -> PathBuf {
    let c = dir.join("corpus");
    fs::create_dir_all(&c).unwrap();
    for e in fs::read_dir("corpus").unwrap() {
        let p = e.unwrap().path();
        let n = p.file_name().unwrap().to_string_lossy().into_owned();
        if n.starts_with("00") && n.as_bytes().get(3) == Some(&b'_') {
            fs::copy(&p, c.join(&n)).unwrap();
        }
    }
    c
}

fn build(idx: &Path, corpus: &Path) {
    index::update(idx, &[corpus.to_path_buf()], &Options::default(), &|_| {}).unwrap();
}

/// A server process; killed when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(idx: &Path) -> Server {
        let mut child = exe()
            .args(["serve", "--addr", "127.0.0.1:0", "--index"])
            .arg(idx)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("first line: {line:?}"))
            .to_string();
        assert!(addr.starts_with("127.0.0.1:"), "{addr}");
        Server { child, addr }
    }

    fn get(&self, path: &str) -> Reply {
        get(&self.addr, path)
    }

    fn json(&self, path: &str) -> serde_json::Value {
        let r = self.get(path);
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        serde_json::from_str(&r.body).unwrap()
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
    /// The body with the slashes the HTML escaping writes as `&#x2f;` put back, for reading.
    text: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A GET over a fresh connection, the path sent exactly as given (no client-side clean-up of
/// "..", so the server sees what an attacker would send).
fn get(addr: &str, path: &str) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    // in one write: the server may answer a request line it refuses ("/search?q=\"…") and close
    // before the rest of a request written piece by piece arrives
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    if let Err(e) = s.write_all(request.as_bytes()) {
        // (its answer is still there to read)
        assert!(
            matches!(
                e.kind(),
                std::io::ErrorKind::BrokenPipe | std::io::ErrorKind::ConnectionReset
            ),
            "{path}: {e}"
        );
    }
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut body = raw[split + 4..].to_vec();
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    if headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    let body = String::from_utf8(body).expect("UTF-8 body");
    Reply {
        status,
        headers,
        text: body.replace("&#x2f;", "/"),
        body,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let n = usize::from_str_radix(
            String::from_utf8_lossy(&b[..eol])
                .split(';')
                .next()
                .unwrap()
                .trim(),
            16,
        )
        .unwrap_or(0);
        if n == 0 {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + n]);
        b = &b[eol + 2 + n + 2..];
    }
    out
}

fn cli_json(idx: &Path, args: &[&str]) -> serde_json::Value {
    let out = exe()
        .args(args)
        .arg("--index")
        .arg(idx)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn prefix(path: &str) -> String {
    Path::new(path).file_name().unwrap().to_string_lossy()[..3].to_string()
}

/// The href values of the tags that contain `marker` (a class or an id), in document order,
/// with "&amp;" undone.
fn hrefs(html: &str, marker: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find(marker).map(|i| i + from) {
        let open = html[..i].rfind('<').unwrap_or(0);
        let close = html[i..].find('>').map_or(html.len(), |j| i + j);
        let tag = &html[open..close];
        if let Some(h) = tag
            .split("href=\"")
            .nth(1)
            .and_then(|h| h.split('"').next())
        {
            out.push(h.replace("&amp;", "&"));
        }
        from = i + marker.len();
    }
    out
}

fn seeded_server(tmp: &Path) -> (PathBuf, PathBuf, Server) {
    let corpus = seeds_copy(tmp);
    let idx = tmp.join("idx");
    build(&idx, &corpus);
    let server = Server::start(&idx);
    (corpus, idx, server)
}

#[test]
fn pages_and_api_answer_what_the_cli_answers() {
    let tmp = tempfile::tempdir().unwrap();
    let (corpus, idx, server) = seeded_server(tmp.path());

    // cited-by 25-NQ/TW: 000, 002, 004, and 003 by title, in any spelling; the same JSON as the CLI
    let api = server.json("/api/cited-by/25-NQ/TW");
    assert_eq!(api, cli_json(&idx, &["cited-by", "25-NQ/TW"]));
    let rows = api["rows"].as_array().unwrap();
    let mut files: Vec<String> = rows
        .iter()
        .map(|r| prefix(r["citation"]["file"].as_str().unwrap()))
        .collect();
    files.sort();
    files.dedup();
    assert_eq!(files, ["000", "002", "003", "004"]);
    assert!(rows.iter().any(|r| {
        prefix(r["citation"]["file"].as_str().unwrap()) == "003"
            && r["citation"]["sentence"]
                .as_str()
                .unwrap()
                .contains("Nghị quyết về")
    }));
    assert_eq!(server.json("/api/cited-by/25%20-%20nq/tw"), api);

    // the document page lists the same citing reports, and a bare symbol leads to its key
    let page = server.get("/documents/25-NQ/TW@2013");
    assert_eq!(page.status, 200);
    for f in ["000_", "002_", "003_", "004_"] {
        assert!(page.text.contains(f), "{f} on the document page");
    }
    assert!(page.text.contains("Được trích dẫn bởi"));
    let bare = server.get("/documents/25/NQ-TW");
    assert_eq!(bare.status, 303);
    assert_eq!(bare.header("location"), Some("/documents/25-NQ/TW@2013"));
    // filtered by relation
    let only = server.get("/documents/25-NQ/TW@2013?relation=implements");
    assert_eq!(only.status, 200);
    assert!(!only.text.contains("<td>căn cứ</td>"));
    assert_eq!(
        server
            .get("/documents/25-NQ/TW@2013?relation=nonsense")
            .status,
        400
    );

    // show, audit, cites, top: the CLI's JSON
    assert_eq!(
        server.json("/api/documents/25-NQ/TW"),
        cli_json(&idx, &["show", "25-NQ/TW"])
    );
    let audit = server.json("/api/audit/43-NQ/TW");
    assert_eq!(audit, cli_json(&idx, &["audit", "43-NQ/TW"]));
    assert!(audit.to_string().contains("111-KH/ĐUK"));
    assert_eq!(
        server.json("/api/cites/45-NQ/TW"),
        cli_json(&idx, &["cites", "45-NQ/TW"])
    );
    assert_eq!(server.json("/api/top"), cli_json(&idx, &["top"]));
    let search = server.json("/api/search?q=dan%20van%20kheo");
    assert_eq!(search, cli_json(&idx, &["search", "dan van kheo"]));
    assert_eq!(search["total"], 5);

    // the audit page and its CSV
    let page = server.get("/audit/43-NQ/TW");
    assert_eq!(page.status, 200);
    assert!(page.text.contains("111-KH/ĐUK") && page.text.contains("Cây thực hiện"));
    let csv = server.get("/audit/43-NQ/TW?format=csv");
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert!(
        csv.body
            .starts_with("kind,level,government,parent,key,relation")
    );
    assert!(
        csv.body
            .lines()
            .any(|l| l.starts_with("tree,1,Tỉnh,43-NQ/TW@") && l.contains("111-KH/ĐUK"))
    );

    // search: ranked hits with highlights and facets; a symbol goes straight to its document
    let page = server.get("/search?q=dan+van+kheo");
    assert_eq!(page.status, 200);
    assert!(page.text.contains("5 báo cáo"), "{}", page.text);
    assert!(page.text.contains("<mark>"));
    assert!(page.text.contains("Loại văn bản") && page.text.contains("Năm"));
    let filtered = server.get("/search?q=d%C3%A2n+v%E1%BA%ADn&type=ngh%E1%BB%8B+quy%E1%BA%BFt&year=2023&province=Qu%E1%BA%A3ng+B%C3%ACnh");
    assert!(filtered.text.contains("1 báo cáo"), "{}", filtered.text);
    assert!(filtered.text.contains("002_"));
    let range = server.get("/search?q=dan+van&from=2023&to=2023");
    assert_eq!(range.status, 200);
    for spelling in ["25/nq-tw", "25+-+NQ%2FTW", "25-NQ/TW@2013"] {
        let r = server.get(&format!("/search?q={spelling}"));
        assert_eq!(r.status, 303, "{spelling}");
        assert_eq!(r.header("location"), Some("/documents/25-NQ/TW@2013"));
    }

    // a report: every citation linked to its document, relation on hover, conflicts flagged
    let report_path = fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("003_"))
        .unwrap();
    let url = format!(
        "/reports/{}",
        report_path.to_string_lossy().trim_start_matches('/')
    );
    let page = server.get(&url);
    assert_eq!(page.status, 200, "{url}");
    assert!(page.text.contains(r#"class="cite" href="/documents/25-NQ/TW@2013" title="tiếp tục thực hiện → 25-NQ/TW@2013""#), "{}", page.text);
    assert!(
        page.text.contains("cite conflict"),
        "a conflicting citation is flagged"
    );
    assert!(page.text.contains("Mâu thuẫn"));
    assert_eq!(server.get("/reports/corpus/nothing.txt").status, 404);

    // graph and home
    let graph = server.get("/graph/45-NQ/TW?depth=2");
    assert_eq!(graph.status, 200);
    assert!(graph.text.contains("<svg") && graph.text.contains("108-KH/ĐUK"));
    let g = server.json("/api/graph/45-NQ/TW?depth=2");
    assert!(g["nodes"].as_array().unwrap().len() >= 3);
    let home = server.get("/");
    assert!(home.text.contains("Văn bản được trích dẫn nhiều nhất"));
    assert!(home.text.contains("Mâu thuẫn gần đây") && home.text.contains("05-CT/TW@2016"));
    assert_eq!(server.get("/documents/99-XX/YYY").status, 404);
    assert_eq!(server.get("/nowhere").status, 404);

    // the index re-built while serving: the new report is found without a restart, and no
    // answer kept from the old index is served after it
    assert_eq!(server.json("/api/search?q=quanhoangdao")["total"], 0);
    let cited_before = server.json("/api/cited-by/25-NQ/TW?limit=1")["total"].clone();
    fs::write(
        corpus.join("009_new.txt"),
        "BÁO CÁO\nKết quả thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng về phong trào quanhoangdao\n",
    )
    .unwrap();
    build(&idx, &corpus);
    let t = Instant::now();
    loop {
        let r = server.json("/api/search?q=quanhoangdao");
        if r["total"] == 1 {
            break;
        }
        assert!(
            t.elapsed() < Duration::from_secs(15),
            "new commit not picked up"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    eprintln!("new commit served after {:?}", t.elapsed());
    assert_eq!(
        server.json("/api/cited-by/25-NQ/TW?limit=1")["total"],
        cited_before.as_u64().unwrap() + 1
    );

    // Ctrl-C: a graceful stop with status 0
    let mut server = server;
    unsafe {
        libc::kill(server.child.id() as i32, libc::SIGINT);
    }
    let t = Instant::now();
    let status = loop {
        if let Some(s) = server.child.try_wait().unwrap() {
            break s;
        }
        assert!(
            t.elapsed() < Duration::from_secs(10),
            "no stop after SIGINT"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
}

#[test]
fn hostile_reports_render_inert_and_bad_requests_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = seeds_copy(tmp.path());
    fs::write(
        corpus.join("666_hostile.txt"),
        "ĐẢNG BỘ TỈNH QUẢNG BÌNH\nBÁO CÁO\nVề \"><img src=x onerror=alert(1)> <script>alert('tiêu đề')</script> công tác dân vận\n\n\
         Thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng <script>alert(2)</script> \
         về \"><img src=x onerror=alert(3)> và '><svg onload=alert(4)>, kết quả như sau.\n",
    )
    .unwrap();
    let idx = tmp.path().join("idx");
    build(&idx, &corpus);
    let server = Server::start(&idx);

    let inert = |what: &str, body: &str| {
        let lower = body.to_lowercase();
        assert!(!lower.contains("<script"), "{what}: a script tag");
        assert!(!lower.contains("<img"), "{what}: an img tag");
        assert!(!lower.contains("<svg onload"), "{what}: an svg tag");
        assert!(
            !lower.contains("onerror=alert") || lower.contains("&quot;&gt;&lt;img"),
            "{what}"
        );
    };
    let path = corpus.join("666_hostile.txt");
    let url = format!(
        "/reports/{}",
        path.to_string_lossy().trim_start_matches('/')
    );
    let page = server.get(&url);
    assert_eq!(page.status, 200);
    inert("report", &page.body);
    assert!(
        page.text.contains("&lt;script&gt;alert(2)&lt;/script&gt;"),
        "the text is shown, escaped"
    );
    assert!(
        page.text.contains(r#"href="/documents/25-NQ/TW@2013""#),
        "its citation is linked"
    );
    let search = server.get("/search?q=onerror");
    assert_eq!(search.status, 200);
    inert("search", &search.body);
    assert!(search.text.contains("1 báo cáo"));
    let reflected = server.get("/search?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E");
    inert("search box", &reflected.body);
    let doc = server.get("/documents/25-NQ/TW@2013");
    inert("document", &doc.body);
    let key = server.json("/api/cites/666_hostile")["document"]["key"]
        .as_str()
        .map(str::to_string);
    if let Some(k) = key {
        let g = server.get(&format!("/graph/{}", k.replace(' ', "%20")));
        inert("graph", &g.body);
    }
    let not_found = server.get("/documents/%3Cscript%3Ealert(1)%3C/script%3E");
    assert_eq!(not_found.status, 404);
    inert("not found", &not_found.body);

    // climbing out of the index, in every path parameter and every encoding
    let routes = [
        "/reports/",
        "/documents/",
        "/audit/",
        "/graph/",
        "/api/documents/",
        "/api/cited-by/",
        "/api/cites/",
        "/api/audit/",
        "/api/graph/",
    ];
    let climbs = [
        "../../../../etc/passwd",
        "corpus/../../../../etc/passwd",
        "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "..%2f..%2f..%2fetc%2fpasswd",
        ".%2e/.%2e/etc/passwd",
        "..%5c..%5cetc%5cpasswd",
        "..\\..\\etc\\passwd",
        "%252e%252e%252f%252e%252e%252fetc%252fpasswd",
        "%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
        "/etc/passwd",
        "etc/passwd%00.txt",
    ];
    for r in routes {
        for c in climbs {
            let path = format!("{r}{c}");
            let reply = server.get(&path);
            assert!(
                reply.status == 400 || reply.status == 404,
                "{path}: {}",
                reply.status
            );
            assert!(!reply.body.contains("root:"), "{path}");
        }
    }
    // the bare climb, before any route
    assert_eq!(server.get("/../../etc/passwd").status, 400);

    // oversized and malformed questions: refused, and the server goes on answering
    let long = "a".repeat(2000);
    assert_eq!(server.get(&format!("/search?q={long}")).status, 413);
    assert_eq!(server.get(&format!("/api/search?q={long}")).status, 413);
    let huge = "dan+van+".repeat(20_000);
    let r = server.get(&format!("/search?q={huge}"));
    assert!(
        r.status == 413 || r.status == 414 || r.status == 431,
        "{}",
        r.status
    );
    assert_eq!(
        server
            .get(&format!("/documents/{}", "9".repeat(5000)))
            .status,
        400
    );
    assert_eq!(server.get("/api/search?q=dan&limit=abc").status, 400);
    assert_eq!(server.get("/search?q=dan&year=abc").status, 400);
    assert_eq!(server.get("/search?q=dan&type=khongco").status, 400);
    let r = server.json("/api/search?q=dan&limit=100000&offset=99999999");
    assert!(r["hits"].as_array().unwrap().is_empty());
    for weird in [
        "((((",
        "\"unclosed",
        "AND OR NOT",
        "*",
        "title:",
        "%E2%80%8B",
    ] {
        let r = server.get(&format!("/search?q={weird}"));
        assert!(r.status == 200 || r.status == 400, "{weird}: {}", r.status);
    }
    assert_eq!(server.get("/api/cited-by/25-NQ/TW").status, 200);
}

fn chromium() -> Option<String> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
        .map(str::to_string)
}

/// Headless Chromium on one URL: its DOM after load, and a screenshot under target/.
fn browse(browser: &str, profile: &Path, url: &str, shot: &str) -> String {
    let base = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--window-size=1280,1400",
    ];
    let out = Command::new(browser)
        .args(base)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(url)
        .stderr(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{browser} --dump-dom {url}");
    let shot_path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join(format!("serve-{shot}.png"));
    let _ = Command::new(browser)
        .args(base)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", shot_path.display()))
        .arg(url)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_browser_searches_and_follows_citations() {
    let Some(browser) = chromium() else {
        eprintln!(
            "SKIP a_browser_searches_and_follows_citations: no chromium (apt-get install chromium)"
        );
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let (_, _, server) = seeded_server(tmp.path());
    let profile = tmp.path().join("profile");

    // a query without diacritics finds reports written with them
    let dom = browse(
        &browser,
        &profile,
        &server.url("/search?q=dan+van+kheo"),
        "search",
    );
    assert!(dom.contains("5 báo cáo"), "{dom}");
    assert!(dom.contains("<mark>"));
    let reports = hrefs(&dom, "class=\"report-link\"");
    let report = reports
        .iter()
        .find(|h| h.contains("004_"))
        .unwrap_or_else(|| panic!("a hit for 004 in {reports:?}"));

    // the report: its citations are links to the cited documents
    let dom = browse(&browser, &profile, &server.url(report), "report");
    assert!(dom.contains("Toàn văn"));
    let cites = hrefs(&dom, "class=\"cite");
    let doc = cites
        .iter()
        .find(|h| h.starts_with("/documents/25-NQ/TW"))
        .unwrap_or_else(|| panic!("a link to 25-NQ/TW in {cites:?}"));

    // the cited document: its citers, and the way to its audit
    let dom = browse(&browser, &profile, &server.url(doc), "document");
    assert!(
        dom.contains("Được trích dẫn bởi") && dom.contains("003_"),
        "{dom}"
    );
    let audit = hrefs(&dom, "id=\"audit-link\"");
    assert_eq!(audit, ["/audit/25-NQ/TW@2013"]);
    let dom = browse(&browser, &profile, &server.url(&audit[0]), "audit");
    assert!(
        dom.contains("Kiểm tra thực hiện") && dom.contains("Cây thực hiện"),
        "{dom}"
    );
    assert!(
        dom.contains("class=\"node\""),
        "an implementing act in the tree"
    );
    let dom = browse(
        &browser,
        &profile,
        &server.url("/graph/45-NQ/TW@2023?depth=2"),
        "graph",
    );
    assert!(dom.contains("<svg") && dom.contains("27-CTr/TU"));
}

/// p50 and p99 of a list of milliseconds.
fn percentiles(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    let at = |p: f64| v[((v.len() as f64 * p) as usize).min(v.len() - 1)];
    (at(0.5), at(0.99))
}

/// How the pages are asked for: again and again as readers do (the server keeps its answers), or
/// each URL made unique by a parameter no page reads, so that every request is answered anew.
#[derive(Clone, Copy, PartialEq)]
enum Asked {
    Repeated,
    Fresh,
}

/// 64 clients, `per_client` requests each, over the URLs in turn; every answer must be 200.
fn load(
    server: &Server,
    what: &str,
    urls: &[(&'static str, String)],
    per_client: usize,
    asked: Asked,
) {
    let what = &match asked {
        Asked::Repeated => format!("{what}, repeated pages"),
        Asked::Fresh => format!("{what}, every page asked anew"),
    };
    let clients = 64;
    let addr = server.addr.clone();
    let t = Instant::now();
    let results: Vec<Vec<(&'static str, u16, f64)>> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..clients)
            .map(|c| {
                let addr = addr.clone();
                s.spawn(move || {
                    (0..per_client)
                        .map(|i| {
                            let (kind, url) = &urls[(c * 7 + i) % urls.len()];
                            let url = match asked {
                                Asked::Repeated => url.clone(),
                                Asked::Fresh => {
                                    let sep = if url.contains('?') { '&' } else { '?' };
                                    format!("{url}{sep}n={c}-{i}")
                                }
                            };
                            let t = Instant::now();
                            let r = get(&addr, &url);
                            (*kind, r.status, t.elapsed().as_secs_f64() * 1000.0)
                        })
                        .collect()
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let wall = t.elapsed().as_secs_f64();
    let all: Vec<_> = results.into_iter().flatten().collect();
    let errors: Vec<_> = all.iter().filter(|r| r.1 != 200).collect();
    assert!(
        errors.is_empty(),
        "{what}: {} errors, e.g. {:?}",
        errors.len(),
        &errors[..errors.len().min(5)]
    );
    let mut kinds: Vec<&str> = all.iter().map(|r| r.0).collect();
    kinds.sort();
    kinds.dedup();
    for k in kinds {
        let ms: Vec<f64> = all.iter().filter(|r| r.0 == k).map(|r| r.2).collect();
        let n = ms.len();
        let (p50, p99) = percentiles(ms);
        eprintln!("load {what}: {k}: {n} requests, p50 {p50:.1} ms, p99 {p99:.1} ms");
    }
    eprintln!(
        "load {what}: {} requests from {clients} clients in {wall:.2} s ({:.0}/s)",
        all.len(),
        all.len() as f64 / wall
    );
}

/// One client, two passes over the URLs: how long a request takes when it does not wait.
fn alone(server: &Server, what: &str, urls: &[(&'static str, String)]) {
    let mut by_kind: std::collections::BTreeMap<&str, Vec<f64>> = Default::default();
    for pass in 0..2 {
        for (kind, url) in urls {
            // answered anew, not from the server's kept answers
            let sep = if url.contains('?') { '&' } else { '?' };
            let url = format!("{url}{sep}alone={pass}");
            let t = Instant::now();
            assert_eq!(server.get(&url).status, 200, "{url}");
            by_kind
                .entry(kind)
                .or_default()
                .push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    for (k, ms) in by_kind {
        let n = ms.len();
        let (p50, p99) = percentiles(ms);
        eprintln!("alone {what}: {k}: {n} requests, p50 {p50:.1} ms, p99 {p99:.1} ms");
    }
}

fn urls_for(server: &Server) -> Vec<(&'static str, String)> {
    let top = server.json("/api/top?limit=20");
    let mut urls = Vec::new();
    for r in top.as_array().unwrap() {
        let key = r["key"].as_str().unwrap();
        let path = key.replace(' ', "%20").replace('Đ', "%C4%90");
        urls.push(("cited-by page", format!("/documents/{path}")));
        urls.push(("cited-by api", format!("/api/cited-by/{path}?limit=100")));
    }
    for q in [
        "dan+van",
        "ke+hoach",
        "chuyen+doi+so",
        "nghi+quyet",
        "cai+cach+hanh+chinh",
        "dang+uy",
        "%22ban+chap+hanh%22",
        "kinh+te+bien",
        "quan+triet",
        "bao+cao",
    ] {
        urls.push(("search page", format!("/search?q={q}")));
        urls.push(("search api", format!("/api/search?q={q}")));
    }
    urls
}

#[test]
fn sixty_four_clients_on_the_seeds_and_on_ten_thousand_reports() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, _, server) = seeded_server(tmp.path());
    let urls = urls_for(&server);
    alone(&server, "seeds", &urls);
    load(&server, "seeds", &urls, 16, Asked::Repeated);
    load(&server, "seeds", &urls, 16, Asked::Fresh);
    drop(server);

    // a generated archive of 10,000 reports (or one built before, to measure again quickly)
    let idx = match std::env::var_os("TRICHDAN_LOAD_INDEX") {
        Some(p) => PathBuf::from(p),
        None => {
            let gen_dir = tmp.path().join("gen");
            let st = exe()
                .args(["generate", "--count", "10000", "--seed", "42"])
                .arg(&gen_dir)
                .stderr(Stdio::null())
                .status()
                .unwrap();
            assert!(st.success());
            let idx = tmp.path().join("idx10k");
            let st = exe()
                .arg("index")
                .arg(&gen_dir)
                .arg("--index")
                .arg(&idx)
                .stderr(Stdio::null())
                .status()
                .unwrap();
            assert!(st.success());
            idx
        }
    };
    let server = Server::start(&idx);
    let urls = urls_for(&server);
    // one pass to warm the caches, one client alone (the time of a request), then 64 at once
    for (_, u) in &urls {
        assert_eq!(server.get(u).status, 200, "{u}");
    }
    alone(&server, "10,000 reports", &urls);
    load(&server, "10,000 reports", &urls, 16, Asked::Repeated);
    load(&server, "10,000 reports", &urls, 16, Asked::Fresh);
    citers_page_by_page(&server);
}

/// The most cited document's page lists its citing documents 200 at a time, the most recent
/// first, with links to the next page and back, as far as 1,000.
fn citers_page_by_page(server: &Server) {
    let top = server.json("/api/top?limit=1");
    let top = &top.as_array().unwrap()[0];
    let key = top["key"].as_str().unwrap();
    let path = format!(
        "/documents/{}",
        key.replace(' ', "%20").replace('Đ', "%C4%90")
    );
    let total = server.json(&format!("/api/cited-by/{}?limit=1", &path[11..]))["total"]
        .as_u64()
        .unwrap() as usize;
    assert!(total > 400, "{key} is cited {total} times");
    let (mut listed, mut pages) = (0, 0);
    let mut last_date = u32::MAX;
    let mut url = path.clone();
    loop {
        let r = server.get(&url);
        assert_eq!(r.status, 200, "{url}");
        let rows: Vec<&str> = r.text.split("<tr class=\"citer\">").skip(1).collect();
        pages += 1;
        assert!(
            !rows.is_empty() && rows.len() <= 200,
            "{url}: {} rows",
            rows.len()
        );
        listed += rows.len();
        // the most recent first, across pages (a row without a date last)
        for row in &rows {
            let cell = row.split("<td>").nth(1).unwrap().split('<').next().unwrap();
            let ymd = match cell.split('/').collect::<Vec<_>>()[..] {
                [d, m, y] => {
                    y.parse::<u32>().unwrap() * 10000
                        + m.parse::<u32>().unwrap() * 100
                        + d.parse::<u32>().unwrap()
                }
                _ => 0,
            };
            assert!(ymd <= last_date, "{url}: {cell} after a later date");
            last_date = ymd;
        }
        match hrefs(&r.text, "rel=\"next\"").first() {
            Some(next) => {
                assert_eq!(rows.len(), 200, "{url}: a full page before the next");
                assert!(pages == 1 || r.text.contains("rel=\"prev\""), "{url}");
                url = next.clone();
            }
            None => break,
        }
    }
    eprintln!("document page of {key}: {listed} of {total} citations on {pages} pages");
    assert_eq!(listed, total.min(1000), "{key}: {pages} pages");
    assert!(pages >= 3, "{key}: {pages} pages");
}
