<#
.SYNOPSIS
    TallyfyPS benchmarks against a local sandbox, with the alternatives measured in the same run.
.DESCRIPTION
    1. Archive N runs (default 2000) with 50 ms of injected latency: TallyfyPS with default settings,
       a plain foreach over Invoke-RestMethod (the documented approach), and ForEach-Object -Parallel
       -ThrottleLimit 8 with Invoke-RestMethod; wall time, ratio to TallyfyPS, and the bound
       N x latency / ThrottleLimit.
    2. The same under burst throttling (429 past 500 requests of the token in a rolling 10 s; Tallyfy has no
       per-minute budget): achieved request rate as a fraction of the throttled rate, and items failed.
    3. List 100,000 runs into Measure-Object: objects per second and peak memory growth.
    4. Import-Module TallyfyPS time over a bare pwsh start.
    5. Requests per item, from the sandbox's request log: archive from Get-TallyfyRun and from ids,
       permanent deletion of live ids, archived ids and archived objects, restore from results.
    6. Stopping: how long Ctrl+C takes to stop a bulk call (150 ms latency), and how long a 300-run
       call goes on after the service goes away.
    7. Launch: launches per second, Import-Csv-style rows into Start-TallyfyRun against ForEach-Object
       -Parallel -ThrottleLimit 8 with Invoke-RestMethod POSTing the same kick-off values (built by hand
       from the template's field ids), with -LatencyMs on the same sandbox; requests per launch from the log.
    8. Complete: completions per second, tasks from Get-TallyfyTask into Complete-TallyfyTask against
       ForEach-Object -Parallel -ThrottleLimit 8 with Invoke-RestMethod, the same tasks (the sandbox reset
       to the same seed between them), with -LatencyMs; requests per completion from the log.
    9. Export: Export-TallyfyRun of -ExportCount live runs (default 300) with 5 tasks, 3 comments and 4 form
       fields each, with the injected latency: runs per second, requests per run from the sandbox's log, and
       the same export done with ForEach-Object -Parallel -ThrottleLimit 8, Invoke-RestMethod and
       ConvertTo-Json (the run with the same relations and its activity, one file per run).
    10. Handover: Get-TallyfyAssignment -User marco | Move-TallyfyAssignment -To dana on a sandbox of -HandoverRuns
       runs, with the injected latency: requests per assignment (listing and move) and time, against the same plan
       moved by ForEach-Object -Parallel -ThrottleLimit 8 with Invoke-RestMethod (read each record, replace the
       person, send every bucket back); what each leaves assigned to marco afterwards.
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
    [int] $LaunchCount = 500,
    [int] $CompleteCount = 500,
    [int] $ExportCount = 300,
    [int] $HandoverRuns = 400,
    # Which scenarios to run (all by default).
    [ValidateSet('Archive', 'Journal', 'Burst', 'List', 'RawList', 'Import', 'Requests', 'Stop', 'Launch', 'Complete', 'Export', 'Handover')]
    [string[]] $Scenario = @('Archive', 'Journal', 'Burst', 'List', 'RawList', 'Import', 'Requests', 'Stop', 'Launch', 'Complete', 'Export', 'Handover'),
    # Repetitions of each side of the journal scenario (alternated; the median is reported).
    [int] $JournalRepeats = 3,
    # Where the JSON of the results goes (bench/results by default; the smoke test points it at a temporary folder).
    [string] $ResultsPath = (Join-Path $PSScriptRoot 'results')
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $ModulePath -Force
if (-not (Get-Command Start-TallyfySandbox -ErrorAction SilentlyContinue)) {
    Import-Module (Join-Path $PSScriptRoot '../src/TallyfyPS.Sandbox/PowerShell/TallyfyPS.Sandbox.psd1') -Force
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
    $ids = @(Get-TallyfySandboxRunId $Sandbox | Select-Object -First $N)
    if ($ids.Count -lt $N) { throw "The sandbox has only $($ids.Count) live runs; $N needed." }
    $ids
}

$runsNeeded = [int]($Count * 1.25) + 50
if ($Scenario -contains 'Archive' -or $Scenario -contains 'Burst' -or $Scenario -contains 'Journal') {
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

    # --- 1b. The cost of -Journal on the same archive ------------------------------------------
    if ($Scenario -contains 'Journal') {
        $plainTimes = [System.Collections.Generic.List[double]]::new()
        $journalTimes = [System.Collections.Generic.List[double]]::new()
        $journalBytes = 0
        for ($i = 0; $i -lt $JournalRepeats; $i++) {
            foreach ($withJournal in $false, $true) {   # alternated, so that a busy moment of the machine hits both sides
                Reset-TallyfySandbox $sb -Runs $runsNeeded
                $ids = Get-LiveIds $sb $Count
                Set-TallyfySandboxFault $sb @{ latencyMs = $LatencyMs }
                $file = Join-Path ([IO.Path]::GetTempPath()) ("tallyfy-bench-" + [guid]::NewGuid().ToString('n') + '.journal')
                $extra = if ($withJournal) { @{ Journal = $file } } else { @{} }
                $t = [Diagnostics.Stopwatch]::StartNew()
                $out = @($ids | Remove-TallyfyRun -Session $session @extra)
                $t.Stop()
                if (@($out | Where-Object Status -ne 'Archived').Count) { throw 'The journal benchmark archived fewer runs than asked.' }
                if ($withJournal) { $journalTimes.Add($t.Elapsed.TotalSeconds); $journalBytes = (Get-Item $file).Length; Remove-Item $file }
                else { $plainTimes.Add($t.Elapsed.TotalSeconds) }
            }
        }
        $plainMedian = ($plainTimes | Sort-Object)[[int][math]::Floor($plainTimes.Count / 2)]
        $journalMedian = ($journalTimes | Sort-Object)[[int][math]::Floor($journalTimes.Count / 2)]
        $overhead = ($journalMedian - $plainMedian) / $plainMedian * 100
        Add-Row 'journal' "archive $Count, no journal (median of $JournalRepeats)" $plainMedian '' ''
        Add-Row 'journal' "archive $Count, -Journal (median of $JournalRepeats)" $journalMedian ("{0:+0.0;-0.0}% ({1:N0} KB journal)" -f $overhead, ($journalBytes / 1KB)) '< 5% overhead'
        $results.journalOverheadPercent = [math]::Round($overhead, 1)
    }

    # --- 2. Under burst throttling (500 requests per rolling 10 s) ----------------------------
    if ($Scenario -contains 'Burst') {
    Reset-TallyfySandbox $sb -Runs $runsNeeded
    $ids = Get-LiveIds $sb $Count
    Clear-TallyfySandboxRequest $sb
    $perWindow = 500; $window = 10
    Set-TallyfySandboxFault $sb @{ latencyMs = $LatencyMs; burstLimit = $perWindow; burstWindowSeconds = $window }
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
    Add-Row "burst $perWindow/${window}s" 'TallyfyPS (defaults)' $t.Elapsed.TotalSeconds "$([math]::Round($fraction * 100))% of the throttled rate; $failedR failed; $throttled x 429" '>= 90%, 0 failed'
    $results.burst = [ordered]@{ seconds = $t.Elapsed.TotalSeconds; accepted = $ok; throttled = $throttled; fractionOfLimit = $fraction; failed = $failedR }
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
if ($Scenario -contains 'List' -or $Scenario -contains 'RawList') {
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
    if ($Scenario -contains 'RawList') {
        # The raw call against the typed one, over the same runs: Invoke-TallyfyApi GET runs -All (pages of 100, each
        # item a PSCustomObject of every field), stopped after $ListCount records like Get-TallyfyRun -First.
        $raw = Invoke-ListMeasure $setup "Invoke-TallyfyApi GET runs -All | Select-Object -First $ListCount"
        $ratio = $raw.Seconds / $list.Seconds
        Add-Row "list $ListCount runs" 'Invoke-TallyfyApi GET runs -All | Measure-Object' $raw.Seconds "$([math]::Round($raw.Count / $raw.Seconds)) objects/s; $([math]::Round($ratio, 2))x Get-TallyfyRun ($([math]::Round($list.Seconds, 2)) s); peak growth $([math]::Round($raw.PeakMB, 1)) MB" '<= 1.5x Get-TallyfyRun'
        $results.rawList = [ordered]@{ count = $raw.Count; seconds = $raw.Seconds; typedSeconds = $list.Seconds; ratio = $ratio; peakGrowthMB = $raw.PeakMB; retainedMB = $raw.RetainedMB }
    }
    if ($Scenario -notcontains 'List') {
        Remove-Item $measureFile
        Add-Row "list $ListCount runs" 'Get-TallyfyRun | Measure-Object' $list.Seconds "$([math]::Round($list.Count / $list.Seconds)) objects/s" ''
    }
    else {
        $plain = Invoke-ListMeasure '' "1..$ListCount | ForEach-Object { [pscustomobject]@{ Id = [guid]::NewGuid().ToString('n'); Name = 'Run ' + `$_; Status = 'active' } }"
        Remove-Item $measureFile
        Add-Row "list $ListCount runs" 'Get-TallyfyRun | Measure-Object' $list.Seconds "$([math]::Round($list.Count / $list.Seconds)) objects/s; peak growth $([math]::Round($list.PeakMB, 1)) MB, retained $([math]::Round($list.RetainedMB, 1)) MB; over the baseline $([math]::Round($list.PeakMB - $plain.PeakMB, 1)) MB" '< 64 MB'
        Add-Row "list $ListCount runs" 'baseline: PowerShell streaming plain objects' $plain.Seconds "peak growth $([math]::Round($plain.PeakMB, 1)) MB, retained $([math]::Round($plain.RetainedMB, 1)) MB" ''
        $results.list = [ordered]@{ count = $list.Count; seconds = $list.Seconds; objectsPerSecond = $list.Count / $list.Seconds; peakGrowthMB = $list.PeakMB; retainedMB = $list.RetainedMB; baselinePeakGrowthMB = $plain.PeakMB; baselineRetainedMB = $plain.RetainedMB }
    }
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

# --- 5. Requests per item, from the sandbox log -------------------------------------------
if ($Scenario -contains 'Requests') {
$rq = Start-TallyfySandbox -Runs 600
try {
    $n = 100
    $s = Connect-Tallyfy -BaseUri $rq.ApiUri -OrganizationId $rq.OrganizationId -AccessToken (ConvertTo-SecureString $rq.Tokens.admin -AsPlainText -Force) -PassThru
    $perItem = [ordered]@{}
    # Runs the pipeline and counts what reached the service while it ran (the input is gathered first).
    function Measure-Requests([string] $Name, [scriptblock] $Prepare, [scriptblock] $Pipeline, [string] $Target) {
        Reset-TallyfySandbox $rq -Runs 600
        $inputs = @(& $Prepare)
        if ($inputs.Count -lt $n) { throw "$Name needs $n inputs; it has $($inputs.Count)." }
        Clear-TallyfySandboxRequest $rq
        $out = @($inputs | & $Pipeline)
        $log = @(Get-TallyfySandboxRequest $rq)
        $failed = @($out | Where-Object { -not $_.Succeeded }).Count
        $ratio = $log.Count / $inputs.Count
        $perItem[$Name] = [ordered]@{ items = $inputs.Count; requests = $log.Count; perItem = $ratio; mutating = @($log | Where-Object method -ne 'GET').Count / $inputs.Count; failed = $failed }
        Add-Row 'requests per item' $Name 0 "$([math]::Round($ratio, 2)) requests per item ($([math]::Round($perItem[$Name].mutating, 2)) mutating); $failed failed" $Target
    }
    Measure-Requests 'archive from Get-TallyfyRun' { Get-TallyfyRun -Session $s -First $n } { $input | Remove-TallyfyRun -Session $s } '1'
    Measure-Requests 'archive from ids' { (Get-TallyfySandboxRunId $rq | Select-Object -First $n) } { $input | Remove-TallyfyRun -Session $s } '1'
    Measure-Requests 'permanent delete of live ids' { (Get-TallyfySandboxRunId $rq | Select-Object -First $n) } { $input | Remove-TallyfyRun -Permanent -Force -Session $s } '2'
    Measure-Requests 'permanent delete of archived ids' {
        $ids = @(Get-TallyfySandboxRunId $rq | Select-Object -First $n); $ids | Remove-TallyfyRun -Session $s | Out-Null; $ids
    } { $input | Remove-TallyfyRun -Permanent -Force -Session $s } '<= 2'
    Measure-Requests 'permanent delete of archived objects' {
        Get-TallyfySandboxRunId $rq | Select-Object -First $n | Remove-TallyfyRun -Session $s | Out-Null; Get-TallyfyRun -Status archived -Session $s -First $n
    } { $input | Remove-TallyfyRun -Permanent -Force -Session $s } '1'
    Measure-Requests 'permanent delete of archive results' {
        Get-TallyfySandboxRunId $rq | Select-Object -First $n | Remove-TallyfyRun -Session $s
    } { $input | Remove-TallyfyRun -Permanent -Force -Session $s } '1'
    Measure-Requests 'restore from results' {
        Get-TallyfySandboxRunId $rq | Select-Object -First $n | Remove-TallyfyRun -Session $s
    } { $input | Restore-TallyfyRun -Session $s } '1'
    $results.requestsPerItem = $perItem
}
finally {
    Stop-TallyfySandbox $rq
}
}

# --- 6. Stopping: Ctrl+C, and the service going away ---------------------------------------
if ($Scenario -contains 'Stop') {
$st = Start-TallyfySandbox -Runs 400
try {
    $s = Connect-Tallyfy -BaseUri $st.ApiUri -OrganizationId $st.OrganizationId -AccessToken (ConvertTo-SecureString $st.Tokens.admin -AsPlainText -Force) -PassThru
    function Start-Removal($Ids, [switch] $Permanent) {
        $ps = [PowerShell]::Create()
        $null = $ps.AddScript({ param($m, $ids, $s, $p) Import-Module $m; $ids | Remove-TallyfyRun -Session $s -Permanent:$p -Force -ErrorAction Continue }).
            AddArgument($ModulePath).AddArgument($Ids).AddArgument($s).AddArgument([bool]$Permanent)
        $out = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $out)
        [pscustomobject]@{ PowerShell = $ps; Output = $out; Handle = $handle }
    }
    $stops = foreach ($round in 1..5) {
        Reset-TallyfySandbox $st -Runs 400
        Set-TallyfySandboxFault $st @{ latencyMs = 150 }
        $job = Start-Removal @(Get-TallyfySandboxRunId $st | Select-Object -First 300) -Permanent
        while ($job.Output.Count -lt 20) { Start-Sleep -Milliseconds 10 }
        $t = [Diagnostics.Stopwatch]::StartNew(); $job.PowerShell.Stop(); $t.Stop()
        $job.PowerShell.Dispose()
        $t.Elapsed.TotalSeconds
    }
    $median = ($stops | Sort-Object)[2]
    Add-Row 'stop' 'Ctrl+C during a permanent deletion (150 ms latency)' $median "median of 5: $([math]::Round($median * 1000)) ms to stop, every change reported" 'about 0.3 s'
    Set-TallyfySandboxFault $st @{}
    $results.ctrlCSeconds = $stops
}
finally {
    Stop-TallyfySandbox $st
}
$gone = Start-TallyfySandbox -Runs 400
try {
    $s = Connect-Tallyfy -BaseUri $gone.ApiUri -OrganizationId $gone.OrganizationId -AccessToken (ConvertTo-SecureString $gone.Tokens.admin -AsPlainText -Force) -PassThru
    Set-TallyfySandboxFault $gone @{ latencyMs = 50 }
    $job = Start-Removal @(Get-TallyfySandboxRunId $gone | Select-Object -First 300)
    while ($job.Output.Count -lt 30) { Start-Sleep -Milliseconds 10 }
    $t = [Diagnostics.Stopwatch]::StartNew()
    Stop-TallyfySandbox $gone
    $null = $job.Handle.AsyncWaitHandle.WaitOne()
    $t.Stop()
    $notAttempted = @($job.Output | Where-Object Status -eq 'NotAttempted').Count
    Add-Row 'stop' '300-run archive, service gone after 30' $t.Elapsed.TotalSeconds "$notAttempted NotAttempted, $(@($job.PowerShell.Streams.Error).Count) errors" '<= 30 s'
    $results.serviceGoneSeconds = $t.Elapsed.TotalSeconds
    $job.PowerShell.Dispose()
}
finally {
    Stop-TallyfySandbox $gone
}
}

# --- 7. Launch: launches per second --------------------------------------------------------------
if ($Scenario -contains 'Launch') {
$lb = Start-TallyfySandbox -Runs 60
try {
    $org = $lb.OrganizationId
    $base = $lb.ApiUri
    $headers = @{ Authorization = "Bearer $($lb.Tokens.admin)"; 'X-Tallyfy-Client' = 'APIClient'; Accept = 'application/json' }
    $s = Connect-Tallyfy -BaseUri $base -OrganizationId $org -AccessToken (ConvertTo-SecureString $lb.Tokens.admin -AsPlainText -Force) -PassThru
    $template = Get-TallyfyTemplate -Session $s -Name 'Quarterly audit'
    $field = @{}; foreach ($f in $template.KickoffFields) { $field[$f.Label] = $f }
    $launchRows = 1..$LaunchCount | ForEach-Object { [pscustomobject]@{ Name = "Bench launch $_"; 'Requested by' = "Requester $_"; Department = 'Finance'; 'Audit period end' = '2026-12-31' } }
    Set-TallyfySandboxFault $lb @{ latencyMs = $LatencyMs }
    $seq = Get-TallyfySandboxLastSeq $lb
    $t = [Diagnostics.Stopwatch]::StartNew()
    $launched = @($launchRows | Start-TallyfyRun -Session $s -TemplateId $template.Id -ErrorAction SilentlyContinue -ErrorVariable launchErrors)
    $t.Stop()
    $tallyfy = $t.Elapsed.TotalSeconds
    $perItem = @(Get-TallyfySandboxRequest $lb -Since $seq).Count / $LaunchCount
    Add-Row 'launch' 'TallyfyPS Start-TallyfyRun (defaults)' $tallyfy "$([math]::Round($LaunchCount / $tallyfy, 1)) launches/s; $($launched.Count) launched, $($launchErrors.Count) errors; $([math]::Round($perItem, 2)) requests/launch" ''

    # The same values by hand: kick-off fields keyed by timeline id, the dropdown as {id,text}, the date in ISO 8601.
    $dept = $field['Department'].Options | Where-Object Text -eq 'Finance'
    $bodies = foreach ($r in $launchRows) {
        @{ checklist_id = $template.Id; name = $r.Name; prerun = @{
                $field['Requested by'].Id = $r.'Requested by'; $field['Department'].Id = @{ id = $dept.Id; text = $dept.Text }
                $field['Audit period end'].Id = '2026-12-31T00:00:00Z' } } | ConvertTo-Json -Depth 5 -Compress
    }
    $seq = Get-TallyfySandboxLastSeq $lb
    $t = [Diagnostics.Stopwatch]::StartNew()
    $bodies | ForEach-Object -ThrottleLimit 8 -Parallel {
        $null = Invoke-RestMethod -Method Post -Uri "$($using:base)/organizations/$($using:org)/runs" -Headers $using:headers -Body $_ -ContentType 'application/json'
    }
    $t.Stop()
    $parallel = $t.Elapsed.TotalSeconds
    $perItemP = @(Get-TallyfySandboxRequest $lb -Since $seq).Count / $LaunchCount
    Add-Row 'launch' 'ForEach-Object -Parallel -ThrottleLimit 8' $parallel "$([math]::Round($LaunchCount / $parallel, 1)) launches/s; $([math]::Round($parallel / $tallyfy, 2))x TallyfyPS's time; $([math]::Round($perItemP, 2)) requests/launch" ''
    $results.launchesPerSecond = [ordered]@{ tallyfyPS = $LaunchCount / $tallyfy; parallel = $LaunchCount / $parallel; ratio = $parallel / $tallyfy }
}
finally {
    Stop-TallyfySandbox $lb
}
}

# --- 8. Complete: completions per second ------------------------------------------------------------
if ($Scenario -contains 'Complete') {
$cb = Start-TallyfySandbox -Runs 60
try {
    $org = $cb.OrganizationId
    $base = $cb.ApiUri
    $headers = @{ Authorization = "Bearer $($cb.Tokens.admin)"; 'X-Tallyfy-Client' = 'APIClient'; Accept = 'application/json' }
    $s = Connect-Tallyfy -BaseUri $base -OrganizationId $org -AccessToken (ConvertTo-SecureString $cb.Tokens.admin -AsPlainText -Force) -PassThru
    $runsForTasks = [int]($CompleteCount * 1.2) + 50
    function Get-OpenTasks {
        $open = @(Get-TallyfyTask -Session $s | Where-Object { $_.TaskType -eq 'task' -and $_.Status -ne 'completed' -and -not $_.IsOneOff } | Select-Object -First $CompleteCount)
        if ($open.Count -lt $CompleteCount) { throw "The sandbox has only $($open.Count) open tasks; $CompleteCount needed." }
        $open
    }
    Reset-TallyfySandbox $cb -Runs $runsForTasks -TasksPerRun 6
    $tasks = Get-OpenTasks
    Set-TallyfySandboxFault $cb @{ latencyMs = $LatencyMs }
    $seq = Get-TallyfySandboxLastSeq $cb
    $t = [Diagnostics.Stopwatch]::StartNew()
    $done = @($tasks | Complete-TallyfyTask -Session $s -Force)
    $t.Stop()
    $tallyfy = $t.Elapsed.TotalSeconds
    $perItem = @(Get-TallyfySandboxRequest $cb -Since $seq).Count / $CompleteCount
    Add-Row 'complete' 'TallyfyPS Complete-TallyfyTask (defaults)' $tallyfy "$([math]::Round($CompleteCount / $tallyfy, 1)) completions/s; $(@($done | Where-Object Status -eq 'Completed').Count) Completed; $([math]::Round($perItem, 2)) requests/completion" ''

    Reset-TallyfySandbox $cb -Runs $runsForTasks -TasksPerRun 6     # the same seed: the same open tasks
    Set-TallyfySandboxFault $cb @{}
    $tasks = Get-OpenTasks
    Set-TallyfySandboxFault $cb @{ latencyMs = $LatencyMs }
    $seq = Get-TallyfySandboxLastSeq $cb
    $t = [Diagnostics.Stopwatch]::StartNew()
    $tasks | Select-Object Id, RunId | ForEach-Object -ThrottleLimit 8 -Parallel {
        $null = Invoke-RestMethod -Method Post -Uri "$($using:base)/organizations/$($using:org)/runs/$($_.RunId)/completed-tasks" -Headers $using:headers `
            -Body (@{ task_id = $_.Id } | ConvertTo-Json -Compress) -ContentType 'application/json'
    }
    $t.Stop()
    $parallel = $t.Elapsed.TotalSeconds
    $perItemP = @(Get-TallyfySandboxRequest $cb -Since $seq).Count / $CompleteCount
    Add-Row 'complete' 'ForEach-Object -Parallel -ThrottleLimit 8' $parallel "$([math]::Round($CompleteCount / $parallel, 1)) completions/s; $([math]::Round($parallel / $tallyfy, 2))x TallyfyPS's time; $([math]::Round($perItemP, 2)) requests/completion" ''
    $results.completionsPerSecond = [ordered]@{ tallyfyPS = $CompleteCount / $tallyfy; parallel = $CompleteCount / $parallel; ratio = $parallel / $tallyfy }
}
finally {
    Stop-TallyfySandbox $cb
}
}

# --- 9. Export runs with 5 tasks, 3 comments and 4 form fields each --------------------------
if ($Scenario -contains 'Export') {
$exportRuns = [int]($ExportCount * 1.25) + 50
$sx = Start-TallyfySandbox -Runs $exportRuns
try {
    $org = $sx.OrganizationId
    $base = $sx.ApiUri
    $headers = @{ Authorization = "Bearer $($sx.Tokens.admin)"; 'X-Tallyfy-Client' = 'APIClient'; Accept = 'application/json' }
    $session = Connect-Tallyfy -BaseUri $base -OrganizationId $org -AccessToken (ConvertTo-SecureString $sx.Tokens.admin -AsPlainText -Force) -PassThru
    $seed = @{ Runs = $exportRuns; TasksPerRun = 5; CommentsPerTask = 3; FormFieldsPerTask = 4 }

    Reset-TallyfySandbox $sx @seed | Out-Null
    $ids = Get-LiveIds $sx $ExportCount
    Set-TallyfySandboxFault $sx @{ latencyMs = $LatencyMs }
    $mark = Get-TallyfySandboxLastSeq $sx
    $folder = Join-Path ([IO.Path]::GetTempPath()) ('tallyfy-bench-export-' + [guid]::NewGuid().ToString('n'))
    $t = [Diagnostics.Stopwatch]::StartNew()
    $out = @($ids | Export-TallyfyRun -Path $folder -Session $session)
    $t.Stop()
    $tallyfy = $t.Elapsed.TotalSeconds
    $requests = @(Get-TallyfySandboxRequest $sx -Since $mark).Count
    $failedE = @($out | Where-Object Status -ne 'Exported').Count
    $bytes = ($out | Measure-Object Bytes -Sum).Sum
    Add-Row 'export' 'Export-TallyfyRun (defaults)' $tallyfy ("{0:N1} runs/s; {1:N2} requests/run; {2} failed; {3:N0} KB" -f ($ExportCount / $tallyfy), ($requests / $ExportCount), $failedE, ($bytes / 1KB)) ''
    Remove-Item $folder -Recurse -Force

    Reset-TallyfySandbox $sx @seed | Out-Null
    $ids = Get-LiveIds $sx $ExportCount
    Set-TallyfySandboxFault $sx @{ latencyMs = $LatencyMs }
    $mark = Get-TallyfySandboxLastSeq $sx
    $folder = Join-Path ([IO.Path]::GetTempPath()) ('tallyfy-bench-export-' + [guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory $folder | Out-Null
    $t = [Diagnostics.Stopwatch]::StartNew()
    $ids | ForEach-Object -ThrottleLimit 8 -Parallel {
        $run = Invoke-RestMethod -Uri "$($using:base)/organizations/$($using:org)/runs/$($_)?with=tasks,tasks.form_fields,tasks.threads,tags,ko_form_fields,folders" -Headers $using:headers
        $activity = Invoke-RestMethod -Uri "$($using:base)/organizations/$($using:org)/activity-feeds?entity_type=run&entity_id=$($_)&per_page=100" -Headers $using:headers
        [ordered]@{ run = $run.data; activity = $activity.data } | ConvertTo-Json -Depth 20 | Set-Content -LiteralPath (Join-Path $using:folder "$($_).json")
    }
    $t.Stop()
    $parallel = $t.Elapsed.TotalSeconds
    $requestsP = @(Get-TallyfySandboxRequest $sx -Since $mark).Count
    Add-Row 'export' 'ForEach-Object -Parallel 8 + Invoke-RestMethod + ConvertTo-Json' $parallel ("{0:N1} runs/s; {1:N2} requests/run; TallyfyPS {2:N2}x faster" -f ($ExportCount / $parallel), ($requestsP / $ExportCount), ($parallel / $tallyfy)) ''
    Remove-Item $folder -Recurse -Force
    $results.export = [ordered]@{ runs = $ExportCount; seconds = $tallyfy; runsPerSecond = $ExportCount / $tallyfy; requestsPerRun = $requests / $ExportCount;
        parallelSeconds = $parallel; parallelRunsPerSecond = $ExportCount / $parallel; ratio = $parallel / $tallyfy }
}
finally {
    Stop-TallyfySandbox $sx
}
}

# --- 10. The handover: a leaver's assignments moved to another member ------------------------
if ($Scenario -contains 'Handover') {
$sh = Start-TallyfySandbox -Runs $HandoverRuns
try {
    $org = $sh.OrganizationId
    $base = $sh.ApiUri
    $headers = @{ Authorization = "Bearer $($sh.Tokens.admin)"; 'X-Tallyfy-Client' = 'APIClient'; Accept = 'application/json' }
    $session = Connect-Tallyfy -BaseUri $base -OrganizationId $org -AccessToken (ConvertTo-SecureString $sh.Tokens.admin -AsPlainText -Force) -PassThru
    $leaver = 'marco.reyes@acme.example'; $heir = 'dana.whitfield@acme.example'

    Set-TallyfySandboxFault $sh @{ latencyMs = $LatencyMs }
    $mark = Get-TallyfySandboxLastSeq $sh
    $t = [Diagnostics.Stopwatch]::StartNew()
    $plan = @(Get-TallyfyAssignment -User $leaver -Session $session)
    $listed = $t.Elapsed.TotalSeconds
    $listRequests = @(Get-TallyfySandboxRequest $sh -Since $mark).Count
    $mark = Get-TallyfySandboxLastSeq $sh
    $out = @($plan | Move-TallyfyAssignment -To $heir -Session $session -Force -ErrorAction Continue)
    $t.Stop()
    $moved = $t.Elapsed.TotalSeconds - $listed
    $moveRequests = @(Get-TallyfySandboxRequest $sh -Since $mark).Count
    Set-TallyfySandboxFault $sh @{}
    $left = @(Get-TallyfyAssignment -User $leaver -Session $session).Count
    $n = $plan.Count
    Add-Row 'handover' 'Get-TallyfyAssignment | Move-TallyfyAssignment (defaults)' $t.Elapsed.TotalSeconds ("{0} assignments; listing {1} requests ({2:N2}s); move {3:N2} requests/assignment ({4:N2}s); {5} Moved; {6} left" -f $n, $listRequests, $listed, ($moveRequests / [math]::Max(1, $n)), $moved, @($out | Where-Object Status -eq 'Moved').Count, $left) ''

    Reset-TallyfySandbox $sh -Runs $HandoverRuns | Out-Null   # the same seed: the same plan
    $plan = @(Get-TallyfyAssignment -User $leaver -Session $session)
    Set-TallyfySandboxFault $sh @{ latencyMs = $LatencyMs }
    $mark = Get-TallyfySandboxLastSeq $sh
    $t = [Diagnostics.Stopwatch]::StartNew()
    $plan | Select-Object Kind, Id, RunId, TemplateId, Name | ForEach-Object -ThrottleLimit 8 -Parallel {
        $o = "$($using:base)/organizations/$($using:org)"; $h = $using:headers; $from = 1002; $to = 1001
        function Swap($ids) { @(@($ids | ForEach-Object { if ($_ -eq $from) { $to } else { $_ } }) | Select-Object -Unique) }
        function Put($uri, $body) { $null = Invoke-RestMethod -Method Put -Uri $uri -Headers $h -Body ($body | ConvertTo-Json -Depth 5 -Compress) -ContentType 'application/json' }
        $a = $_
        switch ($a.Kind) {
            { $_ -in 'RunTask', 'OneOffTask' } {
                $task = (Invoke-RestMethod -Uri "$o/tasks/$($a.Id)" -Headers $h).data
                $owners = @{ users = @(Swap $task.owners.users); guests = @($task.owners.guests); groups = @($task.owners.groups) }
                if ($a.Kind -eq 'RunTask') { Put "$o/runs/$($a.RunId)/tasks/$($a.Id)" @{ owners = $owners } }
                else { Put "$o/tasks/$($a.Id)" @{ title = $task.title; deadline = $task.deadline; owners = $owners } }
            }
            { $_ -in 'RunOwner', 'RunMember' } {
                $run = (Invoke-RestMethod -Uri "$o/runs/$($a.Id)" -Headers $h).data
                $groups = @($run.groups | ForEach-Object { if ($_ -is [string]) { $_ } else { $_.id } })
                $body = @{ users = @($run.users); groups = $groups }
                if ($a.Kind -eq 'RunOwner') { $body.owner_id = $to } else { $body.users = @(Swap $run.users) }
                Put "$o/runs/$($a.Id)" $body
            }
            'TemplateStep' {
                $step = (Invoke-RestMethod -Uri "$o/checklists/$($a.TemplateId)/steps/$($a.Id)" -Headers $h).data
                Put "$o/checklists/$($a.TemplateId)/steps/$($a.Id)" @{ title = $step.title; assignees = @(Swap $step.assignees); guests = @($step.guests); groups = @($step.groups) }
            }
            'GroupMember' {
                $group = (Invoke-RestMethod -Uri "$o/groups?q=$([uri]::EscapeDataString($a.Name))" -Headers $h).data | Where-Object id -eq $a.Id
                Put "$o/groups/$($a.Id)" @{ name = $group.name; description = $group.description; members = @(Swap $group.members); guests = @($group.guests) }
            }
        }
    }
    $t.Stop()
    $parallel = $t.Elapsed.TotalSeconds
    $requestsP = @(Get-TallyfySandboxRequest $sh -Since $mark).Count
    Set-TallyfySandboxFault $sh @{}
    $leftP = @(Get-TallyfyAssignment -User $leaver -Session $session).Count
    Add-Row 'handover' 'ForEach-Object -Parallel 8 + Invoke-RestMethod (the same plan)' $parallel ("{0:N2} requests/assignment; {1} left (a run owned and joined is read and written twice, concurrently); TallyfyPS move {2:N2}x faster" -f ($requestsP / [math]::Max(1, $n)), $leftP, ($parallel / [math]::Max(0.001, $moved))) ''
    $results.handover = [ordered]@{ assignments = $n; listRequests = $listRequests; moveRequestsPerAssignment = $moveRequests / [math]::Max(1, $n); seconds = $moved; left = $left
        parallelRequestsPerAssignment = $requestsP / [math]::Max(1, $n); parallelSeconds = $parallel; parallelLeft = $leftP }
}
finally {
    Stop-TallyfySandbox $sh
}
}

$results.rows = $rows
$rows | Format-Table -AutoSize -Wrap | Out-String -Width 220 | Write-Host
$dir = $ResultsPath
New-Item -ItemType Directory -Path $dir -Force | Out-Null
$path = Join-Path $dir ("bench-{0:yyyyMMdd-HHmmss}.json" -f (Get-Date).ToUniversalTime())
$results | ConvertTo-Json -Depth 5 | Set-Content $path
Write-Host "Written: $path"
