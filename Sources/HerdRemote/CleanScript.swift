/// The POSIX-sh script behind `herd clean`, pool's two tiers with a uniform 3-day retention.
///
/// Arguments: `DRY DEEP SUDO [MINUTES]` (each 0 or 1; DEEP may be `auto`: deep when the root disk is at or over 85%;
/// MINUTES is the retention, 4320 = 3 days when absent). Prints `@@df-before USED_KB SIZE_KB PCT`, one
/// `@@step TIER NAME RESULT BYTES NOTE…` per step (RESULT: removed, would-remove, skipped, failed), and
/// `@@df-after …`. Privileged steps run with `sudo -n` and only when SUDO is 1; otherwise they are skipped with a note.
///
/// Files go only through `find -P DIR -xdev … -delete`: find never follows a link, stays on DIR's file system, and
/// unlinks each entry relative to the directory it has open, so swapping a directory for a symlink meanwhile cannot
/// redirect a root-run delete elsewhere (`-exec rm PATH` re-resolves the path and could). "Older than" means both
/// the modification and the status change time (`-mmin +N -cmin +N`): an archive extracted a minute ago keeps its old
/// mtime, but its ctime is now. The byte counts of a dry run use exactly the same tests.
public enum CleanScript {
    /// The retention: files younger than this (by mtime or ctime) are kept.
    public static let retentionMinutes = 4320

    public static let source = #"""
# herd clean (POSIX sh): DRY DEEP SUDO [MINUTES]
LC_ALL=C
export LC_ALL
herd_dry=${1:-1}
herd_deep=${2:-0}
herd_sudo=${3:-0}
herd_min=${4:-4320}
case $herd_min in ''|*[!0-9]*) echo "herd clean: MINUTES must be a number" >&2; exit 2 ;; esac
herd_tilde='~'

herd_df() {
  df -Pk / 2>/dev/null | awk 'NR == 2 { sub("%", "", $5); print $3, $2, $5 }'
}

if find / -maxdepth 0 -printf '' >/dev/null 2>&1; then herd_gnu=1; else herd_gnu=0; fi

# Every find below: -P (never follow a link), -xdev (stay on DIR's file system), old by mtime AND ctime.
# herd_sum [PRIV] DIR [FIND-ARGS…]: bytes in the files herd_files would remove under DIR
herd_sum() {
  herd_p=$1; shift
  herd_d=$1; shift
  [ -d "$herd_d" ] || { echo 0; return; }
  if [ "$herd_gnu" = 1 ]; then
    $herd_p find -P "$herd_d" -xdev -type f -mmin +"$herd_min" -cmin +"$herd_min" "$@" -printf '%s\n' 2>/dev/null
  else
    $herd_p find -P "$herd_d" -xdev -type f -mmin +"$herd_min" -cmin +"$herd_min" "$@" -exec stat -f %z {} + 2>/dev/null
  fi | awk '{ s += $1 } END { printf "%.0f\n", s + 0 }'
}

# herd_files TIER NAME PRIV DIR PRUNE [FIND-ARGS…]: remove (or count) old files under DIR; with PRUNE=1 also
# old empty directories below DIR. find's -delete unlinks relative to the directory it holds open: no path is
# ever resolved again, so a directory swapped for a symlink meanwhile cannot send the delete elsewhere.
herd_files() {
  herd_t=$1; herd_n=$2; herd_p=$3; herd_dir=$4; herd_prune=$5; shift 5
  if [ ! -d "$herd_dir" ]; then echo "@@step $herd_t $herd_n skipped 0 not present"; return; fi
  herd_b=$(herd_sum "$herd_p" "$herd_dir" "$@")
  if [ "$herd_dry" = 1 ]; then echo "@@step $herd_t $herd_n would-remove $herd_b"; return; fi
  if $herd_p find -P "$herd_dir" -xdev -type f -mmin +"$herd_min" -cmin +"$herd_min" "$@" -delete 2>/dev/null; then
    if [ "$herd_prune" = 1 ]; then
      $herd_p find -P "$herd_dir" -xdev -mindepth 1 -type d -empty -mmin +"$herd_min" -cmin +"$herd_min" -delete 2>/dev/null
    fi
    echo "@@step $herd_t $herd_n removed $herd_b"
  else
    echo "@@step $herd_t $herd_n failed $herd_b some files could not be removed"
  fi
}

# herd_priv TIER NAME: prints the sudo prefix to use, or reports the step skipped and returns 1
herd_priv() {
  if [ "$(id -u)" = 0 ]; then herd_pfx=""; return 0; fi
  if [ "$herd_sudo" != 1 ]; then echo "@@step $1 $2 skipped 0 needs sudo (host has sudo: false)"; return 1; fi
  if ! sudo -n true 2>/dev/null; then echo "@@step $1 $2 skipped 0 sudo -n refused"; return 1; fi
  herd_pfx="sudo -n"
}

# shellcheck disable=SC2046 # three numbers, split on purpose
set -- $(herd_df)
echo "@@df-before $1 $2 $3"
if [ "$herd_deep" = auto ]; then
  if [ "${3:-0}" -ge 85 ]; then herd_deep=1; echo "@@note deep tier added: disk at $3%"; else herd_deep=0; fi
