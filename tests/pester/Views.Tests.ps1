# What a user sees of listings: tables at 80 and 120 columns (names uncut, the activity's subject named), kick-off
# values by field label and owners by email, progress while a long listing pages, and -IncludeTotalCount's total.
# Owns its sandbox (250 runs: three pages of runs).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 250
    $script:org = $sb.OrganizationId
    $null = Connect-TallyfySandbox $sb

    # The text of a command's output through Format-Table at a given width, as a console of that width shows it.
    function script:Table([scriptblock] $Command, [int] $Width) { (& $Command | Format-Table | Out-String -Width $Width) }

    # Runs a command in a fresh runspace with $ProgressPreference as given, and returns its output and progress records.
    function script:WithProgress([string] $Command, [string] $Preference) {
        $s = Connect-TallyfySandbox $sb
        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddScript({
                    param($module, $session, $preference, $command)
                    Import-Module $module
                    $ProgressPreference = $preference
                    & ([scriptblock]::Create($command)) $session
                }).AddArgument($script:ModuleUnderTest).AddArgument($s).AddArgument($Preference).AddArgument($Command)
            $output = @($ps.Invoke())
            [pscustomobject]@{ Output = $output; Progress = @($ps.Streams.Progress); Errors = @($ps.Streams.Error) }
        }
        finally { $ps.Dispose() }
    }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'The run table' {
    It 'gives Name the spare width at 80 columns: names such as "Quarterly audit - Finance #12" are shown whole' {
        $runs = @(Get-TallyfyRun -First 40)
        $text = Table { $runs } 80
        $lines = $text -split '\r?\n' | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^Id\s+Status\s+Done\s+Name\s*$'
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
        $short = @($runs | Where-Object { $_.Name.Length -le 33 })
        $short.Count | Should -BeGreaterThan 10
        @($short | Where-Object Name -match '^Quarterly audit - .+ #\d+$').Count | Should -BeGreaterThan 0
        foreach ($r in $short) { $text | Should -Match ([regex]::Escape("$($r.Id) ") + '.*' + [regex]::Escape($r.Name) + '\s*(\r?\n|$)') }
    }

    It 'shows every name whole at 120 columns, and an archived run as archived' {
        $runs = @(Get-TallyfyRun -First 40) + @(Get-TallyfyRun -ArchivedOnly -First 5)
        $text = Table { $runs } 120
        foreach ($r in $runs) { $text | Should -Match ([regex]::Escape($r.Name)) }
        $text | Should -Not -Match '…'
        $archived = $runs | Where-Object IsArchived | Select-Object -First 1
        $archived | Should -Not -BeNullOrEmpty
        $text | Should -Match ([regex]::Escape($archived.Id) + '\s+archived\s')
    }
}

Describe 'The activity table' {
    It 'names its subject (the run piped in) and shows each description whole, wrapped, at 80 and 120 columns' {
        $run = Get-TallyfyRun -First 1
        $entries = @($run | Get-TallyfyActivity)
        $entries.Count | Should -BeGreaterThan 0
        $entries | ForEach-Object { $_.SubjectName | Should -Be $run.Name; $_.SubjectId | Should -Be $run.Id }
        foreach ($width in 80, 120) {
            $text = Table { $entries } $width
            ($text -split '\r?\n') | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual $width }
            $text | Should -Match ([regex]::Escape("$($run.Name):"))                 # the subject, whole, begins its cell
            $text | Should -Not -Match '…'
            $flat = $text -replace '\s', ''
            foreach ($e in $entries) { $flat | Should -BeLike "*$($e.Description -replace '\s', '')*" }   # wrapped, never cut
        }
    }
}

