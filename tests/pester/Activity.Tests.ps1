# Get-TallyfyActivity (the audit log) and the acting user on every result, through a real pwsh against a real
# sandbox process (this file owns its sandbox: it sets switches and reads the request log).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 60
    $script:org = $sb.OrganizationId
    $null = Connect-TallyfySandbox $sb
    function script:FeedReads([long] $Seq) { @(RequestsSince $Seq | Where-Object path -eq "/api/organizations/$org/activity-feeds") }
    function script:RawFeed([string] $Query = '') { (Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/activity-feeds?per_page=100&$Query").Body }
    function script:Complete([string] $Line) { @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches) }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Get-TallyfyActivity: the feed' {
    BeforeAll {
        Reset-TallyfySandbox $sb -Runs 60
        # Two pages of entries and more: every live run tagged twice (Tallyfy tags no archived run).
        foreach ($title in 'feed filler', 'more filler') { $null = Get-TallyfyRun | Add-TallyfyRunTag -Tag (New-TallyfyTag -Title $title) }
    }

    It 'streams the organization''s feed newest first, across pages of 100, as typed TallyfyActivity' {
        $total = (RawFeed).meta.pagination.total
        $total | Should -BeGreaterThan 150
        $since = LastSeq
        $all = @(Get-TallyfyActivity)
        $all.Count | Should -Be $total
        $all[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyActivity])
        for ($i = 1; $i -lt $all.Count; $i++) { $all[$i].CreatedAt | Should -BeLessOrEqual $all[$i - 1].CreatedAt }
        $reads = @(FeedReads $since)
        $reads.Count | Should -Be ([math]::Ceiling($total / 100))
        $reads | ForEach-Object { $_.query | Should -Match 'per_page=100'; $_.query | Should -Match 'sort=-created_at' }
        $e = $all | Where-Object { $_.Verb -eq 'archived' -and $_.ActorType -eq 'user' } | Select-Object -First 1
        $e.SubjectType | Should -Be 'run'
        $e.SubjectId | Should -Match '^[0-9a-f]{32}$'
        $e.Description | Should -Match 'archived the process'
        $e.CreatedAt | Should -BeOfType ([DateTimeOffset])
    }

    It 'resolves each actor to a member (one list of members per session), and leaves the service''s own entries without one' {
        $null = Connect-TallyfySandbox $sb
        $since = LastSeq
        $first = @(Get-TallyfyActivity -First 50)
        $null = @(Get-TallyfyActivity -First 50 -Verb archived)
        @(RequestsSince $since | Where-Object path -like '*/users').Count | Should -Be 1
        $byUser = $first | Where-Object ActorType -eq 'user' | Select-Object -First 1
        $byUser.Actor | Should -BeOfType ([TallyfyPS.Model.TallyfyUser])
        $byUser.Actor.Id | Should -Be $byUser.ActorId
        $byUser.ActorEmail | Should -Be $byUser.Actor.Email
        $system = Get-TallyfyActivity -Verb archived | Where-Object ActorType -eq 'system' | Select-Object -First 1
        $system | Should -Not -BeNullOrEmpty   # automatic archiving after the retention period
        $system.Actor | Should -BeNullOrEmpty
    }

    It 'trap: reads verb, actor_id and description whether they come as one-element arrays or plain' {
        Set-TallyfySandboxSwitch $sb @{ activityFieldsAsArrays = $true }
        $raw = (RawFeed).data[0]
        $raw.verb.GetType().IsArray -or $raw.verb -is [System.Collections.IList] | Should -BeTrue
        $asArrays = @(Get-TallyfyActivity -First 60)
        Set-TallyfySandboxSwitch $sb @{ activityFieldsAsArrays = $false }
        try {
            (RawFeed).data[0].verb | Should -BeOfType ([string])
            $plain = @(Get-TallyfyActivity -First 60)
        }
        finally { Set-TallyfySandboxSwitch $sb @{} }
        $plain.Count | Should -Be 60
        for ($i = 0; $i -lt 60; $i++) {
            foreach ($p in 'Id', 'Verb', 'ActorId', 'Description', 'SubjectType', 'SubjectId', 'ActorEmail') {
                $asArrays[$i].$p | Should -Be $plain[$i].$p -Because "$p of entry $i"
            }
            $asArrays[$i].Verb | Should -Match '^[a-z-]+$'
        }
    }

    It '-First stops paging early: no page is read beyond what it needs' {
        $since = LastSeq
        @(Get-TallyfyActivity -First 5).Count | Should -Be 5
        $reads = @(FeedReads $since)
        $reads.Count | Should -Be 1
        $reads[0].query | Should -Match '(^|&)per_page=5(&|$)'
        $since = LastSeq
        @(Get-TallyfyActivity -First 150).Count | Should -Be 150
        @(FeedReads $since).Count | Should -Be 2
        $since = LastSeq
        @(Get-TallyfyActivity | Select-Object -First 3).Count | Should -Be 3
        @(FeedReads $since).Count | Should -Be 1
    }

    It 'filters -Verb on the service (and checks what comes back)' {
        $since = LastSeq
        $archived = @(Get-TallyfyActivity -Verb archived)
        $archived.Count | Should -BeGreaterThan 0
        $archived.Verb | Sort-Object -Unique | Should -Be 'archived'
        (FeedReads $since)[0].query | Should -Match '(^|&)verb=archived(&|$)'
        $two = @(Get-TallyfyActivity -Verb archived, created)
        $two.Verb | Sort-Object -Unique | Should -Be @('archived', 'created')
    }

    It 'filters -Actor given as an email, a user id or a user' {
        $since = LastSeq
        $byEmail = @(Get-TallyfyActivity -Actor marco.reyes@acme.example)
        $byEmail.Count | Should -BeGreaterThan 0
        $byEmail.ActorEmail | Sort-Object -Unique | Should -Be 'marco.reyes@acme.example'
        [uri]::UnescapeDataString((FeedReads $since)[0].query) | Should -Match 'actor_email=marco.reyes@acme.example'
        $since = LastSeq
        @(Get-TallyfyActivity -Actor 1002).Id | Should -Be $byEmail.Id
        (FeedReads $since)[0].query | Should -Match '(^|&)actor_id=1002(&|$)'
        @(Get-TallyfyActivity -Actor (Get-TallyfyUser -Id 1002)).Id | Should -Be $byEmail.Id
        { Get-TallyfyActivity -Actor 'marco' } | Should -Throw -ErrorId 'InvalidUserId,TallyfyPS.Cmdlets.GetTallyfyActivityCommand'
    }

    It 'filters -After and -Before to the exact time (the service takes whole days)' {
        $all = @(Get-TallyfyActivity)
        $after = $all[[int]($all.Count * 0.7)].CreatedAt.UtcDateTime
        $before = $all[[int]($all.Count * 0.3)].CreatedAt.UtcDateTime
        $expected = @($all | Where-Object { $_.CreatedAt -gt $after -and $_.CreatedAt -lt $before })
        $expected.Count | Should -BeGreaterThan 0
        $since = LastSeq
        $window = @(Get-TallyfyActivity -After $after -Before $before)
        $window.Id | Should -Be $expected.Id
        $q = (FeedReads $since)[0].query
        $q | Should -Match ('created_after=' + $after.ToString('yyyy-MM-dd'))
        $q | Should -Match ('created_before=' + $before.ToString('yyyy-MM-dd'))
        { Get-TallyfyActivity -After $before -Before $after } | Should -Throw -ErrorId 'InvalidDateRange,TallyfyPS.Cmdlets.GetTallyfyActivityCommand'
    }

    It 'stops reading at the first entry older than -After (newest first): one page for the newest' {
        Reset-TallyfySandbox $sb -Runs 150
        # Today's entries, more than a page of them: the service's day filter lets every one through.
        $tag = New-TallyfyTag -Title 'busy day'
        $null = Get-TallyfyRun | Add-TallyfyRunTag -Tag $tag   # the live runs: Tallyfy tags no archived run
        $today = @(Get-TallyfyActivity -After (Get-Date).ToUniversalTime().Date)
        $today.Count | Should -BeGreaterThan 100
        $cut = $today[40].CreatedAt.UtcDateTime
        $since = LastSeq
        $newest = @(Get-TallyfyActivity -After $cut)
        $newest.Id | Should -Be @($today | Where-Object { $_.CreatedAt -gt $cut }).Id
        @(FeedReads $since).Count | Should -Be 1
    }
}

