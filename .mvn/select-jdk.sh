# Sourced by ./mvnw before it starts Maven. The build (and `spring-boot:run`, which runs in Maven's JVM's JDK) needs a
# JDK 21 or newer, while many machines still default to 17. When the JDK that JAVA_HOME or the PATH names is older,
# this picks the newest JDK >= 21 from the standard install locations; with none, it stops at once and says what to
# install. POSIX sh, since mvnw is.

algomarket_required_jdk=21

algomarket_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p'
}

algomarket_is_jdk_at_least() { # home, major
  [ -x "$1/bin/javac" ] || return 1
  algomarket_version="$(algomarket_java_major "$1")"
  case "$algomarket_version" in '' | *[!0-9]*) return 1 ;; esac
  [ "$algomarket_version" -ge "$2" ]
}

algomarket_select_jdk() {
  algomarket_current=""
  if [ -n "${JAVA_HOME-}" ]; then
    algomarket_current="$JAVA_HOME"
  elif command -v javac >/dev/null 2>&1; then
    algomarket_current="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
  fi
  if [ -n "$algomarket_current" ] && algomarket_is_jdk_at_least "$algomarket_current" "$algomarket_required_jdk"; then
    export JAVA_HOME="$algomarket_current"
    return 0
  fi

  algomarket_best="" algomarket_best_version=0
  set +f # mvnw turns globbing off
  for algomarket_candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "${HOME-}"/.sdkman/candidates/java/* \
    "${HOME-}"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if algomarket_is_jdk_at_least "$algomarket_candidate" "$algomarket_required_jdk" \
      && [ "$algomarket_version" -gt "$algomarket_best_version" ]; then
      algomarket_best="$algomarket_candidate" algomarket_best_version="$algomarket_version"
    fi
  done
  set -f

  if [ -z "$algomarket_best" ]; then
    echo "AlgoMarket needs a JDK $algomarket_required_jdk or newer; found ${algomarket_current:-none}." >&2
    echo "Install one (e.g. 'apt-get install openjdk-21-jdk-headless', or Temurin 21+ from adoptium.net) under" >&2
    echo "/usr/lib/jvm, or point JAVA_HOME at it." >&2
    exit 1
  fi
  echo "mvnw: using the JDK $algomarket_best_version in $algomarket_best (${algomarket_current:-no JDK} is older than $algomarket_required_jdk)" >&2
  export JAVA_HOME="$algomarket_best"
}

algomarket_select_jdk
