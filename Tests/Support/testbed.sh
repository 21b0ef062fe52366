#!/usr/bin/env bash
# herd's SSH test bed: N fake hosts as real sshd processes on 127.0.0.1. Each host has its own Unix
# user (herd_NAME), TCP port and ed25519 host key; logins are key-only. A generated ssh_config (one
# alias per host) and known_hosts let `ssh -F DIR/ssh_config tb01 true` work with host-key checking
# on and BatchMode. Needs root (useradd, sshd switching users); runs without stdin (CI).
#
#   testbed.sh start  DIR N [PREFIX]    hosts PREFIX01..PREFIXNN (default prefix tb; 3 digits if N>99)
#   testbed.sh kill   DIR NAME          connection refused; the host's open sessions die too
#   testbed.sh freeze DIR NAME          SIGSTOP the host's sshd, sessions and user processes: connections hang
#   testbed.sh revive DIR NAME          undo freeze (SIGCONT) or kill (same port, same host key)
#   testbed.sh shell  DIR NAME PROGRAM  set the login shell of the host's user ("default" = /bin/sh)
#   testbed.sh sudo   DIR NAME          passwordless sudo for the host's user (until stop)
#   testbed.sh stop   DIR               stop every process of the bed and remove its users; idempotent
#   testbed.sh status DIR               one line per host: NAME PORT USER up|down|frozen
#
# start writes into DIR (created if missing): id_ed25519{,.pub} (client key), ssh_config, known_hosts,
# hosts.tsv (NAME<TAB>USER<TAB>PORT) and hosts/NAME/{ssh_host_ed25519_key,sshd_config,sshd.pid,sshd.log,state}.
# It prints nothing and returns once every listener accepts connections. Failures: exit 1 with one line
# on stderr (a failed start stops what it had started).
#
# A host's processes are its listener (pid file, or found by its -f CONFIG argument), the listener's
# descendants (per-connection sshd) and every process of the host's user. Beds running at the same
# time need distinct prefixes (users are per name) and directories. Ports come from 20000-60000 outside
# the kernel's ephemeral range, reserved in a machine-wide registry until `stop` so that parallel beds
# never collide and a killed host's port stays free for `revive`.
set -euo pipefail

SSHD=/usr/sbin/sshd
STATE_DIR=/run/herd-testbed        # machine-wide: lock file and port registry
LOCK=$STATE_DIR/lock
PORTS=$STATE_DIR/ports             # lines: PORT<TAB>DIR
READY_TIMEOUT=10                   # seconds start/revive wait for listeners

VERB=${1:-}
DIED_FLAG=$STATE_DIR/died.$$       # exists once die has printed (also from a subshell: $$ is shared)
START_DIR=""                       # set while start runs, so a failed start is cleaned up
LOCK_FD=""

# Prints one line on stderr (only the first die of a run prints) and exits 1.
die() {
    if [ ! -e "$DIED_FLAG" ]; then
        echo "testbed: $*" >&2
        { mkdir -p "$STATE_DIR" && : > "$DIED_FLAG"; } 2>/dev/null || true
    fi
    exit 1
}

on_exit() {
    local rc=$?
    unlock
    if [ -e "$DIED_FLAG" ]; then
        rm -f "$DIED_FLAG"
    elif [ "$rc" -ne 0 ]; then
        echo "testbed: $VERB failed (status $rc)" >&2
    fi
    if [ "$rc" -ne 0 ] && [ -n "$START_DIR" ]; then
        local dir=$START_DIR
        START_DIR=""
        cmd_stop "$dir" >/dev/null 2>&1 || true
    fi
}
trap on_exit EXIT

# ---------------------------------------------------------------- helpers

# Absolute path of an existing or new directory.
abs_dir() { mkdir -p "$1" && (cd "$1" && pwd); }

# Absolute path of an existing bed (never creates it).
bed_dir() {
    [ -d "$1" ] || die "no test bed in $1"
    (cd "$1" && pwd)
}

user_of() { echo "herd_$1"; }

host_dir() { # DIR NAME -> the host's directory (must exist)
    [ -f "$1/hosts/$2/sshd_config" ] || die "no host '$2' in $1"
    echo "$1/hosts/$2"
}

host_port() { awk '$1 == "Port" { print $2; exit }' "$1/sshd_config"; }

