<#
    Starts and drives a Tallyfy sandbox process for tests, the demo and benchmarks.
    Each Start-TallyfySandbox starts its own server on a free loopback port; Stop-TallyfySandbox
    always stops it (and the server exits by itself if this process dies).
#>
Set-StrictMode -Version Latest

$script:AdminToken = 'tly-sandbox-admin-token'
$script:Tokens = @{
    admin = 'tly-sandbox-admin-token'
    standard = 'tly-sandbox-standard-token'
    light = 'tly-sandbox-light-token'
    other = 'tly-sandbox-other-admin-token'
}
$script:MainOrg = '5f1e4c2a9b8d4e7f8a6b3c2d1e0f9a8b'
$script:OtherOrg = '7c3d2b1a0f9e8d7c6b5a493827161504'

function Get-SandboxDll {
    if ($env:TALLYFY_SANDBOX_DLL -and (Test-Path $env:TALLYFY_SANDBOX_DLL)) { return $env:TALLYFY_SANDBOX_DLL }
    $root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
    foreach ($config in 'Release', 'Debug') {
        $dll = Join-Path $root "src/TallyfyPS.Sandbox/bin/$config/net10.0/TallyfyPS.Sandbox.dll"
        if (Test-Path $dll) { return $dll }
    }
    throw 'The sandbox is not built: run ./build.ps1 -Task Build (or set TALLYFY_SANDBOX_DLL).'
}

