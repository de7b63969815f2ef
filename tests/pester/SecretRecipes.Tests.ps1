# The recipes of "Keeping the token secret" (README and about_TallyfyPS): each one, exactly as written, signs in to a
# real sandbox from a child pwsh. Where a recipe calls a platform's cmdlet (Az, Azure Automation, SecretManagement,
# Install-Module) the child has a stand-in that takes exactly the documented parameters of the real one, hands over
# the secret from an environment variable, and records how it was called. The token never appears in the recipe's
# text or in anything the child writes.
BeforeDiscovery {
    function script:Read-Recipe([string] $Root) {
        # README: the code block after each '<!-- illustration: recipe NAME; ... -->' marker.
        $lines = Get-Content (Join-Path $Root 'README.md')
        $recipes = [System.Collections.Generic.List[object]]::new()
        for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -notmatch '^<!-- illustration: recipe ([\w-]+);') { continue }
            $name = $Matches[1]
            $j = $i + 1
            if ($lines[$j] -notmatch '^```(\w+)$') { throw "The recipe $name of README.md has no code block just after its marker." }
            $lang = $Matches[1]; $body = [System.Collections.Generic.List[string]]::new()
            for ($j++; $lines[$j] -ne '```'; $j++) { $body.Add($lines[$j]) }
            $recipes.Add(@{ Name = $name; Lang = $lang; Code = ($body -join "`n") })
        }
        $recipes.ToArray()
    }
    $script:recipes = @(Read-Recipe (Resolve-Path (Join-Path $PSScriptRoot '../..')))
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 12
    $script:root = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $script:token = $sb.Tokens['admin']
    $script:clientSecret = 'sandbox-client-secret'

    # The stand-ins: the real cmdlets' parameters for what the recipes use, nothing more (an unknown parameter fails).
    $script:StandIns = @'
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $env:TALLYFY_TEST_MODULE
Set-Location $env:TEST_WORK
$global:Calls = [System.Collections.Generic.List[string]]::new()
function Connect-AzAccount { [CmdletBinding()] param([switch] $Identity, [string] $AccountId)
    $global:Calls.Add("Connect-AzAccount -Identity:$Identity"); [pscustomobject]@{ Context = 'managed identity' } }
function Get-AzKeyVaultSecret { [CmdletBinding()] param([Parameter(Mandatory)] [string] $VaultName, [Parameter(Mandatory)] [string] $Name, [switch] $AsPlainText)
    if ($global:Calls -notcontains 'Connect-AzAccount -Identity:True') { throw 'Run Connect-AzAccount to login.' }
    if ($Name -ne 'tallyfy-token') { throw "Secret $Name not found in $VaultName." }
    $global:Calls.Add("Get-AzKeyVaultSecret -VaultName $VaultName -Name $Name -AsPlainText:$AsPlainText")
    if ($AsPlainText) { $env:TEST_SECRET } else { [pscustomobject]@{ Name = $Name; SecretValue = (ConvertTo-SecureString $env:TEST_SECRET -AsPlainText -Force) } } }
function Get-AutomationVariable { [CmdletBinding()] param([Parameter(Mandatory)] [string] $Name)
    $global:Calls.Add("Get-AutomationVariable -Name $Name")
    switch ($Name) { 'TallyfyOrgId' { $env:TEST_ORG } 'TallyfyToken' { $env:TEST_SECRET } default { throw "Variable asset $Name not found." } } }
function Get-AutomationPSCredential { [CmdletBinding()] param([Parameter(Mandatory)] [string] $Name)
    if ($Name -ne 'TallyfyClient') { throw "Credential asset $Name not found." }
    $global:Calls.Add("Get-AutomationPSCredential -Name $Name")
    [pscredential]::new('4001', (ConvertTo-SecureString $env:TEST_CLIENT_SECRET -AsPlainText -Force)) }
function Get-Secret { [CmdletBinding()] param([Parameter(Mandatory, Position = 0)] [string] $Name, [string] $Vault, [switch] $AsPlainText)
    if ($Name -ne 'TallyfyToken') { throw "The secret $Name was not found." }
    $global:Calls.Add("Get-Secret -Name $Name -AsPlainText:$AsPlainText")
    if ($AsPlainText) { $env:TEST_SECRET } else { ConvertTo-SecureString $env:TEST_SECRET -AsPlainText -Force } }
function Install-Module { [CmdletBinding()] param([Parameter(Mandatory, Position = 0)] [string[]] $Name, [string] $Scope, [switch] $Force)
    $global:Calls.Add("Install-Module $($Name -join ',') -Scope $Scope -Force:$Force") }
'@
    $script:Epilogue = @'

