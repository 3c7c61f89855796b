//! Start-up: `jcc` links the book's Typst code, whose tables hold ~140,000 pointers that
//! the dynamic loader relocates at every start of a position-independent binary. Packed
//! relative relocations (RELR) store them as a small bitmap instead of 24 bytes each, so
//! the loader reads kilobytes instead of ~3.4 MB before `main`. Linux with glibc only,
//! and only when the glibc this is built against loads RELR (2.36+; Ubuntu 22.04 has
//! 2.35, where such a binary would not start): other targets link as before.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    let native = std::env::var("HOST").ok() == std::env::var("TARGET").ok();
    if os == "linux" && env == "gnu" && native && glibc_loads_relr() {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// The build machine's glibc is 2.36 or newer (`getconf GNU_LIBC_VERSION`: "glibc 2.36").
fn glibc_loads_relr() -> bool {
    let Ok(out) = std::process::Command::new("getconf")
        .arg("GNU_LIBC_VERSION")
        .output()
    else {
        return false;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text
        .split_whitespace()
        .nth(1)
        .unwrap_or("")
        .split('.')
        .map(|p| p.parse::<u32>().unwrap_or(0));
    let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    (major, minor) >= (2, 36)
}
