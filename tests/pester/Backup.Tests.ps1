# Export-TallyfyRun, Remove-TallyfyRun -BackupPath and Import-TallyfyBackup through a real pwsh against a real
# sandbox process. This file owns its sandbox: it changes switches, faults and reads the request log.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 60
    $script:org = $sb.OrganizationId
    $script:schema = Join-Path (Split-Path $ModuleUnderTest) 'schemas/tallyfy-run-backup.schema.json'

    # The seeded data of these tests: 5 tasks, 3 comments and 4 form fields on every task.
    function script:Seed([int] $Runs = 60) {
        Reset-TallyfySandbox $sb -Runs $Runs -TasksPerRun 5 -CommentsPerTask 3 -FormFieldsPerTask 4 | Out-Null
        $null = Connect-TallyfySandbox $sb -MaxRetries 1
    }
    function script:NewFolder { Join-Path $TestDrive ('backup-' + [guid]::NewGuid().ToString('n').Substring(0, 8)) }
    # What the sandbox stores for a run, or $null once it is gone for good.
    function script:Stored([string] $Id) { try { Get-TallyfySandboxState $sb -RunId $Id } catch { $null } }
    function script:Doc([string] $File) { Get-Content -LiteralPath $File -Raw | ConvertFrom-Json -Depth 64 }
    function script:ArchivedIds([int] $Count) { Write-Output -NoEnumerate @(Get-TallyfySandboxRunId $sb -Archived only | Select-Object -First $Count) }
    function script:LiveIds([int] $Count) { Write-Output -NoEnumerate @(Get-TallyfySandboxRunId $sb | Select-Object -First $Count) }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Export-TallyfyRun' {
    Context '300 runs with tasks, comments and form fields' {
        BeforeAll {
            Seed -Runs 300
            $script:folder = NewFolder
            $script:ids = @(Get-TallyfySandboxRunId $sb -Archived true)
            $script:archivedBefore = @(Get-TallyfySandboxRunId $sb -Archived only)
            $script:mark = LastSeq
            $script:results = @($ids | Export-TallyfyRun -Path $folder -ThrottleLimit 8 -WarningVariable script:warns -WarningAction SilentlyContinue)
            $script:requests = RequestsSince $mark
        }

        It 'writes one result per run, in input order, every one Exported' {
            $ids.Count | Should -Be 300
            $results.Count | Should -Be 300
            $results[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyRunExportResult])
            $results.RunId | Should -Be $ids
            @($results | Where-Object Status -ne 'Exported') | Should -BeNullOrEmpty
        }

        It 'writes files that the JSON Schema shipped with the module validates' {
            Test-Path $schema | Should -BeTrue
            $files = @(Get-ChildItem $folder -Filter *.json)
            $files.Count | Should -Be 300
            foreach ($f in $files) {
                Test-Json -LiteralPath $f.FullName -SchemaFile $schema -ErrorAction SilentlyContinue | Should -BeTrue -Because $f.Name
            }
            # The schema is no formality: a backup without its run fails it.
            $broken = Join-Path $TestDrive 'no-run.json'
            (Doc $files[0].FullName) | Select-Object * -ExcludeProperty run | ConvertTo-Json -Depth 64 | Set-Content $broken
            Test-Json -LiteralPath $broken -SchemaFile $schema -ErrorAction SilentlyContinue | Should -BeFalse
        }

        It 'keeps every task with its 4 form fields, kick-off answers, tags and activity, live or archived, and the 3 comments a live run shows' {
            foreach ($r in $results) {
                $doc = Doc $r.File
                $doc.run_id | Should -Be $r.RunId
                $doc.run.tasks.data.Count | Should -Be 5 -Because $r.RunId
                $archived = $r.RunId -in $archivedBefore
                foreach ($t in $doc.run.tasks.data) {
                    $t.form_fields.data.Count | Should -Be 4
                    $t.threads.data.Count | Should -Be $(if ($archived) { 0 } else { 3 }) -Because "an archived run's comments are hidden until it is restored ($($r.RunId))"
                }
                $doc.complete | Should -Be (-not $archived)
                @($doc.missing) -join ',' | Should -Be $(if ($archived) { 'tasks.threads' } else { '' })
                $doc.run.PSObject.Properties.Name | Should -Contain 'prerun'
                $doc.run.PSObject.Properties.Name | Should -Contain 'tags'
                $doc.PSObject.Properties.Name | Should -Contain 'activity'
            }
            # The activity is the run's whole feed as the service has it (the sandbox keeps the history of its newest runs).
            $withActivity = 0
            foreach ($r in $results | Where-Object { -not $_.RestoredForExport } | Select-Object -First 40) {
                $feed = @((Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/activity-feeds?entity_type=run&entity_id=$($r.RunId)&per_page=100").Body.data)
                @((Doc $r.File).activity).Count | Should -Be $feed.Count -Because $r.RunId
                $withActivity += [int]($feed.Count -gt 0)
            }
            $withActivity | Should -BeGreaterThan 0
        }

        It 'records a hash and size that match the file on disk, and leaves no temporary file' {
            foreach ($r in $results | Select-Object -First 50) {
                (Get-FileHash -LiteralPath $r.File -Algorithm SHA256).Hash.ToLowerInvariant() | Should -Be $r.Sha256
                (Get-Item -LiteralPath $r.File).Length | Should -Be $r.Bytes
            }
            @(Get-ChildItem $folder -Force | Where-Object Name -like '.*') | Should -BeNullOrEmpty
        }

        It 'writes index.csv with one row per run: id, name, status, dates, file, SHA-256, exported at' {
            $index = @(Import-Csv (Join-Path $folder 'index.csv'))
            $index.Count | Should -Be 300
            $byId = @{}; $index | ForEach-Object { $byId[$_.RunId] = $_ }
            foreach ($r in $results) {
                $row = $byId[$r.RunId]
                $row.Sha256 | Should -Be $r.Sha256
                $row.File | Should -Be (Split-Path $r.File -Leaf)
                $row.Name | Should -Be $r.RunName
                $row.ExportedAt | Should -Not -BeNullOrEmpty
                $row.CreatedAt | Should -Not -BeNullOrEmpty
            }
            (Get-Content (Join-Path $folder 'index.csv') -First 1) | Should -Be 'RunId,Name,Status,CreatedAt,StartedAt,CompletedAt,ArchivedAt,LastUpdated,File,Sha256,ExportedAt'
        }

        It 'reads a live run in 2 requests and an archived one in 2 reads that change nothing, saying its backup lacks the comments' {
            $archivedBefore.Count | Should -BeGreaterThan 0
            @($requests | Where-Object method -ne GET) | Should -BeNullOrEmpty -Because 'a copy changes nothing'
            $byRun = $requests | Group-Object { if ($_.path -match '/runs/([0-9a-f]{32})') { $Matches[1] } elseif ($_.query -match 'entity_id=([0-9a-f]{32})') { $Matches[1] } } -AsHashTable -AsString
            foreach ($r in $results) {
                $mine = @($byRun[$r.RunId])
                $r.RestoredForExport | Should -BeFalse
                $mine.Count | Should -Be 2 -Because "a run is one read of the run with its relations and one of its activity ($($r.RunId))"
                $r.Attempts | Should -Be 2
                if ($r.RunId -in $archivedBefore) {
                    $r.ArchivedAt | Should -Not -BeNullOrEmpty
                    $r.Complete | Should -BeFalse
                    $r.Missing | Should -Be 'tasks.threads'
                    @($warns | Where-Object { $_.Message -match $r.RunId }).Count | Should -Be 1
                }
                else {
                    $r.Complete | Should -BeTrue
                }
            }
            @(Get-TallyfySandboxRunId $sb -Archived only) | Sort-Object | Should -Be ($archivedBefore | Sort-Object)
            $warns.Count | Should -Be $archivedBefore.Count
        }

        It 'skips on a rerun every run whose file is current, says so, writes nothing and changes nothing' {
            $before = @{}; Get-ChildItem $folder -Filter *.json | ForEach-Object { $before[$_.Name] = $_.LastWriteTimeUtc }
            $mark = LastSeq
            $again = @($ids | Export-TallyfyRun -Path $folder -ThrottleLimit 8)
            $again.Status | Sort-Object -Unique | Should -Be 'Current'
            $again[0].Message | Should -Match 'current'
            Mutations $mark | Should -BeNullOrEmpty
            Get-ChildItem $folder -Filter *.json | ForEach-Object { $_.LastWriteTimeUtc | Should -Be $before[$_.Name] }
            $again.Sha256 | Should -Be $results.Sha256
            @(Import-Csv (Join-Path $folder 'index.csv')).Count | Should -Be 300
        }
    }

    Context 'Changes, the index of several calls, -WhatIf, journals' {
        BeforeEach { Seed }

        It 'exports again only a run changed since its file was written; the index keeps the rows of earlier calls' {
            $folder = NewFolder
            $first = LiveIds 3
            $null = $first | Export-TallyfyRun -Path $folder
            $null = Set-TallyfyRun -Id $first[1] -Name 'Renamed after its backup' -Confirm:$false
            $second = @($first[1], (LiveIds 4)[3])
            $r = @($second | Export-TallyfyRun -Path $folder)
            $r.Status | Should -Be @('Exported', 'Exported')
            (Doc $r[0].File).run.name | Should -Be 'Renamed after its backup'
            $index = @(Import-Csv (Join-Path $folder 'index.csv'))
            $index.Count | Should -Be 4
            ($index | Where-Object RunId -eq $first[1]).Name | Should -Be 'Renamed after its backup'
        }

        It 'stops with Select-Object -First: nothing is sent after, and every run restored for its export is archived again' {
            $folder = NewFolder
            $arch = ArchivedIds 12
            $mark = LastSeq
            # With latency, runs are restored and not yet archived again when the pipeline stops.
            # (Jittered, so that some are between their restore and their archive whatever the machine's speed.)
            Set-TallyfySandboxFault $sb -Fault @{ latencyMs = 5; latencyJitterMs = 100 } | Out-Null
            try { $first = @($arch | Export-TallyfyRun -Path $folder -RestoreToRead -Force -ThrottleLimit 8 -WarningAction SilentlyContinue | Select-Object -First 2) }
            finally { Set-TallyfySandboxFault $sb | Out-Null }
            $first.Count | Should -Be 2
            $m = Mutations $mark
            @($m | Where-Object method -eq PUT).Count | Should -Be @($m | Where-Object method -eq DELETE).Count
            foreach ($id in $arch) { (Stored $id).archivedAt | Should -Not -BeNullOrEmpty }
            $after = LastSeq
            Start-Sleep -Milliseconds 300
            LastSeq | Should -Be $after
            @(Import-Csv (Join-Path $folder 'index.csv')).Count | Should -BeGreaterOrEqual 2
        }

        It 'sends nothing and writes nothing under -WhatIf' {
            $folder = NewFolder
            $mark = LastSeq
            $out = @(LiveIds 2 | Export-TallyfyRun -Path $folder -WhatIf)
            $out | Should -BeNullOrEmpty
            Test-Path $folder | Should -BeFalse
            Mutations $mark | Should -BeNullOrEmpty
        }

        It 'reports an unknown run NotFound with RunNotFound, and goes on' {
            $folder = NewFolder
            $live = (LiveIds 1)[0]
            $r = @(Export-TallyfyRun -Path $folder -Id '0123456789abcdef0123456789abcdef', $live -ErrorVariable errs -ErrorAction SilentlyContinue)
            $r.Status | Should -Be @('NotFound', 'Exported')
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'RunNotFound,*'
            Test-Path (Join-Path $folder '0123456789abcdef0123456789abcdef.json') | Should -BeFalse
        }

        It 'replays a journal: a rerun sends nothing for runs it exported' {
            $folder = NewFolder
            $journal = Join-Path $TestDrive ('export-' + [guid]::NewGuid().ToString('n') + '.journal')
            $ids = LiveIds 3
            $first = @($ids | Export-TallyfyRun -Path $folder -Journal $journal)
            $mark = LastSeq
            $again = @($ids | Export-TallyfyRun -Path $folder -Journal $journal)
            RequestsSince $mark | Should -BeNullOrEmpty
            $again.Sha256 | Should -Be $first.Sha256
            @(Get-TallyfyJournal $journal).RunId | Sort-Object | Should -Be ($ids | Sort-Object)
        }

        It 'writes the others and fails one run with BackupWriteFailed when its file cannot be written' {
            $folder = NewFolder
            $ids = LiveIds 3
            New-Item -ItemType Directory -Path (Join-Path $folder "$($ids[1]).json") -Force | Out-Null   # a folder where the file goes
            $r = @($ids | Export-TallyfyRun -Path $folder -ErrorVariable errs -ErrorAction SilentlyContinue)
            $r.Status | Should -Be @('Exported', 'Failed', 'Exported')
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'BackupWriteFailed,*'
            $errs[0].CategoryInfo.Category | Should -Be 'WriteError'
            $errs[0].Exception.Message | Should -Match $ids[1]
            @(Import-Csv (Join-Path $folder 'index.csv')).RunId | Sort-Object | Should -Be (@($ids[0], $ids[2]) | Sort-Object)
            @(Get-ChildItem $folder -Force | Where-Object Name -like '.*') | Should -BeNullOrEmpty
        }

        It 'stops with BackupFolderUnavailable, sending nothing, when the folder cannot be made' {
            $file = Join-Path $TestDrive 'a-file'
            Set-Content $file 'x'
            $mark = LastSeq
            { LiveIds 1 | Export-TallyfyRun -Path $file } | Should -Throw -ErrorId 'BackupFolderUnavailable,*'
            RequestsSince $mark | Should -BeNullOrEmpty
        }
    }

    Context 'Archived runs, with archivedRunGet=<Get>' -ForEach @(@{ Get = '200' }, @{ Get = '404' }) {
        BeforeAll {
            Seed
            Set-TallyfySandboxSwitch $sb -Switch @{ archivedRunGet = $Get } | Out-Null
            $script:arch = ArchivedIds 3
            $script:storedBefore = @{}; $arch | ForEach-Object { $storedBefore[$_] = Stored $_ }
            $script:folder = NewFolder
            $script:mark = LastSeq
            $script:r = @($arch | Export-TallyfyRun -Path $folder -RestoreToRead -Force -WarningVariable warns)
            $script:mutations = Mutations $mark
        }

        It 'with -RestoreToRead captures everything, comments included, by restoring the run for a moment, and says so' {
            $r.Status | Sort-Object -Unique | Should -Be 'Exported'
            foreach ($x in $r) {
                $x.RestoredForExport | Should -BeTrue
                $x.Message | Should -Match 'restored for a moment'
                $x.Complete | Should -BeTrue
                $doc = Doc $x.File
                $doc.restored_for_export | Should -BeTrue
                [DateTimeOffset]$doc.archived_at | Should -Be ([DateTimeOffset]$storedBefore[$x.RunId].archivedAt)
                $doc.run.tasks.data.Count | Should -Be 5
                @($doc.run.tasks.data.threads.data).Count | Should -Be 15
            }
        }

        It 'changes nothing but a restore and an archive per run, and leaves every run archived' {
            $mutations.Count | Should -Be 6
            foreach ($id in $arch) {
                @($mutations | Where-Object { (RunIdOf $_.path) -eq $id }).method | Should -Be @('PUT', 'DELETE')
                (Stored $id).archivedAt | Should -Not -BeNullOrEmpty
                (Stored $id).name | Should -Be $storedBefore[$id].name
            }
        }

        It 'tells, as a failure, a run restored for its export that could not be archived again, and keeps its backup' {
            $folder = NewFolder
            $id = (ArchivedIds 4)[3]
            Set-TallyfySandboxFault $sb -Fault @{ errorRate = 1.0; errorStatuses = @(503); methods = @('DELETE') } | Out-Null
            try { $x = Export-TallyfyRun -Id $id -Path $folder -RestoreToRead -Force -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue }
            finally { Set-TallyfySandboxFault $sb | Out-Null }
            $x.Status | Should -Be 'Failed'
            $x.Message | Should -Match 'live now'
            $x.Message | Should -Match "Remove-TallyfyRun -Id $id"
            $errs.Count | Should -Be 1
            $errs[0].Exception.Message | Should -Match 'live now'
            Test-Path -LiteralPath (Join-Path $folder "$id.json") | Should -BeTrue
            (Stored $id).archivedAt | Should -BeNullOrEmpty -Because 'the run is live, as the result says'
            $x.Message | Should -Match 'next TallyfyPS command'
            # The restore's record is kept: the next command archives the run again, and says so.
            $null = Get-TallyfyRun -First 1 -WarningVariable next
            (Stored $id).archivedAt | Should -Not -BeNullOrEmpty
            @($next | Where-Object { $_.Message -match $id }).Count | Should -Be 1
        }

        It 'finds the files current on a rerun without restoring anything' {
            $mark = LastSeq
            $again = @($arch | Export-TallyfyRun -Path $folder)
            $again.Status | Sort-Object -Unique | Should -Be 'Current'
            Mutations $mark | Should -BeNullOrEmpty
        }
    }
}

