# One real call per noun, and its output through the module's views at 80 and 120 columns. In the installed-package
# pass this file, with Module, Help, Package and SandboxModule, is what proves the package: every cmdlet imports,
# binds, finds its help and formats. The behaviours themselves are proven once, by the laid-out pass.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 20
    $null = Connect-TallyfySandbox $sb
    $script:backups = Join-Path $TestDrive 'backups'
    # Each output formatted as a user sees it, at both widths; no view may fail or fall back to an error.
    function script:Shown($Objects) {
        foreach ($width in 80, 120) {
            $table = $Objects | Format-Table | Out-String -Width $width
            $list = $Objects | Format-List | Out-String -Width $width
            $table | Should -Not -Match 'out-lineoutput|Format-Table : |The object of type'
            $list | Should -Not -Match 'out-lineoutput|Format-List : |The object of type'
        }
    }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'One real call per noun' {
    It 'reads the context, users, guests, groups, tags, folders, templates, the activity log, organizations and a raw answer' {
        foreach ($call in { Get-TallyfyContext }, { Get-TallyfyUser }, { Get-TallyfyGuest }, { Get-TallyfyGroup }, { Get-TallyfyTag },
            { Get-TallyfyFolder }, { Get-TallyfyTemplate }, { Get-TallyfyActivity -First 5 }, { Get-TallyfyOrganization }, { Invoke-TallyfyApi GET me -Raw }) {
            $out = @(& $call)
            $out.Count | Should -BeGreaterThan 0 -Because "$call returns something from the seeded sandbox"
            (Get-FormatData -TypeName $out[0].GetType().FullName) | Should -Not -BeNullOrEmpty -Because "$($out[0].GetType().FullName) has a view"
            Shown $out
        }
    }

    It 'reads runs, tasks and comments, and archives, restores and tags a run' {
        $runs = @(Get-TallyfyRun -First 3)
        $runs.Count | Should -Be 3
        Shown $runs
        $tasks = @($runs[0] | Get-TallyfyTask)
        $tasks.Count | Should -BeGreaterThan 0
        Shown $tasks
        Shown @(Get-TallyfyComment -TaskId $tasks[0].Id -ErrorAction SilentlyContinue)
        $archived = @($runs[1] | Remove-TallyfyRun)
        $archived.Status | Should -Be 'Archived'
        Shown $archived
        $restored = @($archived | Restore-TallyfyRun)
        $restored.Status | Should -Be 'Restored'
        Shown $restored
        $tag = New-TallyfyTag -Title 'nouns-smoke'
        $tagged = @($runs[2] | Add-TallyfyRunTag -Tag $tag)
        $tagged.Status | Should -Be 'Tagged'
        Shown $tagged
    }

    It 'backs up a run and reads the backup' {
        $export = @(Get-TallyfyRun -First 1 | Export-TallyfyRun -Path $backups)
        $export.Status | Should -Be 'Exported'
        Shown $export
        $backup = @(Import-TallyfyBackup -Path $backups)
        $backup.Count | Should -Be 1
        Shown $backup
    }

    It 'creates, completes and removes a one-off task, with a comment' {
        $me = (Get-TallyfyContext).User.Id
        $task = New-TallyfyTask -Title 'nouns smoke' -Deadline (Get-Date).AddDays(3) -Owner $me
        Shown $task
        $comment = Add-TallyfyComment -TaskId $task.TaskId -Text 'smoke'
        Shown @($comment)
        $done = @($task | Complete-TallyfyTask -Force)
        $done.Status | Should -Be 'Completed'
        Shown $done
        $removed = @($task | Remove-TallyfyTask)
        Shown $removed
    }
}
