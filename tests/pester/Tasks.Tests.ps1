# Get-TallyfyTask, New-TallyfyTask, Remove-TallyfyTask, Restore-TallyfyTask against a real sandbox process.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 40
    $script:org = $sb.OrganizationId
    $null = Connect-TallyfySandbox $sb
    function script:TaskPath([string] $Id) { "/api/organizations/$org/tasks/$Id" }
    function script:ApiTask([string] $Id) { Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/tasks/$Id" }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Get-TallyfyTask' {
    BeforeAll { Reset-TallyfySandbox $sb -Runs 40 }

    It 'lists organization tasks as typed TallyfyTask objects' {
        $tasks = @(Get-TallyfyTask)
        $tasks.Count | Should -BeGreaterThan 0
        $tasks[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyTask])
        $tasks | Where-Object IsArchived | Should -BeNullOrEmpty
        ($tasks | Where-Object IsOneOff).Count | Should -BeGreaterThan 0
        ($tasks | Where-Object RunId).Count | Should -BeGreaterThan 0
    }

    It 'lists organization tasks with -Include Run: a task of a run carries its run, a one-off task none (its run is {"data": null})' {
        $tasks = @(Get-TallyfyTask -Include Run)
        $tasks.Count | Should -BeGreaterThan 0
        $ofRuns = @($tasks | Where-Object RunId)
        $ofRuns.Count | Should -BeGreaterThan 0
        $ofRuns | ForEach-Object { $_.Run.Id | Should -Be $_.RunId }
        $oneOff = @(Get-TallyfyTask -OneOff -Include Run)
        $oneOff.Count | Should -BeGreaterThan 0
        $oneOff | ForEach-Object { $_.Run | Should -BeNullOrEmpty }
    }

    It 'filters -OneOff, -Status, -Name and -Owner' {
        $oneOff = @(Get-TallyfyTask -OneOff)
        $oneOff.Count | Should -BeGreaterThan 0
        $oneOff | ForEach-Object { $_.IsOneOff | Should -BeTrue; $_.RunId | Should -BeNullOrEmpty }
        $completed = @(Get-TallyfyTask -Status completed)
        $completed.Count | Should -BeGreaterThan 0
        $completed.Status | Sort-Object -Unique | Should -Be 'completed'
        $word = ($oneOff[0].Title -split ' ')[0]
        Get-TallyfyTask -Name $word | ForEach-Object { $_.Title | Should -BeLike "*$word*" }
        $mine = @(Get-TallyfyTask -Owner 1002)
        $mine.Count | Should -BeGreaterThan 0
        $mine | ForEach-Object { $_.Owners.Users | Should -Contain 1002 }
    }

    It 'shows archived tasks with -Archived and only them with -ArchivedOnly' {
        $only = @(Get-TallyfyTask -ArchivedOnly)
        $only.Count | Should -BeGreaterThan 0
        $only | ForEach-Object { $_.IsArchived | Should -BeTrue }
        @(Get-TallyfyTask -Archived).Count | Should -Be (@(Get-TallyfyTask).Count + $only.Count)
    }

    It 'gets the tasks of runs with -RunId and from piped runs' {
        $runs = @(Get-TallyfyRun -First 2)
        $byId = @(Get-TallyfyTask -RunId $runs[0].Id)
        $byId.Count | Should -BeGreaterThan 0
        $byId.RunId | Sort-Object -Unique | Should -Be $runs[0].Id
        $piped = @($runs | Get-TallyfyTask)
        ($piped.RunId | Sort-Object -Unique) | Should -Be ($runs.Id | Sort-Object)
        @($piped | Where-Object RunId -eq $runs[0].Id).Count | Should -Be $byId.Count
    }

    It 'gets tasks by -Id (pipeline by value and property name) with -Include Comments, FormFields, Run' {
        $ids = @(Get-TallyfyTask -First 3).Id
        @($ids | Get-TallyfyTask).Id | Should -Be $ids
        @($ids | ForEach-Object { [pscustomobject]@{ task_id = $_ } } | Get-TallyfyTask).Id | Should -Be $ids
        $rich = Get-TallyfyRun -First 15 | Get-TallyfyTask | Get-TallyfyTask -Include Comments, FormFields, Run |
            Where-Object { $_.Comments.Count -gt 0 -and $_.FormFields.Count -gt 0 } | Select-Object -First 1
        $rich | Should -Not -BeNullOrEmpty
        $rich.Comments[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyComment])
        $rich.Comments[0].AuthorId | Should -BeGreaterThan 0
        $rich.Comments[0].CreatedAt | Should -BeOfType ([DateTimeOffset])
        $rich.FormFields[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyFormFieldValue])
        $rich.FormFields | Where-Object { $null -ne $_.Value } | Should -Not -BeNullOrEmpty
        $rich.Run.Id | Should -Be $rich.RunId
    }

    It 'reads form-field answers from value when the service uses that key' {
        Set-TallyfySandboxSwitch $sb @{ formFieldValueKey = 'value' }
        try {
            $withValues = Get-TallyfyRun -First 15 | Get-TallyfyTask | Get-TallyfyTask -Include FormFields |
                Where-Object { $_.FormFields | Where-Object { $null -ne $_.Value } } | Select-Object -First 1
            $withValues | Should -Not -BeNullOrEmpty
        }
        finally { Set-TallyfySandboxSwitch $sb @{} }
    }

    It 'writes TaskNotFound and InvalidTaskId errors and goes on' {
        $id = (Get-TallyfyTask -First 1).Id
        $out = @(Get-TallyfyTask -Id 'nope', '0123456789abcdef0123456789abcdef', $id -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Id | Should -Be $id
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidTaskId,*'
        $errs[1].FullyQualifiedErrorId | Should -BeLike 'TaskNotFound,*'
        $errs[1].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'New-TallyfyTask' {
    BeforeAll { Reset-TallyfySandbox $sb -Runs 40 }

    It 'creates a one-off task and returns it' {
        $deadline = [DateTimeOffset]::UtcNow.AddDays(3)
        $since = LastSeq
        $t = New-TallyfyTask -Title 'Rotate API keys' -Deadline $deadline -Owner 1002 -TaskType approval -Description 'Quarterly rotation' -PassThru
        $t | Should -BeOfType ([TallyfyPS.Model.TallyfyTask])
        $t.Title | Should -Be 'Rotate API keys'
        $t.IsOneOff | Should -BeTrue
        $t.TaskType | Should -Be 'approval'
        $t.Owners.Users | Should -Contain 1002
        [math]::Abs(($t.Deadline - $deadline).TotalSeconds) | Should -BeLessThan 1
        (Mutations $since | ForEach-Object { "$($_.method) $($_.path) $($_.status)" }) | Should -Be "POST /api/organizations/$org/tasks 201"
        (ApiTask $t.Id).Status | Should -Be 200
    }

    It 'sends nothing under -WhatIf' {
        $since = LastSeq
        New-TallyfyTask -Title 'Not really' -WhatIf | Should -BeNullOrEmpty
        Mutations $since | Should -BeNullOrEmpty
    }

    It 'reports the refusal of a light member as PermissionDenied' {
        $light = Connect-TallyfySandbox $sb -As light
        try {
            New-TallyfyTask -Title 'Nope' -Session $light -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }
        finally { $null = Connect-TallyfySandbox $sb }
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PermissionDenied,*'
    }
}

Describe 'Remove-TallyfyTask and Restore-TallyfyTask' {
    BeforeEach { Reset-TallyfySandbox $sb -Runs 40 }

    It 'archives one-off tasks (reads each first, then one DELETE) and restores them from the results' {
        $tasks = @(Get-TallyfyTask -OneOff -First 3)
        $since = LastSeq
        $removed = @($tasks.Id | Remove-TallyfyTask)
        $removed.TaskId | Should -Be $tasks.Id
        $removed | ForEach-Object {
            $_ | Should -BeOfType ([TallyfyPS.Model.TallyfyTaskRemovalResult])
            $_.Status | Should -Be 'Archived'
            $_.Title | Should -Not -BeNullOrEmpty
        }
        (Mutations $since | ForEach-Object { "$($_.method) $($_.path)" } | Sort-Object) | Should -Be ($tasks.Id | ForEach-Object { "DELETE $(TaskPath $_)" } | Sort-Object)
        @(Get-TallyfyTask -OneOff | Where-Object Id -in $tasks.Id).Count | Should -Be 0
        $since = LastSeq
        $restored = @($removed | Restore-TallyfyTask)
        $restored.TaskId | Should -Be $tasks.Id
        $restored.Status | Sort-Object -Unique | Should -Be 'Restored'
        (Mutations $since | ForEach-Object { "$($_.method) $($_.path)" } | Sort-Object) | Should -Be ($tasks.Id | ForEach-Object { "PUT $(TaskPath $_)/restore" } | Sort-Object)
        @(Get-TallyfyTask -OneOff | Where-Object Id -in $tasks.Id).Count | Should -Be 3
    }

    It 'permanently deletes a live one-off task (archive, then delete) and an archived one (delete only)' {
        $live = Get-TallyfyTask -OneOff -First 1
        $archived = Get-TallyfyTask -ArchivedOnly | Where-Object IsOneOff | Select-Object -First 1
        $since = LastSeq
        $r = @($live, $archived | Remove-TallyfyTask -Permanent -Force)
        $r.Status | Should -Be @('Deleted', 'Deleted')
        $r.Action | Sort-Object -Unique | Should -Be 'Delete'
        $m = Mutations $since | ForEach-Object { "$($_.method) $($_.path)" }
        $m | Should -Contain "DELETE $(TaskPath $live.Id)"
        $m | Should -Contain "DELETE $(TaskPath $live.Id)/delete"
        $m | Should -Contain "DELETE $(TaskPath $archived.Id)/delete"
        $m | Should -Not -Contain "DELETE $(TaskPath $archived.Id)"
        (ApiTask $live.Id).Status | Should -Be 404
        (ApiTask $archived.Id).Status | Should -Be 404
    }

    It 'refuses a task of a run before any request, naming the run (TaskBelongsToRun)' {
        $runTask = Get-TallyfyRun -First 1 | Get-TallyfyTask | Select-Object -First 1
        $since = LastSeq
        $r = @($runTask | Remove-TallyfyTask -Permanent -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r.Count | Should -Be 0
        @(Get-TallyfySandboxRequest $sb -Since $since).Count | Should -Be 0
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TaskBelongsToRun,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].Exception.Message | Should -Match $runTask.RunId
        $errs[0].ErrorDetails.RecommendedAction | Should -Match 'Remove-TallyfyRun'
        # By id: the task is read (to learn its run), but nothing is changed.
        $r2 = @(Remove-TallyfyTask -Id $runTask.Id -ErrorVariable errs2 -ErrorAction SilentlyContinue)
        $r2.Count | Should -Be 0
        $errs2[0].FullyQualifiedErrorId | Should -BeLike 'TaskBelongsToRun,*'
        Mutations $since | Should -BeNullOrEmpty
    }

    It 'reports AlreadyArchived and sends nothing for an archived task, NotFound for an unknown one' {
        $archived = Get-TallyfyTask -ArchivedOnly | Where-Object IsOneOff | Select-Object -First 1
        $since = LastSeq
        $r = @($archived.Id, '0123456789abcdef0123456789abcdef' | Remove-TallyfyTask -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r[0].Status | Should -Be 'AlreadyArchived'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TaskNotFound,*'
        Mutations $since | Where-Object path -like "*$($archived.Id)*" | Should -BeNullOrEmpty
    }

    It 'sends nothing under -WhatIf, with or without -Force' {
        $ids = @(Get-TallyfyTask -OneOff -First 2).Id
        $since = LastSeq
        @($ids | Remove-TallyfyTask -WhatIf).Count | Should -Be 0
        @($ids | Remove-TallyfyTask -Permanent -Force -WhatIf).Count | Should -Be 0
        @($ids | Restore-TallyfyTask -WhatIf).Count | Should -Be 0
        Mutations $since | Should -BeNullOrEmpty
    }

    It 'reports NotArchived when restoring a live task' {
        $live = Get-TallyfyTask -OneOff -First 1
        (Restore-TallyfyTask -Id $live.Id).Status | Should -Be 'NotArchived'
    }
}

Describe 'The cascade from runs to their tasks' {
    BeforeAll { Reset-TallyfySandbox $sb -Runs 40 }

    It 'archiving a run hides its tasks, restoring brings them back, permanent deletion removes them' {
        $run = Get-TallyfyRun -Status active -First 1
        $taskIds = @(Get-TallyfyTask -RunId $run.Id).Id
        $taskIds.Count | Should -BeGreaterThan 0
        $visible = { Get-TallyfyTask | Where-Object RunId -eq $run.Id | ForEach-Object Id }

        @(& $visible).Count | Should -Be $taskIds.Count
        $null = $run | Remove-TallyfyRun
        @(& $visible).Count | Should -Be 0
        @(Get-TallyfyTask -ArchivedOnly | Where-Object RunId -eq $run.Id).Count | Should -Be $taskIds.Count

        $null = Restore-TallyfyRun -Id $run.Id
        @(& $visible | Sort-Object) | Should -Be @($taskIds | Sort-Object)

        $null = Remove-TallyfyRun -Id $run.Id -Permanent -Force
        @(Get-TallyfyTask -Archived | Where-Object RunId -eq $run.Id).Count | Should -Be 0
        foreach ($t in $taskIds) { (ApiTask $t).Status | Should -Be 404 }
    }
}
