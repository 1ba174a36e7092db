function __sealctl_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __sealctl_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __sealctl_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __sealctl_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __sealctl_parse_tokens -S
    set -l unparsed_tokens (__sealctl_tokens -pc)
    switch $unparsed_tokens[1]
    case 'sealctl'
        __sealctl_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'seal'
            __sealctl_parse_subcommand 0 'f/file=' 'o/format=' 'w/output-file=' 'cert=' 'keyring=' 'controller-name=' 'controller-namespace=' 'context=' 'kubeconfig=' 'scope=' 'n/namespace=' 'name=' 'allow-empty-data' 'merge-into=' 'raw' 'from-literal=+' 'from-file=+' 'from-env-file=+' 'type=' 'version' 'h/help'
        case 'unseal'
            __sealctl_parse_subcommand 0 'f/file=' 'o/format=' 'w/output-file=' 'key=+' 'keyring=' 'allow-legacy' 'version' 'h/help'
        case 'reseal'
            __sealctl_parse_subcommand -r 1 'key=+' 'cert=' 'keyring=' 'controller-name=' 'controller-namespace=' 'context=' 'kubeconfig=' 'in-place' 'online' 'rate=' 'version' 'h/help'
        case 'validate'
            __sealctl_parse_subcommand -r 1 'key=+' 'online' 'rate=' 'controller-name=' 'controller-namespace=' 'context=' 'kubeconfig=' 'version' 'h/help'
        case 'cert'
            __sealctl_parse_subcommand 0 'cert=' 'keyring=' 'controller-name=' 'controller-namespace=' 'context=' 'kubeconfig=' 'fetch' 'info' 'w/output-file=' 'version' 'h/help'
        case 'set'
            __sealctl_parse_subcommand 2 'name=' 'n/namespace=' 'cert=' 'keyring=' 'controller-name=' 'controller-namespace=' 'context=' 'kubeconfig=' 'version' 'h/help'
        case 'unset'
            __sealctl_parse_subcommand 2 'name=' 'n/namespace=' 'version' 'h/help'
        case 'edit'
            __sealctl_parse_subcommand 1 'name=' 'n/namespace=' 'key=+' 'cert=' 'keyring=' 'controller-name=' 'controller-namespace=' 'context=' 'kubeconfig=' 'version' 'h/help'
        case 'diff'
            __sealctl_parse_subcommand 2 'key=+' 'keyring=' 'version' 'h/help'
        case 'keys'
            __sealctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'generate'
                __sealctl_parse_subcommand 0 'out=' 'bits=' 'cn=' 'valid-for=' 'version' 'h/help'
            case 'info'
                __sealctl_parse_subcommand -r 1 'keyring=' 'version' 'h/help'
            case 'rotate'
                __sealctl_parse_subcommand 0 'keyring=' 'bits=' 'version' 'h/help'
            end
        case 'generate'
            __sealctl_parse_subcommand -r 1 'force' 'config=' 'values-file=' 'dry-run' 'cert=' 'keyring=' 'controller-name=' 'controller-namespace=' 'context=' 'kubeconfig=' 'version' 'h/help'
        case 'rotate'
            __sealctl_parse_subcommand -r 2 'config=' 'values-file=' 'dry-run' 'cert=' 'keyring=' 'controller-name=' 'controller-namespace=' 'context=' 'kubeconfig=' 'version' 'h/help'
        case 'check'
            __sealctl_parse_subcommand -r 1 'format=' 'allow=+' 'cert=' 'config=' 'version' 'h/help'
        case 'git'
            __sealctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'install'
                __sealctl_parse_subcommand 0 'global' 'pattern=+' 'uninstall' 'version' 'h/help'
            case 'status'
                __sealctl_parse_subcommand 0 'global' 'version' 'h/help'
            case 'diff-text'
                __sealctl_parse_subcommand 1 'version' 'h/help'
            case 'merge'
                __sealctl_parse_subcommand 4 'marker-size=' 'version' 'h/help'
            end
        case 'doctor'
            __sealctl_parse_subcommand 0 'controller-name=' 'controller-namespace=' 'context=' 'kubeconfig=' 'format=' 'config=' 'version' 'h/help'
        case 'status'
            __sealctl_parse_subcommand 0 'n/namespace=' 'A/all-namespaces' 'against=' 'format=' 'controller-name=' 'controller-namespace=' 'context=' 'kubeconfig=' 'version' 'h/help'
        case 'help'
            __sealctl_parse_subcommand -r 1 'version'
        end
    end
