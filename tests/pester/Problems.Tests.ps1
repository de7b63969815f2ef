# Problems and open issues: a problem locks its run (status issue, HasOpenIssue); Complete-TallyfyTask,
# Undo-TallyfyTaskCompletion and Set-TallyfyTask learn it with one request per run (RunHasOpenIssue); problems are
# reported with Add-TallyfyComment -Label problem (also on the run itself, -RunId), listed with Get-TallyfyComment
# -Open and resolved with Resolve-TallyfyProblem; a comment labelled resolve resolves nothing. Proven from the
# sandbox's stored state and request log. The file owns its sandbox.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 80
    $null = Connect-TallyfySandbox $sb
    function script:TaskState([string] $Id) { Invoke-TallyfySandboxControl $sb GET "state/tasks/$Id" }
    function script:Posts([long] $Since) { @(Mutations $Since | Where-Object Method -eq 'POST') }
    # An active run no other test used, with at least $Open open tasks (plain tasks: no approval) and $Completed completed ones.
    $script:usedRuns = [Collections.Generic.HashSet[string]]::new()
    function script:FreshRun([int] $Open = 1, [int] $Completed = 0) {
        foreach ($run in @(Get-TallyfyRun -Status active)) {
            if ($usedRuns.Contains($run.Id)) { continue }
            $tasks = @(Get-TallyfyTask -RunId $run.Id)
            $openTasks = @($tasks | Where-Object { $_.TaskType -eq 'task' -and $_.Status -ne 'completed' })
            $doneTasks = @($tasks | Where-Object { $_.TaskType -eq 'task' -and $_.Status -eq 'completed' })
            if ($openTasks.Count -ge $Open -and $doneTasks.Count -ge $Completed) {
                $null = $usedRuns.Add($run.Id)
                return [pscustomobject]@{ Run = $run; Open = $openTasks; Completed = $doneTasks; Id = $run.Id }
            }
        }
        throw "No fresh active run with $Open open and $Completed completed plain tasks."
    }
    # Reports a problem on a task of the run (or on the run itself) straight through the API's endpoint.
    function script:Lock($Fresh, [string] $TaskId) {
        $t = if ($TaskId) { $TaskId } else { $Fresh.Open[0].Id }
        $result = Add-TallyfyComment -TaskId $t -RunId $Fresh.Id -Text 'Blocked: the supplier has not answered.' -Label problem
        $result.Status | Should -Be 'Added'
        $result.Comment
    }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Reporting a problem locks the run' {
    It 'posts -Label problem through the problem endpoint; the run reads as issue with HasOpenIssue, and -Status filters find it' {
        $fresh = FreshRun
        $seq = LastSeq
        $problem = Lock $fresh
        $posts = @(Posts $seq)
        $posts.Count | Should -Be 1
        $posts[0].Path | Should -BeLike "*/tasks/$($fresh.Open[0].Id)/problem"
        $problem.Label | Should -Be 'problem'
        $problem.IsOpenProblem | Should -BeTrue
        $run = Get-TallyfyRun -Id $fresh.Id
        $run.Status | Should -Be 'issue'
        $run.HasOpenIssue | Should -BeTrue
        (Get-TallyfyRun -Status issue).Id | Should -Contain $fresh.Id
        (Get-TallyfyRun -Status problem).Id | Should -Contain $fresh.Id       # problem includes issue
        (Get-TallyfyRun -Status active).Id | Should -Not -Contain $fresh.Id
        @(Get-TallyfyRun -Status improvement) | Should -BeNullOrEmpty
        $null = Resolve-TallyfyProblem -TaskId $fresh.Open[0].Id -All -Text 'Answered.' -Force
        (Get-TallyfyRun -Id $fresh.Id).HasOpenIssue | Should -BeFalse
    }

    It 'lists starred runs with -Status starred' {
        $fresh = FreshRun
        $null = Set-TallyfyRun -Id $fresh.Id -Starred -Force
        $starred = @(Get-TallyfyRun -Status starred)
        $starred.Id | Should -Contain $fresh.Id
        $starred | ForEach-Object { $_.IsStarred | Should -BeTrue }
    }

    It 'completes -Status with issue, improvement and starred' {
        $words = @((TabExpansion2 'Get-TallyfyRun -Status ' 23).CompletionMatches.CompletionText)
        foreach ($w in 'issue', 'improvement', 'starred', 'problem') { $words | Should -Contain $w }
    }
}

