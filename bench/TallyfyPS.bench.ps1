<#
.SYNOPSIS
    TallyfyPS benchmarks against a local sandbox, with the alternatives measured in the same run.
.DESCRIPTION
    1. Archive N runs (default 2000) with 50 ms of injected latency: TallyfyPS with default settings,
       a plain foreach over Invoke-RestMethod (the documented approach), and ForEach-Object -Parallel
       -ThrottleLimit 8 with Invoke-RestMethod; wall time, ratio to TallyfyPS, and the bound
       N x latency / ThrottleLimit.
    2. The same under a rate limit of 3000 requests per minute (500 per rolling 10 s): achieved
       request rate as a fraction of the limit, and items failed.
    3. List 100,000 runs into Measure-Object: objects per second and peak memory growth.
    4. Import-Module TallyfyPS time over a bare pwsh start.
    Prints a table and writes it as JSON to bench/results/. Targets are printed beside the figures;
    nothing here is a test.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Count = 2000,
    [int] $LatencyMs = 50,
    [int] $ListCount = 100000,
    [int] $ImportRepeats = 7,
    [switch] $SkipPlainLoop,
    # Which scenarios to run (all by default).
    [ValidateSet('Archive', 'RateLimit', 'List', 'Import')]
    [string[]] $Scenario = @('Archive', 'RateLimit', 'List', 'Import')
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $ModulePath -Force
if (-not (Get-Command Start-TallyfySandbox -ErrorAction SilentlyContinue)) {
    Import-Module (Join-Path $PSScriptRoot '../tests/pester/Sandbox.psm1') -Force
}

$results = [ordered]@{
    date = (Get-Date).ToUniversalTime().ToString('o')
    machine = "$([Environment]::ProcessorCount) cores, $([Runtime.InteropServices.RuntimeInformation]::OSDescription)"
    powershell = $PSVersionTable.PSVersion.ToString()
    count = $Count
    latencyMs = $LatencyMs
}
$rows = [System.Collections.Generic.List[object]]::new()
function Add-Row($Scenario, $Variant, $Seconds, $Extra, $Target) {
    $rows.Add([pscustomobject]@{ Scenario = $Scenario; Variant = $Variant; Seconds = [math]::Round($Seconds, 2); Figure = $Extra; Target = $Target })
}

function Get-LiveIds($Sandbox, [int] $N) {
    $ids = @(Get-SandboxRunId $Sandbox | Select-Object -First $N)
    if ($ids.Count -lt $N) { throw "The sandbox has only $($ids.Count) live runs; $N needed." }
    $ids
}