function Start-TallyfySandbox {
    [CmdletBinding()]
    param([int] $Runs = 60, [int] $Seed = 42, [int] $TimeoutSec = 60)
    $dll = Get-SandboxDll
    $work = Join-Path ([System.IO.Path]::GetTempPath()) ("tallyfy-sandbox-" + [guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory -Path $work | Out-Null
    $addressFile = Join-Path $work 'address'
    $dotnet = (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source
    $arguments = @($dll, '--urls', 'http://127.0.0.1:0', '--address-file', $addressFile, '--parent-pid', $PID, '--runs', $Runs, '--seed', $Seed, '--quiet')
    $process = Start-Process -FilePath $dotnet -ArgumentList $arguments -PassThru -NoNewWindow `
        -RedirectStandardOutput (Join-Path $work 'stdout.txt') -RedirectStandardError (Join-Path $work 'stderr.txt')
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while (-not (Test-Path $addressFile)) {
        if ($process.HasExited) {
            $err = Get-Content (Join-Path $work 'stderr.txt') -Raw -ErrorAction SilentlyContinue
            throw "The sandbox exited with code $($process.ExitCode) before it listened: $err"
        }
        if ([DateTime]::UtcNow -gt $deadline) {
            $process.Kill()
            throw "The sandbox did not start within $TimeoutSec s."
        }
        Start-Sleep -Milliseconds 50
    }
    $address = (Get-Content $addressFile -Raw).Trim()
    [pscustomobject]@{
        PSTypeName = 'TallyfyPS.Sandbox'
        Process = $process
        BaseAddress = $address
        ApiUri = "$address/api"
        OrganizationId = $script:MainOrg
        OtherOrganizationId = $script:OtherOrg
        Tokens = $script:Tokens
        WorkDirectory = $work
    }
}

function Stop-TallyfySandbox {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)] $Sandbox)
    process {
        if (-not $Sandbox) { return }
        $p = $Sandbox.Process
        if ($p -and -not $p.HasExited) {
            if ($IsLinux -or $IsMacOS) { & kill -TERM $p.Id 2>$null } else { $p.Kill() }
            if (-not $p.WaitForExit(5000)) { $p.Kill() }
        }
        Remove-Item $Sandbox.WorkDirectory -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Invoke-SandboxControl {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Sandbox,
        [Parameter(Mandatory)] [ValidateSet('GET', 'POST', 'PUT', 'DELETE')] [string] $Method,
        [Parameter(Mandatory)] [string] $Path,
        $Body
    )
    $params = @{ Method = $Method; Uri = "$($Sandbox.BaseAddress)/_sandbox/$Path"; ContentType = 'application/json' }
    if ($null -ne $Body) { $params.Body = ($Body | ConvertTo-Json -Depth 10 -Compress) }
    Invoke-RestMethod @params
}

function Reset-TallyfySandbox {
    param([Parameter(Mandatory)] $Sandbox, [int] $Runs = 60, [int] $Seed = 42)
    Invoke-SandboxControl $Sandbox POST reset @{ runs = $Runs; seed = $Seed } | Out-Null
}

function Set-TallyfySandboxFault {
    param([Parameter(Mandatory)] $Sandbox, [hashtable] $Fault = @{})
    Invoke-SandboxControl $Sandbox PUT faults $Fault | Out-Null
}

function Set-TallyfySandboxSwitch {
    param([Parameter(Mandatory)] $Sandbox, [hashtable] $Switch = @{})
    Invoke-SandboxControl $Sandbox PUT switches $Switch | Out-Null
}

function Get-TallyfySandboxRequest {
    param([Parameter(Mandatory)] $Sandbox, [long] $Since = 0, [switch] $Mutating)
    $entries = @((Invoke-SandboxControl $Sandbox GET "requests?since=$Since").data)
    if ($Mutating) { $entries = @($entries | Where-Object { $_.method -ne 'GET' -and $_.method -ne 'HEAD' }) }
    $entries
}

function Clear-TallyfySandboxRequest {
    param([Parameter(Mandatory)] $Sandbox)
    Invoke-SandboxControl $Sandbox DELETE requests | Out-Null
}

function Connect-TallyfySandbox {
    <# Connects the module to the sandbox as the given user and returns the session. #>
    param([Parameter(Mandatory)] $Sandbox, [ValidateSet('admin', 'standard', 'light', 'other')] [string] $As = 'admin')
    $org = if ($As -eq 'other') { $script:OtherOrg } else { $script:MainOrg }
    $token = ConvertTo-SecureString $script:Tokens[$As] -AsPlainText -Force
    Connect-Tallyfy -BaseUri $Sandbox.ApiUri -OrganizationId $org -AccessToken $token -PassThru -MaxRetries 5
}

function Invoke-SandboxApi {
    <# A raw call to the sandbox's Tallyfy API (for setting up and checking state in tests). #>
    param(
        [Parameter(Mandatory)] $Sandbox,
        [string] $Method = 'GET',
        [Parameter(Mandatory)] [string] $Path,
        $Body,
        [string] $Token = $script:AdminToken
    )
    $params = @{
        Method = $Method
        Uri = "$($Sandbox.ApiUri)/$($Path.TrimStart('/'))"
        Headers = @{ Authorization = "Bearer $Token"; 'X-Tallyfy-Client' = 'APIClient'; Accept = 'application/json' }
        SkipHttpErrorCheck = $true
        StatusCodeVariable = 'status'
    }
    if ($null -ne $Body) { $params.Body = ($Body | ConvertTo-Json -Depth 10 -Compress); $params.ContentType = 'application/json' }
    $response = Invoke-RestMethod @params
    [pscustomobject]@{ Status = $status; Body = $response }
}

function Get-SandboxRunId {
    <# Ids of runs in the main organization, straight from the API (archived = 'only', 'true' or none). #>
    param([Parameter(Mandatory)] $Sandbox, [string] $Status, [string] $Archived, [string] $Token = $script:AdminToken)
    $ids = [System.Collections.Generic.List[string]]::new()
    $page = 1
    do {
        $q = "per_page=100&page=$page"
        if ($Status) { $q += "&status=$Status" }
        if ($Archived) { $q += "&archived=$Archived" }
        $r = Invoke-SandboxApi -Sandbox $Sandbox -Path "organizations/$script:MainOrg/runs?$q" -Token $Token
        foreach ($run in $r.Body.data) { $ids.Add($run.id) }
        $page++
    } while ($r.Body.meta.pagination.current_page -lt $r.Body.meta.pagination.total_pages)
    $ids.ToArray()
}

Export-ModuleMember -Function Start-TallyfySandbox, Stop-TallyfySandbox, Invoke-SandboxControl, Reset-TallyfySandbox,
    Set-TallyfySandboxFault, Set-TallyfySandboxSwitch, Get-TallyfySandboxRequest, Clear-TallyfySandboxRequest,
    Connect-TallyfySandbox, Invoke-SandboxApi, Get-SandboxRunId
