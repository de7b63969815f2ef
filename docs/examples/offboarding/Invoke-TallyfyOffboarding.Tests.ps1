# Tests of the offboarding runbook against the Tallyfy sandbox, as you would write them for your own runbook.
# Needs the TallyfyPS and TallyfyPS.Sandbox modules (Install-PSResource TallyfyPS, TallyfyPS.Sandbox) and Pester 5.
# Each test runs the runbook as the scheduler would: a fresh, non-interactive pwsh with the job's environment.
BeforeAll {
    $script:runbook = Join-Path $PSScriptRoot 'Invoke-TallyfyOffboarding.ps1'
    $script:sb = Start-TallyfySandbox -Runs 40
    $script:org = $sb.OrganizationId

    function script:Invoke-Runbook([hashtable] $Parameters) {
        $audit = Join-Path $TestDrive ("audit-" + [guid]::NewGuid().ToString('n') + '.csv')
        $psi = [Diagnostics.ProcessStartInfo]::new((Get-Process -Id $PID).Path)
        if ((Split-Path $psi.FileName -Leaf) -like 'dotnet*') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-File', $runbook, '-AuditPath', $audit) { $psi.ArgumentList.Add($a) }
        foreach ($k in $Parameters.Keys) { $psi.ArgumentList.Add("-$k"); $psi.ArgumentList.Add([string]$Parameters[$k]) }
        $psi.Environment['TALLYFY_ACCESS_TOKEN'] = $sb.Tokens.admin
        $psi.Environment['TALLYFY_ORG_ID'] = $org
        $psi.Environment['TALLYFY_BASE_URI'] = $sb.ApiUri
        $psi.Environment['NO_COLOR'] = '1'
        $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true; $psi.UseShellExecute = $false
        $p = [Diagnostics.Process]::Start($psi)
        $out = $p.StandardOutput.ReadToEndAsync(); $err = $p.StandardError.ReadToEndAsync()
        if (-not $p.WaitForExit(300000)) { $p.Kill(); throw 'The runbook did not finish within 5 minutes.' }
        [pscustomobject]@{ ExitCode = $p.ExitCode; Output = $out.Result; Error = $err.Result; Audit = if (Test-Path $audit) { @(Import-Csv $audit) } else { @() } }
    }

    # Read straight from the sandbox's API (not through TallyfyPS).
    function script:Api([string] $Path) { (Invoke-TallyfySandboxApi $sb -Path "organizations/$org/$Path").Body }
    function script:OpenTasksOf([int] $UserId) { @((Api "tasks?owners=$UserId&per_page=100").data | Where-Object { $_.status -notin 'completed', 'auto-skipped' -and -not $_.completed_at }) }
}
AfterAll { Stop-TallyfySandbox $sb }

Describe 'The offboarding runbook' {
    BeforeEach { Reset-TallyfySandbox $sb -Runs 40 }

    It 'hands every open task, run, step and group over, keeps everyone else, and removes the leaver' {
        $tasks = @(OpenTasksOf 1002)
        $tasks.Count | Should -BeGreaterThan 3
        $groupsBefore = @((Api 'groups?per_page=100').data | Where-Object { $_.members -contains 1002 })
        $journal = Join-Path $TestDrive 'handover.journal'

        $r = Invoke-Runbook @{ Leaver = 'marco.reyes@acme.example'; To = 'dana.whitfield@acme.example'; JournalPath = $journal }

        $r.ExitCode | Should -Be 0 -Because "$($r.Output) $($r.Error)"
        $r.Audit.Count | Should -BeGreaterThan $tasks.Count
        $r.Audit | ForEach-Object { $_.Status | Should -Be 'Moved' }
        @(OpenTasksOf 1002) | Should -BeNullOrEmpty
        foreach ($t in $tasks) {
            $now = (Api "tasks/$($t.id)").data.owners
            @($now.users) | Should -Contain 1001
            @($now.guests) | Should -Be @($t.owners.guests)
            @($now.groups) | Should -Be @($t.owners.groups)
        }
        foreach ($g in $groupsBefore) {
            $now = (Api 'groups?per_page=100').data | Where-Object id -eq $g.id
            @($now.members) | Should -Not -Contain 1002
            @($now.guests) | Should -Be @($g.guests)
        }
        (Api 'users/1002').data.status | Should -Be 'disabled'
    }

    It 'refuses a disabled successor: nothing is sent and the leaver stays active' {
        $since = Get-TallyfySandboxLastSeq $sb
        $r = Invoke-Runbook @{ Leaver = 'marco.reyes@acme.example'; To = 'amara.okafor@acme.example' }
        $r.ExitCode | Should -Be 1
        @($r.Audit | Where-Object Status -ne 'Refused') | Should -BeNullOrEmpty
        @(Get-TallyfySandboxRequest $sb -Since $since -Mutating) | Should -BeNullOrEmpty
        (Api 'users/1002').data.status | Should -Be 'active'
    }
}
