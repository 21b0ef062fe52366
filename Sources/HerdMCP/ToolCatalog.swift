import MCP

/// The tools `herd mcp serve` offers, with input schemas whose descriptions tell a model what each argument means.
enum ToolCatalog {
    /// A JSON-schema object with `properties` (name → type and description) and the required names.
    static func schema(_ properties: [String: Value], required: [String] = []) -> Value {
        var o: [String: Value] = ["type": "object", "properties": .object(properties), "additionalProperties": false]
        if !required.isEmpty { o["required"] = .array(required.map { .string($0) }) }
        return .object(o)
    }

    static func prop(_ type: String, _ description: String, extra: [String: Value] = [:]) -> Value {
        var o: [String: Value] = ["type": .string(type), "description": .string(description)]
        for (k, v) in extra { o[k] = v }
        return .object(o)
    }

    static let requirementProperties: [String: Value] = [
        "ram": prop("string", "RAM the job needs, e.g. \"16G\" (wins over what the query implies)."),
        "gpus": prop("integer", "GPUs the job needs (free: under 10% busy with gpu_mem free)."),
        "cpus": prop("integer", "CPU cores the job needs."),
        "tools": prop("array", "Tools that must be on the host's PATH, e.g. [\"docker\"].", extra: ["items": ["type": "string"]]),
        "gpu_mem": prop("string", "Free memory each GPU must have to count as free, e.g. \"20G\" (default 1G)."),
    ]

    static let readOnly = Tool.Annotations(readOnlyHint: true, openWorldHint: true)

    /// The read-only tools.
    static let readTools: [Tool] = [
        Tool(
            name: "snapshot", description: "Probe every host now: status, load, RAM, disk, GPUs and cluster totals (JSON, as `herd snapshot --json`).",
            inputSchema: schema([:]), annotations: readOnly),
        Tool(
            name: "hosts", description: "Probe the hosts a selector names and list their live state (JSON rows as `herd ls --json`).",
            inputSchema: schema(["selector": prop("string", "Which hosts: a name, a,b,c, a range gpu[01-04], @tag, or all (default: every host).")]),
            annotations: readOnly),
        Tool(
            name: "place",
            description: "Where would a job fit? Ranks every host for the requirements (from the query's keywords and/or explicit fields) with reasons; `chosen` is the best fit.",
            inputSchema: schema(requirementProperties.merging(["query": prop("string", "The job in words, e.g. \"7b inference\" or \"heavy python build\".")]) { a, _ in a }),
            annotations: readOnly),
        Tool(
            name: "context",
            description: "A compact plain-text briefing about the cluster for a prompt: hosts with free RAM/GPUs and load, reservations, running jobs, and the placement answer for a query.",
            inputSchema: schema(["query": prop("string", "Optional: a job to place, e.g. \"13b model training\".")]), annotations: readOnly),
        Tool(
            name: "jobs", description: "Jobs started with herd (live ones; all: true adds ended ones), after asking their hosts how they are.",
            inputSchema: schema(["all": prop("boolean", "Include ended jobs (done, failed, stopped).")]), annotations: readOnly),
        Tool(
            name: "job_log",
            description: "A slice of a job's output: the last max_bytes bytes, or from a byte offset (use next_offset of the previous call to read on).",
            inputSchema: schema([
                "id": prop("string", "The job id or any unique prefix of it (from jobs)."),
                "offset": prop("integer", "Byte offset to read from (default: the tail)."),
                "max_bytes": prop("integer", "Bytes to return at most, 1 to 65536 (default 8192)."),
            ], required: ["id"]), annotations: readOnly),
        Tool(name: "reservations", description: "RAM and GPUs reserved on hosts (herd reserve, running jobs).", inputSchema: schema([:]), annotations: readOnly),
    ]

    /// The guarded `run` tool (only with --allow-exec).
    static let runTool = Tool(
        name: "run",
        description: """
            Run a command on a host as a herd job (in tmux, no file sync). Only commands in the allow-list of \
            $HERD_HOME/config (exec_allow) run; a command that failed on a host before is refused there unless force \
            is true. Needs confirm: "YES". Picks the best-fitting host when none is named; ram/gpus are reserved while \
            it runs. Waits up to wait_seconds for the end and returns the exit code and output tail; otherwise the \
            job id to follow with jobs and job_log.
            """,
        inputSchema: schema(requirementProperties.merging([
            "mode": prop("string", "exec: run argv as given (no shell); script: run the script text with /bin/sh, one allowed command per line.",
                         extra: ["enum": ["exec", "script"]]),
            "argv": prop("array", "mode exec: the command words, e.g. [\"nvidia-smi\", \"-L\"].", extra: ["items": ["type": "string"]]),
            "script": prop("string", "mode script: the script text."),
            "host": prop("string", "The host to run on (default: the best fit for ram/gpus)."),
            "confirm": prop("string", "Must be exactly \"YES\": the user agreed to run this.", extra: ["enum": ["YES"]]),
            "force": prop("boolean", "Run even though the command failed on this host before (learned-bad)."),
            "wait_seconds": prop("integer", "How long to wait for the end, 0 to 300 (default 30)."),
        ]) { a, _ in a }, required: ["mode", "confirm"]),
        annotations: Tool.Annotations(readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true))
}
