# Sourced by the bench scripts written in bash: the project's root, the java to run the jar with
# (SCRATCHNET_JAVA, else the java on the PATH) and the jar itself, refused in one line when it has
# not been built. The caller passes its own name for that line: source bench/jar.sh augment-cost
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java="${SCRATCHNET_JAVA:-java}"
jar="$root/target/scratchnet.jar"
[ -f "$jar" ] || { echo "$1: build $jar first (mvn -B -DskipTests package)" >&2; exit 2; }
