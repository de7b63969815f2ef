# The handover (issue 24): Get-TallyfyAssignment lists what a leaver is assigned to, Move-TallyfyAssignment hands it over
# keeping every other owner, guest, group and member, one read and one write per record. This file owns its sandbox
# (it reads the request log and changes people).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 40
    $script:org = $sb.OrganizationId
    $null = Connect-TallyfySandbox $sb
    $script:marco = 'marco.reyes@acme.example'
    $script:dana = 'dana.whitfield@acme.example'
    function script:Api([string] $Path) { (Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/$Path").Body }
    # Every record an assignment lives on, as the API shows it now: who is on it, by bucket.
    function script:StateOf($Assignment) {
        switch ($Assignment.Kind) {
            { $_ -in 'RunTask', 'OneOffTask' } { $t = (Api "tasks/$($Assignment.Id)").data; return [pscustomobject]@{ Users = @($t.owners.users); Guests = @($t.owners.guests); Groups = @($t.owners.groups); Owner = $null } }
            { $_ -in 'RunOwner', 'RunMember' } { $r = (Api "runs/$($Assignment.Id)").data; return [pscustomobject]@{ Users = @($r.users); Guests = @(); Groups = @($r.groups | ForEach-Object { if ($_ -is [string]) { $_ } else { $_.id } }); Owner = $r.owner_id } }
            'TemplateStep' { $s = (Api "checklists/$($Assignment.TemplateId)/steps/$($Assignment.Id)").data; return [pscustomobject]@{ Users = @($s.assignees); Guests = @($s.guests); Groups = @($s.groups); Owner = $s.title } }
            'GroupMember' { $g = (Api 'groups?per_page=100').data | Where-Object id -eq $Assignment.Id; return [pscustomobject]@{ Users = @($g.members); Guests = @($g.guests); Groups = @(); Owner = $g.description } }
        }
    }
    function script:Swapped([object[]] $Ids) { @($Ids | ForEach-Object { if ($_ -eq 1002) { 1001 } else { $_ } } | Select-Object -Unique) }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Get-TallyfyAssignment' {
    It 'the seeded leaver has open tasks across many runs, one-off tasks, owned runs, run memberships, template steps and groups' {
        $a = @(Get-TallyfyAssignment -User $marco)
        $a[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyAssignment])
        @($a | Where-Object Kind -eq RunTask | Select-Object -ExpandProperty RunId -Unique).Count | Should -BeGreaterOrEqual 3
        @($a | Where-Object Kind -eq OneOffTask).Count | Should -BeGreaterOrEqual 1
        @($a | Where-Object Kind -eq RunOwner).Count | Should -BeGreaterOrEqual 1
        @($a | Where-Object Kind -eq RunMember).Count | Should -BeGreaterOrEqual 1
        @($a | Where-Object Kind -eq TemplateStep | Select-Object -ExpandProperty TemplateId -Unique).Count | Should -BeGreaterOrEqual 2
        @($a | Where-Object Kind -eq GroupMember).Count | Should -BeGreaterOrEqual 2
        $a.From | Select-Object -Unique | Should -Be $marco
        ($a | Where-Object To) | Should -BeNullOrEmpty
        # A run owned and joined: its two rows come one after the other (Move-TallyfyAssignment changes it once).
        $runRows = @($a | Where-Object Kind -in RunOwner, RunMember)
        foreach ($id in ($runRows | Group-Object Id | Where-Object Count -gt 1).Name) {
            $at = @(for ($i = 0; $i -lt $a.Count; $i++) { if ($a[$i].Id -eq $id) { $i } })
            ($at[1] - $at[0]) | Should -Be 1
        }
    }

    It 'lists completed tasks nowhere, and reads pages, never a record one by one' {
        $since = LastSeq
        $a = @(Get-TallyfyAssignment -User 1002)
        $reads = @(RequestsSince $since)
        $reads.Count | Should -BeLessOrEqual 8
        @($reads | Where-Object path -match '/(tasks|runs|steps)/[0-9a-f]{32}$') | Should -BeNullOrEmpty
        $done = @((Api 'tasks?owners=1002&status=completed&per_page=100').data)
        $done.Count | Should -BeGreaterThan 0   # the seed has completed tasks of his: history
        @($a | Where-Object Id -in $done.id) | Should -BeNullOrEmpty
    }

    It 'a user that is nobody is UserNotFound' {
        { Get-TallyfyAssignment -User nobody@acme.example -ErrorAction Stop } | Should -Throw -ErrorId 'UserNotFound,TallyfyPS.Cmdlets.GetTallyfyAssignmentCommand'
    }

    It 'a mistyped email is UserNotFound naming the nearest member, as the people cmdlets do (-User, -To, -ReassignTo, Remove-TallyfyUser -Id)' {
        $since = LastSeq
        $null = Get-TallyfyAssignment -User marco.reyse@acme.example -ErrorVariable e1 -ErrorAction SilentlyContinue
        $e1[0].Exception.Message | Should -BeLike "*-User 'marco.reyse@acme.example'*did you mean 'marco.reyes@acme.example'?*"
        { Get-TallyfyAssignment -User $marco | Move-TallyfyAssignment -To dana.whitfeild@acme.example -ErrorAction Stop } | Should -Throw "*did you mean 'dana.whitfield@acme.example'?*"
        { Remove-TallyfyUser -Id x@acme.example -ReassignTo dana.whitfeild@acme.example -ErrorAction Stop } | Should -Throw "*did you mean 'dana.whitfield@acme.example'?*"
        $one = Get-TallyfyAssignment -User $marco | Select-Object -First 1
        $one.To = 'dana.whitfeild@acme.example'
        $moved = @($one | Move-TallyfyAssignment -Force -ErrorVariable e3 -ErrorAction SilentlyContinue)
        $moved.Status | Should -Be 'Refused'
        $e3[0].Exception.Message | Should -BeLike "*did you mean 'dana.whitfield@acme.example'?*"
        $r = @(Remove-TallyfyUser -Id marco.reyse@acme.example -ErrorVariable e2 -ErrorAction SilentlyContinue)
        $r.Status | Should -Be 'Refused'
        ($e2[0].FullyQualifiedErrorId -split ',')[0] | Should -Be 'UserNotFound'
        $e2[0].Exception.Message | Should -BeLike "*did you mean 'marco.reyes@acme.example'?*"
        Mutations $since | Should -BeNullOrEmpty
    }
}

