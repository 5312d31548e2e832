#!/usr/bin/env bash
# Adds every undeclared public symbol (RS0016) of a library project to its PublicAPI.Unshipped.txt.
# Usage: eng/update-public-api.sh src/BeAlert.Cap
set -euo pipefail
project_dir=${1:?project directory}
out=$(dotnet build "$project_dir" -p:TreatWarningsAsErrors=false --no-incremental 2>&1 || true)
file="$project_dir/PublicAPI.Unshipped.txt"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%s\n' "$out" | grep -o "RS0016: Symbol '[^']*'" | sed "s/RS0016: Symbol '//; s/'\$//" | sort -u > "$tmp/new.txt" || true
# RS0017 (declared but gone): drop those lines.
printf '%s\n' "$out" | grep -o "RS0017: Symbol '[^']*'" | sed "s/RS0017: Symbol '//; s/'\$//" | sort -u > "$tmp/gone.txt" || true
{ head -n 1 "$file"; { tail -n +2 "$file" | grep -vxF -f "$tmp/gone.txt" || true; cat "$tmp/new.txt"; } | sort -u; } > "$file.tmp"
mv "$file.tmp" "$file"
echo "added $(wc -l < "$tmp/new.txt"), removed $(wc -l < "$tmp/gone.txt")"
