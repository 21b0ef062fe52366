extension InitFeature {
    static let tailscale = InitFeature(name: "tailscale", summary: "install Tailscale (not log in)", body: #"""
if command -v tailscale >/dev/null 2>&1; then herd_result already "$(tailscale version 2>/dev/null | head -n 1)"; fi
case $herd_os in
  Darwin)
    command -v brew >/dev/null 2>&1 || herd_result skipped "no Homebrew"
    [ "$herd_mode" = check ] && herd_result would "brew install tailscale"
    if brew install tailscale >/dev/null 2>&1; then herd_result applied "installed with brew"; else herd_result failed "brew install tailscale failed"; fi
    ;;
  Linux)
    command -v curl >/dev/null 2>&1 || herd_result failed "curl is missing"
    herd_apply_or_report "install with tailscale.com/install.sh"
    if curl -fsSL https://tailscale.com/install.sh 2>/dev/null | herd_priv sh >/dev/null 2>&1; then
      herd_result applied "installed"
    fi
    herd_result failed "install script failed (no network?)"
    ;;
esac
herd_result skipped "unsupported OS $herd_os"
"""#)

    static let diskCleanup = InitFeature(name: "disk-cleanup", summary: "daily cron running herd clean's safe tier, logging to /var/log/herd-cleanup.log", body: #"""
herd_linux_only
[ "$herd_clean" = 1 ] || herd_result skipped "host has clean: false"
[ -d /etc/cron.d ] || herd_result skipped "no cron (/etc/cron.d missing)"
herd_want="# herd disk-cleanup v1: the safe tier of herd clean, daily
17 4 * * * root /bin/sh /usr/local/lib/herd/clean.sh 0 0 1 >> /var/log/herd-cleanup.log 2>&1"
if [ -f /usr/local/lib/herd/clean.sh ] && [ "$(cat /etc/cron.d/herd-cleanup 2>/dev/null)" = "$herd_want" ] \
  && [ "$(cat /usr/local/lib/herd/clean.sh)" = "$HERD_CLEAN_SCRIPT" ]; then
  herd_result already "/etc/cron.d/herd-cleanup"
fi
herd_apply_or_report "write /etc/cron.d/herd-cleanup and /usr/local/lib/herd/clean.sh"
herd_priv mkdir -p /usr/local/lib/herd || herd_result failed "cannot create /usr/local/lib/herd"
printf '%s\n' "$HERD_CLEAN_SCRIPT" | herd_priv tee /usr/local/lib/herd/clean.sh >/dev/null || herd_result failed "cannot write clean.sh"
printf '%s\n' "$herd_want" | herd_priv tee /etc/cron.d/herd-cleanup >/dev/null || herd_result failed "cannot write the cron file"
herd_priv chmod 644 /etc/cron.d/herd-cleanup /usr/local/lib/herd/clean.sh
herd_result applied "/etc/cron.d/herd-cleanup"
"""#)

    static let noSleep = InitFeature(name: "no-sleep", summary: "macOS: never sleep (pmset)", body: #"""
[ "$herd_os" = Darwin ] || herd_result skipped "macOS only"
if pmset -g 2>/dev/null | grep -Eq '^ *sleep +0'; then herd_result already "sleep 0"; fi
herd_apply_or_report "pmset -a sleep 0 disablesleep 1"
if herd_priv pmset -a sleep 0 disablesleep 1 >/dev/null 2>&1; then herd_result applied "sleep 0"; else herd_result failed "pmset failed"; fi
"""#)

    static let persistentJournal = InitFeature(name: "persistent-journal", summary: "keep the systemd journal across reboots", body: #"""
herd_linux_only
command -v journalctl >/dev/null 2>&1 || herd_result skipped "no systemd journal"
[ -d /run/systemd/system ] || herd_result skipped "systemd is not running"
if [ -d /var/log/journal ]; then herd_result already "/var/log/journal exists"; fi
herd_apply_or_report "create /var/log/journal and restart journald"
herd_priv mkdir -p /var/log/journal || herd_result failed "cannot create /var/log/journal"
herd_priv systemd-tmpfiles --create --prefix /var/log/journal >/dev/null 2>&1
if herd_priv systemctl restart systemd-journald >/dev/null 2>&1; then herd_result applied "/var/log/journal"; fi
herd_result failed "journald restart failed"
"""#)

    static let panicRecovery = InitFeature(name: "panic-recovery", summary: "reboot 10 s after a kernel panic or oops", body: #"""
