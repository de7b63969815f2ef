# 300 completions and 200 launches under the fault mix of Resilience.Tests.ps1 (429, 503, resets before and after
# the request is applied): every item done exactly once (from the sandbox's state and request log), one result each,
# in input order. The file owns its sandbox.
# The sessions allow 20 retries, the most Connect-Tallyfy takes: a 503 or a lost connection costs an item two requests
# (the retry and the read that checks whether the change was applied), so under this mix about one item in 50,000
# needs more than 11 requests; at -MaxRetries 10 a run of 500 or 1,000 items fails by chance about once in 100.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 60
    $script:org = $sb.OrganizationId
    $script:faults = @{
        throttleRate = 0.05; throttleRetryAfterSeconds = 0
        errorRate = 0.05; errorStatuses = @(503)
        resetBeforeRate = 0.05; resetAfterRate = 0.05
        latencyMs = 2; latencyJitterMs = 20
        burstLimit = 1000000
        seed = 7
    }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

# The fault mix: each kind at 5% of requests (20% in all, about the rate the retry bound was measured against), with
# Retry-After 0 on the 429s (Resilience.Tests.ps1's rate-limit tests prove the waits). 300 items send 300 requests or
# more, so each kind is missing from the log at most 0.95^300 = 2e-7 of the time: certain to occur, and no bigger N
# proves more.
Describe 'Completing 300 tasks under injected faults' {
    It 'completes every task exactly once (one notification each), one result per task in input order' {
        Reset-TallyfySandbox $sb -Runs 300 -TasksPerRun 6
        $s = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -AccessToken (New-SandboxToken) -MaxRetries 20 -PassThru
        $tasks = @(Get-TallyfyTask -Session $s | Where-Object { $_.TaskType -eq 'task' -and $_.Status -ne 'completed' -and -not $_.IsOneOff } | Select-Object -First 300)
        $tasks.Count | Should -Be 300
        # Every task's stored state in one control call (one call per task would take most of this test's time).
        function StoredTasks { @((Invoke-TallyfySandboxControl $sb POST 'state/tasks' @{ ids = @($tasks.Id) }).tasks) }
        $before = @{}; foreach ($t in StoredTasks) { $before[$t.id] = $t.notifications }
        Clear-TallyfySandboxRequest $sb
        Set-TallyfySandboxFault $sb $faults
        try {
            $results = @($tasks | Complete-TallyfyTask -Session $s -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        }
        finally { Set-TallyfySandboxFault $sb @{} }

        $errs | ForEach-Object { "$($_.FullyQualifiedErrorId): $($_.ErrorDetails.Message)" } | Should -BeNullOrEmpty
        $results.Count | Should -Be 300
        $results.TaskId | Should -Be $tasks.Id
        ($results | Group-Object Status | ForEach-Object { "$($_.Name)=$($_.Count)" }) | Should -Be 'Completed=300'
        $stored = StoredTasks
        $stored.Count | Should -Be 300
        foreach ($state in $stored) {
            $state.status | Should -Be 'completed'
            $state.notifications | Should -Be ($before[$state.id] + 1)      # completed once: a second completion notifies again
        }
        $log = @(Get-TallyfySandboxRequest $sb)
        foreach ($f in 'throttle', 'error', 'reset-before', 'reset-after') { @($log | Where-Object fault -eq $f).Count | Should -BeGreaterThan 0 }
        $applied = $log | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/completed-tasks' -and ($_.status -eq 200 -or $_.fault -eq 'reset-after') }
        @($applied).Count | Should -Be 300
    }
}

Describe 'Launching 200 runs under injected faults' {
    It 'launches every row exactly once (one run per name), one run per row in input order' {
        Reset-TallyfySandbox $sb -Runs 60
        $s = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -AccessToken (New-SandboxToken) -MaxRetries 20 -PassThru
        $template = Get-TallyfyTemplate -Session $s -Name 'Quarterly audit'
        $rows = 1..200 | ForEach-Object { [pscustomobject]@{ Name = "Fault launch $_"; 'Requested by' = "R $_"; Department = 'Finance'; 'Audit period end' = '2026-12-31' } }
        Clear-TallyfySandboxRequest $sb
        # 200 launches send about 250 requests: at 5% a kind is missing from the log about once in 400,000 runs.
        Set-TallyfySandboxFault $sb $faults
        try {
            $runs = @($rows | Start-TallyfyRun -Session $s -TemplateId $template.Id -ErrorVariable errs -ErrorAction SilentlyContinue)
        }
        finally { Set-TallyfySandboxFault $sb @{} }

        $errs | ForEach-Object { "$($_.FullyQualifiedErrorId): $($_.ErrorDetails.Message)" } | Should -BeNullOrEmpty
        $runs.Count | Should -Be 200
        $runs.Name | Should -Be $rows.Name
        @($runs.RunId | Sort-Object -Unique).Count | Should -Be 200
        $stored = @(Get-TallyfyRun -Session $s -BlueprintId $template.Id | Where-Object Name -like 'Fault launch *')
        $stored.Count | Should -Be 200                                       # no row launched twice
        @($stored | Group-Object Name | Where-Object Count -gt 1) | Should -BeNullOrEmpty
        ($stored.Id | Sort-Object) | Should -Be ($runs.RunId | Sort-Object)
        $log = @(Get-TallyfySandboxRequest $sb)
        foreach ($f in 'throttle', 'error', 'reset-before', 'reset-after') { @($log | Where-Object fault -eq $f).Count | Should -BeGreaterThan 0 }
        @($log | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/runs' -and ($_.status -eq 201 -or $_.fault -eq 'reset-after') }).Count | Should -Be 200
    }
}
