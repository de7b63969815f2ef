# The shipped help (en-US/TallyfyPS.dll-Help.xml and about_TallyfyPS.help.txt, built from docs/en-US by
# docs/Build-Help.ps1) against the laid-out module: one test per cmdlet, per parameter and per error id.
BeforeDiscovery {
    function script:Get-ModuleUnderTest {
        if ($env:TALLYFY_TEST_MODULE) { return $env:TALLYFY_TEST_MODULE }
        @(Get-ChildItem (Join-Path $PSScriptRoot '../../out/TallyfyPS') -Filter TallyfyPS.psd1 -Recurse)[0].FullName
    }
    Import-Module (Get-ModuleUnderTest) -Force
    $common = @([System.Management.Automation.Cmdlet]::CommonParameters) + @([System.Management.Automation.Cmdlet]::OptionalCommonParameters)

    $script:Commands = foreach ($c in (Get-Command -Module TallyfyPS -CommandType Cmdlet | Sort-Object Name)) {
        $help = Get-Help $c.Name -Full
        $documented = @($help.parameters.parameter | Where-Object { $_ } | ForEach-Object { [string]$_.name })
        @{
            Command = $c.Name
            Parameters = @($c.Parameters.Keys | Where-Object { $common -notcontains $_ } | Sort-Object | ForEach-Object { @{ Command = $c.Name; Parameter = $_ } })
            Documented = @($documented | ForEach-Object { @{ Command = $c.Name; Parameter = $_ } })
        }
    }
    $script:ErrorIds = @('NoSession', 'SessionDisconnected', 'InvalidRunId', 'InvalidTaskId', 'InvalidOrganizationId', 'RunNotFound',
        'TaskNotFound', 'PermissionDenied', 'AuthenticationFailed', 'RateLimited', 'ServerError', 'ConnectionFailed', 'InvalidResponse',
        'InvalidRequest', 'TaskBelongsToRun', 'OrganizationMismatch', 'ConfirmationRequired', 'InsecureBaseUri', 'CredentialsRequired',
        'OrganizationRequired')
}

