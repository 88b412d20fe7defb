#!/usr/bin/env python3
"""Writes one image layer (a tar in the docker/OCI layer format) from a directory.

Usage: layer-tar.py DIR OUT.tar [--base]

DIR is either a whole root file system (--base: device nodes, sockets and the contents of /proc,
/sys and /dev are left out, the runtime provides them) or the upper directory of an overlayfs
mount whose lower directories are the layers beneath: overlayfs marks a deleted file with a 0/0
character device and a directory whose lower contents are hidden with the xattr
trusted.overlay.opaque=y; the layer format says the same with `.wh.<name>` and `.wh..wh..opq`
entries. Owners are written as numbers (the image's own /etc/passwd names them), modification
times are kept, hard links inside the layer stay hard links. Entries are sorted, so the same tree
always gives the same tar.
"""

import os
import stat
import sys
import tarfile

WHITEOUT_PREFIX = ".wh."
OPAQUE_MARKER = ".wh..wh..opq"
RUNTIME_DIRS = ("proc", "sys", "dev")


def is_opaque(path):
    for name in ("trusted.overlay.opaque", "user.overlay.opaque"):
        try:
            if os.getxattr(path, name, follow_symlinks=False) == b"y":
                return True
        except OSError:
            pass
    return False


def entry(tar, path, name):
    info = tar.gettarinfo(path, arcname=name)
    info.uname = ""
    info.gname = ""
    info.mtime = int(info.mtime)
    if info.isreg():
        with open(path, "rb") as data:
            tar.addfile(info, data)
    else:
        tar.addfile(info)


def marker(tar, name, like):
    """An empty regular file named `name`, owned and dated like the directory `like`."""
    st = os.lstat(like)
    info = tarfile.TarInfo(name)
    info.mode = 0o644
    info.uid, info.gid, info.mtime = st.st_uid, st.st_gid, int(st.st_mtime)
    tar.addfile(info)


def write(root, out, base):
    with tarfile.open(out, "w", format=tarfile.PAX_FORMAT) as tar:
        for current, dirs, files in os.walk(root):
            dirs.sort()
            relative = os.path.relpath(current, root)
            prefix = "" if relative == "." else relative + "/"
            if base and relative in RUNTIME_DIRS:
                dirs.clear()
                files = []
            if prefix and not base and is_opaque(current):
                marker(tar, prefix + OPAQUE_MARKER, current)
            # Directories that are symlinks are listed in `dirs` but not walked into.
            for name in sorted(dirs + files):
                path = os.path.join(current, name)
                st = os.lstat(path)
                if stat.S_ISCHR(st.st_mode) and st.st_rdev == 0 and not base:
                    marker(tar, prefix + WHITEOUT_PREFIX + name, current)
                elif stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
                    if not base:
                        raise SystemExit(f"unexpected device node in a layer: {path}")
                elif stat.S_ISSOCK(st.st_mode):
                    continue
                else:
                    entry(tar, path, prefix + name)


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4) or (len(sys.argv) == 4 and sys.argv[3] != "--base"):
        raise SystemExit(__doc__)
    write(sys.argv[1], sys.argv[2], len(sys.argv) == 4)