Describe 'Launch results in the pipeline' {
    It 'name their run for Get-TallyfyActivity, and a refused row is refused again with a clear error' {
        $rows = 'Finance', 'Marketing' | ForEach-Object { [pscustomobject]@{ Name = "Views audit - $_"; 'Requested by' = 'Dana'; Department = $_; 'Audit period end' = '2026-12-31' } }
        $results = @($rows | Start-TallyfyRun -TemplateId (Get-TallyfyTemplate -Name 'Quarterly audit').Id -ErrorAction SilentlyContinue)
        $results.Status | Should -Be @('Launched', 'Refused')
        $entries = @($results[0] | Get-TallyfyActivity)
        $entries.Count | Should -BeGreaterThan 0
        $entries | ForEach-Object { $_.SubjectName | Should -Be 'Views audit - Finance' }
        $seq = LastSeq
        $out = @($results[1] | Remove-TallyfyRun -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRunId,*'
        $errs[0].ErrorDetails.Message | Should -Match "Row 2 \('Views audit - Marketing'\) has no run: its launch result is Refused"
        Mutations $seq | Should -BeNullOrEmpty
    }
}

Describe 'Names instead of ids' {
    It 'shows kick-off values by field label in Format-List and Export-Csv, a dropdown by its text, and keeps the ids as keys' {
        $template = Get-TallyfyTemplate -Name 'Quarterly audit'
        $department = $template.KickoffFields | Where-Object Label -eq 'Department'
        $run = Get-TallyfyRun -BlueprintId $template.Id -First 1
        $run.KickoffValues.Keys | Should -Contain $department.Id                          # the ids stay the keys
        $run.KickoffValues.Department | Should -Be $run.KickoffValues[$department.Id]     # and a label finds the value
        $list = $run | Format-List | Out-String -Width 200
        $line = ($list -split '\r?\n' | Where-Object { $_ -match '^KickoffValues\s*:' })
        $line | Should -Match 'Department: (Finance|Treasury|Payroll)(;|$)'
        $line | Should -Not -Match '[0-9a-f]{32}'
        $line | Should -Not -Match '\{|"text"|id:'
        $csv = @($run | ConvertTo-Csv | ConvertFrom-Csv)
        $csv[0].KickoffValues | Should -Match 'Department: (Finance|Treasury|Payroll)(;|$)'
        $csv[0].KickoffValues | Should -Not -Match '[0-9a-f]{32}'
        $byId = Get-TallyfyRun -Id $run.Id
        [string]$byId.KickoffValues | Should -Be ([string]$run.KickoffValues)
    }

    It 'shows task owners by member email and group name, keeping the ids in Users and Groups' {
        $task = Get-TallyfyTask -First 100 | Where-Object { $_.RunId -and -not $_.IsOneOff -and $_.TaskType -eq 'task' -and $_.Status -ne 'completed' } | Select-Object -First 1
        $null = Invoke-TallyfySandboxApi $sb -Method PUT -Path "organizations/$org/runs/$($task.RunId)/tasks/$($task.Id)" -Body @{
            owners = @{ users = @(1002); guests = @('olga.petrov@contoso.example'); groups = @('9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d01') }
        }
        $read = Get-TallyfyTask -RunId $task.RunId | Where-Object Id -eq $task.Id
        $read.Owners.Users | Should -Be 1002
        $read.Owners.Groups | Should -Be '9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d01'
        [string]$read.Owners | Should -Be 'marco.reyes@acme.example, olga.petrov@contoso.example, Finance team'
        [string](Get-TallyfyTask -Id $task.Id).Owners | Should -Be 'marco.reyes@acme.example, olga.petrov@contoso.example, Finance team'
        ($read | Format-List | Out-String -Width 200) | Should -Match 'Owners\s*: marco\.reyes@acme\.example, olga\.petrov@contoso\.example, Finance team'
    }
}

Describe 'Listing progress' {
    It 'tells the page and the count while Get-TallyfyRun -IncludeArchived pages, with one activity id, and always completes' {
        $total = @(Get-TallyfyRun -IncludeArchived).Count
        $total | Should -BeGreaterThan 200
        $pages = [math]::Ceiling($total / 100)
        $run = WithProgress 'param($s) Get-TallyfyRun -IncludeArchived -Session $s' 'Continue'
        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Count | Should -Be $total
        $p = $run.Progress
        $p.ActivityId | Sort-Object -Unique | Should -HaveCount 1
        $p[0].Activity | Should -Be 'Listing Tallyfy runs'
        $p[0].StatusDescription | Should -Be 'page 1, 0 runs so far'
        $p.StatusDescription | Should -Contain "page 2 of $pages, 100 of $total runs"
        $p.StatusDescription | Should -Contain "page $pages of $pages, $(100 * ($pages - 1)) of $total runs"
        ($p | Where-Object StatusDescription -eq "page 2 of $pages, 100 of $total runs").PercentComplete | Should -Be ([int][math]::Floor(10000 / $total))
        $p[-1].RecordType | Should -Be 'Completed'
    }

    It 'completes the bar when the listing stops early (Select-Object -First), and tasks and activity list with progress too' {
        $run = WithProgress 'param($s) Get-TallyfyRun -IncludeArchived -Session $s | Select-Object -First 150' 'Continue'
        $run.Output.Count | Should -Be 150
        $run.Progress[-1].RecordType | Should -Be 'Completed'
        $tasks = WithProgress 'param($s) Get-TallyfyTask -Session $s -First 5' 'Continue'
        $tasks.Progress[0].Activity | Should -Be 'Listing Tallyfy tasks'
        $tasks.Progress[-1].RecordType | Should -Be 'Completed'
        $activity = WithProgress 'param($s) Get-TallyfyActivity -Session $s -First 5' 'Continue'
        $activity.Progress[0].Activity | Should -Be 'Listing Tallyfy activity entries'
        $activity.Progress[-1].RecordType | Should -Be 'Completed'
    }

    It 'writes no progress under $ProgressPreference = ''SilentlyContinue''' {
        $run = WithProgress 'param($s) Get-TallyfyRun -IncludeArchived -Session $s' 'SilentlyContinue'
        $run.Output.Count | Should -BeGreaterThan 200
        $run.Progress.Count | Should -Be 0
    }
}

Describe '-IncludeTotalCount' {
    It 'prints "Total count: N" before the runs, as the help says' {
        $complete = @(Get-TallyfyRun -Status complete).Count
        $complete | Should -BeGreaterThan 3
        $text = Get-TallyfyRun -Status complete -First 3 -IncludeTotalCount | Out-String -Width 120
        $text | Should -Match "(?s)^\s*Total count: $complete\s.*Id\s+Status\s+Done\s+Name"
        $out = @(Get-TallyfyRun -Status complete -First 3 -IncludeTotalCount)
        $out.Count | Should -Be 4
        $out[0].Accuracy | Should -Be 1.0
    }

    It 'says the count is an estimate when a date filter is applied by TallyfyPS' {
        $out = @(Get-TallyfyRun -CompletedBefore (Get-Date).AddYears(5) -First 1 -IncludeTotalCount)
        $out[0].ToString() | Should -Match '^Estimated total count: \d+$'
        $out[0].Accuracy | Should -Be 0.5
    }
}
