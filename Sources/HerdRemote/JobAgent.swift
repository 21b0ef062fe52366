import HerdCore

/// The worker-side agent for jobs, kept at `~/.herd/bin/agent` on each host (uploaded on first use and again
/// whenever its version line differs). POSIX sh; needs tmux for `launch`. No root needed.
///
/// Layout: `~/.herd/jobs/<uuid>/{cmd,cwd,worker,started_at,output.log,exitcode,tmux_session}`,
/// work directories `~/.herd/workdirs/<uuid>/`.
///
/// Verbs: `launch UUID SHORT LABEL COMMAND [NAME]` (NAME: the roster name shown in the status bar), `exec UUID`
/// (runs inside tmux), `bar UUID` (the status bar's right side), `status UUID…`
/// (`@@job UUID running|done CODE ENDED|missing`), `stop UUID GRACE`, `rm UUID…` (`@@removed UUID BYTES`),
/// `log UUID`, `tail UUID LINES`, `follow UUID`, `wait UUID…` (returns once none of them runs).
///
/// A job's session goes away once the job ended: at once when no client is attached, else after any key (or
/// when the last client detaches).
public enum JobAgent {
    /// Bumped whenever the script changes; hosts with another version get the new one.
    public static let version = 9

    /// The first line of the script: what the upload step compares.
    public static var versionLine: String { "# herd job agent v\(version)" }

    public static var source: String { versionLine + "\n" + body }

    private static let body = #"""
LC_ALL=C
export LC_ALL
herd_root=$HOME/.herd
herd_verb=$1
shift

herd_job_dir() { echo "$herd_root/jobs/$1"; }

herd_pane_pid() {
  tmux list-panes -t "=$(cat "$(herd_job_dir "$1")/tmux_session" 2>/dev/null)" -F '#{pane_pid}' 2>/dev/null | head -n 1
}

herd_done() { [ -f "$(herd_job_dir "$1")/exitcode" ]; }

# Seconds as H:MM:SS.
herd_hms() { printf '%d:%02d:%02d' $(($1 / 3600)) $(($1 % 3600 / 60)) $(($1 % 60)); }

# Whether job $1 may still run: not ended, and its directory and tmux session are there.
herd_running() {
  ! herd_done "$1" && [ -d "$(herd_job_dir "$1")" ] && tmux has-session -t "=$(herd_field "$(herd_job_dir "$1")/tmux_session")" 2>/dev/null
}

\#(JobStateShell.functions)
# One `@@job` line per job id.
herd_status() {
  herd_job_lines " $(tmux list-sessions -F '#{session_name}' 2>/dev/null | tr '\n' ' ') " "$herd_root" "$@"
}

case $herd_verb in
launch)
  herd_id=$1; herd_short=$2; herd_label=$3; herd_name=${5:-$(uname -n)}
  herd_dir=$(herd_job_dir "$herd_id")
  herd_work=$herd_root/workdirs/$herd_id
  # herd's state on the host is the user's alone: ~/.herd, jobs/, workdirs/ and each job's directory are 0700.
  (umask 077 && mkdir -p "$herd_dir" "$herd_work") || exit 3
  chmod 700 "$herd_root" "$herd_root/jobs" "$herd_root/workdirs" "$herd_dir" "$herd_work" || exit 3
  printf '%s\n' "$4" > "$herd_dir/cmd"
  echo "$herd_label" > "$herd_dir/cwd"
  uname -n > "$herd_dir/worker"
  date +%s > "$herd_dir/started_at"
  echo "herd-$herd_short" > "$herd_dir/tmux_session"
  : > "$herd_dir/output.log"
  command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed on $(uname -n)" >&2; exit 4; }
  # tmux expands formats in status lines: a '#' from the command or the host name is doubled, so that a
  # command containing '#(…)' is shown, never run by the status line.
  herd_cmd_short=$(head -c 40 "$herd_dir/cmd" | tr '\n' ' ' | sed 's/#/##/g')
  herd_node=$(printf '%s' "$herd_name" | head -c 64 | tr -c 'A-Za-z0-9._-' '?')
  herd_agent_path=$(printf '%s' "$herd_root/bin/agent" | sed 's/#/##/g')
  herd_status="$herd_cmd_short #(/bin/sh '$herd_agent_path' bar $herd_id)"
  # One tmux call, so the session has its options before the job prints anything or anyone attaches.
  tmux new-session -d -s "herd-$herd_short" -c "$herd_work" -x 200 -y 50 \
    "exec /bin/sh \"$herd_root/bin/agent\" exec $herd_id" \; \
    set-option -t "herd-$herd_short" remain-on-exit on \; \
    set-option -t "herd-$herd_short" status-left "[herd $herd_short @ $herd_node] " \; \
    set-option -t "herd-$herd_short" status-left-length 60 \; \
    set-option -t "herd-$herd_short" status-right "$herd_status" \; \
    set-option -t "herd-$herd_short" status-right-length 100 \; \
    set-option -t "herd-$herd_short" status-interval 1 >/dev/null || exit 5
  echo "@@launched $herd_id"
  ;;
