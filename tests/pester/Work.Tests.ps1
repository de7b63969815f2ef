# Working on tasks and runs: Complete-TallyfyTask (approve, reject), Undo-TallyfyTaskCompletion, Set-TallyfyRun,
# Set-TallyfyTask, comments, and every trap of the contract's "Beyond deletion" that concerns them, proven from the
# sandbox's stored state and request log. The file owns its sandbox.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 80
    $script:org = $sb.OrganizationId
    $null = Connect-TallyfySandbox $sb
    function script:TaskState([string] $Id) { Invoke-TallyfySandboxControl $sb GET "state/tasks/$Id" }
    function script:RunState([string] $Id) { Invoke-TallyfySandboxControl $sb GET "state/runs/$Id" }
    function script:Notified([string] $Id) { (Invoke-TallyfySandboxControl $sb GET "state/tasks/$Id/notifications").notifications }
    # Tasks of runs that are open, by type, not used by another test yet.
    $script:used = [Collections.Generic.HashSet[string]]::new()
    function script:Take([int] $Count, [string[]] $Type = @('task'), [switch] $Completed, [switch] $OneOff) {
        $picked = @(Get-TallyfyTask | Where-Object {
                $_.TaskType -in $Type -and ([bool]$_.IsOneOff -eq [bool]$OneOff) -and
                (($_.Status -eq 'completed') -eq [bool]$Completed) -and -not $used.Contains($_.Id)
            } | Select-Object -First $Count)
        if ($picked.Count -lt $Count) { throw "The sandbox has only $($picked.Count) such tasks ($Type, completed: $Completed); the test needs $Count." }
        $picked | ForEach-Object { $null = $used.Add($_.Id) }
        $picked
    }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Completing tasks in bulk' {
    It 'completes open tasks in input order and never completes a completed task again (notification count)' {
        $open = @(Take 8)
        $done = @(Take 3 -Completed)
        $tasks = @($open[0..2]) + $done[0] + @($open[3..5]) + $done[1] + @($open[6..7]) + $done[2]
        $before = @{}; foreach ($t in $tasks) { $before[$t.Id] = Notified $t.Id }
        $seq = LastSeq
        $results = @($tasks | Complete-TallyfyTask -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 0
        $results.TaskId | Should -Be $tasks.Id                                   # one result each, input order
        $results | ForEach-Object { $_ | Should -BeOfType ([TallyfyPS.Model.TallyfyTaskCompletionResult]) }
        foreach ($n in 0..($tasks.Count - 1)) {
            $t = $tasks[$n]
            $expected = if ($t.Status -eq 'completed') { 'AlreadyCompleted' } else { 'Completed' }
            $results[$n].Status | Should -Be $expected
            (TaskState $t.Id).status | Should -Be 'completed'
            # The trap: a second completion would answer 200 and notify again. Completed tasks got no notification.
            (Notified $t.Id) | Should -Be ($before[$t.Id] + $(if ($expected -eq 'Completed') { 1 } else { 0 }))
        }
        @(Mutations $seq).Count | Should -Be $open.Count
        @(Mutations $seq | Where-Object { $_.path -match ($done.Id -join '|') }) | Should -BeNullOrEmpty
    }

    It 'reads tasks given by id before completing them, and sends nothing for one completed already' {
        $open = @(Take 2)
        $done = @(Take 1 -Completed)
        $ids = @($open[0].Id, $done[0].Id, $open[1].Id)
        $n0 = Notified $done[0].Id
        $seq = LastSeq
        $results = @(Complete-TallyfyTask -Id $ids -Force)
        $results.Status | Should -Be @('Completed', 'AlreadyCompleted', 'Completed')
        $results[0].RunId | Should -Be $open[0].RunId
        (Notified $done[0].Id) | Should -Be $n0
        @(Mutations $seq).Count | Should -Be 2
    }

    It 'completes each task once when the same task objects are piped twice: the second call reads them again' {
        $open = @(Take 3)
        $before = @{}; foreach ($t in $open) { $before[$t.Id] = Notified $t.Id }
        $first = @($open | Complete-TallyfyTask -Force)
        $first.Status | Should -Be @('Completed', 'Completed', 'Completed')
        $open.Status | Should -Not -Contain 'completed'                          # the objects still say open
        $seq = LastSeq
        $second = @($open | Complete-TallyfyTask -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 0
        $second.TaskId | Should -Be $open.Id
        $second.Status | Should -Be @('AlreadyCompleted', 'AlreadyCompleted', 'AlreadyCompleted')
        foreach ($t in $open) { (Notified $t.Id) | Should -Be ($before[$t.Id] + 1) }   # one notification each, not two
        @(Mutations $seq) | Should -BeNullOrEmpty
        @(RequestsSince $seq | Where-Object method -eq 'GET').Count | Should -Be 3    # each read again, once
    }

    It 'completes a task given twice in one call once, and refuses the repeat with TaskRepeated' {
        $open = @(Take 2)
        $done = @(Take 1 -Completed)
        $n = @{}; foreach ($t in $open + $done) { $n[$t.Id] = Notified $t.Id }
        $rows = @(
            [pscustomobject]@{ TaskId = $open[0].Id; RunId = $open[0].RunId }
            [pscustomobject]@{ TaskId = $open[1].Id; RunId = $open[1].RunId }
            [pscustomobject]@{ TaskId = $open[0].Id; RunId = $open[0].RunId }      # a repeated CSV row
            [pscustomobject]@{ TaskId = $done[0].Id; RunId = $done[0].RunId }
            [pscustomobject]@{ TaskId = $done[0].Id; RunId = $done[0].RunId }
        )
        $seq = LastSeq
        $results = @($rows | Complete-TallyfyTask -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $results.TaskId | Should -Be @($open[0].Id, $open[1].Id, $done[0].Id, $done[0].Id)
        $results.Status | Should -Be @('Completed', 'Completed', 'AlreadyCompleted', 'AlreadyCompleted')
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'TaskRepeated,TallyfyPS.Cmdlets.CompleteTallyfyTaskCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].ErrorDetails.Message | Should -Match $open[0].Id
        $errs[0].TargetObject.TaskId | Should -Be $open[0].Id
        (Notified $open[0].Id) | Should -Be ($n[$open[0].Id] + 1)               # once, not twice
        (Notified $done[0].Id) | Should -Be $n[$done[0].Id]
        @(Mutations $seq).Count | Should -Be 2
    }

    It 'reads a task object read more than 10 seconds ago before completing it (completed by someone else meanwhile)' {
        $open = @(Take 2)
        $elsewhere = $open[0]
        $answer = Invoke-TallyfySandboxApi $sb -Method POST -Path "organizations/$org/runs/$($elsewhere.RunId)/completed-tasks" -Body @{ task_id = $elsewhere.Id }
        $answer.Status | Should -Be 200
        $n0 = Notified $elsewhere.Id
        Start-Sleep -Seconds 11                                                   # the objects are now stale
        $seq = LastSeq
        $results = @($open | Complete-TallyfyTask -Force)
        $results.Status | Should -Be @('AlreadyCompleted', 'Completed')
        (Notified $elsewhere.Id) | Should -Be $n0
        @(Mutations $seq).Count | Should -Be 1                                   # the other task's completion
        (TaskState $open[1].Id).status | Should -Be 'completed'
    }

    It 'approves and rejects approval tasks, and refuses the switch on other types before sending' {
        $approvals = @(Take 4 -Type approval)
        $seq = LastSeq
        $approved = @($approvals[0..1] | Complete-TallyfyTask -Approve -Force)
        $rejected = @($approvals[2..3] | Complete-TallyfyTask -Reject -Force)
        $approved.Status | Should -Be @('Approved', 'Approved')
        $rejected.Status | Should -Be @('Rejected', 'Rejected')
        $approvals[0..1] | ForEach-Object { (TaskState $_.Id).outcome | Should -Be 'approved' }
        $approvals[2..3] | ForEach-Object { (TaskState $_.Id).outcome | Should -Be 'rejected' }
        @(Mutations $seq).Count | Should -Be 4

        $plain = @(Take 1)
        $approval = @(Take 1 -Type approval)
        $seq = LastSeq
        $out = @($plain | Complete-TallyfyTask -Approve -Force -ErrorVariable e1 -ErrorAction SilentlyContinue)
        $out2 = @($approval | Complete-TallyfyTask -Force -ErrorVariable e2 -ErrorAction SilentlyContinue)
        $out + $out2 | Should -BeNullOrEmpty
        $e1[0].FullyQualifiedErrorId | Should -BeLike 'NotAnApproval,*'
        $e2[0].FullyQualifiedErrorId | Should -BeLike 'ApprovalRequired,*'
        $e1[0].ErrorDetails.Message | Should -Match $plain[0].Id
        @(Mutations $seq) | Should -BeNullOrEmpty
        { Complete-TallyfyTask -Id $approval[0].Id -Approve -Reject } | Should -Throw -ErrorId 'ConflictingParameters,TallyfyPS.Cmdlets.CompleteTallyfyTaskCommand'
    }

    It 'never sends a rejection to an expiring task (Tallyfy would record it as expired without a word)' {
        $expiring = @(Take 1 -Type expiring, expiring_email)
        $seq = LastSeq
        $out = @($expiring | Complete-TallyfyTask -Reject -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'NotAnApproval,*'
        $errs[0].ErrorDetails.Message | Should -Match 'expired'
        (TaskState $expiring[0].Id).outcome | Should -BeNullOrEmpty
        @(Mutations $seq) | Should -BeNullOrEmpty
    }

    It 'completes one-off tasks too' {
        $oneOff = @(Take 1 -OneOff)
        $r = $oneOff | Complete-TallyfyTask -Force
        $r.Status | Should -Be 'Completed'
        $r.RunId | Should -BeNullOrEmpty
        (TaskState $oneOff[0].Id).status | Should -Be 'completed'
    }
}

Describe 'Reopening from results' {
    It 'reopens what Complete-TallyfyTask completed and leaves what was completed before' {
        $open = @(Take 3)
        $done = @(Take 1 -Completed)
        $results = @(@($open) + $done | Complete-TallyfyTask -Force)
        $seq = LastSeq
        $undone = @($results | Undo-TallyfyTaskCompletion -Force)
        $undone.TaskId | Should -Be $results.TaskId
        $undone.Status | Should -Be @('Reopened', 'Reopened', 'Reopened', 'AlreadyCompleted')
        $open | ForEach-Object { (TaskState $_.Id).status | Should -Not -Be 'completed' }
        (TaskState $done[0].Id).status | Should -Be 'completed'
        @(Mutations $seq).Count | Should -Be 3
        # Reopening an open task sends nothing.
        $seq = LastSeq
        (Undo-TallyfyTaskCompletion -Id $open[0].Id -Force).Status | Should -Be 'AlreadyOpen'
        @(Mutations $seq) | Should -BeNullOrEmpty
        (Get-Alias Reopen-TallyfyTask).Definition | Should -Be 'Undo-TallyfyTaskCompletion'
    }
}

Describe 'Set-TallyfyRun keeps members and groups' {
    BeforeAll {
        $script:run = Get-TallyfyRun -Status active -First 1
        # Give the run two members and two groups, through the API itself.
        $null = Invoke-TallyfySandboxApi $sb -Method PUT -Path "organizations/$org/runs/$($run.Id)" -Body @{
            users = @(1001, 1004); groups = @('9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d01', '9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d02')
        }
        $script:before = RunState $run.Id
    }

    It 'renames a run and sends its users and groups back (the PUT trap would clear them)' {
        $seq = LastSeq
        $updated = $run | Set-TallyfyRun -Name 'Renamed by the test' -Force
        $updated | Should -BeOfType ([TallyfyPS.Model.TallyfyRunUpdateResult])
        $updated.Status | Should -Be 'Updated'
        $updated.RunId | Should -Be $run.Id
        $updated.Name | Should -Be 'Renamed by the test'
        $updated.PerformedBy | Should -Be (Get-TallyfyContext).User.Email
        $updated.Attempts | Should -BeGreaterOrEqual 2                      # the fresh read and the update
        $updated.Run | Should -BeOfType ([TallyfyPS.Model.TallyfyRun])
        $after = RunState $run.Id
        $after.name | Should -Be 'Renamed by the test'
        @($after.users) | Should -Be @($before.users)
        @($after.groups) | Should -Be @($before.groups)
        @($after.users).Count | Should -Be 2
        @($after.groups).Count | Should -Be 2
        ($after.prerun | ConvertTo-Json -Depth 5) | Should -Be ($before.prerun | ConvertTo-Json -Depth 5)
        @(Mutations $seq).Count | Should -Be 1
    }

    It 'sets the owner by email, the summary, starred and one kick-off field, and changes nothing else' {
        $template = Get-TallyfyTemplate -Id $run.BlueprintId
        $field = $template.KickoffFields | Where-Object { $_.Type -eq 'text' } | Select-Object -First 1
        $other = @($before.prerun.PSObject.Properties.Name | Where-Object { $_ -ne $field.Id })
        $null = Set-TallyfyRun -Id $run.Id -Owner 'liam.oconnor@acme.example' -Summary 'New summary' -Starred -Field @{ $field.Label = 'Changed value' } -Force
        $after = RunState $run.Id
        $after.ownerId | Should -Be 1004
        $after.summary | Should -Be 'New summary'
        $after.starred | Should -BeTrue
        $after.prerun.($field.Id) | Should -Be 'Changed value'
        foreach ($k in $other) { ($after.prerun.$k | ConvertTo-Json -Depth 5) | Should -Be ($before.prerun.$k | ConvertTo-Json -Depth 5) }
        @($after.users).Count | Should -Be 2
        @($after.groups).Count | Should -Be 2
    }

    It 'refuses an unknown kick-off field name before sending (the service would drop it with a 200)' {
        $seq = LastSeq
        $out = @(Set-TallyfyRun -Id $run.Id -Field @{ 'No such field' = 'x' } -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Status | Should -Be 'Refused'                                   # a result for the run, and its error
        $out.RunId | Should -Be $run.Id
        $out.Message | Should -Match 'No such field'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'FieldNotFound,*'
        $errs[0].ErrorDetails.Message | Should -Match 'No such field'
        @(Mutations $seq) | Should -BeNullOrEmpty
    }
}

Describe 'Set-TallyfyTask owners and fields' {
    BeforeAll {
        $script:task = (Take 1 -Type task)[0]
        $null = Invoke-TallyfySandboxApi $sb -Method PUT -Path "organizations/$org/runs/$($task.RunId)/tasks/$($task.Id)" -Body @{
            owners = @{ users = @(1002); guests = @('sam.lee@northwind.example'); groups = @('9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d03') }
        }
    }

    It 'adds a user by email, a guest and a group, keeping every bucket (a partial owners would empty the others)' {
        $seq = LastSeq
        $updated = $task | Set-TallyfyTask -AddOwner 'priya.natarajan@acme.example', 'olga.petrov@contoso.example', '9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d01' -Force -PassThru
        $updated | Should -BeOfType ([TallyfyPS.Model.TallyfyTask])
        $o = (TaskState $task.Id).owners
        @($o.users) | Sort-Object | Should -Be @(1002, 1003)
        @($o.guests) | Sort-Object | Should -Be @('olga.petrov@contoso.example', 'sam.lee@northwind.example')
        @($o.groups) | Sort-Object | Should -Be @('9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d01', '9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d03')
        @(Mutations $seq).Count | Should -Be 1
    }

    It 'removes a user by id and a guest, keeping the rest' {
        $null = Set-TallyfyTask -Id $task.Id -RunId $task.RunId -RemoveOwner 1002, 'sam.lee@northwind.example' -Force
        $o = (TaskState $task.Id).owners
        @($o.users) | Should -Be @(1003)
        @($o.guests) | Should -Be @('olga.petrov@contoso.example')
        @($o.groups).Count | Should -Be 2
    }

    It 'replaces the owners with -Owner (a user object and a group), and sends all three buckets' {
        $user = Get-TallyfyUser -Email 'marco.reyes@acme.example'
        $null = $task | Set-TallyfyTask -Owner $user, 'People Ops' -Force
        $o = (TaskState $task.Id).owners
        @($o.users) | Should -Be @(1002)
        @($o.guests) | Should -BeNullOrEmpty
        @($o.groups) | Should -Be @('9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d02')
    }

    It 'renames a one-off task and sends its deadline and owners back (Tallyfy requires all three on every update)' {
        $oneOff = (Take 1 -OneOff)[0]
        $before = TaskState $oneOff.Id
        $seq = LastSeq
        $updated = $oneOff | Set-TallyfyTask -Title 'Renamed one-off' -Force
        $updated | Should -BeOfType ([TallyfyPS.Model.TallyfyTaskUpdateResult])
        $updated.Status | Should -Be 'Updated'
        $updated.TaskId | Should -Be $oneOff.Id
        $updated.Title | Should -Be 'Renamed one-off'
        $updated.PerformedBy | Should -Be (Get-TallyfyContext).User.Email
        $updated.Task.Title | Should -Be 'Renamed one-off'
        $after = TaskState $oneOff.Id
        $after.title | Should -Be 'Renamed one-off'
        $after.deadline | Should -Be $before.deadline
        ($after.owners | ConvertTo-Json -Depth 3) | Should -Be ($before.owners | ConvertTo-Json -Depth 3)
        @(Mutations $seq).Count | Should -Be 1
    }

    It 'refuses to update a completed task before sending (Tallyfy answers 422)' {
        $done = (Take 1 -Completed)[0]
        $seq = LastSeq
        $out = @($done | Set-TallyfyTask -Title 'Too late' -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Status | Should -Be 'Refused'                                   # a result for the task, and its error
        $out.TaskId | Should -Be $done.Id
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TaskIsCompleted,*'
        @(Mutations $seq) | Should -BeNullOrEmpty
    }

    It 'refuses an unknown group or user id before sending (an unknown email is a new guest)' {
        $before = (TaskState $task.Id).owners | ConvertTo-Json -Depth 3
        $seq = LastSeq
        { $task | Set-TallyfyTask -AddOwner 'No such group' -Force -ErrorAction Stop } | Should -Throw -ErrorId 'OwnerNotFound*'
        # A user id is checked against the members: the service would refuse the whole update with a 422.
        { $task | Set-TallyfyTask -AddOwner 987654 -Force -ErrorAction Stop } | Should -Throw -ErrorId 'OwnerNotFound*'
        @(Mutations $seq) | Should -BeNullOrEmpty
        (TaskState $task.Id).owners | ConvertTo-Json -Depth 3 | Should -Be $before
    }

    It 'fills a form field by label, keeps the other answers, and refuses an unknown field name before sending (the taskdata trap)' {
        $withFields = @(Get-TallyfyTask -Include FormFields | Where-Object { $_.Status -ne 'completed' -and -not $_.IsOneOff -and $_.FormFields.Count -ge 1 -and -not $used.Contains($_.Id) } | Select-Object -First 1)[0]
        $null = $used.Add($withFields.Id)
        $before = (TaskState $withFields.Id).taskdata
        $field = $withFields.FormFields | Where-Object { $_.FieldType -in 'text', 'textarea' } | Select-Object -First 1
        $field | Should -Not -BeNullOrEmpty
        $null = $withFields | Set-TallyfyTask -Field @{ $field.Label = 'Filled by the test' } -Force
        $after = (TaskState $withFields.Id).taskdata
        $after.($field.Id) | Should -Be 'Filled by the test'
        foreach ($k in @($before.PSObject.Properties.Name | Where-Object { $_ -ne $field.Id })) {
            ($after.$k | ConvertTo-Json -Depth 5) | Should -Be ($before.$k | ConvertTo-Json -Depth 5)
        }
        $seq = LastSeq
        $out = @($withFields | Set-TallyfyTask -Field @{ 'Notez' = 'typo' } -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Status | Should -Be 'Refused'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'FieldNotFound,*'
        @(Mutations $seq) | Should -BeNullOrEmpty
    }
}

Describe 'Comments' {
    It 'stops at the hourly comment cap: one 429, one RateLimited error with the reset time, the rest NotAttempted and not sent' {
        Invoke-TallyfySandboxControl $sb PUT limits @{ commentsPerWindow = 2; commentWindowSeconds = 3600 } | Out-Null
        try {
            $tasks = @(Take 6)
            $seq = LastSeq
            $added = @($tasks | Add-TallyfyComment -Text 'Capped' -Force -ThrottleLimit 1 -ErrorVariable errs -ErrorAction SilentlyContinue)
            $added.Count | Should -Be 6                                        # one result per task
            @($added | Where-Object Status -eq 'Added').Count | Should -Be 2
            $added | Where-Object Status -ne 'Added' | ForEach-Object { $_.Status | Should -Be 'NotAttempted'; $_.Message | Should -Not -BeNullOrEmpty; $_.CommentId | Should -BeNullOrEmpty }
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'RateLimited,*'
            $errs[0].ErrorDetails.Message | Should -Match '\d+ min'
            $errs[0].ErrorDetails.Message | Should -Match 'UTC'
            $posts = @(RequestsSince $seq | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/comment' })
            @($posts | Where-Object status -eq 429).Count | Should -Be 1          # learned once, not hammered
            $posts.Count | Should -Be 3
        }
        finally {
            Invoke-TallyfySandboxControl $sb DELETE limits | Out-Null   # the default cap (120 an hour) is far off for the next tests
        }
    }

    It 'adds, lists (from tasks and from runs) and removes comments' {
        $tasks = @(Take 3)
        $added = @($tasks | Add-TallyfyComment -Text 'Checked by the work test' -Label advice -Force -PassThru)
        $added.Count | Should -Be 3
        $added | ForEach-Object { $_ | Should -BeOfType ([TallyfyPS.Model.TallyfyComment]) }
        $added.TaskId | Should -Be $tasks.Id
        foreach ($t in $tasks) { (TaskState $t.Id).threads.content | Should -Contain 'Checked by the work test' }

        $listed = @($tasks | Get-TallyfyComment | Where-Object Content -eq 'Checked by the work test')
        $listed.Id | Should -Be $added.Id
        $listed[0].RunId | Should -Be $tasks[0].RunId
        $listed[0].Author | Should -Not -BeNullOrEmpty
        $listed[0].CreatedAt | Should -Not -BeNullOrEmpty
        $label = (TaskState $tasks[0].Id).threads | Where-Object content -eq 'Checked by the work test'
        $label.label | Should -Be 'advice'
        @(Get-TallyfyRun -Id $tasks[0].RunId | Get-TallyfyComment).Id | Should -Contain $added[0].Id

        $seq = LastSeq
        $removed = @($listed | Remove-TallyfyComment -Force)
        $removed.Status | Should -Be @('Deleted', 'Deleted', 'Deleted')
        $removed.CommentId | Should -Be $added.Id
        foreach ($t in $tasks) { (TaskState $t.Id).threads.content | Should -Not -Contain 'Checked by the work test' }
        @(Mutations $seq).Count | Should -Be 3
    }
}

Describe '-WhatIf sends no mutating request' {
    It '<Name> -WhatIf' -ForEach @(
        @{ Name = 'Complete-TallyfyTask'; Run = { (Take 2) | Complete-TallyfyTask -WhatIf } }
        @{ Name = 'Complete-TallyfyTask -Approve'; Run = { (Take 1 -Type approval) | Complete-TallyfyTask -Approve -WhatIf } }
        @{ Name = 'Undo-TallyfyTaskCompletion'; Run = { (Take 2 -Completed) | Undo-TallyfyTaskCompletion -WhatIf } }
        @{ Name = 'Set-TallyfyRun'; Run = { Get-TallyfyRun -Status active -First 2 | Set-TallyfyRun -Name 'What if' -WhatIf } }
        @{ Name = 'Set-TallyfyTask'; Run = { (Take 2) | Set-TallyfyTask -Title 'What if' -AddOwner 1003 -WhatIf } }
        @{ Name = 'Add-TallyfyComment'; Run = { (Take 2) | Add-TallyfyComment -Text 'What if' -WhatIf } }
        @{ Name = 'Remove-TallyfyComment'; NoRead = $true; Setup = { $script:whatIfComments = @((Take 2) | Add-TallyfyComment -Text 'Kept' -Force -PassThru) }; Run = { $whatIfComments | Remove-TallyfyComment -WhatIf } }
        @{ Name = 'Start-TallyfyRun'; Run = { Start-TallyfyRun -TemplateId '3e17ba96ae04cd3b99869e56f0adbf3a' -Name 'What if' -Field @{ 'Requested by' = 'D'; Department = 'Finance'; 'Audit period end' = '2026-12-31' } -WhatIf } }
    ) {
        if ($Setup) { & $Setup }
        $seq = LastSeq
        $out = @(& $Run 6>$null)
        @($out | Where-Object { $_ -isnot [string] }) | Should -BeNullOrEmpty
        if (-not $NoRead) { @(RequestsSince $seq).Count | Should -BeGreaterThan 0 }   # it did read (a comment from Get-TallyfyComment needs no read)
        Mutations $seq | Should -BeNullOrEmpty
        if ($NoRead) { foreach ($c in $whatIfComments) { (TaskState $c.TaskId).threads.id | Should -Contain ([long]$c.Id) } }
    }
}

Describe 'Journals' {
    It 'replays settled completions from the journal and sends nothing for them' {
        $journal = Join-Path $TestDrive 'complete.journal'
        $open = @(Take 4)
        $done = @(Take 1 -Completed)
        $ids = @($open.Id) + $done.Id
        $first = @(Complete-TallyfyTask -Id $ids -Force -Journal $journal)
        $first.Status | Should -Be @('Completed', 'Completed', 'Completed', 'Completed', 'AlreadyCompleted')
        $notified = @{}; foreach ($id in $ids) { $notified[$id] = Notified $id }
        $seq = LastSeq
        $second = @(Complete-TallyfyTask -Id $ids -Force -Journal $journal)
        $second.TaskId | Should -Be $ids
        $second.Status | Should -Be @('Completed', 'Completed', 'Completed', 'Completed', 'AlreadyCompleted')
        # Every outcome is journaled, the AlreadyCompleted one too (learnt by a read, nothing sent): all are replayed with nothing sent.
        @(Mutations $seq) | Should -BeNullOrEmpty
        @(RequestsSince $seq | Where-Object { $_.path -match ($ids -join '|') }) | Should -BeNullOrEmpty
        foreach ($id in $ids) { Notified $id | Should -Be $notified[$id] }
        # The journal's order is the order the outcomes were learnt (sends run side by side), not the input's.
        (@(Get-TallyfyJournal $journal).TaskId | Sort-Object) | Should -Be ($ids | Sort-Object)
    }

    It 'reads a task again whose completion an interrupted call had sent, and reports it completed by that call' {
        $journal = Join-Path $TestDrive 'interrupted.journal'
        $task = (Take 1)[0]
        $null = Complete-TallyfyTask -Id (Take 1)[0].Id -Force -Journal $journal        # creates the journal of this command
        $null = Invoke-TallyfySandboxApi $sb -Method POST -Path "organizations/$org/runs/$($task.RunId)/completed-tasks" -Body @{ task_id = $task.Id }
        # As if the earlier call had died right after sending it: the step without a result.
        Add-Content -LiteralPath $journal -Value (@{ key = $task.Id; step = 'completing'; at = (Get-Date).ToUniversalTime().ToString('o') } | ConvertTo-Json -Compress)
        $n = Notified $task.Id
        $seq = LastSeq
        $r = $task | Complete-TallyfyTask -Force -Journal $journal                 # the stale object says it is open
        $r.Status | Should -Be 'Completed'
        $r.Message | Should -Match 'earlier call'
        Notified $task.Id | Should -Be $n
        @(Mutations $seq) | Should -BeNullOrEmpty
    }

    It 'replays removed comments and resumes an interrupted deletion as Deleted' {
        $journal = Join-Path $TestDrive 'comments.journal'
        $tasks = @(Take 2)
        $added = @($tasks | Add-TallyfyComment -Text 'To be removed' -Force -PassThru)
        $first = @($added[0] | Remove-TallyfyComment -Force -Journal $journal)
        $first.Status | Should -Be 'Deleted'
        $null = Invoke-TallyfySandboxApi $sb -Method DELETE -Path "organizations/$org/tasks/$($tasks[1].Id)/comment/$($added[1].Id)"
        Add-Content -LiteralPath $journal -Value (@{ key = $added[1].Id; step = 'deleting'; at = (Get-Date).ToUniversalTime().ToString('o') } | ConvertTo-Json -Compress)
        $seq = LastSeq
        $again = @($added | Remove-TallyfyComment -Force -Journal $journal)
        $again.Status | Should -Be @('Deleted', 'Deleted')
        @(Mutations $seq | Where-Object { $_.path -like "*/comment/$($added[0].Id)" }) | Should -BeNullOrEmpty
    }

    # -Journal is not declared on the cmdlets that keep no journal (0.3.0; it was refused with JournalNotSupported, now retired).
    It '<Name> refuses -Journal before anything is sent' -ForEach @(
        @{ Name = 'Set-TallyfyRun'; Run = { param($j) Get-TallyfyRun -Status active -First 1 | Set-TallyfyRun -Name 'x' -Force -Journal $j } }
        @{ Name = 'Set-TallyfyTask'; Run = { param($j) Set-TallyfyTask -Id (Get-TallyfyTask -First 1).Id -Title 'x' -Force -Journal $j } }
    ) {
        $journal = Join-Path $TestDrive "$Name.journal"
        $seq = LastSeq
        { & $Run $journal } | Should -Throw -ErrorId "NamedParameterNotFound,*"
        @(Mutations $seq) | Should -BeNullOrEmpty
        Test-Path $journal | Should -BeFalse
    }
}
