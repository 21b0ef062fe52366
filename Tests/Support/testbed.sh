#!/usr/bin/env bash
# herd's SSH test bed: N fake hosts as real sshd processes on 127.0.0.1, one Unix user and one port per
# host, own host keys, key-only auth, plus a generated ssh_config (aliases) and known_hosts (host keys
# checked, BatchMode). Needs root (useradd, sshd switching users). Stops only what it started.
#
#   testbed.sh start  DIR N [PREFIX]   hosts PREFIX01..PREFIXNN (default prefix tb)
#   testbed.sh kill   DIR NAME         connection refused; open sessions of that host die too
#   testbed.sh freeze DIR NAME         SIGSTOP the host's sshd and sessions: connections hang
#   testbed.sh revive DIR NAME         undo kill or freeze (same port, same host key)
#   testbed.sh shell  DIR NAME PROGRAM the host's login shell (runs every ssh command); "default" = /bin/sh
#   testbed.sh stop   DIR              stop every process of the bed; idempotent
#   testbed.sh status DIR              NAME PORT USER up|down|frozen
#
# DIR gets id_ed25519 (client key), ssh_config, known_hosts, hosts.tsv (NAME USER PORT) and
# hosts/NAME/{ssh_host_ed25519_key,sshd_config,sshd.pid,sshd.log,state}.
set -euo pipefail

SSHD=/usr/sbin/sshd

die() { echo "testbed: $*" >&2; exit 1; }

abs() { mkdir -p "$1" && (cd "$1" && pwd); }

user_of() { echo "herd_$1"; }

port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_port() {
    local p tries=0
    while [ $tries -lt 200 ]; do
        p=$(( (RANDOM * 32768 + RANDOM) % 40000 + 20000 ))
        if port_free "$p" && ! grep -qs "	$p\$" /tmp/.herd-testbed-ports 2>/dev/null; then
            echo "$p"; return 0
        fi
        tries=$((tries + 1))
    done
    die "no free port found"
}

ensure_user() {
    local user=$1
    if ! id "$user" >/dev/null 2>&1; then
        useradd -m -s /bin/sh "$user" 2>/dev/null || id "$user" >/dev/null 2>&1 || die "useradd $user failed"
    fi
    # useradd leaves the account locked ('!'), which key logins refuse under UsePAM no.
    usermod -p '*' "$user" 2>/dev/null
}

install_key() {
    local user=$1 pub=$2 home
    home=$(getent passwd "$user" | cut -d: -f6)
    install -d -m 700 -o "$user" -g "$user" "$home/.ssh"
    install -m 600 -o "$user" -g "$user" "$pub" "$home/.ssh/authorized_keys"
}

