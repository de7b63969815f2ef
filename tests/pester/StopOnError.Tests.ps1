# -ErrorAction Stop stops sending at the first failure: once an item of a bulk call is refused (before anything is
# sent for it) or has failed, no request starts for any later item, whether or not the earlier items' results have
# been written; what is under way finishes and is told. Measured from the sandbox's request log: each entry has the
# order in which its request arrived (StartSeq) and how many had arrived when its answer was logged
# (StartsAtAnswer). The file owns its sandbox.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 80
    $script:org = $sb.OrganizationId
    $script:Unknown = '0123456789abcdef0123456789abcdef'

    # The requests for the given runs that started after the last answer for $Failed was logged (when the client
    # could first know the failure).
    function script:StartedAfterFailure([object[]] $Log, [string] $Failed, [string[]] $Later) {
        $known = ($Log | Where-Object { (RunIdOf $_.Path) -eq $Failed } | Measure-Object StartsAtAnswer -Maximum).Maximum
        $known | Should -Not -BeNullOrEmpty -Because 'the failing item was sent'
        @($Log | Where-Object { $_.Method -ne 'GET' -and (RunIdOf $_.Path) -in $Later -and $_.StartSeq -gt $known })
    }
}
AfterAll {
    Set-TallyfySandboxFault $script:sb @{}
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'A bulk call that stops at its first failure sends nothing for a later item' {
    BeforeEach {
        Reset-TallyfySandbox $sb -Runs 80
        $script:s = Connect-TallyfySandbox $sb
    }
    AfterEach { Set-TallyfySandboxFault $sb @{} }

    It "'nope' fourth of 20 ids (-Permanent -Force -ErrorAction Stop, latency 400 ms): only the three before it are sent" {
        $runs = @(Get-TallyfySandboxRunId $sb | Select-Object -First 19)
        $ids = @($runs[0..2]) + 'nope' + @($runs[3..18])
        Set-TallyfySandboxFault $sb @{ latencyMs = 400 }
        $since = LastSeq
        $caught = $null
        try { $ids | Remove-TallyfyRun -Permanent -Force -Session $s -ErrorAction Stop -OutVariable o -WarningVariable w | Out-Null }
        catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'InvalidRunId,*'
        $log = RequestsSince $since
        @($log | Where-Object { (RunIdOf $_.Path) -in $runs[3..18] }) | Should -BeNullOrEmpty -Because 'nothing, not even a read, is sent for an item after the refused one'
        @($o).RunId | Should -Be $runs[0..2]
        @($o).Status | Should -Be @('Deleted', 'Deleted', 'Deleted')
        @($w) | Should -BeNullOrEmpty -Because 'nothing later was under way'
        foreach ($id in $runs[0..2]) { @($log | Where-Object { $_.Path -like "*/runs/$id/delete" -and $_.Status -eq 200 }).Count | Should -Be 1 }
    }

    It '<Name>: an unknown sixth id of 61 (404, latency 200 ms): no request for a later item starts after its answer' -ForEach @(
        @{ Name = '-ErrorAction Stop'; Parameter = $true }
        @{ Name = "`$ErrorActionPreference = 'Stop'"; Parameter = $false }
    ) {
        $runs = @(Get-TallyfySandboxRunId $sb | Select-Object -First 60)
        $ids = @($runs[0..4]) + $Unknown + @($runs[5..59])
        Set-TallyfySandboxFault $sb @{ latencyMs = 200 }
        $since = LastSeq
        $caught = $null
        # One request at a time: the failing item holds the only slot until its failure is marked, so no request can be
        # in flight towards the sandbox when its answer is logged, and the count below is exact.
        if ($Parameter) {
            $ErrorActionPreference = 'Continue'
            try { $ids | Remove-TallyfyRun -Permanent -Force -ThrottleLimit 1 -Session $s -ErrorAction Stop -OutVariable o | Out-Null }
            catch { $caught = $_ }
        }
        else {
            $ErrorActionPreference = 'Stop'
            try { $ids | Remove-TallyfyRun -Permanent -Force -ThrottleLimit 1 -Session $s -OutVariable o | Out-Null }
            catch { $caught = $_ }
        }
        $caught.FullyQualifiedErrorId | Should -BeLike 'RunNotFound,*'
        $log = RequestsSince $since
        @(StartedAfterFailure $log $Unknown $runs[5..59]) | Should -BeNullOrEmpty
        @(Mutations $since | Where-Object { (RunIdOf $_.Path) -in $runs[5..59] }) | Should -BeNullOrEmpty
        # The failing item writes its result (NotFound) before its error stops the call.
        @($o).RunId | Should -Be $ids[0..5]
        @($o).Status | Should -Be @('Deleted', 'Deleted', 'Deleted', 'Deleted', 'Deleted', 'NotFound')
    }

    It 'the same with 16 requests at a time: at most the other 15 slots start a request while its answer is on the way' {
        $runs = @(Get-TallyfySandboxRunId $sb | Select-Object -First 60)
        $ids = @($runs[0..4]) + $Unknown + @($runs[5..59])
        Set-TallyfySandboxFault $sb @{ latencyMs = 200 }
        $since = LastSeq
        $caught = $null
        try { $ids | Remove-TallyfyRun -Permanent -Force -Session $s -ErrorAction Stop -OutVariable o -WarningVariable w 3>$null | Out-Null }
        catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'RunNotFound,*'
        $log = RequestsSince $since
        # Before the fix 31 started after the failure was known (15 deletions, 16 archives). Now only a request that another
        # slot started in the instant between the answer leaving the sandbox and the client reading it can.
        @(StartedAfterFailure $log $Unknown $runs[5..59]).Count | Should -BeLessOrEqual 15
        @($o).RunId | Should -Be $ids[0..5]
        # Every later run the log shows changed is told in a warning, as archived or deleted.
        $changed = @($log | Where-Object { $_.Method -ne 'GET' -and $_.Status -eq 200 -and (RunIdOf $_.Path) -in $runs[5..59] } | ForEach-Object { RunIdOf $_.Path } | Sort-Object -Unique)
        foreach ($id in $changed) { @($w | Where-Object { "$_" -match $id }).Count | Should -Be 1 }
    }

    It 'with -ErrorAction Continue every other item still goes through' {
        $runs = @(Get-TallyfySandboxRunId $sb | Select-Object -First 60)
        $ids = @($runs[0..4]) + $Unknown + @($runs[5..59])
        Set-TallyfySandboxFault $sb @{ latencyMs = 200 }
        $out = @($ids | Remove-TallyfyRun -Permanent -Force -Session $s -ErrorAction Continue -ErrorVariable errs 2>$null)
        $out.Count | Should -Be 61
        @($out | Where-Object Status -EQ 'Deleted').Count | Should -Be 60
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'RunNotFound,*'
    }

    It 'Complete-TallyfyTask: an unknown id fourth of 12 (read 404) stops the completions there' {
        $tasks = @(Get-TallyfyTask -Session $s | Where-Object { $_.TaskType -eq 'task' -and -not $_.IsOneOff -and $_.Status -ne 'completed' } |
                Group-Object RunId | ForEach-Object { $_.Group[0] } | Select-Object -First 11)
        $tasks.Count | Should -Be 11
        $items = @($tasks[0..2]) + $Unknown + @($tasks[3..10])
        Set-TallyfySandboxFault $sb @{ latencyMs = 200 }
        $since = LastSeq
        $caught = $null
        try { $items | Complete-TallyfyTask -Force -Session $s -ErrorAction Stop -OutVariable o | Out-Null }
        catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'TaskNotFound,*'
        @(Mutations $since).Count | Should -Be 3 -Because 'only the three tasks before the unknown one are completed'
        @($o).TaskId | Should -Be (@($tasks[0..2].Id) + $Unknown)
        foreach ($t in $tasks[3..10]) { (Invoke-TallyfySandboxControl $sb GET "state/tasks/$($t.Id)").status | Should -Not -Be 'completed' }
    }
}
