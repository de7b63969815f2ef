# Tests of the retention runbook against the Tallyfy sandbox, as you would write them for your own runbook.
# Needs the TallyfyPS and TallyfyPS.Sandbox modules (Install-PSResource TallyfyPS, TallyfyPS.Sandbox) and Pester 5.
# Each test runs the runbook as the scheduler would: a fresh, non-interactive pwsh with the job's environment.
BeforeAll {
    $script:runbook = Join-Path $PSScriptRoot 'Invoke-TallyfyRetention.ps1'
    $script:sb = Start-TallyfySandbox -Runs 120

    # Starts the runbook in a child pwsh -NonInteractive signed in from environment variables, as Azure Automation does.
    function script:Start-Runbook([hashtable] $Parameters = @{}, [string] $Token = $sb.Tokens.admin) {
        $audit = Join-Path $TestDrive ("audit-" + [guid]::NewGuid().ToString('n') + '.csv')
        $psi = [Diagnostics.ProcessStartInfo]::new((Get-Process -Id $PID).Path)
        if ((Split-Path $psi.FileName -Leaf) -like 'dotnet*') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-File', $runbook, '-AuditPath', $audit) { $psi.ArgumentList.Add($a) }
        foreach ($k in $Parameters.Keys) { $psi.ArgumentList.Add("-$k"); $psi.ArgumentList.Add([string]$Parameters[$k]) }
        $psi.Environment['TALLYFY_ACCESS_TOKEN'] = $Token
        $psi.Environment['TALLYFY_ORG_ID'] = $sb.OrganizationId
        $psi.Environment['TALLYFY_BASE_URI'] = $sb.ApiUri
        $psi.Environment['NO_COLOR'] = '1'
        $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true; $psi.UseShellExecute = $false
        $p = [Diagnostics.Process]::Start($psi)
        [pscustomobject]@{ Process = $p; Output = $p.StandardOutput.ReadToEndAsync(); Error = $p.StandardError.ReadToEndAsync(); AuditPath = $audit }
    }

    # Waits for it: its exit code, what it wrote, and its audit rows.
    function script:Wait-Runbook($Started) {
        if (-not $Started.Process.WaitForExit(300000)) { $Started.Process.Kill(); throw 'The runbook did not finish within 5 minutes.' }
        [pscustomobject]@{
            ExitCode = $Started.Process.ExitCode
            Output   = $Started.Output.Result
            Error    = $Started.Error.Result
            Audit    = if (Test-Path $Started.AuditPath) { @(Import-Csv $Started.AuditPath) } else { @() }
        }
    }

    function script:Invoke-Runbook([hashtable] $Parameters = @{}, [string] $Token = $sb.Tokens.admin) {
        Wait-Runbook (Start-Runbook $Parameters $Token)
    }

    # The runs the runbook must delete, read straight from the sandbox's API (not through TallyfyPS).
    function script:Get-ExpectedIds([int] $Days = 365) {
        $cutoff = [DateTimeOffset]::Now.AddDays(-$Days)
        $org = $sb.OrganizationId
        $ids = [Collections.Generic.List[string]]::new()
        for ($page = 1; ; $page++) {
            $r = (Invoke-TallyfySandboxApi $sb -Path "organizations/$org/runs?status=complete&archived=true&per_page=100&page=$page").Body
            foreach ($run in $r.data) { if ($run.completed_at -and [DateTimeOffset]$run.completed_at -lt $cutoff) { $ids.Add($run.id) } }
            if ($r.meta.pagination.current_page -ge $r.meta.pagination.total_pages) { return $ids.ToArray() }
        }
    }

    # Run ids of the permanent deletions the sandbox applied since $Since (a DELETE of ?permanent... or /delete).
    function script:Get-DeletedIds([long] $Since) {
        @(Get-TallyfySandboxRequest $sb -Since $Since -Method DELETE |
            Where-Object { $_.Status -lt 300 -and $_.Path -match '/runs/([0-9a-f]{32})/delete$' } |
            ForEach-Object { $Matches[1] })
    }
}
AfterAll { Stop-TallyfySandbox $sb }