Describe 'Changing tasks of a locked run' {
    It 'Complete-TallyfyTask sends one request for many tasks of a locked run, and each task gets RunHasOpenIssue' {
        $fresh = FreshRun -Open 3
        $null = Lock $fresh
        $tasks = @($fresh.Open | Select-Object -First 3)
        $seq = LastSeq
        $results = @(Complete-TallyfyTask -Id $tasks.Id -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $completions = @(Mutations $seq | Where-Object Path -like '*/completed-tasks')
        $completions.Count | Should -Be 1                                           # at most ONE request learns the lock
        $errs.Count | Should -Be $tasks.Count
        $errs | ForEach-Object {
            $_.FullyQualifiedErrorId | Should -BeLike 'RunHasOpenIssue,*'
            $_.CategoryInfo.Category | Should -Be 'InvalidOperation'
            $_.Exception.Message | Should -Match $fresh.Id
            $_.ErrorDetails.RecommendedAction | Should -Match 'Resolve-TallyfyProblem'
        }
        $results.TaskId | Should -Be $tasks.Id
        $results.Status | Should -Be @('Failed', 'Failed', 'Failed')
        @($results | Where-Object HttpStatus -eq 422).Count | Should -Be 1
        foreach ($t in $tasks) { (TaskState $t.Id).status | Should -Not -Be 'completed' }
    }

    It 'Undo-TallyfyTaskCompletion and Set-TallyfyTask learn it with one request each' {
        $fresh = FreshRun -Open 2 -Completed 2
        $null = Lock $fresh
        $seq = LastSeq
        $null = @($fresh.Completed | Select-Object -First 2 | ForEach-Object Id | Undo-TallyfyTaskCompletion -RunId $fresh.Id -Force -ErrorVariable undoErrs -ErrorAction SilentlyContinue)
        @(Mutations $seq | Where-Object Method -eq 'DELETE').Count | Should -Be 1
        $undoErrs.Count | Should -Be 2
        $undoErrs | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'RunHasOpenIssue,*' }
        $seq = LastSeq
        $null = @(Set-TallyfyTask -Id ($fresh.Open | Select-Object -First 2).Id -Title 'Renamed while locked' -Force -ErrorVariable setErrs -ErrorAction SilentlyContinue)
        @(Mutations $seq | Where-Object Method -eq 'PUT').Count | Should -Be 1
        $setErrs.Count | Should -Be 2
        $setErrs | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'RunHasOpenIssue,*' }
        foreach ($t in $fresh.Completed | Select-Object -First 2) { (TaskState $t.Id).status | Should -Be 'completed' }
    }

    It 'knows the lock from the tasks'' run as read (-Include Run): nothing is sent' {
        $fresh = FreshRun -Open 2
        $null = Lock $fresh
        $tasks = @(Get-TallyfyTask -RunId $fresh.Id -Include Run | Where-Object { $_.Id -in $fresh.Open.Id })
        $tasks[0].Run.HasOpenIssue | Should -BeTrue
        $seq = LastSeq
        $results = @($tasks | Complete-TallyfyTask -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        @(Mutations $seq) | Should -BeNullOrEmpty
        $results | Should -BeNullOrEmpty
        $errs.Count | Should -Be $tasks.Count
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'RunHasOpenIssue,*'; $_.Exception.Message | Should -Match 'Nothing was sent' }
    }

    It 'completes the tasks again once the problem is resolved' {
        $fresh = FreshRun
        $null = Lock $fresh
        $null = Get-TallyfyComment -RunId $fresh.Id -Open | Resolve-TallyfyProblem -Text 'Supplier answered.' -Force
        (Complete-TallyfyTask -Id $fresh.Open[0].Id -Force).Status | Should -Be 'Completed'
    }
}

