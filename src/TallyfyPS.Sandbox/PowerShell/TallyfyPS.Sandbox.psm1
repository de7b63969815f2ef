# TallyfyPS.Sandbox: start, drive and stop local Tallyfy sandboxes (the tallyfy-sandbox tool) from PowerShell, to
# test runbooks that use TallyfyPS. Each Start-TallyfySandbox starts a server of its own on a free loopback port.
Set-StrictMode -Version Latest

$script:MainOrg = '5f1e4c2a9b8d4e7f8a6b3c2d1e0f9a8b'
$script:OtherOrg = '7c3d2b1a0f9e8d7c6b5a493827161504'
# The seeded identities with a personal access token (see the sandbox's README).
$script:Identities = [ordered]@{
    admin    = [pscustomobject]@{ Token = 'tly-sandbox-admin-token'; UserId = 1001; Email = 'dana.whitfield@acme.example'; OrganizationId = $script:MainOrg }
    standard = [pscustomobject]@{ Token = 'tly-sandbox-standard-token'; UserId = 1002; Email = 'marco.reyes@acme.example'; OrganizationId = $script:MainOrg }
    light    = [pscustomobject]@{ Token = 'tly-sandbox-light-token'; UserId = 1003; Email = 'priya.natarajan@acme.example'; OrganizationId = $script:MainOrg }
    other    = [pscustomobject]@{ Token = 'tly-sandbox-other-admin-token'; UserId = 2001; Email = 'hank.scorpio@globex.example'; OrganizationId = $script:OtherOrg }
}
$script:IdentityNames = @($script:Identities.Keys)

function Find-SandboxTool {
    # Where the server is, in this order: -Path; TALLYFY_SANDBOX_PATH (or the older TALLYFY_SANDBOX_DLL); the tool
    # inside this module's package (an installed TallyfyPS.Sandbox module carries it); a build of the repository this
    # module sits in; tallyfy-sandbox on PATH; the .NET global tools folder.
    param([string] $Path)
    $candidates = [System.Collections.Generic.List[string]]::new()
    if ($Path) { $candidates.Add($Path) }
    foreach ($name in 'TALLYFY_SANDBOX_PATH', 'TALLYFY_SANDBOX_DLL') {
        $value = [Environment]::GetEnvironmentVariable($name)
        if ($value) { $candidates.Add($value) }
    }
    $candidates.Add((Join-Path $PSScriptRoot 'tools/net10.0/any/TallyfyPS.Sandbox.dll'))
    foreach ($config in 'Release', 'Debug') {
        $candidates.Add((Join-Path $PSScriptRoot "../bin/$config/net10.0/TallyfyPS.Sandbox.dll"))
    }
    $onPath = Get-Command tallyfy-sandbox -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($onPath) { $candidates.Add($onPath.Source) }
    $toolsHome = if ($IsWindows) { $env:USERPROFILE } else { $env:HOME }
    if ($toolsHome) {
        $candidates.Add((Join-Path $toolsHome '.dotnet/tools/tallyfy-sandbox'))
        $candidates.Add((Join-Path $toolsHome '.dotnet/tools/tallyfy-sandbox.exe'))
    }
    foreach ($c in $candidates) {
        if (Test-Path -LiteralPath $c -PathType Leaf) { return (Resolve-Path -LiteralPath $c).ProviderPath }
        if ($c -eq $Path) {
            throw [System.IO.FileNotFoundException]::new("No sandbox at -Path '$Path': give the tallyfy-sandbox command or TallyfyPS.Sandbox.dll.", $Path)
        }
    }
    throw [System.IO.FileNotFoundException]::new('The tallyfy-sandbox tool was not found (not beside this module, not on PATH, not in the .NET global tools folder). Install it with: dotnet tool install --global TallyfyPS.Sandbox (add --add-source <folder> for a local package), or pass -Path.')
}