host_names() { # DIR -> every host name of the bed (also of a half-started one)
    local h
    for h in "$1"/hosts/*/sshd_config; do
        [ -f "$h" ] || continue
        h=${h%/sshd_config}
        echo "${h##*/}"
    done
}

# The machine-wide lock: users and the port registry are shared between beds. Never start sshd
# while holding it (the daemon would inherit the descriptor).
lock() {
    mkdir -p "$STATE_DIR"
    exec {LOCK_FD}>>"$LOCK"
    flock -w 60 "$LOCK_FD" || die "timed out waiting for $LOCK"
}

unlock() {
    [ -z "$LOCK_FD" ] || exec {LOCK_FD}>&-
    LOCK_FD=""
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---------------------------------------------------------------- users

ensure_user() { # USER: create (or reuse) the account, unlocked for key logins, shell /bin/sh
    local user=$1 out entry
    if ! entry=$(getent passwd "$user"); then
        out=$(useradd -m -s /bin/sh "$user" 2>&1) || die "useradd $user failed: ${out//$'\n'/ }"
        entry=$(getent passwd "$user") || die "user $user missing after useradd"
    fi
    # useradd leaves the account locked ('!'), which key logins refuse under UsePAM no.
    if [ "$(getent shadow "$user" | cut -d: -f2)" != '*' ]; then
        usermod -p '*' "$user" || die "usermod -p '*' $user failed"
    fi
    if [ "$(echo "$entry" | cut -d: -f7)" != /bin/sh ]; then
        usermod -s /bin/sh "$user" || die "usermod -s /bin/sh $user failed"
    fi
}

install_key() { # USER PUBKEY -> ~USER/.ssh/authorized_keys
    local user=$1 pub=$2 home
    home=$(getent passwd "$user" | cut -d: -f6)
    [ -d "$home" ] || install -d -m 755 -o "$user" -g "$user" "$home"
    install -d -m 700 -o "$user" -g "$user" "$home/.ssh"
    install -m 600 -o "$user" -g "$user" "$pub" "$home/.ssh/authorized_keys"
}

# ---------------------------------------------------------------- ports

# Prints COUNT free ports and records them for DIR in the registry. Call with the lock held.
reserve_ports() { # DIR COUNT
    local dir=$1 count=$2 lo=20000 hi=60000 elo ehi p tries=0 line
    local -A taken=()
    read -r elo ehi < /proc/sys/net/ipv4/ip_local_port_range || { elo=0; ehi=0; }
    touch "$PORTS"
    # Forget reservations of beds whose directory is gone (crashed runs).
    while IFS=$'\t' read -r p line; do
        if [ -d "$line" ]; then printf '%s\t%s\n' "$p" "$line"; fi
    done < "$PORTS" > "$PORTS.new"
    mv "$PORTS.new" "$PORTS"
    while read -r p; do taken[$p]=1; done < <(
        cut -f1 "$PORTS"
        ss -Hltn 2>/dev/null | awk '{ n = split($4, a, ":"); print a[n] }'
    )
    while [ "$count" -gt 0 ]; do
        tries=$((tries + 1))
        [ "$tries" -le 100000 ] || die "no free port found"
        p=$(( ((RANDOM << 15) | RANDOM) % (hi - lo + 1) + lo ))
        [ "$p" -ge "$elo" ] && [ "$p" -le "$ehi" ] && continue
        [ -z "${taken[$p]:-}" ] || continue
        taken[$p]=1
        printf '%s\t%s\n' "$p" "$dir" >> "$PORTS"
        echo "$p"
        count=$((count - 1))
    done
}

release_ports() { # DIR [PORT]: drop DIR's reservations (only PORT if given). Call with the lock held.
    [ -f "$PORTS" ] || return 0
    awk -F'\t' -v d="$1" -v p="${2:-}" '!($2 == d && (p == "" || $1 == p))' "$PORTS" > "$PORTS.new"
    mv "$PORTS.new" "$PORTS"
}

# ---------------------------------------------------------------- processes

# One `ps` snapshot -> "NAME KIND PID" for every live process of the given hosts, KIND being
#   listener  the host's sshd listener (pid in its pid file, or any `sshd -f HDIR/sshd_config`)
#   session   a descendant of a listener (per-connection sshd, the user's commands)
#   user      any other process of the host's user, or an orphaned "sshd: USER [priv]|@notty"
# Zombies are left out (they are gone, whether or not anyone reaps them).
scan_hosts() { # HDIR...
    local hdir
    {
        for hdir; do
            printf 'host %s %s %s\n' "${hdir##*/}" "$hdir/sshd_config" "$(cat "$hdir/sshd.pid" 2>/dev/null || true)"
        done
        ps -eo pid=,ppid=,uid=,stat=,args=
    } | awk '
        FILENAME == "/etc/passwd" { split($0, f, ":"); uidof[f[1]] = f[3]; next }
        $1 == "host" { n++; name[n] = $2; conf[n] = $3; pidfile[n] = $4; next }
        $4 !~ /^Z/ {
            args = $0; sub(/^ *[0-9]+ +[0-9]+ +[0-9]+ +[^ ]+ +/, "", args)
            np++; pids[np] = $1; uid[$1] = $3; cmd[$1] = args " "; kids[$2] = kids[$2] " " $1
        }
        END {
            for (h = 1; h <= n; h++) {
                user = "herd_" name[h]; huid = (user in uidof) ? uidof[user] : -1
                split("", seen); queue = ""
                for (i = 1; i <= np; i++) {
                    p = pids[i]
                    if (index(cmd[p], "sshd -f " conf[h] " ") || (p == pidfile[h] && index(cmd[p], conf[h]))) {
                        seen[p] = 1; queue = queue " " p; print name[h], "listener", p
                    }
                }
                while (queue != "") {
                    m = split(queue, q, " "); queue = ""
                    for (i = 1; i <= m; i++) {
                        k = split(kids[q[i]], c, " ")
                        for (j = 1; j <= k; j++) if (!(c[j] in seen)) {
                            seen[c[j]] = 1; queue = queue " " c[j]; print name[h], "session", c[j]
                        }
                    }
                }
                for (i = 1; i <= np; i++) {
                    p = pids[i]
                    if (!(p in seen) && (uid[p] == huid || index(cmd[p], "sshd: " user " [") == 1 || index(cmd[p], "sshd: " user "@") == 1)) {
                        seen[p] = 1; print name[h], "user", p
                    }
                }
            }
        }' /etc/passwd -
}

listener_pids() { scan_hosts "$@" | awk '$2 == "listener" { print $3 }'; }  # HDIR...

host_pids() { scan_hosts "$@" | awk '{ print $3 }' | sort -un; }           # HDIR...

alive() { # PID... -> those still running (zombies count as gone)
    [ $# -gt 0 ] || return 0
    ps -o pid=,stat= -p "$(IFS=,; echo "$*")" 2>/dev/null | awk '$2 !~ /^Z/ { print $1 }'
}

signal() { # SIGNAL PID...
    local sig=$1
    shift
    [ $# -eq 0 ] || kill "-$sig" "$@" 2>/dev/null || true
}

# Terminates every process of the given hosts: SIGSTOP the listeners first (no new forks), then
# TERM+CONT the whole set, wait up to 3 s, KILL what is left (and what a session forked meanwhile).
terminate_hosts() { # HDIR...
    local hdir
    local -a pids
    mapfile -t pids < <(listener_pids "$@")
    signal STOP "${pids[@]}"
    mapfile -t pids < <(host_pids "$@")
    signal TERM "${pids[@]}"
    signal CONT "${pids[@]}"
    for _ in $(seq 1 30); do
        mapfile -t pids < <(alive "${pids[@]}")
        [ "${#pids[@]}" -eq 0 ] && break
        sleep 0.1
    done
    signal KILL "${pids[@]}"
    mapfile -t pids < <(host_pids "$@")
    signal KILL "${pids[@]}"
    for hdir; do
        rm -f "$hdir/sshd.pid"
        echo down > "$hdir/state"
    done
}

# ---------------------------------------------------------------- sshd

write_sshd_config() { # HDIR PORT USER
    local hdir=$1 port=$2 user=$3
    cat > "$hdir/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $hdir/ssh_host_ed25519_key
PidFile $hdir/sshd.pid
AllowUsers $user
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
UsePAM no
AuthorizedKeysFile .ssh/authorized_keys
Subsystem sftp internal-sftp
PrintMotd no
MaxStartups 100:30:200
MaxSessions 10
AcceptEnv LANG LC_*
LogLevel VERBOSE
EOF
}

launch_sshd() { # HDIR: start the daemon (it forks; the listener writes the pid file once bound)
    local hdir=$1 out
    rm -f "$hdir/sshd.pid"
    install -d -m 755 /run/sshd          # sshd's privilege-separation chroot
    echo "=== testbed: starting sshd on port $(host_port "$hdir")" >> "$hdir/sshd.log"
    out=$("$SSHD" -f "$hdir/sshd_config" -E "$hdir/sshd.log" 2>&1) ||
        die "sshd for ${hdir##*/} failed to start: ${out//$'\n'/ } $(last_log "$hdir")"
}

last_log() { # HDIR -> the log since the last launch, on one line
    tac "$1/sshd.log" 2>/dev/null | sed '/^=== testbed/q' | tac | sed 1d | tail -n 3 | tr '\n' ' '
}

# ready|failed|pending for a launched host.
sshd_status() { # HDIR
    local hdir=$1 pid
    pid=$(cat "$hdir/sshd.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && port_open "$(host_port "$hdir")"; then
        echo ready
    elif last_log "$hdir" | grep -q 'Cannot bind any address'; then
        echo failed
    else
        echo pending
    fi
}

# Waits until every host accepts connections. With RETRY, a host whose port turned out busy gets a new
# port and is launched again (start); without, a busy port is an error (revive keeps its port).
await_hosts() { # DIR RETRY HDIR...
    local dir=$1 retry=$2 hdir port deadline=$((SECONDS + READY_TIMEOUT)) attempts=0
    shift 2
    local -a pending=("$@") still
    while [ "${#pending[@]}" -gt 0 ]; do
        still=()
        for hdir in "${pending[@]}"; do
            case $(sshd_status "$hdir") in
            ready) echo up > "$hdir/state" ;;
            pending) still+=("$hdir") ;;
            failed)
                port=$(host_port "$hdir")
                if [ "$retry" != retry ] || [ "$attempts" -ge 20 ]; then
                    die "sshd for ${hdir##*/} cannot bind port $port: $(last_log "$hdir")"
                fi
                attempts=$((attempts + 1))
                lock   # the busy port stays reserved, so no bed tries it again
                port=$(reserve_ports "$dir" 1)
                unlock
                write_sshd_config "$hdir" "$port" "$(user_of "${hdir##*/}")"
                launch_sshd "$hdir"
                still+=("$hdir")
                ;;
            esac
        done
        pending=("${still[@]}")
        [ "${#pending[@]}" -eq 0 ] && break
        [ "$SECONDS" -lt "$deadline" ] ||
            die "sshd for ${pending[0]##*/} did not come up within ${READY_TIMEOUT}s: $(last_log "${pending[0]}")"
        sleep 0.05
    done
}

# ---------------------------------------------------------------- commands

cmd_start() {
    if [ $# -lt 2 ] || [ $# -gt 3 ]; then die "usage: testbed.sh start DIR N [PREFIX]"; fi
    local n=$2 prefix=${3:-tb} dir width i name user out
    local -a names=() users=() hdirs=() ports=() keygens=()
    [[ $n =~ ^[1-9][0-9]{0,2}$ ]] || die "N must be 1..999, got '$n'"
    [[ $prefix =~ ^[a-z][a-z0-9]{0,19}$ ]] || die "PREFIX must match [a-z][a-z0-9]{0,19}, got '$prefix'"
    [[ $1 != *[[:space:]]* ]] || die "DIR must not contain whitespace: '$1'"
    [ "$(id -u)" -eq 0 ] || die "the test bed needs root (useradd, sshd)"
    [ -x "$SSHD" ] || die "$SSHD is missing (apt-get install openssh-server)"
    dir=$(abs_dir "$1") || die "cannot create $1"

    width=2
    [ "$n" -gt 99 ] && width=3
    for i in $(seq 1 "$n"); do
        name=$(printf "%s%0${width}d" "$prefix" "$i")
        names+=("$name")
        users+=("$(user_of "$name")")
        hdirs+=("$dir/hosts/$name")
    done

    cmd_stop "$dir"                      # a previous bed in the same directory
    check_names_free "$dir" "$prefix" "${names[@]}"
    START_DIR=$dir
    rm -rf "$dir/hosts" "$dir/id_ed25519" "$dir/id_ed25519.pub" "$dir/ssh_config" "$dir/known_hosts" "$dir/hosts.tsv"
    mkdir -p "$dir/hosts"
    ssh-keygen -q -t ed25519 -N '' -C herd-testbed -f "$dir/id_ed25519" </dev/null
    chmod 600 "$dir/id_ed25519"

    # Host keys in the background while the users are set up.
    for i in "${!names[@]}"; do
        mkdir -p "${hdirs[$i]}"
        ssh-keygen -q -t ed25519 -N '' -C "${names[$i]}" -f "${hdirs[$i]}/ssh_host_ed25519_key" </dev/null &
        keygens+=("$!")
    done
    lock
    for user in "${users[@]}"; do ensure_user "$user"; done
    unlock
    for user in "${users[@]}"; do install_key "$user" "$dir/id_ed25519.pub"; done
    for i in "${keygens[@]}"; do wait "$i" || die "ssh-keygen failed for a host key"; done

    lock
    out=$(reserve_ports "$dir" "$n")
    unlock
    mapfile -t ports <<< "$out"
    [ "${#ports[@]}" -eq "$n" ] || die "could not reserve $n ports"
    for i in "${!names[@]}"; do
        write_sshd_config "${hdirs[$i]}" "${ports[$i]}" "${users[$i]}"
        launch_sshd "${hdirs[$i]}"
    done
    await_hosts "$dir" retry "${hdirs[@]}"

    write_client_files "$dir" "${names[@]}"
    START_DIR=""
}

# Dies if another running bed has a host of one of these names: the two would share its Unix user
# (authorized_keys, processes). Running listeners are recognised by their `-f */hosts/NAME/sshd_config`.
check_names_free() { # DIR PREFIX NAME...
    local dir=$1 prefix=$2 other
    shift 2
    other=$(ps -eo args= | awk -v dir="$dir" -v names=" $* " '
        match($0, /sshd -f [^ ]*\/hosts\/[^ \/]+\/sshd_config( |$)/) {
            conf = substr($0, RSTART + 8, RLENGTH - 8); sub(/ $/, "", conf)
            n = split(conf, part, "/"); name = part[n - 1]
            other = substr(conf, 1, length(conf) - length("/hosts/" name "/sshd_config"))
            if (other != dir && index(names, " " name " ")) { print other; exit }
        }')
    [ -z "$other" ] || die "prefix '$prefix' is in use by the running bed in $other (stop it, or use another prefix)"
}

write_client_files() { # DIR NAME...: ssh_config, known_hosts, hosts.tsv from the hosts' final ports
    local dir=$1 name user port hdir ktype key
    shift
    : > "$dir/ssh_config"
    : > "$dir/known_hosts"
    : > "$dir/hosts.tsv"
    for name; do
        hdir=$dir/hosts/$name
        user=$(user_of "$name")
        port=$(host_port "$hdir")
        printf '%s\t%s\t%s\n' "$name" "$user" "$port" >> "$dir/hosts.tsv"
        read -r ktype key _ < "$hdir/ssh_host_ed25519_key.pub"
        printf '[127.0.0.1]:%s %s %s\n' "$port" "$ktype" "$key" >> "$dir/known_hosts"
        cat >> "$dir/ssh_config" <<EOF
Host $name
  HostName 127.0.0.1
  Port $port
  User $user
  IdentityFile $dir/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $dir/known_hosts
  StrictHostKeyChecking yes
  BatchMode yes
  ConnectTimeout 5
  LogLevel ERROR

EOF
    done
}

cmd_kill() { # DIR NAME
    local hdir
    hdir=$(host_dir "$(bed_dir "$1")" "$2")
    terminate_hosts "$hdir"
}

cmd_freeze() { # DIR NAME
    local hdir
    local -a pids
    hdir=$(host_dir "$(bed_dir "$1")" "$2")
    mapfile -t pids < <(listener_pids "$hdir")
    signal STOP "${pids[@]}"               # first, so it forks no new sessions
    for _ in 1 2; do                       # twice: catch what a session forked meanwhile
        mapfile -t pids < <(host_pids "$hdir")
        signal STOP "${pids[@]}"
    done
    echo frozen > "$hdir/state"
}

cmd_revive() { # DIR NAME
    local dir hdir
    local -a pids
    dir=$(bed_dir "$1")
    hdir=$(host_dir "$dir" "$2")
    mapfile -t pids < <(host_pids "$hdir")
    signal CONT "${pids[@]}"
    mapfile -t pids < <(listener_pids "$hdir")
    if [ "${#pids[@]}" -eq 0 ]; then
        launch_sshd "$hdir"
        await_hosts "$dir" no-retry "$hdir"
    fi
    echo up > "$hdir/state"
}

cmd_shell() { # DIR NAME PROGRAM
    local program=$3 user
    host_dir "$(bed_dir "$1")" "$2" >/dev/null
    user=$(user_of "$2")
    [ "$program" = default ] && program=/bin/sh
    [ -x "$program" ] || die "$program is not executable"
    lock
    usermod -s "$program" "$user" || die "usermod -s $program $user failed"
    unlock
}

cmd_sudo() { # DIR NAME: passwordless sudo for the host's user (removed by stop)
    local user
    host_dir "$(bed_dir "$1")" "$2" >/dev/null
    command -v sudo >/dev/null || die "sudo is not installed (apt-get install sudo)"
    user=$(user_of "$2")
    printf '%s ALL=(ALL) NOPASSWD:ALL\n' "$user" > "/etc/sudoers.d/herd-testbed-$user.tmp"
    chmod 440 "/etc/sudoers.d/herd-testbed-$user.tmp"
    mv "/etc/sudoers.d/herd-testbed-$user.tmp" "/etc/sudoers.d/herd-testbed-$user"
}

cmd_stop() { # DIR
    local dir name
    local -a hdirs=()
    [ -d "$1" ] || return 0
    dir=$(cd "$1" && pwd)
    while read -r name; do
        hdirs+=("$dir/hosts/$name")
        rm -f "/etc/sudoers.d/herd-testbed-$(user_of "$name")"
    done < <(host_names "$dir")
    [ "${#hdirs[@]}" -eq 0 ] || terminate_hosts "${hdirs[@]}"
    # The bed's Unix users go with it (their processes are gone by now): nothing is left in /etc/passwd.
    while read -r name; do
        if getent passwd "$(user_of "$name")" >/dev/null; then
            userdel -f -r "$(user_of "$name")" >/dev/null 2>&1 || userdel -f "$(user_of "$name")" >/dev/null 2>&1 || true
        fi
    done < <(host_names "$dir")
    lock
    release_ports "$dir"
    unlock
}

cmd_status() { # DIR: frozen as recorded, else up if the listener runs, else down
    local dir name hdir state
    local -a names=() hdirs=()
    local -A running=()
    dir=$(bed_dir "$1")
    mapfile -t names < <(host_names "$dir")
    for name in "${names[@]}"; do hdirs+=("$dir/hosts/$name"); done
    [ "${#names[@]}" -gt 0 ] || return 0
    while read -r name _ _; do running[$name]=1; done < <(scan_hosts "${hdirs[@]}" | awk '$2 == "listener"')
    for name in "${names[@]}"; do
        hdir=$dir/hosts/$name
        state=$(cat "$hdir/state" 2>/dev/null || echo down)
        if [ "$state" != frozen ]; then
            state=down
            [ -z "${running[$name]:-}" ] || state=up
        fi
        printf '%s %s %s %s\n' "$name" "$(host_port "$hdir")" "$(user_of "$name")" "$state"
    done
}

# ---------------------------------------------------------------- main

usage() { die "usage: testbed.sh start|kill|freeze|revive|shell|sudo|stop|status DIR ..."; }

[ $# -ge 2 ] || usage
shift
case $VERB in
start) cmd_start "$@" ;;
kill) [ $# -eq 2 ] || die "usage: testbed.sh kill DIR NAME"; cmd_kill "$@" ;;
freeze) [ $# -eq 2 ] || die "usage: testbed.sh freeze DIR NAME"; cmd_freeze "$@" ;;
revive) [ $# -eq 2 ] || die "usage: testbed.sh revive DIR NAME"; cmd_revive "$@" ;;
shell) [ $# -eq 3 ] || die "usage: testbed.sh shell DIR NAME PROGRAM"; cmd_shell "$@" ;;
sudo) [ $# -eq 2 ] || die "usage: testbed.sh sudo DIR NAME"; cmd_sudo "$@" ;;
stop) [ $# -eq 1 ] || die "usage: testbed.sh stop DIR"; cmd_stop "$@" ;;
status) [ $# -eq 1 ] || die "usage: testbed.sh status DIR"; cmd_status "$@" ;;
*) usage ;;
esac
