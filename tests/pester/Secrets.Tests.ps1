# Secrets (issue 6): the access token and the OAuth client secret never show, in any stream, a transcript,
# the session object, an error record or a global variable, across a full run of operations at -Verbose
# -Debug; Verbose shows each request's method, path and status; plain http to another host is refused.
# Each scenario runs in a child pwsh that gets its secrets from environment variables, so no script text
# holds them, with a transcript running and every stream redirected into its output.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 30
    $script:org = $sb.OrganizationId

    # Everything that must never show, by name (the wrong ones contain the right ones, so a leak of either is caught).
    $script:Secrets = [ordered]@{
        'admin token'           = 'tly-sandbox-admin-token'
        'standard token'        = 'tly-sandbox-standard-token'
        'wrong token'           = 'tly-sandbox-admin-token-revoked'
        'client secret'         = 'sandbox-client-secret'
        'wrong client secret'   = 'sandbox-client-secret-wrong'
    }

    # What the child runs first: every preference at Continue, a transcript, and a helper that prints a section.
    $script:Prologue = @'
$ErrorActionPreference = 'Continue'
$ProgressPreference = 'SilentlyContinue'
$VerbosePreference = 'Continue'
$DebugPreference = 'Continue'
$InformationPreference = 'Continue'
$WarningPreference = 'Continue'
Start-Transcript -LiteralPath $env:TEST_TRANSCRIPT -Force | Out-Null
Import-Module $env:TALLYFY_TEST_MODULE -Verbose:$false
function Set-Fault([hashtable] $Fault) {
    Invoke-RestMethod -Method Put -Uri "$env:TEST_ROOT/_sandbox/faults" -ContentType 'application/json' -Body ($Fault | ConvertTo-Json -Depth 5 -Compress) -Verbose:$false | Out-Null
}
function Show-Everything {
    '=== error records'
    "ERRORCOUNT $($Error.Count)"
    foreach ($e in $Error) {
        if ($e -is [System.Management.Automation.ErrorRecord]) { "ERRID $($e.FullyQualifiedErrorId) | $($e.CategoryInfo.Category)" }
    }
    $Error | Format-List * -Force | Out-String -Width 500
    foreach ($e in $Error) {
        $ex = if ($e -is [System.Management.Automation.ErrorRecord]) { $e.Exception } else { $e }
        while ($ex) {
            "EXCEPTION $($ex.GetType().FullName): $($ex.Message)"
            $ex | Format-List * -Force | Out-String -Width 500
            $ex.ToString()
            $ex = $ex.InnerException
        }
        if ($e -is [System.Management.Automation.ErrorRecord]) { "$($e.ErrorDetails.Message) $($e.ErrorDetails.RecommendedAction)"; $e.ScriptStackTrace; $e.TargetObject | Out-String -Width 500 }
    }
    '=== globals'
    Get-Variable -Scope Global | Out-String -Width 500
    foreach ($v in Get-Variable -Scope Global) {
        if ($v.Name -in 'Error', 'ExecutionContext', 'Host', 'PSStyle') { continue }   # shown above / no secrets by construction
        "VAR $($v.Name) = $(try { $v.Value | Out-String -Width 500 } catch { '(unprintable)' })"
    }
}
'@

    function script:Invoke-SecretChild([string] $Body, [hashtable] $Environment) {
        $transcript = Join-Path $TestDrive ("transcript-" + [guid]::NewGuid().ToString('n') + '.txt')
        $script = $Prologue + "`n& {`n" + $Body + "`nShow-Everything`n} *>&1`n'=== end'`nStop-Transcript | Out-Null`n'CHILD-DONE'`nexit 0`n"
        foreach ($secret in $Secrets.Values) { if ($script.Contains($secret)) { throw "The child script holds a secret ($secret); pass it through the environment." } }
        $env = @{ TEST_TRANSCRIPT = $transcript; TEST_BASE = $sb.ApiUri; TEST_ROOT = $sb.BaseAddress; TEST_ORG = $org } + $Environment
        $r = Invoke-ChildPwsh -Script $script -Environment $env
        [pscustomobject]@{
            Script = $script
            Output = $r.Output
            Error = $r.Error
            Transcript = if (Test-Path $transcript) { Get-Content -LiteralPath $transcript -Raw } else { $null }
            ExitCode = $r.ExitCode
        }
    }

    # The text between '=== <Name>' and the next '===' line of the child's output.
    function script:Section([string] $Text, [string] $Name) {
        $m = [regex]::Match($Text, '(?ms)^=== ' + [regex]::Escape($Name) + '[ \t]*\r?$(.*?)^=== ')
        if (-not $m.Success) { throw "No section '$Name' in the child's output." }
        $m.Groups[1].Value
    }

    function script:Assert-NoSecret([string] $Text, [string] $What) {
        foreach ($name in $Secrets.Keys) {
            $Text | Should -Not -Match ([regex]::Escape($Secrets[$name])) -Because "the $name must never show in $What"
        }
        $Text | Should -Not -Match 'tly-oauth-[0-9a-f]' -Because "an issued OAuth access token must never show in $What"
        $Text | Should -Not -Match 'tly-refresh-[0-9a-f]' -Because "an OAuth refresh token must never show in $What"
        $Text | Should -Not -Match 'Bearer\s+[A-Za-z0-9]' -Because "no Authorization header value may show in $What"
    }
}
AfterAll {
    Stop-TallyfySandbox $script:sb
}

