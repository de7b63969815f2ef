# Folders, run folders, tags and comments changed: New-/Rename-/Remove-TallyfyFolder, Add-/Remove-TallyfyRunFolder,
# Set-TallyfyTag and Set-TallyfyComment, through a real pwsh against a real sandbox process (this file owns its sandbox,
# its switches and its request log).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 60
    $script:org = $sb.OrganizationId
    $null = Connect-TallyfySandbox $sb
    $script:financeFolder = 'f01de5a0b1c2d3e4f5a6b7c8d9e0f101'
    $script:peopleFolder = 'f01de5a0b1c2d3e4f5a6b7c8d9e0f102'
    $script:archive2024 = 'f01de5a0b1c2d3e4f5a6b7c8d9e0f104'
    $script:q3 = 'a1f0c3e2b4d5968778695a4b3c2d1e04'
    $script:urgent = 'a1f0c3e2b4d5968778695a4b3c2d1e05'
    function script:StoredFolders([string] $RunId) { @((Invoke-TallyfySandboxControl $sb GET "state/runs/$RunId").folders) }
    function script:ApiFolders([string] $Type = 'run') { @((Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/folders?folder_type=$Type&per_page=100").Body.data) }
    function script:ApiTags { @((Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/tags?per_page=100").Body.data) }
    function script:Complete([string] $Line) { @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches) }
    # Runs that are not in the People folder (live ones).
    function script:Unfiled([int] $Count) { @(Get-TallyfyRun -Include Folders | Where-Object { $_.Folders.Id -notcontains $peopleFolder } | Select-Object -First $Count) }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Add-TallyfyRunFolder and Remove-TallyfyRunFolder, under both run folder entry shapes' -ForEach @(
    @{ Entries = 'folder-object-id' }
    @{ Entries = 'folder' }
) {
    BeforeEach {
        Reset-TallyfySandbox $sb
        Set-TallyfySandboxSwitch $sb @{ runFolderEntries = $Entries }
    }

    It 'puts runs in a folder by name and takes them out again (<Entries>)' {
        $runs = Unfiled 3
        $since = LastSeq
        $added = @($runs.Id | Add-TallyfyRunFolder -Folder People)
        $added | Should -BeOfType ([TallyfyPS.Model.TallyfyRunFolderResult])
        $added.Status | Should -Be @('Added', 'Added', 'Added')
        $added.RunId | Should -Be $runs.Id
        $added.FolderId | Should -Be (@($peopleFolder) * 3)
        $added.FolderObjectId | ForEach-Object { $_ | Should -Match '^[0-9a-f]{32}$' }
        $added[0].PerformedBy | Should -Be 'dana.whitfield@acme.example'
        foreach ($r in $runs) { StoredFolders $r.Id | Should -Contain $peopleFolder }
        @(Mutations $since | Where-Object path -like '*/folders/add-object').Count | Should -Be 3

        # Taken out by id: each run read once with its folders, then (without folder_object_id) the id learnt from the add answer.
        $since = LastSeq
        $removed = @(Remove-TallyfyRunFolder -RunId $runs.Id -Folder People)
        $removed.Status | Should -Be @('Removed', 'Removed', 'Removed')
        foreach ($r in $runs) { StoredFolders $r.Id | Should -Not -Contain $peopleFolder }
        $sent = @(Mutations $since)
        @($sent | Where-Object { $_.method -eq 'DELETE' -and $_.path -like '*/folders-objects/*' }).Count | Should -Be 3
        $learnt = @($sent | Where-Object path -like '*/folders/add-object').Count
        if ($Entries -eq 'folder') { $learnt | Should -Be 3 } else { $learnt | Should -Be 0 }
        @(Get-TallyfyRun -Folder People | Where-Object Id -in $runs.Id) | Should -BeNullOrEmpty
    }

    It 'undoes a filing from its results, and a run read with -Include Folders needs no read (<Entries>)' {
        $runs = Unfiled 2
        $added = @($runs | Add-TallyfyRunFolder -Folder $peopleFolder)
        $since = LastSeq
        $removed = @($added | Remove-TallyfyRunFolder -Folder People)
        $removed.Status | Should -Be @('Removed', 'Removed')
        # The results carry the folder-object id: nothing is read, one DELETE each.
        @(RequestsSince $since | Where-Object path -like '*/runs/*') | Should -BeNullOrEmpty
        @(RequestsSince $since | Where-Object method -ne 'GET').Count | Should -Be 2
    }

    It 'sends nothing for a run in the folder already (AlreadyInFolder) or not in it (NotInFolder) (<Entries>)' {
        $inFinance = @(Get-TallyfyRun -Folder Finance -Include Folders -First 2)
        $inFinance.Count | Should -Be 2
        $since = LastSeq
        $a = @($inFinance | Add-TallyfyRunFolder -Folder Finance)
        $a.Status | Should -Be @('AlreadyInFolder', 'AlreadyInFolder')
        $a[0].Message | Should -Match 'nothing was sent'
        $a[0].Succeeded | Should -BeTrue
        $n = @(Unfiled 2 | Remove-TallyfyRunFolder -Folder People)
        $n.Status | Should -Be @('NotInFolder', 'NotInFolder')
        Mutations $since | Should -BeNullOrEmpty
        # From a read (no -Include Folders): one GET each, still nothing sent.
        $b = @(Add-TallyfyRunFolder -RunId $inFinance.Id -Folder 'Finance')
        $b.Status | Should -Be @('AlreadyInFolder', 'AlreadyInFolder')
        Mutations $since | Should -BeNullOrEmpty
    }
}

Describe 'Add-TallyfyRunFolder and Remove-TallyfyRunFolder' {
    BeforeEach { Reset-TallyfySandbox $sb }

    It 'sends nothing and writes nothing under -WhatIf' {
        $runs = Unfiled 3
        $since = LastSeq
        $runs | Add-TallyfyRunFolder -Folder People -WhatIf | Should -BeNullOrEmpty
        Get-TallyfyRun -Folder Finance -First 3 | Remove-TallyfyRunFolder -Folder Finance -WhatIf | Should -BeNullOrEmpty
        Mutations $since | Should -BeNullOrEmpty
    }

    It 'files many runs concurrently and writes the results in input order, each run once' {
        $runs = @(Get-TallyfyRun -IncludeArchived:$false)
        $runs.Count | Should -BeGreaterThan 20
        $input = @($runs.Id) + @($runs[0].Id)
        $results = @($input | Add-TallyfyRunFolder -Folder 'Finance/Archive 2024' -ThrottleLimit 8)
        $results.RunId | Should -Be $input
        $results[-1].Status | Should -Be 'AlreadyInFolder'
        @($results | Select-Object -SkipLast 1 | Where-Object Status -ne 'Added') | Should -BeNullOrEmpty
        @(Get-TallyfyRun -Folder 'Archive 2024').Count | Should -Be $runs.Count
    }

    It 'takes the folder from the folders of runs only, by path, name, id or object; a folder of templates is not one' {
        { Add-TallyfyRunFolder -RunId (Unfiled 1).Id -Folder 'Finance templates' } | Should -Throw -ErrorId 'FolderNotFound,TallyfyPS.Cmdlets.AddTallyfyRunFolderCommand'
        $folder = Get-TallyfyFolder | Where-Object Path -eq 'Finance/Archive 2024'
        (Add-TallyfyRunFolder -RunId (Unfiled 1).Id -Folder $folder).FolderPath | Should -Be 'Finance/Archive 2024'
    }

    It 'reports an unknown run NotFound (RunNotFound) and refuses an invalid id (InvalidRunId), sending nothing for either' {
        $since = LastSeq
        $out = @(Add-TallyfyRunFolder -RunId '0123456789abcdef0123456789abcdef', 'nope' -Folder People -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 1
        $out[0].Status | Should -Be 'NotFound'
        @($errs.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] }) | Should -Be @('RunNotFound', 'InvalidRunId')
        Mutations $since | Should -BeNullOrEmpty
    }

    It 'completes folders of runs for -Folder' {
        (Complete 'Add-TallyfyRunFolder -Folder Arch').CompletionText | Should -Contain "'Archive 2024'"
        (Complete 'Remove-TallyfyRunFolder -Folder Peo').CompletionText | Should -Contain 'People'
    }
}

Describe 'New-TallyfyFolder, Rename-TallyfyFolder, Remove-TallyfyFolder' {
    BeforeEach { Reset-TallyfySandbox $sb }

    It 'creates folders of runs and of templates, in a parent by path, and refuses a name taken beside it' {
        $f = New-TallyfyFolder -Name 'Audits 2026' -Parent 'Finance'
        $f | Should -BeOfType ([TallyfyPS.Model.TallyfyFolder])
        $f.Path | Should -Be 'Finance/Audits 2026'
        $f.Type | Should -Be 'Run'
        (ApiFolders | Where-Object id -eq $f.Id).parent_id | Should -Be $financeFolder
        $t = New-TallyfyFolder -Name 'Legal templates' -Type Template
        (ApiFolders checklist | Where-Object id -eq $t.Id).name | Should -Be 'Legal templates'
        $since = LastSeq
        $made = @('North', 'people', 'North' | New-TallyfyFolder -ErrorVariable errs -ErrorAction SilentlyContinue)
        $made.Path | Should -Be @('North')
        $errs.Count | Should -Be 2
        $errs.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'FolderNameTaken,*' }
        $errs[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        @(Mutations $since).Count | Should -Be 1
        { New-TallyfyFolder -Name x -Parent 'Nowhere' } | Should -Throw -ErrorId 'FolderNotFound,TallyfyPS.Cmdlets.NewTallyfyFolderCommand'
        New-TallyfyFolder -Name 'Only a test' -WhatIf | Should -BeNullOrEmpty
        ApiFolders | Where-Object name -eq 'Only a test' | Should -BeNullOrEmpty
    }

    It 'renames a folder by path or piped, refuses a taken name, and sends nothing under -WhatIf' {
        $r = Rename-TallyfyFolder -Folder 'Finance/Archive 2024' -NewName 'Archive 2024 (closed)'
        $r.Path | Should -Be 'Finance/Archive 2024 (closed)'
        (ApiFolders | Where-Object id -eq $archive2024).name | Should -Be 'Archive 2024 (closed)'
        (ApiFolders | Where-Object id -eq $archive2024).parent_id | Should -Be $financeFolder
        $p = Get-TallyfyFolder -Type Template | Where-Object Name -eq 'HR templates' | Rename-TallyfyFolder -NewName 'People templates'
        $p.Type | Should -Be 'Template'
        $since = LastSeq
        $null = Rename-TallyfyFolder -Folder People -NewName finance -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'FolderNameTaken,*'
        Rename-TallyfyFolder -Folder People -NewName 'Staff' -WhatIf | Should -BeNullOrEmpty
        Mutations $since | Should -BeNullOrEmpty
    }

    It 'deletes folders under both answers (200, 204), leaves their runs, and refuses unknown names before sending' -ForEach @(
        @{ Answer = '200' }, @{ Answer = '204' }
    ) {
        Set-TallyfySandboxSwitch $sb @{ folderDeleteSuccess = $Answer }
        $runsIn = @(Get-TallyfyRun -Folder 'Archive 2024' -IncludeArchived)
        $runsIn.Count | Should -BeGreaterThan 0
        $since = LastSeq
        $out = @(Remove-TallyfyFolder -Folder 'Finance/Archive 2024', 'Nowhere' -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 1
        $out[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyFolderRemovalResult])
        $out[0].Status | Should -Be 'Deleted'
        $out[0].HttpStatus | Should -Be ([int]$Answer)
        $out[0].Path | Should -Be 'Finance/Archive 2024'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'FolderNotFound,*'
        @(Mutations $since).Count | Should -Be 1
        ApiFolders | Where-Object id -eq $archive2024 | Should -BeNullOrEmpty
        foreach ($r in $runsIn) { (Get-TallyfyRun -Id $r.Id).Id | Should -Be $r.Id }
    }

    It 'deletes a folder made earlier in the same pipeline, and nothing under -WhatIf' {
        (New-TallyfyFolder -Name Scratch | Remove-TallyfyFolder -Force).Status | Should -Be 'Deleted'
        ApiFolders | Where-Object name -eq 'Scratch' | Should -BeNullOrEmpty
        $since = LastSeq
        Remove-TallyfyFolder -Folder People -WhatIf | Should -BeNullOrEmpty
        Mutations $since | Should -BeNullOrEmpty
    }

    It 'completes folders of the -Type for New-TallyfyFolder -Parent, and of both types for Remove-TallyfyFolder' {
        (Complete 'New-TallyfyFolder -Name x -Type Template -Parent Fin').CompletionText | Should -Contain "'Finance templates'"
        (Complete 'Remove-TallyfyFolder -Folder Fin').CompletionText | Should -Contain "'Finance templates'"
        (Complete 'Remove-TallyfyFolder -Folder Fin').CompletionText | Should -Contain 'Finance'
    }
}

Describe 'Set-TallyfyTag' {
    BeforeEach { Reset-TallyfySandbox $sb }

    It 'renames and recolours; with -Color alone the tag''s own title is sent (Tallyfy requires it)' {
        $r = Set-TallyfyTag -Id $q3 -Title 'Q3 2026'
        $r | Should -BeOfType ([TallyfyPS.Model.TallyfyTagUpdateResult])
        $r.Status | Should -Be 'Updated'
        (ApiTags | Where-Object id -eq $q3).title | Should -Be 'Q3 2026'
        $c = @(Get-TallyfyTag | Where-Object Title -in 'finance', 'urgent' | Set-TallyfyTag -Color 'A1B2C3')
        $c.Status | Should -Be @('Updated', 'Updated')
        (ApiTags | Where-Object id -eq $urgent).color | Should -Be '#a1b2c3'
        (ApiTags | Where-Object id -eq $urgent).title | Should -Be 'urgent'
    }

    It 'refuses a title another tag has (TagTitleTaken) and one title for two tags, sending nothing; NotFound for an unknown tag' {
        $since = LastSeq
        $r = Set-TallyfyTag -Id $urgent -Title 'FINANCE' -ErrorVariable errs -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'Refused'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TagTitleTaken,*'
        $two = @(Set-TallyfyTag -Id $urgent, $q3 -Title 'hot' -ErrorVariable errs2 -ErrorAction SilentlyContinue)
        $two.Status | Should -Be @('Updated', 'Refused')
        $errs2[0].FullyQualifiedErrorId | Should -BeLike 'TagTitleTaken,*'
        $u = Set-TallyfyTag -Id '0123456789abcdef0123456789abcdef' -Color '#000000' -ErrorVariable errs3 -ErrorAction SilentlyContinue
        $u.Status | Should -Be 'NotFound'
        $errs3[0].FullyQualifiedErrorId | Should -BeLike 'TagNotFound,*'
        @(Mutations $since).Count | Should -Be 1
        { Set-TallyfyTag -Id $q3 } | Should -Throw -ErrorId 'NothingToChange,TallyfyPS.Cmdlets.SetTallyfyTagCommand'
        { Set-TallyfyTag -Id $q3 -Color red } | Should -Throw -ErrorId 'InvalidTagColor,TallyfyPS.Cmdlets.SetTallyfyTagCommand'
        Set-TallyfyTag -Id $q3 -Title 'nope' -WhatIf | Should -BeNullOrEmpty
        @(Mutations $since).Count | Should -Be 1
    }
}

Describe 'Set-TallyfyComment' {
    BeforeEach { Reset-TallyfySandbox $sb }

    It 'edits piped comments'' text, and a comment''s label by id, keeping what is not given' {
        $comments = @(Get-TallyfyTask -OneOff | Get-TallyfyComment | Where-Object Content -like '*Friday*')
        $comments.Count | Should -BeGreaterThan 1
        $out = @($comments | Set-TallyfyComment -Text 'Started; update by Monday.')
        $out | Should -BeOfType ([TallyfyPS.Model.TallyfyCommentUpdateResult])
        $out.Status | Sort-Object -Unique | Should -Be 'Updated'
        $out.CommentId | Should -Be $comments.Id
        $after = @(Get-TallyfyComment -TaskId $comments[0].TaskId | Where-Object Id -eq $comments[0].Id)
        $after.Content | Should -Be 'Started; update by Monday.'
        $after.Label | Should -Be 'comment'
        $l = Set-TallyfyComment -TaskId $comments[0].TaskId -Id $comments[0].Id -Label advice
        $l.Status | Should -Be 'Updated'
        $after = @(Get-TallyfyComment -TaskId $comments[0].TaskId | Where-Object Id -eq $comments[0].Id)
        ($after.Label, $after.Content) | Should -Be @('advice', 'Started; update by Monday.')
    }

    It 'reports an unknown comment NotFound, refuses one without a task, and sends nothing under -WhatIf' {
        $task = (Get-TallyfyTask -OneOff | Get-TallyfyComment | Select-Object -First 1)
        $r = Set-TallyfyComment -TaskId $task.TaskId -Id 123 -Text 'x' -ErrorVariable errs -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'NotFound'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CommentNotFound,*'
        $n = Set-TallyfyComment -Id 123 -Text 'x' -ErrorVariable errs2 -ErrorAction SilentlyContinue
        $n.Status | Should -Be 'Refused'
        $errs2[0].FullyQualifiedErrorId | Should -BeLike 'InvalidTaskId,*'
        $since = LastSeq
        $task | Set-TallyfyComment -Text 'y' -WhatIf | Should -BeNullOrEmpty
        Mutations $since | Should -BeNullOrEmpty
        { $task | Set-TallyfyComment } | Should -Throw -ErrorId 'NothingToChange,TallyfyPS.Cmdlets.SetTallyfyCommentCommand'
    }

    It 'refuses to relabel an open problem (it would hide it and leave the run locked), and edits its text' {
        $taskId = @(Get-TallyfyTask -OneOff)[0].Id
        $null = Add-TallyfyComment -TaskId $taskId -Text 'Blocked: no invoice yet.' -Label problem
        $problem = @(Get-TallyfyComment -TaskId $taskId -Open)
        $problem.Count | Should -Be 1
        $since = LastSeq
        $r = $problem | Set-TallyfyComment -Label comment -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'Refused'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ProblemLabel,*'
        $errs[0].ToString() | Should -BeLike "*$($problem[0].Id)*"
        $errs[0].ErrorDetails.RecommendedAction | Should -BeLike '*Resolve-TallyfyProblem*'
        Mutations $since | Should -BeNullOrEmpty
        # By id: the task's comments are read, and the problem is refused the same way.
        $i = Set-TallyfyComment -TaskId $taskId -Id $problem[0].Id -Label advice -Force -ErrorVariable errs3 -ErrorAction SilentlyContinue
        $i.Status | Should -Be 'Refused'
        $errs3[0].FullyQualifiedErrorId | Should -BeLike 'ProblemLabel,*'
        Mutations $since | Should -BeNullOrEmpty
        ($problem | Set-TallyfyComment -Text 'Blocked: the invoice is late.' -Force).Status | Should -Be 'Updated'
        $open = @(Get-TallyfyComment -TaskId $taskId -Open)
        ($open.Count, $open[0].Content) | Should -Be @(1, 'Blocked: the invoice is late.')
    }
}

Describe 'Add-TallyfyRunFolder -Journal' {
    BeforeEach { Reset-TallyfySandbox $sb }

    It 'a rerun with the journal writes the recorded results and sends nothing; another folder is refused' {
        $journal = Join-Path $TestDrive 'filing.journal'
        $runs = Unfiled 3
        $first = @($runs | Add-TallyfyRunFolder -Folder People -Journal $journal)
        $first.Status | Should -Be @('Added', 'Added', 'Added')
        $since = LastSeq
        $again = @($runs | Add-TallyfyRunFolder -Folder People -Journal $journal)
        $again.RunId | Should -Be $runs.Id
        $again.Status | Should -Be @('Added', 'Added', 'Added')
        RequestsSince $since | Where-Object path -like '*/runs/*' | Should -BeNullOrEmpty
        Mutations $since | Should -BeNullOrEmpty
        { $runs | Add-TallyfyRunFolder -Folder Finance -Journal $journal } | Should -Throw -ErrorId 'JournalMismatch,*'
    }
}
