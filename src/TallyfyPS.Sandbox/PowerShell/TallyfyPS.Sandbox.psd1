@{
    RootModule           = 'TallyfyPS.Sandbox.psm1'
    ModuleVersion        = '0.2.0'
    GUID                 = '25d829d2-ce90-4ce2-b4e3-e6c7abeed381'
    Author               = 'TallyfyPS contributors'
    CompanyName          = 'TallyfyPS'
    Copyright            = '(c) TallyfyPS contributors. MIT License.'
    Description          = 'Start, drive and stop local Tallyfy sandboxes (seeded data, a request log, faults and switches) to test runbooks that use TallyfyPS.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('TallyfyPS.Sandbox.Format.ps1xml')
    FunctionsToExport    = @(
        'Start-TallyfySandbox'
        'Stop-TallyfySandbox'
        'Reset-TallyfySandbox'
        'Set-TallyfySandboxFault'
        'Set-TallyfySandboxSwitch'
        'Get-TallyfySandboxRequest'
        'Get-TallyfySandboxLastSeq'
        'Clear-TallyfySandboxRequest'
        'Revoke-TallyfySandboxToken'
        'Get-TallyfySandboxState'
        'Connect-TallyfySandbox'
        'Invoke-TallyfySandboxApi'
        'Invoke-TallyfySandboxControl'
        'Get-TallyfySandboxRunId'
        'Move-TallyfySandboxClock'
    )
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Tallyfy', 'Sandbox', 'Testing', 'Pester', 'Mock')
            ProjectUri   = 'https://github.com/tallyfyps/TallyfyPS'
            LicenseUri   = 'https://github.com/tallyfyps/TallyfyPS/blob/main/LICENSE'
            ReleaseNotes = 'https://github.com/tallyfyps/TallyfyPS/blob/main/CHANGELOG.md'
        }
    }
}
