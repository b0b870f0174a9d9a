#!/bin/sh
# Installs wirewatch: binary, systemd unit, tmpfiles.d and sysusers.d entries, default
# configuration and journal catalog.
#
#   install.sh [--runtime] [DESTDIR] [BINARY]
#
# DESTDIR   staging root for packaging; empty (the default) installs into the running
#           system and then creates the user, the spool folders and the catalog index
#           and reloads systemd.
# BINARY    the wirewatch executable; by default the release build of this checkout,
#           else its debug build.
# --runtime puts the unit, tmpfiles.d and sysusers.d entries below /run instead of
#           /usr/lib, so that they are gone after a reboot (used by the tests).
#
# An existing /etc/wirewatch/wirewatch.toml is kept; the new default is then written
# beside it as wirewatch.toml.default.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
libdir=/usr/lib
if [ "${1-}" = "--runtime" ]; then
    libdir=/run
    shift
fi
destdir=${1-}
binary=${2-}
destdir=${destdir%/}

if [ -z "$binary" ]; then
    for candidate in "$here/../.build/release/wirewatch" "$here/../.build/debug/wirewatch"; do
        if [ -x "$candidate" ]; then
            binary=$candidate
            break
        fi
    done
fi
if [ -z "$binary" ] || [ ! -x "$binary" ]; then
    echo "install.sh: no wirewatch binary (${binary:-none found}); build it or pass it as the second argument" >&2
    exit 1
fi

install -D -m 0755 "$binary" "$destdir/usr/bin/wirewatch"
install -D -m 0644 "$here/wirewatch.service" "$destdir$libdir/systemd/system/wirewatch.service"
install -D -m 0644 "$here/wirewatch.tmpfiles" "$destdir$libdir/tmpfiles.d/wirewatch.conf"
install -D -m 0644 "$here/wirewatch.sysusers" "$destdir$libdir/sysusers.d/wirewatch.conf"
install -D -m 0644 "$here/wirewatch.catalog" "$destdir/usr/lib/systemd/catalog/wirewatch.catalog"
if [ -e "$destdir/etc/wirewatch/wirewatch.toml" ]; then
    install -D -m 0644 "$here/wirewatch.toml" "$destdir/etc/wirewatch/wirewatch.toml.default"
    echo "install.sh: kept $destdir/etc/wirewatch/wirewatch.toml; the default is in wirewatch.toml.default"
else
    install -D -m 0644 "$here/wirewatch.toml" "$destdir/etc/wirewatch/wirewatch.toml"
fi
if [ -r "$here/../README.md" ]; then
    install -D -m 0644 "$here/../README.md" "$destdir/usr/share/doc/wirewatch/README.md"
fi

if [ -n "$destdir" ]; then
    # The package's post-install step must index the catalog for `journalctl -x`.
    echo "install.sh: staged in $destdir; after installing run: journalctl --update-catalog"
    exit 0
fi
# The user must exist before tmpfiles can hand it the spool folders.
systemd-sysusers "$libdir/sysusers.d/wirewatch.conf"
systemd-tmpfiles --create "$libdir/tmpfiles.d/wirewatch.conf"
journalctl --update-catalog
# Only a system booted with systemd has a manager to reload (not a chroot or image build).
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload
fi
echo "install.sh: installed; start with: systemctl enable --now wirewatch"