$runsNeeded = [int]($Count * 1.25) + 50
if ($Scenario -contains 'Archive' -or $Scenario -contains 'RateLimit') {
$sb = Start-TallyfySandbox -Runs $runsNeeded
try {
    $org = $sb.OrganizationId
    $headers = @{ Authorization = "Bearer $($sb.Tokens.admin)"; 'X-Tallyfy-Client' = 'APIClient'; Accept = 'application/json' }
    $base = $sb.ApiUri
    $session = Connect-Tallyfy -BaseUri $base -OrganizationId $org -AccessToken (ConvertTo-SecureString $sb.Tokens.admin -AsPlainText -Force) -PassThru

    # --- 1. Archive N runs with latency -------------------------------------------------------
    if ($Scenario -contains 'Archive') {
    $throttle = 16   # Remove-TallyfyRun's default -ThrottleLimit
    $bound = $Count * $LatencyMs / 1000.0 / $throttle

    Reset-TallyfySandbox $sb -Runs $runsNeeded
    $ids = Get-LiveIds $sb $Count
    Set-TallyfySandboxFault $sb @{ latencyMs = $LatencyMs }
    $t = [Diagnostics.Stopwatch]::StartNew()
    $out = @($ids | Remove-TallyfyRun -Session $session)
    $t.Stop()
    $tallyfy = $t.Elapsed.TotalSeconds
    $failedT = @($out | Where-Object Status -ne 'Archived').Count
    Add-Row 'archive' 'TallyfyPS (defaults)' $tallyfy "$failedT failed; $([math]::Round($tallyfy / $bound, 2))x the bound" '<= 1.3x bound'
    Add-Row 'archive' "bound N x latency / $throttle" $bound '' ''

    Reset-TallyfySandbox $sb -Runs $runsNeeded
    $ids = Get-LiveIds $sb $Count
    Set-TallyfySandboxFault $sb @{ latencyMs = $LatencyMs }
    $t = [Diagnostics.Stopwatch]::StartNew()
    $ids | ForEach-Object -ThrottleLimit 8 -Parallel {
        $null = Invoke-RestMethod -Method Delete -Uri "$($using:base)/organizations/$($using:org)/runs/$_" -Headers $using:headers
    }
    $t.Stop()
    $parallel = $t.Elapsed.TotalSeconds
    Add-Row 'archive' 'ForEach-Object -Parallel -ThrottleLimit 8' $parallel "$([math]::Round($parallel / $tallyfy, 2))x TallyfyPS" 'TallyfyPS >= 1.5x faster'

    if (-not $SkipPlainLoop) {
        Reset-TallyfySandbox $sb -Runs $runsNeeded
        $ids = Get-LiveIds $sb $Count
        Set-TallyfySandboxFault $sb @{ latencyMs = $LatencyMs }
        $t = [Diagnostics.Stopwatch]::StartNew()
        foreach ($id in $ids) {
            $null = Invoke-RestMethod -Method Delete -Uri "$base/organizations/$org/runs/$id" -Headers $headers
        }
        $t.Stop()
        $plain = $t.Elapsed.TotalSeconds
        Add-Row 'archive' 'foreach + Invoke-RestMethod' $plain "$([math]::Round($plain / $tallyfy, 2))x TallyfyPS" 'TallyfyPS >= 15x faster'
        $results.plainLoopSeconds = $plain
    }
    $results.tallyfySeconds = $tallyfy
    $results.parallelSeconds = $parallel
    $results.boundSeconds = $bound
    }

    # --- 2. Under a rate limit of 3000 per minute -------------------------------------------
    if ($Scenario -contains 'RateLimit') {
    Reset-TallyfySandbox $sb -Runs $runsNeeded
    $ids = Get-LiveIds $sb $Count
    Clear-TallyfySandboxRequest $sb
    $perWindow = 500; $window = 10
    Set-TallyfySandboxFault $sb @{ latencyMs = $LatencyMs; rateLimitPerMinute = $perWindow; rateLimitWindowSeconds = $window }
    $limited = Connect-Tallyfy -BaseUri $base -OrganizationId $org -AccessToken (ConvertTo-SecureString $sb.Tokens.admin -AsPlainText -Force) -PassThru -MaxRetries 10
    $t = [Diagnostics.Stopwatch]::StartNew()
    $out = @($ids | Remove-TallyfyRun -Session $limited -ErrorAction SilentlyContinue)
    $t.Stop()
    Set-TallyfySandboxFault $sb @{}
    $log = @(Get-TallyfySandboxRequest $sb)
    $ok = @($log | Where-Object { $_.status -ne 429 }).Count
    $throttled = @($log | Where-Object { $_.status -eq 429 }).Count
    $limitPerSecond = $perWindow / $window
    $fraction = ($ok / $t.Elapsed.TotalSeconds) / $limitPerSecond
    $failedR = @($out | Where-Object Status -ne 'Archived').Count
    Add-Row 'rate limit 3000/min' 'TallyfyPS (defaults)' $t.Elapsed.TotalSeconds "$([math]::Round($fraction * 100))% of the limit; $failedR failed; $throttled x 429" '>= 90%, 0 failed'
    $results.rateLimit = [ordered]@{ seconds = $t.Elapsed.TotalSeconds; accepted = $ok; throttled = $throttled; fractionOfLimit = $fraction; failed = $failedR }
    }
}
finally {
    Stop-TallyfySandbox $sb
}
}

