# A bound is a bound: -MaxRetries limits everything sent for an item, and when the service goes away (or the
# credentials are refused for good) a bulk call stops sending after a few failures instead of failing each
# remaining item in turn.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 60
    $script:org = $sb.OrganizationId
    function script:LoggedFor([string] $Id, [long] $Since = 0) { @(Get-TallyfySandboxRequest $sb -Since $Since | Where-Object { $_.path -like "*$Id*" }) }
}
AfterAll {
    Set-TallyfySandboxFault $script:sb @{}
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'A run that always answers 500' {
    BeforeEach {
        Reset-TallyfySandbox $sb -Runs 60
        $script:s = Connect-TallyfySandbox $sb     # -MaxRetries 5
    }
    AfterEach { Set-TallyfySandboxFault $sb @{} }

    It 'gives up after 1 + MaxRetries requests in all, and Attempts says how many reached the service (<Mode>)' -ForEach @(
        @{ Mode = 'archive'; Permanent = $false }, @{ Mode = 'permanent deletion'; Permanent = $true }
    ) {
        $id = @(Get-TallyfySandboxRunId $sb)[0]
        Set-TallyfySandboxFault $sb @{ failIds = @{ $id = 500 } }
        $since = LastSeq
        $r = Remove-TallyfyRun -Id $id -Permanent:$Permanent -Force -Session $s -ErrorVariable errs -ErrorAction SilentlyContinue
        $logged = @(LoggedFor $id $since)
        $r.Status | Should -Be 'Failed'
        $r.HttpStatus | Should -Be 500
        $logged.Count | Should -Be 6                 # 1 try + MaxRetries 5: retries and verification reads together
        $r.Attempts | Should -Be $logged.Count
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ServerError,*'
        $errs[0].ErrorDetails.Message | Should -Match 'gave up after 6 requests'
    }

    It 'counts redirects, verification reads and retries in Attempts exactly as the service saw them' {
        $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First 40)
        Set-TallyfySandboxFault $sb @{ errorRate = 0.2; errorStatuses = @(503); resetAfterRate = 0.1; resetBeforeRate = 0.05; seed = 11; burstLimit = 1000000 }
        $since = LastSeq
        $results = @($ids | Remove-TallyfyRun -Session $s -ErrorAction SilentlyContinue)
        Set-TallyfySandboxFault $sb @{}
        $log = @(Get-TallyfySandboxRequest $sb -Since $since)
        foreach ($r in $results) {
            # The archived-list reads that settle an outcome name no id: they are the item's, too.
            $own = @($log | Where-Object { $_.path -like "*$($r.RunId)*" }).Count
            $r.Attempts | Should -BeGreaterOrEqual $own
        }
        ($results | Measure-Object Attempts -Sum).Sum | Should -Be $log.Count
    }
}

Describe 'When the service goes away' {
    It 'stops sending, reports the rest NotAttempted with one error, and warns while it retries' {
        $gone = Start-TallyfySandbox -Runs 400
        try {
            $ids = @(Get-TallyfySandboxRunId $gone | Select-Object -First 300)
            $session = Connect-TallyfySandbox $gone
            Set-TallyfySandboxFault $gone @{ latencyMs = 50 }
            $ps = [PowerShell]::Create()
            $null = $ps.AddScript({
                    param($module, $ids, $session)
                    Import-Module $module
                    $ids | Remove-TallyfyRun -Session $session -ErrorAction Continue
                }).AddArgument($script:ModuleUnderTest).AddArgument($ids).AddArgument($session)
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ($output.Count -lt 30 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $output.Count | Should -BeGreaterOrEqual 30
            $clock = [Diagnostics.Stopwatch]::StartNew()
            Stop-TallyfySandbox $gone                          # the service is gone: connections are refused
            # A generous wait only turns a hang into a failure; how long it takes is printed (and benchmarked).
            $handle.AsyncWaitHandle.WaitOne(180000) | Should -BeTrue
            Write-Host "    the 300-run call ended $([math]::Round($clock.Elapsed.TotalSeconds, 1)) s after the service went away"
            $results = @($output)
            $results.Count | Should -Be 300                    # one result per input
            $results.RunId | Should -Be $ids
            $notAttempted = @($results | Where-Object Status -eq 'NotAttempted')
            $notAttempted.Count | Should -BeGreaterThan 100
            $notAttempted | ForEach-Object { $_.Attempts | Should -Be 0 }
            $errors = @($ps.Streams.Error)
            $why = @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'ServiceUnavailable,*' -and $_.ErrorDetails.Message -match 'NotAttempted' })
            $why.Count | Should -Be 1
            $why[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            $why[0].ErrorDetails.Message | Should -Match 'has not answered|did not answer'
            # Every other error belongs to an item that was sent and failed.
            ($errors.Count - 1) | Should -Be @($results | Where-Object Status -eq 'Failed').Count
            @($ps.Streams.Warning | Where-Object Message -match 'not answering.*retrying') | Should -Not -BeNullOrEmpty
        }
        finally {
            if ($ps) { $ps.Dispose() }
            Stop-TallyfySandbox $gone
        }
    }
}

Describe 'When the credentials are refused for good' {
    It 'stops after a few refusals of a revoked personal access token: the rest NotAttempted with one AuthenticationFailed error' {
        Reset-TallyfySandbox $sb -Runs 400
        $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First 300)
        $session = Connect-TallyfySandbox $sb
        Set-TallyfySandboxFault $sb @{ latencyMs = 20 }
        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddScript({
                    param($module, $ids, $session)
                    Import-Module $module
                    $ids | Remove-TallyfyRun -Session $session -ErrorAction Continue
                }).AddArgument($script:ModuleUnderTest).AddArgument($ids).AddArgument($session)
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
            while ($output.Count -lt 30) { Start-Sleep -Milliseconds 10 }
            $since = LastSeq
            $null = Invoke-TallyfySandboxControl $sb POST revoke-tokens @{ personalAccessTokens = @(1001) }   # the user logged out
            $handle.AsyncWaitHandle.WaitOne(120000) | Should -BeTrue
            $results = @($output)
            $results.Count | Should -Be 300
            $results.RunId | Should -Be $ids
            $refused = @(Get-TallyfySandboxRequest $sb -Since $since | Where-Object status -eq 401)
            # Only what was under way when the token went, and the few refusals that open the circuit, reached the service.
            $refused.Count | Should -BeLessOrEqual (2 * 16 + 3)
            $notAttempted = @($results | Where-Object Status -eq 'NotAttempted')
            $notAttempted.Count | Should -BeGreaterThan 200
            $errors = @($ps.Streams.Error)
            $why = @($errors | Where-Object { $_.ErrorDetails.Message -match 'NotAttempted' })
            $why.Count | Should -Be 1
            $why[0].FullyQualifiedErrorId | Should -BeLike 'AuthenticationFailed,*'
            $why[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
            $why[0].ErrorDetails.Message | Should -Match 'refused the credentials 3 times in a row'
            $why[0].ErrorDetails.RecommendedAction | Should -Match 'Connect-Tallyfy'
            ($errors.Count - 1) | Should -Be @($results | Where-Object { $_.Status -notin 'Archived', 'NotAttempted' }).Count
        }
        finally {
            Set-TallyfySandboxFault $sb @{}
            $ps.Dispose()
            Reset-TallyfySandbox $sb -Runs 60
        }
    }
}
