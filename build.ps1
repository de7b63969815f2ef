<#
.SYNOPSIS
    Builds, tests, demonstrates and packages TallyfyPS.
.DESCRIPTION
    Build    compiles the solution and lays out the shippable module in out/TallyfyPS/<version>/
             from an explicit list of files (fails when one is missing).
    Test     builds, runs every xunit test and every Pester file (in child pwsh processes, -Jobs at
             once, against the laid-out module and real sandbox processes), and prints
             'Tests: N passed, N failed'. In CI (or with -Installed) the packaging tests run once more
             against the module installed from its package. -Fast, for the inner loop, leaves out the
             Load- and Bench-tagged tests and the installed pass.
    Demo     starts a seeded sandbox, runs the main job against it, and stops it.
    Sandbox  runs a sandbox in the foreground until Ctrl+C (for your own runbook tests).
    Bench    runs the benchmarks in bench/ and prints their tables.
    Package  builds the packages in out/package/: TallyfyPS.<version>.nupkg (the module, for
             Install-PSResource) and TallyfyPS.Sandbox.<version>.nupkg, which is both the .NET tool
             tallyfy-sandbox (dotnet tool install) and the PowerShell module TallyfyPS.Sandbox
             (Install-PSResource) that drives it.
    Clean    removes out/ and every bin/ and obj/ folder.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Sandbox', 'Bench', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Sandbox: how many runs to seed, the random seed, and the port (0 = any free port).
    [int] $Runs = 60,
    [int] $Seed = 42,
    [int] $Port = 0,

    # Test: also run the packaging tests (Module, Help, Package, SandboxModule, Nouns) against the module installed
    # from the package with Install-PSResource (always in CI).
    [switch] $Installed,

    # Test: only these Pester files (names or wildcards); xunit still runs unless -SkipXunit.
    [string[]] $PesterFilter,
    [switch] $SkipXunit,
    [switch] $SkipPester,

    # Test: how many processes run the Pester files of the laid-out pass at once (each file owns its sandboxes).
    [ValidateRange(1, 16)]
    [int] $Jobs = 3,

    # Test: the inner loop. Leaves out the tests tagged Load (hundreds of items under fault mixes) and Bench (the
    # benchmark's smoke run), and the installed-package pass; everything else runs.
    [switch] $Fast
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$PSStyle.OutputRendering = 'PlainText'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

$Root = $PSScriptRoot
$Manifest = Import-PowerShellDataFile -Path (Join-Path $Root 'TallyfyPS.psd1')
$Version = $Manifest.ModuleVersion
$OutRoot = Join-Path $Root 'out'
$ModuleOut = Join-Path $OutRoot "TallyfyPS/$Version"
$ResultsDir = Join-Path $OutRoot 'test-results'
$ModuleBin = Join-Path $Root "src/TallyfyPS/bin/$Configuration/netstandard2.0"
$SandboxDll = Join-Path $Root "src/TallyfyPS.Sandbox/bin/$Configuration/net10.0/TallyfyPS.Sandbox.dll"
$SandboxModule = Join-Path $Root 'src/TallyfyPS.Sandbox/PowerShell/TallyfyPS.Sandbox.psd1'
$SandboxVersion = (Import-PowerShellDataFile -Path $SandboxModule).ModuleVersion
$PackageDir = Join-Path $OutRoot 'package'

# What ships, and nothing else. System.Management.Automation.dll (PowerShellStandard's reference
# assembly, copied to bin) must never be in this list.
$ModuleFiles = @(
    @{ From = Join-Path $Root 'TallyfyPS.psd1'; To = 'TallyfyPS.psd1' }
    @{ From = Join-Path $ModuleBin 'TallyfyPS.dll'; To = 'TallyfyPS.dll' }
    @{ From = Join-Path $Root 'src/TallyfyPS/TallyfyPS.Format.ps1xml'; To = 'TallyfyPS.Format.ps1xml' }
    @{ From = Join-Path $Root 'src/TallyfyPS/schemas/tallyfy-run-backup.schema.json'; To = 'schemas/tallyfy-run-backup.schema.json' }
    @{ From = Join-Path $Root 'LICENSE'; To = 'LICENSE' }
)
# System.Text.Json and its netstandard2.0 polyfills: loaded only on Windows PowerShell 5.1, through
# the module's own assembly-resolve handler. PowerShell 7 uses the framework's copies.
$Dependencies = @(
    'System.Text.Json.dll'
    'System.Text.Encodings.Web.dll'
    'Microsoft.Bcl.AsyncInterfaces.dll'
    'System.Buffers.dll'
    'System.Memory.dll'
    'System.Numerics.Vectors.dll'
    'System.Runtime.CompilerServices.Unsafe.dll'
    'System.Threading.Tasks.Extensions.dll'
)

