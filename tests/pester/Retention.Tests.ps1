# Retention filters of Get-TallyfyRun (-CompletedBefore, -CreatedBefore, -LastUpdatedBefore, -ArchivedBefore,
# -OlderThan): exactly the matching runs, checked against the sandbox's own data read without the module; paging
# stops early only where the service's order was seen to hold. This file owns its sandbox (switches, request log).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 450
    $script:org = $sb.OrganizationId
    $null = Connect-TallyfySandbox $sb

    function script:AsDate($v) {
        if ($null -eq $v -or $v -eq '') { return $null }
        if ($v -is [DateTime]) { return [DateTimeOffset]::new($v.ToUniversalTime()) }
        [DateTimeOffset]::Parse([string]$v, [Globalization.CultureInfo]::InvariantCulture)
    }
    # Every run of the organization, archived ones too, as the service lists them (raw JSON, no module).
    $script:raw = @(for ($page = 1; ; $page++) {
            $body = (Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/runs?archived=true&per_page=100&page=$page").Body
            foreach ($r in $body.data) {
                [pscustomobject]@{
                    Id = $r.id; Status = $r.status; Blueprint = $r.checklist_id
                    Created = AsDate $r.created_at; Completed = AsDate $r.completed_at; Updated = AsDate $r.last_updated; Archived = AsDate $r.archived_at
                }
            }
            if ($page -ge $body.meta.pagination.total_pages) { break }
        })
    # The cutoff that splits a date's values at this share (a date between two runs, never on one).
    function script:Cutoff([string] $Field, [double] $Share) {
        $values = @($raw.$Field | Where-Object { $_ } | Sort-Object)
        $i = [int][Math]::Floor(($values.Count - 1) * $Share)
        $a = $values[$i]; $b = $values[[Math]::Min($i + 1, $values.Count - 1)]
        $a + [TimeSpan]::FromTicks([long](($b - $a).Ticks / 2) + 1)
    }
    function script:Expect([scriptblock] $Where) { @($raw | Where-Object $Where | ForEach-Object Id | Sort-Object) }
    function script:Ids([object[]] $Runs) { @($Runs | ForEach-Object Id | Sort-Object) }
    function script:RunListings([long] $Since) { @(RequestsSince $Since | Where-Object { $_.method -eq 'GET' -and $_.path -like "*/organizations/$org/runs" }) }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Get-TallyfyRun retention filters' {
    It 'has runs of every kind to filter (completed, archived, live)' {
        $raw.Count | Should -Be 450
        @($raw | Where-Object Completed).Count | Should -BeGreaterThan 50
        @($raw | Where-Object Archived).Count | Should -BeGreaterThan 20
        @($raw | Where-Object { -not $_.Completed }).Count | Should -BeGreaterThan 50
    }

    It '-CompletedBefore returns exactly the runs completed before the date (<Share>)' -ForEach @(@{ Share = 0.1 }, @{ Share = 0.5 }, @{ Share = 0.9 }) {
        $cut = Cutoff Completed $Share
        Ids (Get-TallyfyRun -IncludeArchived -CompletedBefore $cut.UtcDateTime) | Should -Be (Expect { $_.Completed -and $_.Completed -lt $cut })
        Ids (Get-TallyfyRun -CompletedBefore $cut.LocalDateTime) | Should -Be (Expect { -not $_.Archived -and $_.Completed -and $_.Completed -lt $cut })
    }

    It '-CreatedBefore, -LastUpdatedBefore and -ArchivedBefore return exactly the matching runs' {
        $created = Cutoff Created 0.4
        Ids (Get-TallyfyRun -IncludeArchived -CreatedBefore $created.UtcDateTime) | Should -Be (Expect { $_.Created -lt $created })
        $updated = Cutoff Updated 0.6
        Ids (Get-TallyfyRun -IncludeArchived -LastUpdatedBefore $updated.UtcDateTime) | Should -Be (Expect { $_.Updated -and $_.Updated -lt $updated })
        $archived = Cutoff Archived 0.5
        # -ArchivedBefore lists archived runs only (no -IncludeArchived needed).
        Ids (Get-TallyfyRun -ArchivedBefore $archived.UtcDateTime) | Should -Be (Expect { $_.Archived -and $_.Archived -lt $archived })
    }

    It 'combines the dates with each other and with -Status, -Status archived and -BlueprintId' {
        $completed = Cutoff Completed 0.7
        $created = Cutoff Created 0.5
        Ids (Get-TallyfyRun -Status complete -IncludeArchived -CompletedBefore $completed.UtcDateTime -CreatedBefore $created.UtcDateTime) |
            Should -Be (Expect { $_.Status -eq 'complete' -and $_.Completed -and $_.Completed -lt $completed -and $_.Created -lt $created })
        Ids (Get-TallyfyRun -Status archived -CompletedBefore $completed.UtcDateTime) |
            Should -Be (Expect { $_.Archived -and $_.Completed -and $_.Completed -lt $completed })
        $archived = Cutoff Archived 0.8
        Ids (Get-TallyfyRun -Status complete -ArchivedBefore $archived.UtcDateTime) |
            Should -Be (Expect { $_.Status -eq 'complete' -and $_.Archived -and $_.Archived -lt $archived })
        $blueprint = ($raw | Group-Object Blueprint | Sort-Object Count -Descending | Select-Object -First 1).Name
        Ids (Get-TallyfyRun -BlueprintId $blueprint -IncludeArchived -CreatedBefore $created.UtcDateTime) |
            Should -Be (Expect { $_.Blueprint -eq $blueprint -and $_.Created -lt $created })
    }

    It '-OlderThan takes days or a TimeSpan, and measures the date its -Status names' {
        $now = [DateTimeOffset]::Now
        # An age whose cutoff falls far from any run's date, so that the seconds between the two clocks do not matter.
        $completedAges = @($raw | Where-Object Completed | ForEach-Object { ($now - $_.Completed).TotalDays } | Sort-Object)
        $gap = 0..($completedAges.Count - 2) | Sort-Object { $completedAges[$_ + 1] - $completedAges[$_] } -Descending | Select-Object -First 1
        $days = ($completedAges[$gap] + $completedAges[$gap + 1]) / 2
        $expected = Expect { $_.Status -eq 'complete' -and $_.Completed -and ($now - $_.Completed).TotalDays -gt $days }
        $expected.Count | Should -BeGreaterThan 0
        Ids (Get-TallyfyRun -Status complete -IncludeArchived -OlderThan $days) | Should -Be $expected
        Ids (Get-TallyfyRun -Status complete -IncludeArchived -OlderThan ([TimeSpan]::FromDays($days))) | Should -Be $expected
        Ids (Get-TallyfyRun -Status complete -IncludeArchived -OlderThan "$days") | Should -Be $expected

        $archivedDays = ($now - (Cutoff Archived 0.5)).TotalDays
        Ids (Get-TallyfyRun -ArchivedOnly -OlderThan $archivedDays) | Should -Be (Expect { $_.Archived -and ($now - $_.Archived).TotalDays -gt $archivedDays + 0.0001 })
    }

    It 'counts -First and -Skip in the runs that match' {
        $cut = Cutoff Completed 0.5
        $all = @(Get-TallyfyRun -IncludeArchived -CompletedBefore $cut.UtcDateTime)
        $page = @(Get-TallyfyRun -IncludeArchived -CompletedBefore $cut.UtcDateTime -Skip 3 -First 5)
        @($page.Id) | Should -Be @($all[3..7].Id)
    }

    It 'stops paging once a page is past the date and the service''s order held' {
        $cut = Cutoff Completed 0.1
        $seq = LastSeq
        $runs = @(Get-TallyfyRun -IncludeArchived -CompletedBefore $cut.UtcDateTime -Verbose 4>&1)
        $verbose = @($runs | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $listings = RunListings $seq
        $listings.Count | Should -BeLessThan ([Math]::Ceiling($raw.Count / 100))
        $listings | ForEach-Object { $_.query | Should -Match 'sort=completed_at' }
        $verbose -join "`n" | Should -Match 'Stopped paging'
        # Oldest completion first.
        $dates = @($runs | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] } | ForEach-Object { [DateTimeOffset]$_.CompletedAt })
        $dates | Should -Be ($dates | Sort-Object)
    }

    It 'reads the whole listing, and still misses nothing, when the service ignores the sort' {
        $cut = Cutoff Completed 0.1
        Set-TallyfySandboxSwitch $sb @{ ignoreSort = $true }
        try {
            $seq = LastSeq
            $runs = Get-TallyfyRun -IncludeArchived -CompletedBefore $cut.UtcDateTime
            Ids $runs | Should -Be (Expect { $_.Completed -and $_.Completed -lt $cut })
            (RunListings $seq).Count | Should -Be ([Math]::Ceiling($raw.Count / 100))
        }
        finally { Set-TallyfySandboxSwitch $sb @{ ignoreSort = $false } }
    }

    It 'reads the whole listing for -ArchivedBefore alone (Tallyfy does not sort by it)' {
        $seq = LastSeq
        $null = Get-TallyfyRun -ArchivedBefore (Cutoff Archived 0.1).UtcDateTime
        $archivedPages = [Math]::Ceiling(@($raw | Where-Object Archived).Count / 100)
        (RunListings $seq).Count | Should -Be $archivedPages
    }

    It 'refuses an -OlderThan that is no age (InvalidAge) and lists nothing' -ForEach @(@{ Age = 0 }, @{ Age = -5 }, @{ Age = 'a year' }, @{ Age = (Get-Date) }) {
        $seq = LastSeq
        { Get-TallyfyRun -OlderThan $Age } | Should -Throw -ErrorId 'InvalidAge,TallyfyPS.Cmdlets.GetTallyfyRunCommand'
        RunListings $seq | Should -BeNullOrEmpty
    }
}