Describe 'Export-TallyfyRun tab completion' {
    BeforeAll { Seed }

    It 'completes -Id with live and archived runs, since both can be backed up' {
        function Complete([string] $Line) { @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches) }
        $live = Get-TallyfyRun -First 1
        $archived = Get-TallyfyRun -Status archived -First 1
        (Complete "Export-TallyfyRun -Path ./b -Id $($live.Id.Substring(0, 6))").CompletionText | Should -Contain $live.Id
        (Complete "Export-TallyfyRun -Path ./b -Id $($archived.Id.Substring(0, 6))").CompletionText | Should -Contain $archived.Id
        (Complete "Remove-TallyfyRun -Id $($archived.Id.Substring(0, 6))").CompletionText | Should -Not -Contain $archived.Id
    }
}

Describe 'Remove-TallyfyRun -BackupPath' {
    BeforeEach { Seed }

    It 'with -Permanent under injected faults deletes exactly the runs whose backup was written and read back' {
        $folder = NewFolder
        $ids = @((LiveIds 6) + (ArchivedIds 2))
        # Run 2's reads fail at the service; run 5's file cannot be written; run 7 (archived) fails its reads too.
        Set-TallyfySandboxFault $sb -Fault @{ failIds = @{ $ids[1] = 503; $ids[6] = 503 } } | Out-Null
        New-Item -ItemType Directory -Path (Join-Path $folder "$($ids[4]).json") -Force | Out-Null
        $mark = LastSeq
        $r = @($ids | Remove-TallyfyRun -Permanent -Force -BackupPath $folder -ErrorVariable errs -ErrorAction SilentlyContinue)
        Set-TallyfySandboxFault $sb | Out-Null
        $failed = @($ids[1], $ids[4], $ids[6])
        $r.RunId | Should -Be $ids
        foreach ($x in $r) {
            if ($x.RunId -in $failed) {
                $x.Status | Should -Be 'BackupFailed'
                $x.Succeeded | Should -BeFalse
                $x.BackupFile | Should -BeNullOrEmpty
                Stored $x.RunId | Should -Not -BeNullOrEmpty -Because "a run whose backup failed is not deleted ($($x.RunId))"
            }
            else {
                $x.Status | Should -Be 'Deleted'
                Test-Path -LiteralPath $x.BackupFile | Should -BeTrue
                (Get-FileHash -LiteralPath $x.BackupFile -Algorithm SHA256).Hash.ToLowerInvariant() | Should -Be (Import-Csv (Join-Path $folder 'index.csv') | Where-Object RunId -eq $x.RunId).Sha256
                Stored $x.RunId | Should -BeNullOrEmpty
            }
        }
        $deletes = @(Mutations $mark | Where-Object { $_.method -eq 'DELETE' -and $_.path -like '*/delete' } | ForEach-Object { RunIdOf $_.path })
        $deletes | Sort-Object | Should -Be (@($ids | Where-Object { $_ -notin $failed }) | Sort-Object)
        $errs.Count | Should -Be 3
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'BackupFailed,*' }
        ($errs | Where-Object { $_.Exception.Message -match $ids[4] }).CategoryInfo.Category | Should -Be 'WriteError'
        (Doc (($r | Where-Object RunId -eq $ids[7]).BackupFile)).restored_for_export | Should -BeTrue
    }

    It 'deletes nothing of a run whose answers are broken (<Mode>): a backup that would not be whole is no backup' -ForEach @(
        @{ Mode = 'wrong-types' }, @{ Mode = 'missing-data' }, @{ Mode = 'truncated' }
    ) {
        $folder = NewFolder
        $ids = LiveIds 2
        Set-TallyfySandboxFault $sb -Fault @{ hostile = @{ mode = $Mode; rate = 1.0; pathContains = "runs/$($ids[0])" } } | Out-Null
        try { $r = @($ids | Remove-TallyfyRun -Permanent -Force -BackupPath $folder -ErrorVariable errs -ErrorAction SilentlyContinue) }
        finally { Set-TallyfySandboxFault $sb | Out-Null }
        $r.Status | Should -Be @('BackupFailed', 'Deleted')
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'BackupFailed,*'
        Stored $ids[0] | Should -Not -BeNullOrEmpty
        Test-Path (Join-Path $folder "$($ids[0]).json") | Should -BeFalse
    }

    It 'without -Permanent backs a live run up before it archives it, comments included' {
        $folder = NewFolder
        $id = (LiveIds 1)[0]
        $r = Remove-TallyfyRun -Id $id -BackupPath $folder
        $r.Status | Should -Be 'Archived'
        @((Doc $r.BackupFile).run.tasks.data.threads.data).Count | Should -Be 15
        (Stored $id).archivedAt | Should -Not -BeNullOrEmpty
    }

    It 'with a journal: a rerun exports nothing again for a run whose deletion is settled' {
        $folder = NewFolder
        $journal = Join-Path $TestDrive ('remove-' + [guid]::NewGuid().ToString('n') + '.journal')
        $ids = LiveIds 2
        $null = $ids | Remove-TallyfyRun -Permanent -Force -BackupPath $folder -Journal $journal
        $mark = LastSeq
        $again = @($ids | Remove-TallyfyRun -Permanent -Force -BackupPath $folder -Journal $journal)
        RequestsSince $mark | Should -BeNullOrEmpty
        $again.Status | Should -Be @('Deleted', 'Deleted')
        $again.BackupFile | ForEach-Object { Test-Path -LiteralPath $_ | Should -BeTrue }
    }

    It 'reuses a current backup of a run whose deletion did not happen, and deletes it' {
        $folder = NewFolder
        $id = (LiveIds 1)[0]
        $first = Export-TallyfyRun -Id $id -Path $folder
        $r = Remove-TallyfyRun -Id $id -Permanent -Force -BackupPath $folder
        $r.Status | Should -Be 'Deleted'
        $r.BackupFile | Should -Be $first.File
        (Get-FileHash -LiteralPath $r.BackupFile -Algorithm SHA256).Hash.ToLowerInvariant() | Should -Be $first.Sha256
    }

    It 'sends nothing and writes nothing under -WhatIf' {
        $folder = NewFolder
        $mark = LastSeq
        LiveIds 2 | Remove-TallyfyRun -Permanent -BackupPath $folder -WhatIf
        Mutations $mark | Should -BeNullOrEmpty
        Test-Path $folder | Should -BeFalse
    }
}

