# Dot-sourced by every *.Tests.ps1 in BeforeAll: imports the module under test (the laid-out
# module, or the installed package with -Installed) and the TallyfyPS.Sandbox module that drives
# sandboxes (from the repository, or installed from its package with -Installed, with its own tool).
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
if ($env:TALLYFY_TEST_INSTALLED -eq '1') { Import-Module TallyfyPS.Sandbox -Force }
else { Import-Module (Join-Path $PSScriptRoot '../../src/TallyfyPS.Sandbox/PowerShell/TallyfyPS.Sandbox.psd1') -Force }
if ($env:TALLYFY_TEST_INSTALLED -eq '1') {
    $script:ModuleUnderTest = (Get-Module TallyfyPS -ListAvailable | Sort-Object Version -Descending | Select-Object -First 1).Path
    if (-not $script:ModuleUnderTest) { throw 'TallyfyPS is not installed (Install-PSResource); -Installed needs it.' }
}
elseif ($env:TALLYFY_TEST_MODULE) {
    $script:ModuleUnderTest = $env:TALLYFY_TEST_MODULE
}
else {
    # The version the repository's manifest names (an older layout may still be there).
    $version = (Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../TallyfyPS.psd1')).ModuleVersion
    $script:ModuleUnderTest = (Resolve-Path (Join-Path $PSScriptRoot "../../out/TallyfyPS/$version/TallyfyPS.psd1")).Path
}
Import-Module $script:ModuleUnderTest -Force
# The module's per-user state (the record of runs restored to be read) goes to a folder of this test process, never the
# user's own; child pwsh processes inherit it.
if (-not $env:TALLYFY_STATE_PATH) { $env:TALLYFY_STATE_PATH = Join-Path ([IO.Path]::GetTempPath()) ('tallyfy-state-' + [guid]::NewGuid().ToString('n')) }

# The start of a child pwsh that runs a script file against the same module (for the two functions below).
function New-ChildPwshStartInfo([string] $File, [string[]] $Arguments, [switch] $NonInteractive, [hashtable] $Environment) {
    $exe = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $psi = [Diagnostics.ProcessStartInfo]::new($exe)
    if ((Split-Path $exe -Leaf) -like 'dotnet*') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    foreach ($a in @('-NoProfile') + $(if ($NonInteractive) { '-NonInteractive' }) + @('-File', $File) + $Arguments) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    $psi.Environment['NO_COLOR'] = '1'
    $psi.Environment['TALLYFY_TEST_MODULE'] = $script:ModuleUnderTest
    foreach ($k in $Environment.Keys) { $psi.Environment[$k] = [string]$Environment[$k] }
    # With a private HOME, run there too: NuGet inside PSResourceGet writes NuGet/NuGet.Config relative to the working directory.
    if ($Environment.ContainsKey('HOME')) { $psi.WorkingDirectory = [string]$Environment['HOME'] }
    $psi
}

function New-ChildScriptFile([string] $Script) {
    $file = Join-Path ([IO.Path]::GetTempPath()) ("tallyfy-child-" + [guid]::NewGuid().ToString('n') + '.ps1')
    Set-Content -LiteralPath $file -Value $Script -Encoding utf8
    $file
}

# A child pwsh that runs a script against the same module (for non-interactive hosts, prompts, transcripts).
function Invoke-ChildPwsh {
    param([Parameter(Mandatory)] [string] $Script, [string[]] $Arguments = @(), [string] $InputText, [switch] $NonInteractive, [hashtable] $Environment = @{}, [int] $TimeoutSeconds = 120)
    $file = New-ChildScriptFile $Script
    try {
        $p = [Diagnostics.Process]::Start((New-ChildPwshStartInfo $file $Arguments -NonInteractive:$NonInteractive $Environment))
        $stdout = $p.StandardOutput.ReadToEndAsync()
        $stderr = $p.StandardError.ReadToEndAsync()
        if ($InputText) { $p.StandardInput.Write($InputText) }
        $p.StandardInput.Close()
        if (-not $p.WaitForExit($TimeoutSeconds * 1000)) { $p.Kill($true); throw "The child pwsh did not finish within $TimeoutSeconds s. Its output so far: $(if ($stdout.IsCompleted) { $stdout.Result })" }
        [pscustomobject]@{ ExitCode = $p.ExitCode; Output = $stdout.Result; Error = $stderr.Result }
    }
    finally {
        Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue
    }
}

# A child pwsh started and left running (to be killed, as a crash or a runbook restart would): its Process and
# script File (the caller removes it). Its output is read in the background so that it never blocks on a full pipe.
function Start-ChildPwsh {
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{})
    $file = New-ChildScriptFile $Script
    $p = [Diagnostics.Process]::Start((New-ChildPwshStartInfo $file @() -NonInteractive $Environment))
    $p.StandardInput.Close()
    [pscustomobject]@{ Process = $p; File = $file; Output = $p.StandardOutput.ReadToEndAsync(); Error = $p.StandardError.ReadToEndAsync() }
}

# The request log of the test file's own sandbox ($sb, started in its BeforeAll), for files that own it.
function LastSeq($Sandbox = $script:sb) { Get-TallyfySandboxLastSeq $Sandbox }
function Mutations([long] $Since = 0, $Sandbox = $script:sb) { @(Get-TallyfySandboxRequest $Sandbox -Since $Since -Mutating) }
function RequestsSince([long] $Since = 0, $Sandbox = $script:sb) { @(Get-TallyfySandboxRequest $Sandbox -Since $Since) }
# The run id in a logged request's path.
function RunIdOf([string] $Path) { if ($Path -match '/runs/([0-9a-f]{32})') { $Matches[1] } }

function New-SandboxToken([string] $Name = 'admin') {
    ConvertTo-SecureString (@{ admin = 'tly-sandbox-admin-token'; standard = 'tly-sandbox-standard-token'; light = 'tly-sandbox-light-token'; other = 'tly-sandbox-other-admin-token' })[$Name] -AsPlainText -Force
}