function Start-TallyfySandbox {
    <#
    .SYNOPSIS
        Starts a local Tallyfy sandbox on a free loopback port and waits until it answers.
    .DESCRIPTION
        Starts the tallyfy-sandbox server (found beside this module, through TALLYFY_SANDBOX_PATH, on PATH or in
        the folder of .NET global tools; or given with -Path) with seeded data, and returns once it listens. The object it
        returns holds the addresses, the seeded organizations, the identities' tokens and the process; pass it to
        the other TallyfyPS.Sandbox commands. The server stops with Stop-TallyfySandbox, and by itself when this
        PowerShell process exits.
    .PARAMETER Runs
        How many runs to seed in the main organization (Acme Operations). 0 to 1,000,000; 60 by default.
    .PARAMETER Seed
        The random seed of the data: the same seed gives the same runs, names and template ids. 42 by default.
    .PARAMETER Port
        The loopback port to listen on; 0 (the default) picks a free one.
    .PARAMETER Path
        The tallyfy-sandbox command or TallyfyPS.Sandbox.dll to run, instead of looking for it.
    .PARAMETER TimeoutSec
        How long to wait for the server to listen before giving up (60 seconds by default).
    .PARAMETER Module
        Print the sandbox's full banner (into the file stdout.txt of the WorkDirectory) with an Import-Module line
        for this TallyfyPS module path or name.
    .EXAMPLE
        $sb = Start-TallyfySandbox -Runs 200
        Connect-TallyfySandbox $sb | Out-Null
        Get-TallyfyRun -First 3
        Stop-TallyfySandbox $sb

        Starts a sandbox with 200 runs, signs TallyfyPS in to it as its administrator, lists three runs and stops it.
    .EXAMPLE
        $sb = Start-TallyfySandbox -Port 5080 -Seed 7
        $sb.ApiUri          # http://127.0.0.1:5080/api

        Starts a sandbox on a known port with other data, for a runbook pointed at TALLYFY_BASE_URI.
    .EXAMPLE
        BeforeAll { $script:sb = Start-TallyfySandbox -Runs 20 }
        AfterAll  { Stop-TallyfySandbox $script:sb }

        In a Pester file: one sandbox for the file, stopped whatever happens.
    .OUTPUTS
        TallyfyPS.Sandbox.Instance
    #>
    [CmdletBinding()]
    [OutputType('TallyfyPS.Sandbox.Instance')]
    param(
        [ValidateRange(0, 1000000)] [int] $Runs = 60,
        [ValidateRange(0, [int]::MaxValue)] [int] $Seed = 42,
        [ValidateRange(0, 65535)] [int] $Port = 0,
        [string] $Path,
        [ValidateRange(1, 600)] [int] $TimeoutSec = 60,
        [string] $Module
    )
    $tool = Find-SandboxTool -Path $Path
    $work = Join-Path ([System.IO.Path]::GetTempPath()) ('tallyfy-sandbox-' + [guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory -Path $work | Out-Null
    $addressFile = Join-Path $work 'address'
    $stdout = Join-Path $work 'stdout.txt'
    $stderr = Join-Path $work 'stderr.txt'
    $arguments = @('--urls', "http://127.0.0.1:$Port", '--address-file', $addressFile, '--parent-pid', $PID, '--runs', $Runs, '--seed', $Seed) +
        $(if ($Module) { '--module', $Module } else { '--quiet' })
    if ($tool -like '*.dll') {
        $file = (Get-Command dotnet -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
        $arguments = @($tool) + $arguments
    }
    else {
        $file = $tool
    }
    # Start-Process joins its arguments with spaces: quote those that hold one (a temp folder under "C:\Users\A B").
    $arguments = @($arguments | ForEach-Object { $a = [string]$_; if ($a -match '[\s"]') { '"' + $a.Replace('"', '\"') + '"' } else { $a } })
    $process = Start-Process -FilePath $file -ArgumentList $arguments -PassThru -NoNewWindow -RedirectStandardOutput $stdout -RedirectStandardError $stderr
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    # With the banner, wait for its last line too: it is written just after the address file.
    while (-not (Test-Path $addressFile) -or ($Module -and -not (Select-String -LiteralPath $stdout -Pattern '^Press Ctrl\+C' -Quiet -ErrorAction SilentlyContinue))) {
        if ($process.HasExited) {
            $err = (Get-Content $stderr -Raw -ErrorAction SilentlyContinue)
            Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
            throw "The sandbox exited with code $($process.ExitCode) before it listened: $("$err".Trim())"
        }
        if ([DateTime]::UtcNow -gt $deadline) {
            $process.Kill()
            Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
            throw "The sandbox did not listen within $TimeoutSec s."
        }
        Start-Sleep -Milliseconds 50
    }
    $address = (Get-Content $addressFile -Raw).Trim()
    $tokens = [ordered]@{}
    foreach ($name in $script:IdentityNames) { $tokens[$name] = $script:Identities[$name].Token }
    [pscustomobject]@{
        PSTypeName          = 'TallyfyPS.Sandbox.Instance'
        BaseAddress         = $address
        ApiUri              = "$address/api"
        OrganizationId      = $script:MainOrg
        OtherOrganizationId = $script:OtherOrg
        Tokens              = $tokens
        Runs                = $Runs
        Seed                = $Seed
        Process             = $process
        Tool                = $tool
        WorkDirectory       = $work
    }
}

function Stop-TallyfySandbox {
    <#
    .SYNOPSIS
        Stops sandboxes started with Start-TallyfySandbox.
    .DESCRIPTION
        Asks the server to stop (SIGTERM on Linux and macOS), waits up to five seconds, then ends it, and removes its
        working folder. A sandbox already stopped, or $null, is ignored, so it is safe in AfterAll and finally blocks.
    .PARAMETER Sandbox
        The sandboxes to stop (from Start-TallyfySandbox), from the pipeline too.
    .EXAMPLE
        Stop-TallyfySandbox $sb

        Stops one sandbox.
    .EXAMPLE
        $all = 1..3 | ForEach-Object { Start-TallyfySandbox -Runs 10 }
        $all | Stop-TallyfySandbox

        Stops several.
    .EXAMPLE
        try { $sb = Start-TallyfySandbox; ./my-runbook.ps1 -BaseUri $sb.ApiUri } finally { Stop-TallyfySandbox $sb }

        Always stops it, even when the runbook throws.
    #>
    [CmdletBinding()]
    param([Parameter(Position = 0, ValueFromPipeline)] [AllowNull()] [psobject[]] $Sandbox)
    process {
        foreach ($s in @($Sandbox)) {
            if (-not $s) { continue }
            $p = $s.Process
            if ($p -and -not $p.HasExited) {
                if ($IsLinux -or $IsMacOS) { & kill -TERM $p.Id 2>$null } else { $p.Kill() }
                if (-not $p.WaitForExit(5000)) { $p.Kill() }
            }
            Remove-Item $s.WorkDirectory -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}

function Invoke-TallyfySandboxControl {
    <#
    .SYNOPSIS
        Calls the sandbox's control surface (/_sandbox/...) and returns the parsed answer.
    .DESCRIPTION
        The control surface lives outside Tallyfy's namespace and needs no token. The other commands of this module
        cover its common uses; this one reaches every endpoint the sandbox's README lists.
    .PARAMETER Sandbox
        The sandbox (from Start-TallyfySandbox).
    .PARAMETER Method
        GET, POST, PUT or DELETE.
    .PARAMETER Path
        The path under /_sandbox/, such as info, limits or state/runs/<id>.
    .PARAMETER Body
        A body, sent as JSON.
    .EXAMPLE
        (Invoke-TallyfySandboxControl $sb GET info).seedSettings

        The settings the data was seeded with.
    .EXAMPLE
        Invoke-TallyfySandboxControl $sb PUT limits @{ commentsPerWindow = 3; commentWindowSeconds = 5 }

        Lowers the hourly comment cap to three per five seconds.
    .EXAMPLE
        Invoke-TallyfySandboxControl $sb GET "state/tasks/$taskId/notifications"

        How many notifications the completions of a task sent.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject] $Sandbox,
        [Parameter(Mandatory, Position = 1)] [ValidateSet('GET', 'POST', 'PUT', 'DELETE')] [string] $Method,
        [Parameter(Mandatory, Position = 2)] [string] $Path,
        [Parameter(Position = 3)] $Body
    )
    $params = @{ Method = $Method; Uri = "$($Sandbox.BaseAddress)/_sandbox/$($Path.TrimStart('/'))"; ContentType = 'application/json' }
    if ($null -ne $Body) { $params.Body = ($Body | ConvertTo-Json -Depth 10 -Compress) }
    Invoke-RestMethod @params
}

function Reset-TallyfySandbox {
    <#
    .SYNOPSIS
        Puts a sandbox back to freshly seeded data, with no faults, switches, limits or request log.
    .DESCRIPTION
        Reseeds the data (60 runs and seed 42 unless told otherwise) and clears the request log, faults, switches,
        limits and issued tokens, so each test starts from the same state without starting a new server.
    .PARAMETER Sandbox
        The sandbox (from Start-TallyfySandbox).
    .PARAMETER Runs
        Runs to seed (60 by default).
    .PARAMETER Seed
        The random seed (42 by default).
    .PARAMETER TasksPerRun
        Tasks of each seeded run (the sandbox's default when not given).
    .PARAMETER CommentsPerTask
        Comments on each seeded task.
    .PARAMETER FormFieldsPerTask
        Form fields of each seeded task (1 to 20).
    .EXAMPLE
        Reset-TallyfySandbox $sb

        Back to 60 runs, seed 42.
    .EXAMPLE
        Reset-TallyfySandbox $sb -Runs 300 -TasksPerRun 5 -CommentsPerTask 3 -FormFieldsPerTask 4

        Data shaped for a backup test.
    .EXAMPLE
        BeforeEach { Reset-TallyfySandbox $sb -Runs 20 }

        In Pester: every test starts from the same 20 runs.
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Low')]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject] $Sandbox,
        [ValidateRange(0, 1000000)] [int] $Runs = 60,
        [ValidateRange(0, [int]::MaxValue)] [int] $Seed = 42,
        [ValidateRange(0, 100)] [int] $TasksPerRun,
        [ValidateRange(0, 100)] [int] $CommentsPerTask,
        [ValidateRange(1, 20)] [int] $FormFieldsPerTask
    )
    $body = @{ runs = $Runs; seed = $Seed }
    foreach ($name in 'TasksPerRun', 'CommentsPerTask', 'FormFieldsPerTask') {
        if ($PSBoundParameters.ContainsKey($name)) { $body[$name.Substring(0, 1).ToLowerInvariant() + $name.Substring(1)] = $PSBoundParameters[$name] }
    }
    if ($PSCmdlet.ShouldProcess($Sandbox.BaseAddress, "Reset to $Runs runs (seed $Seed)")) {
        Invoke-TallyfySandboxControl $Sandbox POST reset $body | Out-Null
    }
}

# Fault parameters of Set-TallyfySandboxFault and the sandbox's names for them.
$script:FaultNames = [ordered]@{
    LatencyMs                 = 'latencyMs'
    LatencyJitterMs           = 'latencyJitterMs'
    LatencyMethods            = 'latencyMethods'
    BurstLimit                = 'burstLimit'
    BurstWindowSeconds        = 'burstWindowSeconds'
    RetryAfter                = 'retryAfter'
    ThrottleRate              = 'throttleRate'
    ThrottleRetryAfterSeconds = 'throttleRetryAfterSeconds'
    ErrorRate                 = 'errorRate'
    ErrorStatuses             = 'errorStatuses'
    ResetBeforeRate           = 'resetBeforeRate'
    ResetAfterRate            = 'resetAfterRate'
    FailIds                   = 'failIds'
    Hostile                   = 'hostile'
    Methods                   = 'methods'
    FaultSeed                 = 'seed'
}

function Set-TallyfySandboxFault {
    <#
    .SYNOPSIS
        Makes a sandbox slow, rate-limited or failing on purpose; with no fault, turns every fault off.
    .DESCRIPTION
        Replaces the sandbox's faults: whatever is not given is off. Give the faults as parameters, or as one
        hashtable in the sandbox's own names (see its README). Rates are shares of requests, 0 to 1; -Methods limits
        the rate faults to those HTTP methods; -FaultSeed makes which requests fail repeatable.
    .PARAMETER Sandbox
        The sandbox (from Start-TallyfySandbox).
    .PARAMETER Fault
        The faults as a hashtable in the sandbox's names (latencyMs, throttleRate, errorRate, ...). @{} turns all off.
    .PARAMETER LatencyMs
        Every answer waits this long.
    .PARAMETER LatencyJitterMs
        Plus up to this much more.
    .PARAMETER LatencyMethods
        The HTTP methods the latency applies to (all by default): -LatencyMethods DELETE makes only archives and deletions slow.
    .PARAMETER BurstLimit
        Burst throttling, as Tallyfy's first layer: more than this many requests of one token within -BurstWindowSeconds
        answer 429 with a short Retry-After. Off by default. (Tallyfy has no per-minute budget; its hourly caps on
        comments and guest invites are limits: Invoke-TallyfySandboxControl $sb PUT limits.)
    .PARAMETER BurstWindowSeconds
        The burst window (2 seconds by default, at most 60).
    .PARAMETER RetryAfter
        How a burst 429 gives Retry-After: seconds, or an HTTP date.
    .PARAMETER ThrottleRate
        This share of requests answers 429.
    .PARAMETER ThrottleRetryAfterSeconds
        The Retry-After of those 429s.
    .PARAMETER ErrorRate
        This share of requests answers one of -ErrorStatuses (nothing is applied).
    .PARAMETER ErrorStatuses
        The statuses of -ErrorRate (500, 502, 503 by default).
    .PARAMETER ResetBeforeRate
        This share of connections is reset before the request is handled (nothing applied).
    .PARAMETER ResetAfterRate
        This share of connections is reset after the change was applied (the client never hears that it was).
    .PARAMETER FailIds
        A request whose path contains a key answers that key's status: @{ '<run id>' = 503 }.
    .PARAMETER Hostile
        Replace answers: @{ mode = 'html'|'truncated'|'invalid-json'|'wrong-types'|'missing-data'|'null-data'|'huge'|'empty-200'|'redirect-other-host'; rate = 1.0; pathContains = '/runs' }.
    .PARAMETER Methods
        The HTTP methods the rate faults apply to (all by default).
    .PARAMETER FaultSeed
        The seed of the fault dice.
    .EXAMPLE
        Set-TallyfySandboxFault $sb -ThrottleRate 0.1 -ErrorRate 0.05 -ResetBeforeRate 0.02 -ResetAfterRate 0.03 -FaultSeed 7

        The removal tests' fault mix: 429s, 5xx, and connections lost before and after a change.
    .EXAMPLE
        Set-TallyfySandboxFault $sb -LatencyMs 100 -BurstLimit 20 -BurstWindowSeconds 2

        100 ms answers, and burst throttling past 20 requests in 2 seconds (429, Retry-After of a second or two).
    .EXAMPLE
        Set-TallyfySandboxFault $sb

        Turns every fault off.
    #>
    [CmdletBinding(DefaultParameterSetName = 'Named', SupportsShouldProcess, ConfirmImpact = 'Low')]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject] $Sandbox,
        [Parameter(Mandatory, Position = 1, ParameterSetName = 'Table')] [AllowEmptyCollection()] [hashtable] $Fault,
        [Parameter(ParameterSetName = 'Named')] [ValidateRange(0, 600000)] [int] $LatencyMs,
        [Parameter(ParameterSetName = 'Named')] [ValidateRange(0, 600000)] [int] $LatencyJitterMs,
        [Parameter(ParameterSetName = 'Named')] [ValidateSet('GET', 'POST', 'PUT', 'DELETE')] [string[]] $LatencyMethods,
        [Parameter(ParameterSetName = 'Named')] [ValidateRange(1, 1000000)] [int] $BurstLimit,
        [Parameter(ParameterSetName = 'Named')] [ValidateRange(1, 60)] [int] $BurstWindowSeconds,
        [Parameter(ParameterSetName = 'Named')] [ValidateSet('seconds', 'date')] [string] $RetryAfter,
        [Parameter(ParameterSetName = 'Named')] [ValidateRange(0.0, 1.0)] [double] $ThrottleRate,
        [Parameter(ParameterSetName = 'Named')] [ValidateRange(0, 3600)] [int] $ThrottleRetryAfterSeconds,
        [Parameter(ParameterSetName = 'Named')] [ValidateRange(0.0, 1.0)] [double] $ErrorRate,
        [Parameter(ParameterSetName = 'Named')] [ValidateRange(400, 599)] [int[]] $ErrorStatuses,
        [Parameter(ParameterSetName = 'Named')] [ValidateRange(0.0, 1.0)] [double] $ResetBeforeRate,
        [Parameter(ParameterSetName = 'Named')] [ValidateRange(0.0, 1.0)] [double] $ResetAfterRate,
        [Parameter(ParameterSetName = 'Named')] [hashtable] $FailIds,
        [Parameter(ParameterSetName = 'Named')] [hashtable] $Hostile,
        [Parameter(ParameterSetName = 'Named')] [ValidateSet('GET', 'POST', 'PUT', 'DELETE')] [string[]] $Methods,
        [Parameter(ParameterSetName = 'Named')] [int] $FaultSeed
    )
    $body = if ($PSCmdlet.ParameterSetName -eq 'Table') { $Fault } else {
        $named = @{}
        foreach ($name in $script:FaultNames.Keys) {
            if ($PSBoundParameters.ContainsKey($name)) { $named[$script:FaultNames[$name]] = $PSBoundParameters[$name] }
        }
        $named
    }
    $what = if ($body.Count) { ($body.Keys | Sort-Object) -join ', ' } else { 'no fault' }
    if ($PSCmdlet.ShouldProcess($Sandbox.BaseAddress, "Set faults: $what")) {
        Invoke-TallyfySandboxControl $Sandbox PUT faults $body | Out-Null
    }
}

function Move-TallyfySandboxClock {
    <#
    .SYNOPSIS
        Moves a sandbox's clock ahead, so a test can "wait an hour" for the hourly caps at once.
    .DESCRIPTION
        The sandbox's clock stamps changes and counts the hourly caps (comment posts, guest invites). Moving it
        ahead by the cap's window frees the cap. -Seconds moves it on from where it is; -Reset puts it back to the
        real time. Reset-TallyfySandbox resets it too. Writes the clock ({now, offsetSeconds}).
    .PARAMETER Sandbox
        The sandbox (from Start-TallyfySandbox).
    .PARAMETER Seconds
        How far to move the clock ahead.
    .PARAMETER Reset
        Put the clock back to the real time.
    .EXAMPLE
        Move-TallyfySandboxClock $sb -Seconds 3600

        An hour later for the sandbox: the comment and guest-invite caps are free again.
    .EXAMPLE
        Invoke-TallyfySandboxControl $sb PUT limits @{ commentsPerWindow = 5 }
        1..6 | ForEach-Object { $taskId } | Add-TallyfyComment -Text 'Ping' -Journal ./ping.json
        Move-TallyfySandboxClock $sb -Seconds 3600
        1..6 | ForEach-Object { $taskId } | Add-TallyfyComment -Text 'Ping' -Journal ./ping.json

        Five comments and one NotAttempted (RateLimited); an hour later the rerun posts the sixth only.
    .EXAMPLE
        Move-TallyfySandboxClock $sb -Reset

        The sandbox's clock back to the real time (Reset-TallyfySandbox does it too).
    #>
    [CmdletBinding(DefaultParameterSetName = 'Move', SupportsShouldProcess, ConfirmImpact = 'Low')]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject] $Sandbox,
        [Parameter(Mandatory, Position = 1, ParameterSetName = 'Move')] [ValidateRange(1, 315360000)] [double] $Seconds,
        [Parameter(Mandatory, ParameterSetName = 'Reset')] [switch] $Reset
    )
    $what = if ($Reset) { 'Reset the clock to the real time' } else { "Move the clock $Seconds s ahead" }
    if ($PSCmdlet.ShouldProcess($Sandbox.BaseAddress, $what)) {
        if ($Reset) { Invoke-TallyfySandboxControl $Sandbox PUT clock @{ offsetSeconds = 0 } }
        else { Invoke-TallyfySandboxControl $Sandbox POST clock/advance @{ seconds = $Seconds } }
    }
}

