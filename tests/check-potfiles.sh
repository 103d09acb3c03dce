#!/bin/sh
# Fails when a source or template with translatable strings is missing from
# po/POTFILES.in, or when POTFILES.in lists a file that does not exist.
top=${1:?usage: check-potfiles.sh SOURCE_ROOT}
cd "$top" || exit 1
status=0
listed=$(grep -Ev '^[[:space:]]*(#|$)' po/POTFILES.in)
for f in $listed; do
  [ -f "$f" ] || { echo "po/POTFILES.in lists $f, which does not exist"; status=1; }
done
for f in $(grep -rlE '(^|[^A-Za-z_])(N?_|C_|NC_|g_dngettext|ngettext)[[:space:]]*\(' src --include='*.c') \
         $(grep -rl 'translatable="yes"' resources --include='*.ui'); do
  echo "$listed" | grep -qx "$f" || { echo "$f has translatable strings but is not in po/POTFILES.in"; status=1; }
done
exit $status
