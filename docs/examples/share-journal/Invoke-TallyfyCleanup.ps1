<#
.SYNOPSIS
    Cleanup runbook: deletes for good every Tallyfy run completed more than -RetentionDays ago, keeping its journal on a
    share so that a restarted job carries on.
.DESCRIPTION
    In Azure Automation a restarted job (a crash, a worker restart, the fair-share limit) starts again from the
    beginning in a fresh cloud sandbox: a journal in its working folder is gone. This runbook keeps its journal, and the
    audit CSV of the whole job, on -JournalShare: a path the next run can reach (an Azure Files share mounted on a
    Hybrid Runbook Worker, the worker's own disk, any network path). A restarted job with the same -JobName reads the
    journal there and sends nothing again for what the first attempt did. It refuses to start, having sent nothing, when
    the share is not reachable. Signs in from TALLYFY_* environment variables; exits 1 when any run was not deleted.
    Tested against the Tallyfy sandbox by Invoke-TallyfyCleanup.Tests.ps1 beside it.
.PARAMETER JournalShare
    A folder the next run of the job can reach: /mnt/tallyfy-jobs, \\account.file.core.windows.net\jobs, D:\jobs.
.PARAMETER JobName
    Names the journal (<JobName>.journal) and the audit (<JobName>.csv) on the share. A restarted job must use the same
    name: by default the Azure Automation job id (the same for a restarted job), or today's date outside Azure Automation.
.PARAMETER RetentionDays
    Runs completed more than this many days ago are deleted (365 by default).
.PARAMETER ThrottleLimit
    Requests in flight at once (Remove-TallyfyRun -ThrottleLimit).
.EXAMPLE
    ./Invoke-TallyfyCleanup.ps1 -JournalShare /mnt/tallyfy-jobs -RetentionDays 730
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $JournalShare,
    [string] $JobName,
    [ValidateRange(1, 36500)] [int] $RetentionDays = 365,
    [ValidateRange(1, 64)] [int] $ThrottleLimit = 8
)
$ErrorActionPreference = 'Stop'

if (-not (Test-Path -LiteralPath $JournalShare -PathType Container)) {
    throw "The journal share '$JournalShare' cannot be reached from this worker, so a restarted job could not carry on. Nothing was sent. Mount the share (or run the job on a Hybrid Runbook Worker that has it), then start the job again."
}
if (-not $JobName) {
    $JobName = if ($PSPrivateMetadata.JobId) { "cleanup-$($PSPrivateMetadata.JobId)" } else { 'cleanup-' + (Get-Date -Format 'yyyy-MM-dd') }
}
$journal = Join-Path $JournalShare "$JobName.journal"
$audit = Join-Path $JournalShare "$JobName.csv"
if (Test-Path -LiteralPath $journal) { Write-Output "Carrying on from the journal $journal." }

Connect-Tallyfy
$cutoff = (Get-Date).AddDays(-$RetentionDays)
Write-Output "Deleting runs completed before $($cutoff.ToString('yyyy-MM-dd'))."
# A run that fails is a result and an error record; -ErrorAction Continue lets the others go on.
$results = @(
    Get-TallyfyRun -Status complete -IncludeArchived -CompletedBefore $cutoff |
        Remove-TallyfyRun -Permanent -Force -ThrottleLimit $ThrottleLimit -Journal $journal -ErrorAction Continue -ErrorVariable failures
)

# The audit of the whole job, every attempt of it: the journal holds each run's outcome, whichever attempt learnt it.
$all = @(Get-TallyfyJournal -Path $journal)
$all | Select-Object RunId, Name, Status, Message, Attempts, PerformedBy | Export-Csv -LiteralPath $audit -NoTypeInformation
$summary = $all | Group-Object Status | ForEach-Object { "$($_.Name) $($_.Count)" }
Write-Output "This attempt: $($results.Count) run(s). The job so far: $($all.Count) ($($summary -join ', ')); audit in $audit."
$notDone = @($results | Where-Object { -not $_.Succeeded })
if ($notDone.Count -gt 0 -or $failures.Count -gt 0) {
    Write-Output "Not deleted: $($notDone.Count) run(s); see $audit. Start the job again with -JobName $JobName to retry them."
    exit 1
}
