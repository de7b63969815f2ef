# Start-TallyfyRun -Journal: 300 rows from a CSV, the pwsh running it killed (kill -9) twice mid-call, then run to
# the end: no row launched twice (from the sandbox's runs of the template), one run per row in the final call, and
# nothing sent for the rows the journal had settled. The file owns its sandbox (latency, request log).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 20
    $script:org = $sb.OrganizationId
    $null = Connect-TallyfySandbox $sb
    $script:template = Get-TallyfyTemplate -Name 'Quarterly audit'
    $script:csv = Join-Path $TestDrive 'launches.csv'
    $script:journal = Join-Path $TestDrive 'launches.journal'
    $script:rows = 1..300 | ForEach-Object { [pscustomobject]@{ Name = "Journal launch $_"; 'Requested by' = "R $_"; Department = 'Payroll'; 'Audit period end' = '2026-12-31' } }
    $rows | Export-Csv $csv -NoTypeInformation

    # The journal's lines so far (a half-written last line is left out).
    function script:JournalLines {
        if (-not (Test-Path $journal)) { return @() }
        $text = [IO.File]::ReadAllText($journal)
        @($text.Split("`n") | Select-Object -SkipLast 1 | Where-Object { $_ } | ForEach-Object { $_ | ConvertFrom-Json })
    }
    function script:Results { @(JournalLines | Where-Object { $_.PSObject.Properties['result'] }) }
    $script:child = @"
