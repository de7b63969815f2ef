# Issue 22 §5, smaller truths: the deadline form on every path, a one-off task's deleted_at, completing a completed
# task (200 or 422, and the race), one verb per activity request, custom_fields kept, the archive answer's status.
# Each behaviour the contract leaves open runs under both of its sandbox switch values. The file owns its sandbox.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 60
    $script:org = $sb.OrganizationId
    $null = Connect-TallyfySandbox $sb
    $script:IsoUtc = '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$'
    function script:TaskState([string] $Id) { Invoke-TallyfySandboxControl $sb GET "state/tasks/$Id" }
    function script:RunState([string] $Id) { Invoke-TallyfySandboxControl $sb GET "state/runs/$Id" }
    function script:Notified([string] $Id) { (Invoke-TallyfySandboxControl $sb GET "state/tasks/$Id/notifications").notifications }
    $script:used = [Collections.Generic.HashSet[string]]::new()
    function script:OpenTask([switch] $OneOff) {
        $t = Get-TallyfyTask -OneOff:$OneOff | Where-Object {
            $_.Status -ne 'completed' -and $_.TaskType -eq 'task' -and [bool]$_.IsOneOff -eq [bool]$OneOff -and -not $used.Contains($_.Id) } | Select-Object -First 1
        if (-not $t) { throw 'No open task left for this test.' }
        $null = $used.Add($t.Id)
        $t
    }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Deadlines are sent as YYYY-MM-DDTHH:MM:SSZ on every path' {
    AfterEach { Set-TallyfySandboxSwitch $sb @{} }

    It 'creates, updates and re-sends deadlines in the one form (deadlineForm <Form>)' -TestCases @(@{ Form = 'any' }, @{ Form = 'iso' }) {
        param($Form)
        Set-TallyfySandboxSwitch $sb @{ deadlineForm = $Form }
        $when = [DateTimeOffset]::new(2026, 12, 20, 9, 30, 15, 250, [TimeSpan]::FromHours(2))
        $expected = '2026-12-20T07:30:15Z'
        $seq = LastSeq
        $created = New-TallyfyTask -Title "Deadline $Form" -Deadline $when -ErrorAction Stop
        $runTask = OpenTask
        $null = Set-TallyfyTask -Id $runTask.Id -Deadline $when -Force -ErrorAction Stop
        $null = Set-TallyfyTask -Id $created.TaskId -Deadline $when.AddDays(1) -Force -ErrorAction Stop
        $null = Set-TallyfyTask -Id $created.TaskId -Title "Renamed $Form" -Force -ErrorAction Stop    # the deadline sent back as it is
        $sent = @(Mutations $seq | Where-Object { $_.Deadlines.Count -gt 0 })
        $sent.Count | Should -Be 4
        $sent | ForEach-Object { $_.Status | Should -BeLessThan 300; $_.Deadlines | Should -Match $IsoUtc }
        $sent[0].Method | Should -Be 'POST'
        $sent[0].Deadlines | Should -Be $expected
        $sent[1].Path | Should -Match "/runs/.+/tasks/$($runTask.Id)$"
        $sent[1].Deadlines | Should -Be $expected
        $sent[2].Deadlines | Should -Be '2026-12-21T07:30:15Z'
        $sent[3].Deadlines | Should -Be '2026-12-21T07:30:15Z'
        ([datetime](TaskState $created.TaskId).deadline).ToUniversalTime() | Should -Be ([datetime]::new(2026, 12, 21, 7, 30, 15, [DateTimeKind]::Utc))
    }
}

