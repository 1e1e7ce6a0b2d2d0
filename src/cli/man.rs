//! Man pages in roff, made by clap_mangen from the same definitions as
//! `--help` (as ripgrep's `rg --generate man`): `roadmapper man` for
//! roadmapper(1), `roadmapper man render` for roadmapper-render(1).

use clap::CommandFactory;

use super::Cli;
use super::plan::Usage;

/// The page of the program, or of one of its subcommands.
pub fn page(command: Option<&str>) -> Result<Vec<u8>, Usage> {
    let mut cli = Cli::command();
    // Built, so the subcommands carry the global --color too.
    cli.build();
    let cmd = match command {
        None => cli,
        Some(name) => {
            let names: Vec<String> = cli
                .get_subcommands()
                .filter(|c| !c.is_hide_set())
                .map(|c| c.get_name().to_string())
                .collect();
            let Some(sub) = cli
                .get_subcommands()
                .find(|c| c.get_name() == name && !c.is_hide_set())
            else {
                return Err(Usage {
                    message: format!("`roadmapper man {name}`: there is no subcommand `{name}`"),
                    help: format!(
                        "give one of {}, or none for roadmapper(1)",
                        names.join(", ")
                    ),
                });
            };
            // The page's title and the usage line say `roadmapper render`.
            sub.clone()
                .name(format!("roadmapper-{name}"))
                .bin_name(format!("roadmapper {name}"))
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut roff)
        .map_err(|e| Usage {
            message: format!("the man page could not be made: {e}"),
            help: String::new(),
        })?;
    Ok(roff)
}
