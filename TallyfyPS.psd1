@{
    RootModule             = 'TallyfyPS.dll'
    ModuleVersion          = '0.2.0'
    GUID                   = 'e32b052b-4ca9-472e-87f7-be46c12bb08b'
    Author                 = 'TallyfyPS contributors'
    CompanyName            = 'TallyfyPS'
    Copyright              = '(c) TallyfyPS contributors. MIT License.'
    Description            = 'Manage Tallyfy processes (runs) and tasks from PowerShell: list, archive, permanently delete and restore in bulk, with -WhatIf/-Confirm, per-item results, retries and rate-limit pacing. Ships a local Tallyfy sandbox for runbook tests.'
    CompatiblePSEditions   = @('Core', 'Desktop')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('TallyfyPS.Format.ps1xml')
    CmdletsToExport        = @(
        'Connect-Tallyfy'
        'Disconnect-Tallyfy'
        'Get-TallyfyContext'
        'Get-TallyfyRun'
        'Remove-TallyfyRun'
        'Restore-TallyfyRun'
        'Get-TallyfyTask'
        'New-TallyfyTask'
        'Remove-TallyfyTask'
        'Restore-TallyfyTask'
        'Get-TallyfyJournal'
        'Get-TallyfyUser'
        'Get-TallyfyGuest'
        'Get-TallyfyGroup'
        'Get-TallyfyTag'
        'New-TallyfyTag'
        'Remove-TallyfyTag'
        'Add-TallyfyRunTag'
        'Remove-TallyfyRunTag'
        'Get-TallyfyFolder'
        'Get-TallyfyActivity'
        'Get-TallyfyAssignment'
        'Move-TallyfyAssignment'
        'Remove-TallyfyUser'
        'Get-TallyfyTemplate'
        'Start-TallyfyRun'
        'Set-TallyfyRun'
        'Complete-TallyfyTask'
        'Undo-TallyfyTaskCompletion'
        'Set-TallyfyTask'
        'Add-TallyfyComment'
        'Get-TallyfyComment'
        'Remove-TallyfyComment'
        'Resolve-TallyfyProblem'
        'Export-TallyfyRun'
        'Import-TallyfyBackup'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @(
        'Get-TallyfyAuditLog'
        'Get-TallyfyBlueprint'
        'Get-TallyfyChecklist'
        'Reopen-TallyfyTask'
    )
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Tallyfy', 'Workflow', 'Process', 'Automation', 'Runbook', 'REST', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/tallyfyps/TallyfyPS'
            LicenseUri   = 'https://github.com/tallyfyps/TallyfyPS/blob/main/LICENSE'
            ReleaseNotes = 'https://github.com/tallyfyps/TallyfyPS/blob/main/CHANGELOG.md'
        }
    }
}