function Write-Step([string] $Text) {
    Write-Host "==> $Text"
}

function Invoke-Native {
    param([string] $What, [scriptblock] $Command)
    & $Command
    if ($LASTEXITCODE -ne 0) {
        throw "$What failed (exit code $LASTEXITCODE)."
    }
}

function Get-NuGetPackagesRoot {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $line = & dotnet nuget locals global-packages --list
    if ($LASTEXITCODE -ne 0) { throw 'Could not ask dotnet where the NuGet package folder is.' }
    return ($line -replace '^global-packages:\s*', '').Trim()
}

function Get-PesterManifest {
    $path = Join-Path (Get-NuGetPackagesRoot) 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $path)) {
        throw "Pester 5.7.1 was not restored to '$path'. It comes from NuGet through the PackageDownload in tests/TallyfyPS.Tests; run 'dotnet restore TallyfyPS.sln' and look for restore errors."
    }
    return $path
}

function Invoke-Build {
    Write-Step "Building TallyfyPS $Version ($Configuration)"
    Invoke-Native 'dotnet build' { dotnet build (Join-Path $Root 'TallyfyPS.sln') -c $Configuration --nologo -v quiet -clp:ErrorsOnly }

    Write-Step "Laying out the module in $ModuleOut"
    $moduleRoot = Join-Path $OutRoot 'TallyfyPS'   # older versions' layouts too: one module under out/
    if (Test-Path $moduleRoot) { Remove-Item $moduleRoot -Recurse -Force }
    New-Item -ItemType Directory -Path (Join-Path $ModuleOut 'dependencies') -Force | Out-Null
    New-Item -ItemType Directory -Path (Join-Path $ModuleOut 'en-US') -Force | Out-Null
    New-Item -ItemType Directory -Path (Join-Path $ModuleOut 'schemas') -Force | Out-Null

    $files = [System.Collections.Generic.List[hashtable]]::new()
    $ModuleFiles | ForEach-Object { $files.Add($_) }
    $Dependencies | ForEach-Object { $files.Add(@{ From = Join-Path $ModuleBin $_; To = "dependencies/$_" }) }
    $missing = @($files | Where-Object { -not (Test-Path $_.From) } | ForEach-Object { $_.From })
    if ($missing) {
        throw "The module layout is missing: $($missing -join ', ')"
    }
    foreach ($f in $files) {
        Copy-Item -LiteralPath $f.From -Destination (Join-Path $ModuleOut $f.To)
    }

    Write-Step 'Building help (MAML) from docs/en-US, checked against the module'
    # -Strict: any drift between the pages and the module fails the build, one line per problem.
    & (Join-Path $Root 'docs/Build-Help.ps1') -DocsPath (Join-Path $Root 'docs/en-US') -OutputPath (Join-Path $ModuleOut 'en-US') `
        -ModulePath (Join-Path $ModuleOut 'TallyfyPS.psd1') -Strict
    foreach ($h in 'en-US/TallyfyPS.dll-Help.xml', 'en-US/about_TallyfyPS.help.txt') {
        if (-not (Test-Path (Join-Path $ModuleOut $h))) { throw "The help build did not produce $h." }
    }

    if (-not (Test-Path $SandboxDll)) { throw "The sandbox was not built: $SandboxDll" }
    Write-Host "Module: $ModuleOut"
}

function Read-TrxCounts([string] $Path) {
    [xml] $trx = Get-Content -Raw -LiteralPath $Path
    $c = $trx.TestRun.ResultSummary.Counters
    $failures = @(foreach ($r in @($trx.TestRun.Results.UnitTestResult)) {
            if ($r -and $r.outcome -ne 'Passed' -and $r.outcome -ne 'NotExecuted') {
                $message = "$($r.Output.ErrorInfo.Message)".Trim()
                "$($r.testName): $(if ($message) { ($message -split "`r?`n")[0] } else { $r.outcome })"
            }
        })
    return [pscustomobject]@{ Passed = [int]$c.passed; Failed = [int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted; Total = [int]$c.total; Failures = $failures }
}

function Invoke-Test {
    Invoke-Build
    $nupkg = New-ModulePackage
    $env:TALLYFY_TEST_PACKAGE = Split-Path $nupkg -Parent
    if (Test-Path $ResultsDir) { Remove-Item $ResultsDir -Recurse -Force }
    New-Item -ItemType Directory -Path $ResultsDir -Force | Out-Null
    $env:TALLYFY_SANDBOX_PATH = $SandboxDll
    $env:TALLYFY_TEST_MODULE = Join-Path $ModuleOut 'TallyfyPS.psd1'
    foreach ($name in 'TALLYFY_ACCESS_TOKEN', 'TALLYFY_ORG_ID', 'TALLYFY_BASE_URI', 'TALLYFY_CLIENT_ID', 'TALLYFY_CLIENT_SECRET') {
        Remove-Item "env:$name" -ErrorAction SilentlyContinue
    }

    $passed = 0; $failed = 0; $problems = [System.Collections.Generic.List[string]]::new()
    $failures = [System.Collections.Generic.List[string]]::new()   # printed last, beside the total: a CI log's tail says what failed

    if (-not $SkipXunit) {
        Write-Step 'xunit'
        $trx = Join-Path $ResultsDir 'xunit.trx'
        & dotnet test (Join-Path $Root 'tests/TallyfyPS.Tests/TallyfyPS.Tests.csproj') -c $Configuration --no-build --nologo `
            --logger "trx;LogFileName=$trx" --logger 'console;verbosity=normal' --results-directory $ResultsDir
        $xunitExit = $LASTEXITCODE
        if (Test-Path $trx) {
            $x = Read-TrxCounts $trx
            Write-Host "xunit: $($x.Passed) passed, $($x.Failed) failed"
            $passed += $x.Passed; $failed += $x.Failed
            foreach ($f in $x.Failures) { $failures.Add("xunit: $f") }
            if ($x.Total -eq 0) { $problems.Add('xunit ran no test') }
            if ($xunitExit -ne 0 -and $x.Failed -eq 0) { $problems.Add("dotnet test exited $xunitExit") }
        }
        else {
            $problems.Add("xunit wrote no results (dotnet test exited $xunitExit)")
        }
    }

    # The suite runs against the laid-out module; in CI (and with -Installed) once more against the
    # module installed from the package with Install-PSResource.
    $pesterRuns = @()
    if (-not $SkipPester) { $pesterRuns += 'laid-out' }
    if (-not $SkipPester -and -not $Fast -and ($Installed -or $env:CI -eq 'true')) { $pesterRuns += 'installed' }
    foreach ($mode in $pesterRuns) {
        Write-Step "Pester against the $mode module (child pwsh, real sandbox processes)"
        $pesterJson = Join-Path $ResultsDir "pester-$mode.json"
        $runner = Join-Path $Root 'tests/pester/Invoke-PesterSuite.ps1'
        $pwshArgs = @('-NoProfile', '-NonInteractive', '-File', $runner, '-PesterManifest', (Get-PesterManifest),
            '-ResultPath', $pesterJson, '-ResultsDirectory', $ResultsDir, '-Name', $mode)
        if ($PesterFilter) { $pwshArgs += @('-Filter', ($PesterFilter -join ',')) }
        if ($Fast) { $pwshArgs += @('-ExcludeTag', 'Load,Bench') }
        if ($mode -eq 'laid-out') { $pwshArgs += @('-Jobs', $Jobs) }
        if ($mode -eq 'installed') { $pwshArgs += @('-InstallFrom', $env:TALLYFY_TEST_PACKAGE) }
        # The installed run gets a private HOME: Install-PSResource -Scope CurrentUser lands there.
        $privateHome = if ($mode -eq 'installed') { Join-Path ([IO.Path]::GetTempPath()) ('tallyfy-home-' + [guid]::NewGuid().ToString('n')) }
        $pesterExit = Invoke-Pwsh -Arguments $pwshArgs -PrivateHome $privateHome
        if (Test-Path $pesterJson) {
            $p = Get-Content -Raw $pesterJson | ConvertFrom-Json
            Write-Host "Pester ($mode): $($p.Passed) passed, $($p.Failed) failed"
            $passed += $p.Passed; $failed += $p.Failed
            foreach ($f in @($p.Failures)) { if ($f) { $failures.Add("Pester ($mode): $f") } }
            if ($p.Total -eq 0) { $problems.Add("Pester ($mode) ran no test") }
        }
        else {
            $problems.Add("Pester ($mode) wrote no results (exit $pesterExit)")
        }
    }

    foreach ($f in $failures) { Write-Host "FAILED: $f" }
    foreach ($problem in $problems) { Write-Host "ERROR: $problem" }
    Write-Host "Tests: $passed passed, $failed failed"
    if ($failed -gt 0 -or $problems.Count -gt 0 -or $passed -eq 0) { exit 1 }
}

