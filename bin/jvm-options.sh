# Sourced (bash) by bin/osint and bench/lib.sh: the JVM options every osint process runs with, so that what is
# measured is what runs. After them come OSINT_JAVA_OPTS, whose -Xmx (or any other option) wins.
#
#   osint_jvm_options JAVA JAR [COMMAND]   # sets the array OSINT_JVM_OPTIONS

osint_jvm_options() {
  local java="$1" jar="$2" command="${3:-}" major cds_dir archive
  major="$(jdk_major "$java")"
  # the JVM's own warnings (a stale archive, say) and messages (the AOT cache written at exit) on stderr: stdout
  # carries the CLI's results
  OSINT_JVM_OPTIONS=(--enable-native-access=ALL-UNNAMED -Xlog:disable -Xlog:all=warning,cds*=off,aot*=off:stderr
    -XX:+DisplayVMOutputToStderr)
  [ "$major" -ge 23 ] && OSINT_JVM_OPTIONS+=(--sun-misc-unsafe-memory-access=allow)
  # A bounded heap that starts small: without a limit the JVM takes a quarter of the machine's memory and, under a
  # flood of submissions, keeps what it grew to. The serial collector has no collector threads and the smallest
  # footprint; requests are short and their garbage young, so its pauses stay at a millisecond or two.
  # A worker process starts at 32 MB: the serial collector's young generation is a third of the heap and all of
  # it is touched by the first collections, and an idle worker holds ~14 MB of objects; 64 MB kept ~8 MB more
  # resident. The heap grows under load as before.
  # The cap bounds the resident memory, which under a long flood is the whole heap plus ~150–165 MB outside it (class
  # data, compiled code, thread stacks, libjvm, malloc: the JVM's and SQLite's page caches): the collector grows the
  # old generation to the cap before it collects it. 224 MB keeps that under 400 MB; what a flood keeps alive fits
  # in it because the embedded queue's history backlog is bounded in bytes too (OSINT_HISTORY_BACKLOG_MB, 64).
  local initial_heap=64m
  [ "$command" = worker ] && initial_heap=32m
  OSINT_JVM_OPTIONS+=(-XX:+UseSerialGC -Xms"$initial_heap" -Xmx"${OSINT_HEAP_MAX:-224m}")
  # A server's classes take ~35 MB of metaspace once warm; at the default threshold (~21 MB) crossing it cost a full
  # collection of the whole heap (~60 ms, under load) in the middle of serving. A threshold, not memory reserved.
  OSINT_JVM_OPTIONS+=(-XX:MetaspaceSize=64m)
  # glibc gives a thread that mallocs while another holds the arena an arena of its own, up to 8 per core, and keeps
  # what each grew to; the work of this process is in the Java heap, and two arenas serve its native side.
  export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
  # Give native memory freed by the JVM (the compilers' arenas after a burst of compiling) back to the system every
  # few seconds: glibc keeps it otherwise, and an idle worker held ~20 MB of it.
  jdk_trims_native_heap "$java" "$major" && OSINT_JVM_OPTIONS+=(-XX:TrimNativeHeapInterval=5000)
  # Class data for a faster start, made by the first run of each command (server, worker, scan… load different
  # classes) and mapped by every later start; per command, JDK and jar location, so that two checkouts do not make
  # each other's stale. An optimisation, never needed: its messages are silenced.
  if [ "$major" -ge 19 ]; then
    cds_dir="${OSINT_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/osint}/cds"
    if mkdir -p "$cds_dir" 2>/dev/null && [ -w "$cds_dir" ]; then
      case "$command" in [a-z]*) ;; *) command=other ;; esac
      archive="$cds_dir/osint-$command-jdk$major-$(printf '%s' "$jar" | cksum | cut -d' ' -f1)"
      if [ "$major" -ge 25 ] && [ "${OSINT_AOT_CACHE:-0}" = 1 ]; then
        osint_aot_cache_options "$java" "$jar" "$archive"
      else
        # JDK 19+: the JVM archives the classes at exit. It remakes an archive of another JDK, but one whose jar was
        # rebuilt fails its class path check and is never remade (JDK 25: every later start ran without it), so an
        # archive older than the jar goes first.
        [ "$jar" -nt "$archive.jsa" ] && rm -f "$archive.jsa"
        OSINT_JVM_OPTIONS+=(-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$archive.jsa")
      fi
    fi
  fi
}

# JDK 25+ (JEP 483, 514, 515), with OSINT_AOT_CACHE=1: an ahead-of-time cache holds the classes loaded and linked,
# and the profiles of the methods that ran, in the first run; the JVM writes it when that run exits. Not the
# default: the whole first run is a training run (a server may run for days in it, and ran slower so: Redis-mode
# GET fell from ~14,500 to ~6,000 req/s in a benchmark whose processes were all first runs), and two processes of
# one command started at once both write the file. The JVM does not remake a stale cache
# (it starts without it), so the name carries the JDK's exact version and a cache older than the jar is remade.
osint_aot_cache_options() {
  local java="$1" jar="$2" archive="$3" version cache
  version="$(sed -n 's/^JAVA_VERSION="\([0-9.]*\)".*/\1/p' "$(dirname "$java")/../release" 2>/dev/null | head -n1)"
  cache="$archive-${version:-unknown}.aot"
  if [ -s "$cache" ] && [ "$cache" -nt "$jar" ]; then
    OSINT_JVM_OPTIONS+=(-XX:AOTCache="$cache")
  else
    rm -f "$cache"
    OSINT_JVM_OPTIONS+=(-XX:AOTCacheOutput="$cache")
  fi
}

# -XX:TrimNativeHeapInterval exists from JDK 22, and 21.0.1 in the 21 line.
jdk_trims_native_heap() {
  local java="$1" major="$2" version
  [ "$major" -ge 22 ] && return 0
  [ "$major" -eq 21 ] || return 1
  version="$(sed -n 's/^JAVA_VERSION="21\.0\.\([0-9]*\).*/\1/p' "$(dirname "$java")/../release" 2>/dev/null)"
  [ -n "$version" ] && [ "$version" -ge 1 ]
}
