# Tests of the cleanup runbook against the Tallyfy sandbox: its journal lives on a share (here a folder of TestDrive
# standing for a mounted Azure Files share), and each attempt of the job runs in a fresh pwsh -NonInteractive in a
# fresh, empty working folder, as a restarted Azure Automation job does.
# Needs the TallyfyPS and TallyfyPS.Sandbox modules (Install-PSResource TallyfyPS, TallyfyPS.Sandbox) and Pester 5.
BeforeAll {
    $script:runbook = Join-Path $PSScriptRoot 'Invoke-TallyfyCleanup.ps1'
    $script:sb = Start-TallyfySandbox -Runs 120

    # Starts one attempt of the job in a child pwsh, in a new empty working folder, signed in from the environment.
    function script:Start-Job([hashtable] $Parameters) {
        $work = Join-Path $TestDrive ('sandbox-' + [guid]::NewGuid().ToString('n'))
        New-Item -ItemType Directory -Path $work | Out-Null
        $psi = [Diagnostics.ProcessStartInfo]::new((Get-Process -Id $PID).Path)
        if ((Split-Path $psi.FileName -Leaf) -like 'dotnet*') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-File', $runbook) { $psi.ArgumentList.Add($a) }
        foreach ($k in $Parameters.Keys) { $psi.ArgumentList.Add("-$k"); $psi.ArgumentList.Add([string]$Parameters[$k]) }
        $psi.WorkingDirectory = $work
        $psi.Environment['TALLYFY_ACCESS_TOKEN'] = $sb.Tokens.admin
        $psi.Environment['TALLYFY_ORG_ID'] = $sb.OrganizationId
        $psi.Environment['TALLYFY_BASE_URI'] = $sb.ApiUri
        $psi.Environment['NO_COLOR'] = '1'
        $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true; $psi.UseShellExecute = $false
        $p = [Diagnostics.Process]::Start($psi)
        [pscustomobject]@{ Process = $p; Output = $p.StandardOutput.ReadToEndAsync(); Error = $p.StandardError.ReadToEndAsync(); Work = $work }
    }

    function script:Wait-Job($Started) {
        if (-not $Started.Process.WaitForExit(300000)) { $Started.Process.Kill(); throw 'The runbook did not finish within 5 minutes.' }
        [pscustomobject]@{ ExitCode = $Started.Process.ExitCode; Output = $Started.Output.Result; Error = $Started.Error.Result; Work = $Started.Work }
    }

    # The runs the job must delete, read straight from the sandbox's API (not through TallyfyPS).
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

    # Run ids of the permanent deletions the sandbox applied since $Since.
    function script:Get-DeletedIds([long] $Since) {
        @(Get-TallyfySandboxRequest $sb -Since $Since -Method DELETE |
            Where-Object { $_.Status -lt 300 -and $_.Path -match '/runs/([0-9a-f]{32})/delete$' } |
            ForEach-Object { $Matches[1] })
    }
}
AfterAll { Stop-TallyfySandbox $sb }

Describe 'The cleanup runbook with its journal on a share' {
    BeforeEach {
        Reset-TallyfySandbox $sb -Runs 120
        $script:share = Join-Path $TestDrive ('share-' + [guid]::NewGuid().ToString('n'))
        New-Item -ItemType Directory -Path $share | Out-Null
    }

    It 'keeps the journal and the audit on the share, nothing in its working folder' {
        $expected = @(Get-ExpectedIds)
        $expected.Count | Should -BeGreaterThan 5
        $r = Wait-Job (Start-Job @{ JournalShare = $share; JobName = 'nightly' })
        $r.ExitCode | Should -Be 0 -Because $r.Error
        Test-Path (Join-Path $share 'nightly.journal') | Should -BeTrue
        $audit = @(Import-Csv (Join-Path $share 'nightly.csv'))
        @($audit.RunId | Sort-Object) | Should -Be @($expected | Sort-Object)
        $audit | ForEach-Object { $_.Status | Should -Be 'Deleted' }
        @(Get-ChildItem -LiteralPath $r.Work -Force) | Should -BeNullOrEmpty
    }

    It 'carries on after being killed, restarted in a fresh working folder: every run deleted once, the audit whole' {
        $expected = @(Get-ExpectedIds)
        $journal = Join-Path $share 'nightly.journal'
        $mark = Get-TallyfySandboxLastSeq $sb
        Set-TallyfySandboxFault $sb -LatencyMs 200
        try {
            $first = Start-Job @{ JournalShare = $share; JobName = 'nightly'; ThrottleLimit = 2 }
            # Killed as a worker restart would, once a few runs are recorded.
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
        $r = Wait-Job (Start-Job @{ JournalShare = $share; JobName = 'nightly' })
        $r.ExitCode | Should -Be 0 -Because $r.Error
        $r.Output | Should -Match 'Carrying on from the journal'
        Get-DeletedIds $again | Where-Object { $_ -in $settled } | Should -BeNullOrEmpty
        @(Get-DeletedIds $mark | Sort-Object) | Should -Be @($expected | Sort-Object)
        # The audit on the share covers both attempts: every run, deleted.
        $audit = @(Import-Csv (Join-Path $share 'nightly.csv'))
        @($audit.RunId | Sort-Object) | Should -Be @($expected | Sort-Object)
        $audit | ForEach-Object { $_.Status | Should -BeIn 'Deleted', 'Absent' }
    }

    It 'refuses to start when the share cannot be reached, having sent nothing' {
        $mark = Get-TallyfySandboxLastSeq $sb
        $r = Wait-Job (Start-Job @{ JournalShare = (Join-Path $share 'not-mounted'); JobName = 'nightly' })
        $r.ExitCode | Should -Not -Be 0
        $r.Error | Should -Match 'cannot be reached from this worker'
        Get-TallyfySandboxRequest $sb -Since $mark | Should -BeNullOrEmpty
    }
}
