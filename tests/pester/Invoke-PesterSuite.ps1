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
    # The folder of *.Tests.ps1 files (this one by default; the runner's own test points it at scratch files).
    [string] $Path = $PSScriptRoot,
    # A folder holding TallyfyPS.<version>.nupkg and TallyfyPS.Sandbox.<version>.nupkg: install both with
    # Install-PSResource and test those copies (the sandbox module runs the tool its package carries).
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
    Install-PSResource -Name TallyfyPS, TallyfyPS.Sandbox -Repository TallyfyPSTest -Scope CurrentUser -TrustRepository -Reinstall
    Remove-Item env:TALLYFY_SANDBOX_PATH, env:TALLYFY_SANDBOX_DLL -ErrorAction SilentlyContinue
    $env:TALLYFY_TEST_INSTALLED = '1'
    $env:TALLYFY_TEST_MODULE = (Get-Module TallyfyPS -ListAvailable | Select-Object -First 1).Path
    if (-not $env:TALLYFY_TEST_MODULE) { throw "Install-PSResource did not install TallyfyPS where PowerShell looks for modules ($env:PSModulePath)." }
    Write-Host "Testing the installed module: $env:TALLYFY_TEST_MODULE"
}

$paths = @(Get-ChildItem $Path -Filter '*.Tests.ps1' | Sort-Object Name | ForEach-Object FullName)
# The installed package is the same code as the laid-out module: its pass proves the package (every cmdlet imports,
# binds, finds its help and formats, one real call per noun, and both packages install), not every behaviour twice.
$packagingFiles = 'Module.Tests.ps1', 'Help.Tests.ps1', 'Package.Tests.ps1', 'SandboxModule.Tests.ps1', 'Nouns.Tests.ps1'
if ($InstallFrom) { $paths = @($paths | Where-Object { (Split-Path $_ -Leaf) -in $packagingFiles }) }
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
# What failed, by name and first line of its error: the test command prints these last, beside its total, so a CI
# log that keeps only its tail still says which tests failed and why.
function FirstLine($errors) {
    $text = @($errors | ForEach-Object { "$($_.Exception.Message)" } | Where-Object { $_ }) | Select-Object -First 1
    if ($text) { ($text -split "`r?`n")[0] } else { 'no error of its own (see its block below)' }
}
$failures = @(
    foreach ($t in $result.Failed) { "$($t.ExpandedPath) [$([IO.Path]::GetFileName($t.ScriptBlock.File))]: $(FirstLine $t.ErrorRecord)" }
    foreach ($b in $result.FailedBlocks) { "block $($b.ExpandedPath) [$([IO.Path]::GetFileName($b.BlockContainer.Item))]: $(FirstLine $b.ErrorRecord)" }
    foreach ($c in $result.FailedContainers) { "file $($c.Item): $(FirstLine $c.ErrorRecord)" }
)
[pscustomobject]@{
    Passed = $result.PassedCount
    Failed = $failed
    Skipped = $result.SkippedCount
    Total = $result.TotalCount
    Failures = $failures
} | ConvertTo-Json | Set-Content -LiteralPath $ResultPath -Encoding utf8

if ($failed -gt 0 -or $result.PassedCount -eq 0) { exit 1 }
exit 0
