# New-TallyfyTask, New-TallyfyTag and Add-TallyfyComment write one result per input (Created / Added, Refused,
# Failed, ...) with PerformedBy and Attempts, that pipes on as its record; -PassThru writes the record itself.
# Through a real pwsh against a real sandbox process; the file owns its sandbox.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 40
    $script:org = $sb.OrganizationId
    $null = Connect-TallyfySandbox $sb
    $script:me = (Get-TallyfyContext).User.Email
    function script:OpenTasks([int] $Count) {
        @(Get-TallyfyTask | Where-Object { $_.TaskType -eq 'task' -and -not $_.IsOneOff -and $_.Status -ne 'completed' } | Select-Object -First $Count)
    }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'New-TallyfyTask results' {
    It 'writes one Created result per row, with PerformedBy and Attempts, and a Refused result beside the error of a refused row' {
        $seq = LastSeq
        $rows = 'One', "Tw`0o", 'Three' | ForEach-Object { [pscustomobject]@{ Title = "Result task $_"; Deadline = '2026-12-31T17:00:00Z' } }
        $out = @($rows | New-TallyfyTask -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 3
        $out | ForEach-Object { $_ | Should -BeOfType ([TallyfyPS.Model.TallyfyTaskCreationResult]) }
        $out.Status | Should -Be 'Created', 'Refused', 'Created'
        $out.Title | Should -Be 'Result task One', "Result task Tw`0o", 'Result task Three'
        $out.PerformedBy | Sort-Object -Unique | Should -Be $me
        $out.OrganizationId | Sort-Object -Unique | Should -Be $org
        $out.Attempts | Should -Be 1, 0, 1
        $out[0].TaskId | Should -Match '^[0-9a-f]{32}$'
        $out[0].Task | Should -BeOfType ([TallyfyPS.Model.TallyfyTask])
        $out[0].Task.Id | Should -Be $out[0].TaskId
        $out[0].Succeeded | Should -BeTrue
        $out[1].TaskId | Should -BeNullOrEmpty
        $out[1].Task | Should -BeNullOrEmpty
        $out[1].Message | Should -Be $errs[0].ErrorDetails.Message
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidCharacter,TallyfyPS.Cmdlets.NewTallyfyTaskCommand'
        @(Mutations $seq).Count | Should -Be 2
        @(Mutations $seq).status | Should -Be 201, 201
    }

    It 'writes a Failed result with the HTTP status beside the error when the service refuses the task' {
        $light = Connect-TallyfySandbox $sb -As light
        try {
            $out = @(New-TallyfyTask -Title 'Not allowed' -Session $light -ErrorVariable errs -ErrorAction SilentlyContinue)
        }
        finally { $null = Connect-TallyfySandbox $sb }
        $out.Count | Should -Be 1
        $out[0].Status | Should -Be 'Failed'
        $out[0].HttpStatus | Should -Be 403
        $out[0].Attempts | Should -Be 1
        $out[0].Message | Should -Be $errs[0].ErrorDetails.Message
        $out[0].PerformedBy | Should -Not -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PermissionDenied,*'
    }

    It 'writes the task itself with -PassThru' {
        $t = New-TallyfyTask -Title 'PassThru task' -PassThru
        $t | Should -BeOfType ([TallyfyPS.Model.TallyfyTask])
        $t.IsOneOff | Should -BeTrue
        (Get-TallyfyTask -Id $t.Id).Title | Should -Be 'PassThru task'
    }

    It 'pipes its result on as its task: complete, then remove' {
        $made = New-TallyfyTask -Title 'Piped task' -Deadline '2026-12-31T17:00:00Z' -Owner 1002
        $done = @($made | Complete-TallyfyTask -Force)
        $done.Status | Should -Be 'Completed'
        $done.TaskId | Should -Be $made.TaskId
        $removed = @($made | Remove-TallyfyTask -Force)
        $removed.TaskId | Should -Be $made.TaskId
        $removed.Status | Should -Be 'Archived'
    }

    It 'refuses a Refused result piped on as a task, sending nothing for it' {
        $bad = @([pscustomobject]@{ Title = "Bad`0title" } | New-TallyfyTask -ErrorAction SilentlyContinue)
        $seq = LastSeq
        $out = @($bad | Remove-TallyfyTask -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidTaskId,*'
        $errs[0].ErrorDetails.Message | Should -Match 'has no task: its creation result is Refused'
        Mutations $seq | Should -BeNullOrEmpty
    }

    It 'exports to CSV with one row per input and the common columns' {
        $csv = Join-Path $TestDrive 'tasks.csv'
        'Csv A', 'Csv B' | ForEach-Object { [pscustomobject]@{ Title = $_ } } | New-TallyfyTask | Export-Csv -LiteralPath $csv -NoTypeInformation
        $rows = @(Import-Csv -LiteralPath $csv)
        $rows.Count | Should -Be 2
        $rows.Status | Should -Be 'Created', 'Created'
        $rows.Title | Should -Be 'Csv A', 'Csv B'
        foreach ($column in 'TaskId', 'Status', 'PerformedBy', 'Message', 'Attempts', 'HttpStatus', 'CompletedAt', 'OrganizationId', 'RequestId') {
            $rows[0].PSObject.Properties.Name | Should -Contain $column
        }
        $rows.PerformedBy | Sort-Object -Unique | Should -Be $me
        $rows[0].CompletedAt | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d'
    }
}

Describe 'New-TallyfyTag results' {
    It 'writes one result per title: Created, and Refused (with the existing tag''s id) beside TagAlreadyExists' {
        $seq = LastSeq
        $out = @('result-a', 'Result-A', "bad`0", 'result-b' | New-TallyfyTag -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out | ForEach-Object { $_ | Should -BeOfType ([TallyfyPS.Model.TallyfyTagCreationResult]) }
        $out.Status | Should -Be 'Created', 'Refused', 'Refused', 'Created'
        $out[1].TagId | Should -Be $out[0].TagId
        $out[1].Message | Should -Be $errs[0].ErrorDetails.Message
        $out[0].Tag.Id | Should -Be $out[0].TagId
        $out.PerformedBy | Sort-Object -Unique | Should -Be $me
        $out.Attempts | Should -Be 1, 0, 0, 1
        $errs.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be 'TagAlreadyExists', 'InvalidCharacter'
        @(Mutations $seq).Count | Should -Be 2
    }

    It 'writes the tag itself with -PassThru' {
        $tag = New-TallyfyTag -Title 'passthru-tag' -Color '123abc' -PassThru
        $tag | Should -BeOfType ([TallyfyPS.Model.TallyfyTag])
        $tag.Color | Should -Be '#123abc'
    }

    It 'is taken by Add-TallyfyRunTag -Tag as its tag, and pipes on to Remove-TallyfyTag' {
        $made = New-TallyfyTag -Title 'piped-tag'
        $run = Get-TallyfyRun -Status active -First 1
        $tagged = @($run | Add-TallyfyRunTag -Tag $made -Force)
        $tagged.Status | Should -Be 'Tagged'
        $tagged.TagId | Should -Be $made.TagId
        $removed = @($made | Remove-TallyfyTag -Force)
        $removed.TagId | Should -Be $made.TagId
        $removed.Status | Should -Be 'Deleted'
    }

    It 'exports to CSV with one row per input' {
        $csv = Join-Path $TestDrive 'tags.csv'
        'csv-tag-1', 'csv-tag-2' | New-TallyfyTag | Export-Csv -LiteralPath $csv -NoTypeInformation
        $rows = @(Import-Csv -LiteralPath $csv)
        $rows.Status | Should -Be 'Created', 'Created'
        $rows.Title | Should -Be 'csv-tag-1', 'csv-tag-2'
        $rows[0].TagId | Should -Match '^[0-9a-f]{32}$'
        $rows.PerformedBy | Sort-Object -Unique | Should -Be $me
    }
}

Describe 'Add-TallyfyComment results' {
    It 'writes one Added result per task, in order, with the comment, PerformedBy and Attempts' {
        $tasks = OpenTasks 2
        $out = @($tasks | Add-TallyfyComment -Text 'Result comment' -Force)
        $out | ForEach-Object { $_ | Should -BeOfType ([TallyfyPS.Model.TallyfyCommentResult]) }
        $out.Status | Should -Be 'Added', 'Added'
        $out.TaskId | Should -Be $tasks.Id
        $out.RunId | Should -Be $tasks.RunId
        $out.Comment.Content | Should -Be 'Result comment', 'Result comment'
        $out.CommentId | Should -Be $out.Comment.Id
        $out.PerformedBy | Sort-Object -Unique | Should -Be $me
        $out.Attempts | Should -Be 1, 1
        $out.HttpStatus | Should -Be 201, 201
    }

    It 'pipes its result on as its comment to Remove-TallyfyComment' {
        $task = OpenTasks 1
        $added = @($task | Add-TallyfyComment -Text 'To remove' -Force)
        $removed = @($added | Remove-TallyfyComment -Force)
        $removed.Status | Should -Be 'Deleted'
        $removed.CommentId | Should -Be $added.CommentId
    }

    It 'writes the comment itself with -PassThru' {
        $c = @(OpenTasks 1 | Add-TallyfyComment -Text 'PassThru comment' -Force -PassThru)
        $c.Count | Should -Be 1
        $c[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyComment])
        $c[0].Content | Should -Be 'PassThru comment'
    }
}

Describe 'Add-TallyfyComment past the comment limit' {
    BeforeAll {
        # Its own sandbox: the comment limit counts every comment of the organization in its window.
        $script:capped = Start-TallyfySandbox -Runs 10
        $script:cappedSession = Connect-TallyfySandbox $capped
        Invoke-TallyfySandboxControl $capped PUT limits @{ commentsPerWindow = 1; commentWindowSeconds = 3600 } | Out-Null
    }
    AfterAll {
        Stop-TallyfySandbox $script:capped
        $null = Connect-TallyfySandbox $sb
    }

    It 'writes a NotAttempted result beside one RateLimited error past the limit, in this call and the next' {
        $tasks = @(Get-TallyfyTask -Session $cappedSession | Where-Object { $_.TaskType -eq 'task' -and -not $_.IsOneOff -and $_.Status -ne 'completed' } | Select-Object -First 3)
        $first = @($tasks[0..1] | Add-TallyfyComment -Session $cappedSession -Text 'Up to the cap' -Force -ThrottleLimit 1 -ErrorVariable errs1 -ErrorAction SilentlyContinue)
        ($first.Status | Sort-Object) | Should -Be 'Added', 'NotAttempted'  # the one sent second learns the limit (429): refused, not applied
        @($first | Where-Object Status -eq 'NotAttempted').HttpStatus | Should -Be 429
        $errs1.Count | Should -Be 1
        $seq = LastSeq $capped
        $out = @($tasks[2] | Add-TallyfyComment -Session $cappedSession -Text 'Past the cap' -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Status | Should -Be 'NotAttempted'                            # a new call asks Tallyfy again: one 429, no wait
        $out[0].TaskId | Should -Be $tasks[2].Id
        $out[0].Attempts | Should -Be 1
        $out[0].Message | Should -Not -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'RateLimited,*'
        @(Mutations $seq $capped | Where-Object status -lt 300) | Should -BeNullOrEmpty
        $csv = Join-Path $TestDrive 'comments.csv'
        $first + $out | Export-Csv -LiteralPath $csv -NoTypeInformation
        $rows = @(Import-Csv -LiteralPath $csv)
        ($rows.Status | Sort-Object) | Should -Be 'Added', 'NotAttempted', 'NotAttempted'
        $rows[0].PSObject.Properties.Name | Should -Contain 'PerformedBy'
        $rows.PerformedBy | Sort-Object -Unique | Should -Be $me
    }
}
