extension InitFeature {
    static let tailscale = InitFeature(name: "tailscale", summary: "install Tailscale (not log in); macOS: also brew services start", body: #"""
case $herd_os in
  Darwin)
    # pool: on macOS tailscale comes from Homebrew and runs as a brew service.
    herd_have=0
    command -v tailscale >/dev/null 2>&1 && herd_have=1
    if ! command -v brew >/dev/null 2>&1; then
      [ "$herd_have" = 1 ] && herd_result already "$(tailscale version 2>/dev/null | head -n 1) (no Homebrew to run the service)"
      herd_result skipped "no Homebrew"
    fi
    if [ "$herd_have" = 1 ] && brew services list 2>/dev/null | grep -Eq '^tailscale +started'; then
      herd_result already "$(tailscale version 2>/dev/null | head -n 1), service started"
    fi
    if [ "$herd_have" = 1 ]; then herd_todo="brew services start tailscale"; else herd_todo="brew install tailscale; brew services start tailscale"; fi
    [ "$herd_mode" = check ] && herd_result would "$herd_todo"
    if [ "$herd_have" = 0 ] && ! brew install tailscale >/dev/null 2>&1; then herd_result failed "brew install tailscale failed"; fi
    if brew services start tailscale >/dev/null 2>&1; then herd_result applied "$herd_todo"; fi
    herd_result failed "brew services start tailscale failed"
    ;;
  Linux)
    if command -v tailscale >/dev/null 2>&1; then herd_result already "$(tailscale version 2>/dev/null | head -n 1)"; fi
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

    static let diskCleanup = InitFeature(name: "disk-cleanup", summary: "daily cron running herd clean (safe tier; the deep tier too at >= 85% disk), logging to /var/log/herd-cleanup.log; removed from clean: false hosts", body: #"""
herd_linux_only
herd_cron=$herd_root/etc/cron.d/herd-cleanup
herd_lib=$herd_root/usr/local/lib/herd
if [ "$herd_clean" != 1 ]; then
  # A host set to --no-clean loses the cron herd installed earlier (only herd's own file, by its first line).
  if [ -f "$herd_cron" ] && head -n 1 "$herd_cron" 2>/dev/null | grep -q '^# herd disk-cleanup'; then
    if ! herd_can_priv; then herd_result skipped "host has clean: false, but removing its cron needs root or sudo"; fi
    [ "$herd_mode" = check ] && herd_result would "remove /etc/cron.d/herd-cleanup (host has clean: false)"
    herd_priv rm -f "$herd_cron" "$herd_lib/clean.sh" || herd_result failed "cannot remove /etc/cron.d/herd-cleanup"
    herd_result applied "removed /etc/cron.d/herd-cleanup (host has clean: false)"
  fi
  herd_result skipped "host has clean: false"
fi
[ -d "$herd_root/etc/cron.d" ] || herd_result skipped "no cron (/etc/cron.d missing)"
# DEEP is auto: the script adds the deep tier by itself when / is at or over 85%, as a manual herd clean does.
herd_want="# herd disk-cleanup v2: herd clean daily, the deep tier too when / is at 85% or more
17 4 * * * root /bin/sh /usr/local/lib/herd/clean.sh 0 auto 1 >> /var/log/herd-cleanup.log 2>&1"
if [ -f "$herd_lib/clean.sh" ] && [ "$(cat "$herd_cron" 2>/dev/null)" = "$herd_want" ] \
  && [ "$(cat "$herd_lib/clean.sh")" = "$HERD_CLEAN_SCRIPT" ]; then
  herd_result already "/etc/cron.d/herd-cleanup"
fi
herd_apply_or_report "write /etc/cron.d/herd-cleanup and /usr/local/lib/herd/clean.sh"
herd_priv mkdir -p "$herd_lib" || herd_result failed "cannot create /usr/local/lib/herd"
printf '%s\n' "$HERD_CLEAN_SCRIPT" | herd_priv tee "$herd_lib/clean.sh" >/dev/null || herd_result failed "cannot write clean.sh"
printf '%s\n' "$herd_want" | herd_priv tee "$herd_cron" >/dev/null || herd_result failed "cannot write the cron file"
herd_priv chmod 644 "$herd_cron" "$herd_lib/clean.sh"
herd_result applied "/etc/cron.d/herd-cleanup"
"""#)

    static let noSleep = InitFeature(name: "no-sleep", summary: "macOS: never sleep (pmset displaysleep, sleep, disksleep 0) and no screensaver, so FileVault never locks sshd out", body: #"""
[ "$herd_os" = Darwin ] || herd_result skipped "macOS only"
# pool: with FileVault a sleeping display locks the disk and sshd with it; the screensaver counts as idle too.
herd_pm=$(pmset -g 2>/dev/null)
herd_ok=1
for herd_k in displaysleep sleep disksleep; do
  printf '%s\n' "$herd_pm" | grep -Eq "^ *$herd_k +0( |\$)" || herd_ok=0
done
[ "$(defaults -currentHost read com.apple.screensaver idleTime 2>/dev/null)" = 0 ] || herd_ok=0
if [ "$herd_ok" = 1 ]; then herd_result already "displaysleep 0, sleep 0, disksleep 0, screensaver idleTime 0"; fi
herd_apply_or_report "pmset -a displaysleep 0 sleep 0 disksleep 0; screensaver idleTime 0"
herd_priv pmset -a displaysleep 0 sleep 0 disksleep 0 >/dev/null 2>&1 || herd_result failed "pmset failed"
# The screensaver setting is the login user's own (-currentHost), so not through sudo.
defaults -currentHost write com.apple.screensaver idleTime 0 >/dev/null 2>&1 || herd_result failed "defaults write com.apple.screensaver idleTime 0 failed"
herd_result applied "displaysleep 0, sleep 0, disksleep 0, screensaver idleTime 0"
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

    static let panicRecovery = InitFeature(name: "panic-recovery", summary: "reboot 10 s after a kernel panic; no panic on an oops or on OOM", body: #"""
herd_linux_only
herd_conf=$herd_root/etc/sysctl.d/90-herd-panic.conf
# pool: reboot 10 s after a panic, but never turn an oops or an OOM into a panic (oops = 0 also undoes herd's v1).
herd_want="# herd panic-recovery v2
kernel.panic = 10
kernel.panic_on_oops = 0
kernel.panic_on_oom = 0"
if [ "$(cat "$herd_conf" 2>/dev/null)" = "$herd_want" ]; then
  herd_result already "/etc/sysctl.d/90-herd-panic.conf"
fi
herd_apply_or_report "write /etc/sysctl.d/90-herd-panic.conf (kernel.panic=10, panic_on_oops=0, panic_on_oom=0)"
herd_priv mkdir -p "$herd_root/etc/sysctl.d"
printf '%s\n' "$herd_want" | herd_priv tee "$herd_conf" >/dev/null || herd_result failed "cannot write the sysctl file"
if herd_priv sysctl -q -p "$herd_conf" >/dev/null 2>&1; then
  herd_result applied "kernel.panic=10, panic_on_oom=0 now and at boot"
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

    static let swapfile = InitFeature(name: "swapfile", summary: "a 32 GB /swapfile while total swap is under 30 GB; vm.swappiness=10", body: #"""
herd_linux_only
# Total swap in KB from /proc/swaps (header, then NAME TYPE SIZE USED PRIO); a /swapfile already in use counts
# only by its size: a 2 GB one is replaced by the 32 GB one.
herd_swaps=$herd_root/proc/swaps
herd_kb=$(awk 'NR > 1 { s += $3 } END { printf "%.0f\n", s + 0 }' "$herd_swaps" 2>/dev/null)
herd_kb=${herd_kb:-0}
herd_old=$(awk '$1 == "/swapfile" { printf "%.0f\n", $3 + 0; exit }' "$herd_swaps" 2>/dev/null)
herd_conf=$herd_root/etc/sysctl.d/90-herd-swap.conf
herd_want="# herd swapfile v1
vm.swappiness = 10"
herd_swap_ok=0
[ "$herd_kb" -ge 31457280 ] && herd_swap_ok=1
herd_conf_ok=0
[ "$(cat "$herd_conf" 2>/dev/null)" = "$herd_want" ] && herd_conf_ok=1
if [ "$herd_swap_ok" = 1 ] && [ "$herd_conf_ok" = 1 ]; then herd_result already "swap $(herd_human "$herd_kb"), swappiness 10"; fi
if [ "$herd_swap_ok" = 0 ]; then
  herd_avail=$(df -Pk / 2>/dev/null | awk 'NR == 2 { printf "%.0f\n", $4 + 0 }')
  herd_avail=$((${herd_avail:-0} + ${herd_old:-0}))
  [ "$herd_avail" -ge 35651584 ] || herd_result skipped "swap is $(herd_human "$herd_kb"); less than 34G free on / for a 32G /swapfile"
  herd_todo="create a 32G /swapfile (swap is $(herd_human "$herd_kb"))"
else
  herd_todo="set vm.swappiness=10 (swap is $(herd_human "$herd_kb"))"
fi
herd_apply_or_report "$herd_todo"
if [ "$herd_swap_ok" = 0 ]; then
  if [ -n "$herd_old" ]; then
    herd_priv swapoff "$herd_root/swapfile" || herd_result failed "swapoff of the $(herd_human "$herd_old") /swapfile refused"
  fi
  herd_priv rm -f "$herd_root/swapfile"
  herd_priv fallocate -l 32G "$herd_root/swapfile" 2>/dev/null \
    || herd_priv dd if=/dev/zero of="$herd_root/swapfile" bs=1M count=32768 2>/dev/null \
    || herd_result failed "cannot create /swapfile"
  herd_priv chmod 600 "$herd_root/swapfile"
  herd_priv mkswap "$herd_root/swapfile" >/dev/null 2>&1 || herd_result failed "mkswap failed"
  herd_priv swapon "$herd_root/swapfile" 2>/dev/null || herd_result failed "swapon refused"
  grep -q '^/swapfile ' "$herd_root/etc/fstab" 2>/dev/null || echo '/swapfile none swap sw 0 0' | herd_priv tee -a "$herd_root/etc/fstab" >/dev/null
fi
if [ "$herd_conf_ok" = 0 ]; then
  herd_priv mkdir -p "$herd_root/etc/sysctl.d"
  printf '%s\n' "$herd_want" | herd_priv tee "$herd_conf" >/dev/null || herd_result failed "cannot write /etc/sysctl.d/90-herd-swap.conf"
  herd_priv sysctl -q -p "$herd_conf" >/dev/null 2>&1
fi
herd_kb=$(awk 'NR > 1 { s += $3 } END { printf "%.0f\n", s + 0 }' "$herd_swaps" 2>/dev/null)
if [ "$herd_swap_ok" = 0 ]; then herd_result applied "32G /swapfile (swap now $(herd_human "$herd_kb")), swappiness 10"; fi
herd_result applied "swappiness 10 (swap $(herd_human "$herd_kb"))"
"""#)

    static let watchdog = InitFeature(name: "watchdog", summary: "systemd watchdog (RuntimeWatchdogSec=30); loads softdog when there is no hardware /dev/watchdog", body: #"""
herd_linux_only
[ -d "$herd_root/run/systemd/system" ] || herd_result skipped "systemd is not running"
herd_conf=$herd_root/etc/systemd/system.conf.d/herd-watchdog.conf
herd_want="# herd watchdog v1
[Manager]
RuntimeWatchdogSec=30"
herd_dev=0
[ -e "$herd_root/dev/watchdog" ] && herd_dev=1
if [ "$herd_dev" = 1 ] && [ "$(cat "$herd_conf" 2>/dev/null)" = "$herd_want" ]; then
  herd_result already "RuntimeWatchdogSec=30"
fi
if [ "$herd_dev" = 1 ]; then herd_todo="write /etc/systemd/system.conf.d/herd-watchdog.conf"
else herd_todo="no /dev/watchdog: load softdog (now and at boot), then RuntimeWatchdogSec=30"; fi
herd_apply_or_report "$herd_todo"
herd_how="hardware /dev/watchdog"
if [ "$herd_dev" = 0 ]; then
  herd_priv modprobe softdog >/dev/null 2>&1 || herd_result failed "no /dev/watchdog and modprobe softdog failed"
  [ -e "$herd_root/dev/watchdog" ] || herd_result failed "softdog loaded but /dev/watchdog did not appear"
  herd_priv mkdir -p "$herd_root/etc/modules-load.d"
  printf 'softdog\n' | herd_priv tee "$herd_root/etc/modules-load.d/herd-softdog.conf" >/dev/null \
    || herd_result failed "cannot write /etc/modules-load.d/herd-softdog.conf"
  herd_how="softdog"
fi
herd_priv mkdir -p "$herd_root/etc/systemd/system.conf.d"
printf '%s\n' "$herd_want" | herd_priv tee "$herd_conf" >/dev/null || herd_result failed "cannot write the config"
herd_priv systemctl daemon-reexec >/dev/null 2>&1
herd_result applied "RuntimeWatchdogSec=30 ($herd_how)"
"""#)
}