Describe 'Import-TallyfyBackup' {
    BeforeAll {
        Seed
        $script:folder = NewFolder
        $script:exported = @(@(LiveIds 2) + @(ArchivedIds 1) | Export-TallyfyRun -Path $folder -RestoreToRead -Force -WarningAction SilentlyContinue)
        # The runs are deleted: the backups are all that is left of them.
        $null = $exported.RunId | Remove-TallyfyRun -Permanent -Force
    }

    It 'reads a folder back as TallyfyRunBackup objects with the run, its tasks, comments and activity' {
        $b = @(Import-TallyfyBackup $folder)
        $b.Count | Should -Be 3
        $b[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyRunBackup])
        $b.RunId | Sort-Object | Should -Be ($exported.RunId | Sort-Object)
        foreach ($x in $b) {
            $x.Run | Should -BeOfType ([TallyfyPS.Model.TallyfyRun])
            $x.Tasks.Count | Should -Be 5
            $x.Tasks[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyTask])
            $x.Tasks[0].FormFields.Count | Should -Be 4
            $x.Comments.Count | Should -Be 15
            $x.Comments[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyComment])
            $x.Comments[0].RunId | Should -Be $x.RunId
            $x.ExportedAt | Should -BeOfType ([DateTimeOffset])
            $x.File | Should -Be (Join-Path $folder "$($x.RunId).json")
        }
        $arch = $b | Where-Object RunId -eq $exported[2].RunId
        $arch.Run.IsArchived | Should -BeTrue
        $arch.RestoredForExport | Should -BeTrue
    }

    It 'takes files from Get-ChildItem and wildcards, so deleted runs can be searched' {
        @(Get-ChildItem $folder -Filter *.json | Import-TallyfyBackup).Count | Should -Be 3
        $name = $exported[0].RunName
        @(Import-TallyfyBackup (Join-Path $folder '*.json') | Where-Object Name -eq $name).Count | Should -Be 1
        @(Import-TallyfyBackup $folder | ForEach-Object Comments | Where-Object Content).Count | Should -Be 45
    }

    It 'writes InvalidBackup for a truncated file, a JSON file that is no backup and a file of another format version, and reads the others' {
        $bad = NewFolder
        New-Item -ItemType Directory $bad | Out-Null
        Copy-Item $exported[0].File $bad
        $text = Get-Content $exported[1].File -Raw
        Set-Content (Join-Path $bad 'truncated.json') $text.Substring(0, [int]($text.Length / 2)) -NoNewline
        Set-Content (Join-Path $bad 'other.json') '{"hello":"world"}'
        Set-Content (Join-Path $bad 'future.json') ($text -replace '"format_version": 1', '"format_version": 99')
        $b = @(Import-TallyfyBackup $bad -ErrorVariable errs -ErrorAction SilentlyContinue)
        $b.Count | Should -Be 1
        $errs.Count | Should -Be 3
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'InvalidBackup,*'; $_.CategoryInfo.Category | Should -Be 'InvalidData' }
        ($errs | Where-Object TargetObject -like '*truncated.json').Exception.Message | Should -Match 'not complete JSON'
        ($errs | Where-Object TargetObject -like '*other.json').Exception.Message | Should -Match 'not a TallyfyPS run backup'
        ($errs | Where-Object TargetObject -like '*future.json').Exception.Message | Should -Match 'version 99'
    }

    It 'writes BackupNotFound for a path that matches nothing' {
        Import-TallyfyBackup (Join-Path $TestDrive 'nothing-here') -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'BackupNotFound,*'
    }
}
