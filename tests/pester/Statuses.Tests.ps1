# Statuses that are true whatever the service chooses: an archive under faults ends Archived under every
# combination of the open choices (a read of an archived run may answer 404, a re-archive may answer 404),
# a run archived before is AlreadyArchived however it comes in, and a user who may not delete for good is
# told so before anything is sent.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 60
    $script:org = $sb.OrganizationId
}
AfterAll {
    Set-TallyfySandboxFault $script:sb @{}
    Set-TallyfySandboxSwitch $script:sb @{}
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

# The fault mix: each kind at 5% of requests (20% in all, about the rate the retry bound was measured against), with
# Retry-After 0 on the 429s (Resilience.Tests.ps1's rate-limit tests prove the waits). 300 items send 300 requests or
# more, so each kind is missing from the log at most 0.95^300 = 2e-7 of the time: certain to occur, and no bigger N
# proves more.
Describe 'Get-TallyfyRun | Remove-TallyfyRun of 300 runs under faults' -Tag 'Load' {
    It 'ends Archived for every run, with no error and no run archived twice (archivedRunGet=<Get>, rearchive=<Rearchive>)' -ForEach @(
        @{ Get = '200'; Rearchive = '200' }, @{ Get = '404'; Rearchive = '200' }, @{ Get = '200'; Rearchive = '404' }, @{ Get = '404'; Rearchive = '404' }
    ) {
        Reset-TallyfySandbox $sb -Runs 420
        Set-TallyfySandboxSwitch $sb @{ archivedRunGet = $Get; rearchive = $Rearchive }
        $s = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -AccessToken (New-SandboxToken) -MaxRetries 20 -PassThru   # the most allowed: see WorkResilience.Tests.ps1
        $runs = @(Get-TallyfyRun -Session $s -First 300)
        $runs.Count | Should -Be 300
        $liveBefore = (Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/runs?per_page=1").Body.meta.pagination.total
        Clear-TallyfySandboxRequest $sb
        Set-TallyfySandboxFault $sb @{
            throttleRate = 0.05; throttleRetryAfterSeconds = 0
            errorRate = 0.05; errorStatuses = @(503)
            resetBeforeRate = 0.05; resetAfterRate = 0.05
            latencyMs = 2; latencyJitterMs = 10
            burstLimit = 1000000
            seed = 17
        }
        try {
            # A larger -ThrottleLimit only keeps the test short: the outcome does not depend on it.
            $results = @($runs | Remove-TallyfyRun -Session $s -ThrottleLimit 48 -ErrorVariable errs -ErrorAction SilentlyContinue)
        }
        finally { Set-TallyfySandboxFault $sb @{} }

        $errs.Count | Should -Be 0
        $results.Count | Should -Be 300
        $results.RunId | Should -Be $runs.Id
        ($results | Group-Object Status | ForEach-Object { "$($_.Name)=$($_.Count)" }) | Should -Be 'Archived=300'
        $log = @(Get-TallyfySandboxRequest $sb)
        foreach ($f in 'throttle', 'error', 'reset-before', 'reset-after') { @($log | Where-Object fault -eq $f).Count | Should -BeGreaterThan 0 }
        # No run was archived twice: per run one DELETE that answered 200 or was applied before its reset.
        $applied = $log | Where-Object { $_.method -eq 'DELETE' -and ($_.status -eq 200 -or $_.fault -eq 'reset-after') } | Group-Object { RunIdOf $_.path }
        @($applied).Count | Should -Be 300
        @($applied | Where-Object Count -gt 1) | Should -BeNullOrEmpty
        $left = Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/runs?per_page=1"
        $left.Body.meta.pagination.total | Should -Be ($liveBefore - 300)
    }
}

Describe 'Archiving a run that is already archived' {
    BeforeEach {
        Reset-TallyfySandbox $sb -Runs 60
        $script:s = Connect-TallyfySandbox $sb
    }
    AfterEach { Set-TallyfySandboxSwitch $sb @{} }

    It 'is AlreadyArchived from an object or a bare id, also right after the first archive (rearchive=<Rearchive>, archivedRunGet=<Get>)' -ForEach @(
        @{ Rearchive = '200'; Get = '200' }, @{ Rearchive = '404'; Get = '200' }, @{ Rearchive = '200'; Get = '404' }, @{ Rearchive = '404'; Get = '404' }
    ) {
        Set-TallyfySandboxSwitch $sb @{ rearchive = $Rearchive; archivedRunGet = $Get }
        $ids = @(Get-TallyfySandboxRunId $sb -Status active | Select-Object -First 2)
        # The first archive, then at once the same runs again: as bare ids, and as the objects they now are.
        @(Remove-TallyfyRun -Id $ids -Session $s).Status | Should -Be @('Archived', 'Archived')
        $again = @(Remove-TallyfyRun -Id $ids -Session $s -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 0
        $again.Status | Should -Be @('AlreadyArchived', 'AlreadyArchived')
        $objects = @(Get-TallyfyRun -Status archived -Session $s | Where-Object Id -in $ids)
        $objects.Count | Should -Be 2
        $fromObjects = @($objects | Remove-TallyfyRun -Session $s -ErrorVariable errs2 -ErrorAction SilentlyContinue)
        $errs2.Count | Should -Be 0
        $fromObjects.Status | Should -Be @('AlreadyArchived', 'AlreadyArchived')
        $fromObjects | ForEach-Object { $_.Succeeded | Should -BeTrue }
    }

    It 'in a rerun of a runbook reports no failure for the runs the first run archived' {
        $ids = @(Get-TallyfySandboxRunId $sb -Status active | Select-Object -First 5)
        $first = @($ids | Remove-TallyfyRun -Session $s)
        $other = Connect-TallyfySandbox $sb                 # a new process would have a new session
        $rerun = @($ids | Remove-TallyfyRun -Session $other -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 0
        $first.Status | Sort-Object -Unique | Should -Be 'Archived'
        $rerun | ForEach-Object { $_.Succeeded | Should -BeTrue }
        $rerun.Status | Sort-Object -Unique | Should -BeIn @('AlreadyArchived', 'Archived')
    }
}
