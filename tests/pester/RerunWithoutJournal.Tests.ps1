# A runbook restarted without its journal (Azure Automation starts a restarted job in a fresh sandbox, so a journal in
# its working folder is gone) runs the same command again. What the service makes safe to repeat must read as done:
# a permanent deletion of a run or task that now answers 404 is Absent (deleted earlier, or never in the organization:
# Tallyfy cannot tell which), a success with no error record, so -ErrorAction Stop does not stop the job.
# This file owns its sandbox.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox
    $null = Connect-TallyfySandbox $sb
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'A rerun without a journal' {
    It 'reads runs deleted for good by the first run as Absent, with no error record, and exits clean under -ErrorAction Stop' {
        $ids = @(Get-TallyfyRun -Status complete -First 3).Id
        $ids.Count | Should -Be 3
        $first = @($ids | Remove-TallyfyRun -Permanent -Force)
        $first.Status | Should -Be @('Deleted', 'Deleted', 'Deleted')
        $mark = LastSeq
        $child = Invoke-ChildPwsh -NonInteractive -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module `$env:TALLYFY_TEST_MODULE
`$null = Connect-Tallyfy -BaseUri '$($sb.ApiUri)' -OrganizationId '$($sb.OrganizationId)' -AccessToken (ConvertTo-SecureString '$($sb.Tokens['admin'])' -AsPlainText -Force)
`$r = '$($ids -join "','")' | Remove-TallyfyRun -Permanent -Force -ErrorAction Stop
`$r | ForEach-Object { 'RESULT {0} {1} {2} {3}' -f `$_.RunId, `$_.Status, `$_.Succeeded, `$_.Message }
'ERRORS ' + `$Error.Count
"@
        $child.ExitCode | Should -Be 0 -Because $child.Error
        $child.Error | Should -BeNullOrEmpty
        $lines = @($child.Output -split "`r?`n" | Where-Object { $_ -like 'RESULT *' })
        $lines.Count | Should -Be 3
        for ($i = 0; $i -lt 3; $i++) {
            $lines[$i] | Should -BeLike "RESULT $($ids[$i]) Absent True Not found (HTTP 404): deleted earlier, or never in this organization*"
        }
        $child.Output | Should -Match 'ERRORS 0'
        # Nothing was deleted by the rerun: every request for the ids answered 404.
        $requests = @(RequestsSince $mark | Where-Object { (RunIdOf $_.path) -in $ids })
        $requests | Should -Not -BeNullOrEmpty
        $requests | ForEach-Object { $_.status | Should -Be 404 }
    }

    It 'reads a one-off task deleted for good earlier as Absent too (the same removal code)' {
        $task = New-TallyfyTask -Title "Rerun $([guid]::NewGuid().ToString('n').Substring(0, 6))" -Deadline (Get-Date).AddDays(3) -Owner 1002 -PassThru
        ($task | Remove-TallyfyTask -Permanent -Force).Status | Should -Be 'Deleted'
        $again = Remove-TallyfyTask -Id $task.Id -Permanent -Force -ErrorVariable errs -ErrorAction Stop
        $again.Status | Should -Be 'Absent'
        $again.Succeeded | Should -BeTrue
        $again.HttpStatus | Should -Be 404
        $errs | Should -BeNullOrEmpty
    }

    It 'reads a run deleted earlier as Absent with -BackupPath too: nothing to back up, nothing to delete' {
        $id = @(Get-TallyfyRun -Status complete -First 1).Id
        (Remove-TallyfyRun -Id $id -Permanent -Force -BackupPath (Join-Path $TestDrive 'b1')).Status | Should -Be 'Deleted'
        $again = Remove-TallyfyRun -Id $id -Permanent -Force -BackupPath (Join-Path $TestDrive 'b2') -ErrorVariable errs -ErrorAction Stop
        $again.Status | Should -Be 'Absent'
        $again.Succeeded | Should -BeTrue
        $errs | Should -BeNullOrEmpty
    }

    It 'keeps an archive of an unknown id a failure: only the permanent deletion, whose goal holds, reads Absent' {
        $r = Remove-TallyfyRun -Id ('0' * 32) -ErrorVariable errs -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'NotFound'
        $r.Succeeded | Should -BeFalse
        @($errs).Count | Should -Be 1
    }
}