$c = Get-TallyfyContext
"ORG $($c.OrganizationId)"
"SOURCE $($c.AuthenticationSource)"
"RUNS $(@(Get-TallyfyRun -First 3).Count)"
foreach ($call in $global:Calls) { "CALL $call" }
'CHILD-DONE'
'@

    # Runs a recipe's PowerShell in a child pwsh with the stand-ins and the given environment; TALLYFY_BASE_URI points
    # at the sandbox (a recipe for the real service names no base URI), and no other TALLYFY_* variable is inherited.
    function script:Invoke-Recipe([string] $Code, [hashtable] $Environment = @{}) {
        $work = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        New-Item -ItemType Directory -Path $work | Out-Null
        $Code = $Code.Replace('5f1e4c2a9b8d4e7f8a6b3c2d1e0f9a8b', $sb.OrganizationId)
        $script = $StandIns + "`n" + $Code + "`n" + $Epilogue
        if ($script.Contains($token) -or $script.Contains($clientSecret)) { throw 'The recipe holds a secret in its text.' }
        $env = @{
            TEST_WORK = $work; TEST_SECRET = $token; TEST_CLIENT_SECRET = $clientSecret; TEST_ORG = $sb.OrganizationId
            TALLYFY_BASE_URI = $sb.ApiUri; TALLYFY_ACCESS_TOKEN = ''; TALLYFY_API_TOKEN = ''; TALLYFY_ORG_ID = ''
            TALLYFY_CLIENT_ID = ''; TALLYFY_CLIENT_SECRET = ''; TALLYFY_BASE_URL = ''; TALLYFY_TOKEN_URI = ''
        }
        foreach ($k in $Environment.Keys) { $env[$k] = $Environment[$k] }
        $r = Invoke-ChildPwsh -Script $script -NonInteractive -Environment $env
        [pscustomobject]@{ Text = $r.Output + "`n" + $r.Error; Output = $r.Output; Work = $work; ExitCode = $r.ExitCode }
    }

    # A GitHub Actions step, run as the runner would: its env (secrets.X and vars.X from the given table) and its
    # run script under pwsh.
    function script:Invoke-WorkflowStep([string] $Yaml, [hashtable] $Store) {
        $env = @{}
        $m = [regex]::Matches($Yaml, '(?m)^\s+(TALLYFY_\w+):\s*\$\{\{\s*(?:secrets|vars)\.(\w+)\s*\}\}\s*$')
        foreach ($e in $m) { $env[$e.Groups[1].Value] = $Store[$e.Groups[2].Value] }
        $run = [regex]::Match($Yaml, '(?ms)^(\s+)run: \|\s*\n(.*)\z')
        if (-not $run.Success) { throw 'The workflow step has no run: | block.' }
        $indent = $run.Groups[1].Value.Length + 2
        $code = (($run.Groups[2].Value -split "`n") | ForEach-Object { if ($_.Length -ge $indent) { $_.Substring($indent) } else { $_.Trim() } }) -join "`n"
        [pscustomobject]@{ Environment = $env; Result = (Invoke-Recipe $code $env) }
    }
}

AfterAll {
    if ($script:sb) { Stop-TallyfySandbox $script:sb }
}