function Import-SandboxHelper {
    $env:TALLYFY_SANDBOX_PATH = $SandboxDll
    Import-Module $SandboxModule -Force
}

function Invoke-Sandbox {
    Invoke-Build
    Write-Step 'Starting the Tallyfy sandbox (Ctrl+C stops it)'
    & dotnet $SandboxDll --urls "http://127.0.0.1:$Port" --runs $Runs --seed $Seed --module (Join-Path $OutRoot 'TallyfyPS')
    if ($LASTEXITCODE -ne 0) { throw "The sandbox exited with code $LASTEXITCODE." }
}

function Invoke-Demo {
    Invoke-Build
    Import-SandboxHelper
    & (Join-Path $Root 'docs/demo.ps1') -ModulePath (Join-Path $ModuleOut 'TallyfyPS.psd1') -Runs $Runs -Seed $Seed
}

function Invoke-Bench {
    Invoke-Build
    Import-SandboxHelper
    $scripts = @(Get-ChildItem (Join-Path $Root 'bench') -Filter '*.bench.ps1' | Sort-Object Name)
    if (-not $scripts) { throw 'No benchmark scripts (bench/*.bench.ps1).' }
    foreach ($s in $scripts) {
        Write-Step "Benchmark $($s.Name)"
        & $s.FullName -ModulePath (Join-Path $ModuleOut 'TallyfyPS.psd1')
    }
}