Describe 'Comments and problems on tasks and runs' {
    It 'warns once per call that a resolve label resolves nothing, posts the comments, and the run stays locked' {
        $fresh = FreshRun -Open 2
        $null = Lock $fresh
        $seq = LastSeq
        $results = @($fresh.Open | Select-Object -First 2 | Add-TallyfyComment -Text 'Resolved, I think.' -Label resolve -WarningVariable warned -WarningAction SilentlyContinue)
        $results.Status | Should -Be @('Added', 'Added')
        $warned.Count | Should -Be 1
        "$($warned[0])" | Should -Match 'resolves nothing'
        "$($warned[0])" | Should -Match 'Resolve-TallyfyProblem'
        @(Posts $seq | Where-Object Path -like '*/comment').Count | Should -Be 2
        (Get-TallyfyRun -Id $fresh.Id).HasOpenIssue | Should -BeTrue
        @(Get-TallyfyComment -RunId $fresh.Id -Open).Count | Should -Be 1
    }

    It 'comments and reports problems on the run itself with -RunId alone, read back with Get-TallyfyComment -RunId' {
        $fresh = FreshRun
        $seq = LastSeq
        $note = Add-TallyfyComment -RunId $fresh.Id -Text 'Kick-off call done.'
        $issue = Add-TallyfyComment -RunId $fresh.Id -Text 'Wrong client on this process.' -Label problem
        $posts = @(Posts $seq)
        $posts.Path | Should -Be @("/api/organizations/$($sb.OrganizationId)/runs/$($fresh.Id)/comment", "/api/organizations/$($sb.OrganizationId)/runs/$($fresh.Id)/problem")
        $note.Status, $issue.Status | Should -Be @('Added', 'Added')
        $note.TaskId | Should -Be ''
        $note.RunId | Should -Be $fresh.Id
        (Get-TallyfyRun -Id $fresh.Id).Status | Should -Be 'issue'
        $all = @(Get-TallyfyComment -RunId $fresh.Id | Where-Object { -not $_.TaskId })
        $all.Content | Should -Be @('Kick-off call done.', 'Wrong client on this process.')
        $open = @(Get-TallyfyComment -RunId $fresh.Id -Open)
        $open.Id | Should -Be @($issue.CommentId)
        $open[0].RunId | Should -Be $fresh.Id
    }

    It 'lists with -Open only the open problems of tasks' {
        $fresh = FreshRun -Open 2
        $problem = Lock $fresh
        $null = Add-TallyfyComment -TaskId $fresh.Open[0].Id -RunId $fresh.Id -Text 'Only a comment.'
        $open = @(Get-TallyfyComment -TaskId $fresh.Open[0].Id -Open)
        $open.Id | Should -Be @($problem.Id)
        @(Get-TallyfyComment -TaskId $fresh.Open[1].Id -Open) | Should -BeNullOrEmpty
    }
}

