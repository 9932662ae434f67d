//! Running Graphviz (through graphviz-rust) on a DOT text.

use crate::error::{Error, Result};
use graphviz_rust::cmd::CommandArg;

/// An output format of a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
pub enum FigureFormat {
    Svg,
    Png,
    Pdf,
    /// The DOT source itself (no Graphviz run).
    Dot,
}

impl FigureFormat {
    /// File extension.
    pub fn ext(self) -> &'static str {
        match self {
            FigureFormat::Svg => "svg",
            FigureFormat::Png => "png",
            FigureFormat::Pdf => "pdf",
            FigureFormat::Dot => "dot",
        }
    }

    /// The format of a file name, by extension.
    pub fn from_path(p: &std::path::Path) -> Option<FigureFormat> {
        match p.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "svg" => Some(FigureFormat::Svg),
            "png" => Some(FigureFormat::Png),
            "pdf" => Some(FigureFormat::Pdf),
            "dot" | "gv" => Some(FigureFormat::Dot),
            _ => None,
        }
    }
}

/// Checks that Graphviz's `dot` runs, with an install hint when it does not.
pub fn check_installed() -> Result<()> {
    match std::process::Command::new("dot").arg("-V").output() {
        Ok(o) if o.status.success() => Ok(()),
        _ => Err(Error::Graphviz(
            "the `dot` program was not found; install Graphviz (Debian/Ubuntu: apt-get install graphviz) \
             or use --no-figures"
                .into(),
        )),
    }
}

/// Draws a pinned figure (every node has `pos="x,y!"` in points) with `neato -n2` into
/// `format`; PNG output is rasterised at `dpi`.
pub fn render_pinned(dot: &str, format: FigureFormat, dpi: u32) -> Result<Vec<u8>> {
    if format == FigureFormat::Dot {
        return Ok(dot.as_bytes().to_vec());
    }
    let mut args = vec![
        CommandArg::Custom("-Kneato".into()),
        CommandArg::Custom("-n2".into()),
        CommandArg::Custom(format!("-T{}", format.ext())),
    ];
    if format == FigureFormat::Png {
        args.push(CommandArg::Custom(format!("-Gdpi={dpi}")));
    }
    graphviz_rust::exec_dot(dot.to_string(), args).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::Graphviz(
                "the `dot` program was not found; install Graphviz (apt-get install graphviz)"
                    .into(),
            )
        } else {
            Error::Graphviz(format!("neato -n2 failed: {}", e.to_string().trim()))
        }
    })
}

/// Lays out and renders `dot` with `engine` (neato, sfdp, dot...) into `format`. PNG output is
/// rasterised at `dpi`.
pub fn render(dot: &str, engine: &str, format: FigureFormat, dpi: u32) -> Result<Vec<u8>> {
    if format == FigureFormat::Dot {
        return Ok(dot.as_bytes().to_vec());
    }
    let mut args = vec![
        CommandArg::Custom(format!("-K{engine}")),
        CommandArg::Custom(format!("-T{}", format.ext())),
    ];
    if format == FigureFormat::Png {
        args.push(CommandArg::Custom(format!("-Gdpi={dpi}")));
    }
    graphviz_rust::exec_dot(dot.to_string(), args).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::Graphviz(
                "the `dot` program was not found; install Graphviz (apt-get install graphviz)"
                    .into(),
            )
        } else {
            Error::Graphviz(format!("{engine} failed: {}", e.to_string().trim()))
        }
    })
}
