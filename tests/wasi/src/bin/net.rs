//! net: TCP and UDP over 127.0.0.1 and name lookup of `localhost`, with std::net. Prints each
//! step as `<label>: Ok(..)` or `<label>: Err(<ErrorKind>, errno <n>)` (never a port number)
//! and exits 0 when every step succeeded, 1 otherwise. Needs the host's network
//! (`--inherit-network`); without it every step fails.

use std::io::{self, Read, Write};
use std::net::{
    IpAddr, Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs, UdpSocket,
};
use wasi_programs::show;

struct Run {
    failed: usize,
}

impl Run {
    fn step<T: std::fmt::Debug>(&mut self, label: &str, r: io::Result<T>) -> Option<T> {
        println!("{label}: {}", show(&r));
        self.failed += r.is_err() as usize;
        r.ok()
    }
    /// Like `step`, but prints only `Ok` for a value that shows ports or descriptors.
    fn opaque<T>(&mut self, label: &str, r: io::Result<T>) -> Option<T> {
        match r {
            Ok(v) => {
                println!("{label}: Ok");
                Some(v)
            }
            Err(e) => self.step(label, Err::<(), _>(e)).map(|_| unreachable!()),
        }
    }
    /// A step that must fail with `kind`.
    fn fails<T: std::fmt::Debug>(&mut self, label: &str, kind: io::ErrorKind, r: io::Result<T>) {
        let good = matches!(&r, Err(e) if e.kind() == kind);
        println!(
            "{label}: {}{}",
            show(&r),
            if good { "" } else { " UNEXPECTED" }
        );
        self.failed += !good as usize;
    }
}

const LOCALHOST: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

fn tcp(r: &mut Run) -> Option<()> {
    let listener = r.opaque("tcp bind 127.0.0.1:0", TcpListener::bind((LOCALHOST, 0)))?;
    r.step(
        "tcp listener local ip, port != 0",
        listener.local_addr().map(|a| (a.ip(), a.port() != 0)),
    );
    let addr: SocketAddr = listener.local_addr().ok()?;
    let mut client = r.opaque("tcp connect", TcpStream::connect(addr))?;
    let (mut server, peer) = r.opaque("tcp accept", listener.accept())?;
    r.step("tcp accepted peer ip", Ok::<_, io::Error>(peer.ip()));
    r.step(
        "tcp client local_addr == accepted peer",
        client.local_addr().map(|a| a == peer),
    );
    r.step(
        "tcp client peer_addr == listener addr",
        client.peer_addr().map(|a| a == addr),
    );
    r.step(
        "tcp set_nodelay",
        client.set_nodelay(true).and_then(|_| client.nodelay()),
    );
    r.step("tcp client write ping", client.write_all(b"ping"));
    let mut buf = [0u8; 4];
    r.step(
        "tcp server read",
        server
            .read_exact(&mut buf)
            .map(|_| String::from_utf8_lossy(&buf).into_owned()),
    );
    let big: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
    r.step("tcp server write 100000 bytes", server.write_all(&big));
    r.step(
        "tcp server shutdown write",
        server.shutdown(Shutdown::Write),
    );
    let mut got = Vec::new();
    r.step(
        "tcp client read to end",
        client.read_to_end(&mut got).map(|n| (n, got == big)),
    );
    r.step(
        "tcp client shutdown write",
        client.shutdown(Shutdown::Write),
    );
    let mut rest = Vec::new();
    r.step(
        "tcp server read to end (EOF)",
        server.read_to_end(&mut rest),
    );

    // A port nobody listens on: bind one, note it, close it.
    let closed = TcpListener::bind((LOCALHOST, 0)).and_then(|l| l.local_addr());
    r.step(
        "tcp bind a port to close",
        closed
            .as_ref()
            .map(|a| a.ip())
            .map_err(|e| io::Error::new(e.kind(), e.to_string())),
    );
    if let Ok(closed) = closed {
        r.fails(
            "tcp connect to a closed port",
            io::ErrorKind::ConnectionRefused,
            TcpStream::connect(closed).map(|_| ()),
        );
    }
    Some(())
}

fn udp(r: &mut Run) -> Option<()> {
    let a = r.opaque("udp bind a", UdpSocket::bind((LOCALHOST, 0)))?;
    let b = r.opaque("udp bind b", UdpSocket::bind((LOCALHOST, 0)))?;
    let (a_addr, b_addr) = (a.local_addr().ok()?, b.local_addr().ok()?);
    r.step("udp a send_to b", a.send_to(b"hello", b_addr));
    let mut buf = [0u8; 64];
    r.step(
        "udp b recv_from",
        b.recv_from(&mut buf).map(|(n, from)| {
            (
                String::from_utf8_lossy(&buf[..n]).into_owned(),
                from == a_addr,
            )
        }),
    );
    r.step("udp b connect a", b.connect(a_addr));
    r.step("udp b send", b.send(b"back"));
    r.step(
        "udp a recv",
        a.recv(&mut buf)
            .map(|n| String::from_utf8_lossy(&buf[..n]).into_owned()),
    );
    Some(())
}

fn dns(r: &mut Run) {
    let sorted = |s: &str| {
        s.to_socket_addrs().map(|it| {
            let mut v: Vec<String> = it.map(|a| a.to_string()).collect();
            v.sort();
            v.dedup();
            v
        })
    };
    r.step("lookup localhost:80", sorted("localhost:80"));
    r.step("lookup 127.0.0.1:80 (literal)", sorted("127.0.0.1:80"));
}

fn main() {
    let mut r = Run { failed: 0 };
    tcp(&mut r);
    udp(&mut r);
    dns(&mut r);
    println!("failed: {}", r.failed);
    std::process::exit(if r.failed == 0 { 0 } else { 1 });
}
