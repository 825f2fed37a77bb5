//! Tags one text: `cargo run -p recoupe-time --example tag -- LANG YYYY-MM-DD "text"`.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(lang), Some(day), Some(text)) = (args.first(), args.get(1), args.get(2)) else {
        eprintln!("usage: tag LANG YYYY-MM-DD TEXT");
        std::process::exit(2);
    };
    let anchor = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
    for m in recoupe_time::TimeTagger::new().tag(text, lang, anchor) {
        println!("{:?}\t{:?}\t{:?}", m.text, m.kind, m.value);
    }
}
