//! The API and UI answer on loopback with real stories built from the sample corpus.

use std::net::SocketAddr;

use recoupe_core::{Analysis, Article, Document, MediaType, Origin, Span, Story};
use recoupe_server::{router, Snapshot};

fn article(id: &str, text: &str) -> Article {
    let doc = Document::new(Origin::Stdin, MediaType::Text, text.as_bytes().to_vec());
    Article {
        paragraph_languages: Vec::new(),
        id: id.to_string(),
        doc_hash: doc.hash,
        meta: Default::default(),
        text: text.to_string(),
        paragraphs: vec![Span::new(0, text.len())],
        sentences: vec![Span::new(0, text.len())],
        removed: vec![],
        offsets: vec![],
        warnings: vec![],
    }
}

fn snapshot() -> Snapshot {
    let a = article("a1", "Le ministre est arrivé à Dakar lundi.");
    let b = article("b2", "The minister arrived in Dakar on Monday.");
    let story = Story {
        id: "story-a1".into(),
        title: "Minister in Dakar".into(),
        article_ids: vec!["a1".into(), "b2".into()],
        copy_groups: vec![],
        reasons: vec![],
    };
    let analyses = [
        Analysis {
            article_id: "a1".into(),
            ..Default::default()
        },
        Analysis {
            article_id: "b2".into(),
            ..Default::default()
        },
    ];
    let items: Vec<(&Article, &Analysis)> = vec![(&a, &analyses[0]), (&b, &analyses[1])];
    let dossier = recoupe_dossier::build_dossier(&story, &items);
    Snapshot {
        stories: vec![story],
        dossiers: vec![dossier],
        articles: vec![a.clone(), b.clone()],
    }
}

fn start() -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
            let _ = tx.send(listener.local_addr().expect("addr"));
            let _ = axum::serve(listener, router(snapshot())).await;
        });
    });
    rx.recv().expect("server address")
}

fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    let mut resp = agent.get(format!("http://{addr}{path}")).call().expect("request");
    let status = resp.status().as_u16();
    (status, resp.body_mut().read_to_string().unwrap_or_default())
}

#[test]
fn api_and_ui() {
    let addr = start();
    let (status, body) = get(addr, "/api/stories");
    assert_eq!(status, 200);
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(v[0]["id"], "story-a1");
    assert_eq!(v[0]["articles"], 2);

    let (status, body) = get(addr, "/api/stories/story-a1/dossier");
    assert_eq!(status, 200);
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(v["story_id"], "story-a1");

    let (status, body) = get(addr, "/api/stories/nope");
    assert_eq!(status, 404);
    assert!(body.contains("\"code\":\"not_found\""), "{body}");

    let (status, body) = get(addr, "/api/search?q=dakar%20minister");
    assert_eq!(status, 200);
    assert!(body.contains("b2") && !body.contains("\"a1\""), "{body}");

    let (status, body) = get(addr, "/");
    assert_eq!(status, 200);
    assert!(body.contains("/stories/story-a1"));
    let (status, body) = get(addr, "/stories/story-a1");
    assert_eq!(status, 200);
    assert!(body.contains("<html") || body.contains("<!doctype") || body.contains("<!DOCTYPE"));

    let (status, body) = get(addr, "/openapi.json");
    assert_eq!(status, 200);
    assert!(serde_json::from_str::<serde_json::Value>(&body).is_ok());
}
