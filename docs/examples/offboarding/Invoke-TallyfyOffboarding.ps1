<#
.SYNOPSIS
    Offboarding runbook: hands everything a leaver is assigned to over to another member, then removes the leaver.
.DESCRIPTION
    An example of an unattended TallyfyPS runbook, tested against the Tallyfy sandbox by
    Invoke-TallyfyOffboarding.Tests.ps1 beside it. It signs in from the environment (TALLYFY_ACCESS_TOKEN or
    TALLYFY_CLIENT_ID/TALLYFY_CLIENT_SECRET, TALLYFY_ORG_ID, TALLYFY_BASE_URI) and runs the offboarding recipe:

        Get-TallyfyAssignment -User $Leaver | Move-TallyfyAssignment -To $To -Journal $JournalPath | Export-Csv $AuditPath

    then removes the leaver with Remove-TallyfyUser, which deactivates them (as Disable-TallyfyUser does) and refuses
    when anything is still assigned to them: the job's proof that nothing was left behind. It fails the job (exit 1)
    when any assignment was not moved or the leaver was not removed.
.PARAMETER Leaver
    The member who leaves: an email or user id.
.PARAMETER To
    Who takes everything over: an active member's email or user id.
.PARAMETER AuditPath
    The CSV of results: one row per assignment with Kind, Id, Name, From, To, Status, Message, Attempts, PerformedBy.
.PARAMETER JournalPath
    A journal (Move-TallyfyAssignment -Journal): run the job again with the same path after it was killed, and what was
    moved already is reported from the journal with nothing sent for it.
.EXAMPLE
    ./Invoke-TallyfyOffboarding.ps1 -Leaver marco.reyes@acme.example -To dana.whitfield@acme.example -AuditPath ./handover.csv -JournalPath ./handover.journal
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Leaver,
    [Parameter(Mandatory)] [string] $To,
    [Parameter(Mandatory)] [string] $AuditPath,
    [string] $JournalPath
)
# Anything unexpected (a refused sign-in, an unknown member) fails the job instead of going on.
$ErrorActionPreference = 'Stop'

Connect-Tallyfy
$journal = @{}
if ($JournalPath) { $journal.Journal = $JournalPath }

# An assignment that cannot be moved is a result and an error record; -ErrorAction Continue lets the others go on.
$results = @(
    Get-TallyfyAssignment -User $Leaver |
        Move-TallyfyAssignment -To $To -Force -ErrorAction Continue -ErrorVariable failures @journal
)
$results | Select-Object Kind, Id, Name, From, To, Status, Message, Attempts, PerformedBy |
    Export-Csv -LiteralPath $AuditPath -NoTypeInformation
$summary = $results | Group-Object Status | ForEach-Object { "$($_.Name) $($_.Count)" }
Write-Output "Handed over: $($results.Count) assignment(s) ($($summary -join ', '))."

$notMoved = @($results | Where-Object { -not $_.Succeeded })
if ($notMoved.Count -gt 0 -or $failures.Count -gt 0) {
    Write-Output "Not moved: $($notMoved.Count) assignment(s); see $AuditPath. The leaver stays active; run the job again to retry."
    exit 1
}

# Deactivates the leaver; refused (OpenAssignments) if anything is still theirs.
$removed = Remove-TallyfyUser -Id $Leaver -ErrorAction Continue -ErrorVariable refused
if ($refused.Count -gt 0 -or -not $removed.Succeeded) {
    Write-Output "The leaver was not removed: $($refused | ForEach-Object { $_.Exception.Message })"
    exit 1
}

Write-Output "Removed $($removed.Email) ($($removed.Status))."
