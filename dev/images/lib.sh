# shellcheck shell=bash source-path=SCRIPTDIR disable=SC2034 # its names are read by the scripts that source it
# Shared by dev/images/build and dev/images/maven-args: where the images and their layers live,
# how a layer is made in an overlay over its parents, and how layers become a docker-archive tar.
# Sourced, never executed.
#
# Every image is a stack of cached layers. A layer's key is the hash of everything that decides
# its contents (its parent's key, its directory here, the builder, versions, jar contents); a
# layer whose key has a finished directory under $LAYERS_DIR is never built again. Layers are made
# by running their recipe in an overlayfs mount whose lower directories are the parent layers, so
# the upper directory holds exactly what the recipe changed.

IMAGES_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib/common.sh
source "$IMAGES_SRC/../lib/common.sh"

IMAGES_OUT="$LEGERIBLE_TOOLS/images"
IMAGES_INDEX="$IMAGES_OUT/index"
LAYERS_DIR="$IMAGES_OUT/layers"
APT_CACHE="$IMAGES_OUT/.apt"
DEBIAN_SUITE=bookworm
MISSING_DEPENDENCY_STATUS=3

# Every image made here, parents before children; each has a directory under dev/images.
LAYER_NAMES=(debian java-runtime postgres memcached kafka cassandra spark)
# The layers that are images of their own (debian is only a layer).
IMAGE_NAMES=(java-runtime postgres memcached kafka cassandra spark)

# Environment every Java-based image starts from (the eclipse-temurin images' contract).
JAVA_RUNTIME_ENV=(
  "JAVA_HOME=/opt/java/openjdk"
  "PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
  "LANG=C.UTF-8"
)

# Fails for a missing prerequisite; the message names the dev/ command that provides it.
missing() {
  printf 'MISSING: %s\n' "$*" >&2
  exit "$MISSING_DEPENDENCY_STATUS"
}

# --- Debian sources -------------------------------------------------------------------------

