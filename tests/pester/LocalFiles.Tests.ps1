# The files the module writes on the local disk (backups, index.csv, journals): private to the user on Unix, no
# formula a spreadsheet would run in index.csv, a damaged journal refused as JournalUnreadable naming its line, and
# no temporary file of a killed write left for ever. The file owns its sandbox (it renames runs).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 30
    $script:org = $sb.OrganizationId
    $null = Connect-TallyfySandbox $sb
    $script:runs = @(Get-TallyfyRun -First 12)
    function script:ModeOf([string] $Path) { (& stat -c '%a' -- $Path).Trim() }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Files and folders the module creates are the user''s only (Unix)' -Skip:$IsWindows {
    It 'creates backups, index.csv and journals 0600 in folders it creates 0700, and leaves a folder it did not create as it is' {
        $root = Join-Path $TestDrive 'modes'
        $null = New-Item -ItemType Directory $root
        & chmod 755 $root
        $folder = Join-Path $root 'deep/backups'
        $journal = Join-Path $root 'export.journal'
        $null = $runs[0], $runs[1] | Export-TallyfyRun -Path $folder -Journal $journal
        ModeOf $root | Should -Be '755'                                      # a folder the module did not create is left as it is
        ModeOf (Join-Path $root 'deep') | Should -Be '700'
        ModeOf $folder | Should -Be '700'
        ModeOf (Join-Path $folder "$($runs[0].Id).json") | Should -Be '600'
        ModeOf (Join-Path $folder "$($runs[1].Id).json") | Should -Be '600'
        ModeOf (Join-Path $folder 'index.csv') | Should -Be '600'
        ModeOf $journal | Should -Be '600'
        (Get-Item $journal).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
    }

    It 'keeps them private under a umask that would leave them open to everyone (umask 000), for Remove-TallyfyRun -BackupPath too' {
        $folder = Join-Path $TestDrive 'umask0/backups'
        $journal = Join-Path $TestDrive 'umask0.journal'
        $script = New-ChildScriptFile @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:ModuleUnderTest'
`$null = Connect-Tallyfy -BaseUri '$($sb.ApiUri)' -OrganizationId '$org' -AccessToken (ConvertTo-SecureString 'tly-sandbox-admin-token' -AsPlainText -Force)
'$($runs[2].Id)' | Remove-TallyfyRun -Force -BackupPath '$folder' -Journal '$journal' | Out-Null
"@
        try {
            $exe = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
            $pwsh = if ((Split-Path $exe -Leaf) -like 'dotnet*') { "'$exe' '$(Join-Path $PSHOME 'pwsh.dll')'" } else { "'$exe'" }
            $out = & sh -c "umask 000 && touch '$TestDrive/umask-probe' && $pwsh -NoProfile -NonInteractive -File '$script'" 2>&1
            $LASTEXITCODE | Should -Be 0 -Because "$out"
        }
        finally { Remove-Item -LiteralPath $script -ErrorAction SilentlyContinue }
        ModeOf "$TestDrive/umask-probe" | Should -Be '666'                 # the umask was in force
        ModeOf (Join-Path $TestDrive 'umask0') | Should -Be '700'
        ModeOf $folder | Should -Be '700'
        ModeOf (Join-Path $folder "$($runs[2].Id).json") | Should -Be '600'
        ModeOf (Join-Path $folder 'index.csv') | Should -Be '600'
        ModeOf $journal | Should -Be '600'
    }
}

Describe 'index.csv holds no formula a spreadsheet would run' {
    BeforeAll {
        $script:names = @('=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '-2+3+cmd|'' /C calc''!A0', '@SUM(1+1)*cmd|'' /C calc''!A0', "'quoted already")
        for ($i = 0; $i -lt $names.Count; $i++) { $null = Set-TallyfyRun -Id $runs[3 + $i].Id -Name $names[$i] -Force }
        $script:csvFolder = Join-Path $TestDrive 'csv'
        $script:exported = @($runs[3..7] | Export-TallyfyRun -Path $csvFolder)
    }

    It 'writes every cell that begins with =, +, -, @ or '' behind one more '' (shown as text, never run)' {
        $rows = @(Import-Csv (Join-Path $csvFolder 'index.csv'))
        for ($i = 0; $i -lt $names.Count; $i++) {
            ($rows | Where-Object RunId -eq $runs[3 + $i].Id).Name | Should -BeExactly ("'" + $names[$i])
        }
        $text = Get-Content -Raw (Join-Path $csvFolder 'index.csv')
        $text | Should -Not -Match '(^|,|\r\n)"?[=+\-@]'
    }

    It 'reads its own index back as the real names: a later export to the folder keeps exactly one added quote' {
        $null = $runs[8] | Export-TallyfyRun -Path $csvFolder
        $rows = @(Import-Csv (Join-Path $csvFolder 'index.csv'))
        $rows.Count | Should -Be 6
        for ($i = 0; $i -lt $names.Count; $i++) {
            ($rows | Where-Object RunId -eq $runs[3 + $i].Id).Name | Should -BeExactly ("'" + $names[$i])
        }
        # The backups themselves hold the names as they are.
        $imported = @(Import-TallyfyBackup $csvFolder)
        for ($i = 0; $i -lt $names.Count; $i++) {
            ($imported | Where-Object RunId -eq $runs[3 + $i].Id).Name | Should -BeExactly $names[$i]
        }
    }
}

Describe 'A damaged journal is JournalUnreadable, naming the file and the line' {
    BeforeAll {
        $script:header = [ordered]@{ format = 'TallyfyPS.Journal'; version = 1; command = 'Remove-TallyfyRun'; action = 'Archive'; organizationId = $org; createdAt = '2026-12-01T10:00:00.0000000+00:00' }
        $script:good = '{"key":"' + $runs[9].Id + '","step":"archiving","at":"2026-12-01T10:00:01Z"}'
        function script:HeaderWith([hashtable] $Change, [string[]] $Remove = @()) {
            $h = [ordered]@{}; foreach ($k in $header.Keys) { if ($k -notin $Remove) { $h[$k] = $header[$k] } }
            foreach ($k in $Change.Keys) { $h[$k] = $Change[$k] }
            $h | ConvertTo-Json -Compress
        }
    }

    It '<Case>: Get-TallyfyJournal and Remove-TallyfyRun -Journal say JournalUnreadable at line <Line>, and nothing is sent' -ForEach @(
        @{ Case = 'an empty object'; Line = 2; Lines = { (HeaderWith @{}), '{}', $good } }
        @{ Case = 'a key alone'; Line = 2; Lines = { (HeaderWith @{}), '{"key":"x"}', $good } }
        @{ Case = 'a result without its result'; Line = 3; Lines = { (HeaderWith @{}), $good, '{"key":"x","type":"TallyfyRunRemovalResult"}', $good } }
        @{ Case = 'a key that is not text'; Line = 2; Lines = { (HeaderWith @{}), '{"key":7,"step":"archiving"}', $good } }
        @{ Case = 'a header without command'; Line = 1; Lines = { (HeaderWith @{} -Remove 'command'), $good } }
        @{ Case = 'a header whose version is text'; Line = 1; Lines = { (HeaderWith @{ version = '1' }), $good } }
        @{ Case = 'a header whose version is not whole'; Line = 1; Lines = { (HeaderWith @{ version = 1.5 }), $good } }
        @{ Case = 'a header whose date is not a date'; Line = 1; Lines = { (HeaderWith @{ createdAt = 'yesterday' }), $good } }
    ) {
        $path = Join-Path $TestDrive ("damaged-" + [guid]::NewGuid().ToString('n') + '.journal')
        Set-Content -LiteralPath $path -Value (& $Lines) -Encoding utf8NoBOM
        $read = @(Get-TallyfyJournal $path -ErrorVariable errs -ErrorAction SilentlyContinue)
        $read | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'JournalUnreadable,TallyfyPS.Cmdlets.GetTallyfyJournalCommand'
        "$errs" | Should -BeLike "*'$path' is damaged at line $Line*"
        $errs[0].Exception.GetType().Name | Should -Not -Be 'KeyNotFoundException'

        $seq = LastSeq
        $thrown = { $runs[9].Id | Remove-TallyfyRun -Force -Journal $path } | Should -Throw -ErrorId 'JournalUnreadable,TallyfyPS.Cmdlets.RemoveTallyfyRunCommand' -PassThru
        "$thrown" | Should -BeLike "*line $Line*"
        Mutations $seq | Should -BeNullOrEmpty
    }

    It 'a journal of a newer format version says so, with both versions' {
        $path = Join-Path $TestDrive 'newer.journal'
        Set-Content -LiteralPath $path -Value (HeaderWith @{ version = 2 }), $good -Encoding utf8NoBOM
        $null = Get-TallyfyJournal $path -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'JournalUnreadable,TallyfyPS.Cmdlets.GetTallyfyJournalCommand'
        "$errs" | Should -BeLike '*written by a newer TallyfyPS (format version 2); this one reads version 1*'
        { $runs[9].Id | Remove-TallyfyRun -Force -Journal $path } | Should -Throw -ErrorId 'JournalUnreadable,TallyfyPS.Cmdlets.RemoveTallyfyRunCommand'
    }
}

Describe 'The temporary files of a killed backup write do not stay for ever' {
    It 'removes the module''s own temporary files older than ten minutes at the next write to the folder, and nothing else' {
        $folder = Join-Path $TestDrive 'stale'
        $null = New-Item -ItemType Directory $folder
        $old = (Get-Date).AddHours(-2)
        $stale = @(".$($runs[10].Id).json.1234abcd.tmp", '.index.csv.deadbeef.tmp')
        $kept = @(".$($runs[11].Id).json.0badf00d.tmp")                     # fresh: perhaps a write under way
        $others = @('.notes.json.1234abcd.tmp', 'mine.tmp', ".$($runs[10].Id).json.tmp")
        foreach ($name in $stale + $others) { Set-Content -LiteralPath (Join-Path $folder $name) -Value 'the whole run'; (Get-Item -LiteralPath (Join-Path $folder $name) -Force).LastWriteTime = $old }
        foreach ($name in $kept) { Set-Content -LiteralPath (Join-Path $folder $name) -Value 'a run being written' }

        $result = @($runs[10] | Export-TallyfyRun -Path $folder)
        $result.Status | Should -Be 'Exported'
        foreach ($name in $stale) { Join-Path $folder $name | Should -Not -Exist }
        foreach ($name in $kept + $others) { Join-Path $folder $name | Should -Exist }
    }
}