function Set-TallyfySandboxSwitch {
    <#
    .SYNOPSIS
        Chooses how a sandbox answers where Tallyfy's behaviour is open (a re-archive's status, a 404 for archived runs, ...).
    .DESCRIPTION
        Replaces the sandbox's switches: those not given take their defaults. The switches and their values are
        listed in the sandbox's README (archivedRunGet, rearchive, deleteNotArchived, permanentDeleteSuccess,
        lastPageLinks, formFieldValueKey, progressAsInt, threadIdType, ignoreSort, activityFieldsAsArrays,
        commentDeleteSuccess, oauthTokenLifetimeSeconds, deadlineForm, oneOffArchiveMarker, completedTaskComplete,
        archiveAnswerStatus, runTagEntries, oauthTokenUnderApi, burstBody, rateLimitHeaders, sharedMembership, folderDeleteSuccess,
        folderObjectDeleteSuccess, runFolderEntries). Test a runbook under each
        value: the real service may
        answer either way.
    .PARAMETER Sandbox
        The sandbox (from Start-TallyfySandbox).
    .PARAMETER Switch
        The switches, as a hashtable in the sandbox's names. @{} puts every switch back to its default.
    .EXAMPLE
        Set-TallyfySandboxSwitch $sb @{ archivedRunGet = '404'; rearchive = '404' }

        Archived runs read as 404 and re-archiving answers 404, as Tallyfy may.
    .EXAMPLE
        Set-TallyfySandboxSwitch $sb @{ ignoreSort = $true }

        The runs list ignores sort=, so a runbook must not rely on it.
    .EXAMPLE
        Set-TallyfySandboxSwitch $sb @{}

        Every switch back to its default.
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Low')]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject] $Sandbox,
        [Parameter(Position = 1)] [hashtable] $Switch = @{}
    )
    if ($PSCmdlet.ShouldProcess($Sandbox.BaseAddress, 'Set switches')) {
        Invoke-TallyfySandboxControl $Sandbox PUT switches $Switch | Out-Null
    }
}

