<#
.SYNOPSIS
    Retention runbook: deletes for good every Tallyfy run completed more than -RetentionDays ago.
.DESCRIPTION
    An example of an unattended TallyfyPS runbook (Azure Automation or a scheduled task), tested against the Tallyfy
    sandbox by Invoke-TallyfyRetention.Tests.ps1 beside it. It signs in from the environment (TALLYFY_ACCESS_TOKEN or
    TALLYFY_CLIENT_ID/TALLYFY_CLIENT_SECRET, TALLYFY_ORG_ID, TALLYFY_BASE_URI), deletes the matching runs, writes one
    audit row per run to -AuditPath, and fails the job (exit 1) when any run was not deleted, so the scheduler shows it.
.PARAMETER RetentionDays
    Runs completed more than this many days ago are deleted (365 by default).
.PARAMETER AuditPath
    The CSV of results: one row per run with RunId, Name, Status, Message, Attempts, DeletedAt (when the deletion was
    confirmed, ISO 8601 in UTC; empty for a run not deleted), PerformedBy (the signed-in user's email) and BackupFile
    (with -BackupPath: the run's backup).
.PARAMETER BackupPath
    A folder to back each run up into (Remove-TallyfyRun -BackupPath): a run is deleted only once its backup was
    written and read back; one whose backup failed is left as it was, and fails the job.
.PARAMETER JournalPath
    A journal (Remove-TallyfyRun -Journal): run the job again with the same path after it was killed, and the runs it
    already deleted are reported from the journal with nothing sent for them. Keep it where a restarted job finds it.
.PARAMETER ThrottleLimit
    Requests in flight at once (Remove-TallyfyRun -ThrottleLimit).
.PARAMETER MaxRetries
    Retries per run (Connect-Tallyfy -MaxRetries), 8 by default: an unattended job can wait longer for a flaky
    network than an interactive session (5). A lost connection costs two of them, the retry and the read that checks
    whether the change was applied before the connection went.
.EXAMPLE
    ./Invoke-TallyfyRetention.ps1 -RetentionDays 730 -AuditPath ./retention.csv
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 36500)] [int] $RetentionDays = 365,
    [Parameter(Mandatory)] [string] $AuditPath,
    [string] $BackupPath,
    [string] $JournalPath,
    [ValidateRange(1, 64)] [int] $ThrottleLimit = 8,
    [ValidateRange(0, 20)] [int] $MaxRetries = 8
)
# Anything unexpected (a refused sign-in, a host that cannot prompt) fails the job instead of going on.
$ErrorActionPreference = 'Stop'

Connect-Tallyfy -MaxRetries $MaxRetries
$cutoff = (Get-Date).AddDays(-$RetentionDays)
Write-Output "Deleting runs completed before $($cutoff.ToString('yyyy-MM-dd'))."

$journal = @{}
if ($JournalPath) { $journal.Journal = $JournalPath }
if ($BackupPath) { $journal.BackupPath = $BackupPath }
# A run that fails is a result and an error record; -ErrorAction Continue lets the others go on.
$results = @(
    Get-TallyfyRun -Status complete -IncludeArchived -CompletedBefore $cutoff |
        Remove-TallyfyRun -Permanent -Force -ThrottleLimit $ThrottleLimit -ErrorAction Continue -ErrorVariable failures @journal
)
$results |
    Select-Object RunId, Name, Status, Message, Attempts,
        @{ Name = 'DeletedAt'; Expression = { if ($_.Succeeded) { $_.CompletedAt } } }, PerformedBy, BackupFile |
    Export-Csv -LiteralPath $AuditPath -NoTypeInformation

$summary = $results | Group-Object Status | ForEach-Object { "$($_.Name) $($_.Count)" }
Write-Output "Results: $($results.Count) ($($summary -join ', '))."
$notDone = @($results | Where-Object { -not $_.Succeeded })
if ($notDone.Count -gt 0 -or $failures.Count -gt 0) {
    Write-Output "Not deleted: $($notDone.Count) run(s); see $AuditPath. Run the job again to retry them."
    exit 1
}
