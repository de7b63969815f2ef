# The test command's Pester runner (Invoke-PesterSuite.ps1) on scratch test files: its counts, its exit code, and the
# list of what failed (test, block or file, with the first line of its error) that the test command prints beside
# its total, so that a CI log's tail names the failures.
BeforeAll {
    $script:runner = Join-Path $PSScriptRoot 'Invoke-PesterSuite.ps1'
    $script:pester = (Get-Module Pester).Path
    $script:scratch = Join-Path $TestDrive 'suite'
    New-Item -ItemType Directory -Path $scratch | Out-Null
    Set-Content -LiteralPath (Join-Path $scratch 'Mixed.Tests.ps1') -Value @'
Describe 'Mixed' {
    It 'passes' { 1 | Should -Be 1 }
    It 'fails on purpose' { 1 | Should -Be 2 -Because "the first line`nand a second line" }
}
Describe 'Broken setup' {
    BeforeAll { throw 'setup went wrong' }
    It 'never runs' { $true | Should -BeTrue }
}
'@
    Set-Content -LiteralPath (Join-Path $scratch 'Unparsable.Tests.ps1') -Value "Describe 'x' { It 'y' { 1 | Should -Be 1 "
    $script:json = Join-Path $TestDrive 'result.json'
    $exe = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $argv = @(if ((Split-Path $exe -Leaf) -like 'dotnet*') { Join-Path $PSHOME 'pwsh.dll' }) +
        @('-NoProfile', '-NonInteractive', '-File', $runner, '-PesterManifest', $pester, '-ResultPath', $json, '-Path', $scratch, '-Name', 'scratch')
    $script:output = & $exe @argv 2>&1 | Out-String
    $script:exit = $LASTEXITCODE
    $script:result = Get-Content -Raw $json | ConvertFrom-Json
}

Describe 'The Pester runner of the test command' {
    It 'exits 1 when anything failed, and counts a failed setup as its tests and its block' {
        $exit | Should -Be 1 -Because $output
        $result.Passed | Should -Be 1
        $result.Failed | Should -BeGreaterOrEqual 3        # the failing It, the It of the broken block, the block (and the file)
    }

    It 'lists each failure by name and file, with the first line of its error only' {
        $f = @($result.Failures)
        $f | Where-Object { $_ -like 'Mixed.fails on purpose `[Mixed.Tests.ps1`]: *' } | Should -HaveCount 1
        ($f | Where-Object { $_ -like 'Mixed.fails on purpose*' }) | Should -Match 'the first line'
        ($f | Where-Object { $_ -like 'Mixed.fails on purpose*' }) | Should -Not -Match 'second line'
        $f | Where-Object { $_ -like 'block Broken setup `[Mixed.Tests.ps1`]: *setup went wrong*' } | Should -HaveCount 1
        $f | Where-Object { $_ -like 'file *Unparsable.Tests.ps1: *' } | Should -HaveCount 1
        $f | Where-Object { $_ -like '*passes*' } | Should -BeNullOrEmpty
    }
}

Describe 'The Pester runner with -Jobs' {
    BeforeAll {
        # The same scratch files and one more that passes, run by two worker processes.
        Set-Content -LiteralPath (Join-Path $scratch 'Green.Tests.ps1') -Value "Describe 'Green' { It 'one' { 1 | Should -Be 1 }; It 'two' { 2 | Should -Be 2 } }"
        $script:jobsJson = Join-Path $TestDrive 'jobs.json'
        $argv = @(if ((Split-Path $exe -Leaf) -like 'dotnet*') { Join-Path $PSHOME 'pwsh.dll' }) +
            @('-NoProfile', '-NonInteractive', '-File', $runner, '-PesterManifest', $pester, '-ResultPath', $jobsJson, '-Path', $scratch, '-Name', 'scratch', '-Jobs', '2')
        $script:jobsOutput = & $exe @argv 2>&1 | Out-String
        $script:jobsExit = $LASTEXITCODE
        $script:jobsResult = Get-Content -Raw $jobsJson | ConvertFrom-Json
    }

    It 'counts every file once, as one process would, and exits 1 when anything failed' {
        $jobsExit | Should -Be 1 -Because $jobsOutput
        $jobsResult.Passed | Should -Be 3                  # Mixed's passing It and Green's two
        $jobsResult.Failed | Should -Be ($result.Failed)
        $jobsOutput | Should -Match 'Running 3 test files in 2 processes'
        $jobsOutput | Should -Match 'Green.Tests.ps1: 2 passed, 0 failed'
    }

    It 'lists the same failures as one process' {
        @($jobsResult.Failures | Sort-Object) | Should -Be @($result.Failures | Sort-Object)
    }
}