function Get-TallyfySandboxRequest {
    <#
    .SYNOPSIS
        Reads a sandbox's request log: every request it received, oldest first.
    .DESCRIPTION
        Each entry is a TallyfyPS.Sandbox.Request with Seq, Time, Method, Path, Query, Status, UserId and Fault (the
        fault injected, if any). Seq orders the answers; StartSeq numbers the requests as they arrived, and
        StartsAtAnswer is how many had arrived when the entry's answer was logged, so a request whose StartSeq is
        greater than another's StartsAtAnswer started after that answer. Deadlines holds the raw text of every deadline
        the request's body carried (top level and a launch's tasks), exactly as sent. Use it to prove what a runbook sent: nothing with -WhatIf, one DELETE per run, no
        request after a stop. -Since takes the Seq of an earlier entry or of Get-TallyfySandboxLastSeq.
    .PARAMETER Sandbox
        The sandbox (from Start-TallyfySandbox).
    .PARAMETER Since
        Only the requests logged after this sequence number.
    .PARAMETER Method
        Only these HTTP methods.
    .PARAMETER Mutating
        Only requests that can change something (not GET or HEAD).
    .PARAMETER Path
        Only requests whose path matches this wildcard pattern, such as '*/runs/*'.
    .EXAMPLE
        $mark = Get-TallyfySandboxLastSeq $sb
        Get-TallyfyRun | Remove-TallyfyRun -WhatIf
        Get-TallyfySandboxRequest $sb -Since $mark -Mutating    # nothing

        Proves that -WhatIf sent no change.
    .EXAMPLE
        Get-TallyfySandboxRequest $sb -Method DELETE | Group-Object Path | Where-Object Count -gt 1

        Finds anything deleted twice.
    .EXAMPLE
        Get-TallyfySandboxRequest $sb -Path '*/runs/*' | Group-Object Status -NoElement

        Answers to run requests by status.
    .OUTPUTS
        TallyfyPS.Sandbox.Request
    #>
    [CmdletBinding()]
    [OutputType('TallyfyPS.Sandbox.Request')]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject] $Sandbox,
        [long] $Since = 0,
        [ValidateSet('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE')] [string[]] $Method,
        [switch] $Mutating,
        [string] $Path
    )
    foreach ($e in @((Invoke-TallyfySandboxControl $Sandbox GET "requests?since=$Since").data)) {
        if ($Mutating -and ($e.method -eq 'GET' -or $e.method -eq 'HEAD')) { continue }
        if ($Method -and $Method -notcontains $e.method) { continue }
        if ($Path -and $e.path -notlike $Path) { continue }
        [pscustomobject]@{
            PSTypeName = 'TallyfyPS.Sandbox.Request'
            Seq        = [long]$e.seq
            Time       = [DateTimeOffset]::Parse([string]$e.time, [cultureinfo]::InvariantCulture)
            Method     = [string]$e.method
            Path       = [string]$e.path
            Query      = [string]$e.query
            Status     = [int]$e.status
            UserId     = if ($null -ne $e.userId) { [int]$e.userId } else { $null }
            Fault      = $e.fault
            StartSeq   = [long]$e.startSeq
            StartsAtAnswer = [long]$e.startsAtAnswer
            # The sandbox sends each as its JSON text (quotes kept, so it is never read as a date): the string as sent.
            Deadlines  = @($e.deadlines | Where-Object { $null -ne $_ } | ForEach-Object { $_ -replace '^"(.*)"$', '$1' })
        }
    }
}

