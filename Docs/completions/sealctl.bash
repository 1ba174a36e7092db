#!/bin/bash

__sealctl_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__sealctl_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__sealctl_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__sealctl_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_sealctl() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __sealctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    seal|unseal|reseal|validate|cert|set|unset|edit|diff|keys|generate|rotate|check|git|doctor|status|help)
        # Offer subcommand argument completions
        "_sealctl_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'seal unseal reseal validate cert set unset edit diff keys generate rotate check git doctor status help' -- "${cur}"))
        ;;
    esac
}

_sealctl_seal() {
    repeating_flags=()
    non_repeating_flags=(--allow-empty-data --raw --version -h --help)
    repeating_options=(--from-literal --from-file --from-env-file)
    non_repeating_options=(-f --file --secret-file -o --format -w --output-file --sealed-secret-file --cert --keyring --controller-name --controller-namespace --context --kubeconfig --scope -n --namespace --name --merge-into --type)
    __sealctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-f'|'--file'|'--secret-file')
        return
        ;;
    '-o'|'--format')
        __sealctl_add_completions -W 'yaml'$'\n''json'
        return
        ;;
    '-w'|'--output-file'|'--sealed-secret-file')
        return
        ;;
    '--cert')
        return
        ;;
    '--keyring')
        return
        ;;
    '--controller-name')
        return
        ;;
    '--controller-namespace')
        return
        ;;
    '--context')
        return
        ;;
    '--kubeconfig')
        return
        ;;
    '--scope')
        __sealctl_add_completions -W 'strict'$'\n''namespace-wide'$'\n''cluster-wide'
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    '--name')
        return
        ;;
    '--merge-into')
        return
        ;;
    '--from-literal')
        return
        ;;
    '--from-file')
        return
        ;;
    '--from-env-file')
        return
        ;;
    '--type')
        return
        ;;
    esac
}

_sealctl_unseal() {
    repeating_flags=()
    non_repeating_flags=(--allow-legacy --version -h --help)
    repeating_options=(--key --recovery-private-key)
    non_repeating_options=(-f --file --secret-file -o --format -w --output-file --sealed-secret-file --keyring)
    __sealctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-f'|'--file'|'--secret-file')
        return
        ;;
    '-o'|'--format')
        __sealctl_add_completions -W 'yaml'$'\n''json'
        return
        ;;
    '-w'|'--output-file'|'--sealed-secret-file')
        return
        ;;
    '--key'|'--recovery-private-key')
        return
        ;;
    '--keyring')
        return
        ;;
    esac
}

_sealctl_reseal() {
    repeating_flags=()
    non_repeating_flags=(--in-place --online --version -h --help)
    repeating_options=(--key --recovery-private-key)
    non_repeating_options=(--cert --keyring --controller-name --controller-namespace --context --kubeconfig --rate)
    __sealctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--key'|'--recovery-private-key')
        return
        ;;
    '--cert')
        return
        ;;
    '--keyring')
        return
        ;;
    '--controller-name')
        return
        ;;
    '--controller-namespace')
        return
        ;;
    '--context')
        return
        ;;
    '--kubeconfig')
        return
        ;;
    '--rate')
        return
        ;;
    esac
}

_sealctl_validate() {
    repeating_flags=()
    non_repeating_flags=(--online --version -h --help)
    repeating_options=(--key)
    non_repeating_options=(--rate --controller-name --controller-namespace --context --kubeconfig)
    __sealctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--key')
        return
        ;;
    '--rate')
        return
        ;;
    '--controller-name')
        return
        ;;
    '--controller-namespace')
        return
        ;;
    '--context')
        return
        ;;
    '--kubeconfig')
        return
        ;;
    esac
}

_sealctl_cert() {
    repeating_flags=()
    non_repeating_flags=(--fetch --info --version -h --help)
    repeating_options=()
    non_repeating_options=(--cert --keyring --controller-name --controller-namespace --context --kubeconfig -w --output-file)
    __sealctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--cert')
        return
        ;;
    '--keyring')
        return
        ;;
    '--controller-name')
        return
        ;;
    '--controller-namespace')
        return
        ;;
    '--context')
        return
        ;;
    '--kubeconfig')
        return
        ;;
    '-w'|'--output-file')
        return
        ;;
    esac
}

_sealctl_set() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--name -n --namespace --cert --keyring --controller-name --controller-namespace --context --kubeconfig)
    __sealctl_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--name')
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    '--cert')
        return
        ;;
    '--keyring')
        return
        ;;
    '--controller-name')
        return
        ;;
    '--controller-namespace')
        return
        ;;
    '--context')
        return
        ;;
    '--kubeconfig')
        return
        ;;
    esac
}

_sealctl_unset() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--name -n --namespace)
    __sealctl_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--name')
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac
}

