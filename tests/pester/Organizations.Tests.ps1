# Get-TallyfyOrganization (GET me/organizations) and Connect-Tallyfy -OrganizationId's tab completion.
# The file owns its sandbox (the switch sharedMembership).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 5
    $script:org = $sb.OrganizationId
    $script:other = $sb.OtherOrganizationId
    $script:savedEnv = @{}
    foreach ($k in 'TALLYFY_ACCESS_TOKEN', 'TALLYFY_API_TOKEN', 'TALLYFY_BASE_URI', 'TALLYFY_BASE_URL') { $script:savedEnv[$k] = [Environment]::GetEnvironmentVariable($k) }
    function script:Completions([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
    }
}
AfterAll {
    foreach ($k in $script:savedEnv.Keys) { [Environment]::SetEnvironmentVariable($k, $script:savedEnv[$k]) }
    Disconnect-Tallyfy -ErrorAction SilentlyContinue
    Stop-TallyfySandbox $script:sb
}

Describe 'Get-TallyfyOrganization' {
    It 'lists the one organization of a user, marked as the session''s' {
        Set-TallyfySandboxSwitch $sb @{}
        $null = Connect-TallyfySandbox $sb
        $seq = LastSeq
        $orgs = @(Get-TallyfyOrganization)
        $orgs.Count | Should -Be 1
        $orgs[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyOrganization])
        $orgs[0].Id | Should -Be $org
        $orgs[0].Name | Should -Not -BeNullOrEmpty
        $orgs[0].IsCurrent | Should -BeTrue
        $orgs[0].CreatedAt | Should -Not -BeNullOrEmpty
        @(RequestsSince $seq).Path | Should -Be @('/api/me/organizations')
    }

    It 'lists both organizations of a member of two, marking the session''s, and follows the session' {
        Set-TallyfySandboxSwitch $sb @{ sharedMembership = $true }
        $null = Connect-TallyfySandbox $sb
        $orgs = @(Get-TallyfyOrganization)
        $orgs.Count | Should -Be 2
        ($orgs | Where-Object IsCurrent).Id | Should -Be $org
        ($orgs | Where-Object { -not $_.IsCurrent }).Id | Should -Be $other
        $s = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $other -AccessToken (ConvertTo-SecureString $sb.Tokens['admin'] -AsPlainText -Force) -PassThru
        ($orgs = @(Get-TallyfyOrganization -Session $s)).Count | Should -Be 2
        ($orgs | Where-Object IsCurrent).Id | Should -Be $other
        @(Get-TallyfyRun -Session $s -First 1).Count | Should -Be 1 -Because 'the other organization accepts its member'
        Set-TallyfySandboxSwitch $sb @{}
    }

    It 'narrows by -Name (wildcards) and says when a name matches none' {
        $null = Connect-TallyfySandbox $sb
        $name = (Get-TallyfyOrganization).Name
        @(Get-TallyfyOrganization -Name ($name.Substring(0, 3) + '*')).Count | Should -Be 1
        $out = @(Get-TallyfyOrganization -Name 'No such organization' -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'OrganizationNotFound,*'
    }

    It 'fits its table in 80 and 120 columns' {
        $null = Connect-TallyfySandbox $sb
        foreach ($w in 80, 120) {
            $text = Get-TallyfyOrganization | Format-Table | Out-String -Width $w
            $text | Should -Match 'IsCurrent'
            $text -split '\r?\n' | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual $w }
        }
    }
}

Describe 'Connect-Tallyfy -OrganizationId completion' {
    It 'completes from the organizations of TALLYFY_ACCESS_TOKEN at TALLYFY_BASE_URI' {
        Disconnect-Tallyfy -ErrorAction SilentlyContinue
        $env:TALLYFY_ACCESS_TOKEN = $sb.Tokens['other']; $env:TALLYFY_API_TOKEN = $null
        $env:TALLYFY_BASE_URI = $sb.ApiUri; $env:TALLYFY_BASE_URL = $null
        Completions 'Connect-Tallyfy -OrganizationId ' | Should -Be @($other)
    }

    It 'completes from the current session''s token when no variable holds one, and reads once a minute' {
        $env:TALLYFY_ACCESS_TOKEN = $null; $env:TALLYFY_BASE_URI = $null
        $null = Connect-TallyfySandbox $sb
        $seq = LastSeq
        Completions "Connect-Tallyfy -OrganizationId $($org.Substring(0, 4))" | Should -Be @($org)
        Completions 'Connect-Tallyfy -OrganizationId ' | Should -Be @($org)
        @(RequestsSince $seq).Count | Should -Be 1 -Because 'what a read gave is kept'
    }

    It 'completes nothing, without an error, where no Tallyfy answers' {
        Disconnect-Tallyfy -ErrorAction SilentlyContinue
        $env:TALLYFY_ACCESS_TOKEN = 'tly-nowhere'; $env:TALLYFY_BASE_URI = 'http://127.0.0.1:1/api'
        Completions 'Connect-Tallyfy -OrganizationId ' | Should -BeNullOrEmpty
        $env:TALLYFY_ACCESS_TOKEN = $null; $env:TALLYFY_BASE_URI = $null
    }
}
