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
}
