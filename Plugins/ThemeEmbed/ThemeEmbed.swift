import Foundation
import PackagePlugin

/// Puts the shipped themes (`themes/*.theme`) inside the binary as `shippedThemeFiles`, so `--theme light` works
/// wherever `herd` is installed, not only beside its source tree. Rebuilt when a theme file changes.
@main
struct ThemeEmbed: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let dir = context.package.directoryURL.appending(path: "themes")
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "theme" }.sorted { $0.path < $1.path }
        let out = context.pluginWorkDirectoryURL.appending(path: "ShippedThemes.swift")
        // Raw strings with two #s: a theme's text ("#rrggbb" values) cannot end the literal early.
        let script = ###"""
            out=$1; shift
            {
              echo '/// The themes shipped with herd, by name (generated from themes/*.theme by the ThemeEmbed plugin).'
              echo 'public let shippedThemeFiles: [String: String] = ['
              for f in "$@"; do
                printf '    "%s": ##"""\n' "$(basename "$f" .theme)"
                sed 's/^/    /' "$f"
                printf '    """##,\n'
              done
              echo ']'
            } > "$out.new" && mv "$out.new" "$out"
            """###
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) themes",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", script, "theme-embed", out.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [out]
            ),
        ]
    }
}
