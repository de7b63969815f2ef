# The example runbook's own Pester tests (docs/examples), run as a user would run them: TallyfyPS and
# TallyfyPS.Sandbox installed from out/package into a private HOME (Install-PSResource, dotnet tool install),
# then Invoke-Pester in a fresh pwsh that knows nothing of this repository.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:packageDir = $env:TALLYFY_TEST_PACKAGE
    $script:examples = Resolve-Path (Join-Path $PSScriptRoot '../../docs/examples')
    $script:pester = (Get-Module Pester).Path
    $script:sandboxVersion = (Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../src/TallyfyPS.Sandbox/PowerShell/TallyfyPS.Sandbox.psd1')).ModuleVersion
}

Describe 'The example runbooks, from the installed packages' {
    It 'installs the packages, runs tallyfy-sandbox, and passes every test of docs/examples' {
        $packageDir | Should -Not -BeNullOrEmpty -Because 'build.ps1 -Task Test makes the packages first'
        $fakeHome = Join-Path $TestDrive 'home'
        New-Item -ItemType Directory -Path $fakeHome | Out-Null
        $result = Join-Path $TestDrive 'examples.json'
        # A shared CI machine may be slow: the examples start several sandboxes and wait out a 429 storm.
        $child = Invoke-ChildPwsh -NonInteractive -TimeoutSeconds 900 -Environment @{ HOME = $fakeHome; USERPROFILE = $fakeHome; DOTNET_CLI_HOME = $fakeHome; TALLYFY_SANDBOX_PATH = ''; TALLYFY_SANDBOX_DLL = '' } -Script @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name TallyfyLocal -Uri '$packageDir' -Trusted
Install-PSResource -Name TallyfyPS, TallyfyPS.Sandbox -Repository TallyfyLocal -Scope CurrentUser -TrustRepository
# Only the local packages: nothing to wait for from nuget.org.
Set-Content -Path (Join-Path '$fakeHome' 'nuget.config') -Value '<configuration><packageSources><clear /><add key="local" value="$packageDir" /></packageSources></configuration>'
& dotnet tool install --global --configfile (Join-Path '$fakeHome' 'nuget.config') TallyfyPS.Sandbox --version '$sandboxVersion' | Out-Null
if (`$LASTEXITCODE -ne 0) { throw 'dotnet tool install failed' }
"TOOL `$(& (Join-Path '$fakeHome' '.dotnet/tools/tallyfy-sandbox') --version)"
Import-Module '$pester'
`$config = New-PesterConfiguration
`$config.Run.Path = '$examples'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
`$config.Output.RenderMode = 'Plaintext'
`$r = Invoke-Pester -Configuration `$config
@{ Passed = `$r.PassedCount; Failed = `$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount; Modules = @(Get-Module TallyfyPS, TallyfyPS.Sandbox | ForEach-Object ModuleBase) } | ConvertTo-Json | Set-Content '$result'
"@
        $child.Output | Should -Match "TOOL tallyfy-sandbox $([regex]::Escape($sandboxVersion))"
        $summary = Get-Content $result -Raw | ConvertFrom-Json
        $summary.Failed | Should -Be 0 -Because $child.Output
        $summary.Passed | Should -BeGreaterOrEqual 6
        $summary.Modules | ForEach-Object { $_ | Should -BeLike "$fakeHome*" }
    }
}
