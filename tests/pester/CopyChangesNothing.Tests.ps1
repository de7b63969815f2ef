# Issue 20, section 2: "A copy changes nothing". Export-TallyfyRun leaves every run as it found it; reading an
# archived run by restoring it is an explicit choice (-RestoreToRead), recorded first in the per-user state folder,
# so that a call killed between the restore and the archive has its runs archived again by the next call.
# This file owns its sandbox (faults, switches, request log) and its state folder (TALLYFY_STATE_PATH).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 80
    $script:org = $sb.OrganizationId
    $script:schema = Join-Path (Split-Path $ModuleUnderTest) 'schemas/tallyfy-run-backup.schema.json'
    $script:state = Join-Path $TestDrive 'state'
    $env:TALLYFY_STATE_PATH = $state

    function script:Seed {
        Reset-TallyfySandbox $sb -Runs 80 -TasksPerRun 3 -CommentsPerTask 2 -FormFieldsPerTask 2 | Out-Null
        Set-TallyfySandboxSwitch $sb -Switch @{ archivedRunGet = '200' } | Out-Null
        Set-TallyfySandboxFault $sb | Out-Null
        $null = Connect-TallyfySandbox $sb -MaxRetries 1
    }
    function script:NewFolder { Join-Path $TestDrive ('b-' + [guid]::NewGuid().ToString('n').Substring(0, 8)) }
    function script:Doc([string] $File) { Get-Content -LiteralPath $File -Raw | ConvertFrom-Json -Depth 64 }
    # A date to the millisecond in UTC, whatever it came as (a TallyfyTimestamp, a DateTime from JSON, a string).
    function script:Utc($t) { if ($t -is [TallyfyPS.Model.TallyfyTimestamp]) { $t = $t.Value }; ([DateTimeOffset]$t).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ss.fff') }
    function script:Stored([string] $Id) { try { Get-TallyfySandboxState $sb -RunId $Id } catch { $null } }
    function script:Records { @(Get-ChildItem (Join-Path $state "restored-runs/$org") -Filter *.json -ErrorAction SilentlyContinue) }
    # A cut that every archived run of the seed is before (the seed archives runs in the past).
    function script:Cut { (Get-Date).ToUniversalTime().AddSeconds(-1) }
    function script:ChildConnect { "`$null = Connect-Tallyfy -BaseUri '$($sb.ApiUri)' -OrganizationId '$org' -AccessToken (ConvertTo-SecureString 'tly-sandbox-admin-token' -AsPlainText -Force)" }

    # Starts $Command in a child pwsh with every DELETE held for a minute, waits until the sandbox has answered the
    # run's activate (so the run is live and its archive not sent or held), then kills the child (kill -9).
    function script:KillAfterActivate([string] $Command, [string] $RunId) {
        Set-TallyfySandboxFault $sb -Fault @{ latencyMs = 60000; latencyMethods = @('DELETE') } | Out-Null
        $mark = LastSeq
        $child = Start-ChildPwsh -Script @"
Import-Module '$script:ModuleUnderTest'
$(ChildConnect)
$Command
"@
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(90)
            while ([DateTime]::UtcNow -lt $deadline -and -not $child.Process.HasExited -and
                -not (RequestsSince $mark | Where-Object { $_.Method -eq 'PUT' -and $_.Path -like "*/runs/$RunId/activate" -and $_.Status -eq 200 })) {
                Start-Sleep -Milliseconds 50
            }
            $child.Process.HasExited | Should -BeFalse -Because 'the call is killed between the restore and the archive'
            (Stored $RunId).archivedAt | Should -BeNullOrEmpty -Because 'the run is live when the call is killed'
            Records | Should -Not -BeNullOrEmpty -Because 'the restore was recorded before it was sent'
            if (-not $IsWindows) {
                # No other local user reads the record: the file 0600, the folders the module made 0700.
                (Records)[0].UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
                (Get-Item (Join-Path $state "restored-runs/$org")).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
            }
            $child.Process.Kill($true)
            $child.Process.WaitForExit()
        }
        finally {
            Remove-Item $child.File -ErrorAction SilentlyContinue
            Set-TallyfySandboxFault $sb | Out-Null
        }
        (Stored $RunId).archivedAt | Should -BeNullOrEmpty -Because 'the held archive died with the call'
    }

    # A fresh pwsh that runs Connect-Tallyfy and Get-TallyfyRun -First 1, returning its warnings.
    function script:NextCall {
        $r = Invoke-ChildPwsh -NonInteractive -Script @"
Import-Module '$script:ModuleUnderTest'
`$WarningPreference = 'Continue'
$(ChildConnect) -WarningVariable w1
`$null = Get-TallyfyRun -First 1 -WarningVariable w2
'WARNINGS:' + ((@(`$w1) + @(`$w2) | ForEach-Object { `$_.Message }) -join ' || ')
"@
        $r.ExitCode | Should -Be 0 -Because $r.Error
        ($r.Output -split "`n" | Where-Object { $_ -like 'WARNINGS:*' }) -replace '^WARNINGS:', ''
    }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
    Remove-Item Env:TALLYFY_STATE_PATH -ErrorAction SilentlyContinue
}

Describe 'Export-TallyfyRun of archived runs, by default' {
    Context 'archivedRunGet=<Get>' -ForEach @(@{ Get = '200' }, @{ Get = '404' }) {
        BeforeAll {
            Seed
            Set-TallyfySandboxSwitch $sb -Switch @{ archivedRunGet = $Get } | Out-Null
            $script:cut = Cut
            $script:countBefore = @(Get-TallyfyRun -ArchivedBefore $cut).Count
            $script:storedBefore = @{}
            $script:folder = NewFolder
            $script:mark = LastSeq
            $script:r = @(Get-TallyfyRun -ArchivedBefore $cut | Select-Object -First 5 | Export-TallyfyRun -Path $folder -WarningVariable warns)
            $script:sent = RequestsSince $mark
        }

        It 'leaves every run exactly as it was: -ArchivedBefore counts the same, and not one change was sent' {
            $countBefore | Should -BeGreaterThan 5
            $r.Count | Should -Be 5
            @(Get-TallyfyRun -ArchivedBefore $cut).Count | Should -Be $countBefore
            @($sent | Where-Object Method -ne 'GET') | Should -BeNullOrEmpty
            foreach ($x in $r) {
                (Stored $x.RunId).archivedAt | Should -Not -BeNullOrEmpty
                Utc (Stored $x.RunId).archivedAt | Should -Be (Utc $x.ArchivedAt)
            }
            Records | Should -BeNullOrEmpty
        }

        It 'says plainly that each backup is not complete, and what it lacks: in the result, the file and a warning' {
            $missing = if ($Get -eq '200') { 'tasks.threads' } else { 'tasks.form_fields, tasks.threads' }
            foreach ($x in $r) {
                $x.Status | Should -Be 'Exported'
                $x.Complete | Should -BeFalse
                $x.Missing | Should -Be $missing
                $x.RestoredForExport | Should -BeFalse
                $x.Message | Should -Match 'left as it was'
                $doc = Doc $x.File
                $doc.complete | Should -BeFalse
                @($doc.missing) -join ', ' | Should -Be $missing
                $doc.restored_for_export | Should -BeFalse
                Utc $doc.archived_at | Should -Be (Utc $x.ArchivedAt)
                @($doc.run.tasks.data).Count | Should -Be 3 -Because 'what can be read of an archived run is kept'
                Test-Json -LiteralPath $x.File -SchemaFile $schema -ErrorAction SilentlyContinue | Should -BeTrue
                @($warns | Where-Object { $_.Message -match $x.RunId -and $_.Message -match 'not complete' -and $_.Message -match 'tasks.threads' }).Count | Should -Be 1
            }
        }

        It 'finds the partial files current on a rerun, saying they are not complete, and sends only reads' {
            $m = LastSeq
            $again = @($r.RunId | Export-TallyfyRun -Path $folder -WarningAction SilentlyContinue)
            $again.Status | Sort-Object -Unique | Should -Be 'Current'
            $again.Complete | Sort-Object -Unique | Should -BeFalse
            $again[0].Message | Should -Match 'not complete'
            Mutations $m | Should -BeNullOrEmpty
        }

        It 'imports the partial backup, saying so' {
            $b = Import-TallyfyBackup $r[0].File
            $b.Complete | Should -BeFalse
            $b.Missing | Should -Match 'tasks.threads'
        }
    }

    It 'says a live run''s backup is complete' {
        Seed
        $x = Get-TallyfyRun -First 1 | Export-TallyfyRun -Path (NewFolder)
        $x.Complete | Should -BeTrue
        $x.Missing | Should -BeNullOrEmpty
        (Doc $x.File).complete | Should -BeTrue
        @((Doc $x.File).missing).Count | Should -Be 0
    }
}

Describe 'Export-TallyfyRun -RestoreToRead' {
    BeforeEach { Seed }

    It 'reads archived runs whole, archives each again, warns of the new archive date, and keeps the original ArchivedAt' {
        $arch = @(Get-TallyfyRun -Status archived -First 3)
        $before = @{}; $arch | ForEach-Object { $before[$_.Id] = Utc (Stored $_.Id).archivedAt }
        $folder = NewFolder
        $r = @($arch | Export-TallyfyRun -Path $folder -RestoreToRead -Force -WarningVariable warns)
        $warns[0].Message | Should -Match 'new archive date'
        foreach ($x in $r) {
            $x.Status | Should -Be 'Exported'
            $x.Complete | Should -BeTrue
            $x.RestoredForExport | Should -BeTrue
            Utc $x.ArchivedAt | Should -Be $before[$x.RunId]
            $x.Message | Should -Match 'new archive date'
            (Stored $x.RunId).archivedAt | Should -Not -BeNullOrEmpty -Because 'archived again'
            $doc = Doc $x.File
            Utc $doc.archived_at | Should -Be $before[$x.RunId]
            $doc.complete | Should -BeTrue
            @($doc.run.tasks.data.threads.data).Count | Should -Be 6
        }
        Records | Should -BeNullOrEmpty -Because 'each record is removed once its run is archived again'
    }

    It 'rewrites a partial file that is current, reading it whole' {
        $id = (Get-TallyfyRun -Status archived -First 1).Id
        $folder = NewFolder
        (Export-TallyfyRun -Id $id -Path $folder -WarningAction SilentlyContinue).Complete | Should -BeFalse
        $x = Export-TallyfyRun -Id $id -Path $folder -RestoreToRead -Force -WarningAction SilentlyContinue
        $x.Status | Should -Be 'Exported'
        $x.Complete | Should -BeTrue
    }

    It 'prompts for it: a host that cannot prompt stops with ConfirmationRequired before any request' {
        $id = (Get-TallyfyRun -Status archived -First 1).Id
        $mark = LastSeq
        $child = Invoke-ChildPwsh -NonInteractive -Script @"
Import-Module '$script:ModuleUnderTest'
$(ChildConnect)
try { Export-TallyfyRun -Id '$id' -Path '$(NewFolder)' -RestoreToRead -ErrorAction Stop } catch { 'ERRORID:' + `$_.FullyQualifiedErrorId }
"@
        $child.Output | Should -Match 'ERRORID:ConfirmationRequired'
        @(RequestsSince $mark | Where-Object Method -ne 'GET') | Should -BeNullOrEmpty
    }

    It 'a run restored to be read whose file cannot be written is archived again, and its result says the original date' {
        $id = (Get-TallyfyRun -Status archived -First 1).Id
        $original = [DateTimeOffset](Stored $id).archivedAt
        $folder = NewFolder
        New-Item -ItemType Directory -Path (Join-Path $folder "$id.json") -Force | Out-Null   # a folder where the file goes
        $x = Export-TallyfyRun -Id $id -Path $folder -RestoreToRead -Force -ErrorAction SilentlyContinue -ErrorVariable errs -WarningAction SilentlyContinue
        $x.Status | Should -Be 'Failed'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'BackupWriteFailed,*'
        (Stored $id).archivedAt | Should -Not -BeNullOrEmpty
        Utc $x.ArchivedAt | Should -Be (Utc $original)
        $x.Message | Should -Match 'archived again'
        $x.Message | Should -Match ([regex]::Escape($original.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")))
        Records | Should -BeNullOrEmpty
    }

    It 'killed between the restore and the archive: the next call archives the run again, names it in a warning, and clears the record' {
        $run = Get-TallyfyRun -Status archived -First 1
        $original = [DateTimeOffset](Stored $run.Id).archivedAt
        KillAfterActivate "Export-TallyfyRun -Id '$($run.Id)' -Path '$(NewFolder)' -RestoreToRead -Force | Out-Null" $run.Id
        $warnings = NextCall
        (Stored $run.Id).archivedAt | Should -Not -BeNullOrEmpty -Because 'the next call archived it again'
        $warnings | Should -Match $run.Id
        $warnings | Should -Match 'archived again'
        $warnings | Should -Match ([regex]::Escape($original.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")))
        Records | Should -BeNullOrEmpty
        # Once only: the call after says nothing more.
        NextCall | Should -BeNullOrEmpty
    }

    It 'leaves a record that another live call holds alone, and clears one whose run is already archived without a warning' {
        $run = Get-TallyfyRun -Status archived -First 1
        $dir = Join-Path $state "restored-runs/$org"
        New-Item -ItemType Directory -Path $dir -Force | Out-Null
        Set-Content -LiteralPath (Join-Path $dir "$($run.Id).json") -Value (@{ run_id = $run.Id; run_name = $run.Name; base_uri = $sb.ApiUri.ToString().TrimEnd('/'); archived_at = $null } | ConvertTo-Json)
        $held = [IO.File]::Open((Join-Path $dir "$($run.Id).json"), 'Open', 'ReadWrite', 'None')
        try {
            $mark = LastSeq
            NextCall | Should -BeNullOrEmpty
            Mutations $mark | Should -BeNullOrEmpty -Because 'a record its call still holds is that call''s'
        }
        finally { $held.Dispose() }
        NextCall | Should -BeNullOrEmpty -Because 'the run is archived already: the record is only cleared'
        Records | Should -BeNullOrEmpty
    }
}

Describe 'The next call, after a killed one' {
    BeforeEach { Seed }

    It 'keeps the record of a run it cannot archive, and warns; clears that of a run deleted since; archives the first once it can' {
        $live = (Get-TallyfyRun -First 1).Id
        $gone = '0123456789abcdef0123456789abcdef'
        $dir = Join-Path $state "restored-runs/$org"
        New-Item -ItemType Directory -Path $dir -Force | Out-Null
        foreach ($id in $live, $gone) {
            Set-Content -LiteralPath (Join-Path $dir "$id.json") -Value (@{ run_id = $id; run_name = "run $id"; base_uri = $sb.ApiUri.ToString().TrimEnd('/'); archived_at = '2026-01-02T03:04:05.000Z' } | ConvertTo-Json)
        }
        Set-TallyfySandboxFault $sb -Fault @{ failIds = @{ $live = 403 } } | Out-Null
        try { $warnings = NextCall }
        finally { Set-TallyfySandboxFault $sb | Out-Null }
        $warnings | Should -Match "$live.*still live"
        $warnings | Should -Not -Match $gone
        (Records).BaseName | Should -Be @($live) -Because 'the record of a run that could not be archived is kept; that of a run gone is cleared'
        (Stored $live).archivedAt | Should -BeNullOrEmpty

        $warnings = NextCall
        $warnings | Should -Match "$live.*archived again"
        $warnings | Should -Match '2026-01-02T03:04:05Z'
        (Stored $live).archivedAt | Should -Not -BeNullOrEmpty
        Records | Should -BeNullOrEmpty
    }
}

Describe 'Remove-TallyfyRun -BackupPath of archived runs' {
    BeforeEach { Seed }

    It 'without -Permanent changes nothing for its backup: the run keeps its archive date and the backup says what it lacks' {
        $run = Get-TallyfyRun -Status archived -First 1
        $original = [DateTimeOffset](Stored $run.Id).archivedAt
        $mark = LastSeq
        $x = Remove-TallyfyRun -Id $run.Id -BackupPath (NewFolder) -WarningVariable warns
        $x.Status | Should -Be 'AlreadyArchived'
        @(RequestsSince $mark | Where-Object { $_.Method -eq 'PUT' }) | Should -BeNullOrEmpty
        Utc (Stored $run.Id).archivedAt | Should -Be (Utc $original)
        (Doc $x.BackupFile).complete | Should -BeFalse
        @($warns | Where-Object { $_.Message -match $run.Id -and $_.Message -match 'not complete' }).Count | Should -Be 1
    }

    It 'with -Permanent reads the run whole first, and its result carries the original ArchivedAt' {
        $run = Get-TallyfyRun -Status archived -First 1
        $original = [DateTimeOffset](Stored $run.Id).archivedAt
        $x = Remove-TallyfyRun -Id $run.Id -Permanent -Force -BackupPath (NewFolder)
        $x.Status | Should -Be 'Deleted'
        Utc $x.ArchivedAt | Should -Be (Utc $original)
        (Doc $x.BackupFile).complete | Should -BeTrue
        (Doc $x.BackupFile).restored_for_export | Should -BeTrue
        Records | Should -BeNullOrEmpty
    }

    It 'with -Permanent, killed between the restore and the archive: the next call archives the run again and names it' {
        $run = Get-TallyfyRun -Status archived -First 1
        KillAfterActivate "Remove-TallyfyRun -Id '$($run.Id)' -Permanent -Force -BackupPath '$(NewFolder)' | Out-Null" $run.Id
        $warnings = NextCall
        (Stored $run.Id).archivedAt | Should -Not -BeNullOrEmpty
        $warnings | Should -Match $run.Id
        Records | Should -BeNullOrEmpty
    }
}