function Get-TallyfySandboxLastSeq {
    <#
    .SYNOPSIS
        The sequence number of the last request a sandbox logged (0 when none).
    .DESCRIPTION
        Take it before the code under test runs, and pass it to Get-TallyfySandboxRequest -Since afterwards to see
        only what that code sent. Cheap: it does not read the log.
    .PARAMETER Sandbox
        The sandbox (from Start-TallyfySandbox).
    .EXAMPLE
        $mark = Get-TallyfySandboxLastSeq $sb
        ./retention.ps1
        @(Get-TallyfySandboxRequest $sb -Since $mark -Method DELETE).Count

        How many DELETEs the runbook sent.
    .EXAMPLE
        Get-TallyfySandboxLastSeq $sb

        How many requests the sandbox has answered since its last reset.
    .EXAMPLE
        $before = Get-TallyfySandboxLastSeq $sb; Get-TallyfyRun -First 1 | Out-Null
        (Get-TallyfySandboxLastSeq $sb) - $before    # 1

        One listing page is one request.
    .OUTPUTS
        System.Int64
    #>
    [CmdletBinding()]
    [OutputType([long])]
    param([Parameter(Mandatory, Position = 0)] [psobject] $Sandbox)
    [long](Invoke-TallyfySandboxControl $Sandbox GET "requests?since=$([long]::MaxValue)").lastSeq
}