_sealctl_edit() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=(--key --recovery-private-key)
    non_repeating_options=(--name -n --namespace --cert --keyring --controller-name --controller-namespace --context --kubeconfig)
    __sealctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--name')
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    '--key'|'--recovery-private-key')
        return
        ;;
    '--cert')
        return
        ;;
    '--keyring')
        return
        ;;
    '--controller-name')
        return
        ;;
    '--controller-namespace')
        return
        ;;
    '--context')
        return
        ;;
    '--kubeconfig')
        return
        ;;
    esac
}

_sealctl_diff() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=(--key --recovery-private-key)
    non_repeating_options=(--keyring)
    __sealctl_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--key'|'--recovery-private-key')
        return
        ;;
    '--keyring')
        return
        ;;
    esac
}

_sealctl_keys() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __sealctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    generate|info|rotate)
        # Offer subcommand argument completions
        "_sealctl_keys_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'generate info rotate' -- "${cur}"))
        ;;
    esac
}

_sealctl_keys_generate() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--out --bits --cn --valid-for)
    __sealctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--out')
        return
        ;;
    '--bits')
        return
        ;;
    '--cn')
        return
        ;;
    '--valid-for')
        return
        ;;
    esac
}

_sealctl_keys_info() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--keyring)
    __sealctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--keyring')
        return
        ;;
    esac
}

_sealctl_keys_rotate() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--keyring --bits)
    __sealctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--keyring')
        return
        ;;
    '--bits')
        return
        ;;
    esac
}

_sealctl_generate() {
    repeating_flags=()
    non_repeating_flags=(--force --dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--config --values-file --cert --keyring --controller-name --controller-namespace --context --kubeconfig)
    __sealctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--values-file')
        return
        ;;
    '--cert')
        return
        ;;
    '--keyring')
        return
        ;;
    '--controller-name')
        return
        ;;
    '--controller-namespace')
        return
        ;;
    '--context')
        return
        ;;
    '--kubeconfig')
        return
        ;;
    esac
}

_sealctl_rotate() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--config --values-file --cert --keyring --controller-name --controller-namespace --context --kubeconfig)
    __sealctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--values-file')
        return
        ;;
    '--cert')
        return
        ;;
    '--keyring')
        return
        ;;
    '--controller-name')
        return
        ;;
    '--controller-namespace')
        return
        ;;
    '--context')
        return
        ;;
    '--kubeconfig')
        return
        ;;
    esac
}

_sealctl_check() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=(--allow)
    non_repeating_options=(--format --cert --config)
    __sealctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __sealctl_add_completions -W 'text'$'\n''json'$'\n''sarif'
        return
        ;;
    '--allow')
        return
        ;;
    '--cert')
        return
        ;;
    '--config')
        return
        ;;
    esac
}

_sealctl_git() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __sealctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    install|status|diff-text|merge)
        # Offer subcommand argument completions
        "_sealctl_git_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'install status diff-text merge' -- "${cur}"))
        ;;
    esac
}

_sealctl_git_install() {
    repeating_flags=()
    non_repeating_flags=(--global --uninstall --version -h --help)
    repeating_options=(--pattern)
    non_repeating_options=()
    __sealctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--pattern')
        return
        ;;
    esac
}

_sealctl_git_status() {
    repeating_flags=()
    non_repeating_flags=(--global --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __sealctl_offer_flags_options 0
}

_sealctl_git_diff-text() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __sealctl_offer_flags_options 1
}

_sealctl_git_merge() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--marker-size)
    __sealctl_offer_flags_options 4

    # Offer option value completions
    case "${prev}" in
    '--marker-size')
        return
        ;;
    esac
}

_sealctl_doctor() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--controller-name --controller-namespace --context --kubeconfig --format --config)
    __sealctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--controller-name')
        return
        ;;
    '--controller-namespace')
        return
        ;;
    '--context')
        return
        ;;
    '--kubeconfig')
        return
        ;;
    '--format')
        return
        ;;
    '--config')
        return
        ;;
    esac
}

_sealctl_status() {
    repeating_flags=()
    non_repeating_flags=(-A --all-namespaces --version -h --help)
    repeating_options=()
    non_repeating_options=(-n --namespace --against --format --controller-name --controller-namespace --context --kubeconfig)
    __sealctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-n'|'--namespace')
        return
        ;;
    '--against')
        return
        ;;
    '--format')
        return
        ;;
    '--controller-name')
        return
        ;;
    '--controller-namespace')
        return
        ;;
    '--context')
        return
        ;;
    '--kubeconfig')
        return
        ;;
    esac
}

_sealctl_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __sealctl_offer_flags_options -1
}

complete -o filenames -F _sealctl sealctl