fi

# Safe tier
if command -v journalctl >/dev/null 2>&1; then
  if herd_priv safe journal; then
    if [ "$herd_dry" = 1 ]; then
      echo "@@step safe journal would-remove 0 entries older than 3 days; $(journalctl --disk-usage 2>/dev/null | sed 's/.*take up //')"
    else
      $herd_pfx journalctl --vacuum-time=3d >/dev/null 2>&1 && echo "@@step safe journal removed 0 vacuumed to 3 days" \
        || echo "@@step safe journal failed 0 journalctl --vacuum-time failed"
    fi
  fi
else
  echo "@@step safe journal skipped 0 no journalctl"
fi

if command -v apt-get >/dev/null 2>&1; then
  if herd_priv safe apt; then
    herd_b=$(du -sk /var/cache/apt/archives 2>/dev/null | awk '{ print $1 * 1024 }')
    if [ "$herd_dry" = 1 ]; then
      herd_c=$(apt-get -s autoremove 2>/dev/null | grep -c '^Remv')
      echo "@@step safe apt would-remove ${herd_b:-0} apt cache, $herd_c packages to autoremove"
    else
      $herd_pfx apt-get -y -q autoremove >/dev/null 2>&1
      $herd_pfx apt-get -q clean >/dev/null 2>&1 && echo "@@step safe apt removed ${herd_b:-0} autoremove and clean" \
        || echo "@@step safe apt failed 0 apt-get clean failed"
    fi
  fi
else
  echo "@@step safe apt skipped 0 no apt-get"
fi

if command -v snap >/dev/null 2>&1; then
  if herd_priv safe snap; then
    herd_revs=$(snap list --all 2>/dev/null | awk '/disabled/ { print $1 "_" $3 }')
    herd_b=0
    for herd_r in $herd_revs; do
      herd_s=$(du -sk "/var/lib/snapd/snaps/$herd_r.snap" 2>/dev/null | awk '{ print $1 * 1024 }')
      herd_b=$((herd_b + ${herd_s:-0}))
      [ "$herd_dry" = 1 ] || $herd_pfx snap remove "${herd_r%_*}" --revision="${herd_r##*_}" >/dev/null 2>&1
    done
    if [ "$herd_dry" = 1 ]; then echo "@@step safe snap would-remove $herd_b disabled revisions"; else echo "@@step safe snap removed $herd_b disabled revisions"; fi
  fi
else
  echo "@@step safe snap skipped 0 no snap"
fi

# /var/log keeps its directories: a service may need its (empty) log directory to start.
if herd_priv safe /var/log; then herd_files safe /var/log "$herd_pfx" /var/log 0 \( -name '*.gz' -o -name '*.[0-9]' -o -name '*.old' \); fi
if herd_priv safe /var/crash; then herd_files safe /var/crash "$herd_pfx" /var/crash 1; fi
if herd_priv safe /var/tmp; then herd_files safe /var/tmp "$herd_pfx" /var/tmp 1; fi
if [ "$(id -u)" = 0 ] || { [ "$herd_sudo" = 1 ] && sudo -n true 2>/dev/null; }; then
  herd_priv safe /tmp && herd_files safe /tmp "$herd_pfx" /tmp 1
else
  herd_files safe /tmp "" /tmp 1 -user "$(id -u)"
fi
for herd_c in uv pip puppeteer mathlib thumbnails; do
  herd_files safe "$herd_tilde/.cache/$herd_c" "" "$HOME/.cache/$herd_c" 1
done

# Deep tier
if [ "$herd_deep" = 1 ]; then
  for herd_c in huggingface torch torch_extensions npm yarn go-build; do
    herd_files deep "$herd_tilde/.cache/$herd_c" "" "$HOME/.cache/$herd_c" 1
  done
  if command -v docker >/dev/null 2>&1; then
    if docker info >/dev/null 2>&1; then herd_pfx=""; elif herd_priv deep docker; then :; else herd_pfx=skip; fi
    if [ "$herd_pfx" != skip ] && ! $herd_pfx docker info >/dev/null 2>&1; then
      echo "@@step deep docker skipped 0 docker daemon not reachable"
      herd_pfx=skip
    fi
    if [ "$herd_pfx" != skip ]; then
      if [ "$herd_dry" = 1 ]; then
        echo "@@step deep docker would-remove 0 $($herd_pfx docker system df 2>/dev/null | awk 'NR > 1 { printf "%s %s reclaimable; ", $1, $(NF-1) }')"
      else
        $herd_pfx docker system prune -f --filter until=72h >/dev/null 2>&1 && echo "@@step deep docker removed 0 docker system prune" \
          || echo "@@step deep docker failed 0 docker system prune failed"
      fi
    fi
  else
    echo "@@step deep docker skipped 0 no docker"
  fi
fi

# shellcheck disable=SC2046
set -- $(herd_df)
echo "@@df-after $1 $2 $3"
"""#
}
