//! `canonym translit`: romanize text under one scheme or all of them.

use anyhow::{bail, Result};
use canonym::translit::{self, Scheme};
use serde::Serialize;
use std::io::{BufRead, Write};

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// Plain text: the romanization, or `scheme<TAB>variant` lines with --all.
    Text,
    /// One JSON object per input: {"text", "lang", "variants": [{"scheme", "text"}]}.
    Jsonl,
}

#[derive(clap::Args)]
pub struct Args {
    /// Language of the text (ru, uk, be, bg, sr, mk, ko, el); guessed when omitted.
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// Scheme name (see --list); default: the first scheme of the language.
    #[arg(long, value_name = "NAME", conflicts_with = "all")]
    scheme: Option<String>,
    /// Every variant that indexing generates, with its scheme.
    #[arg(long)]
    all: bool,
    /// List the schemes with their languages and standards.
    #[arg(long)]
    list: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Text to romanize; lines of standard input when none is given.
    #[arg(value_name = "TEXT")]
    text: Vec<String>,
}

#[derive(Serialize)]
struct JsonVariant<'a> {
    scheme: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct JsonLine<'a> {
    text: &'a str,
    lang: Option<&'a str>,
    variants: Vec<JsonVariant<'a>>,
}

pub fn run(args: Args) -> Result<i32> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.list {
        for s in Scheme::ALL {
            writeln!(
                out,
                "{}\t{}\t{}",
                s.name(),
                s.lang().unwrap_or("*"),
                s.standard()
            )?;
        }
        out.flush()?;
        return Ok(0);
    }
    let scheme = match &args.scheme {
        Some(name) => match Scheme::from_name(name) {
            Some(s) => Some(s),
            None => bail!("unknown scheme `{name}` (see `canonym translit --list`)"),
        },
        None => None,
    };
    let one = |text: &str, out: &mut dyn Write| -> Result<()> {
        let lang = args.lang.as_deref().or_else(|| translit::guess_lang(text));
        let variants: Vec<(Scheme, String)> = if args.all {
            translit::variants(text, lang)
                .into_iter()
                .map(|v| (v.scheme, v.text))
                .collect()
        } else {
            let s = scheme
                .or_else(|| lang.and_then(|l| translit::schemes_for(l).first().copied()))
                .unwrap_or(Scheme::Fallback);
            vec![(s, translit::translit(text, lang.unwrap_or(""), s))]
        };
        match args.format {
            Format::Jsonl => {
                let line = JsonLine {
                    text,
                    lang,
                    variants: variants
                        .iter()
                        .map(|(s, t)| JsonVariant {
                            scheme: s.name(),
                            text: t,
                        })
                        .collect(),
                };
                serde_json::to_writer(&mut *out, &line)?;
                writeln!(out)?;
            }
            Format::Text if args.all => {
                for (s, t) in &variants {
                    writeln!(out, "{}\t{t}", s.name())?;
                }
            }
            Format::Text => {
                for (_, t) in &variants {
                    writeln!(out, "{t}")?;
                }
            }
        }
        Ok(())
    };
    if args.text.is_empty() {
        for line in std::io::stdin().lock().lines() {
            one(line?.trim_end_matches('\r'), &mut out)?;
        }
    } else {
        for t in &args.text {
            one(t, &mut out)?;
        }
    }
    out.flush()?;
    Ok(0)
}