Describe 'Get-TallyfyActivity: of runs, tasks, blueprints and tags' {
    BeforeEach { Reset-TallyfySandbox $sb -Runs 60 }

    It 'README: who archived this run' {
        $standard = Connect-TallyfySandbox $sb -As standard
        $id = @(Get-TallyfySandboxRunId $sb -Status active)[3]
        $null = Remove-TallyfyRun -Id $id -Session $standard
        $null = Connect-TallyfySandbox $sb

        $entry = Get-TallyfyRun -Id $id | Get-TallyfyActivity -Verb archived -First 1
        $answer = '{0} archived it on {1:u}' -f $entry.Actor.Email, $entry.CreatedAt

        $entry.Actor.Email | Should -Be 'marco.reyes@acme.example'
        $entry.Actor.Name | Should -Be 'Marco Reyes'
        $entry.SubjectId | Should -Be $id
        $answer | Should -Match '^marco\.reyes@acme\.example archived it on \d{4}-\d\d-\d\d '
        (Get-TallyfySandboxRequest $sb | Where-Object path -like '*/activity-feeds' | Select-Object -Last 1).query | Should -Match "entity_type=run&entity_id=$id"
    }

    It 'reads the activity of a Remove-TallyfyRun -Permanent pipeline back, one to one with its results' {
        $ids = @(Get-TallyfySandboxRunId $sb -Status active | Select-Object -First 5)
        $results = @($ids | Remove-TallyfyRun -Permanent -Force)
        $results.Status | Sort-Object -Unique | Should -Be 'Deleted'
        $deleted = @($results | Get-TallyfyActivity -Verb deleted)
        $deleted.Count | Should -Be $results.Count
        for ($i = 0; $i -lt $results.Count; $i++) {
            $deleted[$i].SubjectType | Should -Be 'run'
            $deleted[$i].SubjectId | Should -Be $results[$i].RunId
            $deleted[$i].Verb | Should -Be 'deleted'
            $deleted[$i].ActorEmail | Should -Be $results[$i].PerformedBy
            $deleted[$i].Description | Should -Match ([regex]::Escape($results[$i].Name))
        }
        # Each was archived first, by the same user, just before.
        $trail = @($results | Get-TallyfyActivity -After (Get-Date).AddMinutes(-5))
        ($trail | Group-Object SubjectId | ForEach-Object { ($_.Group.Verb) -join ',' }) | Sort-Object -Unique | Should -Be 'deleted,archived'
        $results.PerformedBy | Sort-Object -Unique | Should -Be 'dana.whitfield@acme.example'
    }

    It 'writes the acting user into every exported result (Export-Csv of Remove-TallyfyRun)' {
        $standard = Connect-TallyfySandbox $sb -As standard
        try {
            $ids = @(Get-TallyfySandboxRunId $sb -Status active | Select-Object -First 2)
            $csv = Join-Path $TestDrive 'removed.csv'
            $ids | Remove-TallyfyRun -Session $standard | Export-Csv $csv -NoTypeInformation
            $rows = @(Import-Csv $csv)
            $rows.Count | Should -Be 2
            $rows[0].PSObject.Properties.Name | Should -Contain 'PerformedBy'
            $rows.PerformedBy | Sort-Object -Unique | Should -Be 'marco.reyes@acme.example'
            $restored = @($rows | Restore-TallyfyRun -Session $standard)
            $restored.PerformedBy | Sort-Object -Unique | Should -Be 'marco.reyes@acme.example'
            ($restored[0] | Format-List | Out-String) | Should -Match 'PerformedBy\s+: marco\.reyes@acme\.example'
        }
        finally { $null = Connect-TallyfySandbox $sb }
    }

    It 'reads a task''s activity from -TaskId and from piped tasks and task results' {
        $task = Get-TallyfyTask -OneOff -First 1
        $removed = Remove-TallyfyTask -Id $task.Id
        $fromResult = @($removed | Get-TallyfyActivity -First 1)
        $fromResult.Verb | Should -Be 'archived'
        $fromResult.SubjectType | Should -Be 'task'
        $fromResult.SubjectId | Should -Be $task.Id
        @(Get-TallyfyActivity -TaskId $task.Id).Id | Should -Be @($task | Get-TallyfyActivity).Id
    }

    It 'reads a blueprint''s activity with -TemplateId, and a tag''s from Get-TallyfyTag' {
        $template = (Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/checklists?q=Quarterly").Body.data[0].id
        $entries = @(Get-TallyfyActivity -TemplateId $template)
        $entries.Count | Should -BeGreaterThan 0
        $entries | ForEach-Object { $_.SubjectType | Should -Be 'checklist'; $_.SubjectId | Should -Be $template }
        @(Get-TallyfyActivity -BlueprintId $template).Count | Should -Be $entries.Count
        @([pscustomobject]@{ TemplateId = $template } | Get-TallyfyActivity).Count | Should -Be $entries.Count
        $null = New-TallyfyTag -Title 'audited'
        $tagEntries = @(Get-TallyfyTag -Title audited | Get-TallyfyActivity)
        $tagEntries.Verb | Should -Be 'created'
        $tagEntries.SubjectType | Should -Be 'tag'
    }

    It 'takes rows with a RunId column; refuses a bare id (AmbiguousActivitySubject) and goes on' {
        $id = @(Get-TallyfySandboxRunId $sb)[0]
        $out = @($id, @{ RunId = $id } | Get-TallyfyActivity -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -BeGreaterThan 0
        $out.SubjectId | Sort-Object -Unique | Should -Be $id
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AmbiguousActivitySubject,*'
        $errs[0].Exception.Message | Should -Match $id
        @(Get-TallyfyActivity -RunId $id).Id | Should -Be $out.Id
        Get-TallyfyActivity -RunId 'not-a-run' -ErrorVariable bad -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRunId,*'
    }

    It 'answers to its alias Get-TallyfyAuditLog' {
        (Get-Alias Get-TallyfyAuditLog).ResolvedCommand.Name | Should -Be 'Get-TallyfyActivity'
        @(Get-TallyfyAuditLog -First 3).Count | Should -Be 3
    }
}

Describe 'Activity view and completion' {
    It 'has a table view that fits 120 columns' {
        $table = @(Get-FormatData -TypeName 'TallyfyPS.Model.TallyfyActivity' -PowerShellVersion $PSVersionTable.PSVersion).FormatViewDefinition |
            Where-Object { $_.Control -is [System.Management.Automation.TableControl] } | Select-Object -First 1
        ($table.Control.Headers | Measure-Object Width -Sum).Sum + $table.Control.Headers.Count - 1 | Should -BeLessOrEqual 120
        $text = Get-TallyfyActivity -First 5 | Format-Table | Out-String -Width 120
        $text | Should -Match 'CreatedAt\s+Actor\s+Verb\s+Subject: description'
        $text -split "`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
    }

    It 'completes -Verb' {
        (Complete 'Get-TallyfyActivity -Verb arch').CompletionText | Should -Be 'archived'
        (Complete 'Get-TallyfyAuditLog -Verb un').CompletionText | Should -Be @('unarchived', 'uncompleted', 'unlinked')   # every verb of Tallyfy's documented list, no untagged (issue 22)
    }
}
