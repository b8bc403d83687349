//! `peerprep serve`: build into memory, serve on localhost, rebuild on every
//! change, and reload the browser. A broken source keeps the server running
//! and shows its problems in the terminal and the browser.

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use crate::cli::ServeArgs;
use crate::cmd::Outcome;
use crate::edition::Edition;
use crate::serve::host::Hosts;
use crate::serve::site::{Report, Site};
use crate::serve::watch::Watch;
use crate::serve::{http, server};

/// Runs `serve` until Ctrl-C.
pub(crate) fn run(args: &ServeArgs, quiet: bool) -> Outcome {
    if !args
        .project_dir
        .join("course")
        .join("course.yaml")
        .is_file()
    {
        eprintln!(
            "error: {} is not a peerprep course: there is no course/course.yaml\n  = help: run peerprep serve in a course folder, or create one with peerprep init",
            args.project_dir.display()
        );
        return Outcome::Environment;
    }
    let listener = match bind(args.bind, args.port) {
        Ok(l) => l,
        Err(message) => {
            eprintln!("{message}");
            return Outcome::Environment;
        }
    };
    let address = listener
        .local_addr()
        .unwrap_or(SocketAddr::new(args.bind, args.port));
    if let Some(warning) = bind_warning(args.bind, args.edition) {
        eprintln!("{warning}");
    }
    let hosts = Hosts::new(args.bind);
    let site = Arc::new(Site::new(
        args.project_dir.clone(),
        args.edition,
        args.profile.clone(),
    ));
    print_report(&site.rebuild(), quiet);
    let mut watch = match Watch::start(&args.project_dir) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: {e}");
            return Outcome::Environment;
        }
    };
    let (stop, stopped) = mpsc::channel();
    let on_ctrl_c = stop.clone();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = on_ctrl_c.send(());
    }) {
        eprintln!("warning: Ctrl-C may not stop the server cleanly: {e}");
    }
    let handler: Arc<server::Handler> = {
        let site = site.clone();
        Arc::new(move |request: &server::Request| http::respond(request, &hosts, &site))
    };
    if let Err(e) = server::start(listener, handler) {
        eprintln!("error: cannot start the server: {e}");
        return Outcome::Environment;
    }
    let url = format!("http://{address}/");
    println!(
        "Serving the {} edition at {url}\n{}; press Ctrl-C to stop.",
        args.edition.name(),
        watch.summary()
    );
    if args.open
        && let Err(e) = opener::open(&url)
    {
        eprintln!("warning: could not open a browser: {e}");
    }
    let watched = site.clone();
    std::thread::spawn(move || {
        while let Some(changed) = watch.next_change() {
            if !quiet {
                let names: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
                println!("Changed: {}", names.join(", "));
            }
            print_report(&watched.rebuild(), quiet);
        }
    });
    // Until Ctrl-C (`stop` is kept, so this waits even if no handler could be set).
    let _ = stopped.recv();
    drop(stop);
    println!("Stopped.");
    Outcome::Success
}

/// The warning for a `--bind` address other computers can reach, or None for loopback.
fn bind_warning(bind: IpAddr, edition: Edition) -> Option<String> {
    if bind.is_loopback() {
        return None;
    }
    let what = match edition {
        Edition::Facilitator => {
            "this is the facilitator edition: they can read its answer keys and facilitator notes"
        }
        Edition::Mentor => {
            "with --edition facilitator they could read its answer keys and facilitator notes"
        }
    };
    Some(format!(
        "warning: --bind {bind} is not a loopback address, so other computers on your network can open this preview\n  = note: {what}\n  = help: to keep it on this computer, leave out --bind (or use --bind 127.0.0.1); to share the course, publish the mentor edition with peerprep build"
    ))
}

/// Binds the listening socket, with a clear message when the port is busy.
fn bind(address: IpAddr, port: u16) -> Result<TcpListener, String> {
    TcpListener::bind((address, port)).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            format!(
                "error: port {port} on {address} is already in use\n  = help: choose another port, e.g. peerprep serve --port {}",
                port.wrapping_add(1).max(1024)
            )
        } else {
            format!("error: cannot listen on {address} port {port}: {e}")
        }
    })
}

fn print_report(report: &Report, quiet: bool) {
    if report.ok {
        if !report.messages.is_empty() {
            eprint!("{}", report.messages);
        }
        if !quiet {
            println!("Built {} pages in {} ms", report.pages, millis(report.took));
        }
    } else {
        eprint!("{}", report.messages);
        eprintln!("The site shows these problems until they are fixed; the server keeps running.");
    }
}

fn millis(d: Duration) -> u128 {
    d.as_millis()
}
