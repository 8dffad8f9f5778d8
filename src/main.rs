fn main() {
    let path = std::env::args().nth(1).expect("file");
    let bytes = std::fs::read(&path).unwrap();
    let d = trichdan::text::decode(&bytes);
    let x = trichdan::extract::extract(&d.text);
    for m in &x.mentions {
        println!("{}", serde_json::to_string(m).unwrap());
    }
    eprintln!("{}", serde_json::to_string(&x.header).unwrap());
}
