# Sourced by ./parley and ./run-tests: sets JAVA_HOME to a JDK of version 21 or newer.
# Looks at JAVA_HOME first, then every JDK under /usr/lib/jvm, newest first.

parley_java_major() {
  # Prints the major version of the java binary given as $1, or nothing.
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

parley_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
    candidate=${candidate%/}
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(parley_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME=$candidate
      return 0
    fi
  done
  echo "parley: no JDK 21 or newer found (looked at JAVA_HOME='${JAVA_HOME:-}' and /usr/lib/jvm/*)." >&2
  echo "parley: install one, for example 'apt-get install openjdk-21-jdk-headless' where Debian offers it, and set JAVA_HOME to it." >&2
  return 1
}
