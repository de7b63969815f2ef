# Hostile input (issue 6): answers that break the contract, redirects to another host, malformed ids,
# -WhatIf and objects of another organization, against a real sandbox process.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 40
    $script:org = $sb.OrganizationId
    # One retry keeps the retried modes (502 page, cut connection) short; 30 s bounds every request.
    $script:session = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -AccessToken (New-SandboxToken) -MaxRetries 1 -TimeoutSec 30 -PassThru

    function script:ApiRun([string] $Id) { (Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/runs/$Id").Body.data }
    function script:LiveIds([int] $Count) { Write-Output -NoEnumerate @(Get-TallyfySandboxRunId $sb -Status active | Select-Object -First $Count) }
    function script:ClearFaults { Set-TallyfySandboxFault $sb @{} }

    # Runs a block, returning its objects and its (non-terminating) error records apart, in order.
    function script:Split-Output([scriptblock] $Block, $Argument) {
        $ErrorActionPreference = 'Continue'
        $all = @(& $Block $Argument 2>&1)
        [pscustomobject]@{
            Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            Errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
    }

    # Runs a call in a thread job: output and error records come back as they are, a terminating error
    # separately, and a call that never returns fails the test instead of hanging the suite (the limit is
    # a hang guard far above any normal run time, not a timing check).
    function script:Invoke-Guarded {
        param([Parameter(Mandatory)] [string] $Script, [object] $Ids)
        $job = Start-ThreadJob -ScriptBlock {
            param($module, $session, $text, $ids)
            Import-Module $module
            $all = @(& ([scriptblock]::Create($text)) $session $ids 2>&1)
            [pscustomobject]@{
                Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
                Errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            }
        } -ArgumentList $script:ModuleUnderTest, $script:session, $Script, $Ids
        if (-not ($job | Wait-Job -Timeout 180)) {
            $job | Stop-Job
            $job | Remove-Job -Force
            throw "The call hung: $Script"
        }
        $result = $job | Receive-Job -ErrorAction SilentlyContinue -ErrorVariable jobErrors
        $job | Remove-Job -Force
        [pscustomobject]@{
            Output = @(if ($result) { $result.Output })
            Errors = @(if ($result) { $result.Errors })
            Terminating = @($jobErrors)
            Finished = [bool]$result
        }
    }

    # What each hostile mode must produce. A 502 HTML page from a gateway is a server error: it is retried
    # and reported as ServerError (DESIGN 3: 5xx -> after every retry). A connection cut mid-body is a
    # transport failure. Everything else is an answer that does not match the contract: InvalidResponse.
    $script:Expected = @{
        'html'                = @{ ErrorId = 'ServerError'; Category = 'ResourceUnavailable' }
        'truncated'           = @{ ErrorId = 'ConnectionFailed'; Category = 'ConnectionError' }
        'invalid-json'        = @{ ErrorId = 'InvalidResponse'; Category = 'InvalidResult' }
        'wrong-types'         = @{ ErrorId = 'InvalidResponse'; Category = 'InvalidResult' }
        'missing-data'        = @{ ErrorId = 'InvalidResponse'; Category = 'InvalidResult' }
        'null-data'           = @{ ErrorId = 'InvalidResponse'; Category = 'InvalidResult' }
        'huge'                = @{ ErrorId = 'InvalidResponse'; Category = 'InvalidResult' }
        'empty-200'           = @{ ErrorId = 'InvalidResponse'; Category = 'InvalidResult' }
        'redirect-other-host' = @{ ErrorId = 'InvalidResponse'; Category = 'InvalidResult' }
    }

    function script:Assert-HostileError($Record, [string] $Mode, [string] $RunId) {
        $Record.FullyQualifiedErrorId | Should -BeLike "$($Expected[$Mode].ErrorId),*"
        $Record.CategoryInfo.Category | Should -Be $Expected[$Mode].Category
        $Record.Exception | Should -BeOfType ([TallyfyPS.Client.TallyfyApiException])
        $Record.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        if ($RunId) {
            "$Record" | Should -Match $RunId   # the message names the item that failed
            "$($Record.TargetObject)" | Should -Match $RunId
        }
        else {
            "$Record" | Should -Match '^Listing failed'
        }
    }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Answers that break the contract give one clear error for the item, and nothing else breaks' {
    BeforeEach { Reset-TallyfySandbox $sb -Runs 40 }
    AfterEach { ClearFaults }

    It 'Get-TallyfyRun -Id: <Mode> for one run is an error for that run; the runs before and after come out whole' -ForEach @(
        'html', 'truncated', 'invalid-json', 'wrong-types', 'missing-data', 'null-data', 'huge', 'empty-200', 'redirect-other-host' | ForEach-Object { @{ Mode = $_ } }
    ) {
        $ids = LiveIds 3
        Set-TallyfySandboxFault $sb @{ hostile = @{ mode = $Mode; rate = 1; pathContains = $ids[1] } }
        $r = Invoke-Guarded -Ids $ids -Script 'param($s, $ids) $ids | Get-TallyfyRun -Session $s -Include Tags; "NEXT-STATEMENT"'
        $r.Finished | Should -BeTrue
        $r.Terminating | Should -BeNullOrEmpty
        $r.Output[-1] | Should -Be 'NEXT-STATEMENT'
        $runs = @($r.Output | Where-Object { $_ -is [TallyfyPS.Model.TallyfyRun] })
        $runs.Id | Should -Be @($ids[0], $ids[2])
        $r.Errors.Count | Should -Be 1
        Assert-HostileError $r.Errors[0] $Mode $ids[1]

        # The session stays usable, and what came out is what a clean read gives.
        ClearFaults
        $clean = @($ids | Get-TallyfyRun -Session $session -Include Tags)
        $clean.Id | Should -Be $ids
        foreach ($i in 0, 1) {
            $c = $clean | Where-Object Id -eq $runs[$i].Id
            $runs[$i].Name | Should -Be $c.Name
            $runs[$i].Status | Should -Be $c.Status
            $runs[$i].StartedAt | Should -Be $c.StartedAt
            $runs[$i].OrganizationId | Should -Be $org
        }
    }

    It 'Get-TallyfyRun (list): <Mode> is one error, no objects, and the next statement runs' -ForEach @(
        'html', 'truncated', 'invalid-json', 'wrong-types', 'missing-data', 'null-data', 'huge', 'empty-200', 'redirect-other-host' | ForEach-Object { @{ Mode = $_ } }
    ) {
        Set-TallyfySandboxFault $sb @{ hostile = @{ mode = $Mode; rate = 1; pathContains = "/organizations/$org/runs" } }
        $r = Invoke-Guarded -Script 'param($s) Get-TallyfyRun -Session $s; "NEXT-STATEMENT"'
        $r.Finished | Should -BeTrue
        $r.Terminating | Should -BeNullOrEmpty
        $r.Output | Should -Be @('NEXT-STATEMENT')   # no run at all: nothing half-read
        $r.Errors.Count | Should -Be 1
        Assert-HostileError $r.Errors[0] $Mode $null

        ClearFaults
        @(Get-TallyfyRun -Session $session).Count | Should -Be @(Get-TallyfySandboxRunId $sb).Count
    }

    It 'Remove-TallyfyRun: <Mode> for one run is Failed with an error for it; the others are archived' -ForEach @(
        # empty-200 has its own (skipped) test below.
        'html', 'truncated', 'invalid-json', 'wrong-types', 'missing-data', 'null-data', 'huge', 'redirect-other-host' | ForEach-Object { @{ Mode = $_ } }
    ) {
        $ids = LiveIds 3
        Set-TallyfySandboxFault $sb @{ hostile = @{ mode = $Mode; rate = 1; pathContains = $ids[1] } }
        $r = Invoke-Guarded -Ids $ids -Script 'param($s, $ids) $ids | Remove-TallyfyRun -Session $s; "NEXT-STATEMENT"'
        $r.Finished | Should -BeTrue
        $r.Terminating | Should -BeNullOrEmpty
        $r.Output[-1] | Should -Be 'NEXT-STATEMENT'
        $results = @($r.Output | Where-Object { $_ -is [TallyfyPS.Model.TallyfyRunRemovalResult] })
        $results.RunId | Should -Be $ids
        $results.Status | Should -Be @('Archived', 'Failed', 'Archived')
        $r.Errors.Count | Should -Be 1
        Assert-HostileError $r.Errors[0] $Mode $ids[1]
        # The hostile answer never reached the handler: the run is still live, and nothing says otherwise.
        ClearFaults
        (ApiRun $ids[1]).archived_at | Should -BeNullOrEmpty
        (ApiRun $ids[0]).archived_at | Should -Not -BeNullOrEmpty
        (ApiRun $ids[2]).archived_at | Should -Not -BeNullOrEmpty

        (Remove-TallyfyRun -Id $ids[1] -Session $session).Status | Should -Be 'Archived'
    }

    It 'Remove-TallyfyRun: empty-200 for one run is Failed with an error for it; the others are archived' {
        $ids = LiveIds 3
        Set-TallyfySandboxFault $sb @{ hostile = @{ mode = 'empty-200'; rate = 1; pathContains = $ids[1] } }
        $r = Invoke-Guarded -Ids $ids -Script 'param($s, $ids) $ids | Remove-TallyfyRun -Session $s; "NEXT-STATEMENT"'
        $r.Terminating | Should -BeNullOrEmpty
        $results = @($r.Output | Where-Object { $_ -is [TallyfyPS.Model.TallyfyRunRemovalResult] })
        $results.RunId | Should -Be $ids
        $results.Status | Should -Be @('Archived', 'Failed', 'Archived')
        $r.Errors.Count | Should -Be 1
        Assert-HostileError $r.Errors[0] 'empty-200' $ids[1]
        ClearFaults
        (ApiRun $ids[1]).archived_at | Should -BeNullOrEmpty
    }
}

Describe 'A redirect to another host is refused and not followed' {
    BeforeEach { Reset-TallyfySandbox $sb -Runs 40 }
    AfterEach { ClearFaults }

    It 'refuses the redirect of a GET and of a DELETE: one request each, answered 302, nothing sent after it' {
        $ids = LiveIds 2
        Set-TallyfySandboxFault $sb @{ hostile = @{ mode = 'redirect-other-host'; rate = 1; pathContains = $ids[0] } }
        $since = LastSeq
        $out = @(Get-TallyfyRun -Id $ids -Session $session -Verbose -ErrorVariable errs -ErrorAction SilentlyContinue 4>&1)
        @($out | Where-Object { $_ -is [TallyfyPS.Model.TallyfyRun] }).Id | Should -Be $ids[1]
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidResponse,*'
        "$($errs[0])" | Should -Match 'redirected the request to another host \(http://localhost\.invalid:1\)'
        "$($errs[0])" | Should -Match 'does not follow redirects'
        # Had it been followed, the error would be a failed connection to the unresolvable localhost.invalid.
        $errs[0].Exception.Kind | Should -Be 'InvalidResponse'
        $errs[0].Exception.InnerException | Should -BeNullOrEmpty
        $log = @(RequestsSince $since | Where-Object { $_.path -like "*$($ids[0])*" })
        $log.Count | Should -Be 1
        $log[0].method | Should -Be 'GET'
        $log[0].status | Should -Be 302
        $log[0].fault | Should -Be 'hostile'
        $trace = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Where-Object Message -like "*$($ids[0])*")
        $trace.Count | Should -Be 1
        $trace[0].Message | Should -Match '-> 302 redirect to http://localhost\.invalid:1/'

        $since = LastSeq
        $r = @(Remove-TallyfyRun -Id $ids[0] -Session $session -ErrorVariable errs2 -ErrorAction SilentlyContinue)
        $r.Status | Should -Be 'Failed'
        $errs2[0].FullyQualifiedErrorId | Should -BeLike 'InvalidResponse,*'
        "$($errs2[0])" | Should -Match 'does not follow redirects'
        $log = @(RequestsSince $since)
        $log.Count | Should -Be 1
        "$($log[0].method) $($log[0].status)" | Should -Be 'DELETE 302'
        ClearFaults
        (ApiRun $ids[0]).archived_at | Should -BeNullOrEmpty
    }
}

Describe '-WhatIf sends no mutating request' {
    BeforeAll {
        Reset-TallyfySandbox $sb -Runs 40
        $script:liveRuns = @(Get-TallyfyRun -Session $session -Status active -First 3)
        $script:archivedRuns = @(Get-TallyfyRun -Session $session -Status archived -First 3)
        $script:liveTasks = @(Get-TallyfyTask -Session $session -OneOff -First 3)
        $script:archivedTasks = @(Get-TallyfyTask -Session $session -ArchivedOnly | Where-Object IsOneOff | Select-Object -First 2)
    }

    It '<Name> -WhatIf<Extra> sends nothing that changes data' -ForEach @(
        @{ Name = 'Remove-TallyfyRun (ids)'; Call = { param($x) $liveRuns.Id + $archivedRuns.Id | Remove-TallyfyRun -Session $session -WhatIf @x } }
        @{ Name = 'Remove-TallyfyRun (objects)'; Call = { param($x) $liveRuns + $archivedRuns | Remove-TallyfyRun -Session $session -WhatIf @x } }
        @{ Name = 'Remove-TallyfyRun -Permanent (ids)'; Call = { param($x) $liveRuns.Id + $archivedRuns.Id | Remove-TallyfyRun -Permanent -Session $session -WhatIf @x } }
        @{ Name = 'Remove-TallyfyRun -Permanent (objects)'; Call = { param($x) $liveRuns + $archivedRuns | Remove-TallyfyRun -Permanent -Session $session -WhatIf @x } }
        @{ Name = 'Restore-TallyfyRun (ids)'; Call = { param($x) $archivedRuns.Id + $liveRuns.Id | Restore-TallyfyRun -Session $session -WhatIf @x } }
        @{ Name = 'Restore-TallyfyRun (objects)'; Call = { param($x) $archivedRuns | Restore-TallyfyRun -Session $session -WhatIf @x } }
        @{ Name = 'Remove-TallyfyTask (ids)'; Call = { param($x) $liveTasks.Id + $archivedTasks.Id | Remove-TallyfyTask -Session $session -WhatIf @x } }
        @{ Name = 'Remove-TallyfyTask (objects)'; Call = { param($x) $liveTasks + $archivedTasks | Remove-TallyfyTask -Session $session -WhatIf @x } }
        @{ Name = 'Remove-TallyfyTask -Permanent (ids)'; Call = { param($x) $liveTasks.Id + $archivedTasks.Id | Remove-TallyfyTask -Permanent -Session $session -WhatIf @x } }
        @{ Name = 'Remove-TallyfyTask -Permanent (objects)'; Call = { param($x) $liveTasks + $archivedTasks | Remove-TallyfyTask -Permanent -Session $session -WhatIf @x } }
        @{ Name = 'Restore-TallyfyTask (ids)'; Call = { param($x) $archivedTasks.Id | Restore-TallyfyTask -Session $session -WhatIf @x } }
        @{ Name = 'Restore-TallyfyTask (objects)'; Call = { param($x) $archivedTasks | Restore-TallyfyTask -Session $session -WhatIf @x } }
        @{ Name = 'New-TallyfyTask'; Call = { param($x) 'One', 'Two' | ForEach-Object { [pscustomobject]@{ Title = $_ } } | New-TallyfyTask -Session $session -WhatIf @x } }
    ) {
        # New-TallyfyTask has no -Force; -Confirm:$false is its way of skipping prompts.
        $force = if ($Name -like 'New-*') { @{ Confirm = $false } } else { @{ Force = $true } }
        foreach ($extra in @{}, $force) {
            $since = LastSeq
            $out = @(& $Call $extra)
            $out.Count | Should -Be 0 -Because "-WhatIf $($extra.Keys) writes no result"
            Mutations $since | Should -BeNullOrEmpty -Because "-WhatIf $($extra.Keys) sends no mutating request"
        }
        # Nothing changed either.
        @(Get-TallyfyRun -Session $session -Id $liveRuns.Id).IsArchived | Should -Not -Contain $true
        @(Get-TallyfyRun -Session $session -Id $archivedRuns.Id).IsArchived | Should -Not -Contain $false
    }
}

Describe 'Malformed ids are refused per item before any request' {
    BeforeAll {
        Reset-TallyfySandbox $sb -Runs 40
        $script:badIds = @('../x', '%2F', 'a?b=c', '', ' ', ('a' * 10000), ('0123456789abcdef0123456789abcde'), ('0123456789abcdef0123456789abcdef0'),
            '0123456789abcdef/123456789abcdef', ' 0123456789abcdef0123456789abcdeg ')
    }

    It '<Name> refuses every malformed id with <ErrorId> and sends nothing for it, while the valid ids go through' -ForEach @(
        @{ Name = 'Get-TallyfyRun -Id'; ErrorId = 'InvalidRunId'; Good = { @(Get-TallyfySandboxRunId $sb -Status active | Select-Object -First 2) }
            Call = { param($ids) Get-TallyfyRun -Session $session -Id $ids }; Check = { param($out, $good) $out.Id | Should -Be $good } }
        @{ Name = 'Remove-TallyfyRun'; ErrorId = 'InvalidRunId'; Good = { @(Get-TallyfySandboxRunId $sb -Status active | Select-Object -First 2) }
            Call = { param($ids) $ids | Remove-TallyfyRun -Session $session }; Check = { param($out, $good) $out.RunId | Should -Be $good; $out.Status | Sort-Object -Unique | Should -Be 'Archived' } }
        @{ Name = 'Remove-TallyfyRun -Permanent -Force (by -Id)'; ErrorId = 'InvalidRunId'; Good = { @(Get-TallyfySandboxRunId $sb -Archived only | Select-Object -First 2) }
            Call = { param($ids) Remove-TallyfyRun -Session $session -Permanent -Force -Id $ids }; Check = { param($out, $good) $out.RunId | Should -Be $good; $out.Status | Sort-Object -Unique | Should -Be 'Deleted' } }
        @{ Name = 'Restore-TallyfyRun'; ErrorId = 'InvalidRunId'; Good = { @(Get-TallyfySandboxRunId $sb -Archived only | Select-Object -First 2) }
            Call = { param($ids) $ids | Restore-TallyfyRun -Session $session }; Check = { param($out, $good) $out.RunId | Should -Be $good; $out.Status | Sort-Object -Unique | Should -Be 'Restored' } }
        @{ Name = 'Get-TallyfyTask -RunId'; ErrorId = 'InvalidRunId'; Good = { @(Get-TallyfySandboxRunId $sb -Status active | Select-Object -First 2) }
            Call = { param($ids) Get-TallyfyTask -Session $session -RunId $ids }; Check = { param($out, $good) ($out.RunId | Sort-Object -Unique) | Should -Be ($good | Sort-Object) } }
        @{ Name = 'Get-TallyfyTask -Id'; ErrorId = 'InvalidTaskId'; Good = { @(Get-TallyfyTask -Session $session -OneOff -First 2).Id }
            Call = { param($ids) Get-TallyfyTask -Session $session -Id $ids }; Check = { param($out, $good) $out.Id | Should -Be $good } }
        @{ Name = 'Remove-TallyfyTask'; ErrorId = 'InvalidTaskId'; Good = { @(Get-TallyfyTask -Session $session -OneOff -First 2).Id }
            Call = { param($ids) $ids | Remove-TallyfyTask -Session $session }; Check = { param($out, $good) $out.TaskId | Should -Be $good; $out.Status | Sort-Object -Unique | Should -Be 'Archived' } }
        @{ Name = 'Restore-TallyfyTask'; ErrorId = 'InvalidTaskId'; Good = { @(Get-TallyfyTask -Session $session -ArchivedOnly | Where-Object IsOneOff | Select-Object -First 2).Id }
            Call = { param($ids) Restore-TallyfyTask -Session $session -Id $ids }; Check = { param($out, $good) $out.TaskId | Should -Be $good; $out.Status | Sort-Object -Unique | Should -Be 'Restored' } }
    ) {
        $good = @(& $Good)
        $good.Count | Should -Be 2
        # Valid ids first, in the middle and last; every malformed id between them.
        $mixed = @($good[0]) + $badIds + @($good[1])
        $since = LastSeq
        $r = Split-Output $Call $mixed
        $out = $r.Output
        $errs = $r.Errors
        & $Check $out $good
        $errs.Count | Should -Be $badIds.Count
        foreach ($e in $errs) {
            $e.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $e.Exception.Message | Should -Match 'Nothing was sent'
        }
        # The message shows the long id shortened, never 10,000 characters.
        ($errs | ForEach-Object { "$_".Length } | Measure-Object -Maximum).Maximum | Should -BeLessThan 400
        # Every request of the call was for one of the valid ids.
        $log = @(RequestsSince $since)
        $log.Count | Should -BeGreaterThan 0
        foreach ($entry in $log) {
            ($entry.path -like "*$($good[0])*" -or $entry.path -like "*$($good[1])*" -or $entry.path -eq "/api/organizations/$org/tasks") | Should -BeTrue -Because "$($entry.method) $($entry.path)$($entry.query) is for a valid id"
            "$($entry.path)?$($entry.query)" | Should -Not -Match '\.\.|%2F|b=c|aaaaaaaaaa'
        }
    }
}

Describe 'Objects of another organization are refused before any request' {
    BeforeAll {
        Reset-TallyfySandbox $sb -Runs 40
        $script:other = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $sb.OtherOrganizationId -AccessToken (New-SandboxToken other) -MaxRetries 1 -PassThru
        # The other organization has no archived run and few archived tasks: archive some with its own admin.
        $null = Get-TallyfyRun -Session $other -Status active -First 2 -Skip 2 | Remove-TallyfyRun -Session $other
        $script:foreignRuns = @(Get-TallyfyRun -Session $other -Status active -First 2)
        $script:foreignArchived = @(Get-TallyfyRun -Session $other -Status archived -First 2)
        $null = Get-TallyfyTask -Session $other -OneOff -First 1 | Remove-TallyfyTask -Session $other
        $script:foreignTasks = @(Get-TallyfyTask -Session $other -OneOff -First 2)
        $script:foreignArchivedTasks = @(Get-TallyfyTask -Session $other -ArchivedOnly | Where-Object IsOneOff | Select-Object -First 2)
        $null = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -AccessToken (New-SandboxToken) -MaxRetries 1
    }

    It 'the foreign objects really are of organization 7c3d2b1a0f9e8d7c6b5a493827161504' {
        $sb.OtherOrganizationId | Should -Be '7c3d2b1a0f9e8d7c6b5a493827161504'
        foreach ($o in $foreignRuns + $foreignArchived + $foreignTasks + $foreignArchivedTasks) { $o.OrganizationId | Should -Be $sb.OtherOrganizationId }
        $foreignRuns.Count + $foreignArchived.Count | Should -Be 4
        $foreignTasks.Count | Should -Be 2
        $foreignArchivedTasks.Count | Should -BeGreaterThan 0
    }

    It '<Name> refuses piped objects of another organization with OrganizationMismatch, sending nothing, and goes on with its own' -ForEach @(
        @{ Name = 'Remove-TallyfyRun'; Call = { param($items) $items | Remove-TallyfyRun -Session $session }
            Foreign = { $foreignRuns }; Own = { @(Get-TallyfyRun -Session $session -Status active -First 1) }; OwnStatus = 'Archived' }
        @{ Name = 'Remove-TallyfyRun -Permanent -Force'; Call = { param($items) $items | Remove-TallyfyRun -Session $session -Permanent -Force }
            Foreign = { $foreignRuns + $foreignArchived }; Own = { @(Get-TallyfyRun -Session $session -Status archived -First 1) }; OwnStatus = 'Deleted' }
        @{ Name = 'Restore-TallyfyRun'; Call = { param($items) $items | Restore-TallyfyRun -Session $session -Force }
            Foreign = { $foreignArchived }; Own = { @(Get-TallyfyRun -Session $session -Status archived -First 1) }; OwnStatus = 'Restored' }
        @{ Name = 'Remove-TallyfyTask'; Call = { param($items) $items | Remove-TallyfyTask -Session $session }
            Foreign = { $foreignTasks }; Own = { @(Get-TallyfyTask -Session $session -OneOff -First 1) }; OwnStatus = 'Archived' }
        @{ Name = 'Remove-TallyfyTask -Permanent -Force'; Call = { param($items) $items | Remove-TallyfyTask -Session $session -Permanent -Force }
            Foreign = { $foreignTasks }; Own = { @(Get-TallyfyTask -Session $session -OneOff -First 1) }; OwnStatus = 'Deleted' }
        @{ Name = 'Restore-TallyfyTask'; Call = { param($items) $items | Restore-TallyfyTask -Session $session }
            Foreign = { $foreignArchivedTasks }; Own = { @(Get-TallyfyTask -Session $session -ArchivedOnly | Where-Object IsOneOff | Select-Object -First 1) }; OwnStatus = 'Restored' }
    ) {
        $foreign = @(& $Foreign)
        $foreign.Count | Should -BeGreaterThan 0
        $own = @(& $Own)
        $own.Count | Should -Be 1
        $since = LastSeq
        $r = Split-Output $Call (@($foreign) + $own)
        $out = $r.Output
        $errs = $r.Errors
        $out.Count | Should -Be 1
        "$($out[0].Status)" | Should -Be $OwnStatus
        $errs.Count | Should -Be $foreign.Count
        foreach ($e in $errs) {
            $e.FullyQualifiedErrorId | Should -BeLike 'OrganizationMismatch,*'
            "$e" | Should -Match $sb.OtherOrganizationId
            $e.ErrorDetails.RecommendedAction | Should -Match '-OrganizationId'
        }
        # Not a single request (not even a read) named a foreign object.
        foreach ($f in $foreign) { RequestsSince $since | Where-Object { $_.path -like "*$($f.Id)*" } | Should -BeNullOrEmpty }
        RequestsSince $since | Where-Object { $_.path -like "*$($sb.OtherOrganizationId)*" } | Should -BeNullOrEmpty
    }

    It 'Get-TallyfyTask refuses piped runs of another organization before any request' {
        $since = LastSeq
        $r = Split-Output { param($x) $x | Get-TallyfyTask -Session $session } $foreignRuns
        $r.Output.Count | Should -Be 0
        $r.Errors.Count | Should -Be $foreignRuns.Count
        $r.Errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'OrganizationMismatch,*' }
        RequestsSince $since | Should -BeNullOrEmpty
    }

    It 'Get-TallyfyTask refuses piped tasks of another organization before any request' {
        $since = LastSeq
        $r = Split-Output { param($x) $x | Get-TallyfyTask -Session $session } $foreignTasks
        $r.Output.Count | Should -Be 0
        $r.Errors.Count | Should -Be $foreignTasks.Count
        $r.Errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'OrganizationMismatch,*' }
        RequestsSince $since | Should -BeNullOrEmpty
    }

    It 'Get-TallyfyRun refuses piped runs of another organization before any request' {
        $since = LastSeq
        $r = Split-Output { param($x) $x | Get-TallyfyRun -Session $session } $foreignRuns
        $r.Output.Count | Should -Be 0
        $r.Errors.Count | Should -Be $foreignRuns.Count
        $r.Errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'OrganizationMismatch,*' }
        RequestsSince $since | Should -BeNullOrEmpty
    }

    It 'still acts on them when -OrganizationId names their organization (the service then decides)' {
        $since = LastSeq
        $r = @($foreignRuns[0] | Remove-TallyfyRun -Session $session -OrganizationId $sb.OtherOrganizationId -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs[0].FullyQualifiedErrorId | Should -Not -BeLike 'OrganizationMismatch,*'
        $r[0].Status | Should -Be 'Forbidden'   # the main organization's admin has no rights there
        @(RequestsSince $since | Where-Object { $_.path -like "*$($foreignRuns[0].Id)*" }).Count | Should -BeGreaterThan 0
    }
}
