//! The `dyad` binary.
fn main() {}