Describe 'Keeping the token secret: the recipes of the README and about_TallyfyPS' {
    It 'has the five recipes, and about_TallyfyPS shows each exactly as the README does' {
        $recipes.Name | Should -Be @('azure-keyvault', 'automation-variable', 'automation-credential', 'github-actions', 'secretmanagement')
        $about = Get-Content (Join-Path $root 'docs/en-US/about_TallyfyPS.md') -Raw
        $section = [regex]::Match($about, '(?ms)^### Keeping the token secret\s*$(.*?)^### ').Groups[1].Value
        $blocks = @([regex]::Matches($section, '(?ms)^```(\w+)\n(.*?)\n```') | ForEach-Object { $_.Groups[2].Value })
        $blocks.Count | Should -Be $recipes.Count
        for ($i = 0; $i -lt $recipes.Count; $i++) { $blocks[$i] | Should -BeExactly $recipes[$i].Code -Because "recipe $($recipes[$i].Name)" }
    }

    It 'azure-keyvault: the managed identity reads the token from Key Vault and Connect-Tallyfy signs in with it' {
        $r = Invoke-Recipe ($recipes | Where-Object Name -eq 'azure-keyvault').Code
        $r.Output | Should -Match 'CHILD-DONE' -Because $r.Text
        $r.Output | Should -Match "ORG $($sb.OrganizationId)"
        $r.Output | Should -Match 'RUNS 3'
        $r.Output | Should -Match 'CALL Connect-AzAccount -Identity:True'
        $r.Output | Should -Match 'CALL Get-AzKeyVaultSecret -VaultName contoso-ops -Name tallyfy-token -AsPlainText:True'
        $r.Text | Should -Not -Match ([regex]::Escape($token))
    }

    It 'azure-keyvault: the SecretValue form the text offers signs in too' {
        $code = @'
Connect-AzAccount -Identity | Out-Null
Connect-Tallyfy -AccessToken (Get-AzKeyVaultSecret -VaultName 'contoso-ops' -Name 'tallyfy-token').SecretValue -OrganizationId (Get-AutomationVariable -Name 'TallyfyOrgId')
'@
        $about = Get-Content (Join-Path $root 'docs/en-US/about_TallyfyPS.md') -Raw
        $about | Should -Match ([regex]::Escape("(Get-AzKeyVaultSecret -VaultName 'contoso-ops' -Name 'tallyfy-token').SecretValue"))
        $r = Invoke-Recipe $code
        $r.Output | Should -Match 'CHILD-DONE' -Because $r.Text
        $r.Output | Should -Match 'RUNS 3'
        $r.Output | Should -Match 'CALL Get-AzKeyVaultSecret -VaultName contoso-ops -Name tallyfy-token -AsPlainText:False'
    }

    It 'automation-variable: an encrypted Automation variable holds the token' {
        $r = Invoke-Recipe ($recipes | Where-Object Name -eq 'automation-variable').Code
        $r.Output | Should -Match 'CHILD-DONE' -Because $r.Text
        $r.Output | Should -Match "ORG $($sb.OrganizationId)"
        $r.Output | Should -Match 'SOURCE AccessToken parameter'
        $r.Output | Should -Match 'RUNS 3'
        $r.Output | Should -Match 'CALL Get-AutomationVariable -Name TallyfyToken'
        $r.Text | Should -Not -Match ([regex]::Escape($token))
    }

    It 'automation-credential: an Automation credential holds an OAuth client' {
        $r = Invoke-Recipe ($recipes | Where-Object Name -eq 'automation-credential').Code
        $r.Output | Should -Match 'CHILD-DONE' -Because $r.Text
        $r.Output | Should -Match 'SOURCE .*OAuth client'
        $r.Output | Should -Match 'RUNS 3'
        $r.Output | Should -Match 'CALL Get-AutomationPSCredential -Name TallyfyClient'
        $r.Text | Should -Not -Match ([regex]::Escape($clientSecret))
    }

    It 'github-actions: the step gets the token from the secrets as TALLYFY_* variables and Connect-Tallyfy reads them' {
        $yaml = ($recipes | Where-Object Name -eq 'github-actions').Code
        $step = Invoke-WorkflowStep $yaml @{ TALLYFY_ACCESS_TOKEN = $token; TALLYFY_ORG_ID = $sb.OrganizationId }
        $step.Environment.Keys | Sort-Object | Should -Be @('TALLYFY_ACCESS_TOKEN', 'TALLYFY_ORG_ID')
        $r = $step.Result
        $r.Output | Should -Match 'CHILD-DONE' -Because $r.Text
        $r.Output | Should -Match "ORG $($sb.OrganizationId)"
        $r.Output | Should -Match 'SOURCE .*TALLYFY_ACCESS_TOKEN'
        $r.Output | Should -Match 'CALL Install-Module TallyfyPS -Scope CurrentUser -Force:True'
        $csv = Join-Path $r.Work 'completed-runs.csv'
        Test-Path $csv | Should -BeTrue
        @(Import-Csv $csv).Count | Should -BeGreaterThan 0
        @(Import-Csv $csv | Where-Object Status -ne 'complete').Count | Should -Be 0
        $r.Text | Should -Not -Match ([regex]::Escape($token))
    }

    It 'secretmanagement: Get-Secret hands Connect-Tallyfy a SecureString' {
        $r = Invoke-Recipe ($recipes | Where-Object Name -eq 'secretmanagement').Code
        $r.Output | Should -Match 'CHILD-DONE' -Because $r.Text
        $r.Output | Should -Match "ORG $($sb.OrganizationId)"
        $r.Output | Should -Match 'RUNS 3'
        $r.Output | Should -Match 'CALL Get-Secret -Name TallyfyToken -AsPlainText:False'
        $r.Text | Should -Not -Match ([regex]::Escape($token))
    }

    It 'a recipe with the wrong secret fails the sign-in with AuthenticationFailed, not later' {
        $r = Invoke-Recipe ($recipes | Where-Object Name -eq 'automation-variable').Code -Environment @{ TEST_SECRET = 'not-a-tallyfy-token' }
        $r.Output | Should -Not -Match 'CHILD-DONE'
        $r.Text | Should -Match 'Tallyfy refused the credentials \(AccessToken parameter\)'
        $r.ExitCode | Should -Not -Be 0
    }
}
