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
    [string] $InstallFrom,
    # How many child processes run test files at once (1: this process runs them all). Every file owns its sandboxes,
    # so files are independent; most of a file's time is spent waiting on injected latency, backoff and child processes.
    [int] $Jobs = 1,
    # Tags whose tests are left out (comma-separated), such as Load,Bench for build.ps1 -Fast.
    [string] $ExcludeTag,
    # Internal (a worker of a -Jobs run): claim files from this folder's list one at a time and run each.
    [string] $WorkerOf
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
$ProgressPreference = 'SilentlyContinue'
Import-Module $PesterManifest -Force

if ($InstallFrom -and -not $WorkerOf) {
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

# What failed, by name and first line of its error: the test command prints these last, beside its total, so a CI
# log that keeps only its tail still says which tests failed and why.
function FirstLine($errors) {
    $text = @($errors | ForEach-Object { "$($_.Exception.Message)" } | Where-Object { $_ }) | Select-Object -First 1
    if ($text) { ($text -split "`r?`n")[0] } else { 'no error of its own (see its block below)' }
}

# Runs Pester on some files and returns the counts and failures (the shape of the JSON this script writes).
function Invoke-Files([string[]] $Files, [string] $XmlPath) {
    $config = New-PesterConfiguration
    $config.Run.Path = $Files
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $config.Output.RenderMode = 'Plaintext'
    $config.Should.ErrorAction = 'Continue'
    if ($ExcludeTag) { $config.Filter.ExcludeTag = @($ExcludeTag -split ',') }
    if ($XmlPath) {
        $config.TestResult.Enabled = $true
        $config.TestResult.OutputFormat = 'NUnitXml'
        $config.TestResult.OutputPath = $XmlPath
    }
    $result = Invoke-Pester -Configuration $config
    [pscustomobject]@{
        Passed = $result.PassedCount
        Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
        Skipped = $result.SkippedCount
        Total = $result.TotalCount
        Failures = @(
            foreach ($t in $result.Failed) { "$($t.ExpandedPath) [$([IO.Path]::GetFileName($t.ScriptBlock.File))]: $(FirstLine $t.ErrorRecord)" }
            foreach ($b in $result.FailedBlocks) { "block $($b.ExpandedPath) [$([IO.Path]::GetFileName($b.BlockContainer.Item))]: $(FirstLine $b.ErrorRecord)" }
            foreach ($c in $result.FailedContainers) { "file $($c.Item): $(FirstLine $c.ErrorRecord)" }
        )
    }
}

function Write-Result($Result, [string] $Path) {
    $Result | ConvertTo-Json | Set-Content -LiteralPath $Path -Encoding utf8
    if ($Result.Failed -gt 0 -or $Result.Passed -eq 0) { exit 1 }
    exit 0
}

$xmlFor = { param([string] $Suffix) if ($ResultsDirectory) { Join-Path $ResultsDirectory "pester-$Name$Suffix.xml" } }

if ($WorkerOf) {
    # A worker: the files are listed in $WorkerOf/files.txt, heaviest first; a file is this worker's once it has
    # created $WorkerOf/claims/<n> (CreateNew: exactly one worker wins each). One result JSON per file.
    $files = @(Get-Content -LiteralPath (Join-Path $WorkerOf 'files.txt'))
    for ($i = 0; $i -lt $files.Count; $i++) {
        try { [IO.File]::Open((Join-Path $WorkerOf "claims/$i"), 'CreateNew').Dispose() } catch [IO.IOException] { continue }
        $leaf = [IO.Path]::GetFileNameWithoutExtension($files[$i])
        $r = Invoke-Files @($files[$i]) (& $xmlFor "-$leaf")
        $r | ConvertTo-Json | Set-Content -LiteralPath (Join-Path $WorkerOf "results/$i.json") -Encoding utf8
    }
    exit 0
}

if ($Jobs -le 1 -or $paths.Count -le 1) {
    Write-Result (Invoke-Files $paths (& $xmlFor '')) $ResultPath
}

# -Jobs: the files longest to run go first, so no worker is left with a long one at the end; the rest in name order.
$slowFirst = 'Statuses', 'WorkResilience', 'Resilience', 'Repository', 'Bounds', 'Examples', 'JournalKill', 'Journal', 'Stopping', 'StopOnError'
$ordered = @($slowFirst | ForEach-Object { $n = "$_.Tests.ps1"; $paths | Where-Object { (Split-Path $_ -Leaf) -eq $n } }) +
    @($paths | Where-Object { (Split-Path $_ -Leaf) -notin @($slowFirst | ForEach-Object { "$_.Tests.ps1" }) })
$work = Join-Path ([IO.Path]::GetTempPath()) ('tallyfy-pester-' + [guid]::NewGuid().ToString('n'))
New-Item -ItemType Directory -Path (Join-Path $work 'claims'), (Join-Path $work 'results') -Force | Out-Null
Set-Content -LiteralPath (Join-Path $work 'files.txt') -Value $ordered -Encoding utf8
$exe = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
$prefix = @(if ((Split-Path $exe -Leaf) -like 'dotnet*') { Join-Path $PSHOME 'pwsh.dll' })
$workers = @(for ($w = 1; $w -le [Math]::Min($Jobs, $ordered.Count); $w++) {
        $psi = [Diagnostics.ProcessStartInfo]::new($exe)
        $argv = $prefix + @('-NoProfile', '-NonInteractive', '-File', $PSCommandPath, '-PesterManifest', $PesterManifest, '-ResultPath', $ResultPath,
            '-Name', $Name, '-Path', $Path, '-WorkerOf', $work) + $(if ($ResultsDirectory) { @('-ResultsDirectory', $ResultsDirectory) } else { @() }) +
            $(if ($ExcludeTag) { @('-ExcludeTag', $ExcludeTag) } else { @() })
        foreach ($a in $argv) { $psi.ArgumentList.Add($a) }
        $psi.UseShellExecute = $false
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $p = [Diagnostics.Process]::Start($psi)
        [pscustomobject]@{ Process = $p; Output = $p.StandardOutput.ReadToEndAsync(); Error = $p.StandardError.ReadToEndAsync() }
    })
Write-Host "Running $($ordered.Count) test files in $($workers.Count) processes."
$told = @{}
do {
    $running = @($workers | Where-Object { -not $_.Process.HasExited })
    for ($i = 0; $i -lt $ordered.Count; $i++) {
        $json = Join-Path $work "results/$i.json"
        if (-not $told[$i] -and (Test-Path $json)) {
            $told[$i] = $true
            $r = Get-Content -Raw $json | ConvertFrom-Json
            Write-Host ("  {0}: {1} passed, {2} failed" -f (Split-Path $ordered[$i] -Leaf), $r.Passed, $r.Failed)
        }
    }
    if ($running) { Start-Sleep -Milliseconds 500 }
} while ($running)

# Each worker's whole output, one after the other (within a worker, files ran one at a time).
foreach ($w in $workers) {
    $w.Process.WaitForExit()
    Write-Host $w.Output.Result
    if ($w.Error.Result) { Write-Host $w.Error.Result }
}
$total = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0; Total = 0; Failures = @() }
for ($i = 0; $i -lt $ordered.Count; $i++) {
    $json = Join-Path $work "results/$i.json"
    if (-not (Test-Path $json)) {
        # A worker died with this file claimed (or never reached it): that is a failure of the file.
        $total.Failed++; $total.Failures += "file $($ordered[$i]): no result (its worker process ended before the file finished)"
        continue
    }
    $r = Get-Content -Raw $json | ConvertFrom-Json
    $total.Passed += $r.Passed; $total.Failed += $r.Failed; $total.Skipped += $r.Skipped; $total.Total += $r.Total
    $total.Failures += @($r.Failures | Where-Object { $_ })
}
Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
Write-Result $total $ResultPath