exec)
  herd_id=$1
  herd_dir=$(herd_job_dir "$herd_id")
  # INT and TERM are caught (not ignored) in the shells that record the exit code, so they survive a stop while
  # the command itself gets the signals; tee ignores them and keeps logging until the pipe closes. The command
  # writes its own pid before exec, so `stop` can KILL exactly its process tree.
  trap 'herd_sig=1' INT TERM
  {
    trap 'herd_sig=1' INT TERM
    /bin/sh -c 'echo $$ > "$1"; exec /bin/sh -c "$2"' herd-job "$herd_dir/pid" "$(cat "$herd_dir/cmd")" 2>&1
    echo $? > "$herd_dir/exitcode.tmp"
  } | (trap '' INT TERM; exec tee -a "$herd_dir/output.log")
  [ -f "$herd_dir/exitcode.tmp" ] || echo 255 > "$herd_dir/exitcode.tmp"
  mv "$herd_dir/exitcode.tmp" "$herd_dir/exitcode"
  date +%s > "$herd_dir/ended_at"
  herd_session=$(cat "$herd_dir/tmux_session")
  printf '\n--- Job done [exit %s]. Press any key to detach. ---\n' "$(cat "$herd_dir/exitcode")"
  trap - INT TERM
  # Any key (not only Enter) ends the session; so does the last client leaving, or none being attached. Reads
  # time out after a second, so a detach without a key is noticed.
  stty -icanon -echo min 0 time 10 2>/dev/null
  while [ -n "$(tmux list-clients -t "=$herd_session" 2>/dev/null)" ]; do
    [ -n "$(dd bs=1 count=1 2>/dev/null | od -An -tx1)" ] && break
  done
  tmux kill-session -t "=$herd_session" 2>/dev/null
  ;;
bar)
  herd_dir=$(herd_job_dir "$1")
  herd_s=$(herd_field "$herd_dir/started_at")
  if [ -f "$herd_dir/exitcode" ]; then
    herd_e=$(herd_field "$herd_dir/ended_at")
    case $herd_s$herd_e in *[!0-9]*) herd_t=0 ;; *) herd_t=$((herd_e - herd_s)) ;; esac
    echo "done [$(herd_field "$herd_dir/exitcode")] $(herd_hms "$herd_t")"
  else
    case $herd_s in *[!0-9]*) herd_t=0 ;; *) herd_t=$(($(date +%s) - herd_s)) ;; esac
    echo "running $(herd_hms "$herd_t")"
  fi
  ;;
status)
  herd_status "$@"
  ;;
