<#
.SYNOPSIS
    Runs every tests/pester/*.Tests.ps1 file with Pester 5.7.1 and writes the counts as JSON.
    Called by build.ps1 -Task Test in a child pwsh; decides nothing about the exit code itself
    beyond 0/1 (Pester's own exit code is the failure count, which wraps at 256).
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string] $ResultsDirectory,
    [string] $Filter,
    [string] $Name = 'laid-out',
    # A folder holding TallyfyPS.<version>.nupkg: install it with Install-PSResource and test that copy.
    [string] $InstallFrom
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
$ProgressPreference = 'SilentlyContinue'
Import-Module $PesterManifest -Force

if ($InstallFrom) {
    # Install as a user would. build.ps1 starts this process with HOME pointing at a private folder,
    # so the install and its repository registration touch nothing of the real user's.
    Register-PSResourceRepository -Name TallyfyPSTest -Uri $InstallFrom -Trusted -Force
    Install-PSResource -Name TallyfyPS -Repository TallyfyPSTest -Scope CurrentUser -TrustRepository -Reinstall
    $env:TALLYFY_TEST_INSTALLED = '1'
    $env:TALLYFY_TEST_MODULE = (Get-Module TallyfyPS -ListAvailable | Select-Object -First 1).Path
    if (-not $env:TALLYFY_TEST_MODULE) { throw "Install-PSResource did not install TallyfyPS where PowerShell looks for modules ($env:PSModulePath)." }
    Write-Host "Testing the installed module: $env:TALLYFY_TEST_MODULE"
}

$paths = @(Get-ChildItem $PSScriptRoot -Filter '*.Tests.ps1' | Sort-Object Name | ForEach-Object FullName)
if ($Filter) {
    $patterns = $Filter -split ','
    $paths = @($paths | Where-Object { $leaf = Split-Path $_ -Leaf; $patterns | Where-Object { $leaf -like "*$_*" } })
}

$config = New-PesterConfiguration
$config.Run.Path = $paths
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.Output.RenderMode = 'Plaintext'
$config.Should.ErrorAction = 'Continue'
if ($ResultsDirectory) {
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'NUnitXml'
    $config.TestResult.OutputPath = Join-Path $ResultsDirectory "pester-$Name.xml"
}

$result = Invoke-Pester -Configuration $config
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
[pscustomobject]@{
    Passed = $result.PassedCount
    Failed = $failed
    Skipped = $result.SkippedCount
    Total = $result.TotalCount
} | ConvertTo-Json | Set-Content -LiteralPath $ResultPath -Encoding utf8

if ($failed -gt 0 -or $result.PassedCount -eq 0) { exit 1 }
exit 0
