# Stop means stop: when the pipeline stops (Select-Object -First, -ErrorAction Stop, a terminating error or
# break downstream, Ctrl+C), a bulk cmdlet starts no new request, does not return while one is still under
# way, and tells the user of every change it applied (a result, or a warning naming the item).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 60
    $script:org = $sb.OrganizationId
    $script:Unknown = '0123456789abcdef0123456789abcdef'

    # Ids of the records whose state a logged request changed: a mutation that answered 2xx, or one the
    # sandbox applied before it broke the connection.
    function script:ChangedIds([object[]] $Log) {
        @($Log | Where-Object { $_.method -ne 'GET' -and (($_.status -ge 200 -and $_.status -lt 300) -or $_.fault -eq 'reset-after') } |
                ForEach-Object { if ($_.path -match '/(runs|tasks)/([0-9a-f]{32})') { $Matches[2] } } | Sort-Object -Unique)
    }

    # Every id the command reported: in a result, or named in a warning.
    function script:ReportedIds([object[]] $Results, [object[]] $Warnings) {
        $ids = [System.Collections.Generic.HashSet[string]]::new()
        foreach ($r in $Results) { foreach ($p in 'RunId', 'TaskId') { if ($r.PSObject.Properties[$p] -and $r.$p) { $null = $ids.Add($r.$p) } } }
        foreach ($w in $Warnings) { foreach ($m in [regex]::Matches([string]$w, '[0-9a-f]{32}')) { $null = $ids.Add($m.Value) } }
        $ids
    }

    # How far a bulk cmdlet works ahead of the last result it wrote (twice -ThrottleLimit, 16 by default): what
    # was done ahead when the pipeline stopped is reported in warnings.
    $script:Ahead = 2 * 16

    # Runs a stopping pipeline, then waits and proves that nothing more reached the sandbox after it returned,
    # and that every change the log shows was reported.
    # The pipeline returns [pscustomobject]@{ Results; Warnings } (and Caught, where it catches).
    function script:Assert-NothingUnreported([scriptblock] $Pipeline, [int] $ExpectChangedAtLeast = 1) {
        Clear-TallyfySandboxRequest $sb
        $run = & $Pipeline
        $script:results = @($run.Results)
        $script:warnings = @($run.Warnings | ForEach-Object { "$_" })
        $script:caught = if ($run.PSObject.Properties['Caught']) { $run.Caught }
        $returned = @(Get-TallyfySandboxRequest $sb).Count
        Start-Sleep -Seconds 2
        $log = @(Get-TallyfySandboxRequest $sb)
        $log.Count | Should -Be $returned -Because 'no request may reach the service after the cmdlet returned'
        $changed = @(ChangedIds $log)
        $changed.Count | Should -BeGreaterOrEqual $ExpectChangedAtLeast
        $reported = ReportedIds $script:results $script:warnings
        $unreported = @($changed | Where-Object { -not $reported.Contains($_) })
        $unreported | Should -BeNullOrEmpty -Because 'every change applied must be told to the user'
        $log
    }

    function script:NewOneOffTasks([int] $Count) {
        $ids = foreach ($i in 1..$Count) {
            (Invoke-TallyfySandboxApi -Sandbox $sb -Method POST -Path "organizations/$org/tasks" -Body @{
                title = "Stop test task $i"; task_type = 'task'; owners = @{ users = @(1001); guests = @(); groups = @() } }).Body.data.id
        }
        Write-Output -NoEnumerate @($ids)
    }
}
AfterAll {
    Set-TallyfySandboxFault $script:sb @{}
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'A bulk cmdlet stops with its pipeline' {
    BeforeEach {
        Reset-TallyfySandbox $sb -Runs 260
        $script:s = Connect-TallyfySandbox $sb
        Set-TallyfySandboxFault $sb @{ latencyMs = 100 }
    }
    AfterEach { Set-TallyfySandboxFault $sb @{} }

    It 'Select-Object -First 3 after a permanent deletion of 100 runs deletes nothing it does not report' {
        $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First 100)
        $log = Assert-NothingUnreported {
            $out = @($ids | Remove-TallyfyRun -Permanent -Force -Session $s -WarningVariable w | Select-Object -First 3)
            [pscustomobject]@{ Results = $out; Warnings = $w }
        } -ExpectChangedAtLeast 3
        $script:results.Count | Should -Be 3
        $script:results.RunId | Should -Be $ids[0..2]
        # Far fewer than the 100 asked for were touched: only what was under way or done ahead.
        @(ChangedIds $log).Count | Should -BeLessOrEqual (3 + $Ahead)
        # What happened to each run under way is named: deleted, or archived and not deleted.
        foreach ($id in @(ChangedIds $log) | Where-Object { $_ -notin $ids[0..2] }) {
            $w = @($script:warnings | Where-Object { "$_" -match $id })
            $w.Count | Should -Be 1
            $deleted = @($log | Where-Object { $_.path -like "*/runs/$id/delete" -and ($_.status -eq 200 -or $_.status -eq 204 -or $_.fault -eq 'reset-after') }).Count
            if ($deleted) { "$($w[0])" | Should -Match 'Deleted' } else { "$($w[0])" | Should -Match 'Archived' }
        }
    }

    It '-ErrorAction Stop on an unknown sixth id of 200 stops the archiving there' {
        $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First 199)
        $ids = @($ids[0..4]) + $Unknown + @($ids[5..198])
        $log = Assert-NothingUnreported {
            $c = $null
            try { $ids | Remove-TallyfyRun -Session $s -ErrorAction Stop -WarningVariable w -OutVariable o | Out-Null }
            catch { $c = $_ }
            [pscustomobject]@{ Results = $o; Warnings = $w; Caught = $c }
        } -ExpectChangedAtLeast 5
        $script:caught.FullyQualifiedErrorId | Should -BeLike 'RunNotFound,*'
        @(ChangedIds $log).Count | Should -BeLessOrEqual (5 + $Ahead)
        $script:results.RunId[0..4] | Should -Be $ids[0..4]
    }

    It 'a terminating error downstream stops the archiving' {
        $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First 200)
        $log = Assert-NothingUnreported {
            $c = $null; $n = 0
            try { $ids | Remove-TallyfyRun -Session $s -WarningVariable w -OutVariable o | ForEach-Object { if (++$n -eq 4) { throw 'downstream failure' } } }
            catch { $c = $_ }
            [pscustomobject]@{ Results = $o; Warnings = $w; Caught = $c }
        } -ExpectChangedAtLeast 4
        "$($script:caught)" | Should -Be 'downstream failure'
        @(ChangedIds $log).Count | Should -BeLessOrEqual (4 + $Ahead)
    }

    It 'break inside a downstream loop stops the archiving' {
        $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First 200)
        $log = Assert-NothingUnreported {
            $n = 0
            foreach ($round in 1) {
                $ids | Remove-TallyfyRun -Session $s -WarningVariable w -OutVariable o | ForEach-Object { if (++$n -eq 2) { break } }
            }
            [pscustomobject]@{ Results = $o; Warnings = $w }
        } -ExpectChangedAtLeast 2
        @(ChangedIds $log).Count | Should -BeLessOrEqual (2 + $Ahead)
    }

    It 'Restore-TallyfyRun stops with its pipeline' {
        $ids = @(Get-TallyfySandboxRunId $sb -Archived only | Select-Object -First 100)
        if ($ids.Count -lt 100) {
            foreach ($id in @(Get-TallyfySandboxRunId $sb | Select-Object -First (100 - $ids.Count))) {
                $null = Invoke-TallyfySandboxApi -Sandbox $sb -Method DELETE -Path "organizations/$org/runs/$id"
                $ids += $id
            }
        }
        $log = Assert-NothingUnreported {
            $out = @($ids | Restore-TallyfyRun -Session $s -WarningVariable w | Select-Object -First 2)
            [pscustomobject]@{ Results = $out; Warnings = $w }
        } -ExpectChangedAtLeast 2
        @(ChangedIds $log).Count | Should -BeLessOrEqual (2 + $Ahead)
    }

    It 'Remove-TallyfyTask <Mode> stops with its pipeline' -ForEach @(@{ Mode = 'archive'; Permanent = $false }, @{ Mode = '-Permanent'; Permanent = $true }) {
        Set-TallyfySandboxFault $sb @{}
        $tasks = NewOneOffTasks 60
        Set-TallyfySandboxFault $sb @{ latencyMs = 100 }
        $log = Assert-NothingUnreported {
            $out = @($tasks | Remove-TallyfyTask -Session $s -Permanent:$Permanent -Force -WarningVariable w | Select-Object -First 2)
            [pscustomobject]@{ Results = $out; Warnings = $w }
        } -ExpectChangedAtLeast 2
        @(ChangedIds $log).Count | Should -BeLessOrEqual (2 + $Ahead)
    }

    It 'Restore-TallyfyTask stops with its pipeline' {
        Set-TallyfySandboxFault $sb @{}
        $tasks = NewOneOffTasks 60
        foreach ($t in $tasks) { $null = Invoke-TallyfySandboxApi -Sandbox $sb -Method DELETE -Path "organizations/$org/tasks/$t" }
        Set-TallyfySandboxFault $sb @{ latencyMs = 100 }
        $log = Assert-NothingUnreported {
            $out = @($tasks | Restore-TallyfyTask -Session $s -WarningVariable w | Select-Object -First 2)
            [pscustomobject]@{ Results = $out; Warnings = $w }
        } -ExpectChangedAtLeast 2
        @(ChangedIds $log).Count | Should -BeLessOrEqual (2 + $Ahead)
    }
}

