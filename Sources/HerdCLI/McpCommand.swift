import ArgumentParser

/// `herd mcp …`: the Model Context Protocol face.
struct McpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp", abstract: "Serve herd to AI agents over the Model Context Protocol.", subcommands: [McpServeCommand.self])
}
