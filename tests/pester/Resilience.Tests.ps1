# Bulk removal under injected faults, rate limits, the retry bound and Ctrl+C, against a real sandbox process.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 60
    $script:org = $sb.OrganizationId
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

# The fault mix: each kind at 5% of requests (20% in all, about the rate the retry bound was measured against), with
# Retry-After 0 on the 429s (Resilience.Tests.ps1's rate-limit tests prove the waits). 300 items send 300 requests or
# more, so each kind is missing from the log at most 0.95^300 = 2e-7 of the time: certain to occur, and no bigger N
# proves more.
Describe 'Archiving 300 runs under injected faults' -Tag 'Load' {
    It 'archives every run exactly once, one result per input in input order, no failure' {
        Reset-TallyfySandbox $sb -Runs 420
        $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First 300)
        $ids.Count | Should -Be 300
        $s = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -AccessToken (New-SandboxToken) -MaxRetries 20 -PassThru   # the most allowed: see WorkResilience.Tests.ps1
        Clear-TallyfySandboxRequest $sb
        Set-TallyfySandboxFault $sb @{
            throttleRate = 0.05; throttleRetryAfterSeconds = 0
            errorRate = 0.05; errorStatuses = @(503)
            resetBeforeRate = 0.05; resetAfterRate = 0.05
            latencyMs = 2; latencyJitterMs = 20
            burstLimit = 1000000
            seed = 7
        }
        try {
            $results = @($ids | Remove-TallyfyRun -Session $s -ErrorVariable errs -ErrorAction SilentlyContinue)
        }
        finally { Set-TallyfySandboxFault $sb @{} }

        $errs.Count | Should -Be 0
        $results.Count | Should -Be 300
        $results.RunId | Should -Be $ids                       # input order
        ($results | Group-Object Status | ForEach-Object { "$($_.Name)=$($_.Count)" }) | Should -Be 'Archived=300'
        @(Get-TallyfySandboxRunId $sb | Where-Object { $_ -in $ids }).Count | Should -Be 0   # none left live

        $log = @(Get-TallyfySandboxRequest $sb)
        # The faults really happened...
        @($log | Where-Object fault -eq 'throttle').Count | Should -BeGreaterThan 0
        @($log | Where-Object fault -eq 'reset-after').Count | Should -BeGreaterThan 0
        @($log | Where-Object fault -eq 'reset-before').Count | Should -BeGreaterThan 0
        @($log | Where-Object fault -eq 'error').Count | Should -BeGreaterThan 0
        # ...and no archive was applied twice: per run, one DELETE that answered 200 or was applied before its reset.
        $applied = $log | Where-Object { $_.method -eq 'DELETE' -and ($_.status -eq 200 -or $_.fault -eq 'reset-after') } |
            Group-Object { RunIdOf $_.path }
        @($applied).Count | Should -Be 300
        @($applied | Where-Object Count -gt 1) | Should -BeNullOrEmpty
        # Runs whose archive was applied before the connection broke are reported Archived (verified by a read).
        $verified = @($results | Where-Object { $_.Message -match 'a read showed' })
        $verified.Count | Should -BeGreaterThan 0
    }
}

Describe 'Burst throttling' {
    It 'is paced through burst throttling (Retry-After as <Format>) without failures' -ForEach @(@{ Format = 'seconds' }, @{ Format = 'date' }) {
        Reset-TallyfySandbox $sb -Runs 300
        $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First 60)
        $s = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -AccessToken (New-SandboxToken) -MaxRetries 8 -PassThru
        Clear-TallyfySandboxRequest $sb
        Set-TallyfySandboxFault $sb @{ burstLimit = 25; burstWindowSeconds = 2; retryAfter = $Format }
        try {
            $results = @($ids | Remove-TallyfyRun -Session $s -ErrorVariable errs -ErrorAction SilentlyContinue)
        }
        finally { Set-TallyfySandboxFault $sb @{} }
        $errs.Count | Should -Be 0
        $results.Status | Sort-Object -Unique | Should -Be 'Archived'
        $log = @(Get-TallyfySandboxRequest $sb)
        $limited = @($log | Where-Object status -eq 429)
        $limited.Count | Should -BeGreaterThan 0                      # the throttling was really hit
        $limited.Count | Should -BeLessThan $ids.Count                # ...and the session paced itself: far fewer 429s than items
    }
}

