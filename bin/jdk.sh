# Sourced (POSIX sh) by mvnw, bin/osint and .ci/run: finds a JDK 21 or newer.
# find_jdk21_home prints its home (JAVA_HOME if it qualifies, then java on PATH, then /usr/lib/jvm/*, newest
# first) and fails when there is none.

jdk_major() { # the major version of the java binary $1, or nothing
  # the JDK's release file answers without starting a JVM (that costs a few hundred ms at every osint start)
  jdk_release="$(dirname "$1")/../release"
  if [ -f "$jdk_release" ]; then
    jdk_release_major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk_release" | head -n1)"
    if [ -n "$jdk_release_major" ] && [ "$jdk_release_major" != 1 ]; then echo "$jdk_release_major"; return 0; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

jdk21_candidates() {
  [ -n "${JAVA_HOME:-}" ] && echo "$JAVA_HOME"
  if command -v java >/dev/null 2>&1; then
    (cd "$(dirname "$(readlink -f "$(command -v java)")")/.." && pwd)
  fi
  find /usr/lib/jvm -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort -rV
}

find_jdk21_home() {
  for jdk_home in $(jdk21_candidates); do
    if [ -x "$jdk_home/bin/java" ] && [ -x "$jdk_home/bin/javac" ]; then
      jdk_version="$(jdk_major "$jdk_home/bin/java")"
      if [ -n "$jdk_version" ] && [ "$jdk_version" -ge 21 ]; then echo "$jdk_home"; return 0; fi
    fi
  done
  return 1
}
