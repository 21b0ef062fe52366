import HerdCore

/// The POSIX-sh agent herd runs on every host: `probe` once (one-shot), or `serve` a request loop on stdin.
///
/// Requests are lines `ID VERB [ARGS]`; each answer is the verb's output followed by `@@herd-done ID STATUS`.
/// Verbs: `probe`, `ping`, `jobs UUID…` (`@@job UUID running|done CODE ENDED|missing`, as the job agent's
/// `status`) and `log UUID OFFSET MAX` (the `@@job` line, `@@log SIZE b64|hex`, then at most MAX bytes of the job's
/// output.log from OFFSET, encoded so that no log line can pass for a frame; parsed by `LogChunk`).
/// The probe prints sections `@@uname`, `@@nproc`, `@@tools`, `@@cpu` (CPU model), `@@ipaddr` (`ip -o addr`),
/// `@@hostaddr` (`hostname -I`) or `@@ifconfig` (macOS), `@@loadavg`, `@@psi` (Linux PSI), `@@meminfo` and `@@stat` (Linux; the previous
/// and the current aggregate `cpu` line of /proc/stat) or `@@sysctl`, `@@vmstat`
/// (macOS), `@@df` (every local filesystem), `@@gpu` (when nvidia-smi exists) and `@@end`, parsed by `ProbeParser`.
/// uname, nproc, the tools, the CPU model and the addresses are looked up once per agent; per round the agent runs
/// only `df` (and nvidia-smi).
///
/// Every external step runs under its own time bound (`stepSeconds`): coreutils `timeout` where it works (it kills
/// the step's whole process group), else a sh watchdog that kills the step and its children. A step that had to be
/// killed yields `@@timeout STEP SECONDS` and the probe goes on, so a hung nvidia-smi or df makes the host `partial`
/// with a reason instead of hanging the agent; an agent whose session went away dies at its next write (SIGPIPE).
public enum AgentScript {
    /// Bumped whenever the script changes.
    public static let version = 6

    /// The time bound of one probe step, in seconds (plus one second before KILL when TERM is not enough).
    public static let stepSeconds = 3

    public static let source = #"""
# herd agent v\#(version) (POSIX sh)
LC_ALL=C
export LC_ALL
herd_limit=\#(stepSeconds)
if timeout -k 1 1 true >/dev/null 2>&1; then herd_has_timeout=1; else herd_has_timeout=0; fi

# herd_step CMD [ARG…]: runs CMD with stdin from /dev/null, killed (with what it started) after herd_limit
# seconds; returns 124 when it had to be killed, else CMD's status.
herd_step() {
  if [ "$herd_has_timeout" = 1 ]; then
    timeout -k 1 "$herd_limit" "$@" </dev/null
    herd_src=$?
    if [ "$herd_src" = 137 ]; then return 124; fi
    return "$herd_src"
  fi
  "$@" </dev/null &
  herd_sp=$!
  (
    trap 'kill "$herd_sz" 2>/dev/null; exit 0' TERM
    sleep "$herd_limit" &
    herd_sz=$!
    wait "$herd_sz" || exit 0
    pkill -KILL -P "$herd_sp" 2>/dev/null
    kill -KILL "$herd_sp" 2>/dev/null
  ) </dev/null >/dev/null 2>&1 &
  herd_sw=$!
  wait "$herd_sp"
  herd_src=$?
  kill "$herd_sw" 2>/dev/null
  wait "$herd_sw" 2>/dev/null
  if [ "$herd_src" = 137 ]; then return 124; fi
  return "$herd_src"
}

# herd_late STEP STATUS: remembers a start-up step that timed out (reported by every probe of this agent).
herd_late() {
  if [ "$2" = 124 ]; then HERD_LATE="$HERD_LATE $1"; fi
}

# herd_check STEP STATUS: reports a probe step that timed out.
herd_check() {
  if [ "$2" = 124 ]; then echo "@@timeout $1 $herd_limit"; fi
}

HERD_LATE=""
HERD_STAT=""
HERD_UNAME=$(herd_step uname -srm 2>/dev/null) || herd_late uname $?
HERD_OS=${HERD_UNAME%% *}
if [ "$HERD_OS" = Darwin ]; then
  HERD_NPROC=$(herd_step sysctl -n hw.ncpu 2>/dev/null) || herd_late nproc $?
else
  HERD_NPROC=$(herd_step nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null)
fi
# The lookup is shell builtins, but a hung directory in PATH hangs it too: it runs in a bounded child shell.
# shellcheck disable=SC2016 # expands in the child shell
HERD_TOOLS=$(herd_step /bin/sh -c 'for t in go python3 git docker ollama node swift cargo gcc nvidia-smi tmux rsync; do
  if command -v "$t" >/dev/null 2>&1; then printf " %s" "$t"; fi
done' 2>/dev/null) || herd_late tools $?
case " $HERD_TOOLS " in *" nvidia-smi "*) HERD_GPU=1 ;; *) HERD_GPU=0 ;; esac
HERD_ADDR_KIND=ipaddr
if [ "$HERD_OS" = Darwin ]; then
  HERD_CPU=$(herd_step sysctl -n machdep.cpu.brand_string 2>/dev/null) || herd_late cpu $?
  HERD_ADDR_KIND=ifconfig
  HERD_ADDR=$(herd_step ifconfig 2>/dev/null) || herd_late addresses $?
