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

    # Archiving, not -Permanent: a permanent deletion of an id that answers 404 is Absent (deleted earlier, or never
    # there), no failure; archiving it is NotFound.
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
            try { $ids | Remove-TallyfyRun -Force -ThrottleLimit 1 -Session $s -ErrorAction Stop -OutVariable o | Out-Null }
            catch { $caught = $_ }
        }
        else {
            $ErrorActionPreference = 'Stop'
            try { $ids | Remove-TallyfyRun -Force -ThrottleLimit 1 -Session $s -OutVariable o | Out-Null }
            catch { $caught = $_ }
        }
        $caught.FullyQualifiedErrorId | Should -BeLike 'RunNotFound,*'
        $log = RequestsSince $since
        @(StartedAfterFailure $log $Unknown $runs[5..59]) | Should -BeNullOrEmpty
        @(Mutations $since | Where-Object { (RunIdOf $_.Path) -in $runs[5..59] }) | Should -BeNullOrEmpty
        # The failing item writes its result (NotFound) before its error stops the call.
        @($o).RunId | Should -Be $ids[0..5]
        @($o).Status | Should -Be @('Archived', 'Archived', 'Archived', 'Archived', 'Archived', 'NotFound')
    }

    It 'the same with 16 requests at a time: from the first sign of the failure (its 404) no later item starts a request' {
        $runs = @(Get-TallyfySandboxRunId $sb | Select-Object -First 60)
        $ids = @($runs[0..4]) + $Unknown + @($runs[5..59])
        Set-TallyfySandboxFault $sb @{ latencyMs = 200 }
        $since = LastSeq
        $caught = $null
        try { $ids | Remove-TallyfyRun -Force -Session $s -ErrorAction Stop -OutVariable o -WarningVariable w 3>$null | Out-Null }
        catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'RunNotFound,*'
        $log = RequestsSince $since
        # Before the fix 31 started after the failure was known (15 deletions, 16 archives). The failure is known only
        # after a second answer (the archived list shows no such run); from the first 404, later items wait (HaltLine).
        @(StartedAfterFailure $log $Unknown $runs[5..59]) | Should -BeNullOrEmpty
        @($o).RunId | Should -Be $ids[0..5]
        # Every later run the log shows changed is told in a warning, as archived or deleted.
        $changed = @($log | Where-Object { $_.Method -ne 'GET' -and $_.Status -eq 200 -and (RunIdOf $_.Path) -in $runs[5..59] } | ForEach-Object { RunIdOf $_.Path } | Sort-Object -Unique)
        foreach ($id in $changed) { @($w | Where-Object { "$_" -match $id }).Count | Should -Be 1 }
    }

    It 'with -ErrorAction Continue every other item still goes through' {
        $runs = @(Get-TallyfySandboxRunId $sb | Select-Object -First 60)
        $ids = @($runs[0..4]) + $Unknown + @($runs[5..59])
        Set-TallyfySandboxFault $sb @{ latencyMs = 200 }
        $out = @($ids | Remove-TallyfyRun -Force -Session $s -ErrorAction Continue -ErrorVariable errs 2>$null)
        $out.Count | Should -Be 61
        @($out | Where-Object Status -EQ 'Archived').Count | Should -Be 60
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

Describe 'What a stopped call tells' {
    BeforeEach {
        Reset-TallyfySandbox $sb -Runs 80
        $script:s = Connect-TallyfySandbox $sb
    }
    AfterEach { Set-TallyfySandboxFault $sb @{} }

    # Runs a permanent deletion in a runspace, waits until $Until is true, then presses Ctrl+C (StopProcessing).
    function script:StopWhile([string[]] $Ids, [scriptblock] $Until, [int] $ThrottleLimit = 16) {
        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddScript({
                    param($module, $ids, $session, $throttle)
                    Import-Module $module
                    $ids | Remove-TallyfyRun -Session $session -Permanent -Force -ThrottleLimit $throttle
                }).AddArgument($script:ModuleUnderTest).AddArgument($Ids).AddArgument($s).AddArgument($ThrottleLimit)
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $null = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not (& $Until $output) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            (& $Until $output) | Should -BeTrue -Because 'the moment to stop came'
            $stop = $ps.BeginStop($null, $null)
            $stop.AsyncWaitHandle.WaitOne(30000) | Should -BeTrue
            [pscustomobject]@{ Output = @($output); Warnings = @($ps.Streams.Warning | ForEach-Object Message) }
        }
        finally { $ps.Dispose() }
    }

    It 'Ctrl+C while a permanent deletion is under way tells the run as archived, deletion may have been applied' {
        $id = @(Get-TallyfySandboxRunId $sb | Select-Object -First 1)[0]
        Set-TallyfySandboxFault $sb @{ latencyMs = 3000 }
        $mark = (Invoke-TallyfySandboxControl $sb GET "requests?since=$([long]::MaxValue)").lastStartSeq
        # The archive was answered and the deletion has reached the sandbox (where it waits out the latency).
        $run = StopWhile @($id) { param($o) @(Get-TallyfySandboxRequest $sb | Where-Object { $_.Path -like "*/runs/$id" -and $_.Status -eq 200 }).Count -eq 1 -and
            (Invoke-TallyfySandboxControl $sb GET "requests?since=$([long]::MaxValue)").lastStartSeq -ge $mark + 2 }
        $told = @($run.Warnings | Where-Object { $_ -match $id })
        $told.Count | Should -Be 1
        $told[0] | Should -Match 'archived, deletion may have been applied'
    }

    It 'Select-Object -First 3: the three results are written once and not told again, and the summary adds up' {
        $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First 60)
        Set-TallyfySandboxFault $sb @{ latencyMs = 100 }
        $out = @($ids | Remove-TallyfyRun -Permanent -Force -Session $s -WarningVariable w -InformationVariable info 3>$null | Select-Object -First 3)
        $out.RunId | Should -Be $ids[0..2]
        foreach ($id in $ids[0..2]) { @($w | Where-Object { "$_" -match $id }) | Should -BeNullOrEmpty -Because 'a result written is not told again' }
        $summary = @(@($info | ForEach-Object { "$_" }) + @($w | ForEach-Object { "$_" }) | Where-Object { $_ -match '^Remove-TallyfyRun: \d+ run\(s\) in' })
        $summary.Count | Should -Be 1
        $summary[0] -match '^Remove-TallyfyRun: (?<taken>\d+) run\(s\) in [\d.]+ s: (?<parts>.*) \(written; stopped before the end(: (?<rest>.*))?\)\.$' | Should -BeTrue -Because $summary[0]
        $m = $Matches
        $m.parts | Should -Be '3 Deleted'
        $told = if ($m.rest -match '(\d+) more told above') { [int]$Matches[1] } else { 0 }
        $notSent = if ($m.rest -match '(\d+) not sent') { [int]$Matches[1] } else { 0 }
        $told | Should -Be @($w | Where-Object { "$_" -match '^Run .*\([0-9a-f]{32}\): ' }).Count
        (3 + $told + $notSent) | Should -Be ([int]$m.taken)
    }

    It "Ctrl+C: the summary's counts add up to the items taken (written, told, not sent)" {
        $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First 60)
        Set-TallyfySandboxFault $sb @{ latencyMs = 150 }
        $run = StopWhile $ids { param($o) $o.Count -ge 10 }
        $summary = @($run.Warnings | Where-Object { $_ -match '^Remove-TallyfyRun: \d+ run\(s\) in' })
        $summary.Count | Should -Be 1
        $summary[0] -match '^Remove-TallyfyRun: (?<taken>\d+) run\(s\) in [\d.]+ s: (?<parts>.*) \(written; stopped before the end(: (?<rest>.*))?\)\.$' |
            Should -BeTrue -Because "the summary says what was written, told and not sent: $($summary[0])"
        $m = $Matches
        $written = ([regex]::Matches($m.parts, '(\d+) \w+') | ForEach-Object { [int]$_.Groups[1].Value } | Measure-Object -Sum).Sum
        $told = if ($m.rest -match '(\d+) more told above') { [int]$Matches[1] } else { 0 }
        $notSent = if ($m.rest -match '(\d+) not sent') { [int]$Matches[1] } else { 0 }
        $written | Should -Be $run.Output.Count -Because 'the summary counts as written what the pipeline received'
        $told | Should -Be @($run.Warnings | Where-Object { $_ -match '^Run .*\([0-9a-f]{32}\): ' }).Count
        ($written + $told + $notSent) | Should -Be ([int]$m.taken)
    }

    It 'a service that stops answering: one error for each failed item, and one for all the NotAttempted' {
        $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First 40)
        $s0 = Connect-TallyfySandbox $sb -MaxRetries 0
        Set-TallyfySandboxFault $sb @{ resetBeforeRate = 1.0; methods = @('DELETE') }
        $out = @($ids | Remove-TallyfyRun -Session $s0 -ErrorAction SilentlyContinue -ErrorVariable errs)
        $out.Count | Should -Be 40
        $failed = @($out | Where-Object Status -EQ 'Failed')
        $notAttempted = @($out | Where-Object Status -EQ 'NotAttempted')
        ($failed.Count + $notAttempted.Count) | Should -Be 40
        $failed.Count | Should -BeGreaterThan 0
        $notAttempted.Count | Should -BeGreaterThan 0 -Because 'at most 16 + 4 were sent before five items in a row gave up'
        $errs.Count | Should -Be ($failed.Count + 1)
        @($errs | Where-Object { $_.FullyQualifiedErrorId -like 'ServiceUnavailable,*' }).Count | Should -Be 1
        @($errs | Where-Object { $_.FullyQualifiedErrorId -notlike 'ServiceUnavailable,*' }).TargetObject | Should -Be $failed.RunId
    }
}