Describe 'The retention runbook' {
    BeforeEach { Reset-TallyfySandbox $sb -Runs 120 }

    It 'deletes exactly the runs completed more than a year ago, once each, with an audit row per run' {
        $expected = @(Get-ExpectedIds)
        $expected.Count | Should -BeGreaterThan 5
        $mark = Get-TallyfySandboxLastSeq $sb
        $r = Invoke-Runbook
        $r.ExitCode | Should -Be 0 -Because $r.Error
        @($r.Audit.RunId | Sort-Object) | Should -Be @($expected | Sort-Object)
        $r.Audit | ForEach-Object { $_.Status | Should -Be 'Deleted' }
        $deleted = Get-DeletedIds $mark
        @($deleted | Sort-Object) | Should -Be @($expected | Sort-Object)
        @(Get-ExpectedIds).Count | Should -Be 0
    }

    It 'writes the audit columns: when each run was deleted, who deleted it, and its backup file' {
        $expected = @(Get-ExpectedIds)
        $backups = Join-Path $TestDrive ('backups-' + [guid]::NewGuid().ToString('n'))
        $before = [DateTimeOffset]::UtcNow.AddSeconds(-1)
        $r = Invoke-Runbook @{ BackupPath = $backups }
        $r.ExitCode | Should -Be 0 -Because $r.Error
        $r.Audit.Count | Should -Be $expected.Count
        $r.Audit[0].PSObject.Properties.Name | Should -Be @('RunId', 'Name', 'Status', 'Message', 'Attempts', 'DeletedAt', 'PerformedBy', 'BackupFile')
        foreach ($row in $r.Audit) {
            $row.Status | Should -Be 'Deleted'
            $when = [DateTimeOffset]::Parse($row.DeletedAt, [cultureinfo]::InvariantCulture)
            $when | Should -BeGreaterThan $before
            $when | Should -BeLessOrEqual ([DateTimeOffset]::UtcNow)
            $row.PerformedBy | Should -Be 'dana.whitfield@acme.example'                # the admin token's user
            $row.BackupFile | Should -Not -BeNullOrEmpty
            Test-Path -LiteralPath $row.BackupFile | Should -BeTrue
            (Split-Path $row.BackupFile -Parent) | Should -Be (Get-Item -LiteralPath $backups).FullName
        }
    }

    It 'sends no change when nothing is old enough' {
        $mark = Get-TallyfySandboxLastSeq $sb
        $r = Invoke-Runbook @{ RetentionDays = 36500 }
        $r.ExitCode | Should -Be 0 -Because $r.Error
        $r.Audit.Count | Should -Be 0
        Get-TallyfySandboxRequest $sb -Since $mark -Mutating | Should -BeNullOrEmpty
    }

    It 'picks up where a killed job stopped, with -JournalPath: every run deleted once, the audit complete' {
        $expected = @(Get-ExpectedIds)
        $journal = Join-Path $TestDrive 'retention.journal'
        $mark = Get-TallyfySandboxLastSeq $sb
        Set-TallyfySandboxFault $sb -LatencyMs 200
        try {
            $first = Start-Runbook @{ JournalPath = $journal; ThrottleLimit = 2 }
            # Killed as a crash or a worker restart would, once a few runs are recorded.
            $deadline = [DateTime]::UtcNow.AddMinutes(2)
            while ([DateTime]::UtcNow -lt $deadline -and -not $first.Process.HasExited -and
                (-not (Test-Path $journal) -or @(Get-Content $journal | Where-Object { $_ -like '*"result":*' }).Count -lt 3)) { Start-Sleep -Milliseconds 50 }
            $first.Process.HasExited | Should -BeFalse -Because 'the job is killed part way'
            $first.Process.Kill($true); $first.Process.WaitForExit()
        }
        finally { Set-TallyfySandboxFault $sb }
        $settled = @(Get-TallyfyJournal $journal | Where-Object Status -eq 'Deleted' | ForEach-Object RunId)
        $settled.Count | Should -BeGreaterOrEqual 3
        $settled.Count | Should -BeLessThan $expected.Count

        $again = Get-TallyfySandboxLastSeq $sb
        $r = Invoke-Runbook @{ JournalPath = $journal }
        $r.ExitCode | Should -Be 0 -Because $r.Error
        # The second job lists the runs still to delete; the audit holds those (the first job's rows died with it).
        Get-DeletedIds $again | Where-Object { $_ -in $settled } | Should -BeNullOrEmpty
        @(Get-DeletedIds $mark | Sort-Object) | Should -Be @($expected | Sort-Object)
        @(Get-ExpectedIds).Count | Should -Be 0
    }

    It 'rides out a storm of 429s from burst throttling: every run deleted once, nothing failed' {
        $expected = @(Get-ExpectedIds)
        # 20 requests per 5 seconds: the job needs several windows, and gets 429 with Retry-After past each.
        Set-TallyfySandboxFault $sb -BurstLimit 20 -BurstWindowSeconds 5
        $mark = Get-TallyfySandboxLastSeq $sb
        $r = Invoke-Runbook
        Set-TallyfySandboxFault $sb
        $r.ExitCode | Should -Be 0 -Because $r.Error
        @(Get-TallyfySandboxRequest $sb -Since $mark | Where-Object Status -eq 429).Count | Should -BeGreaterThan 0
        @((Get-DeletedIds $mark) | Sort-Object) | Should -Be @($expected | Sort-Object)
        $r.Audit | ForEach-Object { $_.Status | Should -Be 'Deleted' }
    }

    It 'survives connections lost before and after a change: every run deleted exactly once' {
        $expected = @(Get-ExpectedIds)
        # About 26 runs to delete: at 15% + 15% some reset is all but sure to happen (0.7^26, 1 in 10,000 runs of the
        # test has none), and 12 retries ride out six resets in a row of one run (each costs a retry and a checking read).
        Set-TallyfySandboxFault $sb -ResetBeforeRate 0.15 -ResetAfterRate 0.15 -Methods DELETE -FaultSeed 5
        $mark = Get-TallyfySandboxLastSeq $sb
        $r = Invoke-Runbook @{ MaxRetries = 12 }
        Set-TallyfySandboxFault $sb
        $r.ExitCode | Should -Be 0 -Because $r.Error
        @(Get-TallyfySandboxRequest $sb -Since $mark | Where-Object Fault -like 'reset*').Count | Should -BeGreaterThan 0
        @($r.Audit.RunId | Sort-Object) | Should -Be @($expected | Sort-Object)
        $r.Audit | ForEach-Object { $_.Status | Should -Be 'Deleted' }
        @(Get-ExpectedIds).Count | Should -Be 0
    }

    It 'fails the job, says which runs were not deleted, and stops sending when the token is revoked mid-run' {
        $expected = @(Get-ExpectedIds)
        Set-TallyfySandboxFault $sb -LatencyMs 150
        $mark = Get-TallyfySandboxLastSeq $sb
        $started = Start-Runbook @{ ThrottleLimit = 2 }
        # Revoke once the first runs are deleted.
        $deadline = [DateTime]::UtcNow.AddSeconds(120)
        while (@(Get-DeletedIds $mark).Count -lt 3 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        Revoke-TallyfySandboxToken $sb -PersonalAccessToken -UserId 1001 | Out-Null
        $r = Wait-Runbook $started
        Set-TallyfySandboxFault $sb
        $r.ExitCode | Should -Be 1
        $r.Output | Should -Match 'Not deleted'
        $deleted = @(Get-DeletedIds $mark)
        $deleted.Count | Should -BeGreaterOrEqual 3
        $deleted.Count | Should -BeLessThan $expected.Count
        # Every run has its row: those deleted say so, the others say why not.
        $r.Audit.Count | Should -Be $expected.Count
        @($r.Audit | Where-Object Status -eq 'Deleted').Count | Should -Be $deleted.Count
        @($r.Audit | Where-Object Status -ne 'Deleted' | Where-Object { -not $_.Message }).Count | Should -Be 0
        # After three refusals in a row nothing more is sent (beyond the two requests already in flight).
        @(Get-TallyfySandboxRequest $sb -Since $mark | Where-Object Status -eq 401).Count | Should -BeLessOrEqual 5
    }

    It 'fails the job with a clear message when the sign-in is refused, having changed nothing' {
        $mark = Get-TallyfySandboxLastSeq $sb
        $r = Invoke-Runbook -Token 'tly-not-a-token'
        $r.ExitCode | Should -Not -Be 0
        $r.Error | Should -Match 'AuthenticationFailed|token'
        Get-TallyfySandboxRequest $sb -Since $mark -Mutating | Should -BeNullOrEmpty
    }
}