herd_linux_only
herd_want="# herd panic-recovery v1
kernel.panic = 10
kernel.panic_on_oops = 1"
if [ "$(cat /etc/sysctl.d/90-herd-panic.conf 2>/dev/null)" = "$herd_want" ]; then
  herd_result already "/etc/sysctl.d/90-herd-panic.conf"
fi
herd_apply_or_report "write /etc/sysctl.d/90-herd-panic.conf (kernel.panic=10, panic_on_oops=1)"
herd_priv mkdir -p /etc/sysctl.d
printf '%s\n' "$herd_want" | herd_priv tee /etc/sysctl.d/90-herd-panic.conf >/dev/null || herd_result failed "cannot write the sysctl file"
if herd_priv sysctl -q -p /etc/sysctl.d/90-herd-panic.conf >/dev/null 2>&1; then
  herd_result applied "kernel.panic=10 now and at boot"
fi
herd_result applied "written; applies at next boot (sysctl refused now)"
"""#)

    static let earlyoom = InitFeature(name: "earlyoom", summary: "install and enable earlyoom", body: #"""
herd_linux_only
if command -v earlyoom >/dev/null 2>&1; then
  if [ ! -d /run/systemd/system ] || systemctl is-enabled earlyoom >/dev/null 2>&1; then herd_result already "installed"; fi
fi
command -v apt-get >/dev/null 2>&1 || herd_result skipped "no apt-get"
herd_apply_or_report "apt-get install earlyoom"
if ! command -v earlyoom >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive herd_priv apt-get install -y -q earlyoom >/dev/null 2>&1 || herd_result failed "apt-get install earlyoom failed"
fi
if [ -d /run/systemd/system ]; then
  herd_priv systemctl enable --now earlyoom >/dev/null 2>&1 || herd_result failed "systemctl enable earlyoom failed"
fi
herd_result applied "installed"
"""#)

    static let swapfile = InitFeature(name: "swapfile", summary: "a 32 GB /swapfile when swap is under 30 GB", body: #"""
herd_linux_only
herd_kb=$(awk '/^SwapTotal:/ { print $2 }' /proc/meminfo 2>/dev/null)
if [ "${herd_kb:-0}" -ge 31457280 ]; then herd_result already "swap $((herd_kb / 1048576)) GB"; fi
if grep -q '^/swapfile ' /proc/swaps 2>/dev/null; then herd_result already "/swapfile in use"; fi
herd_avail=$(df -Pk / | awk 'NR == 2 { print $4 }')
[ "${herd_avail:-0}" -ge 35651584 ] || herd_result skipped "less than 34 GB free on /"
herd_apply_or_report "create a 32 GB /swapfile (swap is $((${herd_kb:-0} / 1048576)) GB)"
[ -e /swapfile ] || herd_priv fallocate -l 32G /swapfile 2>/dev/null || herd_priv dd if=/dev/zero of=/swapfile bs=1M count=32768 2>/dev/null \
  || herd_result failed "cannot create /swapfile"
herd_priv chmod 600 /swapfile
herd_priv mkswap /swapfile >/dev/null 2>&1 || herd_result failed "mkswap failed"
herd_priv swapon /swapfile 2>/dev/null || herd_result failed "swapon refused"
grep -q '^/swapfile ' /etc/fstab || echo '/swapfile none swap sw 0 0' | herd_priv tee -a /etc/fstab >/dev/null
herd_result applied "32 GB /swapfile"
"""#)

    static let watchdog = InitFeature(name: "watchdog", summary: "systemd hardware watchdog (RuntimeWatchdogSec=30)", body: #"""
herd_linux_only
[ -e /dev/watchdog ] || herd_result skipped "no /dev/watchdog"
[ -d /run/systemd/system ] || herd_result skipped "systemd is not running"
herd_want="# herd watchdog v1
[Manager]
RuntimeWatchdogSec=30"
if [ "$(cat /etc/systemd/system.conf.d/herd-watchdog.conf 2>/dev/null)" = "$herd_want" ]; then
  herd_result already "RuntimeWatchdogSec=30"
fi
herd_apply_or_report "write /etc/systemd/system.conf.d/herd-watchdog.conf"
herd_priv mkdir -p /etc/systemd/system.conf.d
printf '%s\n' "$herd_want" | herd_priv tee /etc/systemd/system.conf.d/herd-watchdog.conf >/dev/null || herd_result failed "cannot write the config"
herd_priv systemctl daemon-reexec >/dev/null 2>&1
herd_result applied "RuntimeWatchdogSec=30"
"""#)
}