function Clear-TallyfySandboxRequest {
    <#
    .SYNOPSIS
        Empties a sandbox's request log.
    .DESCRIPTION
        Sequence numbers go on from where they were; only the entries go.
    .PARAMETER Sandbox
        The sandbox (from Start-TallyfySandbox).
    .EXAMPLE
        Clear-TallyfySandboxRequest $sb; ./runbook.ps1; Get-TallyfySandboxRequest $sb

        Only the runbook's requests.
    .EXAMPLE
        BeforeEach { Clear-TallyfySandboxRequest $sb }

        In Pester: each test reads its own requests.
    .EXAMPLE
        Clear-TallyfySandboxRequest $sb -WhatIf

        Says what it would do.
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Low')]
    param([Parameter(Mandatory, Position = 0)] [psobject] $Sandbox)
    if ($PSCmdlet.ShouldProcess($Sandbox.BaseAddress, 'Clear the request log')) {
        Invoke-TallyfySandboxControl $Sandbox DELETE requests | Out-Null
    }
}

function Revoke-TallyfySandboxToken {
    <#
    .SYNOPSIS
        Revokes tokens, as when a user logs out of Tallyfy or an admin revokes an OAuth client, to test a run that loses its credentials.
    .DESCRIPTION
        Issued OAuth access tokens stop working (and refresh tokens with -RefreshToken). With -PersonalAccessToken,
        personal access tokens answer 401 too: every user's, or those of the users given with -UserId. A reset brings
        them back.
    .PARAMETER Sandbox
        The sandbox (from Start-TallyfySandbox).
    .PARAMETER PersonalAccessToken
        Revoke personal access tokens too.
    .PARAMETER UserId
        With -PersonalAccessToken, only these users' tokens (1001 is the admin).
    .PARAMETER RefreshToken
        Revoke refresh tokens too.
    .EXAMPLE
        Revoke-TallyfySandboxToken $sb -PersonalAccessToken -UserId 1001

        The admin logged out: runs signed in with the admin's token get 401 from now on.
    .EXAMPLE
        Revoke-TallyfySandboxToken $sb

        Issued OAuth access tokens stop working; a client-credentials session gets a new one.
    .EXAMPLE
        Revoke-TallyfySandboxToken $sb -RefreshToken

        Access and refresh tokens stop working.
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Low')]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject] $Sandbox,
        [switch] $PersonalAccessToken,
        [int[]] $UserId,
        [switch] $RefreshToken
    )
    $body = @{ refreshTokens = [bool]$RefreshToken }
    # (Assigned in each branch: an if statement's output would unroll a one-id list into a bare number.)
    if ($PersonalAccessToken -and $UserId) { $body.personalAccessTokens = [int[]]$UserId }
    elseif ($PersonalAccessToken) { $body.personalAccessTokens = $true }
    elseif ($UserId) { throw [System.ArgumentException]::new('-UserId needs -PersonalAccessToken: it says whose personal access tokens to revoke.') }
    if ($PSCmdlet.ShouldProcess($Sandbox.BaseAddress, 'Revoke tokens')) {
        Invoke-TallyfySandboxControl $Sandbox POST revoke-tokens $body
    }
}