else
  HERD_CPU=$(herd_step grep -m 1 -E '^(model name|Hardware|Model|cpu model)' /proc/cpuinfo 2>/dev/null) || herd_late cpu $?
  HERD_ADDR=$(herd_step ip -o addr show 2>/dev/null) || herd_late addresses $?
  if [ -z "$HERD_ADDR" ]; then
    HERD_ADDR_KIND=hostaddr
    HERD_ADDR=$(herd_step hostname -I 2>/dev/null) || herd_late addresses $?
  fi
fi

herd_probe() {
  for herd_n in $HERD_LATE; do echo "@@timeout $herd_n $herd_limit"; done
  echo "@@uname"
  echo "$HERD_UNAME"
  echo "@@nproc"
  echo "$HERD_NPROC"
  echo "@@tools"
  echo "$HERD_TOOLS"
  echo "@@cpu"
  echo "$HERD_CPU"
  echo "@@$HERD_ADDR_KIND"
  echo "$HERD_ADDR"
  if [ "$HERD_OS" = Darwin ]; then
    echo "@@sysctl"
    herd_step sysctl -n vm.loadavg hw.memsize hw.ncpu 2>/dev/null
    herd_check sysctl $?
    echo "@@vmstat"
    herd_step vm_stat 2>/dev/null
    herd_check vm_stat $?
  else
    echo "@@loadavg"
    read -r herd_l < /proc/loadavg && echo "$herd_l"
    echo "@@meminfo"
    while read -r herd_k herd_v herd_u; do
      case $herd_k in
        MemTotal:|MemFree:|MemAvailable:|Buffers:|Cached:) echo "$herd_k $herd_v $herd_u" ;;
      esac
    done < /proc/meminfo
    # The previous reading and this one: the parser takes CPU use from the ticks between them.
    echo "@@stat"
    if [ -n "$HERD_STAT" ]; then echo "$HERD_STAT"; fi
    read -r HERD_STAT < /proc/stat && echo "$HERD_STAT"
    if [ -r /proc/pressure/memory ]; then
      echo "@@psi"
      read -r herd_l < /proc/pressure/memory && echo "$herd_l"
    fi
  fi
  echo "@@df"
  # Every local filesystem; where df has no -l (or fails outright), the root one as before.
  herd_step df -Pk -l 2>/dev/null
  herd_rc=$?
  if [ "$herd_rc" != 0 ] && [ "$herd_rc" != 124 ]; then
    herd_step df -Pk / 2>/dev/null
    herd_rc=$?
  fi
  herd_check df "$herd_rc"
  if [ "$HERD_GPU" = 1 ]; then
    echo "@@gpu"
    herd_step nvidia-smi --query-gpu=index,name,utilization.gpu,memory.used,memory.total --format=csv,noheader,nounits 2>/dev/null
    herd_check nvidia-smi $?
  fi
  echo "@@end"
}