BeforeAll {
    $module = if ($env:TALLYFY_TEST_MODULE) { $env:TALLYFY_TEST_MODULE } else { @(Get-ChildItem (Join-Path $PSScriptRoot '../../out/TallyfyPS') -Filter TallyfyPS.psd1 -Recurse)[0].FullName }
    Import-Module $module -Force

    function script:Text($Node) {
        (@($Node) | Where-Object { $_ } | ForEach-Object { if ($_.PSObject.Properties['Text']) { $_.Text } else { [string]$_ } }) -join "`n"
    }

    # What the help should say for a parameter, from the command's metadata (all its parameter sets).
    function script:Expected([string] $Command, [string] $Parameter) {
        $meta = (Get-Command $Command).Parameters[$Parameter]
        $sets = @($meta.ParameterSets.Values)
        $positions = @($sets | ForEach-Object { $_.Position } | Sort-Object -Unique)
        $kinds = @()
        if (@($sets | Where-Object ValueFromPipelineByPropertyName).Count) { $kinds += 'ByPropertyName' }
        if (@($sets | Where-Object ValueFromPipeline).Count) { $kinds += 'ByValue' }
        $type = $meta.ParameterType
        $inner = [Nullable]::GetUnderlyingType($type)
        if ($inner) { $type = $inner }
        [pscustomobject]@{
            Required = (@($sets | Where-Object { -not $_.IsMandatory }).Count -eq 0)
            Position = $(if ($positions.Count -eq 1 -and $positions[0] -ge 0) { [string]$positions[0] } else { 'named' })
            Pipeline = $(if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' })
            Aliases = (@($meta.Aliases | Sort-Object) -join ', ')
            Type = $type.Name
        }
    }
}

Describe '<Command> help' -ForEach $Commands {
    BeforeAll {
        $full = Get-Help $Command -Full
        $cmd = Get-Command $Command
    }

    It 'comes from the MAML file, not from the generated help' {
        $cmd.HelpFile | Should -BeLike '*TallyfyPS.dll-Help.xml'
        $full.PSObject.TypeNames | Should -Contain 'MamlCommandHelpInfo'
    }

    It 'has a written synopsis (not the syntax)' {
        $synopsis = [string]$full.Synopsis
        $synopsis.Trim().Length | Should -BeGreaterThan 20
        $synopsis | Should -Not -Match ('^\s*' + [regex]::Escape($Command) + '\s')
        $synopsis | Should -Not -Match '\{\{|TODO|FIXME'
    }

    It 'has a written description' {
        $description = Text $full.description
        $description.Length | Should -BeGreaterThan 100
        $description | Should -Not -Match '\{\{|TODO|FIXME'
    }

    It 'has at least 3 examples, each with code and an explanation or its output' {
        $examples = @((Get-Help $Command -Examples).examples.example)
        $examples.Count | Should -BeGreaterOrEqual 3
        foreach ($e in $examples) {
            [string]$e.code | Should -Match $Command
            (Text $e.remarks).Trim() | Should -Not -BeNullOrEmpty
        }
    }

    It 'has one syntax item per parameter set' {
        @($full.syntax.syntaxItem).Count | Should -Be @($cmd.ParameterSets).Count
    }

    It 'has notes, outputs and related links' {
        (Text $full.alertSet.alert).Trim() | Should -Not -BeNullOrEmpty
        @($full.returnValues.returnValue).Count | Should -BeGreaterOrEqual 1
        @($full.relatedLinks.navigationLink).Count | Should -BeGreaterOrEqual 1
    }

    Context 'parameter -<Parameter>' -ForEach $Parameters {
        It 'is documented with a description' {
            $p = Get-Help $Command -Parameter $Parameter
            $p | Should -Not -BeNullOrEmpty
            (Text $p.description).Trim().Length | Should -BeGreaterThan 10
        }

        It 'matches the command (type, required, position, pipeline input, aliases)' {
            $p = Get-Help $Command -Parameter $Parameter
            $want = Expected $Command $Parameter
            [string]$p.type.name | Should -Be $want.Type
            [string]$p.required | Should -Be $want.Required.ToString().ToLowerInvariant()
            [string]$p.position | Should -Be $want.Position
            [string]$p.pipelineInput | Should -Be $want.Pipeline
            $aliases = if ([string]$p.aliases -eq 'none') { '' } else { (([string]$p.aliases -split ',\s*') | Sort-Object) -join ', ' }
            $aliases | Should -Be $want.Aliases
        }
    }

    Context 'documented -<Parameter>' -ForEach $Documented {
        It 'exists on the command' {
            (Get-Command $Command).Parameters.Keys | Should -Contain $Parameter
        }
    }
}

Describe 'about_TallyfyPS' {
    BeforeAll {
        $about = Get-Help about_TallyfyPS | Out-String
    }

    It 'is found by Get-Help' {
        $about | Should -Match 'about_TallyfyPS'
        $about | Should -Match 'SHORT DESCRIPTION'
        $about.Length | Should -BeGreaterThan 5000
    }

    It 'gives <_> its short description as the synopsis Get-Help lists' -ForEach @('about_TallyfyPS', 'about_TallyfyPS_Retention', 'about_TallyfyPS_Offboarding') {
        # Get-Help reads an about topic's synopsis from the fifth line of its file (TOPIC, name, blank, SHORT DESCRIPTION).
        $listed = @(Get-Help about_Tally* | Where-Object Name -eq $_)
        $listed.Count | Should -Be 1
        $listed[0].Synopsis | Should -Not -BeNullOrEmpty
        $page = Get-Content (Join-Path $PSScriptRoot "../../docs/en-US/$_.md") -Raw
        $page -match '(?s)## Short description\r?\n(.+?)\r?\n\r?\n' | Should -BeTrue
        ($Matches[1] -replace '\s+', ' ').Trim() | Should -Be $listed[0].Synopsis
    }

    It 'is wrapped to 80 columns outside code blocks and tables' {
        $file = Join-Path (Split-Path (Get-Module TallyfyPS).Path) 'en-US/about_TallyfyPS.help.txt'
        $long = @(Get-Content $file | Where-Object { $_.Length -gt 80 -and $_ -notmatch '^ {8}' })
        $long | Should -BeNullOrEmpty
    }

    It 'covers <_>' -ForEach @('TALLYFY_ACCESS_TOKEN', 'TALLYFY_ORG_ID', 'TALLYFY_BASE_URI', 'TALLYFY_CLIENT_ID', 'TALLYFY_CLIENT_SECRET',
        'TALLYFY_API_TOKEN', 'TALLYFY_BASE_URL', 'TALLYFY_TOKEN_URI', 'BaseUriSource', 'RunArchived',
        '-Session', '-OrganizationId', '-ThrottleLimit', '-MaxRetries', 'Retry-After', 'Start-TallyfySandbox', 'Get-TallyfySandboxRequest',
        'Set-TallyfySandboxFault', '-Journal', 'Get-TallyfyJournal', 'Restore-TallyfyRun', 'Export-Csv', '-Confirm:$false') {
        $about | Should -Match ([regex]::Escape($_))
    }

    It 'lists the error id <_>' -ForEach $ErrorIds {
        $about | Should -Match ('(?m)^\s+' + [regex]::Escape($_) + '\s')
    }
}