function Get-TallyfySandboxState {
    <#
    .SYNOPSIS
        What a sandbox stored for a run or a task, past the API (which may hide or reshape it).
    .DESCRIPTION
        Proves what a runbook changed: a run's users and groups after an update, a task's owners in all three
        buckets, its form-field values in their stored shape, how many notifications its completions sent.
    .PARAMETER Sandbox
        The sandbox (from Start-TallyfySandbox).
    .PARAMETER RunId
        A run's id.
    .PARAMETER TaskId
        A task's id.
    .PARAMETER Notifications
        With -TaskId: the notifications and webhooks its completions sent.
    .EXAMPLE
        (Get-TallyfySandboxState $sb -RunId $run.Id).users

        The run's assigned users as stored.
    .EXAMPLE
        Get-TallyfySandboxState $sb -TaskId $task.Id -Notifications

        Counts the notifications of a task (a second completion must not send one).
    .EXAMPLE
        (Get-TallyfySandboxState $sb -TaskId $task.Id).owners

        A task's users, guests and groups.
    #>
    [CmdletBinding(DefaultParameterSetName = 'Run')]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject] $Sandbox,
        [Parameter(Mandatory, ParameterSetName = 'Run')] [string] $RunId,
        [Parameter(Mandatory, ParameterSetName = 'Task')] [string] $TaskId,
        [Parameter(ParameterSetName = 'Task')] [switch] $Notifications
    )
    $path = if ($RunId) { "state/runs/$RunId" } elseif ($Notifications) { "state/tasks/$TaskId/notifications" } else { "state/tasks/$TaskId" }
    Invoke-TallyfySandboxControl $Sandbox GET $path
}

function Connect-TallyfySandbox {
    <#
    .SYNOPSIS
        Signs TallyfyPS in to a sandbox as one of its seeded users, and returns the session.
    .DESCRIPTION
        Runs Connect-Tallyfy with the sandbox's API address, the identity's organization and personal access token.
        The session becomes current, as with Connect-Tallyfy. Needs the TallyfyPS module.
    .PARAMETER Sandbox
        The sandbox (from Start-TallyfySandbox).
    .PARAMETER As
        admin (dana.whitfield@acme.example, the default), standard, light (Acme Operations) or other (the admin of
        Globex Field Services, another organization).
    .PARAMETER MaxRetries
        Connect-Tallyfy -MaxRetries (5 by default).
    .PARAMETER MaxWaitSec
        Connect-Tallyfy -MaxWaitSec, the longest wait for one 429 (Connect-Tallyfy's default, 60, unless given).
    .EXAMPLE
        $s = Connect-TallyfySandbox $sb
        Get-TallyfyRun -Session $s -First 5

        Signs in as the administrator.
    .EXAMPLE
        $s = Connect-TallyfySandbox $sb -As standard
        Get-TallyfyRun -First 1 | Remove-TallyfyRun -Permanent -Force    # AdministratorRequired

        A standard member may not delete for good.
    .EXAMPLE
        Connect-TallyfySandbox $sb -MaxRetries 0 | Out-Null

        No retries: every fault shows.
    .OUTPUTS
        TallyfyPS.Model.TallyfySession
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject] $Sandbox,
        [ValidateSet('admin', 'standard', 'light', 'other')] [string] $As = 'admin',
        [ValidateRange(0, 20)] [int] $MaxRetries = 5,
        [ValidateRange(0, 3600)] [int] $MaxWaitSec
    )
    if (-not (Get-Command Connect-Tallyfy -ErrorAction SilentlyContinue)) {
        throw [System.Management.Automation.CommandNotFoundException]::new('Connect-TallyfySandbox needs the TallyfyPS module: Install-PSResource TallyfyPS, or Import-Module it.')
    }
    $identity = $script:Identities[$As]
    $token = ConvertTo-SecureString $identity.Token -AsPlainText -Force
    $wait = if ($PSBoundParameters.ContainsKey('MaxWaitSec')) { @{ MaxWaitSec = $MaxWaitSec } } else { @{} }
    Connect-Tallyfy -BaseUri $Sandbox.ApiUri -OrganizationId $identity.OrganizationId -AccessToken $token -PassThru -MaxRetries $MaxRetries @wait
}

