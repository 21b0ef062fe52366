/// The shell functions both agents use to answer "what state are these jobs in" (the job agent's `status`, the
/// session agent's `jobs` and `log`): one `@@job UUID running|done CODE ENDED|missing` line per job, with the
/// host's tmux sessions listed once by the caller (a job's session is `herd-` and the first 8 characters of its id),
/// so 25 jobs cost one tmux call, not 25 and their subshells.
enum JobStateShell {
    /// `herd_field FILE` and `herd_job_lines " SESSION… " ROOT UUID…` (ROOT: the directory holding `jobs/`).
    static let functions = #"""
# herd_field FILE: one word from a file the job can write: its first line, cut to 40 bytes, odd bytes as '?', "-" when
# empty or not a regular file (a FIFO would block). Whatever the job puts there, it cannot add lines or fields.
herd_field() {
  if [ -f "$1" ]; then herd_v=$(head -c 40 "$1" 2>/dev/null | head -n 1 | tr -c 'A-Za-z0-9.+\n-' '?'); else herd_v=""; fi
  echo "${herd_v:--}"
}

# herd_job_lines " SESSION… " ROOT UUID…: one `@@job` line per job under ROOT/jobs; a job is running while its
# directory is there, it has no exit code and its session is one of the listed (space-separated, space-framed).
herd_job_lines() {
  herd_live=$1
  herd_jroot=$2
  shift 2
  for herd_j in "$@"; do
    herd_d=$herd_jroot/jobs/$herd_j
    herd_s8=${herd_j%"${herd_j#????????}"}
    if [ -f "$herd_d/exitcode" ]; then
      echo "@@job $herd_j done $(herd_field "$herd_d/exitcode") $(herd_field "$herd_d/ended_at")"
    elif [ -d "$herd_d" ] && [ -n "$herd_s8" ]; then
      case $herd_live in
        *" herd-$herd_s8 "*) echo "@@job $herd_j running" ;;
        *) echo "@@job $herd_j missing" ;;
      esac
    else
      echo "@@job $herd_j missing"
    fi
  done
}
"""#
}
