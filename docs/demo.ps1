<#
.SYNOPSIS
    The TallyfyPS main job, end to end, against a local Tallyfy sandbox.
.DESCRIPTION
    Run by `./build.ps1 -Task Demo`. Starts a seeded sandbox, connects, lists runs, previews the
    clean-up with -WhatIf, archives every completed run, restores two of them from the results,
    launches runs from rows, completes and tags them, reads their activity log, backs archived runs
    up before deleting them for good, searches the backups, cleans up stale one-off tasks, and stops
    the sandbox.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Runs = 60,
    [int] $Seed = 42
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $ModulePath -Force
if (-not (Get-Command Start-TallyfySandbox -ErrorAction SilentlyContinue)) {
    Import-Module (Join-Path $PSScriptRoot '../src/TallyfyPS.Sandbox/PowerShell/TallyfyPS.Sandbox.psd1') -Force
}

function Show([string] $Title, [scriptblock] $Code) {
    Write-Host ''
    Write-Host "PS> $($Code.ToString().Trim())" -ForegroundColor Cyan
    Write-Host "    # $Title"
    & $Code | Out-Host
}

$sandbox = Start-TallyfySandbox -Runs $Runs -Seed $Seed
try {
    Write-Host "Tallyfy sandbox at $($sandbox.ApiUri) ($Runs runs, seed $Seed)"
    $token = ConvertTo-SecureString $sandbox.Tokens.admin -AsPlainText -Force
    Show 'sign in (a personal access token; runbooks use TALLYFY_ACCESS_TOKEN and TALLYFY_ORG_ID)' {
        Connect-Tallyfy -BaseUri $sandbox.ApiUri -OrganizationId $sandbox.OrganizationId -AccessToken $token -PassThru
    }
    Show 'the runs, by status' {
        Get-TallyfyRun | Group-Object Status -NoElement | Sort-Object Count -Descending
    }
    Show 'the first completed runs' {
        Get-TallyfyRun -Status complete -First 5
    }
    Show 'preview: -WhatIf sends nothing' {
        Get-TallyfyRun -Status complete -First 3 | Remove-TallyfyRun -WhatIf
    }
    $script:archived = $null
    Show 'archive every completed run (recoverable); one result per run, in order' {
        $script:archived = Get-TallyfyRun -Status complete | Remove-TallyfyRun -InformationAction Continue
        $script:archived | Select-Object -First 8
    }
    Show 'nothing completed is left' {
        "Completed runs left: $(@(Get-TallyfyRun -Status complete).Count)"
    }
    Show 'undo two of them: removal results pipe into Restore-TallyfyRun' {
        $script:archived | Select-Object -First 2 | Restore-TallyfyRun
    }
    Show 'a template and its kick-off fields' {
        Get-TallyfyTemplate -Name 'Quarterly audit' | Select-Object -ExpandProperty KickoffFields | Format-Table Label, Type, Required, Options
    }
    $script:launched = $null
    Show 'launch one run per row (Import-Csv rows work the same); every value is checked before anything is sent' {
        $rows = 'Finance', 'Payroll' | ForEach-Object {
            [pscustomobject]@{ Name = "Q4 audit - $_"; 'Requested by' = 'Dana Whitfield'; Department = $_; 'Audit period end' = '2026-12-31' }
        }
        $script:launched = @($rows | Start-TallyfyRun -TemplateId (Get-TallyfyTemplate -Name 'Quarterly audit').Id)
        $script:launched | Format-Table Row, Status, Name, RunId
    }
    Show 'complete the first open task of each new run (a completed task is never completed again)' {
        $script:launched | Get-TallyfyTask | Where-Object { $_.TaskType -eq 'task' -and $_.Status -ne 'completed' } |
            Group-Object RunId | ForEach-Object { $_.Group[0] } | Complete-TallyfyTask -Force
    }
    Show 'tag the new runs' {
        $null = New-TallyfyTag -Title 'q4-audit' -Color '#2e7d32'
        $script:launched | Add-TallyfyRunTag -Tag 'q4-audit'
    }
    Show 'who did what: the activity log of a new run, newest first' {
        $script:launched[0] | Get-TallyfyActivity | Format-Table CreatedAt, Verb, Description -Wrap
    }
    $audit = Join-Path ([IO.Path]::GetTempPath()) 'tallyfy-demo-audit.csv'
    $backup = Join-Path ([IO.Path]::GetTempPath()) 'tallyfy-demo-backup'
    Remove-Item -LiteralPath $backup -Recurse -Force -ErrorAction SilentlyContinue
    Show "delete archived runs for good (admin only; -Force: no prompt), each backed up first to $backup; audit trail to $audit" {
        Get-TallyfyRun -Status archived -First 5 | Remove-TallyfyRun -Permanent -BackupPath $backup -Force |
            Export-Csv -Path $audit -NoTypeInformation
        # (the backup file is named by the run's id; the CSV also says who deleted it, PerformedBy, and when)
        Import-Csv $audit | Format-Table Name, Status, @{ n = 'BackupFile'; e = { Split-Path $_.BackupFile -Leaf } }
    }
    Show 'deleted, and still there to search: the backups' {
        Import-TallyfyBackup $backup | Format-Table Name, @{ n = 'Tasks'; e = { $_.Tasks.Count } }, @{ n = 'Activity'; e = { $_.Activity.Count } }, ExportedAt
    }
    Show 'one failure never hides the others: an unknown id among real ones' {
        $ids = @(Get-TallyfyRun -Status active -First 2 | ForEach-Object Id) + '0123456789abcdef0123456789abcdef'
        $ids | Remove-TallyfyRun -ErrorAction SilentlyContinue -ErrorVariable failures
        "Errors: $($failures.Count) ($($failures[0].FullyQualifiedErrorId.Split(',')[0]))"
    }
    Show 'stale one-off tasks: archive those past their deadline' {
        Get-TallyfyTask -OneOff | Where-Object { $_.Deadline -and $_.Deadline -lt [DateTimeOffset]::Now -and $_.Status -ne 'completed' } |
            Remove-TallyfyTask
    }
    Show 'what was sent (the sandbox request log): mutating requests by method' {
        Get-TallyfySandboxRequest $sandbox -Mutating | Group-Object method -NoElement
    }
    Disconnect-Tallyfy
}
finally {
    Stop-TallyfySandbox $sandbox
    Write-Host ''
    Write-Host 'Sandbox stopped.'
}
