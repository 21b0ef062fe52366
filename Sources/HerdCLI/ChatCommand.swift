import ArgumentParser
import Foundation
import HerdCore
import HerdService
import HerdRemote

/// `herd chat QUESTION`: asks a local model about the cluster, with the context block as its briefing.
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat", abstract: "Ask a local model (Ollama's API) about the cluster, with herd context as its briefing.",
        discussion: """
            The model gets the block `herd context QUESTION` prints as its system message and streams its answer to \
            stdout (through the terminal filter on a terminal). When no model server answers at --endpoint \
            (refused, not found, timed out), herd says so in one line on stderr, prints the context block instead \
            and exits 0: the block is the answer herd can give. A server that answers with an error (an unknown \
            model) exits 1.
            """)

    @Argument(parsing: .remaining, help: "The question, e.g. 'where should I run a 13b fine-tune?'.")
    var question: [String] = []

    @Option(help: "The model to ask.")
    var model = "llama3.2"

    @Option(help: "The model server (Ollama's API).")
    var endpoint = "http://localhost:11434"

    @OptionGroup var cache: CachedOption

    func validate() throws {
        if question.joined().trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("no question: e.g. herd chat where should I run 7b inference")
        }
        guard let u = URL(string: endpoint), ["http", "https"].contains(u.scheme ?? ""), u.host != nil else {
            throw ValidationError("--endpoint must be an http(s) URL such as http://localhost:11434, not '\(TerminalText.line(endpoint))'")
        }
    }

    func run() async throws {
        let text = question.joined(separator: " ")
        let cli = CLIContext()
        let context = try await CachedRead.queries(cli.services, home: cli.home, cached: cache.cached).context(query: text)
        let block = context.render(now: Date())
        guard let url = URL(string: endpoint) else { throw HerdError.invalidInput("--endpoint: not a URL") }
        let sink = TerminalSink(raw: false)
        do {
            try await ModelChatClient(endpoint: url).stream(try ChatStreamLine.request(model: model, context: block, question: text)) { piece in
                sink.write(.stdout, Data(piece.utf8))
            }
            sink.finish()
            CLIContext.out("\n")
        } catch ModelChatClient.Failure.noServer(let why) {
            CLIContext.warn("no model server answers at \(endpoint) (\(why)); here is the cluster context instead")
            CLIContext.out(block)
        } catch ModelChatClient.Failure.server(let why) {
            sink.finish()
            throw HerdError.remote("model server at \(endpoint): \(why)")
        }
    }
}