# --- 3. List 100,000 runs into Measure-Object, in a fresh pwsh ------------------------------
# Peak working-set growth while streaming, sampled every 2,000 objects. The same is measured for
# PowerShell alone streaming as many plain objects, because .NET lets the heap grow by its gen0
# budget before collecting whatever streams through; and the managed heap left after a full
# collection (what is retained) shows whether memory stays flat.
if ($Scenario -contains 'List') {
$big = Start-TallyfySandbox -Runs ([int]($ListCount * 1.2) + 10)
try {
    $exe = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $prefix = @(); if ((Split-Path $exe -Leaf) -like 'dotnet*') { $prefix += (Join-Path $PSHOME 'pwsh.dll') }
    $measure = @'
param([scriptblock] $Source)
[GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
$p = [Diagnostics.Process]::GetCurrentProcess(); $p.Refresh()
$before = $p.WorkingSet64; $peak = $before
$heapBefore = [GC]::GetTotalMemory($true)
$timer = [Diagnostics.Stopwatch]::StartNew()
$n = 0
& $Source | ForEach-Object { $n++; if (($n % 2000) -eq 0) { $p.Refresh(); if ($p.WorkingSet64 -gt $peak) { $peak = $p.WorkingSet64 } } } | Measure-Object | Out-Null
$timer.Stop()
$p.Refresh(); if ($p.WorkingSet64 -gt $peak) { $peak = $p.WorkingSet64 }
# Retained: the managed heap after a full collection (a working set does not shrink when memory is freed).
"RESULT $n $($timer.Elapsed.TotalSeconds) $(($peak - $before) / 1MB) $(([GC]::GetTotalMemory($true) - $heapBefore) / 1MB)"
'@
    $measureFile = Join-Path ([IO.Path]::GetTempPath()) 'tallyfy-bench-measure.ps1'
    Set-Content $measureFile $measure
    function Invoke-ListMeasure([string] $Setup, [string] $Source) {
        $file = Join-Path ([IO.Path]::GetTempPath()) 'tallyfy-bench-list.ps1'
        Set-Content $file "`$ErrorActionPreference = 'Stop'`n$Setup`n& '$measureFile' -Source { $Source }"
        $line = (& $exe @prefix -NoProfile -NonInteractive -File $file) | Where-Object { $_ -like 'RESULT *' }
        Remove-Item $file
        $parts = $line -split ' '
        [pscustomobject]@{ Count = [int]$parts[1]; Seconds = [double]$parts[2]; PeakMB = [double]$parts[3]; RetainedMB = [double]$parts[4] }
    }
    $setup = @"
Import-Module '$ModulePath'
`$null = Connect-Tallyfy -BaseUri '$($big.ApiUri)' -OrganizationId '$($big.OrganizationId)' -AccessToken (ConvertTo-SecureString '$($big.Tokens.admin)' -AsPlainText -Force)
`$null = Get-TallyfyRun -First 100
"@
    $list = Invoke-ListMeasure $setup "Get-TallyfyRun -First $ListCount"
    $plain = Invoke-ListMeasure '' "1..$ListCount | ForEach-Object { [pscustomobject]@{ Id = [guid]::NewGuid().ToString('n'); Name = 'Run ' + `$_; Status = 'active' } }"
    Remove-Item $measureFile
    Add-Row "list $ListCount runs" 'Get-TallyfyRun | Measure-Object' $list.Seconds "$([math]::Round($list.Count / $list.Seconds)) objects/s; peak growth $([math]::Round($list.PeakMB, 1)) MB, retained $([math]::Round($list.RetainedMB, 1)) MB; over the baseline $([math]::Round($list.PeakMB - $plain.PeakMB, 1)) MB" '< 64 MB'
    Add-Row "list $ListCount runs" 'baseline: PowerShell streaming plain objects' $plain.Seconds "peak growth $([math]::Round($plain.PeakMB, 1)) MB, retained $([math]::Round($plain.RetainedMB, 1)) MB" ''
    $results.list = [ordered]@{ count = $list.Count; seconds = $list.Seconds; objectsPerSecond = $list.Count / $list.Seconds; peakGrowthMB = $list.PeakMB; retainedMB = $list.RetainedMB; baselinePeakGrowthMB = $plain.PeakMB; baselineRetainedMB = $plain.RetainedMB }
}
finally {
    Stop-TallyfySandbox $big
}
}

# --- 4. Import-Module time over a bare pwsh start ----------------------------------------
if ($Scenario -contains 'Import') {
# Three figures, each the median of fresh processes: the whole process with and without the import,
# the Import-Module call itself (timed inside the process), and the same call for an empty module:
# the first Import-Module of a process pays for PowerShell's own module machinery, whatever the module.
$exe = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
$prefix = @(); if ((Split-Path $exe -Leaf) -like 'dotnet*') { $prefix += (Join-Path $PSHOME 'pwsh.dll') }
$emptyDir = Join-Path ([IO.Path]::GetTempPath()) 'tallyfy-bench-empty/Empty'
New-Item -ItemType Directory -Path $emptyDir -Force | Out-Null
Set-Content (Join-Path $emptyDir 'Empty.psm1') ''
Set-Content (Join-Path $emptyDir 'Empty.psd1') "@{ ModuleVersion = '1.0'; RootModule = 'Empty.psm1' }"
function Get-Median([double[]] $Values) { ($Values | Sort-Object)[[int][math]::Floor($Values.Count / 2)] }
function Measure-Process([string] $Command) {
    Get-Median @(foreach ($i in 1..$ImportRepeats) {
            $t = [Diagnostics.Stopwatch]::StartNew()
            & $exe @prefix -NoProfile -NonInteractive -Command $Command | Out-Null
            $t.Stop(); $t.Elapsed.TotalMilliseconds
        })
}
function Measure-InProcess([string] $Module) {
    Get-Median @(foreach ($i in 1..$ImportRepeats) {
            [double](& $exe @prefix -NoProfile -NonInteractive -Command "`$t = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$Module'; `$t.Elapsed.TotalMilliseconds")
        })
}
$null = Measure-Process 'exit'   # warm the disk cache
$bare = Measure-Process 'exit'
$withImport = Measure-Process "Import-Module '$ModulePath'; exit"
$inProcess = Measure-InProcess $ModulePath
$emptyImport = Measure-InProcess (Join-Path $emptyDir 'Empty.psd1')
$own = $inProcess - $emptyImport
Add-Row 'Import-Module' 'process: pwsh + import over bare pwsh' (($withImport - $bare) / 1000) "$([math]::Round($withImport - $bare)) ms (bare start $([math]::Round($bare)) ms)" ''
Add-Row 'Import-Module' 'in process: TallyfyPS over an empty module' ($own / 1000) "$([math]::Round($own)) ms (TallyfyPS $([math]::Round($inProcess)) ms, empty module $([math]::Round($emptyImport)) ms)" '< 150 ms'
$results.import = [ordered]@{ bareStartMs = $bare; startWithImportMs = $withImport; importInProcessMs = $inProcess; emptyModuleImportMs = $emptyImport; ownCostMs = $own }
}

$results.rows = $rows
$rows | Format-Table -AutoSize -Wrap | Out-String -Width 220 | Write-Host
$dir = Join-Path $PSScriptRoot 'results'
New-Item -ItemType Directory -Path $dir -Force | Out-Null
$path = Join-Path $dir ("bench-{0:yyyyMMdd-HHmmss}.json" -f (Get-Date).ToUniversalTime())
$results | ConvertTo-Json -Depth 5 | Set-Content $path
Write-Host "Written: $path"
