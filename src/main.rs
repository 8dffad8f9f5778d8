//! The `trichdan` command: parses arguments, calls the library, prints.

mod cli;

// mimalloc returns freed memory to the system and keeps the many threads of a run (reading,
// indexing) from fragmenting the heap: the index stays within its memory budget
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::run());
}
