# -Journal: each item's outcome recorded the moment it is known; a rerun with the same journal emits the settled
# items' results and sends nothing for them; a killed process loses only the items in flight. Against sandboxes
# this file owns (it changes their latency and reads their request logs).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 120
    $script:org = $sb.OrganizationId
    $null = Connect-TallyfySandbox $sb

    # The run ids of the logged requests (mutations only with -Mutating).
    function script:LoggedRunIds([object[]] $Log) { @($Log | ForEach-Object { RunIdOf $_.path } | Where-Object { $_ } | Sort-Object -Unique) }
    function script:ResultLines([string] $Path) { @(Get-Content -LiteralPath $Path | Where-Object { $_ -like '*"result":*' }).Count }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'A journal of Remove-TallyfyRun' {
    BeforeAll {
        $script:ids = @(Get-TallyfyRun -First 40 | ForEach-Object Id)
        $script:journal = Join-Path $TestDrive 'archive.journal'
    }

    It 'records each item, and a rerun emits the same results and sends nothing for them' {
        $first = @($ids[0..19] | Remove-TallyfyRun -Force -Journal $journal)
        $first.Status | Sort-Object -Unique | Should -Be 'Archived'
        ResultLines $journal | Should -Be 20

        $seq = LastSeq
        $again = @($ids[0..29] | Remove-TallyfyRun -Force -Journal $journal -WarningVariable w)
        $again.Count | Should -Be 30
        @($again.RunId) | Should -Be @($ids[0..29])
        $again[0..19].Status | Sort-Object -Unique | Should -Be 'Archived'
        @($again[0..19] | ForEach-Object { "$($_.CompletedAt)" }) | Should -Be @($first | ForEach-Object { "$($_.CompletedAt)" })    # the recorded results, not new ones
        $again[20..29].Status | Sort-Object -Unique | Should -Be 'Archived'
        # Nothing at all was sent for the twenty settled runs: no read, no change.
        $sent = LoggedRunIds (RequestsSince $seq)
        $sent | Where-Object { $_ -in $ids[0..19] } | Should -BeNullOrEmpty
        $sent.Count | Should -Be 10
        ResultLines $journal | Should -Be 30
    }

    It 'sends again what was not settled: a failure, a refusal, an item never reached' {
        $j = Join-Path $TestDrive 'failures.journal'
        $unknown = '0123456789abcdef0123456789abcdef'
        $r1 = @($ids[30], $unknown | Remove-TallyfyRun -Force -Journal $j -ErrorAction SilentlyContinue)
        $r1.Status | Should -Be 'Archived', 'NotFound'
        # NotFound is settled for a removal: nothing to do for a run that is gone.
        $seq = LastSeq
        $r2 = @($ids[30], $unknown, $ids[31] | Remove-TallyfyRun -Force -Journal $j -ErrorAction SilentlyContinue)
        $r2.Status | Should -Be 'Archived', 'NotFound', 'Archived'
        LoggedRunIds (RequestsSince $seq) | Should -Be @($ids[31])

        # A run that was refused (403) is sent again by the next call, and then succeeds.
        $k = Join-Path $TestDrive 'failed.journal'
        Set-TallyfySandboxFault $sb -FailIds @{ $ids[32] = 403 }
        try {
            $failed = @($ids[32] | Remove-TallyfyRun -Force -Journal $k -ErrorAction SilentlyContinue)
        }
        finally { Set-TallyfySandboxFault $sb }
        $failed.Status | Should -Not -Be 'Archived'
        $failed.Succeeded | Should -BeFalse
        $later = @($ids[32] | Remove-TallyfyRun -Force -Journal $k)
        $later.Status | Should -Be 'Archived'
        $later.Attempts | Should -BeGreaterThan 0
    }

    It 'refuses a journal of another command or action before anything is sent (JournalMismatch)' {
        $seq = LastSeq
        { $ids[0] | Remove-TallyfyRun -Permanent -Force -Journal $journal } | Should -Throw -ErrorId 'JournalMismatch,TallyfyPS.Cmdlets.RemoveTallyfyRunCommand'
        { $ids[0] | Restore-TallyfyRun -Force -Journal $journal } | Should -Throw -ErrorId 'JournalMismatch,TallyfyPS.Cmdlets.RestoreTallyfyRunCommand'
        Mutations $seq | Should -BeNullOrEmpty
    }

    It 'refuses a journal that another call is writing (JournalInUse), and one that is no journal (JournalUnreadable)' {
        $busy = Join-Path $TestDrive 'busy.journal'
        $child = Start-ChildPwsh -Script @"
Import-Module '$script:ModuleUnderTest'
`$null = Connect-Tallyfy -BaseUri '$($sb.ApiUri)' -OrganizationId '$org' -AccessToken (ConvertTo-SecureString 'tly-sandbox-admin-token' -AsPlainText -Force)
& { '$($ids[33])'; Start-Sleep -Seconds 60 } | Remove-TallyfyRun -Force -Journal '$busy'
"@
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            # Until the child has archived its run (and now sleeps with the journal open).
            while (-not ((Test-Path "$busy.lock") -and (Test-Path $busy) -and (ResultLines $busy) -ge 1) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            "$busy.lock" | Should -Exist
            $seq = LastSeq
            { $ids[34] | Remove-TallyfyRun -Force -Journal $busy } | Should -Throw -ErrorId 'JournalInUse,TallyfyPS.Cmdlets.RemoveTallyfyRunCommand'
            Mutations $seq | Should -BeNullOrEmpty
        }
        finally { $child.Process.Kill($true); $child.Process.WaitForExit(); Remove-Item $child.File -ErrorAction SilentlyContinue }
        # The lock of a process that died goes with it.
        @($ids[34] | Remove-TallyfyRun -Force -Journal $busy).Status | Should -Be 'Archived'

        $notJournal = Join-Path $TestDrive 'notes.txt'
        Set-Content $notJournal 'shopping list'
        { $ids[35] | Remove-TallyfyRun -Force -Journal $notJournal } | Should -Throw -ErrorId 'JournalUnreadable,TallyfyPS.Cmdlets.RemoveTallyfyRunCommand'
    }

    It 'neither reads nor writes a journal under -WhatIf' {
        $j = Join-Path $TestDrive 'whatif.journal'
        $ids[36] | Remove-TallyfyRun -WhatIf -Journal $j
        $j | Should -Not -Exist
    }

    It 'reads a journal back with Get-TallyfyJournal, as the results it recorded' {
        $read = @(Get-TallyfyJournal $journal)
        $read.Count | Should -Be 30
        $read[0].GetType().Name | Should -Be 'TallyfyRunRemovalResult'
        # In the order the outcomes were recorded (concurrent), each input once.
        @($read.RunId | Sort-Object) | Should -Be @($ids[0..29] | Sort-Object)
        (Get-Item $journal | Get-TallyfyJournal | Measure-Object).Count | Should -Be 30
    }
}

Describe 'A permanent deletion of 2,000 runs, killed twice and run again with its journal' -Tag 'Load' {
    BeforeAll {
        $script:big = Start-TallyfySandbox -Runs 2000
        $bigOrg = $big.OrganizationId
        $script:bigSession = Connect-TallyfySandbox $big
        $script:all = @(Get-TallyfyRun -IncludeArchived -Session $bigSession | ForEach-Object Id)
        $idsFile = Join-Path $TestDrive 'ids.txt'
        Set-Content -LiteralPath $idsFile -Value $all
        $script:j = Join-Path $TestDrive 'retention.journal'
        Set-TallyfySandboxFault $big -LatencyMs 100
        Clear-TallyfySandboxRequest $big
        $script:segments = [System.Collections.Generic.List[object]]::new()   # per call: its first seq, and the runs settled before it

        # One call in a child pwsh, killed (SIGKILL) once the journal holds $KillAt more results than before it.
        function script:RunAndKill([int] $KillAt) {
            $before = if (Test-Path $j) { ResultLines $j } else { 0 }
            $settled = if (Test-Path $j) { @(Get-TallyfyJournal $j | Where-Object Status -eq 'Deleted' | ForEach-Object RunId) } else { @() }
            $segments.Add([pscustomobject]@{ Seq = (LastSeq $big) + 1; Settled = $settled })
            $child = Start-ChildPwsh -Script @"
Import-Module '$script:ModuleUnderTest'
`$null = Connect-Tallyfy -BaseUri '$($big.ApiUri)' -OrganizationId '$bigOrg' -AccessToken (ConvertTo-SecureString 'tly-sandbox-admin-token' -AsPlainText -Force)
Get-Content '$idsFile' | Remove-TallyfyRun -Permanent -Force -Journal '$j' | Out-Null
"@
            try {
                $deadline = [DateTime]::UtcNow.AddMinutes(5)
                while ([DateTime]::UtcNow -lt $deadline -and -not $child.Process.HasExited -and (-not (Test-Path $j) -or (ResultLines $j) -lt $before + $KillAt)) {
                    Start-Sleep -Milliseconds 50
                }
                $child.Process.HasExited | Should -BeFalse -Because 'the call is killed part way'
                $child.Process.Kill($true)
                $child.Process.WaitForExit()
            }
            finally { Remove-Item $child.File -ErrorAction SilentlyContinue }
        }

        RunAndKill 500
        RunAndKill 600
        $settled = @(Get-TallyfyJournal $j | Where-Object Status -eq 'Deleted' | ForEach-Object RunId)
        $segments.Add([pscustomobject]@{ Seq = (LastSeq $big) + 1; Settled = $settled })
        $script:final = @(Get-Content $idsFile | Remove-TallyfyRun -Permanent -Force -Journal $j -Session $bigSession)
        Set-TallyfySandboxFault $big
        $script:log = @(Get-TallyfySandboxRequest $big)
    }
    AfterAll {
        Stop-TallyfySandbox $script:big
    }

    It 'was killed part way twice' {
        $segments.Count | Should -Be 3
        $segments[1].Settled.Count | Should -BeGreaterOrEqual 500
        $segments[2].Settled.Count | Should -BeGreaterOrEqual ($segments[1].Settled.Count + 600)
        $segments[2].Settled.Count | Should -BeLessThan $all.Count
    }

    It 'deleted every run exactly once (from the sandbox log)' {
        $deletes = @($log | Where-Object { $_.method -eq 'DELETE' -and $_.path -like '*/delete' -and $_.status -ge 200 -and $_.status -lt 300 })
        $perRun = $deletes | Group-Object { RunIdOf $_.path }
        $perRun.Count | Should -Be $all.Count
        @($perRun | Where-Object Count -ne 1).Name | Should -BeNullOrEmpty
        # A deletion answered 404 only for a run that was under way when a call was killed: the rerun sends it once
        # more (one harmless request that settles "gone" where the service may hide archived runs), and its result
        # says that the earlier call deleted it.
        $again = @($log | Where-Object { $_.path -like '*/delete' -and $_.status -eq 404 } | ForEach-Object { RunIdOf $_.path })
        $again.Count | Should -BeLessOrEqual (2 * 2 * 16)
        $byId = @{}; foreach ($r in $final) { $byId[$r.RunId] = $r }
        foreach ($id in $again) { $byId[$id].Message | Should -BeLike '*earlier call*' }
        (Invoke-TallyfySandboxApi -Sandbox $big -Path "organizations/$($big.OrganizationId)/runs?archived=true&per_page=1").Body.meta.pagination.total | Should -Be 0
    }

    It 'wrote one result per input in the final call, in input order, every run Deleted' {
        $final.Count | Should -Be $all.Count
        @($final.RunId) | Should -Be $all
        $final.Status | Sort-Object -Unique | Should -Be 'Deleted'
    }

    It 'sent nothing for a run the journal had settled before each call' {
        for ($i = 1; $i -lt $segments.Count; $i++) {
            $settled = [System.Collections.Generic.HashSet[string]]::new([string[]]$segments[$i].Settled)
            $end = if ($i + 1 -lt $segments.Count) { $segments[$i + 1].Seq } else { [long]::MaxValue }
            $sent = @($log | Where-Object { $_.seq -ge $segments[$i].Seq -and $_.seq -lt $end } | ForEach-Object { RunIdOf $_.path } | Where-Object { $_ -and $settled.Contains($_) })
            $sent | Should -BeNullOrEmpty -Because "call $($i + 1) must not touch the $($settled.Count) runs settled before it"
        }
    }
}

