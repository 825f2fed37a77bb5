//! `gen-corpus --articles N --seed S --format txt|jsonl --out PATH`
//!
//! Writes a synthetic corpus: a folder of `.txt` files, or a JSON Lines file
//! (`--out -` for standard output).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use recoupe_corpus::{write_jsonl, write_text_dir, GenConfig};

const USAGE: &str = "usage: gen-corpus --articles N [--stories N] [--seed S] [--copy-rate F] \
[--french-share F] [--start YYYY-MM-DD] [--days N] --format txt|jsonl --out PATH";

enum Format {
    Txt,
    Jsonl,
}

struct Args {
    config: GenConfig,
    format: Format,
    out: PathBuf,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut config = GenConfig::default();
    let mut stories_given = false;
    let mut format = None;
    let mut out = None;
    let mut iter = args.iter();
    while let Some(flag) = iter.next() {
        if flag == "-h" || flag == "--help" {
            return Err(USAGE.to_string());
        }
        let value = iter.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let bad = |what: &str| format!("{flag}: `{value}` is not {what}");
        match flag.as_str() {
            "--articles" => config.articles = value.parse().map_err(|_| bad("a count"))?,
            "--stories" => {
                config.stories = value.parse().map_err(|_| bad("a count"))?;
                stories_given = true;
            }
            "--seed" => config.seed = value.parse().map_err(|_| bad("an unsigned integer"))?,
            "--copy-rate" => config.copy_rate = parse_share(value).ok_or_else(|| bad("a number in [0, 1]"))?,
            "--french-share" => config.french_share = parse_share(value).ok_or_else(|| bad("a number in [0, 1]"))?,
            "--start" => {
                config.start_date =
                    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| bad("a YYYY-MM-DD date"))?
            }
            "--days" => config.days = value.parse().map_err(|_| bad("a count"))?,
            "--format" => {
                format = Some(match value.as_str() {
                    "txt" => Format::Txt,
                    "jsonl" => Format::Jsonl,
                    _ => return Err(bad("txt or jsonl")),
                })
            }
            "--out" => out = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    if !stories_given {
        // About ten articles a story, as in a day of real news monitoring.
        config.stories = (config.articles / 10).max(1);
    }
    Ok(Args {
        config,
        format: format.ok_or_else(|| format!("--format is required\n{USAGE}"))?,
        out: out.ok_or_else(|| format!("--out is required\n{USAGE}"))?,
    })
}

fn parse_share(value: &str) -> Option<f64> {
    value.parse::<f64>().ok().filter(|v| (0.0..=1.0).contains(v))
}

fn run(args: Args) -> std::io::Result<usize> {
    match args.format {
        Format::Txt => write_text_dir(&args.config, &args.out),
        Format::Jsonl if args.out.as_os_str() == "-" => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            let n = write_jsonl(&args.config, &mut lock)?;
            lock.flush()?;
            Ok(n)
        }
        Format::Jsonl => {
            let mut file = std::io::BufWriter::new(std::fs::File::create(&args.out)?);
            let n = write_jsonl(&args.config, &mut file)?;
            file.flush()?;
            Ok(n)
        }
    }
}

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse(&raw) {
        Ok(a) => a,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let out = args.out.display().to_string();
    match run(args) {
        Ok(n) => {
            eprintln!("gen-corpus: wrote {n} articles to {out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-corpus: {out}: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn parses_a_full_command_line() {
        let a = parse(&args(
            "--articles 50 --seed 9 --format jsonl --out x.jsonl --copy-rate 0.5 --french-share 0.1 --days 10 --start 2024-02-29",
        ))
        .unwrap();
        assert_eq!(a.config.articles, 50);
        assert_eq!(a.config.stories, 5, "about ten articles a story by default");
        assert_eq!(a.config.seed, 9);
        assert_eq!(a.config.copy_rate, 0.5);
        assert_eq!(a.config.french_share, 0.1);
        assert_eq!(a.config.days, 10);
        assert_eq!(a.config.start_date.to_string(), "2024-02-29");
        assert!(matches!(a.format, Format::Jsonl));
        assert_eq!(a.out, PathBuf::from("x.jsonl"));
    }

    #[test]
    fn reports_bad_command_lines() {
        for (line, expected) in [
            (
                "--articles ten --format txt --out d",
                "--articles: `ten` is not a count",
            ),
            ("--articles 5 --format csv --out d", "is not txt or jsonl"),
            ("--articles 5 --out d", "--format is required"),
            ("--articles 5 --format txt", "--out is required"),
            ("--articles", "--articles needs a value"),
            ("--copy-rate 1.5 --format txt --out d", "is not a number in [0, 1]"),
            ("--bogus 1", "unknown option --bogus"),
        ] {
            let err = parse(&args(line)).err().unwrap_or_default();
            assert!(err.contains(expected), "{line}: {err}");
        }
    }
}
