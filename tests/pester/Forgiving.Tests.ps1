# Input that forgives, or says why not (issue 21, section 3): several tags, wildcards in -Name/-Title, names that
# match nothing, -Verb checked, a template given by name, a launch CSV with a Title column, a one-off task without a
# deadline, and the retry bound of Restore-TallyfyRun. Through a real pwsh against a real sandbox (this file owns it).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 60
    $script:org = $sb.OrganizationId
    $null = Connect-TallyfySandbox $sb
    $script:finance = 'a1f0c3e2b4d5968778695a4b3c2d1e01'
    $script:urgent = 'a1f0c3e2b4d5968778695a4b3c2d1e05'
}
AfterAll {
    Set-TallyfySandboxFault $script:sb @{}
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Get-TallyfyRun -Tag takes several tags' {
    It 'lists the runs that carry every tag given, by title or id' {
        $runs = @(Get-TallyfyRun -Include Tags -First 4)
        $runs.Count | Should -Be 4
        $null = $runs[0..2] | Add-TallyfyRunTag -Tag finance -Force
        $null = $runs[1..3] | Add-TallyfyRunTag -Tag urgent -Force
        $expected = @(Get-TallyfyRun -IncludeArchived -Include Tags | Where-Object { $_.Tags.Id -contains $finance -and $_.Tags.Id -contains $urgent }).Id | Sort-Object
        $expected.Count | Should -BeGreaterOrEqual 2
        $both = @(Get-TallyfyRun -IncludeArchived -Tag finance, urgent -ErrorAction Stop)
        @($both.Id | Sort-Object) | Should -Be $expected
        @(Get-TallyfyRun -IncludeArchived -Tag $finance, 'URGENT' -ErrorAction Stop).Id | Sort-Object | Should -Be $expected
        @(Get-TallyfyRun -IncludeArchived -Tag finance, urgent -First 1).Count | Should -Be 1
    }

    It 'says TagNotFound for any tag that names none, before listing' {
        $e = $null
        try { Get-TallyfyRun -Tag finance, 'no-such-tag' -ErrorAction Stop } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -BeLike 'TagNotFound,*'
        "$e" | Should -Match 'no-such-tag'
    }
}

Describe 'Wildcards in -Name and -Title' {
    It 'Get-TallyfyRun -Name matches wildcards against the whole name' {
        $run = @(Get-TallyfyRun -First 1)[0]
        $null = $run | Set-TallyfyRun -Name 'Adhoc audit (renamed)' -Force
        @(Get-TallyfyRun -Name 'Adhoc*' -ErrorAction Stop).Name | Should -Be @('Adhoc audit (renamed)')
        @(Get-TallyfyRun -Name '*(renamed)' -ErrorAction Stop).Id | Should -Be @($run.Id)
        @(Get-TallyfyRun -Name 'adhoc audit' -ErrorAction Stop).Id | Should -Be @($run.Id)   # without wildcards: contains, as Tallyfy searches
        @(Get-TallyfyRun -Name 'Zzz*' -ErrorAction Stop) | Should -BeNullOrEmpty
    }

    It 'Get-TallyfyTask -Title matches wildcards' {
        $task = New-TallyfyTask -Title 'Wildcard check 7' -Deadline (Get-Date).AddDays(3) -PassThru
        @(Get-TallyfyTask -OneOff -Title 'Wildcard*7' -ErrorAction Stop).Id | Should -Be @($task.Id)
        @(Get-TallyfyTask -OneOff -Title 'Wildcard?check*' -ErrorAction Stop).Id | Should -Be @($task.Id)
    }
}

