# A run's tags in either shape Tallyfy lists them (the tag itself, or the association), untagging where the run's tags
# carry no association id, and tagging an archived run (422 "Subject not found"), through a real pwsh against a real
# sandbox process (this file owns its sandbox: it sets switches).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 40
    $script:org = $sb.OrganizationId
    $null = Connect-TallyfySandbox $sb
    function script:StoredTags([string] $RunId) { @((Invoke-TallyfySandboxControl $sb GET "state/runs/$RunId").tags) }
    function script:Taggings([long] $Since) { @(Mutations $Since | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/checklists/tags' }) }
    function script:Untaggings([long] $Since) { @(Mutations $Since | Where-Object { $_.method -eq 'DELETE' -and $_.path -like '*/checklists/tags/*' }) }
    $script:q3 = 'a1f0c3e2b4d5968778695a4b3c2d1e04'
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Run tags listed as <Shape>' -ForEach @(
    @{ Shape = 'tag' }, @{ Shape = 'association' }, @{ Shape = 'tag-with-association-id' }
) {
    BeforeEach {
        Reset-TallyfySandbox $sb -Runs 40
        Set-TallyfySandboxSwitch $sb @{ runTagEntries = $Shape }
    }
    AfterAll { Set-TallyfySandboxSwitch $sb @{} }

    It 'reads the tag''s id from either shape, and the association''s where the entry has it' {
        $run = @(Get-TallyfyRun -Tag q3 -Include Tags -First 1)[0]
        $raw = @((Invoke-TallyfySandboxApi $sb -Path "organizations/$org/runs/$($run.Id)?with=tags").Body.data.tags.data)
        # The sandbox really serves the shape: the association's id as the entry's id, or the tag's.
        $stored = StoredTags $run.Id | Where-Object tagId -eq $q3
        ($raw | Where-Object title -eq 'q3').id | Should -Be $(if ($Shape -eq 'association') { $stored.associationId } else { $q3 })
        $tag = $run.Tags | Where-Object Title -eq 'q3'
        $tag.Id | Should -Be $q3
        $tag.AssociationId | Should -Be $(if ($Shape -eq 'tag') { $null } else { $stored.associationId })
    }

    It 'trap: a run that has the tag is AlreadyTagged and nothing is sent (piped runs, and runs by id)' {
        $tagged = @(Get-TallyfyRun -Tag q3 -Include Tags -First 2)
        $tagged.Count | Should -Be 2
        $since = LastSeq
        $r = @($tagged | Add-TallyfyRunTag -Tag q3)
        $r.Status | Should -Be @('AlreadyTagged', 'AlreadyTagged')
        $r[0].Message | Should -Match 'nothing was sent'
        $r = @(Add-TallyfyRunTag -RunId $tagged.Id -Tag Q3)
        $r.Status | Should -Be @('AlreadyTagged', 'AlreadyTagged')
        Mutations $since | Should -BeNullOrEmpty
        # Nothing more in the audit log either: the tagging was not sent again.
        foreach ($run in $tagged) { @(StoredTags $run.Id | Where-Object tagId -eq $q3).Count | Should -Be 1 }
    }

    It 'Remove-TallyfyRunTag takes the tag off (a piped run and a run by id); again, it is NotTagged with nothing sent' {
        $tagged = @(Get-TallyfyRun -Tag q3 -Include Tags -First 2)
        $associations = @($tagged | ForEach-Object { (StoredTags $_.Id | Where-Object tagId -eq $q3).associationId })
        $since = LastSeq
        $r = @($tagged[0] | Remove-TallyfyRunTag -Tag q3) + @(Remove-TallyfyRunTag -RunId $tagged[1].Id -Tag q3)
        $r.Status | Should -Be @('Untagged', 'Untagged')
        $r.AssociationId | Should -Be $associations
        foreach ($run in $tagged) { (StoredTags $run.Id).tagId | Should -Not -Contain $q3 }
        (Untaggings $since).path | Should -Be @($associations | ForEach-Object { "/api/organizations/$org/checklists/tags/$_" })
        # Without the association's id on the run, the tagging answer gives it (the run had the tag: nothing changes by it).
        @(Taggings $since).Count | Should -Be $(if ($Shape -eq 'tag') { 2 } else { 0 })

        $since = LastSeq
        $again = @(Remove-TallyfyRunTag -RunId $tagged.Id -Tag q3)
        $again.Status | Should -Be @('NotTagged', 'NotTagged')
        Mutations $since | Should -BeNullOrEmpty
    }

    It 'tags runs that lack the tag, and undoes it by piping the results back' {
        $runs = @(Get-TallyfyRun -First 15 -Include Tags | Where-Object { $_.Tags.Id -notcontains $q3 } | Select-Object -First 2)
        $runs.Count | Should -Be 2
        $added = @($runs | Add-TallyfyRunTag -Tag q3)
        $added.Status | Should -Be @('Tagged', 'Tagged')
        $since = LastSeq
        $undone = @($added | Remove-TallyfyRunTag -Tag q3)
        $undone.Status | Should -Be @('Untagged', 'Untagged')
        @(Untaggings $since).Count | Should -Be 2
        Taggings $since | Should -BeNullOrEmpty
        foreach ($run in $runs) { (StoredTags $run.Id).tagId | Should -Not -Contain $q3 }
    }
}

Describe 'Tagging an archived run' {
    BeforeEach { Reset-TallyfySandbox $sb -Runs 40 }

    It 'trap: Tallyfy answers 422 "Subject not found" for an archived run, as for an unknown id' {
        $archived = @(Get-TallyfyRun -ArchivedOnly -First 1)[0]
        foreach ($id in $archived.Id, '0123456789abcdef0123456789abcdef') {
            $answer = Invoke-TallyfySandboxApi $sb -Method POST -Path "organizations/$org/checklists/tags" -Body @{ subject_id = $id; subject_type = 'Run'; tag_id = $q3 }
            $answer.Status | Should -Be 422
            $answer.Body.message | Should -Be 'Subject not found'
        }
    }

    It 'reports a run known to be archived (piped, or by its read) Archived with RunArchived, and sends nothing' {
        $archived = @(Get-TallyfyRun -ArchivedOnly -Include Tags -First 2 | Where-Object { $_.Tags.Id -notcontains $q3 })
        $archived.Count | Should -BeGreaterThan 0
        $since = LastSeq
        $r = @($archived[0] | Add-TallyfyRunTag -Tag q3 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r.Status | Should -Be 'Archived'
        $r.Succeeded | Should -BeFalse
        $r.Attempts | Should -Be 0
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'RunArchived,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].Exception.Message | Should -Match 'archived'
        $errs[0].ErrorDetails.RecommendedAction | Should -Match "Restore-TallyfyRun -Id $($archived[0].Id)"
        # By id: one read says it is archived.
        $byId = Add-TallyfyRunTag -RunId $archived[0].Id -Tag q3 -ErrorVariable errs2 -ErrorAction SilentlyContinue
        $byId.Status | Should -Be 'Archived'
        $byId.Attempts | Should -Be 1
        $errs2[0].FullyQualifiedErrorId | Should -BeLike 'RunArchived,*'
        Mutations $since | Should -BeNullOrEmpty
        (StoredTags $archived[0].Id).tagId | Should -Not -Contain $q3
    }

    It 'leaves an archived run that has the tag AlreadyTagged (what was asked for holds)' {
        $archived = @(Get-TallyfyRun -ArchivedOnly -Include Tags | Where-Object { $_.Tags.Count -gt 0 } | Select-Object -First 1)
        $archived.Count | Should -Be 1
        $since = LastSeq
        $r = $archived | Add-TallyfyRunTag -Tag $archived[0].Tags[0].Id -ErrorVariable errs -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'AlreadyTagged'
        $errs | Should -BeNullOrEmpty
        Mutations $since | Should -BeNullOrEmpty
    }

    It 'reports a run archived since it was read RunArchived (not RunNotFound): the 422 is checked with one read' {
        $run = @(Get-TallyfyRun -Status active -Include Tags -First 10 | Where-Object { $_.Tags.Id -notcontains $q3 })[0]
        (Invoke-TallyfySandboxApi $sb -Method DELETE -Path "organizations/$org/runs/$($run.Id)").Status | Should -Be 200   # archived behind its back
        $since = LastSeq
        $r = $run | Add-TallyfyRunTag -Tag q3 -ErrorVariable errs -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'Archived'
        $r.HttpStatus | Should -Be 422
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'RunArchived,*'
        $errs[0].Exception.Message | Should -Match 'Subject not found'
        (RequestsSince $since | Where-Object path -ne "/api/organizations/$org/tags" | ForEach-Object { "$($_.method) $($_.path)" }) | Should -Be @(
            "POST /api/organizations/$org/checklists/tags", "GET /api/organizations/$org/runs/$($run.Id)")
        # An unknown run is still RunNotFound.
        $null = Add-TallyfyRunTag -RunId '0123456789abcdef0123456789abcdef' -Tag q3 -ErrorVariable errs3 -ErrorAction SilentlyContinue
        $errs3[0].FullyQualifiedErrorId | Should -BeLike 'RunNotFound,*'
    }
}
