# Dot-sourced by every *.Tests.ps1 in BeforeAll: imports the module under test (the laid-out
# module, or the installed package with -Installed) and the sandbox helper.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module (Join-Path $PSScriptRoot 'Sandbox.psm1') -Force -DisableNameChecking
if ($env:TALLYFY_TEST_INSTALLED -eq '1') {
    $script:ModuleUnderTest = (Get-Module TallyfyPS -ListAvailable | Sort-Object Version -Descending | Select-Object -First 1).Path
    if (-not $script:ModuleUnderTest) { throw 'TallyfyPS is not installed (Install-PSResource); -Installed needs it.' }
}
elseif ($env:TALLYFY_TEST_MODULE) {
    $script:ModuleUnderTest = $env:TALLYFY_TEST_MODULE
}
else {
    $script:ModuleUnderTest = @(Get-ChildItem (Join-Path $PSScriptRoot '../../out/TallyfyPS') -Filter TallyfyPS.psd1 -Recurse)[0].FullName
}
Import-Module $script:ModuleUnderTest -Force

# A child pwsh that runs a script against the same module (for non-interactive hosts, prompts, transcripts).
function Invoke-ChildPwsh {
    param([Parameter(Mandatory)] [string] $Script, [string[]] $Arguments = @(), [string] $InputText, [switch] $NonInteractive, [hashtable] $Environment = @{})
    $file = Join-Path ([IO.Path]::GetTempPath()) ("tallyfy-child-" + [guid]::NewGuid().ToString('n') + '.ps1')
    Set-Content -LiteralPath $file -Value $Script -Encoding utf8
    try {
        $exe = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        $psi = [Diagnostics.ProcessStartInfo]::new($exe)
        if ((Split-Path $exe -Leaf) -like 'dotnet*') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in @('-NoProfile') + $(if ($NonInteractive) { '-NonInteractive' }) + @('-File', $file) + $Arguments) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardInput = $true
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $psi.Environment['NO_COLOR'] = '1'
        $psi.Environment['TALLYFY_TEST_MODULE'] = $script:ModuleUnderTest
        foreach ($k in $Environment.Keys) { $psi.Environment[$k] = [string]$Environment[$k] }
        # With a private HOME, run there too: NuGet inside PSResourceGet writes NuGet/NuGet.Config relative to the working directory.
        if ($Environment.ContainsKey('HOME')) { $psi.WorkingDirectory = [string]$Environment['HOME'] }
        $p = [Diagnostics.Process]::Start($psi)
        $stdout = $p.StandardOutput.ReadToEndAsync()
        $stderr = $p.StandardError.ReadToEndAsync()
        if ($InputText) { $p.StandardInput.Write($InputText) }
        $p.StandardInput.Close()
        if (-not $p.WaitForExit(120000)) { $p.Kill(); throw 'The child pwsh did not finish within 120 s.' }
        [pscustomobject]@{ ExitCode = $p.ExitCode; Output = $stdout.Result; Error = $stderr.Result }
    }
    finally {
        Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue
    }
}

function New-SandboxToken([string] $Name = 'admin') {
    ConvertTo-SecureString (@{ admin = 'tly-sandbox-admin-token'; standard = 'tly-sandbox-standard-token'; light = 'tly-sandbox-light-token'; other = 'tly-sandbox-other-admin-token' })[$Name] -AsPlainText -Force
}
