# Connect-Tallyfy, Disconnect-Tallyfy, Get-TallyfyContext, -Session and -OrganizationId against a real sandbox process.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 20
    $script:org = $sb.OrganizationId
    $script:envNames = 'TALLYFY_ACCESS_TOKEN', 'TALLYFY_ORG_ID', 'TALLYFY_BASE_URI', 'TALLYFY_CLIENT_ID', 'TALLYFY_CLIENT_SECRET',
        'TALLYFY_API_TOKEN', 'TALLYFY_BASE_URL', 'TALLYFY_TOKEN_URI'   # the official CLI's names are read too
    function script:Clear-TallyfyEnv { foreach ($n in $envNames) { Remove-Item "env:$n" -ErrorAction SilentlyContinue } }
}
AfterAll {
    Clear-TallyfyEnv
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Connect-Tallyfy' {
    BeforeEach { Clear-TallyfyEnv; Disconnect-Tallyfy }

    It 'signs in with -AccessToken, checks it with GET /me and returns the session with -PassThru' {
        $since = @(Get-TallyfySandboxRequest $sb)[-1].seq
        $s = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -AccessToken (New-SandboxToken) -PassThru
        $s | Should -BeOfType ([TallyfyPS.Model.TallyfySession])
        $s.User.Id | Should -Be 1001
        $s.User.Email | Should -Not -BeNullOrEmpty
        $s.OrganizationId | Should -Be $org
        $s.OrganizationName | Should -Be 'Acme Operations'
        $s.BaseUri.AbsoluteUri | Should -Be "$($sb.ApiUri)/"
        $s.AuthenticationSource | Should -Be 'AccessToken parameter'
        (Get-TallyfySandboxRequest $sb -Since $since).path | Should -Contain '/api/me'
        Get-TallyfyContext | Should -Be $s
    }

    It 'returns nothing without -PassThru and makes the session current' {
        Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -AccessToken (New-SandboxToken) | Should -BeNullOrEmpty
        (Get-TallyfyContext).OrganizationId | Should -Be $org
        @(Get-TallyfyRun -First 1).Count | Should -Be 1
    }

    It 'takes a -Credential whose password is the token' {
        $cred = [pscredential]::new('ignored', (New-SandboxToken standard))
        $s = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -Credential $cred -PassThru
        $s.User.Id | Should -Be 1002
        $s.AuthenticationSource | Should -Be 'Credential parameter'
    }

    It 'reads TALLYFY_ACCESS_TOKEN, TALLYFY_ORG_ID and TALLYFY_BASE_URI when given no credentials, and says so' {
        $env:TALLYFY_ACCESS_TOKEN = 'tly-sandbox-admin-token'
        $env:TALLYFY_ORG_ID = $org
        $env:TALLYFY_BASE_URI = $sb.ApiUri
        $s = Connect-Tallyfy -PassThru
        $s.OrganizationId | Should -Be $org
        $s.AuthenticationSource | Should -Be 'environment variable TALLYFY_ACCESS_TOKEN'
        $s.BaseUri.AbsoluteUri | Should -Be "$($sb.ApiUri)/"
    }

    It 'picks the only organization of the user when none is named' {
        $s = Connect-Tallyfy -BaseUri $sb.ApiUri -AccessToken (New-SandboxToken) -PassThru
        $s.OrganizationId | Should -Be $org
    }

    It 'signs in with an OAuth client (-ClientId/-ClientSecret, -ClientCredential, environment)' {
        $secret = ConvertTo-SecureString 'sandbox-client-secret' -AsPlainText -Force
        $s = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -ClientId 4001 -ClientSecret $secret -PassThru
        $s.User.Id | Should -Be 1001
        $s.AuthenticationSource | Should -Match 'OAuth client credentials'
        $s2 = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -ClientCredential ([pscredential]::new('4001', $secret)) -PassThru
        $s2.AuthenticationSource | Should -Match 'ClientCredential'
        $env:TALLYFY_CLIENT_ID = '4001'; $env:TALLYFY_CLIENT_SECRET = 'sandbox-client-secret'; $env:TALLYFY_BASE_URI = $sb.ApiUri
        (Connect-Tallyfy -OrganizationId $org -PassThru).AuthenticationSource | Should -Match 'TALLYFY_CLIENT_ID'
    }

    It 'renews an OAuth token that the service revoked (401) and one about to expire' {
        $secret = ConvertTo-SecureString 'sandbox-client-secret' -AsPlainText -Force
        $null = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -ClientId 4001 -ClientSecret $secret
        Invoke-TallyfySandboxControl $sb POST revoke-tokens | Out-Null
        @(Get-TallyfyRun -First 2).Count | Should -Be 2
        Set-TallyfySandboxSwitch $sb @{ oauthTokenLifetimeSeconds = 2 }
        try {
            $null = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -ClientId 4001 -ClientSecret $secret
            $since = @(Get-TallyfySandboxRequest $sb)[-1].seq
            Start-Sleep -Milliseconds 2500
            @(Get-TallyfyRun -First 1).Count | Should -Be 1
            $log = @(Get-TallyfySandboxRequest $sb -Since $since)
            $log.path | Should -Contain '/api/oauth/token'
            $log | Where-Object status -eq 401 | Should -BeNullOrEmpty
        }
        finally { Set-TallyfySandboxSwitch $sb @{} }
    }

    It 'stops with AuthenticationFailed for a wrong token, and says what to check' {
        $bad = ConvertTo-SecureString 'not-a-real-token' -AsPlainText -Force
        $err = $null
        try { Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -AccessToken $bad } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'AuthenticationFailed,*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        "$err" | Should -Match 'refused'
        "$err" | Should -Not -Match 'not-a-real-token'
        { Get-TallyfyContext -ErrorAction Stop } | Should -Throw
    }

    It 'stops with AuthenticationFailed for a wrong OAuth secret' {
        $err = $null
        try { Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -ClientId 4001 -ClientSecret (ConvertTo-SecureString 'wrong' -AsPlainText -Force) } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'AuthenticationFailed,*'
    }

    It 'refuses plain http to a host that is not loopback, before any request' -ForEach @(
        @{ Uri = 'http://example.com/api' }, @{ Uri = 'http://10.1.2.3/api' }, @{ Uri = 'http://tallyfy.example.org:8080/api' }
    ) {
        $err = $null
        try { Connect-Tallyfy -BaseUri $Uri -OrganizationId $org -AccessToken (New-SandboxToken) } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'InsecureBaseUri,*'
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        "$err" | Should -Match 'https'
    }

    It 'accepts plain http to loopback addresses (<Uri>)' -ForEach @(@{ Uri = '127.0.0.1' }, @{ Uri = 'localhost' }) {
        $api = $sb.ApiUri -replace '127\.0\.0\.1', $Uri
        (Connect-Tallyfy -BaseUri $api -OrganizationId $org -AccessToken (New-SandboxToken) -PassThru).User.Id | Should -Be 1001
    }

    It 'stops with CredentialsRequired when there are no credentials at all' {
        $err = $null
        try { Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'CredentialsRequired,*'
        "$err" | Should -Match 'TALLYFY_ACCESS_TOKEN'
    }

    It 'rejects a malformed -OrganizationId' {
        { Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId '../etc' -AccessToken (New-SandboxToken) } | Should -Throw -ErrorId 'InvalidOrganizationId*'
    }
}

Describe 'Sessions' {
    BeforeEach { Clear-TallyfyEnv; Disconnect-Tallyfy }

    It 'tells the user to run Connect-Tallyfy when no session exists' {
        $err = $null
        try { Get-TallyfyRun -First 1 } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'NoSession,*'
        "$err" | Should -Match 'Connect-Tallyfy'
        Get-TallyfyContext -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike 'NoSession,*'
        { Remove-TallyfyRun -Id '0123456789abcdef0123456789abcdef' } | Should -Throw -ErrorId 'NoSession*'
    }

    It 'Disconnect-Tallyfy forgets the session and closes it' {
        $s = Connect-TallyfySandbox $sb
        Disconnect-Tallyfy
        { Get-TallyfyRun -First 1 } | Should -Throw -ErrorId 'NoSession*'
        { Get-TallyfyRun -First 1 -Session $s } | Should -Throw -ErrorId 'SessionDisconnected*'
    }

    It 'uses an explicit -Session instead of the current one' {
        $standard = Connect-TallyfySandbox $sb -As standard
        $admin = Connect-TallyfySandbox $sb -As admin
        (Get-TallyfyContext).User.Id | Should -Be 1001
        $id = (Get-TallyfySandboxRunId $sb)[0]
        $r = Remove-TallyfyRun -Id $id -Force -Session $standard
        $r.Status | Should -Be 'Archived'
        (Get-TallyfySandboxRequest $sb | Select-Object -Last 1).userId | Should -Be 1002
    }

    It 'acts on another organization with -OrganizationId' {
        $other = Connect-TallyfySandbox $sb -As other
        $runs = @(Get-TallyfyRun -Session $other -OrganizationId $sb.OtherOrganizationId -First 3)
        $runs.Count | Should -Be 3
        $runs.OrganizationId | Sort-Object -Unique | Should -Be $sb.OtherOrganizationId
        $null = Connect-TallyfySandbox $sb
        Get-TallyfyRun -OrganizationId $sb.OtherOrganizationId -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike 'PermissionDenied,*'
    }

    It 'works from ForEach-Object -Parallel and Start-ThreadJob when passed with -Session' {
        $s = Connect-TallyfySandbox $sb
        $module = $script:ModuleUnderTest
        $ids = @(Get-TallyfyRun -First 8).Id
        $names = $ids | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:module
            (Get-TallyfyRun -Id $_ -Session $using:s).Name
        }
        @($names).Count | Should -Be 8
        $job = Start-ThreadJob -ScriptBlock { param($m, $session, $id) Import-Module $m; (Get-TallyfyRun -Id $id -Session $session).Id } -ArgumentList $module, $s, $ids[0]
        $job | Wait-Job -Timeout 60 | Receive-Job | Should -Be $ids[0]
    }
}