Describe 'Tab completion of people' {
    It 'completes <_> with members'' emails' -ForEach @('Get-TallyfyAssignment -User marc', 'Move-TallyfyAssignment -To dan', 'Remove-TallyfyUser -Id marc', 'Remove-TallyfyUser -Id x -ReassignTo dan') {
        $found = @((TabExpansion2 -inputScript $_ -cursorColumn $_.Length).CompletionMatches.CompletionText)
        $found | Should -Contain $(if ($_ -like '*dan') { $dana } else { $marco })
    }
}

Describe 'Move-TallyfyAssignment refusals and previews' {
    It 'a CSV plan round trips, and -WhatIf previews every record and sends nothing' {
        $csv = Join-Path $TestDrive 'plan.csv'
        Get-TallyfyAssignment -User $marco | Export-Csv $csv
        $rows = @(Import-Csv $csv)
        $rows.Count | Should -BeGreaterThan 10
        $since = LastSeq
        $out = @($rows | Move-TallyfyAssignment -To $dana -WhatIf 6>&1 5>&1 4>&1 3>&1)
        Mutations $since | Should -BeNullOrEmpty
        @($out | Where-Object { $_ -is [TallyfyPS.Model.TallyfyAssignmentMoveResult] }) | Should -BeNullOrEmpty
    }

    It 'refuses, before sending, a To that is nobody, disabled, or the leaver (a row''s To wins over -To)' {
        { Get-TallyfyAssignment -User $marco | Move-TallyfyAssignment -To nobody@acme.example -ErrorAction Stop } | Should -Throw -ErrorId 'UserNotFound,TallyfyPS.Cmdlets.MoveTallyfyAssignmentCommand'
        $one = Get-TallyfyAssignment -User $marco | Where-Object Kind -eq GroupMember | Select-Object -First 1
        $since = LastSeq
        $rows = @(
            [pscustomobject]@{ Kind = $one.Kind; Id = $one.Id; From = $marco; To = 'amara.okafor@acme.example' }   # disabled
            [pscustomobject]@{ Kind = $one.Kind; Id = $one.Id; From = $marco; To = $marco }
        )
        $r = @($rows | Move-TallyfyAssignment -To $dana -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        Mutations $since | Should -BeNullOrEmpty
        $r.Status | Should -Be @('Refused', 'Refused')
        @($errs).Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidHandoverTarget*'
        $errs[0].Exception.Message | Should -BeLike '*disabled*'
        $errs[1].Exception.Message | Should -BeLike '*the person it would be moved from*'
    }
}

Describe 'Remove-TallyfyUser' {
    It 'refuses a member with open assignments, counting each kind and naming the handover command; nothing is sent' {
        $since = LastSeq
        $r = @(Remove-TallyfyUser -Id $marco -ErrorVariable errs -ErrorAction SilentlyContinue)
        Mutations $since | Should -BeNullOrEmpty
        $r.Status | Should -Be 'Refused'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'OpenAssignments,*'
        $errs[0].Exception.Message | Should -Match 'RunTask \d+.*TemplateStep \d+.*GroupMember \d+'
        $errs[0].ErrorDetails.RecommendedAction | Should -BeLike '*Get-TallyfyAssignment -User marco.reyes@acme.example | Move-TallyfyAssignment -To*'
    }

    It 'takes rows with an Email or Id column, as Disable-TallyfyUser does (Import-Csv leavers.csv | ...)' {
        $since = LastSeq
        $rows = @([pscustomobject]@{ Email = $marco }, [pscustomobject]@{ Id = 1002 })
        @($rows | Get-TallyfyAssignment -ErrorAction Stop).Count | Should -Be (2 * @(Get-TallyfyAssignment -User $marco).Count)
        $r = @($rows | Remove-TallyfyUser -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r.Status | Should -Be @('Refused', 'Refused')
        @($errs.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] }) | Should -Be @('OpenAssignments', 'OpenAssignments')
        Mutations $since | Should -BeNullOrEmpty
    }

    It 'refuses the default admin and bots before sending anything' {
        $since = LastSeq
        $r = @(Remove-TallyfyUser -Id $dana, 1011 -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        Mutations $since | Should -BeNullOrEmpty
        $r.Status | Should -Be @('Refused', 'Refused')
        @($errs.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] }) | Should -Be @('UserNotRemovable', 'UserNotRemovable')
    }
}