function Invoke-Pwsh {
    # A child pwsh (the same one that runs this script), optionally with a private HOME.
    param([string[]] $Arguments, [string] $PrivateHome)
    $pwsh = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $prefix = @(); if ((Split-Path $pwsh -Leaf) -like 'dotnet*') { $prefix += (Join-Path $PSHOME 'pwsh.dll') }
    $savedHome = $env:HOME
    if ($PrivateHome) {
        New-Item -ItemType Directory -Path $PrivateHome -Force | Out-Null
        $env:HOME = $PrivateHome
        Push-Location $PrivateHome   # NuGet (inside PSResourceGet) may write a NuGet/NuGet.Config relative to it
    }
    try {
        & $pwsh @prefix @Arguments | Out-Host
        $LASTEXITCODE
    }
    finally {
        if ($PrivateHome) { Pop-Location }
        $env:HOME = $savedHome
        if ($PrivateHome) { Remove-Item $PrivateHome -Recurse -Force -ErrorAction SilentlyContinue }
    }
}

function New-ModulePackage {
    # Both packages into out/package (a folder that is a NuGet feed and a PSResourceGet repository at once).
    # The module: Publish-PSResource to that folder, in a child pwsh with a private HOME (PSResourceGet keeps its
    # repository list under HOME, and the build must change nothing of yours).
    if (Test-Path $PackageDir) { Remove-Item $PackageDir -Recurse -Force }
    New-Item -ItemType Directory -Path $PackageDir -Force | Out-Null
    $script = "`$ErrorActionPreference = 'Stop'; Register-PSResourceRepository -Name TallyfyPSBuild -Uri '$PackageDir' -Trusted; " +
        "Publish-PSResource -Path '$ModuleOut' -Repository TallyfyPSBuild -SkipDependenciesCheck"
    $exit = Invoke-Pwsh -Arguments @('-NoProfile', '-NonInteractive', '-Command', $script) -PrivateHome (Join-Path ([IO.Path]::GetTempPath()) ('tallyfy-home-' + [guid]::NewGuid().ToString('n')))
    $nupkg = Join-Path $PackageDir "TallyfyPS.$Version.nupkg"
    if ($exit -ne 0 -or -not (Test-Path $nupkg)) { throw "Publish-PSResource did not produce $nupkg (exit $exit)." }
    Write-Host "Package: $nupkg"

    # The sandbox: one package that is the .NET tool (tools/) and the PowerShell module (its root), at the module's version.
    Invoke-Native 'dotnet pack (sandbox)' {
        dotnet pack (Join-Path $Root 'src/TallyfyPS.Sandbox/TallyfyPS.Sandbox.csproj') -c $Configuration --nologo -v quiet -clp:ErrorsOnly `
            -o $PackageDir "-p:SandboxVersion=$SandboxVersion"
    }
    $sandboxNupkg = Join-Path $PackageDir "TallyfyPS.Sandbox.$SandboxVersion.nupkg"
    if (-not (Test-Path $sandboxNupkg)) { throw "dotnet pack did not produce $sandboxNupkg." }
    Write-Host "Package: $sandboxNupkg"
    $nupkg
}

function Invoke-Package {
    Invoke-Build
    $null = New-ModulePackage
}

function Invoke-Clean {
    Write-Step 'Cleaning'
    foreach ($dir in @($OutRoot) + @(Get-ChildItem $Root -Recurse -Directory -Include bin, obj | ForEach-Object FullName)) {
        if (Test-Path $dir) { Remove-Item $dir -Recurse -Force }
    }
}

try {
    Push-Location $Root
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Demo' { Invoke-Demo }
        'Sandbox' { Invoke-Sandbox }
        'Bench' { Invoke-Bench }
        'Package' { Invoke-Package }
        'Clean' { Invoke-Clean }
    }
}
catch {
    Write-Host "BUILD FAILED ($Task): $($_.Exception.Message)" -ForegroundColor Red
    if ($_.InvocationInfo) { Write-Host $_.InvocationInfo.PositionMessage }
    exit 1
}
finally {
    Pop-Location
}
