#!/usr/bin/env bash
# Writes shell completions for bash, zsh and fish, and the sealctl(1) man page, into Docs/:
#   Docs/completions/sealctl.bash   (source it, or copy to /etc/bash_completion.d/sealctl)
#   Docs/completions/_sealctl       (put it on $fpath)
#   Docs/completions/sealctl.fish   (copy to ~/.config/fish/completions/)
#   Docs/man/sealctl.1              (man Docs/man/sealctl.1; install under share/man/man1)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product sealctl >&2
sealctl="$(swift build --show-bin-path)/sealctl"
mkdir -p Docs/completions Docs/man
"$sealctl" --generate-completion-script bash > Docs/completions/sealctl.bash
"$sealctl" --generate-completion-script zsh > Docs/completions/_sealctl
"$sealctl" --generate-completion-script fish > Docs/completions/sealctl.fish
# swift-argument-parser's manual generator (a package plugin) writes an mdoc page.
swift package plugin --allow-writing-to-package-directory generate-manual >&2 || {
    echo "note: the generate-manual plugin did not run; the man page was not updated" >&2
    exit 0
}
page=$(find .build/plugins -name 'sealctl.1' -newer Package.swift | head -1)
[ -n "$page" ] && cp "$page" Docs/man/sealctl.1
echo "wrote Docs/completions and Docs/man" >&2