Describe 'Rows on one record that are apart (a plan sorted by kind)' {
    AfterAll { Reset-TallyfySandbox $sb -Runs 40 }

    It 'moves both, losing neither, and a journalled rerun replays each as its own' {
        $runs = @(Get-TallyfyAssignment -User $marco | Where-Object Kind -in RunOwner, RunMember)
        $both = @($runs | Group-Object Id | Where-Object Count -gt 1 | ForEach-Object Name)
        $both.Count | Should -BeGreaterThan 0
        $sorted = @($runs | Sort-Object Kind)   # every RunMember row, then every RunOwner row
        $journal = Join-Path $TestDrive 'apart.journal'
        # Slow writes: the later rows' reads come while the earlier rows' writes are under way.
        Set-TallyfySandboxFault $sb -LatencyMs 300 -Methods PUT
        try { $r = @($sorted | Move-TallyfyAssignment -To $dana -Journal $journal -Force) } finally { Set-TallyfySandboxFault $sb }
        @($r | Where-Object Status -ne Moved) | Should -BeNullOrEmpty
        for ($i = 0; $i -lt $sorted.Count; $i++) { $r[$i].Kind | Should -Be $sorted[$i].Kind }
        foreach ($id in $both) {
            $run = (Api "runs/$id").data
            $run.owner_id | Should -Be 1001
            @($run.users) | Should -Not -Contain 1002
            @($run.users) | Should -Contain 1001
        }
        $since = LastSeq
        $again = @($sorted | Move-TallyfyAssignment -To $dana -Journal $journal -Force)
        Mutations $since | Should -BeNullOrEmpty
        for ($i = 0; $i -lt $sorted.Count; $i++) { $again[$i].Kind | Should -Be $sorted[$i].Kind; $again[$i].Status | Should -Be 'Moved' }
    }
}