Describe 'A name that matches nothing says so' {
    It 'Get-TallyfyTemplate -Name writes TemplateNotFound with a did-you-mean' {
        $title = @(Get-TallyfyTemplate)[0].Title
        $typo = $title.Substring(0, $title.Length - 2) + $title[-1] + $title[-2]
        $out = @(Get-TallyfyTemplate -Name $typo -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TemplateNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be $typo
        "$($errs[0])" | Should -Match ([regex]::Escape("Did you mean '$title'"))
        @(Get-TallyfyTemplate -Name 'Nothing like it*' -ErrorVariable none -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
        $none | Should -BeNullOrEmpty   # a wildcard that matches nothing is not an error, as with Get-ChildItem
    }

    It 'Get-TallyfyActivity -Verb refuses a verb the feed does not have, naming the valid ones, before sending' {
        $seq = LastSeq
        $e = $null
        try { Get-TallyfyActivity -Verb delted -ErrorAction Stop } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidActivityVerb,*'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$e" | Should -Match "'delted'"
        "$e" | Should -Match "Did you mean 'deleted'"
        "$e" | Should -Match 'archived, .*uncompleted'
        RequestsSince $seq | Should -BeNullOrEmpty
        { Get-TallyfyActivity -Verb DELETED, Archived -First 1 -ErrorAction Stop } | Should -Not -Throw
    }

    It 'Start-TallyfyRun -TemplateId takes a template''s exact name, read once per call' {
        $template = Get-TallyfyTemplate -Name 'Quarterly audit'
        $template | Should -Not -BeNullOrEmpty
        $seq = LastSeq
        $runs = @('By name 1', 'By name 2' | ForEach-Object { [pscustomobject]@{ Name = $_; 'Requested by' = 'D'; Department = 'Finance'; 'Audit period end' = '2026-12-31' } } |
            Start-TallyfyRun -TemplateId $template.Title.ToUpperInvariant() -ErrorAction Stop)
        $runs.Count | Should -Be 2
        $listed = @(RequestsSince $seq | Where-Object { $_.method -eq 'GET' -and $_.path -match '/checklists$' })
        $listed.Count | Should -Be 1
        @(Get-TallyfyRun -Name 'By name 1').BlueprintId | Should -Be $template.Id

        $e = $null
        try { Start-TallyfyRun -TemplateId ($template.Title + 'x') -Name 'Never' -Field @{ 'Requested by' = 'D'; Department = 'Finance'; 'Audit period end' = '2026-12-31' } -ErrorAction Stop } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -BeLike 'TemplateNotFound,*'
        "$e" | Should -Match ([regex]::Escape("Did you mean '$($template.Title)'"))
    }
}

Describe 'A launch CSV without a Name column' {
    It 'refuses each row with its row number and says to rename Title to Name' {
        $template = Get-TallyfyTemplate -Name 'Quarterly audit'
        $seq = LastSeq
        $rows = 'Title,Audit period end', 'First run,2026-12-31', 'Second run,2026-12-31' | ConvertFrom-Csv
        $out = @($rows | Start-TallyfyRun -TemplateId $template.Id -ErrorVariable errs -ErrorAction SilentlyContinue)
        Mutations $seq | Should -BeNullOrEmpty
        $errs.Count | Should -Be 2
        foreach ($i in 0, 1) {
            $errs[$i].FullyQualifiedErrorId | Should -BeLike 'LaunchNameMissing,*'
            $errs[$i].CategoryInfo.Category | Should -Be 'InvalidData'
            "$($errs[$i])" | Should -Match "Row $($i + 1) has no Name"
            "$($errs[$i])" | Should -Match "Title"
            $errs[$i].ErrorDetails.RecommendedAction | Should -Match 'Rename the Title column to Name'
        }
        # Each refused row is a result too (Status Refused, its row number), so an exported audit has every row.
        @($out).Row | Should -Be @(1, 2)
        @($out).Status | Should -Be @('Refused', 'Refused')
    }
}

Describe 'Set-TallyfyTask on a one-off task without a deadline' {
    It 'refuses before sending, asking for -Deadline' {
        $me = @(Get-TallyfyUser)[0]
        $t = New-TallyfyTask -Title 'No deadline here'
        $seq = LastSeq
        $out = @($t | Set-TallyfyTask -Owner $me.Email -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        Mutations $seq | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'DeadlineRequired,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$($errs[0])" | Should -Match 'has no deadline'
        "$($errs[0])" | Should -Match '-Deadline'
        $out.Count | Should -BeLessOrEqual 1
        $fixed = @($t | Set-TallyfyTask -Owner $me.Email -Deadline (Get-Date).AddDays(2) -Force -ErrorAction Stop)
        $fixed.Count | Should -Be 1
    }
}

Describe 'Restore-TallyfyRun keeps to -MaxRetries' {
    # about_TallyfyPS: an item sends at most MaxRetries + 1 requests. A run given by id is read first (to tell
    # NotArchived apart); that read is one of them, so a restore that always answers 500 sends 6 with -MaxRetries 5.
    It 'sends at most MaxRetries + 1 requests for an item whose restore always answers 500 (<Kind>)' -ForEach @(
        @{ Kind = 'ids' }, @{ Kind = 'removal results' }
    ) {
        Reset-TallyfySandbox $sb -Runs 60
        $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First 2)
        $removed = @($ids | Remove-TallyfyRun -Force)
        $s = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -AccessToken (New-SandboxToken) -MaxRetries 5 -PassThru
        Clear-TallyfySandboxRequest $sb
        Set-TallyfySandboxFault $sb @{ errorRate = 1.0; errorStatuses = @(500); methods = @('PUT') }
        try {
            $in = if ($Kind -eq 'ids') { $ids } else { $removed }
            $results = @($in | Restore-TallyfyRun -Session $s -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        }
        finally { Set-TallyfySandboxFault $sb @{} }
        $results.Status | Should -Be @('Failed', 'Failed')
        $errs.Count | Should -Be 2
        $log = @(Get-TallyfySandboxRequest $sb)
        foreach ($i in 0, 1) {
            $sent = @($log | Where-Object { $_.path -like "*$($ids[$i])*" })
            $sent.Count | Should -Be 6 -Because ($sent | ForEach-Object { "$($_.method) $($_.path) $($_.status)" } | Out-String)
            $results[$i].Attempts | Should -Be $sent.Count
        }
    }
}
