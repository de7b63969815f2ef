# From the first run to everyday use: the places where a new user stumbled on 0.1.0, each proven fixed
# through a real pwsh against a real sandbox.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 60
    $script:org = $sb.OrganizationId
    $script:s = Connect-TallyfySandbox $sb
    $script:Iso = '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$'

    # Every cell of a CSV export is text a person can read: no type names, dates in ISO 8601 that round-trip.
    function script:Assert-ReadableCsv([object[]] $Objects) {
        $Objects.Count | Should -BeGreaterThan 0
        $rows = @($Objects | ConvertTo-Csv | ConvertFrom-Csv)
        $rows.Count | Should -Be $Objects.Count
        for ($i = 0; $i -lt $rows.Count; $i++) {
            foreach ($p in $rows[$i].PSObject.Properties) {
                $p.Value | Should -Not -Match '^(System\.|TallyfyPS\.)' -Because "column $($p.Name) of a $($Objects[$i].GetType().Name)"
                if ($p.Name -match '(At|Date|Deadline|LastUpdated)$' -and $p.Value) {
                    $p.Value | Should -Match $Iso -Because "column $($p.Name) is a date"
                    $original = $Objects[$i].($p.Name)
                    ([DateTimeOffset]::Parse($p.Value, [cultureinfo]::InvariantCulture)).UtcDateTime.ToString('o').Substring(0, 23) |
                        Should -Be ([DateTimeOffset]$original).UtcDateTime.ToString('o').Substring(0, 23)
                }
            }
        }
    }
}
AfterAll {
    Set-TallyfySandboxFault $script:sb @{}
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'First run' {
    It 'finds the API root when the site root is given, and says so' {
        $root = Connect-Tallyfy -BaseUri $sb.BaseAddress -OrganizationId $org -AccessToken (New-SandboxToken) -PassThru -WarningVariable w
        $root.BaseUri.AbsoluteUri | Should -Be "$($sb.ApiUri)/"
        "$w" | Should -Match 'not Tallyfy''s API root'
        "$w" | Should -Match ([regex]::Escape($sb.ApiUri))
        @(Get-TallyfyRun -Session $root -First 1).Count | Should -Be 1
    }

    It 'says ApiRootNotFound, naming the API root to pass, when nothing answers as Tallyfy' {
        $e = $null
        try { Connect-Tallyfy -BaseUri "$($sb.BaseAddress)/nothing/here" -OrganizationId $org -AccessToken (New-SandboxToken) -PassThru -ErrorAction Stop }
        catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -BeLike 'ApiRootNotFound,*'
        $e.ErrorDetails.Message | Should -Match 'API root, such as https://go.tallyfy.com/api'
        $e.ErrorDetails.RecommendedAction | Should -Match '-BaseUri'
        $e.ErrorDetails.RecommendedAction | Should -Not -Match 'Get-TallyfySession'
    }

    It 'prints a sandbox banner whose lines, pasted into a fresh pwsh, load the module and connect' {
        $banner = Start-TallyfySandbox -Runs 5 -Module $ModuleUnderTest
        try {
            $lines = @(Get-Content (Join-Path $banner.WorkDirectory 'stdout.txt'))
            $pasted = @($lines | Where-Object { $_ -match '^(Import-Module|Connect-Tallyfy) ' })
            $pasted.Count | Should -Be 2 -Because ($lines -join "`n")
            $pasted[0] | Should -BeLike 'Import-Module *'
            $child = Invoke-ChildPwsh -NonInteractive -Script (($pasted + "'RUNS ' + @(Get-TallyfyRun).Count") -join "`n")
            $child.Error | Should -BeNullOrEmpty
            $child.Output | Should -Match 'RUNS 5'
        }
        finally {
            Stop-TallyfySandbox $banner
        }
    }

    It 'runs ForEach-Object -Parallel and Start-ThreadJob with the module imported by path' {
        $child = Invoke-ChildPwsh -NonInteractive -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleUnderTest'
`$s = Connect-Tallyfy -BaseUri '$($sb.ApiUri)' -OrganizationId '$org' -AccessToken (ConvertTo-SecureString 'tly-sandbox-admin-token' -AsPlainText -Force) -PassThru
`$parallel = @(1..3 | ForEach-Object -Parallel { (Get-TallyfyRun -Session `$using:s -First 1).Id })
"PARALLEL `$(`$parallel.Count) `$(`$parallel[0])"
`$job = Start-ThreadJob { (Get-TallyfyRun -Session `$using:s -First 1).Id }
"THREADJOB `$(Receive-Job `$job -Wait -AutoRemoveJob)"
"@
        $child.Error | Should -BeNullOrEmpty
        $child.Output | Should -Match 'PARALLEL 3 [0-9a-f]{32}'
        $child.Output | Should -Match 'THREADJOB [0-9a-f]{32}'
    }
}

Describe 'Everyday' {
    BeforeEach { Reset-TallyfySandbox $sb -Runs 60 }

    It 'refuses to restore a task of a run before sending anything, and restores one-off tasks' {
        $since = LastSeq
        $results = @(Get-TallyfyTask -ArchivedOnly -Session $s | Restore-TallyfyTask -Session $s -ErrorVariable errs -ErrorAction SilentlyContinue)
        $ofRuns = @($errs | Where-Object { $_.FullyQualifiedErrorId -like 'TaskBelongsToRun,*' })
        $ofRuns.Count | Should -BeGreaterThan 0
        $ofRuns[0].ErrorDetails.RecommendedAction | Should -Match 'Restore-TallyfyRun -Id [0-9a-f]{32}'
        $errs.Count | Should -Be $ofRuns.Count
        Mutations $since | ForEach-Object { $_.path | Should -Match '/tasks/[0-9a-f]{32}/restore$' }
        @(Mutations $since).Count | Should -Be $results.Count
        $results.Status | Sort-Object -Unique | Should -Be 'Restored'
    }

    It 'the README''s example restores archived one-off tasks with no error' {
        $results = @(Get-TallyfyTask -OneOff -ArchivedOnly -Session $s | Restore-TallyfyTask -Session $s -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $results.Count | Should -BeGreaterThan 0
        $results.Status | Sort-Object -Unique | Should -Be 'Restored'
    }

    It 'keeps the id visible at 80 columns, and shows names of 40 characters at 120' {
        $long = 'Quarterly compliance review of the eastern region'   # 49 characters
        $id = @(Get-TallyfySandboxRunId $sb)[0]
        (Invoke-TallyfySandboxApi -Sandbox $sb -Method PUT -Path "organizations/$org/runs/$id" -Body @{ name = $long; users = @(); groups = @() }).Status | Should -Be 200
        $runs = @(Get-TallyfyRun -Session $s -First 5) + @(Get-TallyfyRun -Id $id -Session $s)
        $narrow = $runs | Format-Table | Out-String -Width 80
        $runs | ForEach-Object { $narrow | Should -Match $_.Id }
        $wide = $runs | Format-Table | Out-String -Width 120
        $wide | Should -Match ([regex]::Escape($long.Substring(0, 40)))
        $tasks = @(Get-TallyfyTask -Session $s -First 5)
        $narrowTasks = $tasks | Format-Table | Out-String -Width 80
        $tasks | ForEach-Object { $narrowTasks | Should -Match $_.Id }
        (Get-TallyfyRun -Id $id -Session $s | Format-List | Out-String -Width 120) | Should -Match '(?m)^DueDate\s+:'
    }

    It 'keeps the message of a failed result visible at 80 columns' {
        $results = @(Remove-TallyfyRun -Id (@(Get-TallyfySandboxRunId $sb)[0]), '0123456789abcdef0123456789abcdef' -Session $s -ErrorAction SilentlyContinue)
        $narrow = $results | Format-Table | Out-String -Width 80
        $narrow | Should -Match $results[1].RunId
        $narrow | Should -Match 'NotFound'
        $narrow | Should -Match ([regex]::Escape($results[1].Message.Substring(0, [Math]::Min(25, $results[1].Message.Length))))
    }

    It 'exports every output type to CSV as readable text with ISO 8601 dates' {
        $runs = @(Get-TallyfyRun -Session $s -First 10 -Include Blueprint, Tasks, Tags, FormFields, KickoffFields, Comments)
        Assert-ReadableCsv $runs
        $tasks = @(Get-TallyfyRun -Session $s -First 5 | Get-TallyfyTask -Session $s -Include Comments, FormFields, Run, Tags)
        Assert-ReadableCsv $tasks
        Assert-ReadableCsv @($runs.Comments | Select-Object -First 5)
        Assert-ReadableCsv @($runs.FormFields | Select-Object -First 5)
        $removed = @($runs[0..2] | Remove-TallyfyRun -Session $s)
        Assert-ReadableCsv $removed
        Assert-ReadableCsv @($removed | Restore-TallyfyRun -Session $s)
        $oneOff = @(Get-TallyfyTask -OneOff -Session $s -First 2)
        $taskResults = @($oneOff | Remove-TallyfyTask -Session $s)
        Assert-ReadableCsv $taskResults
        Assert-ReadableCsv @($taskResults | Restore-TallyfyTask -Session $s)
        $csv = $runs[0] | ConvertTo-Csv | ConvertFrom-Csv
        if ($runs[0].Tags.Count) { $csv.Tags | Should -Be (($runs[0].Tags.Title) -join '; ') }
        $csv.Progress | Should -Match '^\d+/\d+ \(\d+%\)$'
    }

    It 'says which columns a row has and which it needs, and refuses rows whose ids disagree' {
        $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First 2)
        $since = LastSeq
        $rows = @(
            [pscustomobject]@{ 'Run ID' = $ids[0]; Note = 'x' }
            [pscustomobject]@{ Id = $ids[0]; RunId = $ids[1] }
            [pscustomobject]@{ Id = $ids[1]; RunId = $ids[1].ToUpperInvariant() }
        )
        $results = @($rows | Remove-TallyfyRun -Session $s -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InputHasNoId,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].ErrorDetails.Message | Should -Match "'Run ID', 'Note'"
        $errs[0].ErrorDetails.Message | Should -Match 'Id, RunId or run_id'
        $errs[1].FullyQualifiedErrorId | Should -BeLike 'InputIdsDisagree,*'
        $errs[1].ErrorDetails.Message | Should -Match $ids[0]
        $errs[1].ErrorDetails.Message | Should -Match $ids[1]
        $results.RunId | Should -Be $ids[1]                 # the row whose ids agree
        @(Mutations $since).Count | Should -Be 1
    }

    It 'offers paging parameters only where they work, and writes the total only when asked' {
        { Get-TallyfyRun -Id (@(Get-TallyfySandboxRunId $sb)[0]) -First 1 -Session $s -ErrorAction Stop } | Should -Throw -ErrorId 'AmbiguousParameterSet,TallyfyPS.Cmdlets.GetTallyfyRunCommand'
        (Get-Command Get-TallyfyRun).Parameters['First'].ParameterSets.Keys | Should -Be 'List'
        $csv = @(Get-TallyfyRun -Session $s -First 3 | ConvertTo-Csv | ConvertFrom-Csv)
        $csv.Count | Should -Be 3
        $csv[0].PSObject.Properties.Name | Should -Not -Contain 'Accuracy'
        # -IncludeTotalCount writes the total first, as PowerShell's own paging cmdlets do.
        $out = @(Get-TallyfyRun -Session $s -First 3 -IncludeTotalCount)
        $out.Count | Should -Be 4
        $out[0].ToString() | Should -Match '^Total count: \d+$'
    }

    It 'honours the organization of piped results and CSV rows' {
        $other = Connect-TallyfySandbox $sb -As other
        $removed = @(Remove-TallyfyRun -Id (@(Get-TallyfySandboxRunId $sb)[0]) -Session $s)
        $since = LastSeq
        $null = $removed | Restore-TallyfyRun -Session $other -ErrorVariable e1 -ErrorAction SilentlyContinue
        $e1.Count | Should -Be 1
        $e1[0].FullyQualifiedErrorId | Should -BeLike 'OrganizationMismatch,*'
        $e1[0].ErrorDetails.RecommendedAction | Should -Match $org
        $row = [pscustomobject]@{ RunId = $removed[0].RunId; OrganizationId = $org }
        $null = $row | Restore-TallyfyRun -Session $other -ErrorVariable e2 -ErrorAction SilentlyContinue
        $e2[0].FullyQualifiedErrorId | Should -BeLike 'OrganizationMismatch,*'
        @(Mutations $since).Count | Should -Be 0
        ($removed | Restore-TallyfyRun -Session $s).Status | Should -Be 'Restored'
    }

    It 'gives a run''s form fields the id and title of their task' {
        $run = Get-TallyfyRun -Session $s -First 20 | Get-TallyfyRun -Session $s -Include FormFields, Tasks | Where-Object { $_.FormFields.Count -gt 1 } | Select-Object -First 1
        $run | Should -Not -BeNullOrEmpty
        foreach ($f in $run.FormFields) {
            $f.TaskId | Should -BeIn $run.Tasks.Id
            $f.TaskTitle | Should -Be ($run.Tasks | Where-Object Id -eq $f.TaskId).Title
        }
    }

    It 'names the same idea the same way on runs and tasks, keeping the old names' {
        @(Get-TallyfyRun -Session $s -ArchivedOnly).Id | Should -Be @(Get-TallyfyRun -Session $s -Status archived).Id
        @(Get-TallyfyRun -Session $s -IncludeArchived).Count | Should -Be @(Get-TallyfyRun -Session $s -Archived).Count
        @(Get-TallyfyTask -Session $s -IncludeArchived).Count | Should -Be @(Get-TallyfyTask -Session $s -Archived).Count
        @(Get-TallyfyTask -Session $s -ArchivedOnly).Count | Should -BeGreaterThan 0
        $run = Get-TallyfyRun -Session $s -First 1
        (Get-TallyfyRun -Id $run.Id -Session $s -Include Blueprint).Blueprint.Id | Should -Be $run.BlueprintId
        (Get-TallyfyRun -Id $run.Id -Session $s -Include Checklist).Blueprint.Id | Should -Be $run.BlueprintId
    }

    It 'writes a summary when Ctrl+C stops a bulk call' {
        Reset-TallyfySandbox $sb -Runs 200
        Set-TallyfySandboxFault $sb @{ latencyMs = 100 }
        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddScript({ param($m, $ids, $s) Import-Module $m; $ids | Remove-TallyfyRun -Session $s }).
                AddArgument($ModuleUnderTest).AddArgument(@(Get-TallyfySandboxRunId $sb | Select-Object -First 150)).AddArgument($s)
            $out = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $null = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $out)
            while ($out.Count -lt 10) { Start-Sleep -Milliseconds 20 }
            $ps.Stop()
            # On the Information stream where the pipeline still takes it (a warning through the host where it does not).
            $told = @($ps.Streams.Information | ForEach-Object { "$_" }) + @($ps.Streams.Warning | ForEach-Object Message)
            @($told | Where-Object { $_ -match '^Remove-TallyfyRun: \d+ run\(s\) in [\d.]+ s: \d+ Archived .*stopped before the end' }) | Should -Not -BeNullOrEmpty
        }
        finally {
            Set-TallyfySandboxFault $sb @{}
            $ps.Dispose()
        }
    }
}

Describe 'Owners as people write them' {
    BeforeEach { Reset-TallyfySandbox $sb -Runs 60 }

    It 'takes an email or a user wherever it takes a user id, looked up once per session' {
        $s2 = Connect-TallyfySandbox $sb
        $since = LastSeq
        $byId = @(Get-TallyfyRun -Session $s2 -Owner 1002).Id
        $byId.Count | Should -BeGreaterThan 0
        @(Get-TallyfyRun -Session $s2 -Owner 'marco.reyes@acme.example').Id | Should -Be $byId
        @(Get-TallyfyRun -Session $s2 -Owner 'MARCO.REYES@acme.example').Id | Should -Be $byId
        $lookups = @(Get-TallyfySandboxRequest $sb -Since $since | Where-Object path -like '*/users')
        $lookups.Count | Should -Be 1                       # the members, read once to check the id: the email was known then
        $user = [TallyfyPS.Model.TallyfyUser]@{ Id = 1002 }
        @(Get-TallyfyTask -Session $s2 -Owner $user).Count | Should -Be @(Get-TallyfyTask -Session $s2 -Owner 1002).Count
    }

    It 'refuses an email that is no member''s before anything is listed' {
        $e = $null
        try { Get-TallyfyRun -Session $s -Owner 'nobody@nowhere.example' -ErrorAction Stop } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -BeLike 'OwnerNotFound,*'
        $e.ErrorDetails.Message | Should -Match 'nobody@nowhere.example'
        $e.ErrorDetails.Message | Should -Match 'no member of the organization has this email'
    }

    It 'refuses a user id that is no member''s before anything is listed or sent' {
        $seq = LastSeq
        $e = $null
        try { Get-TallyfyRun -Session $s -Owner 99999 -ErrorAction Stop } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -BeLike 'OwnerNotFound,*'
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e.ErrorDetails.Message | Should -Match "'99999': no member of the organization has this id"
        $e.ErrorDetails.RecommendedAction | Should -Match 'Get-TallyfyUser'
        { New-TallyfyTask -Session $s -Title 'Nobody' -Owner '1002', '424242' -ErrorAction Stop } | Should -Throw -ErrorId 'OwnerNotFound,*'
        @(Get-TallyfySandboxRequest $sb -Since $seq | Where-Object { $_.path -notlike '*/users' }) | Should -BeNullOrEmpty
    }

    It 'assigns a new task to members, guests and groups by email, name or id' {
        $task = New-TallyfyTask -Session $s -Title 'Rotate keys' -Owner 'marco.reyes@acme.example', 1003, 'olga.petrov@contoso.example', 'Finance team' -PassThru
        $task.Owners.Users | Sort-Object | Should -Be @(1002, 1003)
        $task.Owners.Guests | Should -Be 'olga.petrov@contoso.example'
        $task.Owners.Groups | Should -Be '9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d01'
        $stored = Invoke-TallyfySandboxControl $sb GET "state/tasks/$($task.Id)"
        @($stored.owners.users) | Sort-Object | Should -Be @(1002, 1003)
        @($stored.owners.groups) | Should -Be '9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d01'
    }
}

Describe 'Words' {
    It 'names the environment variable when TALLYFY_ORG_ID is not an organization id' {
        $child = Invoke-ChildPwsh -NonInteractive -Environment @{ TALLYFY_ORG_ID = 'acme'; TALLYFY_ACCESS_TOKEN = 'tly-sandbox-admin-token'; TALLYFY_BASE_URI = $sb.ApiUri } -Script @"
Import-Module '$ModuleUnderTest'
try { Connect-Tallyfy -ErrorAction Stop } catch { "ID `$(`$_.FullyQualifiedErrorId)"; "MSG `$(`$_.ErrorDetails.Message)`$(`$_.Exception.Message)" }
"@
        $child.Output | Should -Match 'ID InvalidOrganizationId'
        $child.Output | Should -Match "TALLYFY_ORG_ID 'acme'"
    }

    It 'says what a failed OAuth sign-in means, in a whole sentence about the OAuth client' {
        $e = $null
        try { Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -ClientId 4001 -ClientSecret (ConvertTo-SecureString 'wrong' -AsPlainText -Force) -ErrorAction Stop }
        catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -BeLike 'AuthenticationFailed,*'
        $e.ErrorDetails.Message | Should -Match '\.$'
        $e.ErrorDetails.RecommendedAction | Should -Match 'OAuth client'
        $e.ErrorDetails.RecommendedAction | Should -Not -Match 'six months'
    }

    It 'advises on a sign-in that cannot connect without talking of failed items' {
        $e = $null
        try { Connect-Tallyfy -BaseUri 'http://127.0.0.1:1/api' -OrganizationId $org -AccessToken (New-SandboxToken) -MaxRetries 0 -ErrorAction Stop }
        catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -BeLike 'ConnectionFailed,*'
        $e.ErrorDetails.RecommendedAction | Should -Not -Match 'failed items'
        $e.ErrorDetails.RecommendedAction | Should -Match 'Connect-Tallyfy again'
    }

    It 'names a new task by its title when it cannot be created' {
        $light = Connect-TallyfySandbox $sb -As light
        $null = New-TallyfyTask -Title 'Rotate API keys' -Session $light -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].ErrorDetails.Message | Should -Match "^New task 'Rotate API keys' could not be created: "
        $errs[0].ErrorDetails.Message | Should -Not -Match '\(new\)'
    }

    It 'does not talk of permanent deletion when a listing is refused' {
        Set-TallyfySandboxFault $sb @{ failIds = @{ 'runs' = 403 } }
        try { $null = Get-TallyfyRun -Session $s -ErrorVariable errs -ErrorAction SilentlyContinue }
        finally { Set-TallyfySandboxFault $sb @{} }
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PermissionDenied,*'
        $errs[0].ErrorDetails.RecommendedAction | Should -Not -Match 'permanent'
    }
}
