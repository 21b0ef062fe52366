import HerdCore

/// The POSIX-sh agent herd runs on every host: `probe` once (one-shot), or `serve` a request loop on stdin.
///
/// Requests are lines `ID VERB`; each answer is the verb's output followed by `@@herd-done ID STATUS`.
/// The probe prints sections `@@uname`, `@@nproc`, `@@tools`, `@@loadavg`, `@@psi` (Linux PSI), `@@meminfo` (Linux) or `@@sysctl`,
/// `@@vmstat` (macOS), `@@df`, `@@gpu` (when nvidia-smi exists) and `@@end`, parsed by `ProbeParser`.
/// uname and nproc are read once per agent; per round the agent forks only `df` (and nvidia-smi).
public enum AgentScript {
    /// Bumped whenever the script changes.
    public static let version = 1

    public static let source = #"""
# herd agent v1 (POSIX sh)
LC_ALL=C
export LC_ALL
HERD_UNAME=$(uname -srm 2>/dev/null)
HERD_OS=${HERD_UNAME%% *}
if [ "$HERD_OS" = Darwin ]; then
  HERD_NPROC=$(sysctl -n hw.ncpu 2>/dev/null)
else
  HERD_NPROC=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null)
fi
if command -v nvidia-smi >/dev/null 2>&1; then HERD_GPU=1; else HERD_GPU=0; fi
HERD_TOOLS=""
for herd_t in go python3 git docker ollama node swift cargo gcc nvidia-smi tmux rsync; do
  if command -v "$herd_t" >/dev/null 2>&1; then HERD_TOOLS="$HERD_TOOLS $herd_t"; fi
done

herd_probe() {
  echo "@@uname"
  echo "$HERD_UNAME"
  echo "@@nproc"
  echo "$HERD_NPROC"
  echo "@@tools"
  echo "$HERD_TOOLS"
  if [ "$HERD_OS" = Darwin ]; then
    echo "@@sysctl"
    sysctl -n vm.loadavg hw.memsize hw.ncpu 2>/dev/null
    echo "@@vmstat"
    vm_stat 2>/dev/null
  else
    echo "@@loadavg"
    read -r herd_l < /proc/loadavg && echo "$herd_l"
    echo "@@meminfo"
    while read -r herd_k herd_v herd_u; do
      case $herd_k in
        MemTotal:|MemFree:|MemAvailable:|Buffers:|Cached:) echo "$herd_k $herd_v $herd_u" ;;
      esac
    done < /proc/meminfo
    if [ -r /proc/pressure/memory ]; then
      echo "@@psi"
      read -r herd_l < /proc/pressure/memory && echo "$herd_l"
    fi
  fi
  echo "@@df"
  df -Pk / 2>/dev/null
  if [ "$HERD_GPU" = 1 ]; then
    echo "@@gpu"
    nvidia-smi --query-gpu=index,name,utilization.gpu,memory.used,memory.total --format=csv,noheader,nounits 2>/dev/null
  fi
  echo "@@end"
}

herd_serve() {
  while IFS=' ' read -r herd_id herd_verb; do
    case $herd_verb in
      probe) herd_probe; herd_rc=0 ;;
      ping) echo pong; herd_rc=0 ;;
      *) echo "@@error unknown verb"; herd_rc=2 ;;
    esac
    echo "@@herd-done $herd_id $herd_rc"
  done
}

case ${1:-serve} in
  probe) herd_probe ;;
  serve) herd_serve ;;
  *) echo "herd agent: unknown mode $1" >&2; exit 2 ;;
esac
"""#

    /// A remote command line that runs the agent in `mode` ("probe" or "serve") under /bin/sh.
    public static func command(mode: String) -> String {
        "exec /bin/sh -c \(ShellQuote.quote(source)) herd-agent \(mode)"
    }
}
