# Get-TallyfyRun, Remove-TallyfyRun, Restore-TallyfyRun through a real pwsh against a real sandbox process.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 60
    $script:org = $sb.OrganizationId
    $null = Connect-TallyfySandbox $sb

    function script:RunPath([string] $Id) { "/api/organizations/$org/runs/$Id" }
    function script:ApiRun([string] $Id) { (Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/runs/$Id").Body.data }
    function script:LiveIds([int] $Count, [string] $Status = 'active') { Write-Output -NoEnumerate @(Get-TallyfySandboxRunId $sb -Status $Status | Select-Object -First $Count) }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Get-TallyfyRun' {
    BeforeAll { Reset-TallyfySandbox $sb -Runs 60 }

    It 'lists live runs as typed TallyfyRun objects, archived ones hidden' {
        $runs = @(Get-TallyfyRun)
        $expected = @(Get-TallyfySandboxRunId $sb)
        $runs.Count | Should -Be $expected.Count
        $runs[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyRun])
        $runs[0].Id | Should -Match '^[0-9a-f]{32}$'
        $runs[0].StartedAt | Should -BeOfType ([DateTimeOffset])
        $runs | Where-Object IsArchived | Should -BeNullOrEmpty
        $runs[0].OrganizationId | Should -Be $org
    }

    It 'filters by -Status <status>' -ForEach @(
        @{ Status = 'active' }, @{ Status = 'complete' }, @{ Status = 'problem' }, @{ Status = 'delayed' }
    ) {
        $runs = @(Get-TallyfyRun -Status $Status)
        $runs.Count | Should -Be @(Get-TallyfySandboxRunId $sb -Status $Status).Count
        $runs.Count | Should -BeGreaterThan 0
        $runs.Status | Sort-Object -Unique | Should -Be $Status
    }

    It 'lists archived runs with -Status archived' {
        $runs = @(Get-TallyfyRun -Status archived)
        $runs.Count | Should -BeGreaterThan 0
        $runs | ForEach-Object { $_.IsArchived | Should -BeTrue; $_.ArchivedAt | Should -BeOfType ([DateTimeOffset]) }
        (Get-TallyfySandboxRequest $sb | Select-Object -Last 1).query | Should -Match 'status=archived'
    }

    It 'includes archived runs with -IncludeArchived' {
        @(Get-TallyfyRun -IncludeArchived).Count | Should -Be (@(Get-TallyfyRun).Count + @(Get-TallyfyRun -Status archived).Count)
    }

    It 'searches by -Name, and filters by -BlueprintId, -Tag and -Owner' {
        $sample = (Get-TallyfyRun -First 1)
        $word = ($sample.Name -split ' ')[0]
        Get-TallyfyRun -Name $word | ForEach-Object { $_.Name | Should -BeLike "*$word*" }
        $byBlueprint = @(Get-TallyfyRun -BlueprintId $sample.BlueprintId)
        $byBlueprint.Count | Should -BeGreaterThan 0
        $byBlueprint.BlueprintId | Sort-Object -Unique | Should -Be $sample.BlueprintId
        $tagged = @(Get-TallyfyRun -Tag finance -Include Tags)
        $tagged | ForEach-Object { $_.Tags.Title | Should -Contain 'finance' }
        $owned = @(Get-TallyfyRun -Owner 1002)
        $owned.Count | Should -BeGreaterThan 0
        $owned.OwnerId | Sort-Object -Unique | Should -Be 1002
        (Get-TallyfySandboxRequest $sb | Select-Object -Last 1).query | Should -Match 'owners=1002'
    }

    It 'pages with -First, -Skip and -IncludeTotalCount' {
        $all = @(Get-TallyfyRun)
        @(Get-TallyfyRun -First 7).Id | Should -Be $all[0..6].Id
        @(Get-TallyfyRun -Skip 5 -First 3).Id | Should -Be $all[5..7].Id
        # The total comes first in the output, as PowerShell's paging cmdlets write it (PagingParameters.NewTotalCount).
        $withTotal = @(Get-TallyfyRun -First 2 -IncludeTotalCount)
        $withTotal.Count | Should -Be 3
        $withTotal[0] | Should -BeOfType ([uint64])
        $withTotal[0] | Should -Be $all.Count
        $withTotal[0].Accuracy | Should -Be 1.0
        $withTotal[0].ToString() | Should -Be "Total count: $($all.Count)"
        $withTotal[1..2] | ForEach-Object { $_ | Should -BeOfType ([TallyfyPS.Model.TallyfyRun]) }
        $withTotal[1..2].Id | Should -Be $all[0..1].Id
    }

    It 'asks for the maximum page size and streams pages' {
        Reset-TallyfySandbox $sb -Runs 400
        $since = LastSeq
        $count = (Get-TallyfyRun | Measure-Object).Count
        $reads = @(Get-TallyfySandboxRequest $sb -Since $since | Where-Object { $_.path -eq "/api/organizations/$org/runs" })
        $reads.Count | Should -Be ([math]::Ceiling($count / 100))
        $reads[0].query | Should -Match 'per_page=100'
        # The first object comes out before the last page is requested.
        $seen = [System.Collections.Generic.List[long]]::new()
        Get-TallyfyRun -First 101 | ForEach-Object { if ($seen.Count -eq 0) { $seen.Add((LastSeq)) } }
        $afterAll = LastSeq
        $seen[0] | Should -BeLessThan $afterAll
        Reset-TallyfySandbox $sb -Runs 60
    }

    It 'gets runs by -Id with typed tasks, tags, comments, form fields and kick-off fields' {
        $id = (Get-TallyfyRun -First 1).Id
        $run = Get-TallyfyRun -Id $id -Include Tasks, Tags, Comments, FormFields, KickoffFields, Checklist
        $run.Id | Should -Be $id
        $run.Tasks.Count | Should -BeGreaterThan 0
        $run.Tasks[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyTask])
        $run.Tasks[0].RunId | Should -Be $id
        $run.Blueprint.Id | Should -Be $run.BlueprintId
        $query = (Get-TallyfySandboxRequest $sb | Select-Object -Last 1).query
        $with = ([uri]::UnescapeDataString($query) -split '&' | Where-Object { $_ -like 'with=*' }) -replace '^with=' -split ','
        foreach ($w in 'checklist', 'tasks', 'tags', 'tasks.threads', 'form_fields', 'ko_form_fields') { $with | Should -Contain $w }
        # Across the seed, some run has comments and form-field values.
        $rich = Get-TallyfyRun -First 20 | Get-TallyfyRun -Include Comments, FormFields | Where-Object { $_.Comments.Count -gt 0 -and $_.FormFields.Count -gt 0 } | Select-Object -First 1
        $rich | Should -Not -BeNullOrEmpty
        $rich.Comments[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyComment])
        $rich.Comments[0].Content | Should -Not -BeNullOrEmpty
        $rich.FormFields[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyFormFieldValue])
        $rich.FormFields.Label | Should -Not -BeNullOrEmpty
    }

    It 'binds ids from the pipeline by value and by property name, in input order' {
        $ids = @(Get-TallyfyRun -First 4).Id
        @($ids | Get-TallyfyRun).Id | Should -Be $ids
        @($ids | ForEach-Object { [pscustomobject]@{ run_id = $_ } } | Get-TallyfyRun).Id | Should -Be $ids
    }

    It 'writes RunNotFound for an unknown id and goes on with the rest' {
        $ids = @(Get-TallyfyRun -First 2).Id
        $out = @(Get-TallyfyRun -Id $ids[0], '0123456789abcdef0123456789abcdef', 'not-an-id', $ids[1] -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Id | Should -Be $ids
        $errs.Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'RunNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[1].FullyQualifiedErrorId | Should -BeLike 'InvalidRunId,*'
        $errs[1].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[1].TargetObject | Should -Be 'not-an-id'
    }

    It 'is shaped for a 120-column table' {
        $text = Get-TallyfyRun -First 3 | Format-Table | Out-String -Width 120
        $lines = $text -split "`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^Id\s+Status\s+Done\s+Name\s*$'   # the id first: it survives a narrow console; Name last takes the spare width
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
    }
}