Describe 'A one-off task archived with deleted_at' {
    AfterEach { Set-TallyfySandboxSwitch $sb @{} }

    It 'reads the archive marker from archived_at or deleted_at (oneOffArchiveMarker <Marker>)' -TestCases @(@{ Marker = 'archived_at' }, @{ Marker = 'deleted_at' }) {
        param($Marker)
        Set-TallyfySandboxSwitch $sb @{ oneOffArchiveMarker = $Marker }
        $raw = @((Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/tasks?is_oneoff=true&archived=only").Body.data)
        $raw.Count | Should -BeGreaterThan 0
        $raw[0].PSObject.Properties.Name | Should -Contain $Marker
        $archived = @(Get-TallyfyTask -OneOff -ArchivedOnly)
        $archived.Count | Should -Be $raw.Count
        $archived | ForEach-Object { $_.ArchivedAt | Should -Not -BeNullOrEmpty; $_.IsArchived | Should -BeTrue }
        ([DateTimeOffset]($archived | Where-Object Id -eq $raw[0].id).ArchivedAt).UtcDateTime | Should -Be ([datetime]$raw[0].$Marker).ToUniversalTime()
    }

    It 'restores a one-off task that reads as archived by deleted_at' {
        Set-TallyfySandboxSwitch $sb @{ oneOffArchiveMarker = 'deleted_at' }
        $task = Get-TallyfyTask -OneOff -ArchivedOnly | Select-Object -First 1
        $r = Restore-TallyfyTask -Id $task.Id -Confirm:$false -ErrorAction Stop
        $r.Status | Should -Be 'Restored'
        (TaskState $task.Id).archivedAt | Should -BeNullOrEmpty
        $again = Restore-TallyfyTask -Id $task.Id -Confirm:$false -ErrorAction Stop
        $again.Status | Should -Be 'NotArchived'
    }
}

Describe 'Completing a task that is already completed' {
    AfterEach { Set-TallyfySandboxSwitch $sb @{} }

    It 'reports AlreadyCompleted and sends nothing for a task read as completed (completedTaskComplete <Answer>)' -TestCases @(@{ Answer = '200' }, @{ Answer = '422' }) {
        param($Answer)
        Set-TallyfySandboxSwitch $sb @{ completedTaskComplete = $Answer }
        $task = OpenTask -OneOff
        $null = Complete-TallyfyTask -Id $task.Id -Force -ErrorAction Stop
        $seq = LastSeq
        $r = Complete-TallyfyTask -Id $task.Id -Force -ErrorAction Stop
        $r.Status | Should -Be 'AlreadyCompleted'
        Mutations $seq | Should -BeNullOrEmpty
    }

    It 'reports AlreadyCompleted when its read said open but the service has it completed (race, completedTaskComplete <Answer>)' -TestCases @(@{ Answer = '200' }, @{ Answer = '422' }) {
        param($Answer)
        Set-TallyfySandboxSwitch $sb @{ completedTaskComplete = $Answer }
        # A task completed long ago, whose fresh object says it is open (as a read made just before its completion would).
        $task = Get-TallyfyTask -OneOff | Where-Object { $_.Status -eq 'completed' -and $_.TaskType -eq 'task' -and -not $used.Contains($_.Id) } | Select-Object -First 1
        $null = $used.Add($task.Id)
        $task.Status = 'active'
        $task.CompletedAt = $null
        $seq = LastSeq
        $r = $task | Complete-TallyfyTask -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 0
        $r.Status | Should -Be 'AlreadyCompleted'
        $r.CompletedAt | Should -Not -BeNullOrEmpty
        @(Mutations $seq).Count | Should -Be 1                                   # the one completion, never a second
        if ($Answer -eq '422') { $r.Message | Should -Match 'already been completed' }
    }

    It 'reports AlreadyCompleted when another member completed it just after the read, and the service refuses (422)' {
        Set-TallyfySandboxSwitch $sb @{ completedTaskComplete = '422' }
        $task = OpenTask -OneOff
        (Invoke-TallyfySandboxApi -Sandbox $sb -Method POST -Path "organizations/$org/completed-tasks" -Body @{ task_id = $task.Id } -As standard).Status | Should -Be 200
        $n = Notified $task.Id
        $seq = LastSeq
        $r = $task | Complete-TallyfyTask -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 0
        $r.Status | Should -Be 'AlreadyCompleted'
        $r.HttpStatus | Should -Be 422
        $r.CompletedAt | Should -Not -BeNullOrEmpty
        @(Mutations $seq).Count | Should -Be 1
        Notified $task.Id | Should -Be $n                                        # refused: nobody notified again
    }
}

Describe 'Activity verbs: one a request, merged' {
    It 'sends each -Verb in its own request and merges the entries newest first, no entry twice' {
        $one = @(Get-TallyfyActivity -Verb completed)
        $two = @(Get-TallyfyActivity -Verb archived)
        $one.Count | Should -BeGreaterThan 0
        $two.Count | Should -BeGreaterThan 0
        $seq = LastSeq
        $both = @(Get-TallyfyActivity -Verb completed, ARCHIVED, completed)
        $feed = @(RequestsSince $seq | Where-Object Path -like '*/activity-feeds')
        ($feed.Query | ForEach-Object { ([regex]::Match($_, '(?:^|&)verb=([^&]*)')).Groups[1].Value } | Sort-Object -Unique) | Should -Be @('archived', 'completed')
        $feed.Query | Should -Not -Match 'verb=[^&]*(%2C|,)'
        $both.Count | Should -Be ($one.Count + $two.Count)
        @($both.Id | Sort-Object -Unique).Count | Should -Be $both.Count
        $both.Verb | Sort-Object -Unique | Should -Be @('archived', 'completed')
        for ($i = 1; $i -lt $both.Count; $i++) { [DateTimeOffset]$both[$i].CreatedAt | Should -BeLessOrEqual ([DateTimeOffset]$both[$i - 1].CreatedAt) }
    }

    It 'pages each verb on its own and stops at -First' {
        $seq = LastSeq
        $first = @(Get-TallyfyActivity -Verb completed, archived -First 3)
        $first.Count | Should -Be 3
        $all = @(Get-TallyfyActivity -Verb completed, archived)
        $first.Id | Should -Be $all[0..2].Id
    }

    It 'refuses tagged and untagged (not in Tallyfy''s documented list) before sending anything' {
        $seq = LastSeq
        foreach ($verb in 'tagged', 'untagged') {
            { Get-TallyfyActivity -Verb $verb -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidActivityVerb,*'
        }
        RequestsSince $seq | Should -BeNullOrEmpty
    }
}

Describe 'custom_fields are kept' {
    BeforeAll {
        $script:withFields = @(Get-TallyfyRun | Where-Object { $_.CustomFields.Count -gt 0 })
    }

    It 'shows them on runs, tasks and templates, in Tallyfy''s order, read by key' {
        $withFields.Count | Should -BeGreaterThan 0
        $run = $withFields[0]
        $run.CustomFields | Should -BeOfType ([TallyfyPS.Model.TallyfyCustomFields])
        @($run.CustomFields.Keys) | Should -Be @('cost_center', 'priority', 'audited')
        $run.CustomFields.cost_center | Should -Match '^CC-\d+$'
        $run.CustomFields['COST_CENTER'] | Should -Be $run.CustomFields.cost_center
        "$($run.CustomFields)" | Should -Match '^cost_center: CC-\d+; priority: \d; audited: (True|False)$'
        { $run.CustomFields['x'] = 1 } | Should -Throw
        ($run | Format-List | Out-String -Width 200) | Should -Match 'CustomFields\s*: cost_center: CC-\d+; priority'
        ($run | Select-Object Id, CustomFields | ConvertTo-Csv | Select-Object -Last 1) | Should -Match 'cost_center: CC-'
        (Get-TallyfyRun | Where-Object { $_.CustomFields.Count -eq 0 } | Select-Object -First 1).CustomFields.Count | Should -Be 0
        $task = @(Get-TallyfyTask -RunId $run.Id)[0]
        $task.CustomFields.sla_hours | Should -Be 24
        (Get-TallyfyTemplate | Where-Object { $_.CustomFields.Count -gt 0 }).CustomFields.owner_team | Should -Be 'Finance'
        ($run | ConvertTo-Json -Depth 3 | ConvertFrom-Json).CustomFields.cost_center | Should -Be $run.CustomFields.cost_center
    }

    It 'Set-TallyfyRun and Set-TallyfyTask leave them unchanged on the service' {
        # A live run with custom fields whose first task (the one with custom fields) is open.
        $run = $withFields | Where-Object { -not $_.IsArchived } | Where-Object { @(Get-TallyfyTask -RunId $_.Id)[0].Status -ne 'completed' } | Select-Object -First 1
        $before = (RunState $run.Id).customFields | ConvertTo-Json -Compress
        $updated = Set-TallyfyRun -Id $run.Id -Name "$($run.Name) (renamed)" -PassThru -Force -ErrorAction Stop
        (RunState $run.Id).customFields | ConvertTo-Json -Compress | Should -Be $before
        $updated.CustomFields.cost_center | Should -Be $run.CustomFields.cost_center
        $task = @(Get-TallyfyTask -RunId $run.Id)[0]
        $taskBefore = (TaskState $task.Id).customFields | ConvertTo-Json -Compress
        $taskBefore | Should -Match 'sla_hours'
        $null = Set-TallyfyTask -Id $task.Id -Title "$($task.Title) (renamed)" -Force -ErrorAction Stop
        (TaskState $task.Id).customFields | ConvertTo-Json -Compress | Should -Be $taskBefore
        $oneOff = Get-TallyfyTask -OneOff | Where-Object { $_.CustomFields.Count -gt 0 -and $_.Status -ne 'completed' } | Select-Object -First 1
        $oneOffBefore = (TaskState $oneOff.Id).customFields | ConvertTo-Json -Compress
        $null = Set-TallyfyTask -Id $oneOff.Id -Title "$($oneOff.Title) (renamed)" -Force -ErrorAction Stop
        (TaskState $oneOff.Id).customFields | ConvertTo-Json -Compress | Should -Be $oneOffBefore
    }

    It 'keeps them in a backup and reads them back with Import-TallyfyBackup' {
        $run = $withFields | Select-Object -Last 1
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('tallyfy-cf-' + [guid]::NewGuid().ToString('n'))
        try {
            $null = $run | Export-TallyfyRun -Path $dir -ErrorAction Stop
            $file = Get-ChildItem $dir -Filter "*$($run.Id)*.json" | Select-Object -First 1
            (Get-Content $file.FullName -Raw | ConvertFrom-Json).run.custom_fields.cost_center | Should -Be $run.CustomFields.cost_center
            $back = Import-TallyfyBackup -Path $file.FullName -ErrorAction Stop
            $back.Run.CustomFields.cost_center | Should -Be $run.CustomFields.cost_center
            @($back.Run.CustomFields.Keys) | Should -Be @($run.CustomFields.Keys)
            $back.Tasks[0].CustomFields.sla_hours | Should -Be 24
        }
        finally { Remove-Item $dir -Recurse -Force -ErrorAction SilentlyContinue }
    }
}

Describe 'An archive answer that says status: archived' {
    AfterEach { Set-TallyfySandboxSwitch $sb @{} }

    It 'keeps ArchivedAt and the live Status (archiveAnswerStatus <Status>)' -TestCases @(@{ Status = 'live' }, @{ Status = 'archived' }) {
        param($Status)
        Set-TallyfySandboxSwitch $sb @{ archiveAnswerStatus = $Status }
        $run = Get-TallyfyRun -Status active | Where-Object { -not $used.Contains($_.Id) } | Select-Object -First 1
        $null = $used.Add($run.Id)
        $r = $run | Remove-TallyfyRun -Force -ErrorAction Stop
        $r.Status | Should -Be 'Archived'
        $again = $run | Remove-TallyfyRun -Force -ErrorAction Stop
        $again.Status | Should -Be 'AlreadyArchived'
        $read = Get-TallyfyRun -Id $run.Id
        $read.ArchivedAt | Should -Not -BeNullOrEmpty
        $read.Status | Should -Be 'active'
        # Restored to be read and archived again (an archive answer each time): the backup holds the live status read.
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('tallyfy-st-' + [guid]::NewGuid().ToString('n'))
        try {
            $export = $read | Export-TallyfyRun -Path $dir -RestoreToRead -Force -WarningAction SilentlyContinue -ErrorAction Stop
            $export.RestoredForExport | Should -BeTrue
            (RunState $run.Id).archivedAt | Should -Not -BeNullOrEmpty
            $back = Import-TallyfyBackup -Path $export.File -ErrorAction Stop
            $back.Run.Status | Should -Be 'active'
            $back.Run.ArchivedAt | Should -Not -BeNullOrEmpty
            $back.Run.IsArchived | Should -BeTrue
        }
        finally { Remove-Item $dir -Recurse -Force -ErrorAction SilentlyContinue }
    }
}
