# Tab completion: fixed sets (-Status, -Include, ...) and run/task ids from the current session.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 40
    function script:Complete([string] $Line) { @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches) }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Tab completion' {
    It 'completes -Status of Get-TallyfyRun' {
        (Complete 'Get-TallyfyRun -Status c').CompletionText | Should -Be 'complete'
        (Complete 'Get-TallyfyRun -Status ').CompletionText | Sort-Object | Should -Be @('active', 'archived', 'complete', 'delayed', 'improvement', 'issue', 'problem', 'starred')
    }

    It 'completes -Include of Get-TallyfyRun and Get-TallyfyTask' {
        (Complete 'Get-TallyfyRun -Include Kick').CompletionText | Should -Be 'KickoffFields'
        (Complete 'Get-TallyfyTask -Include Com').CompletionText | Should -Be 'Comments'
        (Complete 'Get-TallyfyTask -Status in').CompletionText | Should -Be 'in-progress'
    }

    It 'completes nothing for -Id, silently, when there is no session' {
        Disconnect-Tallyfy
        Complete 'Remove-TallyfyRun -Id ' | Where-Object ResultType -eq 'ParameterValue' | Should -BeNullOrEmpty
    }

    It 'completes run ids by name, with the name shown, from the current session' {
        $null = Connect-TallyfySandbox $sb
        $run = Get-TallyfyRun -First 1
        $word = ($run.Name -split ' ')[0]
        $matches = Complete "Remove-TallyfyRun -Id $word"
        $matches.Count | Should -BeGreaterThan 0
        $matches.Count | Should -BeLessOrEqual 25
        $matches.CompletionText | Should -Contain $run.Id
        ($matches | Where-Object CompletionText -eq $run.Id).ListItemText | Should -Match ([regex]::Escape($run.Name))
        $matches | ForEach-Object { $_.ToolTip | Should -Match ([regex]::Escape($word)) }
    }

    It 'completes run ids by the start of the id, for Get-, Remove- and Restore-TallyfyRun and Get-TallyfyTask -RunId' {
        $null = Connect-TallyfySandbox $sb
        $run = Get-TallyfyRun -First 1
        foreach ($line in "Get-TallyfyRun -Id $($run.Id.Substring(0, 6))", "Remove-TallyfyRun -Id $($run.Id.Substring(0, 6))", "Get-TallyfyTask -RunId $($run.Id.Substring(0, 6))") {
            (Complete $line).CompletionText | Should -Contain $run.Id
        }
        # Restore-* offers what can be restored: archived runs, not live ones.
        $archived = Get-TallyfyRun -Status archived -First 1
        (Complete "Restore-TallyfyRun -Id $($archived.Id.Substring(0, 6))").CompletionText | Should -Contain $archived.Id
        (Complete "Restore-TallyfyRun -Id $($run.Id.Substring(0, 6))").CompletionText | Should -Not -Contain $run.Id
    }

    It 'completes one-off task ids for Remove-TallyfyTask' {
        $null = Connect-TallyfySandbox $sb
        $task = Get-TallyfyTask -OneOff -First 1
        (Complete "Remove-TallyfyTask -Id $($task.Id.Substring(0, 5))").CompletionText | Should -Contain $task.Id
    }

    It 'completes nothing, silently, when the service does not answer' {
        $null = Connect-TallyfySandbox $sb
        Set-TallyfySandboxFault $sb @{ errorRate = 1.0; errorStatuses = @(500); methods = @('GET') }
        try {
            $r = Complete 'Remove-TallyfyRun -Id Quarterly'
            $r | Where-Object ResultType -eq 'ParameterValue' | Should -BeNullOrEmpty
        }
        finally { Set-TallyfySandboxFault $sb @{} }
    }
}
