# Connect-Tallyfy -Proxy, -ProxyCredential and the environment's proxy settings, through a real pwsh, a real sandbox
# process and a real forward proxy process (tallyfy-sandbox --proxy, which logs what it forwards).
# The sandbox listens on 127.0.0.1 only; the client addresses it as 127.0.0.2 (a loopback address, so the client's
# plain-http rule holds), which only the proxy resolves to it (--map): a request that reaches the sandbox went through
# the proxy. (Measured: .NET 10 sends requests for loopback addresses through an explicit or environment proxy; .NET
# Framework would bypass them.) The https cases ask for a name no one resolves but the proxy (sandbox.test): the proxy's
# CONNECT log shows the request took the environment's HTTPS_PROXY.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 5
    $script:org = $sb.OrganizationId
    $script:port = ([uri]$sb.BaseAddress).Port
    $script:viaProxy = "http://127.0.0.2:$port/api"
    $script:proxies = [Collections.Generic.List[object]]::new()

    # Starts `tallyfy-sandbox --proxy` and returns its address, log file and process.
    function script:Start-TestProxy([string] $User, [string] $Password) {
        $tool = & (Get-Module TallyfyPS.Sandbox) { Find-SandboxTool }
        $work = Join-Path ([IO.Path]::GetTempPath()) ('tallyfy-proxy-' + [guid]::NewGuid().ToString('n'))
        New-Item -ItemType Directory -Path $work | Out-Null
        $addressFile = Join-Path $work 'address'
        $log = Join-Path $work 'proxy.log'
        $arguments = @($tool, '--proxy', '--address-file', $addressFile, '--log', $log, '--parent-pid', $PID,
            '--map', '127.0.0.2=127.0.0.1', '--map', 'sandbox.test=127.0.0.1') + $(if ($User) { '--user', $User, '--password', $Password })
        $p = Start-Process -FilePath (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source -ArgumentList $arguments -PassThru -NoNewWindow `
            -RedirectStandardOutput (Join-Path $work 'out.txt') -RedirectStandardError (Join-Path $work 'err.txt')
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (-not (Test-Path $addressFile)) {
            if ($p.HasExited) { throw "The proxy exited: $(Get-Content (Join-Path $work 'err.txt') -Raw)" }
            if ([DateTime]::UtcNow -gt $deadline) { $p.Kill(); throw 'The proxy did not listen within 60 s.' }
            Start-Sleep -Milliseconds 50
        }
        $proxy = [pscustomobject]@{ Address = (Get-Content $addressFile -Raw).Trim(); Log = $log; Process = $p; Work = $work }
        $script:proxies.Add($proxy)
        $proxy
    }
    function script:ProxyLog($Proxy) {
        if (Test-Path $Proxy.Log) { @(Get-Content $Proxy.Log | ForEach-Object { $_ | ConvertFrom-Json }) } else { @() }
    }
    $script:open = Start-TestProxy
    $script:guarded = Start-TestProxy -User 'tester' -Password 'proxy-pass-7'
    $script:proxyUser = [pscredential]::new('tester', (ConvertTo-SecureString 'proxy-pass-7' -AsPlainText -Force))
}
AfterAll {
    Disconnect-Tallyfy
    foreach ($p in $script:proxies) {
        if (-not $p.Process.HasExited) { & kill -TERM $p.Process.Id 2>$null; if (-not $p.Process.WaitForExit(5000)) { $p.Process.Kill() } }
        Remove-Item $p.Work -Recurse -Force -ErrorAction SilentlyContinue
    }
    Stop-TallyfySandbox $script:sb
}

Describe 'Connect-Tallyfy -Proxy' {
    It 'cannot reach the sandbox at 127.0.0.2 without the proxy (so what reaches it went through the proxy)' {
        { Connect-Tallyfy -BaseUri $viaProxy -OrganizationId $org -AccessToken (New-SandboxToken) -MaxRetries 0 } |
            Should -Throw -ErrorId 'ConnectionFailed,TallyfyPS.Cmdlets.ConnectTallyfyCommand'
    }

    It 'sends every request through the proxy, and the session names it' {
        $since = LastSeq
        $s = Connect-Tallyfy -BaseUri $viaProxy -OrganizationId $org -AccessToken (New-SandboxToken) -Proxy $open.Address -PassThru
        $runs = @(Get-TallyfyRun -First 2)
        $runs.Count | Should -Be 2
        $s.Proxy.AbsoluteUri | Should -Be "$($open.Address)/"
        $s.ProxySource | Should -Be 'Proxy parameter'
        $s.ProxyAuthentication | Should -BeNullOrEmpty
        $targets = (ProxyLog $open).target
        $targets | Should -Contain "http://127.0.0.2:$port/api/me"
        @($targets | Where-Object { $_ -like "http://127.0.0.2:$port/api/organizations/$org/runs*" }).Count | Should -BeGreaterThan 0
        (RequestsSince $since).path | Should -Contain "/api/organizations/$org/runs"
        (Get-TallyfyContext | Out-String) | Should -Match 'ProxySource\s+: Proxy parameter'
    }

    It 'stops at a 407 with ProxyAuthenticationRequired after one request, naming the proxy and what to pass' {
        $before = (ProxyLog $guarded).Count
        $since = LastSeq
        $err = $null
        try { Connect-Tallyfy -BaseUri $viaProxy -OrganizationId $org -AccessToken (New-SandboxToken) -Proxy $guarded.Address }
        catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'ProxyAuthenticationRequired,TallyfyPS.Cmdlets.ConnectTallyfyCommand'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.ErrorDetails.Message | Should -Match ([regex]::Escape($guarded.Address))
        $err.ErrorDetails.RecommendedAction | Should -Match '-ProxyCredential'
        $err.ErrorDetails.RecommendedAction | Should -Match '-ProxyUseDefaultCredentials'
        $new = @(ProxyLog $guarded | Select-Object -Skip $before)
        $new.Count | Should -Be 1
        $new[0].status | Should -Be 407
        @(RequestsSince $since).Count | Should -Be 0
    }

    It 'signs in to the proxy with -ProxyCredential, and shows the user name but never the password' {
        $before = (ProxyLog $guarded).Count
        $s = Connect-Tallyfy -BaseUri $viaProxy -OrganizationId $org -AccessToken (New-SandboxToken) -Proxy $guarded.Address -ProxyCredential $proxyUser -PassThru
        @(Get-TallyfyRun -First 1).Count | Should -Be 1
        $s.ProxyAuthentication | Should -Be 'as tester'
        $new = @(ProxyLog $guarded | Select-Object -Skip $before)
        @($new | Where-Object { $_.status -eq 200 -and $_.hadCredentials }).Count | Should -BeGreaterThan 1
        ($s | Format-List * | Out-String) | Should -Not -Match 'proxy-pass-7'
    }

    It 'takes the OAuth token through the same proxy' {
        $before = (ProxyLog $open).Count
        Connect-Tallyfy -BaseUri $viaProxy -OrganizationId $org -ClientId 4001 -ClientSecret (ConvertTo-SecureString 'sandbox-client-secret' -AsPlainText -Force) -Proxy $open.Address
        @(ProxyLog $open | Select-Object -Skip $before).target | Should -Contain "http://127.0.0.2:$port/api/oauth/token"
    }

    It 'refuses a proxy address with a user name in it (InvalidProxy), sending nothing' {
        $since = LastSeq
        { Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -AccessToken (New-SandboxToken) -Proxy 'http://jane:secret@proxy.corp.example:8080' } |
            Should -Throw -ErrorId 'InvalidProxy,TallyfyPS.Cmdlets.ConnectTallyfyCommand'
        @(RequestsSince $since).Count | Should -Be 0
    }
}

Describe 'The environment''s proxy settings' {
    # .NET reads HTTP_PROXY, HTTPS_PROXY and NO_PROXY once a process: each case runs in a pwsh of its own.
    BeforeAll {
        $script:childScript = @'
param($BaseUri, $Org, $MaxRetries = 0)
$ErrorActionPreference = 'Stop'
Import-Module $env:TALLYFY_TEST_MODULE
try {
    $s = Connect-Tallyfy -BaseUri $BaseUri -OrganizationId $Org -AccessToken (ConvertTo-SecureString 'tly-sandbox-admin-token' -AsPlainText -Force) -MaxRetries $MaxRetries -PassThru
    "OK $($s.ProxySource)"
}
catch { "ERR $($_.FullyQualifiedErrorId)" }
'@
    }

    It 'honours HTTP_PROXY for http' {
        $before = (ProxyLog $open).Count
        $r = Invoke-ChildPwsh -Script $childScript -Arguments $viaProxy, $org -NonInteractive -Environment @{ HTTP_PROXY = $open.Address; NO_PROXY = '' }
        $r.Output.Trim() | Should -Be 'OK system settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)'
        @(ProxyLog $open | Select-Object -Skip $before).target | Should -Contain "http://127.0.0.2:$port/api/me"
    }

    It 'honours HTTPS_PROXY for https: a CONNECT tunnel, and a 407 to it is ProxyAuthenticationRequired after one request' {
        $before = (ProxyLog $guarded).Count
        # -MaxRetries 5: a refusal taken for a lost connection would be sent again.
        $r = Invoke-ChildPwsh -Script $childScript -Arguments 'https://sandbox.test/api', $org, 5 -NonInteractive -Environment @{ HTTPS_PROXY = $guarded.Address; NO_PROXY = '' }
        $r.Output.Trim() | Should -Be 'ERR ProxyAuthenticationRequired,TallyfyPS.Cmdlets.ConnectTallyfyCommand'
        $new = @(ProxyLog $guarded | Select-Object -Skip $before)
        $new.Count | Should -Be 1
        $new[0].method | Should -Be 'CONNECT'
        $new[0].target | Should -Be 'sandbox.test:443'
    }

    It 'gives -ProxyCredential to the environment''s proxy when no -Proxy is given' {
        $before = (ProxyLog $guarded).Count
        $script = @'
param($BaseUri, $Org)
Import-Module $env:TALLYFY_TEST_MODULE
$c = [pscredential]::new('tester', (ConvertTo-SecureString 'proxy-pass-7' -AsPlainText -Force))
$s = Connect-Tallyfy -BaseUri $BaseUri -OrganizationId $Org -AccessToken (ConvertTo-SecureString 'tly-sandbox-admin-token' -AsPlainText -Force) -ProxyCredential $c -PassThru
"OK $($s.ProxyAuthentication)"
'@
        $r = Invoke-ChildPwsh -Script $script -Arguments $viaProxy, $org -NonInteractive -Environment @{ HTTP_PROXY = $guarded.Address; NO_PROXY = '' }
        $r.Output.Trim() | Should -Be 'OK as tester'
        @(ProxyLog $guarded | Select-Object -Skip $before | Where-Object { $_.status -eq 200 -and $_.hadCredentials }).Count | Should -BeGreaterThan 0
    }

    It 'refuses both ways of signing in to the proxy at once (InvalidProxy)' {
        { Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -AccessToken (New-SandboxToken) -Proxy $open.Address -ProxyCredential $proxyUser -ProxyUseDefaultCredentials } |
            Should -Throw -ErrorId 'InvalidProxy,TallyfyPS.Cmdlets.ConnectTallyfyCommand'
    }

    It 'honours NO_PROXY: the request goes straight, where nothing answers' {
        $before = (ProxyLog $open).Count
        $r = Invoke-ChildPwsh -Script $childScript -Arguments $viaProxy, $org -NonInteractive -Environment @{ HTTP_PROXY = $open.Address; NO_PROXY = '127.0.0.2' }
        $r.Output.Trim() | Should -Be 'ERR ConnectionFailed,TallyfyPS.Cmdlets.ConnectTallyfyCommand'
        @(ProxyLog $open | Select-Object -Skip $before).Count | Should -Be 0
    }
}