Describe 'A rerun with the journal settles what an earlier call left under way, even when it is not given again' {
    BeforeAll { $null = Connect-TallyfySandbox $sb }

    It 'settles a run whose permanent deletion the earlier call had under way, though the listing that fed it no longer has it' {
        Reset-TallyfySandbox $sb -Runs 120
        $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First 2)
        $given = $ids[0]; $left = $ids[1]
        $journal = Join-Path $TestDrive 'leftover.journal'
        # An earlier call: it deleted $given, and was killed while $left's deletion was under way (both steps noted) after
        # Tallyfy had applied it; so the run no longer exists, and no listing gives it to a rerun.
        $first = @(Remove-TallyfyRun -Id $given -Permanent -Force -Journal $journal)
        $first.Status | Should -Be 'Deleted'
        $at = (Get-Date).ToUniversalTime().ToString('o')
        Add-Content -LiteralPath $journal -Value ('{"key":"' + $left + '","step":"archiving","at":"' + $at + '"}')
        Add-Content -LiteralPath $journal -Value ('{"key":"' + $left + '","step":"deleting","at":"' + $at + '"}')
        (Invoke-TallyfySandboxApi -Sandbox $sb -Method DELETE -Path "organizations/$org/runs/$left").Status | Should -Be 200
        (Invoke-TallyfySandboxApi -Sandbox $sb -Method DELETE -Path "organizations/$org/runs/$left/delete").Status | Should -BeIn 200, 204
        $null = Get-TallyfyJournal $journal -WarningVariable before
        @($before).Count | Should -Be 1 -Because 'the journal holds one item under way'

        $since = LastSeq
        $rerun = @(Remove-TallyfyRun -Id $given -Permanent -Force -Journal $journal -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        $rerun.RunId | Should -Be @($given, $left)                       # the one given, replayed; then the one left under way
        $rerun[1].Status | Should -Be 'Deleted'
        # Nothing is applied twice: the interrupted deletion is tried again as a rerun given the run would, and the 404s say
        # the earlier call's deletion was applied.
        @(Mutations $since | Where-Object { $_.Status -lt 400 }) | Should -BeNullOrEmpty
        $read = @(Get-TallyfyJournal $journal -WarningVariable after)
        @($after) | Should -BeNullOrEmpty
        @($read | Where-Object RunId -eq $left).Status | Should -Be 'Deleted'
    }

    It 'leaves the journal alone under -WhatIf' {
        $journal = Join-Path $TestDrive 'leftover-whatif.journal'
        $id = @(Get-TallyfySandboxRunId $sb | Select-Object -First 1)[0]
        $since = LastSeq
        Remove-TallyfyRun -Id $id -Permanent -Journal $journal -WhatIf
        Test-Path $journal | Should -BeFalse
        @(Mutations $since) | Should -BeNullOrEmpty
    }
}
