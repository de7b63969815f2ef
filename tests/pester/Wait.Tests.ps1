# Wait-TallyfyTask and Wait-TallyfyRun through a real pwsh against a real sandbox process (this file owns its sandbox:
# it sets faults). Another runspace completes the tasks, once it sees in the sandbox's request log that the wait has
# read them: nothing here waits on the clock.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 100
    $script:org = $sb.OrganizationId
    Connect-TallyfySandbox $sb | Out-Null
    $script:sandboxModule = (Get-Module TallyfyPS.Sandbox).Path
    $open = @(Get-TallyfyTask -Status active | Where-Object RunId)
    $script:active = [Collections.Generic.Queue[object]]::new(@($open | Where-Object TaskType -ne 'approval'))
    $script:approvals = [Collections.Generic.Queue[object]]::new(@($open | Where-Object TaskType -eq 'approval'))

    # Completes these tasks through the sandbox's API in a thread job, once each has been read -Reads times since -Since.
    function script:Start-Completer([object[]] $Tasks, [long] $Since, [int] $Reads = 1, [switch] $Reject) {
        Start-ThreadJob -ArgumentList $sandboxModule, $sb, $Tasks, $Since, $Reads, $Reject.IsPresent -ScriptBlock {
            param($module, $sb, $tasks, $since, $reads, $reject)
            Import-Module $module
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            foreach ($t in $tasks) {
                while (@(Get-TallyfySandboxRequest $sb -Since $since -Method GET -Path "*/tasks/$($t.Id)").Count -lt $reads) {
                    if ([DateTime]::UtcNow -gt $deadline) { throw "Task $($t.Id) was never read." }
                    Start-Sleep -Milliseconds 50
                }
                $body = @{ task_id = $t.Id }
                if ($t.TaskType -eq 'approval') { $body.is_approved = -not $reject }
                do {
                    # The sandbox's burst throttling (a test sets it) counts this token's requests too.
                    $r = Invoke-TallyfySandboxApi $sb -Method POST -Path "organizations/$($sb.OrganizationId)/runs/$($t.RunId)/completed-tasks" -Body $body
                    if ($r.Status -eq 429) { Start-Sleep -Milliseconds 200 }
                } while ($r.Status -eq 429 -and [DateTime]::UtcNow -lt $deadline)
                if ($r.Status -ne 200) { throw "Completing $($t.Id) answered $($r.Status)." }
            }
        }
    }
    function script:TaskReads([long] $Since, [string] $Id) { @(RequestsSince $Since | Where-Object { $_.method -eq 'GET' -and $_.path -like "*/tasks/$Id" }) }
}
AfterAll {
    Get-Job | Remove-Job -Force
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Wait-TallyfyTask' {
    AfterEach { Set-TallyfySandboxFault $sb }

    It 'returns the task once another runspace completes it, having read it before' {
        $task = $active.Dequeue()
        $since = LastSeq
        $job = Start-Completer @($task) $since -Reads 2
        $done = Wait-TallyfyTask -Id $task.Id -Interval 0.2 -Timeout 60
        $job | Wait-Job | Receive-Job
        $done | Should -BeOfType TallyfyPS.Model.TallyfyTask
        $done.Id | Should -Be $task.Id
        $done.Status | Should -Be 'completed'
        (TaskReads $since $task.Id).Count | Should -BeGreaterOrEqual 3
    }

    It 'waits for many piped tasks in one loop: each is read once before any is read again' {
        $tasks = 1..3 | ForEach-Object { $active.Dequeue() }
        $since = LastSeq
        $job = Start-Completer $tasks $since -Reads 2
        $done = @($tasks | Wait-TallyfyTask -Interval 0.2 -Timeout 60)
        $job | Wait-Job | Receive-Job
        @($done.Id | Sort-Object) | Should -Be @($tasks.Id | Sort-Object)
        $done.Status | Sort-Object -Unique | Should -Be 'completed'
        $reads = @(RequestsSince $since | Where-Object { $_.method -eq 'GET' -and $_.path -like '*/tasks/*' })
        $firstRound = @($reads | Select-Object -First 3 | ForEach-Object { ($_.path -split '/')[-1] } | Sort-Object)
        $firstRound | Should -Be @($tasks.Id | Sort-Object)
    }

    It 'takes ids by property name (objects with TaskId)' {
        $task = $active.Dequeue()
        $job = Start-Completer @($task) (LastSeq)
        $done = [pscustomobject]@{ TaskId = $task.Id } | Wait-TallyfyTask -Interval 0.2 -Timeout 60
        $job | Wait-Job | Receive-Job
        $done.Id | Should -Be $task.Id
    }

    It 'with -Any returns the first task that completes, and nothing for the others' {
        $stays = $active.Dequeue()
        $goes = $active.Dequeue()
        $job = Start-Completer @($goes) (LastSeq) -Reads 2
        $out = @(Wait-TallyfyTask -Id $stays.Id, $goes.Id -Any -Interval 0.2 -Timeout 60 -ErrorVariable errs)
        $job | Wait-Job | Receive-Job
        $out.Count | Should -Be 1
        $out[0].Id | Should -Be $goes.Id
        $errs.Count | Should -Be 0
    }

    It 'ends with WaitTimedOut and the task as last seen when it does not complete in time' {
        $task = $active.Peek()
        $out = @(Wait-TallyfyTask -Id $task.Id -Timeout 1 -Interval 0.2 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'WaitTimedOut,TallyfyPS.Cmdlets.WaitTallyfyTaskCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $errs[0].TargetObject | Should -BeOfType TallyfyPS.Model.TallyfyTask
        $errs[0].TargetObject.Status | Should -Be 'active'
        $errs[0].ErrorDetails.Message | Should -Match 'last seen active'
    }

    It 'writes an error for an unknown id and still waits for the others' {
        $task = $active.Dequeue()
        $job = Start-Completer @($task) (LastSeq) -Reads 2
        $out = @(Wait-TallyfyTask -Id '0123456789abcdef0123456789abcdef', $task.Id -Interval 0.2 -Timeout 60 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $job | Wait-Job | Receive-Job
        $out.Id | Should -Be $task.Id
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'TaskNotFound,TallyfyPS.Cmdlets.WaitTallyfyTaskCommand'
        $errs[0].TargetObject | Should -Be '0123456789abcdef0123456789abcdef'
    }

    It 'honours throttling while it polls: 429s are waited out, no error' {
        $tasks = 1..3 | ForEach-Object { $active.Dequeue() }
        Set-TallyfySandboxFault $sb -BurstLimit 1 -BurstWindowSeconds 1
        $since = LastSeq
        $job = Start-Completer $tasks $since -Reads 1
        $done = @($tasks | Wait-TallyfyTask -Interval 0.2 -Timeout 60 -ErrorVariable errs)
        $job | Wait-Job | Receive-Job
        $done.Count | Should -Be 3
        $errs.Count | Should -Be 0
        @(RequestsSince $since | Where-Object status -eq 429).Count | Should -BeGreaterThan 0
    }

    It 'with -Status approved returns an approval once it is approved' {
        $task = $approvals.Dequeue()
        $job = Start-Completer @($task) (LastSeq) -Reads 2
        $done = Wait-TallyfyTask -Id $task.Id -Status approved -Interval 0.2 -Timeout 60
        $job | Wait-Job | Receive-Job
        $done.Id | Should -Be $task.Id
        $done.Status | Should -Be 'completed'
    }

    It 'with -Status approved ends at once with ApprovalRejected when the approval is rejected' {
        $task = $approvals.Dequeue()
        $job = Start-Completer @($task) (LastSeq) -Reads 2 -Reject
        $out = @(Wait-TallyfyTask -Id $task.Id -Status approved -Interval 0.2 -Timeout 60 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $job | Wait-Job | Receive-Job
        $out.Count | Should -Be 0
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'ApprovalRejected,TallyfyPS.Cmdlets.WaitTallyfyTaskCommand'
        $errs[0].TargetObject.Id | Should -Be $task.Id
        $errs[0].ErrorDetails.RecommendedAction | Should -Match 'Undo-TallyfyTaskCompletion'
    }

    It 'with -Status approved,completed returns a rejected approval: it is completed, and no outcome is read' {
        $task = $approvals.Dequeue()
        $since = LastSeq
        $job = Start-Completer @($task) $since -Reads 2 -Reject
        $out = @(Wait-TallyfyTask -Id $task.Id -Status approved, completed -Interval 0.2 -Timeout 30 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $job | Wait-Job | Receive-Job
        $errs.Count | Should -Be 0
        $out.Count | Should -Be 1
        $out[0].Id | Should -Be $task.Id
        $out[0].Status | Should -Be 'completed'
        @(RequestsSince $since | Where-Object { $_.method -eq 'GET' -and $_.path -like '*activit*' }).Count | Should -Be 0
    }

    It 'stops at once when the pipeline is stopped (Ctrl+C) during a long pause' {
        $task = $active.Peek()
        $since = LastSeq
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($m, $id, $s) Import-Module $m; Wait-TallyfyTask -Id $id -Session $s -Interval 600 -Timeout 3600').
                AddArgument($ModuleUnderTest).AddArgument($task.Id).AddArgument((Get-TallyfyContext))
            $run = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ((TaskReads $since $task.Id).Count -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            (TaskReads $since $task.Id).Count | Should -Be 1
            $stop = $ps.BeginStop($null, $null)
            $stop.AsyncWaitHandle.WaitOne(30000) | Should -BeTrue -Because 'Stop ends the pause rather than waiting 600 s'
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            (TaskReads $since $task.Id).Count | Should -Be 1
        }
        finally { $ps.Dispose() }
    }

    It 'refuses an -Interval shorter than 0.1 s before reading anything' {
        $since = LastSeq
        { Wait-TallyfyTask -Id $active.Peek().Id -Interval 0.01 } | Should -Throw -ErrorId 'InvalidDuration,TallyfyPS.Cmdlets.WaitTallyfyTaskCommand'
        @(RequestsSince $since).Count | Should -Be 0
    }
}

Describe 'Wait-TallyfyRun' {
    It 'returns piped runs that are complete, as TallyfyRun' {
        $runs = @(Get-TallyfyRun -Status complete -First 2)
        $done = @($runs | Wait-TallyfyRun -Interval 0.2 -Timeout 30)
        @($done.Id) | Should -Be @($runs.Id)
        $done[0] | Should -BeOfType TallyfyPS.Model.TallyfyRun
    }

    It 'takes the results of Start-TallyfyRun from the pipeline' {
        $rows = @(
            [pscustomobject]@{ Name = 'Wait for Jane'; 'Requested by' = 'Dana'; Department = 'Engineering'; 'Start date' = '2026-12-01'; 'Employment type' = 'Full-time'; Equipment = 'Laptop'; Buddy = 'marco.reyes@acme.example' }
            [pscustomobject]@{ Name = 'Wait for Raj'; 'Requested by' = 'Dana'; Department = 'Support'; 'Start date' = '2026-12-08'; 'Employment type' = 'Contractor'; Equipment = 'Laptop'; Buddy = 'liam.oconnor@acme.example' }
        )
        $launched = @($rows | Start-TallyfyRun -TemplateId 67871a85b386a8af727663a781376981 -ThrottleLimit 1)
        $launched.Status | Sort-Object -Unique | Should -Be 'Launched'
        $done = @($launched | Wait-TallyfyRun -Status active -Interval 0.2 -Timeout 30)
        @($done.Id) | Should -Be @($launched.RunId)
        $done[0] | Should -BeOfType TallyfyPS.Model.TallyfyRun
    }

    It 'waits for a run to complete once its last task is completed by someone else' {
        $run = Get-TallyfyRun -Status active -First 20 | Where-Object { @(Get-TallyfyTask -RunId $_.Id | Where-Object Status -ne 'completed').Count -eq 1 } | Select-Object -First 1
        if (-not $run) { $run = Get-TallyfyRun -Status active -First 1 }
        $open = @(Get-TallyfyTask -RunId $run.Id | Where-Object { $_.Status -ne 'completed' -and $_.Status -ne 'auto-skipped' })
        $since = LastSeq
        $job = Start-ThreadJob -ArgumentList $sandboxModule, $sb, $run.Id, $open, $since -ScriptBlock {
            param($module, $sb, $runId, $open, $since)
            Import-Module $module
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (@(Get-TallyfySandboxRequest $sb -Since $since -Method GET -Path "*/runs/$runId").Count -lt 1) {
                if ([DateTime]::UtcNow -gt $deadline) { throw 'The run was never read.' }
                Start-Sleep -Milliseconds 50
            }
            foreach ($t in $open) {
                $body = @{ task_id = $t.Id }
                if ($t.TaskType -eq 'approval') { $body.is_approved = $true }
                $r = Invoke-TallyfySandboxApi $sb -Method POST -Path "organizations/$($sb.OrganizationId)/runs/$runId/completed-tasks" -Body $body
                if ($r.Status -ne 200) { throw "Completing $($t.Id) answered $($r.Status)." }
            }
        }
        $done = Wait-TallyfyRun -Id $run.Id -Interval 0.2 -Timeout 60
        $job | Wait-Job | Receive-Job
        $done.Id | Should -Be $run.Id
        $done.Status | Should -Be 'complete'
    }

    It 'ends with WaitTimedOut for a run that stays active, naming its last status' {
        $run = Get-TallyfyRun -Status active -First 1
        Wait-TallyfyRun -Id $run.Id -Timeout 0.5 -Interval 0.2 -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Be 'WaitTimedOut,TallyfyPS.Cmdlets.WaitTallyfyRunCommand'
        $errs[0].TargetObject.Status | Should -Be 'active'
    }

    It 'refuses a task given as a run, and waits for nothing' {
        $task = $active.Peek()
        $errs = $null
        Get-TallyfyTask -Id $task.Id | Wait-TallyfyRun -Timeout 1 -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidRunId,TallyfyPS.Cmdlets.WaitTallyfyRunCommand'
    }
}
