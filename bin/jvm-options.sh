# Sourced (bash) by bin/osint and bench/lib.sh: the JVM options every osint process runs with, so that what is
# measured is what runs. After them come OSINT_JAVA_OPTS, whose -Xmx (or any other option) wins.
#
#   osint_jvm_options JAVA JAR [COMMAND]   # sets the array OSINT_JVM_OPTIONS

osint_jvm_options() {
  local java="$1" jar="$2" command="${3:-}" major cds_dir archive
  major="$(jdk_major "$java")"
  # the JVM's own warnings (a stale archive, say) on stderr: stdout carries the CLI's results
  OSINT_JVM_OPTIONS=(--enable-native-access=ALL-UNNAMED -Xlog:disable -Xlog:all=warning,cds*=off:stderr)
  [ "$major" -ge 23 ] && OSINT_JVM_OPTIONS+=(--sun-misc-unsafe-memory-access=allow)
  # A bounded heap that starts small: without a limit the JVM takes a quarter of the machine's memory and, under a
  # flood of submissions, keeps what it grew to. The serial collector has no collector threads and the smallest
  # footprint; requests are short and their garbage young, so its pauses stay at a millisecond or two.
  OSINT_JVM_OPTIONS+=(-XX:+UseSerialGC -Xms64m -Xmx"${OSINT_HEAP_MAX:-384m}")
  # Class-data sharing: the classes loaded by the first run of a command are archived under the data directory
  # when it exits, and mapped by every later start of that command (JDK 19+; its messages are silenced: an archive
  # is an optimisation, never needed). The JVM makes the archive again when the jar or the JDK changed.
  if [ "$major" -ge 19 ]; then
    cds_dir="${OSINT_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/osint}/cds"
    if mkdir -p "$cds_dir" 2>/dev/null && [ -w "$cds_dir" ]; then
      # one archive per command (server, worker, scan… load different classes) and per jar location, so that
      # two checkouts do not make each other's archive stale
      case "$command" in [a-z]*) ;; *) command=other ;; esac
      archive="$cds_dir/osint-$command-jdk$major-$(printf '%s' "$jar" | cksum | cut -d' ' -f1).jsa"
      OSINT_JVM_OPTIONS+=(-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$archive")
    fi
  fi
}