Describe 'An access token never shows, across every operation at -Verbose -Debug with a transcript running' {
    BeforeAll {
        Reset-TallyfySandbox $sb -Runs 30
        $script:child = Invoke-SecretChild -Environment @{
            TEST_TOKEN = 'tly-sandbox-admin-token'
            TEST_STANDARD_TOKEN = 'tly-sandbox-standard-token'
            TEST_LIGHT_TOKEN = 'tly-sandbox-light-token'
            TEST_WRONG_TOKEN = 'tly-sandbox-admin-token-revoked'
        } -Body @'
$org = $env:TEST_ORG
'=== wrong token'
try { Connect-Tallyfy -BaseUri $env:TEST_BASE -OrganizationId $org -AccessToken (ConvertTo-SecureString $env:TEST_WRONG_TOKEN -AsPlainText -Force) -MaxRetries 1 -Verbose -Debug }
catch { "CAUGHT $($_.FullyQualifiedErrorId)"; $_ | Format-List * -Force | Out-String -Width 500 }

'=== connect'
$s = Connect-Tallyfy -BaseUri $env:TEST_BASE -OrganizationId $org -AccessToken (ConvertTo-SecureString $env:TEST_TOKEN -AsPlainText -Force) -MaxRetries 1 -PassThru -Verbose -Debug
'=== session format-list'
$s | Format-List * -Force | Out-String -Width 500
'=== session json'
$s | ConvertTo-Json -Depth 5
'=== session tostring'
"TOSTRING $($s.ToString())"
"INTERPOLATED $s"
$s | Get-Member -Force | Out-String -Width 500
'=== context'
Get-TallyfyContext -Verbose -Debug | Format-List * -Force | Out-String -Width 500

'=== runs'
$runs = @(Get-TallyfyRun -Verbose -Debug)
"RUNCOUNT $($runs.Count)"
$runs | Select-Object -First 3 | Format-List * | Out-String -Width 500
Get-TallyfyRun -Id $runs[0].Id -Include Tasks, Tags, Comments, FormFields, KickoffFields, Checklist -Verbose -Debug | Format-List * | Out-String -Width 500
Remove-TallyfyRun -Id $runs[1].Id -Verbose -Debug | Restore-TallyfyRun -Verbose -Debug | Format-List * | Out-String -Width 500
Remove-TallyfyRun -Id $runs[2].Id -Permanent -Force -Verbose -Debug | Format-List * | Out-String -Width 500
Remove-TallyfyRun -Id $runs[3].Id -Permanent -WhatIf -Verbose -Debug
$runs[3] | Remove-TallyfyRun -WhatIf -Force -Verbose -Debug
$runs[4] | Remove-TallyfyRun -Confirm:$false -Verbose -Debug -InformationVariable info | Format-List * | Out-String -Width 500
$info | Format-List * | Out-String -Width 500

'=== tasks'
$tasks = @(Get-TallyfyTask -OneOff -Verbose -Debug)
"TASKCOUNT $($tasks.Count)"
Get-TallyfyTask -Id $tasks[0].Id -Include Comments, FormFields, Run -Verbose -Debug | Format-List * | Out-String -Width 500
$runs[5] | Get-TallyfyTask -Verbose -Debug | Select-Object -First 2 | Format-List * | Out-String -Width 500
$t = New-TallyfyTask -Title 'Secrets check' -Owner 1002 -Verbose -Debug
$t | Format-List * | Out-String -Width 500
$t | Remove-TallyfyTask -Verbose -Debug | Restore-TallyfyTask -Verbose -Debug | Format-List * | Out-String -Width 500
New-TallyfyTask -Title 'Only a test' -WhatIf -Verbose -Debug
$tasks[1] | Remove-TallyfyTask -Permanent -WhatIf -Verbose -Debug
$t | Remove-TallyfyTask -Permanent -Force -Verbose -Debug | Format-List * | Out-String -Width 500

'=== failures'
Get-TallyfyRun -Id '../x' -Verbose -Debug
Get-TallyfyRun -Id 0123456789abcdef0123456789abcdef -Verbose -Debug
Remove-TallyfyRun -Id 0123456789abcdef0123456789abcdef -Verbose -Debug | Format-List * | Out-String -Width 500
$std = Connect-Tallyfy -BaseUri $env:TEST_BASE -OrganizationId $org -AccessToken (ConvertTo-SecureString $env:TEST_STANDARD_TOKEN -AsPlainText -Force) -MaxRetries 1 -PassThru -Verbose -Debug
try { Remove-TallyfyRun -Id $runs[6].Id -Permanent -Force -Session $std -Verbose -Debug } catch { "CAUGHT $($_.FullyQualifiedErrorId)"; $_ | Format-List * -Force | Out-String -Width 500 }
$light = Connect-Tallyfy -BaseUri $env:TEST_BASE -OrganizationId $org -AccessToken (ConvertTo-SecureString $env:TEST_LIGHT_TOKEN -AsPlainText -Force) -MaxRetries 1 -PassThru -Verbose -Debug
Remove-TallyfyRun -Id $runs[6].Id -Force -Session $light -Verbose -Debug | Format-List * | Out-String -Width 500
"FAILID $($runs[7].Id)"
Set-Fault @{ failIds = @{ $runs[7].Id = 503 } }
Get-TallyfyRun -Id $runs[7].Id -Session $s -Verbose -Debug
Remove-TallyfyRun -Id $runs[7].Id -Session $s -Verbose -Debug | Format-List * | Out-String -Width 500
foreach ($mode in 'html', 'truncated', 'invalid-json', 'wrong-types', 'missing-data', 'null-data', 'huge', 'empty-200', 'redirect-other-host') {
    Set-Fault @{ hostile = @{ mode = $mode; rate = 1; pathContains = $runs[8].Id } }
    Get-TallyfyRun -Id $runs[8].Id -Session $s -Verbose -Debug
}
Set-Fault @{ hostile = @{ mode = 'redirect-other-host'; rate = 1; pathContains = $runs[8].Id } }
Remove-TallyfyRun -Id $runs[8].Id -Session $s -Verbose -Debug | Format-List * | Out-String -Width 500
Set-Fault @{}

'=== insecure'
try { Connect-Tallyfy -BaseUri 'http://example.com/api' -OrganizationId $org -AccessToken (ConvertTo-SecureString $env:TEST_TOKEN -AsPlainText -Force) -Verbose -Debug }
catch { "INSECURE $($_.FullyQualifiedErrorId) | $($_.CategoryInfo.Category)"; "INSECURE-MESSAGE $_"; $_ | Format-List * -Force | Out-String -Width 500 }
"CONTEXT-AFTER $((Get-TallyfyContext).BaseUri)"
'=== disconnect'
Disconnect-Tallyfy -Verbose -Debug
'@
        $script:all = $child.Output + "`n" + $child.Error + "`n" + $child.Transcript
    }

    It 'ran to the end with a transcript, and its script text holds no secret' {
        $child.Output | Should -Match 'CHILD-DONE'
        $child.Transcript | Should -Not -BeNullOrEmpty
        $child.Transcript | Should -Match '=== disconnect'
        foreach ($secret in $Secrets.Values) { $child.Script | Should -Not -Match ([regex]::Escape($secret)) }
        $child.Output | Should -Match 'RUNCOUNT [1-9]'
        $child.Output | Should -Match 'TASKCOUNT [1-9]'
    }

    It 'produced each error it is meant to prove silent: <ErrorId>' -ForEach @(
        @{ ErrorId = 'AuthenticationFailed'; Category = 'AuthenticationError' }     # wrong token
        @{ ErrorId = 'InvalidRunId'; Category = 'InvalidArgument' }
        @{ ErrorId = 'RunNotFound'; Category = 'ObjectNotFound' }                   # unknown id
        @{ ErrorId = 'PermissionDenied'; Category = 'PermissionDenied' }            # light user, archive
        @{ ErrorId = 'AdministratorRequired'; Category = 'PermissionDenied' }       # standard user, permanent delete
        @{ ErrorId = 'ServerError'; Category = 'ResourceUnavailable' }              # 503 after retries
        @{ ErrorId = 'ConnectionFailed'; Category = 'ConnectionError' }             # hostile: truncated
        @{ ErrorId = 'InvalidResponse'; Category = 'InvalidResult' }                # hostile answers
        @{ ErrorId = 'InsecureBaseUri'; Category = 'SecurityError' }
    ) {
        $child.Output | Should -Match "ERRID $ErrorId,\S+ \| $Category"
    }

    It 'never shows a secret in <Channel>' -ForEach @(
        @{ Channel = 'stdout' }, @{ Channel = 'stderr' }, @{ Channel = 'the transcript file' }
    ) {
        $text = switch ($Channel) { 'stdout' { $child.Output } 'stderr' { $child.Error } default { $child.Transcript } }
        Assert-NoSecret $text $Channel
    }

    It 'never shows a secret in <Name>' -ForEach @(
        @{ Name = 'the error of a wrong token'; Section = 'wrong token'; Expect = 'CAUGHT AuthenticationFailed' }
        @{ Name = 'Format-List * of the session'; Section = 'session format-list'; Expect = 'AuthenticationSource\s*:\s*AccessToken parameter' }
        @{ Name = 'ConvertTo-Json -Depth 5 of the session'; Section = 'session json'; Expect = '"OrganizationId":\s*"5f1e4c2a9b8d4e7f8a6b3c2d1e0f9a8b"' }
        @{ Name = 'ToString() of the session'; Section = 'session tostring'; Expect = 'TOSTRING \S' }
        @{ Name = 'Get-TallyfyContext | Format-List *'; Section = 'context'; Expect = 'OrganizationName\s*:\s*Acme Operations' }
        @{ Name = 'the runs operations'; Section = 'runs'; Expect = 'Restored' }
        @{ Name = 'the tasks operations'; Section = 'tasks'; Expect = 'Deleted' }
        @{ Name = 'the failing calls (unknown id, 403, 5xx after retries, hostile answers)'; Section = 'failures'; Expect = 'Forbidden' }
        @{ Name = 'the refusal of plain http'; Section = 'insecure'; Expect = 'INSECURE InsecureBaseUri' }
        @{ Name = '$Error | Format-List * -Force, exception messages and inner exceptions'; Section = 'error records'; Expect = 'EXCEPTION TallyfyPS.Client.TallyfyApiException' }
        @{ Name = 'Get-Variable -Scope Global | Out-String'; Section = 'globals'; Expect = 'VAR VerbosePreference' }
    ) {
        $text = Section $child.Output $Section
        $text | Should -Match $Expect   # the section really holds what it is meant to show
        Assert-NoSecret $text $Name
    }

    It 'shows the session''s source, never its value, and keeps the client out of its public view' {
        $json = Section $child.Output 'session json'
        $json | Should -Match '"AuthenticationSource":\s*"AccessToken parameter"'
        $json | Should -Not -Match '"Client"'
        $json | Should -Not -Match '"Token"'
        Section $child.Output 'session format-list' | Should -Not -Match '(?m)^(Client|Token)\s*:'
    }

    It 'shows each request''s method, path and status in Verbose (and in the transcript)' {
        $out = $child.Output
        $runsPath = [regex]::Escape("/api/organizations/$org/runs")
        $lines = @(
            "GET $runsPath\?page=1&per_page=100 -> 200"
            "GET $runsPath/[0-9a-f]{32} -> 200"
            "DELETE $runsPath/[0-9a-f]{32} -> 200"
            "PUT $runsPath/[0-9a-f]{32}/activate -> 200"
            "DELETE $runsPath/[0-9a-f]{32}/delete -> 200"
            "DELETE $runsPath/[0-9a-f]{32} -> 403"          # the light user
            "GET $runsPath/0123456789abcdef0123456789abcdef -> 404"
            "GET $runsPath/[0-9a-f]{32} -> 503"
            "GET $runsPath/[0-9a-f]{32} -> 302 redirect to http://localhost\.invalid:1/"
            "POST /api/organizations/$org/tasks -> 201"
            "GET /api/organizations/$org/tasks\?is_oneoff=true&page=1&per_page=100 -> 200"
        )
        # (compared as lists, so a failure names the missing lines rather than printing the whole output)
        @($lines | Where-Object { $out -notmatch "(?m)^VERBOSE: $_" }) | Should -BeNullOrEmpty -Because 'stdout shows every request'
        # A transcript records Verbose lines without the 'VERBOSE: ' prefix.
        @($lines | Where-Object { $child.Transcript -notmatch "(?m)^(VERBOSE: )?$_" }) | Should -BeNullOrEmpty -Because 'the transcript shows every request'
        # Every trace line is method, path with its query, status: no host or header in it.
        $trace = @([regex]::Matches($out, '(?m)^VERBOSE: (GET|PUT|POST|DELETE) .*$').Value)
        $trace.Count | Should -BeGreaterThan 20
        $trace | ForEach-Object { $_ | Should -Match '^VERBOSE: (GET|PUT|POST|DELETE) /api/\S* -> (\d{3}|no answer)' }
        $trace | Should -Not -Match 'https?://127'
        $trace | Where-Object { $_ -match '/runs\?' } | Should -Not -BeNullOrEmpty   # the query is shown
    }

    It 'shows the sign-in requests of Connect-Tallyfy in Verbose' {
        foreach ($line in 'GET /api/me -> 401', 'GET /api/me -> 200', 'GET /api/me/organizations -> 200') {
            $child.Output | Should -Match "(?m)^VERBOSE: $line"
        }
    }

    It 'refuses Connect-Tallyfy -BaseUri http://example.com/api with InsecureBaseUri, sending nothing' {
        $text = Section $child.Output 'insecure'
        $text | Should -Match 'INSECURE InsecureBaseUri,\S+ \| SecurityError'
        $text | Should -Match 'INSECURE-MESSAGE .*http://example\.com.*https'
        # No request was traced (every request is), and it was not a failed connection: nothing was tried.
        $text | Should -Not -Match 'VERBOSE: (GET|POST) '
        $text | Should -Not -Match 'Signing in'
        $text | Should -Not -Match 'ConnectionFailed'
        # The session in use is unchanged.
        $text | Should -Match ([regex]::Escape("CONTEXT-AFTER $($sb.ApiUri)/"))
    }
}

