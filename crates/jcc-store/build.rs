// Migrations are embedded at compile time from the top-level migrations/ folder.
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