Describe 'The offboarding recipe' {
    It 'hands everything over: nothing left, every other owner, guest, group and member kept, completed tasks untouched, one read and one write per record' {
        $plan = @(Get-TallyfyAssignment -User $marco)
        $before = @{}
        foreach ($a in $plan) { $before["$($a.Kind)|$($a.Id)"] = StateOf $a }
        $done = @((Api 'tasks?owners=1002&status=completed&per_page=100').data)
        $doneBefore = @{}; foreach ($t in $done) { $doneBefore[$t.id] = ($t.owners | ConvertTo-Json -Compress) }
        $journal = Join-Path $TestDrive 'handover.journal'
        $csv = Join-Path $TestDrive 'handover.csv'
        $since = LastSeq

        Get-TallyfyAssignment -User $marco | Move-TallyfyAssignment -To $dana -Journal $journal -Force | Export-Csv $csv
        $log = @(RequestsSince $since)

        $results = @(Import-Csv $csv)
        $results.Count | Should -Be $plan.Count
        @($results | Where-Object Status -ne Moved) | Should -BeNullOrEmpty
        @($results | Where-Object PerformedBy -ne $dana) | Should -BeNullOrEmpty   # the sandbox session signs in as Dana
        @(Get-TallyfyAssignment -User $marco) | Should -BeNullOrEmpty

        foreach ($a in $plan) {
            $was = $before["$($a.Kind)|$($a.Id)"]
            $now = StateOf $a
            if ($a.Kind -eq 'RunOwner') { $now.Owner | Should -Be 1001 } else { @($now.Users) | Should -Be (Swapped $was.Users) -Because "$($a.Kind) $($a.Name)" }
            @($now.Guests) | Should -Be @($was.Guests) -Because "$($a.Kind) $($a.Name) keeps its guests"
            @($now.Groups) | Should -Be @($was.Groups) -Because "$($a.Kind) $($a.Name) keeps its groups"
            if ($a.Kind -eq 'RunMember') { $now.Owner | Should -Be (Swapped @($was.Owner))[0] }
            if ($a.Kind -in 'TemplateStep', 'GroupMember') { $now.Owner | Should -Be $was.Owner }   # title / description kept
        }

        foreach ($t in $done) { ((Api "tasks/$($t.id)").data.owners | ConvertTo-Json -Compress) | Should -Be $doneBefore[$t.id] }

        # At most one read and one write per record (a run owned and joined included).
        foreach ($record in ($plan | Group-Object { "$($_.Kind -replace 'Owner|Member$', '')|$($_.Id)" })) {
            $a = $record.Group[0]
            $mine = @(switch -Regex ($a.Kind) {
                'Task' { $log | Where-Object path -like "*/tasks/$($a.Id)" }
                'Run(Owner|Member)' { $log | Where-Object path -like "*/runs/$($a.Id)" }
                'TemplateStep' { $log | Where-Object path -like "*/steps/$($a.Id)" }
                'GroupMember' { $log | Where-Object { $_.path -like "*/groups/$($a.Id)" -or ($_.path -like '*/groups' -and $_.query -like "*q=$([uri]::EscapeDataString($a.Name))*") } }
            })
            @($mine | Where-Object method -eq GET).Count | Should -BeLessOrEqual 1 -Because "$($a.Kind) $($a.Name) is read once"
            @($mine | Where-Object method -ne GET).Count | Should -Be 1 -Because "$($a.Kind) $($a.Name) is written once"
        }

        # The run owned and joined: one write for both rows.
        $both = $plan | Where-Object Kind -in RunOwner, RunMember | Group-Object Id | Where-Object Count -gt 1 | Select-Object -First 1
        if ($both) { @($log | Where-Object { $_.method -eq 'PUT' -and $_.path -like "*/runs/$($both.Name)" }).Count | Should -Be 1 }

        # A rerun of the same journal sends nothing and writes every result again.
        $since = LastSeq
        $again = @($plan | Move-TallyfyAssignment -To $dana -Journal $journal -Force)
        Mutations $since | Should -BeNullOrEmpty
        $again.Count | Should -Be $plan.Count
        @($again | Where-Object Status -ne Moved) | Should -BeNullOrEmpty
    }

    It 'is followed by Disable-TallyfyUser (the people cmdlets), and then Remove-TallyfyUser finds nothing open' {
        $since = LastSeq
        (Disable-TallyfyUser -Id $marco -Confirm:$false).Status | Should -Be 'Disabled'
        @(Mutations $since).Count | Should -Be 1
        (Api 'users/1002').data.status | Should -Be 'disabled'
        @(Get-TallyfyAssignment -User $marco) | Should -BeNullOrEmpty
    }

    It 'leaves nothing for Remove-TallyfyUser to refuse' {
        (Remove-TallyfyUser -Id $marco).Status | Should -BeIn 'Removed', 'AlreadyRemoved'
        (Api 'users/1002').data.status | Should -Be 'disabled'
    }

    It '-WhatIf sends nothing; Remove-TallyfyUser -ReassignTo is Tallyfy''s all-or-nothing move of tasks only; -Permanent deletes (another leaver, after the recipe)' {
        $since = LastSeq
        Remove-TallyfyUser -Id liam.oconnor@acme.example -ReassignTo $dana -Permanent -WhatIf
        Mutations $since | Should -BeNullOrEmpty
        $steps = @(Get-TallyfyAssignment -User liam.oconnor@acme.example | Where-Object Kind -ne GroupMember)
        $r = Remove-TallyfyUser -Id liam.oconnor@acme.example -ReassignTo $dana
        $r.Status | Should -Be 'Removed'
        $r.ReassignedTo | Should -Be $dana
        $sent = @(Mutations $since)
        $sent.Count | Should -Be 1
        $sent[0].query | Should -BeLike '*with_reassignment=true*to=1001*'
        (Api 'users/1004').data.status | Should -Be 'disabled'
        # Nothing but tasks moved: the step assignments and groups are still Liam's.
        @(Get-TallyfyAssignment -User liam.oconnor@acme.example | Where-Object Kind -ne GroupMember).Count | Should -Be $steps.Count
        (Remove-TallyfyUser -Id liam.oconnor@acme.example).Status | Should -Be 'AlreadyRemoved'
        $liam = Get-TallyfyUser -Email liam.oconnor@acme.example
        # The deletion's answer is lost (the connection drops after Tallyfy applied it): a read of the member settles it, nothing is sent twice.
        $since = LastSeq
        Set-TallyfySandboxFault $sb @{ resetAfterRate = 1.0; methods = @('DELETE') }
        try { $d = Remove-TallyfyUser -Id liam.oconnor@acme.example -Permanent -Force } finally { Set-TallyfySandboxFault $sb @{} }
        @(Mutations $since).Count | Should -Be 1
        $d.Status | Should -Be 'Deleted'
        $d.Action | Should -Be 'Delete'
        @((Api 'users?per_page=100').data | Where-Object id -eq 1004) | Should -BeNullOrEmpty
        # The user read before, piped again once deleted: refused as nobody (as Disable-TallyfyUser does), nothing sent.
        $since = LastSeq
        $gone = @($liam | Remove-TallyfyUser -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $gone.Status | Should -Be 'Refused'
        $errs.Count | Should -Be 1
        ($errs[0].FullyQualifiedErrorId -split ',')[0] | Should -Be 'UserNotFound'
        $errs[0].Exception.Message | Should -BeLike '*liam.oconnor@acme.example*'
        Mutations $since | Should -BeNullOrEmpty
    }
}
