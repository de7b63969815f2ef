# What the repository ships beside the module: every PowerShell file parses, and the benchmark runs.
BeforeDiscovery {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $skip = [regex] '[\\/](out|bin|obj|TestResults|\.git)[\\/]'
    $script:psFiles = @(Get-ChildItem $root -Recurse -File -Include '*.ps1', '*.psm1', '*.psd1' |
            Where-Object { -not $skip.IsMatch($_.FullName.Substring($root.Length)) } |
            ForEach-Object { @{ Path = $_.FullName; Name = $_.FullName.Substring($root.Length + 1).Replace('\', '/') } })
}
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
}

Describe 'The repository''s PowerShell files' {
    It 'finds the files it checks (build, bench, docs, examples, tests)' {
        $names = $psFiles | ForEach-Object Name
        foreach ($expected in 'build.ps1', 'bench/TallyfyPS.bench.ps1', 'docs/demo.ps1', 'tests/pester/Common.ps1', 'TallyfyPS.psd1') {
            $names | Should -Contain $expected
        }
        @($names | Where-Object { $_ -like 'docs/examples/*' }).Count | Should -BeGreaterThan 0
    }

    It '<Name> parses' -ForEach $psFiles {
        $tokens = $null; $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $tokens, [ref] $errors)
        @($errors | ForEach-Object { "line $($_.Extent.StartLineNumber): $($_.Message)" }) | Should -BeNullOrEmpty
    }
}

Describe 'The benchmark' -Tag 'Bench' {
    It 'runs every scenario once with tiny counts, so it cannot rot unseen' {
        $results = Join-Path ([IO.Path]::GetTempPath()) ('tallyfy-bench-smoke-' + [guid]::NewGuid().ToString('n'))
        $bench = Join-Path $root 'bench/TallyfyPS.bench.ps1'
        try {
            $r = Invoke-ChildPwsh -NonInteractive -TimeoutSeconds 300 -Script @"
`$ErrorActionPreference = 'Stop'
& '$bench' -ModulePath '$($script:ModuleUnderTest)' -Count 20 -LatencyMs 5 -ListCount 200 -ImportRepeats 1 -LaunchCount 5 -CompleteCount 5 -ExportCount 5 -HandoverRuns 40 -JournalRepeats 1 -ResultsPath '$results'
"@
            $r.ExitCode | Should -Be 0 -Because "the benchmark printed: $($r.Output) $($r.Error)"
            $json = @(Get-ChildItem $results -Filter 'bench-*.json')
            $json.Count | Should -Be 1
            $scenarios = @((Get-Content -Raw $json[0].FullName | ConvertFrom-Json).rows.Scenario | ForEach-Object { ($_ -split ' ')[0] } | Sort-Object -Unique)
            foreach ($s in 'archive', 'journal', 'burst', 'list', 'Import-Module', 'requests', 'stop', 'launch', 'complete', 'export', 'handover') {
                $scenarios | Should -Contain $s
            }
        }
        finally {
            Remove-Item $results -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}