Describe 'Resolve-TallyfyProblem' {
    It 'resolves piped problems: one result each, Resolved, through resolved-threads, and the run is unlocked' {
        $fresh = FreshRun -Open 2
        $one = Lock $fresh -TaskId $fresh.Open[0].Id
        $two = Lock $fresh -TaskId $fresh.Open[1].Id
        $seq = LastSeq
        $results = @(Get-TallyfyComment -RunId $fresh.Id -Open | Resolve-TallyfyProblem -Text 'Supplier answered.')
        $results | ForEach-Object { $_ | Should -BeOfType ([TallyfyPS.Model.TallyfyProblemResult]) }
        $results.ThreadId | Should -Be @($one.Id, $two.Id)
        $results.Status | Should -Be @('Resolved', 'Resolved')
        $results.TaskId | Should -Be @($fresh.Open[0].Id, $fresh.Open[1].Id)
        $results.RunId | Should -Be @($fresh.Id, $fresh.Id)
        $results[0].ResolutionId | Should -Not -BeNullOrEmpty
        $results[0].Resolution.Label | Should -Be 'resolve'
        $results[0].PerformedBy | Should -Not -BeNullOrEmpty
        $posts = @(Posts $seq)
        $posts.Count | Should -Be 2
        $posts | ForEach-Object { $_.Path | Should -BeLike '*/resolved-threads' }
        (Get-TallyfyRun -Id $fresh.Id).HasOpenIssue | Should -BeFalse
        (Get-TallyfyComment -TaskId $fresh.Open[0].Id | Where-Object Id -eq $one.Id).ResolveId | Should -Be $results[0].ResolutionId
        # The audit log says it in Tallyfy's own verbs.
        $acts = @(Get-TallyfyActivity -Verb issue-reported, issue-resolved -First 20)
        @($acts | Where-Object Verb -eq 'issue-resolved').Count | Should -BeGreaterOrEqual 2
        @($acts | Where-Object Verb -eq 'issue-reported').Count | Should -BeGreaterOrEqual 2
    }

    It 'reads a problem given by id first: AlreadyResolved and ProblemNotFound send nothing' {
        $fresh = FreshRun
        $problem = Lock $fresh
        $task = $fresh.Open[0].Id
        (Resolve-TallyfyProblem -TaskId $task -ThreadId $problem.Id -Text 'Fixed.' -Force).Status | Should -Be 'Resolved'
        $seq = LastSeq
        $again = Resolve-TallyfyProblem -TaskId $task -ThreadId $problem.Id -Text 'Fixed again.' -Force
        $again.Status | Should -Be 'AlreadyResolved'
        $again.ResolutionId | Should -Not -BeNullOrEmpty
        $missing = Resolve-TallyfyProblem -TaskId $task -ThreadId 42 -Text 'x' -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $missing.Status | Should -Be 'Refused'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ProblemNotFound,*'
        $none = Resolve-TallyfyProblem -TaskId $task -All -Text 'x' -Force
        $none.Status | Should -Be 'NothingToResolve'
        @(Mutations $seq) | Should -BeNullOrEmpty
    }

    It 'refuses a comment that is not a problem (NotAProblem) and sends nothing' {
        $fresh = FreshRun
        $comment = (Add-TallyfyComment -TaskId $fresh.Open[0].Id -RunId $fresh.Id -Text 'Just a note.').Comment
        $seq = LastSeq
        $result = $comment | Resolve-TallyfyProblem -Text 'x' -ErrorVariable errs -ErrorAction SilentlyContinue
        $result.Status | Should -Be 'Refused'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'NotAProblem,*'
        @(Mutations $seq) | Should -BeNullOrEmpty
    }

    It 'resolves with -RunId -All the problems on the run itself and on its tasks; -WhatIf sends nothing' {
        $fresh = FreshRun
        $onTask = Lock $fresh
        $onRun = (Add-TallyfyComment -RunId $fresh.Id -Text 'Process on hold.' -Label problem).Comment
        $seq = LastSeq
        $null = Resolve-TallyfyProblem -RunId $fresh.Id -All -Text 'Released.' -WhatIf
        @(Mutations $seq) | Should -BeNullOrEmpty
        $results = @(Resolve-TallyfyProblem -RunId $fresh.Id -All -Text 'Released.' -Force)
        $results.ThreadId | Should -Be @($onRun.Id, $onTask.Id)
        $results.Status | Should -Be @('Resolved', 'Resolved')
        $results[0].TaskId | Should -BeNullOrEmpty
        $paths = @(Posts $seq).Path
        $paths | Should -Contain "/api/organizations/$($sb.OrganizationId)/runs/$($fresh.Id)/resolved-threads"
        $paths | Should -Contain "/api/organizations/$($sb.OrganizationId)/tasks/$($fresh.Open[0].Id)/resolved-threads"
        (Get-TallyfyRun -Id $fresh.Id).HasOpenIssue | Should -BeFalse
    }

    It 'takes piped runs with -All' {
        $fresh = FreshRun
        $null = Lock $fresh
        $results = @(Get-TallyfyRun -Id $fresh.Id | Resolve-TallyfyProblem -All -Text 'Done.' -Force)
        $results.Status | Should -Be @('Resolved')
    }

    It 'records each problem in -Journal: a rerun writes the recorded result and sends nothing' {
        $fresh = FreshRun
        $problem = Lock $fresh
        $journal = Join-Path $TestDrive 'resolve.journal'
        $first = Resolve-TallyfyProblem -TaskId $fresh.Open[0].Id -ThreadId $problem.Id -Text 'Fixed.' -Force -Journal $journal
        $first.Status | Should -Be 'Resolved'
        $seq = LastSeq
        $again = Resolve-TallyfyProblem -TaskId $fresh.Open[0].Id -ThreadId $problem.Id -Text 'Fixed.' -Force -Journal $journal
        $again.Status | Should -Be 'Resolved'
        $again.ResolutionId | Should -Be $first.ResolutionId
        @(RequestsSince $seq) | Should -BeNullOrEmpty
    }

    It 'says which problems are meant: -ThreadId or -All' {
        { Resolve-TallyfyProblem -TaskId ('0' * 32) -Text 'x' -ErrorAction Stop } | Should -Throw -ErrorId 'ConflictingParameters,*'
        { Resolve-TallyfyProblem -TaskId ('0' * 32) -ThreadId 1 -All -Text 'x' -ErrorAction Stop } | Should -Throw -ErrorId 'ConflictingParameters,*'
        $fresh = FreshRun
        $result = Get-TallyfyTask -Id $fresh.Open[0].Id | Resolve-TallyfyProblem -Text 'x' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ConflictingParameters,*'
        $result.Status | Should -Be 'Refused'
    }
}
