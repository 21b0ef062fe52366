import ArgumentParser

/// The shared `--json` / `--yaml` flags of listing commands (`--format json|yaml` is rewritten to these by
/// `HerdMain.formatSynonyms` before parsing, for every command that has them).
struct OutputFormatOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Print YAML instead of a table.")
    var yaml = false

    func validate() throws {
        if json && yaml { throw ValidationError("--json and --yaml cannot be used together") }
    }
}
