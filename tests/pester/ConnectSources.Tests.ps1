# Where Connect-Tallyfy takes its token, base URI and OAuth token endpoint from (parameters, the module's TALLYFY_*
# variables, the official CLI's names as fallbacks), and what the session says of them, through a real pwsh against a
# real sandbox process (this file owns its sandbox: it sets switches).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 20
    $script:org = $sb.OrganizationId
    $script:envNames = 'TALLYFY_ACCESS_TOKEN', 'TALLYFY_API_TOKEN', 'TALLYFY_ORG_ID', 'TALLYFY_BASE_URI', 'TALLYFY_BASE_URL',
        'TALLYFY_TOKEN_URI', 'TALLYFY_CLIENT_ID', 'TALLYFY_CLIENT_SECRET'
    $script:savedEnv = @{}
    foreach ($n in $envNames) { $savedEnv[$n] = [Environment]::GetEnvironmentVariable($n) }
    function script:Clear-TallyfyEnv { foreach ($n in $envNames) { [Environment]::SetEnvironmentVariable($n, $null) } }
    $script:secret = ConvertTo-SecureString 'sandbox-client-secret' -AsPlainText -Force
    $script:rootTokenUri = "$($sb.ApiUri -replace '/api$', '')/oauth/token"
}
AfterAll {
    foreach ($n in $envNames) { [Environment]::SetEnvironmentVariable($n, $savedEnv[$n]) }
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'The official CLI''s environment variables' {
    BeforeEach { Clear-TallyfyEnv; Disconnect-Tallyfy }

    It 'reads TALLYFY_API_TOKEN and TALLYFY_BASE_URL when the module''s own names are not set, and the session says so' {
        $env:TALLYFY_API_TOKEN = $sb.Tokens['standard']
        $env:TALLYFY_BASE_URL = $sb.ApiUri
        $env:TALLYFY_ORG_ID = $org
        $since = LastSeq
        $s = Connect-Tallyfy -PassThru
        $s.User.Email | Should -Be 'marco.reyes@acme.example'
        $s.BaseUri.AbsoluteUri | Should -Be "$($sb.ApiUri)/"
        $s.AuthenticationSource | Should -Be 'environment variable TALLYFY_API_TOKEN'
        $s.BaseUriSource | Should -Be 'environment variable TALLYFY_BASE_URL'
        $s.TokenUri | Should -BeNullOrEmpty
        $ctx = Get-TallyfyContext
        ($ctx.AuthenticationSource, $ctx.BaseUriSource) | Should -Be @('environment variable TALLYFY_API_TOKEN', 'environment variable TALLYFY_BASE_URL')
        (RequestsSince $since).path | Should -Contain '/api/me'
        ($ctx | Out-String) | Should -Match 'BaseUriSource\s+: environment variable TALLYFY_BASE_URL'
        ($ctx | Out-String) | Should -Not -Match ([regex]::Escape($sb.Tokens['standard']))
    }

    It 'lets the module''s own names win when both are set' {
        $env:TALLYFY_ACCESS_TOKEN = $sb.Tokens['admin']
        $env:TALLYFY_API_TOKEN = $sb.Tokens['standard']
        $env:TALLYFY_BASE_URI = $sb.ApiUri
        $env:TALLYFY_BASE_URL = 'https://cli-base-url.invalid/api'
        $env:TALLYFY_ORG_ID = $org
        $s = Connect-Tallyfy -PassThru
        $s.User.Email | Should -Be 'dana.whitfield@acme.example'
        $s.AuthenticationSource | Should -Be 'environment variable TALLYFY_ACCESS_TOKEN'
        $s.BaseUriSource | Should -Be 'environment variable TALLYFY_BASE_URI'
        $s.BaseUri.AbsoluteUri | Should -Be "$($sb.ApiUri)/"
    }

    It 'names the parameters where they were used' {
        $s = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -AccessToken (New-SandboxToken) -PassThru
        ($s.AuthenticationSource, $s.BaseUriSource) | Should -Be @('AccessToken parameter', 'BaseUri parameter')
    }

    It 'refuses a TALLYFY_BASE_URL that is not an absolute URI with InvalidBaseUri, naming the variable' {
        $env:TALLYFY_API_TOKEN = $sb.Tokens['admin']
        $env:TALLYFY_BASE_URL = 'not a uri'
        $err = $null
        try { Connect-Tallyfy -OrganizationId $org } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidBaseUri,*'
        "$err" | Should -Match 'TALLYFY_BASE_URL'
    }

    It 'says TALLYFY_API_TOKEN in the advice when no credentials are found' {
        $err = $null
        try { Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'CredentialsRequired,*'
        "$err" | Should -Match 'TALLYFY_API_TOKEN'
    }
}

Describe 'Connect-Tallyfy -TokenUri' {
    BeforeEach { Clear-TallyfyEnv; Disconnect-Tallyfy; Set-TallyfySandboxSwitch $sb @{ oauthTokenUnderApi = '404' } }
    AfterAll { Set-TallyfySandboxSwitch $sb @{} }

    It 'trap: where the token endpoint under the base URI answers 404, the default sign-in fails' {
        $since = LastSeq
        { Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -ClientId 4001 -ClientSecret $secret } | Should -Throw
        $tokenRequests = @(RequestsSince $since | Where-Object path -like '*/oauth/token')
        $tokenRequests.path | Sort-Object -Unique | Should -Be '/api/oauth/token'
        $tokenRequests.status | Sort-Object -Unique | Should -Be 404
    }

    It 'asks the token endpoint set on its own for the token, and every other request goes under the base URI' {
        $since = LastSeq
        $s = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -ClientId 4001 -ClientSecret $secret -TokenUri $rootTokenUri -PassThru
        $s.User.Id | Should -Be 1001
        $s.TokenUri.AbsoluteUri | Should -Be $rootTokenUri
        $s.TokenUriSource | Should -Be 'TokenUri parameter'
        @(Get-TallyfyRun -First 2).Count | Should -Be 2
        $log = @(RequestsSince $since)
        @($log | Where-Object path -like '*/oauth/token' | ForEach-Object { "$($_.path) $($_.status)" }) | Should -Be @('/oauth/token 200')
        $log | Where-Object { $_.path -notlike '*/oauth/token' -and $_.path -notlike '/api/*' } | Should -BeNullOrEmpty
        # A token the service revoked is renewed at the same endpoint.
        Invoke-TallyfySandboxControl $sb POST revoke-tokens | Out-Null
        $since = LastSeq
        @(Get-TallyfyRun -First 1).Count | Should -Be 1
        @(RequestsSince $since | Where-Object path -like '*/oauth/token').path | Should -Be @('/oauth/token')
    }

    It 'takes the token endpoint from TALLYFY_TOKEN_URI (with -ClientCredential, and with the environment''s OAuth client)' {
        $env:TALLYFY_TOKEN_URI = $rootTokenUri
        $s = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -ClientCredential ([pscredential]::new('4001', $secret)) -PassThru
        ($s.TokenUri.AbsoluteUri, $s.TokenUriSource) | Should -Be @($rootTokenUri, 'environment variable TALLYFY_TOKEN_URI')
        $env:TALLYFY_CLIENT_ID = '4001'; $env:TALLYFY_CLIENT_SECRET = 'sandbox-client-secret'; $env:TALLYFY_BASE_URL = $sb.ApiUri
        $s = Connect-Tallyfy -OrganizationId $org -PassThru
        $s.AuthenticationSource | Should -Match 'TALLYFY_CLIENT_ID'
        ($s.TokenUri.AbsoluteUri, $s.TokenUriSource, $s.BaseUriSource) | Should -Be @($rootTokenUri, 'environment variable TALLYFY_TOKEN_URI', 'environment variable TALLYFY_BASE_URL')
        # The parameter wins over the variable.
        $env:TALLYFY_TOKEN_URI = 'https://token-uri.invalid/oauth/token'
        (Connect-Tallyfy -OrganizationId $org -TokenUri $rootTokenUri -PassThru).TokenUriSource | Should -Be 'TokenUri parameter'
    }

    It 'keeps the default, oauth/token under the base URI, when nothing sets it' {
        Set-TallyfySandboxSwitch $sb @{}
        $s = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -ClientId 4001 -ClientSecret $secret -PassThru
        ($s.TokenUri.AbsoluteUri, $s.TokenUriSource) | Should -Be @("$($sb.ApiUri)/oauth/token", 'default')
    }

    It 'refuses a token endpoint over plain http to another host (InsecureBaseUri) and one that is not absolute (InvalidBaseUri), sending nothing' {
        $since = LastSeq
        $err = $null
        try { Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -ClientId 4001 -ClientSecret $secret -TokenUri 'http://account.tallyfy.example/oauth/token' } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'InsecureBaseUri,*'
        "$err" | Should -Match 'TokenUri'
        $env:TALLYFY_TOKEN_URI = 'oauth/token'
        $err = $null
        try { Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -ClientId 4001 -ClientSecret $secret } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidBaseUri,*'
        "$err" | Should -Match 'TALLYFY_TOKEN_URI'
        RequestsSince $since | Should -BeNullOrEmpty
    }

    It 'is for OAuth clients only: not taken with a personal access token' {
        { Connect-Tallyfy -BaseUri $sb.ApiUri -AccessToken (New-SandboxToken) -TokenUri $rootTokenUri } | Should -Throw -ErrorId 'AmbiguousParameterSet,TallyfyPS.Cmdlets.ConnectTallyfyCommand'
    }
}