Describe 'Remove-TallyfyRun' {
    BeforeEach { Reset-TallyfySandbox $sb -Runs 60 }

    It 'archives by default with exactly one DELETE per run and reports Archived' {
        $ids = LiveIds 3
        $since = LastSeq
        $results = @($ids | Remove-TallyfyRun)
        $results.Count | Should -Be 3
        $results.RunId | Should -Be $ids
        $results | ForEach-Object {
            $_ | Should -BeOfType ([TallyfyPS.Model.TallyfyRunRemovalResult])
            $_.Status | Should -Be 'Archived'
            $_.Action | Should -Be 'Archive'
            $_.HttpStatus | Should -Be 200
            $_.Attempts | Should -Be 1
            $_.OrganizationId | Should -Be $org
            $_.Name | Should -Not -BeNullOrEmpty
        }
        # Requests overlap (-ThrottleLimit), so they may leave in any order; results come back in input order.
        $m = Mutations $since
        ($m | ForEach-Object { "$($_.method) $($_.path)" } | Sort-Object) | Should -Be ($ids | ForEach-Object { "DELETE $(RunPath $_)" } | Sort-Object)
        $ids | ForEach-Object { (ApiRun $_).archived_at | Should -Not -BeNullOrEmpty }
    }

    It 'permanently deletes a live run by archiving it first, then deleting it' {
        $id = (LiveIds 1)[0]
        $since = LastSeq
        $r = Remove-TallyfyRun -Id $id -Permanent -Force
        $r.Status | Should -Be 'Deleted'
        $r.Action | Should -Be 'Delete'
        $r.Name | Should -Not -BeNullOrEmpty
        (Mutations $since | ForEach-Object { "$($_.method) $($_.path) $($_.status)" }) | Should -Be @(
            "DELETE $(RunPath $id) 200", "DELETE $(RunPath $id)/delete 200")
        (Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/runs/$id").Status | Should -Be 404
    }

    It 'permanently deletes an archived run by id with two requests, and an archived run object with one' {
        $ids = @(Get-TallyfySandboxRunId $sb -Archived only)
        $since = LastSeq
        (Remove-TallyfyRun -Id $ids[0] -Permanent -Confirm:$false).Status | Should -Be 'Deleted'
        # A bare id says nothing of its state: the archive (which the service answers for an archived run too) and the deletion.
        (Get-TallyfySandboxRequest $sb -Since $since | ForEach-Object { "$($_.method) $($_.path)" }) | Should -Be @("DELETE $(RunPath $ids[0])", "DELETE $(RunPath $ids[0])/delete")
        $run = Get-TallyfyRun -Id $ids[1]
        $since = LastSeq
        ($run | Remove-TallyfyRun -Permanent -Confirm:$false).Status | Should -Be 'Deleted'
        (Get-TallyfySandboxRequest $sb -Since $since | ForEach-Object { "$($_.method) $($_.path)" }) | Should -Be @("DELETE $(RunPath $ids[1])/delete")
    }

    It 'sends no mutating request and emits nothing under -WhatIf, even with -Force' {
        $ids = LiveIds 3
        $since = LastSeq
        @($ids | Remove-TallyfyRun -WhatIf).Count | Should -Be 0
        @($ids | Remove-TallyfyRun -Permanent -WhatIf -Force).Count | Should -Be 0
        @(Get-TallyfyRun -Status active -First 3 | Remove-TallyfyRun -Permanent -WhatIf).Count | Should -Be 0
        Mutations $since | Should -BeNullOrEmpty
    }

    It 'names the action, the run and its id in the -WhatIf message' {
        $run = Get-TallyfyRun -Status active -First 1
        $child = Invoke-ChildPwsh -Script @"
Import-Module '$script:ModuleUnderTest'
`$null = Connect-Tallyfy -BaseUri '$($sb.ApiUri)' -OrganizationId '$org' -AccessToken (ConvertTo-SecureString 'tly-sandbox-admin-token' -AsPlainText -Force)
Remove-TallyfyRun -Id '$($run.Id)' -Permanent -WhatIf
Remove-TallyfyRun -Id '$($run.Id)' -WhatIf
"@
        $child.Output | Should -Match ([regex]::Escape("Performing the operation `"Permanently delete`" on target `"'$($run.Name)' (run $($run.Id))`""))
        $child.Output | Should -Match ([regex]::Escape("Performing the operation `"Archive`" on target `"'$($run.Name)' (run $($run.Id))`""))
    }

    It 'prompts before a permanent deletion and honours the answer' {
        $ids = LiveIds 2
        $since = LastSeq
        $child = Invoke-ChildPwsh -InputText "N`nY`n" -Script @"
Import-Module '$script:ModuleUnderTest'
`$null = Connect-Tallyfy -BaseUri '$($sb.ApiUri)' -OrganizationId '$org' -AccessToken (ConvertTo-SecureString 'tly-sandbox-admin-token' -AsPlainText -Force)
'$($ids[0])', '$($ids[1])' | Remove-TallyfyRun -Permanent | ForEach-Object { "RESULT `$(`$_.RunId) `$(`$_.Status)" }
"@
        $child.Output | Should -Match 'Permanently delete Tallyfy run'
        $child.Output | Should -Match "cannot be undone"
        $child.Output | Should -Match "RESULT $($ids[0]) Skipped"
        $child.Output | Should -Match "RESULT $($ids[1]) Deleted"
        (Mutations $since).path | Should -Not -Contain (RunPath $ids[0])
    }

    It 'does not prompt to archive (ConfirmImpact Medium)' {
        $id = (LiveIds 1)[0]
        $child = Invoke-ChildPwsh -NonInteractive -Script @"
Import-Module '$script:ModuleUnderTest'
`$null = Connect-Tallyfy -BaseUri '$($sb.ApiUri)' -OrganizationId '$org' -AccessToken (ConvertTo-SecureString 'tly-sandbox-admin-token' -AsPlainText -Force)
(Remove-TallyfyRun -Id '$id').Status
"@
        $child.Output.Trim() | Should -Be 'Archived'
    }

    It 'fails before its first request in a host that cannot prompt, naming -Force and -Confirm:$false' {
        $id = (LiveIds 1)[0]
        $child = Invoke-ChildPwsh -NonInteractive -Script @"
Import-Module '$script:ModuleUnderTest'
`$null = Connect-Tallyfy -BaseUri '$($sb.ApiUri)' -OrganizationId '$org' -AccessToken (ConvertTo-SecureString 'tly-sandbox-admin-token' -AsPlainText -Force)
Write-Output "SEQ-BEFORE"
try { Remove-TallyfyRun -Id '$id' -Permanent } catch { Write-Output "ERRORID `$(`$_.FullyQualifiedErrorId)"; Write-Output "MESSAGE `$(`$_.Exception.Message)" }
"@
        $child.Output | Should -Match 'ERRORID ConfirmationRequired'
        $child.Output | Should -Match '-Force'
        $child.Output | Should -Match ([regex]::Escape('-Confirm:$false'))
        # The child's last request is its sign-in: nothing about the run was asked or sent.
        (Get-TallyfySandboxRequest $sb | Where-Object { $_.path -like "*$id*" }) | Should -BeNullOrEmpty
    }

    It 'binds <Name>' -ForEach @(
        @{ Name = 'strings by value'; Make = { param($ids) $ids } }
        @{ Name = 'TallyfyRun objects'; Make = { param($ids) $ids | Get-TallyfyRun } }
        @{ Name = 'Import-Csv rows with an Id column'; Make = { param($ids) $ids | ForEach-Object { [pscustomobject]@{ Id = $_; Note = 'x' } } | ConvertTo-Csv | ConvertFrom-Csv } }
        @{ Name = 'Import-Csv rows with a RunId column'; Make = { param($ids) $ids | ForEach-Object { [pscustomobject]@{ RunId = $_ } } | ConvertTo-Csv | ConvertFrom-Csv } }
        @{ Name = 'Import-Csv rows with a run_id column'; Make = { param($ids) $ids | ForEach-Object { [pscustomobject]@{ run_id = $_ } } | ConvertTo-Csv | ConvertFrom-Csv } }
    ) {
        $ids = LiveIds 3
        $results = @(& $Make $ids | Remove-TallyfyRun)
        $results.RunId | Should -Be $ids
        $results.Status | Sort-Object -Unique | Should -Be 'Archived'
    }

    It 'reads a CSV file with Import-Csv and exports the results cleanly with Export-Csv' {
        $ids = LiveIds 3
        $in = Join-Path $TestDrive 'old-runs.csv'
        $out = Join-Path $TestDrive 'audit.csv'
        $ids | ForEach-Object { [pscustomobject]@{ RunId = $_; Reason = 'stale' } } | Export-Csv $in -NoTypeInformation
        Import-Csv $in | Remove-TallyfyRun -Permanent -Force | Export-Csv $out -NoTypeInformation
        $rows = @(Import-Csv $out)
        $rows.Count | Should -Be 3
        $rows.RunId | Should -Be $ids
        $rows.Status | Sort-Object -Unique | Should -Be 'Deleted'
        $columns = $rows[0].PSObject.Properties.Name
        foreach ($c in 'RunId', 'Name', 'Action', 'Status', 'HttpStatus', 'Message', 'Attempts', 'CompletedAt', 'OrganizationId') { $columns | Should -Contain $c }
        $rows[0].Name | Should -Not -BeNullOrEmpty
    }

    It 'undoes archives when its results are piped into Restore-TallyfyRun' {
        $ids = LiveIds 3
        $restored = @($ids | Remove-TallyfyRun | Restore-TallyfyRun)
        $restored.RunId | Should -Be $ids
        $restored.Status | Sort-Object -Unique | Should -Be 'Restored'
        $ids | ForEach-Object { (ApiRun $_).archived_at | Should -BeNullOrEmpty }
    }

    It 'undoes archives recorded in a CSV of its results (an archive result''s ArchivedAt is empty; its Status says Archived)' {
        $ids = LiveIds 3
        $csv = Join-Path $TestDrive 'archived-runs.csv'
        $ids | Remove-TallyfyRun | Export-Csv $csv -NoTypeInformation
        $restored = @(Import-Csv $csv | Restore-TallyfyRun)
        $restored.RunId | Should -Be $ids
        $restored.Status | Sort-Object -Unique | Should -Be 'Restored'
        $ids | ForEach-Object { (ApiRun $_).archived_at | Should -BeNullOrEmpty }
    }

    It 'gives one result per input in input order, with an error record for each failure' {
        $ids = LiveIds 3
        $missing = '0123456789abcdef0123456789abcdef'
        $input = @($ids[0], $missing, 'bad-id', $ids[1], $ids[2])
        $results = @($input | Remove-TallyfyRun -ErrorVariable errs -ErrorAction SilentlyContinue)
        $results.RunId | Should -Be @($ids[0], $missing, $ids[1], $ids[2])
        $results.Status | Should -Be @('Archived', 'NotFound', 'Archived', 'Archived')
        $results[1].HttpStatus | Should -Be 404
        $errs.Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'RunNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be $missing
        $errs[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        $errs[1].FullyQualifiedErrorId | Should -BeLike 'InvalidRunId,*'
        $errs[1].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[1].Exception.Message | Should -Match 'bad-id'
    }

    It 'refuses a permanent deletion by a member who is not an administrator before sending anything' {
        $id = (LiveIds 1)[0]
        $standard = Connect-TallyfySandbox $sb -As standard
        $standard.Role | Should -Be 'standard'
        $since = LastSeq
        $e = $null
        try { Remove-TallyfyRun -Id $id -Permanent -Force -Session $standard -ErrorAction Stop }
        catch { $e = $_ }
        @(Get-TallyfySandboxRequest $sb -Since $since).Count | Should -Be 0
        $e.FullyQualifiedErrorId | Should -BeLike 'AdministratorRequired,*'
        $e.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $e.ErrorDetails.Message | Should -Match 'marco.reyes@acme.example is a standard member'
        $e.ErrorDetails.RecommendedAction | Should -Match 'without -Permanent'
        (ApiRun $id).archived_at | Should -BeNullOrEmpty
    }

    It 'where the role cannot be read, goes on as before: Forbidden with PermissionDenied, and says the run stays archived' {
        $id = (LiveIds 1)[0]
        Set-TallyfySandboxFault $sb @{ failIds = @{ '/users' = 403 } }
        try { $standard = Connect-TallyfySandbox $sb -As standard }
        finally { Set-TallyfySandboxFault $sb @{} }
        $standard.Role | Should -BeNullOrEmpty
        try {
            $r = Remove-TallyfyRun -Id $id -Permanent -Force -Session $standard -ErrorVariable errs -ErrorAction SilentlyContinue
        }
        finally { $null = Connect-TallyfySandbox $sb }
        $r.Status | Should -Be 'Forbidden'
        $r.HttpStatus | Should -Be 403
        $r.Message | Should -Match 'archived'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PermissionDenied,*'
        $errs[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        (ApiRun $id).archived_at | Should -Not -BeNullOrEmpty
    }

    It 'shows the session''s role in Get-TallyfyContext' {
        $null = Connect-TallyfySandbox $sb -As light
        try { (Get-TallyfyContext).Role | Should -Be 'light' }
        finally { $null = Connect-TallyfySandbox $sb }
        (Get-TallyfyContext).Role | Should -Be 'admin'
        (Get-TallyfyContext | Format-List | Out-String) | Should -Match 'Role\s+: admin'
    }

    It 'reports AlreadyArchived for a run that was archived before' {
        $id = (Get-TallyfySandboxRunId $sb -Archived only)[0]
        (Remove-TallyfyRun -Id $id).Status | Should -Be 'AlreadyArchived'
    }

    It 'writes a summary of the bulk call as an information record' {
        $ids = LiveIds 4
        $null = @($ids + '0123456789abcdef0123456789abcdef') | Remove-TallyfyRun -InformationVariable info -ErrorAction SilentlyContinue
        $summary = @($info | Where-Object { $_.Tags -contains 'Summary' })
        $summary.Count | Should -Be 1
        $summary[0].MessageData.Counts['Archived'] | Should -Be 4
        $summary[0].MessageData.Counts['NotFound'] | Should -Be 1
        $summary[0].MessageData.ToString() | Should -Match '4 Archived'
    }

    It 'acts on another organization with -OrganizationId, and refuses piped runs of another organization' {
        $other = Connect-TallyfySandbox $sb -As other
        try {
            $foreign = @(Get-TallyfyRun -Session $other -First 1)
            $foreign[0].OrganizationId | Should -Be $sb.OtherOrganizationId
        }
        finally { $null = Connect-TallyfySandbox $sb }
        $since = LastSeq
        $r = @($foreign | Remove-TallyfyRun -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r.Count | Should -Be 0
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'OrganizationMismatch,*'
        Mutations $since | Should -BeNullOrEmpty
        # The admin token of the main organization gets 403 on the other organization's paths.
        $x = Remove-TallyfyRun -Id $foreign[0].Id -OrganizationId $sb.OtherOrganizationId -ErrorVariable errs2 -ErrorAction SilentlyContinue
        $x.Status | Should -Be 'Forbidden'
        $errs2[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }
}

Describe 'Get-TallyfyRun | Remove-TallyfyRun leaves nothing behind across pages (offset paging)' {
    It 'archives every <Status> run with last-page links as <Links>' -ForEach @(
        @{ Links = 'empty-array'; Status = 'active' }
        @{ Links = 'empty-object'; Status = 'active' }
        @{ Links = 'null'; Status = 'complete' }
        @{ Links = 'absent'; Status = 'active' }
    ) {
        Reset-TallyfySandbox $sb -Runs 700
        Set-TallyfySandboxSwitch $sb @{ lastPageLinks = $Links }
        $before = @(Get-TallyfySandboxRunId $sb -Status $Status)
        $before.Count | Should -BeGreaterThan 150   # more than one page of 100
        $results = @(Get-TallyfyRun -Status $Status | Remove-TallyfyRun)
        @(Get-TallyfySandboxRunId $sb -Status $Status).Count | Should -Be 0
        $results.Count | Should -Be $before.Count
        ($results.RunId | Sort-Object -Unique).Count | Should -Be $before.Count
        $results.Status | Sort-Object -Unique | Should -Be 'Archived'
    }

    It 'also leaves nothing behind with a small page size and -ThrottleLimit 1' {
        Reset-TallyfySandbox $sb -Runs 300
        $before = @(Get-TallyfySandboxRunId $sb -Status delayed).Count
        $results = @(Get-TallyfyRun -Status delayed | Remove-TallyfyRun -ThrottleLimit 1)
        $results.Count | Should -Be $before
        @(Get-TallyfySandboxRunId $sb -Status delayed).Count | Should -Be 0
    }
}

Describe 'Restore-TallyfyRun' {
    BeforeEach { Reset-TallyfySandbox $sb -Runs 60 }

    It 'reactivates archived runs with PUT .../activate' {
        $ids = @(Get-TallyfySandboxRunId $sb -Archived only | Select-Object -First 2)
        $since = LastSeq
        $r = @($ids | Restore-TallyfyRun)
        $r.Status | Should -Be @('Restored', 'Restored')
        $r[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyRunRestoreResult])
        (Mutations $since | ForEach-Object { "$($_.method) $($_.path)" } | Sort-Object) | Should -Be ($ids | ForEach-Object { "PUT $(RunPath $_)/activate" } | Sort-Object)
        $ids | ForEach-Object { (ApiRun $_).archived_at | Should -BeNullOrEmpty }
    }

    It 'reports NotArchived for a live run (sending nothing for it) and NotFound for an unknown one' {
        $live = (LiveIds 1)[0]
        $since = LastSeq
        $r = @($live, '0123456789abcdef0123456789abcdef' | Restore-TallyfyRun -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r.Status | Should -Be @('NotArchived', 'NotFound')
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'RunNotFound,*'
        @(Mutations $since | Where-Object path -like "*$live*").Count | Should -Be 0
    }

    It 'takes archived TallyfyRun objects and sends nothing under -WhatIf' {
        $since = LastSeq
        @(Get-TallyfyRun -Status archived | Restore-TallyfyRun -WhatIf).Count | Should -Be 0
        Mutations $since | Should -BeNullOrEmpty
        $r = @(Get-TallyfyRun -Status archived -First 2 | Restore-TallyfyRun)
        $r.Status | Sort-Object -Unique | Should -Be 'Restored'
    }
}

Describe 'Alternative behaviours of the service give the same results' {
    BeforeEach { Reset-TallyfySandbox $sb -Runs 60 }

    It 're-archiving answered with <Rearchive> still reports AlreadyArchived' -ForEach @(@{ Rearchive = '200' }, @{ Rearchive = '404' }) {
        Set-TallyfySandboxSwitch $sb @{ rearchive = $Rearchive }
        $id = (Get-TallyfySandboxRunId $sb -Archived only)[0]
        $r = Remove-TallyfyRun -Id $id
        $r.Status | Should -Be 'AlreadyArchived'
        # And an archive just made is not mistaken for an old one.
        $fresh = (LiveIds 1)[0]
        (Remove-TallyfyRun -Id $fresh).Status | Should -Be 'Archived'
    }

    It 'deleting a live run answered with <Answer> still ends Deleted' -ForEach @(@{ Answer = '422' }, @{ Answer = '404' }) {
        Set-TallyfySandboxSwitch $sb @{ deleteNotArchived = $Answer }
        $runs = @(Get-TallyfyRun -Status active -First 2)
        # One from an object (known live) and one by id (read first).
        @($runs[0] | Remove-TallyfyRun -Permanent -Force).Status | Should -Be 'Deleted'
        @($runs[1].Id | Remove-TallyfyRun -Permanent -Force).Status | Should -Be 'Deleted'
        # A stale object that says "live" for an archived run also ends Deleted.
        $archived = Get-TallyfyRun -Status archived -First 1
        $stale = $archived.PSObject.Copy(); $stale.ArchivedAt = $null
        @($stale | Remove-TallyfyRun -Permanent -Force).Status | Should -Be 'Deleted'
        $runs.Id + $archived.Id | ForEach-Object { (Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/runs/$_").Status | Should -Be 404 }
    }

    It 'permanent deletion answered with <Answer> reports Deleted' -ForEach @(@{ Answer = '200' }, @{ Answer = '204' }) {
        Set-TallyfySandboxSwitch $sb @{ permanentDeleteSuccess = $Answer }
        $id = (Get-TallyfySandboxRunId $sb -Archived only)[0]
        $r = Remove-TallyfyRun -Id $id -Permanent -Force
        $r.Status | Should -Be 'Deleted'
        $r.HttpStatus | Should -Be ([int]$Answer)
    }

    It 'an archived run that reads as 404 is still restored, archived again and deleted' {
        Set-TallyfySandboxSwitch $sb @{ archivedRunGet = '404' }
        $ids = @(Get-TallyfySandboxRunId $sb -Archived only | Select-Object -First 3)
        (Restore-TallyfyRun -Id $ids[0]).Status | Should -Be 'Restored'
        (Remove-TallyfyRun -Id $ids[1] -Permanent -Force).Status | Should -Be 'Deleted'
        (Remove-TallyfyRun -Id $ids[2]).Status | Should -Be 'AlreadyArchived'
    }

    It 'lists correctly when progress is a bare integer' {
        Set-TallyfySandboxSwitch $sb @{ progressAsInt = $true }
        $run = Get-TallyfyRun -First 1
        $run.Progress.Percent | Should -BeOfType ([int])
        $run.Progress.Total | Should -BeNullOrEmpty
    }
}