end

function __sealctl_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __sealctl_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __sealctl_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __sealctl_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__sealctl_tokens -p)
    if test -z "$(__sealctl_tokens -t)"
        set -l index (count (__sealctl_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'sealctl' -f
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl" -eq 1' -fa 'seal' -d 'Seal Secrets into SealedSecrets (kubeseal\'s main job).'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl" -eq 1' -fa 'unseal' -d 'Unseal SealedSecrets with the controller\'s private keys (kubeseal --recovery-unseal).'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl" -eq 1' -fa 'reseal' -d 'Re-seal SealedSecrets for a new certificate, offline and in bulk.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl" -eq 1' -fa 'validate' -d 'Validate SealedSecrets against the controller\'s CRD schema, offline.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl" -eq 1' -fa 'cert' -d 'Print or inspect the sealing certificate (kubeseal --fetch-cert).'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl" -eq 1' -fa 'set' -d 'Add or replace one key of a SealedSecret file, leaving the others byte-identical.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl" -eq 1' -fa 'unset' -d 'Remove one key from a SealedSecret file, leaving the others byte-identical.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl" -eq 1' -fa 'edit' -d 'Edit a SealedSecret\'s values in $EDITOR; only changed keys are re-sealed.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl" -eq 1' -fa 'diff' -d 'Show which keys were added, removed or changed between two SealedSecrets, never the values.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl" -eq 1' -fa 'keys' -d 'Make, inspect and rotate controller-compatible key pairs.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl" -eq 1' -fa 'generate' -d 'Seal an environment\'s credentials into its kustomize overlay (secrets.yaml).'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl" -eq 1' -fa 'rotate' -d 'Seal new values for some keys of an environment; every other key stays byte-identical.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl" -eq 1' -fa 'check' -d 'Find leaked or broken secrets before commit and in CI, with no key and no cluster.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl" -eq 1' -fa 'git' -d 'Let git diff and merge SealedSecrets key by key, with no private key.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl" -eq 1' -fa 'doctor' -d 'Walk the path to the controller\'s certificate and stop at the first broken link, with the fix.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl" -eq 1' -fa 'status' -d 'List the cluster\'s SealedSecrets with their Synced condition, those that failed to unseal first.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl seal" f file secret-file' -s 'f' -l 'file' -l 'secret-file' -d 'Input file (default: standard input).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl seal" format o' -s 'o' -l 'format' -d 'Output format: yaml or json (default: yaml, or json for a -w file ending in .json; env SEALED_SECRETS_FORMAT).' -rfka 'yaml json'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl seal" output-file sealed-secret-file w' -s 'w' -l 'output-file' -l 'sealed-secret-file' -d 'Write to this file, atomically and only on success (default: standard output).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl seal" cert' -l 'cert' -d 'Certificate file, or file://, https:// (or loopback http://) URL (env SEALED_SECRETS_CERT).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl seal" keyring' -l 'keyring' -d 'Local keyring folder: its newest key seals, every key unseals (env SEALCTL_KEYRING; default ~/.config/sealctl/keyring).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl seal" controller-name' -l 'controller-name' -d 'Name of the sealed-secrets controller service (default sealed-secrets-controller; env SEALED_SECRETS_CONTROLLER_NAME).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl seal" controller-namespace' -l 'controller-namespace' -d 'Namespace of the controller (default kube-system; env SEALED_SECRETS_CONTROLLER_NAMESPACE).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl seal" context' -l 'context' -d 'kubeconfig context to use.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl seal" kubeconfig' -l 'kubeconfig' -d 'Path to a kubeconfig file. kubectl\'s connection flags (--server, --token, --certificate-authority, --insecure-skip-tls-verify, --tls-server-name, --proxy-url, --client-certificate, --client-key, --cluster, --user, --as, --as-group, --as-uid, --username, --password, --request-timeout) are taken too, and passed to kubectl unchanged.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl seal" scope' -l 'scope' -d 'strict, namespace-wide or cluster-wide (default: from the Secret\'s annotations, else strict; env SEALED_SECRETS_SCOPE).' -rfka 'strict namespace-wide cluster-wide'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl seal" n namespace' -s 'n' -l 'namespace' -d 'Namespace to seal for; an error if the Secret names another one.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl seal" name' -l 'name' -d 'Name of the sealed Secret (replaces the input\'s name).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl seal" allow-empty-data' -l 'allow-empty-data' -d 'Seal a Secret that has no data.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl seal" merge-into' -l 'merge-into' -d 'Merge the sealed keys into this existing SealedSecret file, rewritten atomically in its own format.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl seal" raw' -l 'raw' -d 'Seal one raw value (from standard input or --from-file PATH) and print it in base64.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl seal"' -l 'from-literal' -d 'Add KEY=VALUE to a Secret built in memory (repeatable).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl seal"' -l 'from-file' -d 'Add KEY=PATH (or PATH, keyed by its file name) to a Secret built in memory (repeatable); with --raw, the value\'s file.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl seal"' -l 'from-env-file' -d 'Add every KEY=VALUE line of an env file to a Secret built in memory (repeatable).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl seal" type' -l 'type' -d 'Type of a Secret built in memory (default Opaque).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl seal" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl seal" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl unseal" f file secret-file' -s 'f' -l 'file' -l 'secret-file' -d 'Input file (default: standard input).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl unseal" format o' -s 'o' -l 'format' -d 'Output format: yaml or json (default: yaml, or json for a -w file ending in .json; env SEALED_SECRETS_FORMAT).' -rfka 'yaml json'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl unseal" output-file sealed-secret-file w' -s 'w' -l 'output-file' -l 'sealed-secret-file' -d 'Write to this file, atomically and only on success (default: standard output).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl unseal"' -l 'key' -l 'recovery-private-key' -d 'Private key file: PEM, a key Secret, or a List of them (repeatable; default: the local keyring).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl unseal" keyring' -l 'keyring' -d 'Local keyring folder: its newest key seals, every key unseals (env SEALCTL_KEYRING; default ~/.config/sealctl/keyring).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl unseal" allow-legacy' -l 'allow-legacy' -d 'Read the deprecated spec.data format of SealedSecrets made before v0.9.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl unseal" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl unseal" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl reseal"' -l 'key' -l 'recovery-private-key' -d 'Private key file: PEM, a key Secret, or a List of them (repeatable; default: the local keyring).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl reseal" cert' -l 'cert' -d 'Certificate file, or file://, https:// (or loopback http://) URL (env SEALED_SECRETS_CERT).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl reseal" keyring' -l 'keyring' -d 'Local keyring folder: its newest key seals, every key unseals (env SEALCTL_KEYRING; default ~/.config/sealctl/keyring).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl reseal" controller-name' -l 'controller-name' -d 'Name of the sealed-secrets controller service (default sealed-secrets-controller; env SEALED_SECRETS_CONTROLLER_NAME).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl reseal" controller-namespace' -l 'controller-namespace' -d 'Namespace of the controller (default kube-system; env SEALED_SECRETS_CONTROLLER_NAMESPACE).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl reseal" context' -l 'context' -d 'kubeconfig context to use.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl reseal" kubeconfig' -l 'kubeconfig' -d 'Path to a kubeconfig file. kubectl\'s connection flags (--server, --token, --certificate-authority, --insecure-skip-tls-verify, --tls-server-name, --proxy-url, --client-certificate, --client-key, --cluster, --user, --as, --as-group, --as-uid, --username, --password, --request-timeout) are taken too, and passed to kubectl unchanged.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl reseal" in-place' -l 'in-place' -d 'Rewrite the files in place.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl reseal" online' -l 'online' -d 'Ask the cluster\'s controller, through kubectl (kubeseal --validate / --re-encrypt, in bulk).'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl reseal" rate' -l 'rate' -d 'With --online: requests per second at most (the controller allows about 2).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl reseal" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl reseal" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl validate"' -l 'key' -d 'Also check that every value decrypts with these private keys (repeatable).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl validate" online' -l 'online' -d 'Ask the cluster\'s controller, through kubectl (kubeseal --validate / --re-encrypt, in bulk).'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl validate" rate' -l 'rate' -d 'With --online: requests per second at most (the controller allows about 2).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl validate" controller-name' -l 'controller-name' -d 'Name of the sealed-secrets controller service (default sealed-secrets-controller; env SEALED_SECRETS_CONTROLLER_NAME).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl validate" controller-namespace' -l 'controller-namespace' -d 'Namespace of the controller (default kube-system; env SEALED_SECRETS_CONTROLLER_NAMESPACE).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl validate" context' -l 'context' -d 'kubeconfig context to use.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl validate" kubeconfig' -l 'kubeconfig' -d 'Path to a kubeconfig file. kubectl\'s connection flags (--server, --token, --certificate-authority, --insecure-skip-tls-verify, --tls-server-name, --proxy-url, --client-certificate, --client-key, --cluster, --user, --as, --as-group, --as-uid, --username, --password, --request-timeout) are taken too, and passed to kubectl unchanged.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl validate" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl validate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl cert" cert' -l 'cert' -d 'Certificate file, or file://, https:// (or loopback http://) URL (env SEALED_SECRETS_CERT).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl cert" keyring' -l 'keyring' -d 'Local keyring folder: its newest key seals, every key unseals (env SEALCTL_KEYRING; default ~/.config/sealctl/keyring).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl cert" controller-name' -l 'controller-name' -d 'Name of the sealed-secrets controller service (default sealed-secrets-controller; env SEALED_SECRETS_CONTROLLER_NAME).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl cert" controller-namespace' -l 'controller-namespace' -d 'Namespace of the controller (default kube-system; env SEALED_SECRETS_CONTROLLER_NAMESPACE).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl cert" context' -l 'context' -d 'kubeconfig context to use.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl cert" kubeconfig' -l 'kubeconfig' -d 'Path to a kubeconfig file. kubectl\'s connection flags (--server, --token, --certificate-authority, --insecure-skip-tls-verify, --tls-server-name, --proxy-url, --client-certificate, --client-key, --cluster, --user, --as, --as-group, --as-uid, --username, --password, --request-timeout) are taken too, and passed to kubectl unchanged.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl cert" fetch' -l 'fetch' -d 'Fetch from the cluster\'s controller, ignoring --cert and SEALED_SECRETS_CERT.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl cert" info' -l 'info' -d 'Describe the certificate instead of printing it.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl cert" output-file w' -s 'w' -l 'output-file' -d 'Write the PEM to this file, atomically.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl cert" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl cert" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl set" name' -l 'name' -d 'The SealedSecret to change, when the file holds several.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl set" n namespace' -s 'n' -l 'namespace' -d 'Its namespace, when names repeat.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl set" cert' -l 'cert' -d 'Certificate file, or file://, https:// (or loopback http://) URL (env SEALED_SECRETS_CERT).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl set" keyring' -l 'keyring' -d 'Local keyring folder: its newest key seals, every key unseals (env SEALCTL_KEYRING; default ~/.config/sealctl/keyring).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl set" controller-name' -l 'controller-name' -d 'Name of the sealed-secrets controller service (default sealed-secrets-controller; env SEALED_SECRETS_CONTROLLER_NAME).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl set" controller-namespace' -l 'controller-namespace' -d 'Namespace of the controller (default kube-system; env SEALED_SECRETS_CONTROLLER_NAMESPACE).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl set" context' -l 'context' -d 'kubeconfig context to use.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl set" kubeconfig' -l 'kubeconfig' -d 'Path to a kubeconfig file. kubectl\'s connection flags (--server, --token, --certificate-authority, --insecure-skip-tls-verify, --tls-server-name, --proxy-url, --client-certificate, --client-key, --cluster, --user, --as, --as-group, --as-uid, --username, --password, --request-timeout) are taken too, and passed to kubectl unchanged.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl set" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl set" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl unset" name' -l 'name' -d 'The SealedSecret to change, when the file holds several.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl unset" n namespace' -s 'n' -l 'namespace' -d 'Its namespace, when names repeat.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl unset" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl unset" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl edit" name' -l 'name' -d 'The SealedSecret to change, when the file holds several.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl edit" n namespace' -s 'n' -l 'namespace' -d 'Its namespace, when names repeat.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl edit"' -l 'key' -l 'recovery-private-key' -d 'Private key file: PEM, a key Secret, or a List of them (repeatable; default: the local keyring).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl edit" cert' -l 'cert' -d 'Certificate file, or file://, https:// (or loopback http://) URL (env SEALED_SECRETS_CERT).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl edit" keyring' -l 'keyring' -d 'Local keyring folder: its newest key seals, every key unseals (env SEALCTL_KEYRING; default ~/.config/sealctl/keyring).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl edit" controller-name' -l 'controller-name' -d 'Name of the sealed-secrets controller service (default sealed-secrets-controller; env SEALED_SECRETS_CONTROLLER_NAME).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl edit" controller-namespace' -l 'controller-namespace' -d 'Namespace of the controller (default kube-system; env SEALED_SECRETS_CONTROLLER_NAMESPACE).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl edit" context' -l 'context' -d 'kubeconfig context to use.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl edit" kubeconfig' -l 'kubeconfig' -d 'Path to a kubeconfig file. kubectl\'s connection flags (--server, --token, --certificate-authority, --insecure-skip-tls-verify, --tls-server-name, --proxy-url, --client-certificate, --client-key, --cluster, --user, --as, --as-group, --as-uid, --username, --password, --request-timeout) are taken too, and passed to kubectl unchanged.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl edit" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl edit" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl diff"' -l 'key' -l 'recovery-private-key' -d 'Private key file: PEM, a key Secret, or a List of them (repeatable; default: the local keyring).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl diff" keyring' -l 'keyring' -d 'Local keyring folder: its newest key seals, every key unseals (env SEALCTL_KEYRING; default ~/.config/sealctl/keyring).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl diff" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl diff" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl keys" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl keys" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl keys" -eq 1' -fa 'generate' -d 'Generate a key pair for the controller\'s bring-your-own-certificate flow.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl keys" -eq 1' -fa 'info' -d 'Describe certificates and keys: size, fingerprints, validity, and which one seals.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl keys" -eq 1' -fa 'rotate' -d 'Add a new key pair to the local keyring; it seals from now on, and every older key still unseals.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl keys generate" out' -l 'out' -d 'Folder to write the pair into.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl keys generate" bits' -l 'bits' -d 'RSA key size in bits.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl keys generate" cn' -l 'cn' -d 'Certificate common name (default: empty, as the controller makes it).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl keys generate" valid-for' -l 'valid-for' -d 'Certificate lifetime, e.g. 87600h, 3650d, 10y (default 10y).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl keys generate" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl keys generate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl keys info" keyring' -l 'keyring' -d 'Local keyring folder: its newest key seals, every key unseals (env SEALCTL_KEYRING; default ~/.config/sealctl/keyring).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl keys info" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl keys info" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl keys rotate" keyring' -l 'keyring' -d 'Local keyring folder: its newest key seals, every key unseals (env SEALCTL_KEYRING; default ~/.config/sealctl/keyring).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl keys rotate" bits' -l 'bits' -d 'RSA key size in bits.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl keys rotate" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl keys rotate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl generate" force' -l 'force' -d 'Seal new values for keys that are already sealed, too.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl generate" config' -l 'config' -d 'The project config (default: the nearest sealctl.yaml in this folder or above).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl generate" values-file' -l 'values-file' -d 'Values for prompted keys when there is no terminal: YAML or JSON, KEY: value or ENV: {KEY: value}. Keep it 0600 and delete it after.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl generate" dry-run' -l 'dry-run' -d 'Show what would change, without writing or asking for anything.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl generate" cert' -l 'cert' -d 'Certificate file, or file://, https:// (or loopback http://) URL (env SEALED_SECRETS_CERT).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl generate" keyring' -l 'keyring' -d 'Local keyring folder: its newest key seals, every key unseals (env SEALCTL_KEYRING; default ~/.config/sealctl/keyring).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl generate" controller-name' -l 'controller-name' -d 'Name of the sealed-secrets controller service (default sealed-secrets-controller; env SEALED_SECRETS_CONTROLLER_NAME).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl generate" controller-namespace' -l 'controller-namespace' -d 'Namespace of the controller (default kube-system; env SEALED_SECRETS_CONTROLLER_NAMESPACE).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl generate" context' -l 'context' -d 'kubeconfig context to use.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl generate" kubeconfig' -l 'kubeconfig' -d 'Path to a kubeconfig file. kubectl\'s connection flags (--server, --token, --certificate-authority, --insecure-skip-tls-verify, --tls-server-name, --proxy-url, --client-certificate, --client-key, --cluster, --user, --as, --as-group, --as-uid, --username, --password, --request-timeout) are taken too, and passed to kubectl unchanged.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl generate" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl generate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl rotate" config' -l 'config' -d 'The project config (default: the nearest sealctl.yaml in this folder or above).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl rotate" values-file' -l 'values-file' -d 'Values for prompted keys when there is no terminal: YAML or JSON, KEY: value or ENV: {KEY: value}. Keep it 0600 and delete it after.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl rotate" dry-run' -l 'dry-run' -d 'Show what would change, without writing or asking for anything.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl rotate" cert' -l 'cert' -d 'Certificate file, or file://, https:// (or loopback http://) URL (env SEALED_SECRETS_CERT).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl rotate" keyring' -l 'keyring' -d 'Local keyring folder: its newest key seals, every key unseals (env SEALCTL_KEYRING; default ~/.config/sealctl/keyring).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl rotate" controller-name' -l 'controller-name' -d 'Name of the sealed-secrets controller service (default sealed-secrets-controller; env SEALED_SECRETS_CONTROLLER_NAME).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl rotate" controller-namespace' -l 'controller-namespace' -d 'Namespace of the controller (default kube-system; env SEALED_SECRETS_CONTROLLER_NAMESPACE).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl rotate" context' -l 'context' -d 'kubeconfig context to use.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl rotate" kubeconfig' -l 'kubeconfig' -d 'Path to a kubeconfig file. kubectl\'s connection flags (--server, --token, --certificate-authority, --insecure-skip-tls-verify, --tls-server-name, --proxy-url, --client-certificate, --client-key, --cluster, --user, --as, --as-group, --as-uid, --username, --password, --request-timeout) are taken too, and passed to kubectl unchanged.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl rotate" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl rotate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl check" format' -l 'format' -d 'Output format: text, json or sarif.' -rfka 'text json sarif'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl check"' -l 'allow' -d 'Allow plain Secrets in files matching this glob (repeatable; a glob without / matches file names).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl check" cert' -l 'cert' -d 'The certificate every SealedSecret must be sealed for (default: each environment\'s certificate file in sealctl.yaml).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl check" config' -l 'config' -d 'The project config (default: the nearest sealctl.yaml).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl check" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl git" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl git" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl git" -eq 1' -fa 'install' -d 'Write the .gitattributes lines and the git config (idempotent).'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl git" -eq 1' -fa 'status' -d 'Say what sealctl git install has set up.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl git" -eq 1' -fa 'diff-text' -d 'Print FILE for git\'s textconv: keys and ciphertext fingerprints, never ciphertext or values.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_positional "sealctl git" -eq 1' -fa 'merge' -d 'git\'s merge driver: merge SealedSecrets key by key into OURS (%O %A %B %P).'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl git install" global' -l 'global' -d 'Set up for every repository of this user instead of this one.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl git install"' -l 'pattern' -d 'A file pattern to set up (repeatable; replaces the defaults).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl git install" uninstall' -l 'uninstall' -d 'Remove what install wrote.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl git install" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl git install" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl git status" global' -l 'global' -d 'The global set-up instead of this repository\'s.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl git status" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl git status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl git diff-text" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl git diff-text" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl git merge" marker-size' -l 'marker-size' -d 'The length of conflict markers (%L).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl git merge" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl git merge" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl doctor" controller-name' -l 'controller-name' -d 'Name of the sealed-secrets controller service (default sealed-secrets-controller; env SEALED_SECRETS_CONTROLLER_NAME).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl doctor" controller-namespace' -l 'controller-namespace' -d 'Namespace of the controller (default kube-system; env SEALED_SECRETS_CONTROLLER_NAMESPACE).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl doctor" context' -l 'context' -d 'kubeconfig context to use.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl doctor" kubeconfig' -l 'kubeconfig' -d 'Path to a kubeconfig file. kubectl\'s connection flags (--server, --token, --certificate-authority, --insecure-skip-tls-verify, --tls-server-name, --proxy-url, --client-certificate, --client-key, --cluster, --user, --as, --as-group, --as-uid, --username, --password, --request-timeout) are taken too, and passed to kubectl unchanged.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl doctor" format' -l 'format' -d 'Output format: text or json.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl doctor" config' -l 'config' -d 'The project config whose certificates the cluster\'s must match (default: the nearest sealctl.yaml).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl doctor" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl doctor" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl status" n namespace' -s 'n' -l 'namespace' -d 'Only this namespace (default: the kubeconfig\'s).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl status" A all-namespaces' -s 'A' -l 'all-namespaces' -d 'Every namespace.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl status" against' -l 'against' -d 'A repository folder to compare with.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl status" format' -l 'format' -d 'Output format: text or json.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl status" controller-name' -l 'controller-name' -d 'Name of the sealed-secrets controller service (default sealed-secrets-controller; env SEALED_SECRETS_CONTROLLER_NAME).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl status" controller-namespace' -l 'controller-namespace' -d 'Namespace of the controller (default kube-system; env SEALED_SECRETS_CONTROLLER_NAMESPACE).' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl status" context' -l 'context' -d 'kubeconfig context to use.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl status" kubeconfig' -l 'kubeconfig' -d 'Path to a kubeconfig file. kubectl\'s connection flags (--server, --token, --certificate-authority, --insecure-skip-tls-verify, --tls-server-name, --proxy-url, --client-certificate, --client-key, --cluster, --user, --as, --as-group, --as-uid, --username, --password, --request-timeout) are taken too, and passed to kubectl unchanged.' -rfka ''
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl status" version' -l 'version' -d 'Show the version.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sealctl' -n '__sealctl_should_offer_completions_for_flags_or_options "sealctl help" version' -l 'version' -d 'Show the version.'