function Invoke-TallyfySandboxApi {
    <#
    .SYNOPSIS
        A raw call to a sandbox's Tallyfy API, to set up or check data beside the code under test.
    .DESCRIPTION
        Sends the request with an identity's token and the headers Tallyfy needs, and returns Status and Body (the
        parsed answer), whatever the status. The path is under /api/.
    .PARAMETER Sandbox
        The sandbox (from Start-TallyfySandbox).
    .PARAMETER Method
        The HTTP method (GET by default).
    .PARAMETER Path
        The path under /api/, such as organizations/<org>/runs?per_page=5.
    .PARAMETER Body
        A body, sent as JSON.
    .PARAMETER As
        The identity whose token is sent (admin by default).
    .PARAMETER Token
        Send this token instead.
    .EXAMPLE
        (Invoke-TallyfySandboxApi $sb -Path "organizations/$($sb.OrganizationId)/runs?status=complete").Body.meta.pagination.total

        How many completed runs there are.
    .EXAMPLE
        Invoke-TallyfySandboxApi $sb -Method DELETE -Path "organizations/$($sb.OrganizationId)/runs/$id"

        Archives a run behind the runbook's back.
    .EXAMPLE
        (Invoke-TallyfySandboxApi $sb -Path me -As light).Body.data.email

        Who the light identity is.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject] $Sandbox,
        [ValidateSet('GET', 'POST', 'PUT', 'PATCH', 'DELETE')] [string] $Method = 'GET',
        [Parameter(Mandatory)] [string] $Path,
        $Body,
        [ValidateSet('admin', 'standard', 'light', 'other')] [string] $As = 'admin',
        [string] $Token
    )
    if (-not $Token) { $Token = $script:Identities[$As].Token }
    $params = @{
        Method             = $Method
        Uri                = "$($Sandbox.ApiUri)/$($Path.TrimStart('/'))"
        Headers            = @{ Authorization = "Bearer $Token"; 'X-Tallyfy-Client' = 'APIClient'; Accept = 'application/json' }
        SkipHttpErrorCheck = $true
        StatusCodeVariable = 'status'
    }
    if ($null -ne $Body) { $params.Body = ($Body | ConvertTo-Json -Depth 10 -Compress); $params.ContentType = 'application/json' }
    $response = Invoke-RestMethod @params
    [pscustomobject]@{ Status = $status; Body = $response }
}

function Get-TallyfySandboxRunId {
    <#
    .SYNOPSIS
        Ids of a sandbox's runs, straight from its API (all pages).
    .DESCRIPTION
        For tests that need ids to feed the code under test, or to check what is left afterwards.
    .PARAMETER Sandbox
        The sandbox (from Start-TallyfySandbox).
    .PARAMETER Status
        Only runs with this status (active, complete, problem, ...).
    .PARAMETER Archived
        true: live and archived runs; only: archived runs only; not given: live runs.
    .PARAMETER As
        The identity whose organization is listed (admin by default).
    .EXAMPLE
        $ids = Get-TallyfySandboxRunId $sb -Status complete
        $ids | Remove-TallyfyRun -Permanent -Force

        Deletes every completed run.
    .EXAMPLE
        @(Get-TallyfySandboxRunId $sb -Archived only).Count

        How many runs are archived.
    .EXAMPLE
        Get-TallyfySandboxRunId $sb -As other

        The runs of the other organization.
    .OUTPUTS
        System.String
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject] $Sandbox,
        [string] $Status,
        [ValidateSet('true', 'only')] [string] $Archived,
        [ValidateSet('admin', 'standard', 'light', 'other')] [string] $As = 'admin'
    )
    $org = $script:Identities[$As].OrganizationId
    $page = 1
    do {
        $q = "per_page=100&page=$page"
        if ($Status) { $q += "&status=$([uri]::EscapeDataString($Status))" }
        if ($Archived) { $q += "&archived=$Archived" }
        $r = Invoke-TallyfySandboxApi $Sandbox -Path "organizations/$org/runs?$q" -As $As
        if ($r.Status -ne 200) { throw "The sandbox answered $($r.Status) to the runs list." }
        foreach ($run in $r.Body.data) { $run.id }
        $page++
    } while ($r.Body.meta.pagination.current_page -lt $r.Body.meta.pagination.total_pages)
}

Export-ModuleMember -Function Start-TallyfySandbox, Stop-TallyfySandbox, Reset-TallyfySandbox, Set-TallyfySandboxFault,
    Set-TallyfySandboxSwitch, Get-TallyfySandboxRequest, Get-TallyfySandboxLastSeq, Clear-TallyfySandboxRequest,
    Revoke-TallyfySandboxToken, Get-TallyfySandboxState, Connect-TallyfySandbox, Invoke-TallyfySandboxApi,
    Invoke-TallyfySandboxControl, Get-TallyfySandboxRunId, Move-TallyfySandboxClock
