//! Start-up: `jcc` links the book's Typst code, whose tables hold ~140,000 pointers that
//! the dynamic loader relocates at every start of a position-independent binary. Packed
//! relative relocations (RELR) store them as a small bitmap instead of 24 bytes each, so
//! the loader reads kilobytes instead of ~3.4 MB before `main`. Linux with glibc only
//! (2.36+ loads RELR; its linkers, GNU ld 2.38+ and lld, write it); other targets link
//! as before.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