Describe 'Retries stop at the bound' {
    It 'fails each item on its own with ServerError after -MaxRetries, and the rest go on' {
        Reset-TallyfySandbox $sb -Runs 60
        $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First 4)
        $s = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -AccessToken (New-SandboxToken) -MaxRetries 2 -PassThru
        Clear-TallyfySandboxRequest $sb
        Set-TallyfySandboxFault $sb @{ failIds = @{ $ids[1] = 503; $ids[2] = 502 } }
        try {
            $results = @($ids | Remove-TallyfyRun -Session $s -ErrorVariable errs -ErrorAction SilentlyContinue)
        }
        finally { Set-TallyfySandboxFault $sb @{} }
        $results.RunId | Should -Be $ids
        $results.Status | Should -Be @('Archived', 'Failed', 'Failed', 'Archived')
        $results[1].HttpStatus | Should -Be 503
        $results[2].HttpStatus | Should -Be 502
        $errs.Count | Should -Be 2
        $errs | ForEach-Object {
            $_.FullyQualifiedErrorId | Should -BeLike 'ServerError,*'
            $_.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
            $_.ErrorDetails.Message | Should -Match 'gave up after'
        }
        $log = @(Get-TallyfySandboxRequest $sb)
        # -MaxRetries 2 bounds everything sent for an item: 1 try + 2 more (retries, and the reads that check
        # whether a change whose answer was a 5xx was applied), no more; Attempts says exactly that.
        foreach ($i in 1, 2) {
            @($log | Where-Object { $_.path -like "*$($ids[$i])*" }).Count | Should -Be 3
            @($log | Where-Object { $_.method -eq 'DELETE' -and $_.path -like "*$($ids[$i])" }).Count | Should -BeGreaterOrEqual 1
            $results[$i].Attempts | Should -Be 3
        }
    }

    It 'retries reads on 5xx and connection resets' {
        Reset-TallyfySandbox $sb -Runs 60
        $s = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -AccessToken (New-SandboxToken) -MaxRetries 8 -PassThru
        Set-TallyfySandboxFault $sb @{ errorRate = 0.3; errorStatuses = @(500, 502, 503); resetBeforeRate = 0.1; methods = @('GET'); seed = 3 }
        try {
            $runs = @(Get-TallyfyRun -Session $s)
        }
        finally { Set-TallyfySandboxFault $sb @{} }
        $runs.Count | Should -Be @(Get-TallyfySandboxRunId $sb).Count
    }
}

Describe 'Progress' {
    BeforeAll {
        # Archives $Count runs in a fresh runspace (with 100 ms of latency, so the call lasts long enough
        # for progress), and returns its results and progress records.
        function script:Invoke-ArchiveWithProgress([int] $Count, [string] $Preference, [int] $ThrottleLimit) {
            Reset-TallyfySandbox $sb -Runs ($Count * 2)
            $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First $Count)
            $s = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -AccessToken (New-SandboxToken) -PassThru
            Set-TallyfySandboxFault $sb @{ latencyMs = 100 }
            $ps = [PowerShell]::Create()
            try {
                $null = $ps.AddScript({
                        param($module, $ids, $session, $preference, $throttle)
                        Import-Module $module
                        $ProgressPreference = $preference
                        Remove-TallyfyRun -Id $ids -Session $session -ThrottleLimit $throttle
                    }).AddArgument($script:ModuleUnderTest).AddArgument($ids).AddArgument($s).AddArgument($Preference).AddArgument($ThrottleLimit)
                $results = @($ps.Invoke())
                [pscustomobject]@{ Results = $results; Progress = @($ps.Streams.Progress) }
            }
            finally {
                Set-TallyfySandboxFault $sb @{}
                $ps.Dispose()
            }
        }
    }

    It 'reports done / total, rate and time left during a bulk call, and always completes' {
        $run = Invoke-ArchiveWithProgress -Count 60 -Preference Continue -ThrottleLimit 4
        $progress = $run.Progress
        $run.Results.Count | Should -Be 60
        $progress.Count | Should -BeGreaterThan 1
        $progress.ActivityId | Sort-Object -Unique | Should -HaveCount 1
        $progress[0].Activity | Should -Be 'Archiving Tallyfy runs'
        $progress | Where-Object { $_.StatusDescription -match '^\d+ of 60 done \([\d.]+/s\)$' -and $_.PercentComplete -ge 0 -and $_.SecondsRemaining -ge 0 } | Should -Not -BeNullOrEmpty
        $progress[-1].RecordType | Should -Be 'Completed'
    }

    It 'writes no progress under $ProgressPreference = ''SilentlyContinue''' {
        $run = Invoke-ArchiveWithProgress -Count 20 -Preference SilentlyContinue -ThrottleLimit 2
        $run.Results.Count | Should -Be 20
        $run.Progress.Count | Should -Be 0
    }
}

Describe 'Ctrl+C' {
    It 'stops a long bulk call, keeps the results already written, and leaves nothing running' {
        Reset-TallyfySandbox $sb -Runs 400
        $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First 300)
        $s = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -AccessToken (New-SandboxToken) -PassThru
        Set-TallyfySandboxFault $sb @{ latencyMs = 150 }
        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddScript({
                    param($module, $ids, $session)
                    Import-Module $module
                    $ids | Remove-TallyfyRun -Session $session -ThrottleLimit 4
                }).AddArgument($script:ModuleUnderTest).AddArgument($ids).AddArgument($s)
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ($output.Count -lt 8 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $output.Count | Should -BeGreaterOrEqual 8
            $ps.Stop()                                   # what Ctrl+C does: StopProcessing
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $written = $output.Count
            $written | Should -BeLessThan $ids.Count
            @($output | ForEach-Object RunId) | Should -Be $ids[0..($written - 1)]   # finished ones, in order
            # Nothing keeps going after the stop: no new request reaches the sandbox.
            Start-Sleep -Milliseconds 600
            $after = @(Get-TallyfySandboxRequest $sb).Count
            Start-Sleep -Milliseconds 1200
            @(Get-TallyfySandboxRequest $sb).Count | Should -Be $after
            # Beyond the reported runs, only those already under way when Ctrl+C came were archived: at most
            # ThrottleLimit (4) in flight plus as many finished but waiting for their turn in input order.
            $archived = @(Get-TallyfySandboxRunId $sb -Archived only | Where-Object { $_ -in $ids }).Count
            $archived | Should -BeLessOrEqual ($written + 8)
        }
        finally {
            Set-TallyfySandboxFault $sb @{}
            $ps.Dispose()
        }
    }
}