Describe 'An OAuth client secret (and the tokens it gets) never shows' {
    BeforeAll {
        Reset-TallyfySandbox $sb -Runs 30
        $script:oauth = Invoke-SecretChild -Environment @{
            TEST_CLIENT_SECRET = 'sandbox-client-secret'
            TEST_WRONG_SECRET = 'sandbox-client-secret-wrong'
        } -Body @'
$org = $env:TEST_ORG
'=== wrong secret'
try { Connect-Tallyfy -BaseUri $env:TEST_BASE -OrganizationId $org -ClientId 4001 -ClientSecret (ConvertTo-SecureString $env:TEST_WRONG_SECRET -AsPlainText -Force) -MaxRetries 1 -Verbose -Debug }
catch { "CAUGHT $($_.FullyQualifiedErrorId)"; $_ | Format-List * -Force | Out-String -Width 500 }

'=== connect'
$s = Connect-Tallyfy -BaseUri $env:TEST_BASE -OrganizationId $org -ClientId 4001 -ClientSecret (ConvertTo-SecureString $env:TEST_CLIENT_SECRET -AsPlainText -Force) -MaxRetries 1 -PassThru -Verbose -Debug
'=== session'
$s | Format-List * -Force | Out-String -Width 500
$s | ConvertTo-Json -Depth 5
"TOSTRING $($s.ToString())"
Get-TallyfyContext -Verbose -Debug | Format-List * -Force | Out-String -Width 500

'=== operations'
$runs = @(Get-TallyfyRun -First 5 -Verbose -Debug)
"RUNCOUNT $($runs.Count)"
Get-TallyfyRun -Id $runs[0].Id -Include Tasks, Tags -Verbose -Debug | Format-List * | Out-String -Width 500
# The service revokes the token: the client renews it on the 401.
Invoke-RestMethod -Method Post -Uri "$env:TEST_ROOT/_sandbox/revoke-tokens" -ContentType 'application/json' -Body '{}' -Verbose:$false | Out-Null
$runs[1] | Remove-TallyfyRun -Verbose -Debug | Restore-TallyfyRun -Verbose -Debug | Format-List * | Out-String -Width 500
Get-TallyfyRun -Id 0123456789abcdef0123456789abcdef -Verbose -Debug
Get-TallyfyTask -OneOff -First 2 -Verbose -Debug | Format-List * | Out-String -Width 500
'=== environment'
$env:TALLYFY_CLIENT_ID = '4001'
$env:TALLYFY_CLIENT_SECRET = $env:TEST_CLIENT_SECRET
$e = Connect-Tallyfy -BaseUri $env:TEST_BASE -OrganizationId $org -PassThru -Verbose -Debug
"ENVSOURCE $($e.AuthenticationSource)"
$e | Format-List * -Force | Out-String -Width 500
Remove-Item env:TALLYFY_CLIENT_ID, env:TALLYFY_CLIENT_SECRET
'=== disconnect'
Disconnect-Tallyfy -Verbose -Debug
'@
    }

    It 'ran to the end, signed in with the client, renewed the revoked token, and failed the wrong secret' {
        $expected = @(
            'CHILD-DONE'
            'CAUGHT AuthenticationFailed'
            'AuthenticationSource\s*:\s*OAuth client credentials'
            'RUNCOUNT 5'
            'Restored'
            'VERBOSE: POST /api/oauth/token -> 200'   # the renewal after the revocation
            'VERBOSE: DELETE /api/organizations/[0-9a-f]{32}/runs/[0-9a-f]{32} -> 401'
            'ENVSOURCE environment variables TALLYFY_CLIENT_ID and TALLYFY_CLIENT_SECRET'
            'ERRID RunNotFound'
        )
        @($expected | Where-Object { $oauth.Output -notmatch $_ }) | Should -BeNullOrEmpty
        $oauth.Transcript | Should -Not -BeNullOrEmpty
    }

    It 'shows the OAuth sign-in requests of Connect-Tallyfy in Verbose' {
        (Section $oauth.Output 'wrong secret') | Should -Match '(?m)^VERBOSE: POST /api/oauth/token -> 401'
        (Section $oauth.Output 'connect') | Should -Match '(?m)^VERBOSE: POST /api/oauth/token -> 200'
        (Section $oauth.Output 'connect') | Should -Match '(?m)^VERBOSE: GET /api/me -> 200'
    }

    It 'never shows the client secret or an issued token in <Channel>' -ForEach @(
        @{ Channel = 'stdout' }, @{ Channel = 'stderr' }, @{ Channel = 'the transcript file' }
    ) {
        $text = switch ($Channel) { 'stdout' { $oauth.Output } 'stderr' { $oauth.Error } default { $oauth.Transcript } }
        Assert-NoSecret $text $Channel
    }

    It 'never shows the client secret in <Section>' -ForEach @(
        @{ Section = 'wrong secret' }, @{ Section = 'session' }, @{ Section = 'operations' }, @{ Section = 'environment' },
        @{ Section = 'error records' }, @{ Section = 'globals' }
    ) {
        $text = Section $oauth.Output $Section
        $text | Should -Not -BeNullOrEmpty
        Assert-NoSecret $text $Section
    }
}