Describe 'Ctrl+C' {
    It 'stops within about 0.3 s, sends nothing more, and reports every change it applied' {
        Reset-TallyfySandbox $sb -Runs 400
        $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First 300)
        $s = Connect-TallyfySandbox $sb
        Set-TallyfySandboxFault $sb @{ latencyMs = 150 }
        Clear-TallyfySandboxRequest $sb
        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddScript({
                    param($module, $ids, $session)
                    Import-Module $module
                    $ids | Remove-TallyfyRun -Session $session -Permanent -Force
                }).AddArgument($script:ModuleUnderTest).AddArgument($ids).AddArgument($s)
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $null = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ($output.Count -lt 20 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            # What Ctrl+C does: StopProcessing. (How fast it stops is measured by the benchmark; here a
            # generous wait only turns a hang into a failure.)
            $stop = $ps.BeginStop($null, $null)
            $stop.AsyncWaitHandle.WaitOne(30000) | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $returned = @(Get-TallyfySandboxRequest $sb).Count
            Start-Sleep -Seconds 2
            $log = @(Get-TallyfySandboxRequest $sb)
            $log.Count | Should -Be $returned
            $reported = ReportedIds @($output) @($ps.Streams.Warning | ForEach-Object Message)
            @(ChangedIds $log | Where-Object { -not $reported.Contains($_) }) | Should -BeNullOrEmpty
        }
        finally {
            Set-TallyfySandboxFault $sb @{}
            $ps.Dispose()
        }
    }
}