stop)
  herd_id=$1; herd_grace=${2:-5}
  herd_done "$herd_id" && { echo "@@stopped $herd_id already-done"; exit 0; }
  herd_pid=$(herd_pane_pid "$herd_id")
  [ -n "$herd_pid" ] || { echo "@@stopped $herd_id missing"; exit 0; }
  for herd_sig in INT TERM; do
    kill -s "$herd_sig" -- "-$herd_pid" 2>/dev/null
    herd_i=0
    while [ "$herd_i" -lt "$herd_grace" ]; do
      herd_done "$herd_id" && { echo "@@stopped $herd_id $herd_sig"; exit 0; }
      sleep 1
      herd_i=$((herd_i + 1))
    done
  done
  # Still running: KILL the command and everything under it (the shells above record the exit code).
  herd_kids=$(cat "$(herd_job_dir "$herd_id")/pid" 2>/dev/null)
  while [ -n "$herd_kids" ]; do
    herd_next=""
    for herd_k in $herd_kids; do
      herd_next="$herd_next $(ps -o pid= --ppid "$herd_k" 2>/dev/null)"
      kill -s KILL "$herd_k" 2>/dev/null
    done
    herd_kids=$(echo "$herd_next" | tr -s ' ' | sed 's/^ //')
  done
  herd_i=0
  while [ "$herd_i" -lt 5 ]; do herd_done "$herd_id" && break; sleep 1; herd_i=$((herd_i + 1)); done
  echo "@@stopped $herd_id KILL"
  ;;
rm)
  for herd_id in "$@"; do
    herd_dir=$(herd_job_dir "$herd_id")
    [ -f "$herd_dir/tmux_session" ] && tmux kill-session -t "=$(cat "$herd_dir/tmux_session")" 2>/dev/null
    # The space freed, in bytes (du's KiB, so a little more than the files' sizes).
    herd_k=$(du -sk "$herd_dir" "$herd_root/workdirs/$herd_id" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
    rm -rf "$herd_dir" "$herd_root/workdirs/$herd_id"
    echo "@@removed $herd_id $((herd_k * 1024))"
  done
  ;;
tail)
  herd_dir=$(herd_job_dir "$1")
  [ -f "$herd_dir/output.log" ] || { echo "no job $1 here" >&2; exit 3; }
  tail -n "${2:-20}" "$herd_dir/output.log"
  ;;
wait)
  # Returns once none of the jobs runs (ended, or gone); then answers as `status` does. An empty line each second
  # finds out when herd has gone (its ssh channel closed: the write fails, SIGPIPE ends the loop); a ControlMaster's
  # sshd outlives the channel, so the parent process says nothing.
  herd_any=1
  while [ "$herd_any" = 1 ]; do
    herd_any=0
    for herd_id in "$@"; do herd_running "$herd_id" && herd_any=1; done
    if [ "$herd_any" = 1 ]; then echo || exit 0; sleep 1; fi
  done
  herd_status "$@"
  ;;
log)
  cat "$(herd_job_dir "$1")/output.log"
  ;;
follow)
  herd_dir=$(herd_job_dir "$1")
  [ -f "$herd_dir/output.log" ] || { echo "no job $1 here" >&2; exit 3; }
  tail -n +1 -f "$herd_dir/output.log" &
  herd_t=$!
  while [ ! -f "$herd_dir/exitcode" ] && [ -d "$herd_dir" ]; do sleep 1; done
  sleep 1
  kill "$herd_t" 2>/dev/null
  ;;
*)
  echo "herd job agent: unknown verb '$herd_verb'" >&2
  exit 2
  ;;
esac
"""#

    /// A remote command line that runs `verb` with `arguments`. The agent script always travels on stdin
    /// (`source`); it is installed when `~/.herd/bin/agent` is missing or of another version, else discarded.
    public static func command(_ verb: String, _ arguments: [String]) -> String {
        """
        a="$HOME/.herd/bin/agent"; v=""; \
        if [ -f "$a" ]; then IFS= read -r v < "$a"; fi; \
        if [ "$v" != \(ShellQuote.quote(versionLine)) ]; then \
        (umask 077 && mkdir -p "$HOME/.herd/bin") && chmod 700 "$HOME/.herd" && cat > "$a.tmp" && mv "$a.tmp" "$a" || exit 90; \
        else cat > /dev/null; fi; \
        exec /bin/sh "$a" \(ShellQuote.join([verb] + arguments))
        """
    }
}