# Prints this machine's apt sources for the bookworm suites (bookworm, -updates, -security) as
# deb822 stanzas, so the images get the same packages and security updates as the host.
debian_sources() {
  local file line key value uris="" suites="" words
  emit() {
    local suite keep=()
    for suite in $suites; do
      [[ $suite == "$DEBIAN_SUITE" || $suite == "$DEBIAN_SUITE"-* ]] && keep+=("$suite")
    done
    if [[ -n $uris && ${#keep[@]} -gt 0 ]]; then
      printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: %s\n\n' \
        "$uris" "${keep[*]}" /usr/share/keyrings/debian-archive-keyring.gpg
    fi
    uris="" suites=""
  }
  for file in /etc/apt/sources.list.d/*.sources; do
    [[ -f $file ]] || continue
    while IFS= read -r line || [[ -n $line ]]; do
      if [[ -z ${line//[[:space:]]/} ]]; then
        emit
        continue
      fi
      [[ $line == \#* ]] && continue
      key=${line%%:*}
      read -r -a words <<< "${line#*:}"
      value="${words[*]}"
      case $key in
        URIs) uris=$value ;;
        Suites) suites=$value ;;
      esac
    done < "$file"
    emit
  done
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $file ]] || continue
    while IFS= read -r line; do
      # deb [options] URI SUITE COMPONENTS...
      if [[ $line =~ ^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+)[[:space:]]+([^[:space:]]+) ]]; then
        uris=${BASH_REMATCH[2]} suites=${BASH_REMATCH[3]}
        emit
      fi
    done < "$file"
  done
}

# The mirror that serves the bookworm suite itself (debootstrap's MIRROR argument).
debian_mirror() {
  local sources line uris="" mirror=""
  sources="$(debian_sources)"
  while IFS= read -r line; do
    case $line in
      URIs:*) uris=${line#URIs: } ;;
      "Suites: $DEBIAN_SUITE"*) [[ -z $mirror ]] && mirror=${uris%% *} ;;
    esac
  done <<< "$sources"
  [[ -n $mirror ]] || fail "no Debian $DEBIAN_SUITE mirror in /etc/apt/sources.list{,.d}: the images are built from the mirror apt uses"
  echo "$mirror"
}

# --- hashing ----------------------------------------------------------------------------------

# sha256 of files and directories (every file by relative path and content, symlinks by target).
files_digest() {
  local path
  for path in "$@"; do
    if [[ -d $path ]]; then
      # A README documents the directory; it does not make the layer.
      (cd "$path" && find . \( -type f -o -type l \) ! -name README.md -printf '%p %l %m\n' | LC_ALL=C sort \
        && find . -type f ! -name README.md -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
    else
      sha256sum "$path"
    fi
  done | sha256sum | cut -d ' ' -f 1
}

# sha256 of the jars in a directory, by content. Memoised by name, size and modification time,
# so a warm run reads no jar.
jars_digest() {
  local dir=$1 listing memo
  listing="$(find "$dir" -maxdepth 1 -name '*.jar' -printf '%f %s %T@\n' | LC_ALL=C sort | sha256sum | cut -d ' ' -f 1)"
  memo="$IMAGES_OUT/.jar-digests/$listing"
  if [[ ! -f $memo ]]; then
    mkdir -p "$(dirname "$memo")"
    (cd "$dir" && find . -maxdepth 1 -name '*.jar' -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum) \
      | sha256sum | cut -d ' ' -f 1 > "$memo.partial"
    mv "$memo.partial" "$memo"
  fi
  cat "$memo"
}

# --- layer recipes ----------------------------------------------------------------------------

# Reads dev/images/NAME/image.conf: LAYER_* say how the layer is made, IMAGE_* how it runs.
#   LAYER_PARENT           the layer beneath (empty: Debian from debootstrap)
#   LAYER_USERS            name:uid:gid:home:shell, created before the packages
#   LAYER_PACKAGE_VERSION  (package pom-property version): fails unless Debian ships that version
#   LAYER_PACKAGES         Debian packages, installed without recommends
#   rootfs/                files copied into the layer
#   LAYER_JARS             host-dir:image-dir, jars copied (a later dir adds only new artifacts)
#   LAYER_FILES            host-file:image-path, single files from elsewhere in the project
#   setup                  a bash script run last, inside the layer
load_recipe() {
  unset LAYER_PARENT LAYER_USERS LAYER_PACKAGES LAYER_PACKAGE_VERSION LAYER_JARS LAYER_FILES \
    IMAGE_REF IMAGE_ENV IMAGE_ENTRYPOINT IMAGE_CMD IMAGE_USER IMAGE_WORKDIR IMAGE_PORTS \
    IMAGE_VOLUMES IMAGE_STOPSIGNAL
  LAYER_PARENT="" LAYER_USERS=() LAYER_PACKAGES=() LAYER_PACKAGE_VERSION=() LAYER_JARS=() LAYER_FILES=()
  IMAGE_REF="" IMAGE_ENV=() IMAGE_ENTRYPOINT=() IMAGE_CMD=() IMAGE_USER="" IMAGE_WORKDIR=""
  IMAGE_PORTS=() IMAGE_VOLUMES=() IMAGE_STOPSIGNAL=""
  # shellcheck source=/dev/null
  source "$IMAGES_SRC/$1/image.conf"
}

# The key of layer NAME on top of the layer with key PARENT_KEY (empty for the base).
layer_key() {
  local name=$1 parent_key=$2 jar file
  load_recipe "$name"
  {
    echo "parent $parent_key"
    echo "builder $(files_digest "$IMAGES_SRC/lib.sh" "$IMAGES_SRC/layer-tar.py")"
    echo "recipe $(files_digest "$IMAGES_SRC/$name")"
    declare -p LAYER_PARENT LAYER_USERS LAYER_PACKAGES LAYER_PACKAGE_VERSION
    for jar in "${LAYER_JARS[@]}"; do
      echo "jars ${jar#*:} $(jars_digest "${jar%%:*}")"
    done
    for file in "${LAYER_FILES[@]}"; do
      echo "file ${file#*:} $(files_digest "${file%%:*}")"
    done
  } | sha256sum | cut -c 1-32
}

# The artifact id of a jar file name: kafka-clients-4.2.1.jar -> kafka-clients.
jar_artifact() {
  local name=${1%.jar}
  [[ $name =~ ^(.+)-[0-9] ]] && name=${BASH_REMATCH[1]}
  while [[ $name =~ ^(.+)-[0-9] ]]; do name=${BASH_REMATCH[1]}; done
  echo "$name"
}

# Runs a command inside the root file system being built, with a clean environment.
in_root() {
  chroot "$ROOTFS" /usr/bin/env -i \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive POSTGRES_VERSION="$POSTGRES_VERSION" \
    MEMCACHED_VERSION="$MEMCACHED_VERSION" KAFKA_VERSION="$KAFKA_VERSION" \
    CASSANDRA_VERSION="$CASSANDRA_VERSION" SPARK_VERSION="$SPARK_VERSION" "$@"
}

# Files a layer must not keep: apt and dpkg logs, caches and backups, documentation.
strip_rootfs() {
  rm -rf "$ROOTFS"/var/log/apt/* "$ROOTFS"/var/log/*.log "$ROOTFS"/var/cache/debconf/*-old \
    "$ROOTFS"/var/lib/dpkg/*-old "$ROOTFS"/var/cache/apt/*.bin "$ROOTFS"/var/cache/ldconfig/aux-cache \
    "$ROOTFS"/usr/sbin/policy-rc.d
}

# Inside a private mount namespace: makes the layer NAME in DIR/fs, on top of LOWERS (the parents'
# file systems, topmost first, colon-separated; empty for the base, which debootstrap makes).
populate_layer() {
  local name=$1 dir=$2 lowers=$3 mirror=$4 user fields package jar src dest artifact version upstream
  local file created=() system
  load_recipe "$name"
  if [[ -z $lowers ]]; then
    ROOTFS="$dir/fs"
    mkdir -p "$APT_CACHE/debootstrap"
    debootstrap --variant=minbase --cache-dir="$APT_CACHE/debootstrap" \
      "$DEBIAN_SUITE" "$ROOTFS" "$mirror" > "$dir/debootstrap.log" 2>&1 \
      || fail "debootstrap failed; its log: $dir/debootstrap.log"
    rm -f "$ROOTFS"/etc/apt/sources.list "$ROOTFS"/etc/hostname "$ROOTFS"/etc/resolv.conf
  else
    ROOTFS="$dir/merged"
    mkdir -p "$dir/work" "$ROOTFS"
    mount -t overlay overlay \
      -o "lowerdir=$lowers,upperdir=$dir/fs,workdir=$dir/work,redirect_dir=off,metacopy=off" "$ROOTFS"
  fi
  mount -t proc proc "$ROOTFS/proc"
  mount --bind /dev "$ROOTFS/dev"
  mount -t tmpfs tmpfs "$ROOTFS/tmp"
  mkdir -p "$APT_CACHE/lists/partial" "$APT_CACHE/archives/partial" "$APT_CACHE/sources"
  debian_sources > "$APT_CACHE/sources/debian.sources"
  mount --bind "$APT_CACHE/sources" "$ROOTFS/etc/apt/sources.list.d"
  mount --bind "$APT_CACHE/lists" "$ROOTFS/var/lib/apt/lists"
  mount --bind "$APT_CACHE/archives" "$ROOTFS/var/cache/apt/archives"
  # The host's name resolution, for apt only: the files are mount points, not part of the layer.
  for file in resolv.conf hosts; do
    if [[ ! -e $ROOTFS/etc/$file ]]; then
      touch "$ROOTFS/etc/$file"
      created+=("$ROOTFS/etc/$file")
    fi
    mount --bind "/etc/$file" "$ROOTFS/etc/$file"
  done
  # Packages install without starting services.
  printf '#!/bin/sh\nexit 101\n' > "$ROOTFS/usr/sbin/policy-rc.d"
  chmod 755 "$ROOTFS/usr/sbin/policy-rc.d"

  for user in "${LAYER_USERS[@]}"; do
    IFS=: read -r -a fields <<< "$user"
    # System accounts below 1000, like the upstream images' (useradd warns about larger ids).
    system=()
    ((fields[1] < 1000)) && system=(--system)
    in_root groupadd "${system[@]}" --gid "${fields[2]}" "${fields[0]}"
    in_root useradd "${system[@]}" --uid "${fields[1]}" --gid "${fields[2]}" --home-dir "${fields[3]}" \
      --no-create-home --shell "${fields[4]}" "${fields[0]}"
  done
  if [[ ${#LAYER_PACKAGES[@]} -gt 0 || ${#LAYER_PACKAGE_VERSION[@]} -gt 0 ]]; then
    if [[ ! -f $BUILD_TMP/apt-updated ]]; then
      in_root apt-get update -qq || fail "apt-get update failed in the $name layer"
      touch "$BUILD_TMP/apt-updated"
    fi
  fi
  if [[ ${#LAYER_PACKAGE_VERSION[@]} -gt 0 ]]; then
    package=${LAYER_PACKAGE_VERSION[0]}
    version="$(in_root apt-cache show --no-all-versions "$package" 2> /dev/null | sed -n 's/^Version: //p')"
    [[ -n $version ]] || fail "Debian $DEBIAN_SUITE has no package $package: set <${LAYER_PACKAGE_VERSION[1]}> in pom.xml to a version Debian ships (the operator deploys the image with that tag)"
    upstream=${version#*:}
    upstream=${upstream%%-*}
    if [[ $upstream != "${LAYER_PACKAGE_VERSION[2]}" && $upstream != "${LAYER_PACKAGE_VERSION[2]}".* ]]; then
      fail "pom.xml <${LAYER_PACKAGE_VERSION[1]}> is ${LAYER_PACKAGE_VERSION[2]} but Debian $DEBIAN_SUITE's $package is $version: set the property to ${upstream} (the operator's default image tag and the tests' server follow it)"
    fi
    info "$package $version matches <${LAYER_PACKAGE_VERSION[1]}> ${LAYER_PACKAGE_VERSION[2]}"
  fi
  for package in "${LAYER_PACKAGES[@]}"; do
    in_root apt-get install -y -qq --no-install-recommends "$package" > "$dir/apt.log" 2>&1 \
      || fail "apt-get install $package failed in the $name layer; its log: $dir/apt.log"
  done
  if [[ -d $IMAGES_SRC/$name/rootfs ]]; then
    tar -C "$IMAGES_SRC/$name/rootfs" --owner=0 --group=0 -cf - . \
      | tar -C "$ROOTFS" --no-overwrite-dir -xf -
  fi
  for jar in "${LAYER_JARS[@]}"; do
    src=${jar%%:*} dest="$ROOTFS${jar#*:}"
    mkdir -p "$dest"
    for src in "$src"/*.jar; do
      artifact="$(jar_artifact "$(basename "$src")")"
      # The first directory wins: a later one only adds artifacts the first does not have.
      compgen -G "$dest/$artifact-[0-9]*.jar" > /dev/null || cp --preserve=timestamps "$src" "$dest/"
    done
  done
  for file in "${LAYER_FILES[@]}"; do
    install -D -m 644 "${file%%:*}" "$ROOTFS${file#*:}"
  done
  if [[ -f $IMAGES_SRC/$name/setup ]]; then
    cp "$IMAGES_SRC/$name/setup" "$ROOTFS/tmp/setup"
    in_root /bin/bash /tmp/setup || fail "dev/images/$name/setup failed"
  fi
  strip_rootfs
  umount "$ROOTFS/etc/hosts" "$ROOTFS/etc/resolv.conf" "$ROOTFS/var/cache/apt/archives" \
    "$ROOTFS/var/lib/apt/lists" "$ROOTFS/etc/apt/sources.list.d" "$ROOTFS/tmp" "$ROOTFS/dev" "$ROOTFS/proc"
  rm -f "${created[@]}"
  # What debootstrap left under the (now unmounted) apt directories.
  rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/archives/*.deb
  [[ -z $lowers ]] || umount "$ROOTFS"
}

# Makes layer NAME with key KEY unless it exists: DIR/fs (kept for layers others sit on) and
# DIR/layer.tar with DIR/diff_id.
build_layer() {
  local name=$1 key=$2 parents=$3 dir="$LAYERS_DIR/$2" lowers="" parent start=$SECONDS
  [[ -f $dir/diff_id ]] && return 0
  step "Layer $name ($key)"
  for parent in $parents; do
    [[ -d $LAYERS_DIR/$parent/fs ]] || fail "layer $parent (under $name) has no file system: remove $LAYERS_DIR/$parent and build again"
    lowers="$LAYERS_DIR/$parent/fs${lowers:+:$lowers}"
  done
  rm -rf "$dir.partial"
  mkdir -p "$dir.partial/fs"
  # shellcheck disable=SC2016 # expanded by the inner bash
  unshare --mount --pid --fork --propagation private -- \
    bash -c 'source "$1" && BUILD_TMP=$2 populate_layer "${@:3}"' _ \
    "$IMAGES_SRC/lib.sh" "$BUILD_TMP" "$name" "$dir.partial" "$lowers" "$DEBIAN_MIRROR" \
    || fail "the $name layer failed"
  rm -rf "$dir.partial/work" "$dir.partial/merged"
  if [[ -z $lowers ]]; then
    python3 "$IMAGES_SRC/layer-tar.py" "$dir.partial/fs" "$dir.partial/layer.tar" --base
  else
    python3 "$IMAGES_SRC/layer-tar.py" "$dir.partial/fs" "$dir.partial/layer.tar"
  fi
  sha256sum "$dir.partial/layer.tar" | cut -d ' ' -f 1 > "$dir.partial/diff_id"
  rm -rf "$dir"
  mv "$dir.partial" "$dir"
  info "$name: $(du -m "$dir/layer.tar" | cut -f 1) MB in $((SECONDS - start)) s"
}

# --- images -----------------------------------------------------------------------------------

json_string() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}

json_array() {
  local out="" sep="" item
  for item in "$@"; do
    out+="$sep$(json_string "$item")"
    sep=,
  done
  printf '[%s]' "$out"
}

# {"a":{},"b":{}}: the shape of ExposedPorts and Volumes.
json_set() {
  local out="" sep="" item
  for item in "$@"; do
    out+="$sep$(json_string "$item"):{}"
    sep=,
  done
  printf '{%s}' "$out"
}

# The image config (OCI/docker image JSON) of the loaded recipe over layers KEY...
image_config() {
  local key diff_ids=() history="" sep="" config
  for key in "$@"; do
    diff_ids+=("sha256:$(cat "$LAYERS_DIR/$key/diff_id")")
    history+="$sep{\"created\":\"1970-01-01T00:00:00Z\",\"created_by\":\"dev/images layer $key\"}"
    sep=,
  done
  config="\"Env\":$(json_array "${IMAGE_ENV[@]}")"
  [[ ${#IMAGE_ENTRYPOINT[@]} -eq 0 ]] || config+=",\"Entrypoint\":$(json_array "${IMAGE_ENTRYPOINT[@]}")"
  [[ ${#IMAGE_CMD[@]} -eq 0 ]] || config+=",\"Cmd\":$(json_array "${IMAGE_CMD[@]}")"
  [[ -z $IMAGE_USER ]] || config+=",\"User\":$(json_string "$IMAGE_USER")"
  [[ -z $IMAGE_WORKDIR ]] || config+=",\"WorkingDir\":$(json_string "$IMAGE_WORKDIR")"
  [[ ${#IMAGE_PORTS[@]} -eq 0 ]] || config+=",\"ExposedPorts\":$(json_set "${IMAGE_PORTS[@]}")"
  [[ ${#IMAGE_VOLUMES[@]} -eq 0 ]] || config+=",\"Volumes\":$(json_set "${IMAGE_VOLUMES[@]}")"
  [[ -z $IMAGE_STOPSIGNAL ]] || config+=",\"StopSignal\":$(json_string "$IMAGE_STOPSIGNAL")"
  printf '{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z","config":{%s},"rootfs":{"type":"layers","diff_ids":%s},"history":[%s]}' \
    "$config" "$(json_array "${diff_ids[@]}")" "$history"
}

# Writes the docker-archive tar of image NAME (recipe loaded) over layers KEY... unless it exists,
# and prints its path. The file is named by the config's digest, which covers every layer.
assemble_image() {
  local name=$1 config digest out stage key diff_id layers=() entries
  shift
  config="$(image_config "$@")"
  digest="$(printf '%s' "$config" | sha256sum | cut -d ' ' -f 1)"
  out="$IMAGES_OUT/$name-${digest:0:16}.tar"
  if [[ ! -f $out ]]; then
    stage="$BUILD_TMP/image-$name"
    rm -rf "$stage"
    mkdir -p "$stage"
    printf '%s' "$config" > "$stage/$digest.json"
    for key in "$@"; do
      diff_id="$(cat "$LAYERS_DIR/$key/diff_id")"
      mkdir -p "$stage/$diff_id"
      ln "$LAYERS_DIR/$key/layer.tar" "$stage/$diff_id/layer.tar"
      layers+=("$diff_id/layer.tar")
    done
    printf '[{"Config":"%s.json","RepoTags":[%s],"Layers":%s}]' \
      "$digest" "$(json_string "$IMAGE_REF")" "$(json_array "${layers[@]}")" > "$stage/manifest.json"
    # Top-level names without a "./" entry: jib refuses archives that name their own root.
    mapfile -t entries < <(cd "$stage" && ls)
    tar -C "$stage" --owner=0 --group=0 --sort=name -cf "$out.partial" "${entries[@]}"
    mv "$out.partial" "$out"
    rm -rf "$stage"
    info "$IMAGE_REF: $out ($(du -m "$out" | cut -f 1) MB)" >&2
  fi
  echo "$out"
}

# The tar of image REF in the index, or nothing.
indexed_image() {
  local ref path
  [[ -f $IMAGES_INDEX ]] || return 0
  while read -r ref path; do
    if [[ $ref == "$1" ]]; then
      echo "$path"
    fi
  done < "$IMAGES_INDEX"
}
