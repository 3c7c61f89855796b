//! A stand-in for the system browser in the window's end-to-end tests. The app opens the
//! provider's sign-in page as on any desktop (`xdg-open URL`, which runs `$BROWSER URL`
//! where no desktop environment says otherwise); this follows it as a browser would,
//! keeping cookies through the provider's redirects, then visits the app's loopback
//! callback once. Each visit is appended to `$JCC_TEST_BROWSER_LOG` when that is set.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(url) = std::env::args()
        .nth(1)
        .and_then(|u| url::Url::parse(&u).ok())
    else {
        eprintln!("usage: jcc-test-browser URL");
        return ExitCode::from(2);
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let outcome = runtime.block_on(jcc_sync_testkit::headless_browser(&url));
    let line = match &outcome {
        Ok(landing) => format!("{} -> {} {}\n", url, landing.url, landing.status),
        Err(e) => format!("{url} -> failed: {e:#}\n"),
    };
    if let Some(log) = std::env::var_os("JCC_TEST_BROWSER_LOG") {
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
        {
            let _ = f.write_all(line.as_bytes());
        }
    }
    eprint!("{line}");
    match outcome {
        Ok(landing) if landing.status == 200 => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    }
}
