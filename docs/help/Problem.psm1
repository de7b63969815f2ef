# One problem found while building the help: which file, cmdlet and parameter, and what is wrong.
# Every check in docs/help returns these records, so the build can print one line per problem.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

function New-HelpProblem {
    <#
    .SYNOPSIS
        Makes one problem record (TallyfyHelp.Problem).
    .DESCRIPTION
        Text is the message the build prints, for example
        "Remove-TallyfyRun.md: Remove-TallyfyRun -Id (set Id): Type is 'string' on the page, 'String[]' in the module."
        Command, Parameter and Set are optional; each one that is given narrows where the problem is.
        Set may name several parameter sets, separated by ', '.
    .EXAMPLE
        New-HelpProblem -File 'Get-TallyfyRun.md' -Command 'Get-TallyfyRun' -Parameter 'Status' -Message 'has no description.'
    #>
    [CmdletBinding()]
    [OutputType('TallyfyHelp.Problem')]
    param(
        [Parameter(Mandatory = $true)] [string] $File,
        [string] $Command,
        [string] $Parameter,
        [string] $Set,
        [Parameter(Mandatory = $true)] [string] $Message
    )
    $where = $File + ':'
    if ($Command) { $where += ' ' + $Command }
    if ($Parameter) { $where += ' -' + $Parameter }
    if ($Set) { $where += $(if ($Set.Contains(',')) { " (sets $Set)" } else { " (set $Set)" }) }
    if ($Command -or $Parameter) { $where += ':' }
    [pscustomobject]@{
        PSTypeName = 'TallyfyHelp.Problem'
        File = $File; Command = $Command; Parameter = $Parameter; Set = $Set; Message = $Message
        Text = "$where $Message"
    }
}

Export-ModuleMember -Function New-HelpProblem
