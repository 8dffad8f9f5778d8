//! Answers of the current index by URL. The archive changes only with a commit, and the pages read
//! most (the most cited documents, common searches) are asked for again and again: a repeated
//! page costs a lookup instead of the question, so a crowd of readers waits less. Emptied when
//! the server picks up a new commit; only successful GET answers of bounded size are kept.

use std::num::NonZeroUsize;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use lru::LruCache;

use super::Shared;

/// Answers kept at most, and their bytes at most.
const ENTRIES: usize = 2048;
const BUDGET: usize = 64 << 20;
/// A larger answer (a long report, a big CSV) is not kept.
const LARGEST: usize = 1 << 20;

pub(crate) struct Cache {
    inner: Mutex<Inner>,
    /// Bumped when emptied: an answer computed from the previous index is not stored.
    generation: AtomicU64,
}

struct Inner {
    answers: LruCache<String, (HeaderMap, Bytes)>,
    bytes: usize,
}

impl Cache {
    pub fn new() -> Cache {
        Cache {
            inner: Mutex::new(Inner {
                answers: LruCache::new(NonZeroUsize::new(ENTRIES).expect("not zero")),
                bytes: 0,
            }),
            generation: AtomicU64::new(0),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn clear(&self) {
        let mut inner = self.lock();
        self.generation.fetch_add(1, Ordering::SeqCst);
        inner.answers.clear();
        inner.bytes = 0;
    }

    fn get(&self, url: &str) -> Option<(HeaderMap, Bytes)> {
        self.lock().answers.get(url).cloned()
    }

    fn put(&self, url: String, generation: u64, headers: HeaderMap, body: Bytes) {
        let mut inner = self.lock();
        if self.generation.load(Ordering::SeqCst) != generation {
            return;
        }
        inner.bytes += body.len();
        if let Some((_, (_, old))) = inner.answers.push(url, (headers, body)) {
            inner.bytes -= old.len();
        }
        while inner.bytes > BUDGET {
            match inner.answers.pop_lru() {
                Some((_, (_, b))) => inner.bytes -= b.len(),
                None => break,
            }
        }
    }
}

/// The middleware: a kept answer if there is one, else the handler's, kept when it may be.
pub(crate) async fn layer(State(st): State<Shared>, req: Request, next: Next) -> Response {
    if req.method() != Method::GET {
        return next.run(req).await;
    }
    let url = req.uri().to_string();
    if let Some((headers, body)) = st.cache.get(&url) {
        let mut r = Response::new(Body::from(body));
        *r.headers_mut() = headers;
        return r;
    }
    let generation = st.cache.generation.load(Ordering::SeqCst);
    let res = next.run(req).await;
    if res.status() != StatusCode::OK {
        return res;
    }
    let (parts, body) = res.into_parts();
    // the handlers' bodies are in memory already (rendered pages, JSON)
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if bytes.len() <= LARGEST {
        st.cache
            .put(url, generation, parts.headers.clone(), bytes.clone());
    }
    Response::from_parts(parts, Body::from(bytes))
}
