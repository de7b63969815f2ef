# Every journalled cmdlet killed (kill -9) twice while its changes are in flight, then run to the end: the journal
# holds a result for every input, however the outcome was learnt (sent, verified after a lost answer, or settled by
# the read of a rerun), and Get-TallyfyJournal warns of nothing. The file owns its sandbox (faults, request log).
#
# How a kill lands with certainty while work is in flight: the child pwsh connects, says it is ready, and waits;
# the test then makes every change slow (latency) and lose its answer after it is applied (reset-after), lets the
# child go, and kills it the moment the sandbox's log shows the first change applied whose answer was lost: the
# child is then waiting for the verification read of that change (slowed by the same latency), so the change is
# applied and its result not yet written. For the cmdlets that note steps in the journal, the test checks that the
# journal then holds an item sent without a result, and tries again (at most three times) when it does not.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 120
    $script:org = $sb.OrganizationId
    $null = Connect-TallyfySandbox $sb

    # The journal's lines (a half-written last line left out), as objects.
    function script:JournalLines([string] $Path) {
        if (-not (Test-Path -LiteralPath $Path)) { return @() }
        $text = [IO.File]::ReadAllText($Path)
        @($text.Split("`n") | Select-Object -Skip 1 -SkipLast 1 | Where-Object { $_ } | ForEach-Object { $_ | ConvertFrom-Json })
    }
    # Keys of the items the journal holds, and of those with a result.
    function script:Keys([string] $Path) { @(JournalLines $Path | ForEach-Object key | Sort-Object -Unique) }
    function script:ResultKeys([string] $Path) { @(JournalLines $Path | Where-Object { $_.PSObject.Properties['result'] } | ForEach-Object key | Sort-Object -Unique) }
    # Items sent (a step noted) whose result the journal does not hold.
    function script:Unsettled([string] $Path) {
        $lines = JournalLines $Path
        $done = @{}; foreach ($l in $lines | Where-Object { $_.PSObject.Properties['result'] }) { $done[$l.key] = $true }
        @($lines | Where-Object { $_.PSObject.Properties['step'] -and -not $done.ContainsKey($_.key) } | ForEach-Object key | Sort-Object -Unique)
    }

    # A child pwsh that has imported the module, signed in, and waits for the pipeline to run (written to its "go" file).
    # The next trial's child starts as soon as a trial ends, so most trials find their pwsh started already.
    function script:New-WaitingChild {
        # Not in TestDrive: a child started in one Describe block may be used in the next, after TestDrive is cleared.
        $ready = Join-Path ([IO.Path]::GetTempPath()) ("tallyfy-kill-ready-" + [guid]::NewGuid().ToString('n'))
        $started = Start-ChildPwsh -Script @"
Import-Module `$env:TALLYFY_TEST_MODULE
`$null = Connect-Tallyfy -BaseUri '$($sb.ApiUri)' -OrganizationId '$org' -AccessToken (ConvertTo-SecureString 'tly-sandbox-admin-token' -AsPlainText -Force) -MaxRetries 2
Set-Content -LiteralPath '$ready' -Value 1
while (-not (Test-Path -LiteralPath '$ready.go')) { Start-Sleep -Milliseconds 20 }
Start-Sleep -Milliseconds 50
& ([scriptblock]::Create((Get-Content -Raw -LiteralPath '$ready.go'))) | Out-Null
"@
        [pscustomobject]@{ Started = $started; Ready = $ready; Go = "$ready.go" }
    }
    function script:Stop-Child($Child) {
        $p = $Child.Started.Process
        if (-not $p.HasExited) { $p.Kill($true); $p.WaitForExit() }
        Remove-Item -LiteralPath $Child.Started.File, $Child.Ready, $Child.Go -ErrorAction SilentlyContinue
    }

    # One kill trial: a child runs $Pipeline; killed once a change was applied and its answer lost. Returns
    # how many items the journal then held sent without a result.
    function script:KillTrial([string] $Pipeline, [string] $Journal, [string[]] $Methods, [bool] $NotesSteps) {
        for ($try = 1; ; $try++) {
            $child = if ($script:spare) { $script:spare } else { New-WaitingChild }
            # The next child signs in (GETs only) during this trial when no fault of the trial touches a GET; else after it.
            $script:spare = if ('GET' -notin $Methods) { New-WaitingChild }
            $p = $child.Started.Process
            try {
                $deadline = [DateTime]::UtcNow.AddSeconds(90)
                while (-not (Test-Path -LiteralPath $child.Ready)) {
                    if ($p.HasExited) { throw "The child pwsh ended before it was ready: $($child.Started.Error.Result)" }
                    if ([DateTime]::UtcNow -gt $deadline) { throw 'The child pwsh was not ready within 90 s.' }
                    Start-Sleep -Milliseconds 25
                }
                $seq = LastSeq
                Set-TallyfySandboxFault $sb -LatencyMs 1500 -ResetAfterRate 1.0 -Methods $Methods
                Set-Content -LiteralPath $child.Go -Value $Pipeline
                while (-not @(RequestsSince $seq | Where-Object Fault -eq 'reset-after')) {
                    if ($p.HasExited) { throw "The child pwsh ended before any change was applied: $($child.Started.Error.Result)" }
                    if ([DateTime]::UtcNow -gt $deadline) { throw 'No change was applied within 90 s.' }
                    Start-Sleep -Milliseconds 20
                }
                $p.HasExited | Should -BeFalse -Because 'the call is killed while its work is in flight'
                $p.Kill($true)
                $p.WaitForExit()
            }
            finally {
                Stop-Child $child
                Set-TallyfySandboxFault $sb
                # Otherwise the next trial's child signs in now, with no fault on; the trial that takes it waits until it
                # is ready before it turns the faults on, so no child ever signs in under a fault that touches it.
                if (-not $script:spare) { $script:spare = New-WaitingChild }
            }
            $unsettled = (Unsettled $Journal).Count
            if (-not $NotesSteps -or $unsettled -gt 0 -or $try -ge 3) { return $unsettled }
        }
    }

    $script:stats = [System.Collections.Generic.List[object]]::new()
}
AfterAll {
    if ($script:spare) { Stop-Child $script:spare }
    $stats | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'A journalled <Name>, killed twice mid-call and run to the end' -ForEach @(
    @{ Name = 'Remove-TallyfyRun'; Methods = 'DELETE'; Steps = $true; Setup = {
            $ids = @(Get-TallyfyRun -First 200 | Where-Object { -not $used.Contains($_.Id) } | Select-Object -First 6 | ForEach-Object Id)
            $null = $used.AddRange([string[]]$ids); $ids
        }; Command = 'Remove-TallyfyRun -Force' }
    @{ Name = 'Restore-TallyfyRun'; Methods = 'PUT'; Steps = $true; Setup = {
            $ids = @(Get-TallyfyRun -First 200 | Where-Object { -not $used.Contains($_.Id) } | Select-Object -First 6 | ForEach-Object Id)
            $null = $used.AddRange([string[]]$ids)
            $null = $ids | Remove-TallyfyRun -Force
            $ids
        }; Command = 'Restore-TallyfyRun -Force' }
    @{ Name = 'Remove-TallyfyTask'; Methods = 'DELETE'; Steps = $true; Setup = {
            @(1..6 | ForEach-Object { (New-TallyfyTask -Title "Kill remove $_" -PassThru).Id })
        }; Command = 'Remove-TallyfyTask -Force' }
    @{ Name = 'Restore-TallyfyTask'; Methods = 'PUT'; Steps = $true; Setup = {
            $ids = @(1..6 | ForEach-Object { (New-TallyfyTask -Title "Kill restore $_" -PassThru).Id })
            $null = $ids | Remove-TallyfyTask -Force
            $ids
        }; Command = 'Restore-TallyfyTask -Force' }
    @{ Name = 'Complete-TallyfyTask'; Methods = 'POST'; Steps = $true; Setup = {
            $ids = @(Get-TallyfyTask | Where-Object { $_.TaskType -eq 'task' -and -not $_.IsOneOff -and $_.Status -ne 'completed' -and -not $used.Contains($_.Id) } | Select-Object -First 6 | ForEach-Object Id)
            $null = $used.AddRange([string[]]$ids); $ids
        }; Command = 'Complete-TallyfyTask -Force' }
    @{ Name = 'Undo-TallyfyTaskCompletion'; Methods = 'DELETE', 'PUT', 'POST'; Steps = $true; Setup = {
            $ids = @(Get-TallyfyTask -Status completed | Where-Object { $_.TaskType -eq 'task' -and -not $_.IsOneOff -and -not $used.Contains($_.Id) } | Select-Object -First 6 | ForEach-Object Id)
            $null = $used.AddRange([string[]]$ids); $ids
        }; Command = 'Undo-TallyfyTaskCompletion -Force' }
    @{ Name = 'Add-TallyfyRunTag'; Methods = 'POST'; Steps = $false; Setup = {
            $null = New-TallyfyTag -Title 'Kill tag'
            $ids = @(Get-TallyfyRun -First 200 | Where-Object { -not $used.Contains($_.Id) } | Select-Object -First 6 | ForEach-Object Id)
            $null = $used.AddRange([string[]]$ids); $script:taggedRuns = $ids; $ids
        }; Command = "Add-TallyfyRunTag -Tag 'Kill tag' -Force" }
    @{ Name = 'Remove-TallyfyRunTag'; Methods = 'DELETE'; Steps = $false; Setup = { $taggedRuns }; Command = "Remove-TallyfyRunTag -Tag 'Kill tag' -Force" }
    @{ Name = 'Remove-TallyfyTag'; Methods = 'DELETE'; Steps = $true; Setup = {
            @(1..6 | ForEach-Object { (New-TallyfyTag -Title "Kill $_" -PassThru).Id })
        }; Command = 'Remove-TallyfyTag -Force' }
    @{ Name = 'Remove-TallyfyComment'; Methods = 'DELETE'; Steps = $true; Setup = {
            $task = @(Get-TallyfyTask | Where-Object { $_.TaskType -eq 'task' -and -not $_.IsOneOff -and $_.Status -ne 'completed' -and -not $used.Contains($_.Id) } | Select-Object -First 1)[0]
            $null = $used.Add($task.Id)
            $script:commentTask = $task.Id
            @(1..6 | ForEach-Object { (Add-TallyfyComment -TaskId $task.Id -Text "Kill comment $_" -Force -PassThru).Id })
        }; Command = 'Remove-TallyfyComment -TaskId {task} -Force' }
    @{ Name = 'Start-TallyfyRun'; Methods = 'POST'; Steps = $true; Csv = $true; Setup = {
            $script:killTemplate = (Get-TallyfyTemplate -Name 'Quarterly audit').Id
            @(1..6 | ForEach-Object { [pscustomobject]@{ Name = "Kill launch $_"; 'Requested by' = "R $_"; Department = 'Payroll'; 'Audit period end' = '2026-12-31' } })
        }; Command = 'Start-TallyfyRun -TemplateId {template}' }
    @{ Name = 'Move-TallyfyAssignment'; Methods = 'PUT'; Steps = $true; Csv = $true; Setup = {
            $rows = @(Get-TallyfyAssignment -User marco.reyes@acme.example | Where-Object { $_.Kind -in 'RunTask', 'OneOffTask' -and -not $used.Contains($_.Id) } | Select-Object -First 6)
            $null = $used.AddRange([string[]]$rows.Id); $rows
        }; Command = 'Move-TallyfyAssignment -To priya.natarajan@acme.example -Force' }
    @{ Name = 'Export-TallyfyRun'; Methods = 'GET'; Steps = $false; Setup = {
            $ids = @(Get-TallyfyRun -First 200 | Where-Object { -not $used.Contains($_.Id) } | Select-Object -First 6 | ForEach-Object Id)
            $null = $used.AddRange([string[]]$ids); $ids
        }; Command = "Export-TallyfyRun -Path '{folder}' -Force" }
) {
    BeforeAll {
        if (-not (Test-Path variable:script:used)) { $script:used = [System.Collections.Generic.List[string]]::new() }
        $inputs = & $Setup
        $script:count = $inputs.Count
        $file = Join-Path $TestDrive ("input-" + [guid]::NewGuid().ToString('n') + $(if ($Csv) { '.csv' } else { '.txt' }))
        if ($Csv) { $inputs | Export-Csv -LiteralPath $file -NoTypeInformation } else { Set-Content -LiteralPath $file -Value $inputs }
        $script:journal = Join-Path $TestDrive (($Name -replace '\W', '') + '.journal')
        $command = $Command.Replace('{task}', "$commentTask").Replace('{template}', "$killTemplate").Replace('{folder}', (Join-Path $TestDrive 'kill-backups'))
        $source = if ($Csv) { "Import-Csv -LiteralPath '$file'" } else { "Get-Content -LiteralPath '$file'" }
        $script:pipeline = "$source | $command -ThrottleLimit 2 -Journal '$journal'"

        $script:unsettledAtKill = @(KillTrial $pipeline $journal $Methods $Steps; KillTrial $pipeline $journal $Methods $Steps)
        $script:resultsBeforeEnd = (ResultKeys $journal).Count
        $all = @(& ([scriptblock]::Create("`$ErrorActionPreference = 'Continue'; $pipeline 2>&1")))
        $script:final = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        $script:finalErrors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $script:read = @(Get-TallyfyJournal $journal -WarningVariable readWarnings)
        $script:readWarnings = $readWarnings
        $stats.Add([pscustomobject]@{ Cmdlet = $Name; Kills = 2; UnsettledAtKills = $unsettledAtKill -join '+'; ResultsBeforeLastCall = $resultsBeforeEnd
                Inputs = $count; MissingAfterLastCall = $count - (ResultKeys $journal).Count })
    }

    It 'was killed twice while work was in flight, before every input had its result' {
        $resultsBeforeEnd | Should -BeLessThan $count
        if ($Steps) { $unsettledAtKill | ForEach-Object { $_ | Should -BeGreaterThan 0 } }
    }

    It 'holds a result for every input once run to the end, and Get-TallyfyJournal warns of nothing' {
        $final.Count | Should -Be $count
        $finalErrors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" } | Should -BeNullOrEmpty
        (ResultKeys $journal).Count | Should -Be $count
        (Keys $journal).Count | Should -Be $count
        Unsettled $journal | Should -BeNullOrEmpty
        $read.Count | Should -Be $count
        $readWarnings | Should -BeNullOrEmpty
    }

    It 'replays every input the next time, with nothing sent and nothing added to the journal' {
        $lines = @(Get-Content -LiteralPath $journal).Count
        $seq = LastSeq
        $again = @(& ([scriptblock]::Create("`$ErrorActionPreference = 'Continue'; $pipeline 2>&1")))
        $again.Count | Should -Be $count
        Mutations $seq | Should -BeNullOrEmpty
        @(Get-Content -LiteralPath $journal).Count | Should -Be $lines
    }
}
