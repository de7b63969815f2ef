# The README's demo (docs/demo.ps1, what `./build.ps1 -Task Demo` runs) in a child pwsh against its own sandbox:
# it ends with exit code 0 and shows each step's outcome.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'The demo' {
    BeforeAll {
        $demo = (Resolve-Path (Join-Path $PSScriptRoot '../../docs/demo.ps1')).Path
        $script:run = Invoke-ChildPwsh -NonInteractive -TimeoutSeconds 300 -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module TallyfyPS.Sandbox -ErrorAction SilentlyContinue
& '$demo' -ModulePath `$env:TALLYFY_TEST_MODULE
"@
    }

    It 'runs to the end without an error' {
        $run.ExitCode | Should -Be 0 -Because "$($run.Output)`n$($run.Error)"
        $run.Error | Should -BeNullOrEmpty
        $run.Output | Should -Match 'Sandbox stopped\.'
    }

    It 'shows every step working: archive, restore, launch, complete, tag, activity, delete with backups, search them' {
        foreach ($expected in 'Archived', 'Restored', 'Q4 audit - Finance', 'Completed', 'Tagged', 'tagged', 'Deleted', 'Errors: 1 \(RunNotFound\)') {
            $run.Output | Should -Match $expected
        }
        $run.Output | Should -Match '(?m)^Quarterly audit - \S+ #\d+\s+\d+\s+\d+\s'      # a backup read back: tasks and activity counted
        $run.Output | Should -Not -Match 'WARNING|Exception'
    }

    It 'prints every table header on one line (no header word broken across lines)' {
        $lines = $run.Output -split '\r?\n'
        $separators = @(for ($i = 2; $i -lt $lines.Count; $i++) { if ($lines[$i] -match '^-+( +-+)*\s*$' -and $lines[$i - 1].Trim()) { $i } })
        $separators.Count | Should -BeGreaterThan 5
        foreach ($i in $separators) {
            # A header that wrapped leaves its first part on the line above ("Backu" over "pFile"): that line must be blank.
            $lines[$i - 2].Trim() | Should -BeNullOrEmpty -Because "the table header '$($lines[$i - 2].Trim())' / '$($lines[$i - 1].Trim())' is broken across lines"
            # Each header word sits over its dashes: the word is as long as its dash group or shorter, never cut.
            foreach ($m in [regex]::Matches($lines[$i], '-+')) {
                $word = if ($lines[$i - 1].Length -gt $m.Index) { $lines[$i - 1].Substring($m.Index, [Math]::Min($m.Length, $lines[$i - 1].Length - $m.Index)).Trim() } else { '' }
                $word | Should -Not -Match '…$' -Because "a header word is cut above '$($lines[$i])'"
            }
        }
    }
}
