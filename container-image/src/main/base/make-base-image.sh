#!/usr/bin/env bash
# Makes the container image's base, offline and without a Docker daemon: a jlink'ed Java runtime
# from the JDK running the build, the few shared libraries it needs copied from this machine, a
# non-root user, written as a `docker save`-format tarball that Jib uses as its base
# (<from><image>tar://...</image></from>). File order, times and owners are fixed, so the same
# JDK and libraries give the same layer.
#   make-base-image.sh OUT.tar [JAVA_HOME]
set -euo pipefail
out="$1"
java_home="${2:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}"
# What the mock's jar and its libraries use (Netty: jdk.unsupported; Jackson, Handlebars:
# java.desktop for java.beans; Jetty/WireMock: java.naming, java.xml, java.sql), plus
# jdk.crypto.ec for TLS with EC certificates and jdk.zipfs for WireMock's classpath files.
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.unsupported,jdk.zipfs

if [ ! -d "$java_home/jmods" ]; then
  echo "make-base-image.sh: $java_home has no jmods/ folder, which jlink needs." >&2
  echo "  Debian/Ubuntu: apt-get install openjdk-17-jmods; or build with a full JDK (e.g. Temurin)." >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"
mkdir -p "$root"

"$java_home/bin/jlink" --add-modules "$modules" --output "$root/opt/java" \
  --strip-debug --no-man-pages --no-header-files --compress=2 >/dev/null

# Shared libraries the runtime links against, at the paths the loader looks for them.
find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '/=> \// {print $3} /^\s*\/.*ld-linux/ {print $1}' | grep -v "^$work" | sort -u \
  | while read -r lib; do
      mkdir -p "$root$(dirname "$lib")"
      cp -L "$lib" "$root$lib"
    done
loader="$(ldd "$root/opt/java/bin/java" | awk '/ld-linux/ {print $1}')"
# The java binary asks for the loader by its canonical name (/lib64/...).
mkdir -p "$root$(dirname "$loader")"
[ -e "$root$loader" ] || cp -L "$loader" "$root$loader"

mkdir -p "$root/etc" "$root/tmp" "$root/app" "$root/home/mock/mappings" "$root/home/mock/__files" "$root/home/mock/scenarios"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nmock:x:65532:65532:mock:/home/mock:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nmock:x:65532:\n' >"$root/etc/group"
printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"

mkdir -p "$work/image"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=posix \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
  -C "$root" -cf "$work/image/layer.tar" $(cd "$root" && ls -A | sort)
layer_sha="$(sha256sum "$work/image/layer.tar" | cut -d' ' -f1)"
case "$(uname -m)" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; *) arch="$(uname -m)" ;; esac
cat >"$work/image/config.json" <<JSON
{"architecture":"$arch","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],
  "User":"65532:65532","WorkingDir":"/app",
  "Healthcheck":{"Test":["CMD","/opt/java/bin/java","-XX:TieredStopAtLevel=1","-Xshare:auto","-cp","/app/gemini-live-mock.jar","dev.geminilive.mock.cli.HealthProbe","@/tmp/gemini-live-mock.url"],
   "Interval":30000000000,"Timeout":10000000000,"StartPeriod":5000000000,"Retries":3}},
 "rootfs":{"type":"layers","diff_ids":["sha256:$layer_sha"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"make-base-image.sh (jlink $modules)"}]}
JSON
config_sha="$(sha256sum "$work/image/config.json" | cut -d' ' -f1)"
mv "$work/image/config.json" "$work/image/$config_sha.json"
mkdir -p "$work/image/$layer_sha"
mv "$work/image/layer.tar" "$work/image/$layer_sha/layer.tar"
printf '[{"Config":"%s.json","RepoTags":["gemini-live-mock-base:local"],"Layers":["%s/layer.tar"]}]\n' \
  "$config_sha" "$layer_sha" >"$work/image/manifest.json"
mkdir -p "$(dirname "$out")"
# Entry names without "./": Jib refuses those as paths outside its destination.
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work/image" -cf "$out" \
  manifest.json "$config_sha.json" "$layer_sha/layer.tar"
echo "base image: $out ($(du -h "$out" | cut -f1), layer sha256:$layer_sha)"