\#(JobStateShell.functions)
# herd_jobs UUID…: one `@@job UUID running|done CODE ENDED|missing` line per job (as the job agent's `status`).
herd_jobs() {
  for herd_j in "$@"; do
    case $herd_j in ''|*[!0-9a-f-]*) echo "@@error bad job id"; return 2 ;; esac
  done
  herd_job_lines " $(herd_step tmux list-sessions -F '#{session_name}' 2>/dev/null | tr '\n' ' ') " "$HOME/.herd" "$@"
  return 0
}

# herd_log UUID OFFSET MAX: the job's state (`@@job …`), then `@@log SIZE ENCODING` and at most MAX bytes of its
# output.log from byte OFFSET, base64 (or hex where base64 is missing): the bytes can never form a line of their
# own, so a log that contains the done marker cannot end or forge an answer.
herd_log() {
  case $1 in ''|*[!0-9a-f-]*) echo "@@error bad job id"; return 2 ;; esac
  case $2 in ''|*[!0-9]*) echo "@@error bad offset"; return 2 ;; esac
  case $3 in ''|*[!0-9]*) echo "@@error bad length"; return 2 ;; esac
  herd_f=$HOME/.herd/jobs/$1/output.log
  if [ ! -f "$herd_f" ]; then herd_jobs "$1"; echo "@@error no log"; return 3; fi
  herd_jobs "$1"
  herd_size=$(wc -c < "$herd_f" | tr -d ' ')
  echo "@@log $herd_size $HERD_ENC"
  if [ "$3" -gt 0 ] && [ "$2" -lt "$herd_size" ]; then
    # One line, however long the chunk (the caller keeps MAX well under the session's line limit).
    if [ "$HERD_ENC" = b64 ]; then
      tail -c +"$(($2 + 1))" "$herd_f" | head -c "$3" | base64 | tr -d '\n'
    else
      tail -c +"$(($2 + 1))" "$herd_f" | head -c "$3" | od -An -v -tx1 | tr -d ' \n'
    fi
    echo
  fi
  return 0
}
if command -v base64 >/dev/null 2>&1; then HERD_ENC=b64; else HERD_ENC=hex; fi

# shellcheck disable=SC2086 # `jobs` and `log` take words (ids and numbers), split on purpose; globbing is off
herd_serve() {
  set -f
  while IFS=' ' read -r herd_id herd_verb herd_args; do
    case $herd_verb in
      probe) herd_probe; herd_rc=0 ;;
      ping) echo pong; herd_rc=0 ;;
      jobs) herd_jobs $herd_args; herd_rc=$? ;;
      log) herd_log $herd_args; herd_rc=$? ;;
      *) echo "@@error unknown verb"; herd_rc=2 ;;
    esac
    echo "@@herd-done $herd_id $herd_rc"
  done
}

case ${1:-serve} in
  probe) herd_probe ;;
  serve) herd_serve ;;
  jobs) shift; herd_jobs "$@" ;;
  log) shift; herd_log "$@" ;;
  *) echo "herd agent: unknown mode $1" >&2; exit 2 ;;
esac
"""#

    /// A remote command line that runs the agent in `mode` ("probe" or "serve") under /bin/sh.
    public static func command(mode: String) -> String {
        "exec /bin/sh -c \(ShellQuote.quote(source)) herd-agent \(mode)"
    }

    /// A remote command line that runs one verb once (`jobs UUID…`, `log UUID OFFSET MAX`): the one-shot
    /// fallback when no session can be used. The output is what the session verb answers, without the done marker.
    public static func command(verb: String, _ arguments: [String]) -> String {
        "exec /bin/sh -c \(ShellQuote.quote(source)) herd-agent \(ShellQuote.join([verb] + arguments))"
    }
}