`$ErrorActionPreference = 'Stop'
Import-Module `$env:TALLYFY_TEST_MODULE
`$null = Connect-Tallyfy -BaseUri '$($sb.ApiUri)' -OrganizationId '$org' -AccessToken (ConvertTo-SecureString 'tly-sandbox-admin-token' -AsPlainText -Force)
Import-Csv '$csv' | Start-TallyfyRun -TemplateId '$($template.Id)' -Journal '$journal' -ThrottleLimit 4 | Out-Null
"@
    # Rows whose launch the journal says was sent, with no result yet.
    function script:UnderWay([object[]] $Lines) {
        $done = @{}; foreach ($l in $Lines | Where-Object { $_.PSObject.Properties['result'] }) { $done[$l.key] = $true }
        @($Lines | Where-Object { $_.PSObject.Properties['step'] -and -not $done.ContainsKey($_.key) } | ForEach-Object key | Sort-Object -Unique)
    }
    # Kills the child once at least $After rows have a result in the journal and three launches are under way, and
    # returns how many were still under way when it died. Between the look at the journal and the kill, the launches
    # seen under way can all finish (a busy machine, a slow read of the journal): such a kill proves nothing, so the
    # child is started again from its journal and killed once more, up to four times.
    function script:RunAndKill([int] $After) {
        for ($try = 1; ; $try++) {
            $started = Start-ChildPwsh -Script $child   # Common.ps1: a child pwsh left running, to be killed
            $p = $started.Process
            $deadline = [DateTime]::UtcNow.AddSeconds(120)
            while ($true) {
                $lines = JournalLines
                if (@($lines | Where-Object { $_.PSObject.Properties['result'] }).Count -ge $After -and (UnderWay $lines).Count -ge 3) { break }
                if ($p.HasExited) { throw "The child pwsh ended (exit $($p.ExitCode)) before $After rows were in the journal." }
                if ([DateTime]::UtcNow -gt $deadline) { $p.Kill($true); throw "Fewer than $After rows reached the journal in 120 s." }
                Start-Sleep -Milliseconds 25
            }
            Stop-Process -Id $p.Id -Force
            $p.WaitForExit()
            Remove-Item -LiteralPath $started.File -ErrorAction SilentlyContinue
            $underWay = (UnderWay (JournalLines)).Count
            if ($underWay -gt 0 -or $try -ge 4) { return $underWay }
            $After = @(Results).Count + 10
        }
    }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'A launch journal survives kill -9' {
    BeforeAll {
        Set-TallyfySandboxFault $sb -LatencyMs 300
        $script:underWayAtKill = @()
        $underWayAtKill += RunAndKill 60
        $script:afterFirst = @(Results).Count
        $underWayAtKill += RunAndKill ($afterFirst + 60)
        Set-TallyfySandboxFault $sb @{}

        # What the journal says before the last call: rows settled, and rows sent without a result (under way when killed).
        $lines = JournalLines
        $script:settled = @{}
        foreach ($l in $lines | Where-Object { $_.PSObject.Properties['result'] }) { $settled[$l.key] = $l.result }
        $script:interrupted = UnderWay $lines
        $script:seq = LastSeq
        $script:final = @(Import-Csv $csv | Start-TallyfyRun -TemplateId $template.Id -Journal $journal -ErrorVariable finalErrors -ErrorAction SilentlyContinue)
        $script:log = @(RequestsSince $seq)
    }

    It 'was killed mid-call twice, with launches under way' {
        $afterFirst | Should -BeGreaterOrEqual 60
        $settled.Count | Should -BeGreaterOrEqual 120
        $settled.Count | Should -BeLessThan 300
        $underWayAtKill | ForEach-Object { $_ | Should -BeGreaterThan 0 }    # each kill left a launch sent without its answer
        $interrupted.Count | Should -BeGreaterThan 0
    }

    It 'writes one launch result per row in the final call, in input order' {
        $finalErrors | ForEach-Object { "$($_.FullyQualifiedErrorId): $($_.ErrorDetails.Message)" } | Should -BeNullOrEmpty
        $final.Count | Should -Be 300
        $final.Name | Should -Be $rows.Name
        $final | ForEach-Object { $_ | Should -BeOfType ([TallyfyPS.Model.TallyfyLaunchResult]); $_.Status | Should -Be 'Launched'; $_.Run.Id | Should -Be $_.RunId }
        $final.Row | Should -Be (1..300)
    }

    It 'launched no row twice' {
        $stored = @(Get-TallyfyRun -BlueprintId $template.Id | Where-Object Name -like 'Journal launch *')
        $stored.Count | Should -Be 300
        @($stored | Group-Object Name | Where-Object Count -gt 1) | Should -BeNullOrEmpty
        ($stored.Id | Sort-Object) | Should -Be ($final.RunId | Sort-Object)
    }

    It 'sent nothing for the rows the journal had settled, and emitted their recorded runs' {
        foreach ($n in 0..299) {
            $key = "row $($n + 1)`t$($template.Id)`t$($rows[$n].Name)"
            if ($settled.ContainsKey($key)) { $final[$n].RunId | Should -Be $settled[$key].RunId; $final[$n].Attempts | Should -Be 0 }
        }
        $posts = @($log | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/runs' })
        $posts.Count | Should -BeLessOrEqual (300 - $settled.Count)
        # Searches by name only for the rows under way when the process died; the template read once.
        @($log | Where-Object { $_.method -eq 'GET' -and $_.path -like '*/runs' }).Count | Should -Be $interrupted.Count
        @($log | Where-Object method -notin 'GET', 'POST') | Should -BeNullOrEmpty
    }

    It 'replays the whole call from the journal the next time, with nothing sent' {
        $seq2 = LastSeq
        $again = @(Import-Csv $csv | Start-TallyfyRun -TemplateId $template.Id -Journal $journal)
        $again.RunId | Should -Be $final.RunId
        $again.Status | Sort-Object -Unique | Should -Be 'Launched'
        $again.Attempts | Sort-Object -Unique | Should -Be 0
        $again[0].Run.Name | Should -Be $rows[0].Name
        $again[0].PerformedBy | Should -Not -BeNullOrEmpty
        $passThru = @(Import-Csv $csv | Select-Object -First 2 | Start-TallyfyRun -TemplateId $template.Id -Journal $journal -PassThru)
        $passThru | ForEach-Object { $_ | Should -BeOfType ([TallyfyPS.Model.TallyfyRun]) }
        $passThru.Id | Should -Be $final.RunId[0..1]
        @(RequestsSince $seq2) | Should -BeNullOrEmpty
    }

    It 'refuses the journal for another template before anything is sent' {
        $other = Get-TallyfyTemplate -Name 'Customer escalation'
        $seq3 = LastSeq
        { Import-Csv $csv | Start-TallyfyRun -TemplateId $other.Id -Journal $journal -ErrorAction Stop } | Should -Throw -ErrorId 'JournalMismatch*'
        @(RequestsSince $seq3 | Where-Object method -ne 'GET') | Should -BeNullOrEmpty
    }
}
