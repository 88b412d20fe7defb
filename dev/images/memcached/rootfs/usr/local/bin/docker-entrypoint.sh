#!/bin/sh
# Entrypoint of the memcached stand-in (the official image's contract): arguments that start with
# a dash are memcached's options, anything else is a command to run.
set -e
case "${1:-}" in
  -*) set -- memcached "$@" ;;
esac
exec "$@"
