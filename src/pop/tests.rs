use super::*;

fn email(address: &str) -> Pop {
    Pop {
        customer: CustomerRef::Email(address.into()),
        customer_key: None,
    }
}

#[test]
fn a_line_is_an_email_or_a_box_id_with_an_optional_key() {
    assert_eq!(
        Pop::parse(r#"{"email":"johndoe@example.com"}"#),
        Ok(email("johndoe@example.com"))
    );
    let suite = Pop::parse(r#"{"box_id":"MX811111","customer_key":"k+y="}"#).unwrap();
    assert_eq!(suite.customer, CustomerRef::BoxId(811_111));
    assert_eq!(suite.customer_key, Some(Secret::new("k+y=")));
    let bare = Pop::parse(r#"{"box_id":"811111"}"#).unwrap();
    assert_eq!(bare.customer_key, None);
}

#[test]
fn anything_else_is_malformed() {
    for line in [
        "",
        "johndoe@example.com",
        "{}",
        r#"{"email":"a@b","box_id":"1"}"#,
        r#"{"email":"a@b","customer_key":"k"}"#,
        r#"{"email":"not an address"}"#,
        r#"{"email":"811111"}"#,
        r#"{"box_id":"a@b"}"#,
        r#"{"box_id":"0"}"#,
        r#"{"box_id":"12x"}"#,
        r#"{"box_id":"1","app_key":"k"}"#,
        r#"{"box_id":1}"#,
    ] {
        assert_eq!(Pop::parse(line), Err(Refusal::Malformed), "{line}");
    }
}

#[test]
fn the_line_sent_reads_back_as_the_same_pop() {
    let pop = Pop {
        customer: CustomerRef::BoxId(811_111),
        customer_key: Some(Secret::new("YpbC")),
    };
    let line = pop.to_line();
    assert!(line.ends_with('\n') && !line.trim_end().contains('\n'));
    assert_eq!(Pop::parse(line.trim_end()), Ok(pop));
    let pop = email("johndoe@example.com");
    assert_eq!(Pop::parse(pop.to_line().trim_end()), Ok(pop));
}

#[test]
fn endpoint_names_are_safe_file_names() {
    assert_eq!(endpoint_name("PROD"), "prod");
    assert_eq!(
        endpoint_name("api.example.com:8443"),
        "api_example_com_8443"
    );
    assert_eq!(endpoint_name("../x"), "___x");
}

/// Serves `sent` on one end of an in-memory pipe; returns the answer line and the
/// pop the window received, if any.
async fn serve_line(sent: &[u8]) -> (String, Option<Pop>) {
    let (mut client, server) = tokio::io::duplex(2 * MAX_LINE);
    let (pops, mut received) = mpsc::channel(1);
    let serving = tokio::spawn(async move { serve(server, &pops).await });
    client.write_all(sent).await.unwrap();
    // Done writing, as a sender that exits.
    client.shutdown().await.unwrap();
    let mut answer = String::new();
    client.read_to_string(&mut answer).await.unwrap();
    serving.await.unwrap();
    (answer, received.try_recv().ok())
}

#[tokio::test]
async fn a_good_line_is_handed_over_and_accepted() {
    let (answer, pop) = serve_line(b"{\"email\":\"johndoe@example.com\"}\n").await;
    assert_eq!(answer, "{\"accepted\":true}\n");
    assert_eq!(pop, Some(email("johndoe@example.com")));
}

#[tokio::test]
async fn a_bad_line_is_refused_and_nothing_is_handed_over() {
    let (answer, pop) = serve_line(b"{\"box_id\":\"nope\"}\n").await;
    assert_eq!(answer, "{\"refused\":\"malformed\"}\n");
    assert!(pop.is_none());
    // Cut off before its newline.
    let (answer, pop) = serve_line(b"{\"email\":\"johndoe@example.com\"}").await;
    assert_eq!(answer, "{\"refused\":\"malformed\"}\n");
    assert!(pop.is_none());
}

#[tokio::test]
async fn an_oversized_line_is_refused_unread() {
    let mut line = format!("{{\"email\":\"{}@example.com\"}}", "a".repeat(MAX_LINE));
    line.push('\n');
    let (answer, pop) = serve_line(line.as_bytes()).await;
    assert_eq!(answer, "{\"refused\":\"too_long\"}\n");
    assert!(pop.is_none());
}

#[tokio::test(start_paused = true)]
async fn a_sender_that_never_finishes_its_line_is_timed_out() {
    let (mut client, server) = tokio::io::duplex(MAX_LINE);
    let (pops, mut received) = mpsc::channel(1);
    let serving = tokio::spawn(async move { serve(server, &pops).await });
    client.write_all(b"{\"email\":").await.unwrap();
    let mut answer = vec![0; 64];
    let n = client.read(&mut answer).await.unwrap();
    assert_eq!(&answer[..n], b"{\"refused\":\"timeout\"}\n");
    serving.await.unwrap();
    assert!(received.try_recv().is_err());
}

/// `skyview pop` says why a window refused in the agent's words: never the name the
/// code gives the refusal (`TooLong`), nor its code on the wire (`too_long`).
#[test]
fn every_refusal_is_a_sentence_in_the_agent_s_language() {
    let all = [
        Refusal::Malformed,
        Refusal::TooLong,
        Refusal::Timeout,
        Refusal::Closing,
    ];
    for lang in Lang::ALL {
        let texts: Vec<String> = all
            .iter()
            .map(|refusal| SendError::Refused(*refusal).text(lang))
            .collect();
        for (refusal, text) in all.iter().zip(&texts) {
            assert!(!text.contains(&format!("{refusal:?}")), "{lang:?}: {text}");
            assert!(!text.contains('_'), "{lang:?}: {text}");
        }
        let distinct: std::collections::BTreeSet<&String> = texts.iter().collect();
        assert_eq!(distinct.len(), all.len(), "{lang:?}: {texts:?}");
    }
    assert_eq!(
        SendError::Refused(Refusal::TooLong).text(Lang::Es),
        "el skyview abierto rechazó la consulta (el mensaje es demasiado largo)"
    );
}

/// An answer `skyview pop` cannot read is said as such, not as a refusal.
#[tokio::test]
async fn an_unreadable_answer_is_not_a_refusal() {
    let (mut client, mut server) = tokio::io::duplex(MAX_LINE);
    server
        .write_all(b"{\"accepted\":\"maybe\"}\n")
        .await
        .unwrap();
    let sent = exchange(&mut client, &email("johndoe@example.com")).await;
    assert!(matches!(sent, Err(SendError::Unreadable)), "{sent:?}");
    assert_eq!(
        SendError::Unreadable.text(Lang::Pt),
        "não foi possível ler a resposta do skyview aberto"
    );
}

#[tokio::test]
async fn a_window_closing_refuses() {
    let (mut client, server) = tokio::io::duplex(MAX_LINE);
    let (pops, received) = mpsc::channel(1);
    drop(received);
    let serving = tokio::spawn(async move { serve(server, &pops).await });
    let sent = exchange(&mut client, &email("johndoe@example.com")).await;
    assert!(matches!(sent, Err(SendError::Refused(Refusal::Closing))));
    assert_eq!(
        sent.unwrap_err().text(Lang::Pt),
        "o skyview aberto recusou a consulta (ele está fechando)"
    );
    serving.await.unwrap();
}

#[cfg(unix)]
mod unix {
    use std::os::unix::fs::PermissionsExt;
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    // Named modes, not literals in the calls: clippy's non_octal_unix_permissions has
    // been seen misreading a literal's span inside #[tokio::test].
    const OPEN_TO_OTHERS: u32 = 0o755;
    const OWNER_ONLY: u32 = 0o700;

    /// A fresh directory for one test's endpoints, removed at the end.
    struct Dir(PathBuf);

    impl Dir {
        fn new() -> Self {
            static NEXT: AtomicUsize = AtomicUsize::new(0);
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let root = std::env::temp_dir().join(format!("skyview-pop-{}-{n}", std::process::id()));
            std::fs::create_dir_all(&root).unwrap();
            Self(root)
        }

        /// The place pops go to, inside (not yet created: the window creates it).
        fn place(&self) -> Place {
            Place::at(self.0.join("pops"))
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn listen(place: &Place, name: &str) -> (Endpoint, mpsc::Receiver<Pop>) {
        let (pops, received) = mpsc::channel(4);
        match Endpoint::bind(place, name, pops).unwrap() {
            Bound::Listening(endpoint) => (endpoint, received),
            Bound::Taken => panic!("{name} taken"),
        }
    }

    #[tokio::test]
    async fn a_pop_reaches_the_window_through_a_private_socket() {
        let dir = Dir::new();
        let place = dir.place();
        let (_endpoint, mut received) = listen(&place, "demo");
        let socket = dir.0.join("pops/demo.sock");
        let mode = |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode();
        assert_eq!(mode(&socket) & 0o777, 0o600);
        assert_eq!(mode(&dir.0.join("pops")) & 0o777, 0o700);
        send(&place, None, &email("johndoe@example.com"))
            .await
            .unwrap();
        assert_eq!(received.recv().await, Some(email("johndoe@example.com")));
    }

    #[tokio::test]
    async fn a_second_window_in_the_same_environment_finds_it_taken() {
        let dir = Dir::new();
        let place = dir.place();
        let (endpoint, _received) = listen(&place, "test");
        let (pops, _) = mpsc::channel(1);
        assert!(matches!(
            Endpoint::bind(&place, "test", pops.clone()),
            Ok(Bound::Taken)
        ));
        // Once the first window closes, its socket goes and the next one listens.
        drop(endpoint);
        assert!(!dir.0.join("pops/test.sock").exists());
        assert!(matches!(
            Endpoint::bind(&place, "test", pops),
            Ok(Bound::Listening(_))
        ));
    }

    #[tokio::test(start_paused = true)]
    async fn no_window_is_reported_after_a_second_of_retries() {
        let dir = Dir::new();
        let started = tokio::time::Instant::now();
        let sent = send(&dir.place(), None, &email("a@b")).await;
        assert!(matches!(sent, Err(SendError::NoWindow(None))), "{sent:?}");
        assert!(started.elapsed() >= RETRY_FOR);
        let sent = send(&dir.place(), Some("PROD"), &email("a@b")).await;
        assert!(
            matches!(&sent, Err(SendError::NoWindow(Some(env))) if env == "PROD"),
            "{sent:?}"
        );
    }

    #[tokio::test]
    async fn a_pop_sent_before_the_window_listens_waits_for_it() {
        let dir = Dir::new();
        let place = dir.place();
        let sending = tokio::spawn({
            let place = place.clone();
            async move { send(&place, None, &email("johndoe@example.com")).await }
        });
        // The window comes up while the pop retries.
        tokio::task::yield_now().await;
        let (_endpoint, mut received) = listen(&place, "demo");
        sending.await.unwrap().unwrap();
        assert!(received.recv().await.is_some());
    }

    #[tokio::test]
    async fn several_windows_need_env_and_env_picks_one() {
        let dir = Dir::new();
        let place = dir.place();
        let (_test, mut test_pops) = listen(&place, "test");
        let (_prod, mut prod_pops) = listen(&place, "prod");
        let sent = send(&place, None, &email("a@b.c")).await;
        assert!(
            matches!(&sent, Err(SendError::SeveralWindows(names)) if names == &["prod", "test"]),
            "{sent:?}"
        );
        send(&place, Some("PROD"), &email("a@b.c")).await.unwrap();
        assert_eq!(prod_pops.recv().await, Some(email("a@b.c")));
        assert!(test_pops.try_recv().is_err());
    }

    #[tokio::test]
    async fn a_socket_left_by_a_killed_window_is_replaced() {
        let dir = Dir::new();
        let place = dir.place();
        place.ensure().unwrap();
        // A listener gone without removing its file: connects to it are refused.
        let stale = dir.0.join("pops/demo.sock");
        drop(std::os::unix::net::UnixListener::bind(&stale).unwrap());
        assert!(stale.exists());
        let (_endpoint, mut received) = listen(&place, "demo");
        send(&place, None, &email("a@b.c")).await.unwrap();
        assert!(received.recv().await.is_some());
    }

    #[tokio::test]
    async fn a_file_that_is_not_a_socket_is_left_alone() {
        let dir = Dir::new();
        let place = dir.place();
        place.ensure().unwrap();
        let odd = dir.0.join("pops/demo.sock");
        std::fs::write(&odd, "mine").unwrap();
        let (pops, _) = mpsc::channel(1);
        assert!(Endpoint::bind(&place, "demo", pops).is_err());
        assert_eq!(std::fs::read_to_string(&odd).unwrap(), "mine");
    }

    #[tokio::test]
    async fn a_directory_open_to_others_is_not_used() {
        let dir = Dir::new();
        let place = dir.place();
        let (_endpoint, _received) = listen(&place, "demo");
        let pops_dir = dir.0.join("pops");
        std::fs::set_permissions(&pops_dir, std::fs::Permissions::from_mode(OPEN_TO_OTHERS))
            .unwrap();
        let sent = send(&place, None, &email("a@b.c")).await;
        let Err(unsafe_dir @ SendError::Unsafe { .. }) = sent else {
            panic!("{sent:?}");
        };
        let said = unsafe_dir.text(Lang::Es);
        assert!(
            said.contains("debe ser una carpeta de este usuario"),
            "{said}"
        );
        assert!(
            !said.contains("pops are off"),
            "the log's English stays in the log"
        );
        let (pops, _) = mpsc::channel(1);
        assert!(Endpoint::bind(&place, "prod", pops).is_err());
        assert!(!pops_dir.join("prod.sock").exists());
    }

    #[tokio::test]
    async fn a_link_in_place_of_the_directory_is_not_used() {
        let dir = Dir::new();
        let elsewhere = dir.0.join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        std::fs::set_permissions(&elsewhere, std::fs::Permissions::from_mode(OWNER_ONLY)).unwrap();
        std::os::unix::fs::symlink(&elsewhere, dir.0.join("pops")).unwrap();
        let (pops, _) = mpsc::channel(1);
        assert!(Endpoint::bind(&dir.place(), "demo", pops).is_err());
        assert!(!elsewhere.join("demo.sock").exists());
    }
}