write_sshd_config() {
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

start_sshd() {
    local hdir=$1 port=$2 i
    rm -f "$hdir/sshd.pid"
    "$SSHD" -f "$hdir/sshd_config" -E "$hdir/sshd.log" || die "sshd failed to start: $(tail -n 3 "$hdir/sshd.log" 2>/dev/null)"
    for i in $(seq 1 100); do
        if [ -s "$hdir/sshd.pid" ] && ! port_free "$port"; then echo up > "$hdir/state"; return 0; fi
        sleep 0.1
    done
    die "sshd on port $port did not come up: $(tail -n 3 "$hdir/sshd.log" 2>/dev/null)"
}

host_field() { # DIR NAME FIELD(2=user,3=port)
    awk -F'\t' -v n="$2" -v f="$3" '$1 == n { print $f }' "$1/hosts.tsv"
}

listener_pid() { cat "$1/hosts/$2/sshd.pid" 2>/dev/null || true; }

# Every process of a host: the listener, its descendants (per-connection sshd), and the user's processes.
host_pids() {
    local dir=$1 name=$2 user lp
    user=$(host_field "$dir" "$name" 2)
    lp=$(listener_pid "$dir" "$name")
    {
        if [ -n "$lp" ] && kill -0 "$lp" 2>/dev/null; then
            echo "$lp"
            descendants "$lp"
        fi
        pgrep -u "$user" 2>/dev/null || true
        # Pre-auth and privsep children named after the user ("sshd: herd_tb01 [priv]").
        pgrep -f "^sshd: ${user}[ @]" 2>/dev/null || true
    } | sort -u
}

descendants() {
    local kid
    for kid in $(pgrep -P "$1" 2>/dev/null || true); do
        echo "$kid"
        descendants "$kid"
    done
}

signal_host() { # DIR NAME SIGNAL
    local -a pids
    mapfile -t pids < <(host_pids "$1" "$2")
    [ ${#pids[@]} -eq 0 ] || kill "-$3" "${pids[@]}" 2>/dev/null || true
}

cmd_start() {
    local dir n prefix width i name user port hdir
    [ $# -ge 2 ] || die "usage: testbed.sh start DIR N [PREFIX]"
    dir=$(abs "$1"); n=$2; prefix=${3:-tb}
    [ "$(id -u)" -eq 0 ] || die "the test bed needs root (useradd, sshd)"
    [ -x "$SSHD" ] || die "$SSHD is missing (apt-get install openssh-server)"
    mkdir -p /run/sshd && chmod 755 /run/sshd
    width=2; [ "$n" -gt 99 ] && width=3
    rm -f "$dir/id_ed25519" "$dir/id_ed25519.pub"
    ssh-keygen -q -t ed25519 -N '' -C "herd-testbed" -f "$dir/id_ed25519"
    : > "$dir/ssh_config"; : > "$dir/known_hosts"; : > "$dir/hosts.tsv"
    chmod 600 "$dir/ssh_config"
    for i in $(seq 1 "$n"); do
        name=$(printf "%s%0${width}d" "$prefix" "$i")
        user=$(user_of "$name")
        hdir="$dir/hosts/$name"
        mkdir -p "$hdir"
        ensure_user "$user"
        install_key "$user" "$dir/id_ed25519.pub"
        [ -f "$hdir/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C "$name" -f "$hdir/ssh_host_ed25519_key"
        port=$(pick_port)
        printf '%s\t%s\n' "$dir" "$port" >> /tmp/.herd-testbed-ports
        write_sshd_config "$hdir" "$port" "$user"
        printf '%s\t%s\t%s\n' "$name" "$user" "$port" >> "$dir/hosts.tsv"
        printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$hdir/ssh_host_ed25519_key.pub")" >> "$dir/known_hosts"
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
        start_sshd "$hdir" "$port"
    done
}

cmd_kill() {
    local dir name
    dir=$(abs "$1"); name=$2
    signal_host "$dir" "$name" CONT
    signal_host "$dir" "$name" TERM
    sleep 0.2
    signal_host "$dir" "$name" KILL
    rm -f "$dir/hosts/$name/sshd.pid"
    echo down > "$dir/hosts/$name/state"
}

cmd_freeze() {
    local dir name
    dir=$(abs "$1"); name=$2
    signal_host "$dir" "$name" STOP
    echo frozen > "$dir/hosts/$name/state"
}

cmd_revive() {
    local dir name state port
    dir=$(abs "$1"); name=$2
    state=$(cat "$dir/hosts/$name/state" 2>/dev/null || echo down)
    if [ "$state" = frozen ]; then
        signal_host "$dir" "$name" CONT
        echo up > "$dir/hosts/$name/state"
    elif [ "$state" = down ]; then
        port=$(host_field "$dir" "$name" 3)
        start_sshd "$dir/hosts/$name" "$port"
    fi
}

cmd_shell() {
    local dir name program user
    dir=$(abs "$1"); name=$2; program=$3
    user=$(host_field "$dir" "$name" 2)
    [ "$program" = default ] && program=/bin/sh
    [ -x "$program" ] || die "$program is not executable"
    usermod -s "$program" "$user"
}

cmd_stop() {
    local dir name user
    dir=$(abs "$1")
    [ -f "$dir/hosts.tsv" ] || return 0
    while IFS=$'\t' read -r name user _; do
        signal_host "$dir" "$name" CONT
        signal_host "$dir" "$name" TERM
    done < "$dir/hosts.tsv"
    sleep 0.2
    while IFS=$'\t' read -r name user _; do
        signal_host "$dir" "$name" KILL
        [ "$(getent passwd "$user" | cut -d: -f7)" = /bin/sh ] || usermod -s /bin/sh "$user"
        rm -f "$dir/hosts/$name/sshd.pid"
        echo down > "$dir/hosts/$name/state"
    done < "$dir/hosts.tsv"
    if [ -f /tmp/.herd-testbed-ports ]; then
        grep -v "^$dir	" /tmp/.herd-testbed-ports > /tmp/.herd-testbed-ports.$$ || true
        mv /tmp/.herd-testbed-ports.$$ /tmp/.herd-testbed-ports
    fi
}

cmd_status() {
    local dir name user port
    dir=$(abs "$1")
    while IFS=$'\t' read -r name user port; do
        printf '%s %s %s %s\n' "$name" "$port" "$user" "$(cat "$dir/hosts/$name/state" 2>/dev/null || echo down)"
    done < "$dir/hosts.tsv"
}

[ $# -ge 2 ] || die "usage: testbed.sh start|kill|freeze|revive|shell|stop|status DIR ..."
verb=$1; shift
case $verb in
    start) cmd_start "$@" ;;
    kill) [ $# -eq 2 ] || die "usage: testbed.sh kill DIR NAME"; cmd_kill "$@" ;;
    freeze) [ $# -eq 2 ] || die "usage: testbed.sh freeze DIR NAME"; cmd_freeze "$@" ;;
    revive) [ $# -eq 2 ] || die "usage: testbed.sh revive DIR NAME"; cmd_revive "$@" ;;
    shell) [ $# -eq 3 ] || die "usage: testbed.sh shell DIR NAME PROGRAM"; cmd_shell "$@" ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status "$@" ;;
    *) die "unknown command '$verb'" ;;
esac
