# The shippable module: layout, manifest, exports, and which System.Text.Json it runs on.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $cmdletNames = (Import-PowerShellDataFile $script:ModuleUnderTest).CmdletsToExport
}
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:moduleDir = Split-Path $script:ModuleUnderTest -Parent
}

Describe 'The laid-out module' {
    It 'holds exactly the listed files, and never PowerShellStandard''s reference System.Management.Automation.dll' {
        $files = @(Get-ChildItem $moduleDir -Recurse -File | ForEach-Object { $_.FullName.Substring($moduleDir.Length + 1).Replace('\', '/') } | Sort-Object)
        $files | Should -Contain 'TallyfyPS.psd1'
        $files | Should -Contain 'TallyfyPS.dll'
        $files | Should -Contain 'TallyfyPS.Format.ps1xml'
        $files | Should -Contain 'LICENSE'
        $files | Should -Contain 'dependencies/System.Text.Json.dll'
        $files | Where-Object { $_ -like '*System.Management.Automation*' } | Should -BeNullOrEmpty
        $files | Where-Object { $_ -like '*.pdb' -or $_ -like '*.deps.json' } | Should -BeNullOrEmpty
        # (Install-PSResource adds its own PSGetModuleInfo.xml beside what we ship.)
        $files | Where-Object { $_ -notmatch '^(TallyfyPS\.(psd1|dll|Format\.ps1xml)|LICENSE|dependencies/[^/]+\.dll|en-US/[^/]+|schemas/[^/]+\.schema\.json|PSGetModuleInfo\.xml)$' } | Should -BeNullOrEmpty
    }

    It 'has a manifest that passes Test-ModuleManifest and exports every cmdlet it names' {
        $m = Test-ModuleManifest $script:ModuleUnderTest
        $m.Version | Should -Be ([version](Import-PowerShellDataFile $script:ModuleUnderTest).ModuleVersion)
        $m.CompatiblePSEditions | Should -Be @('Core', 'Desktop')
        $m.PowerShellVersion | Should -Be ([version]'5.1')
        $declared = (Import-PowerShellDataFile $script:ModuleUnderTest).CmdletsToExport | Sort-Object
        (Get-Command -Module TallyfyPS -CommandType Cmdlet).Name | Sort-Object | Should -Be $declared
        (Get-Command -Module TallyfyPS -CommandType Alias).Name | Sort-Object | Should -Be @((Import-PowerShellDataFile $script:ModuleUnderTest).AliasesToExport | Sort-Object)
        $m.PrivateData.PSData.Tags | Should -Contain 'Tallyfy'
        $m.PrivateData.PSData.ProjectUri | Should -Not -BeNullOrEmpty
        $m.PrivateData.PSData.LicenseUri | Should -Not -BeNullOrEmpty
    }

    It '<Name> declares its output type' -ForEach @($cmdletNames | Where-Object { $_ -ne 'Disconnect-Tallyfy' } | ForEach-Object { @{ Name = $_ } }) {
        (Get-Command $Name).OutputType.Type | Should -Not -BeNullOrEmpty
    }

    It 'has a table view that fits 120 columns for <Type>' -ForEach @(
        'TallyfyRun', 'TallyfyTask', 'TallyfyRunRemovalResult', 'TallyfyRunRestoreResult', 'TallyfyTaskRemovalResult',
        'TallyfyTaskRestoreResult', 'TallyfyComment', 'TallyfyFormFieldValue' | ForEach-Object { @{ Type = $_ } }
    ) {
        $views = @(Get-FormatData -TypeName "TallyfyPS.Model.$Type" -PowerShellVersion $PSVersionTable.PSVersion).FormatViewDefinition
        $table = $views | Where-Object { $_.Control -is [System.Management.Automation.TableControl] } | Select-Object -First 1
        $table | Should -Not -BeNullOrEmpty
        $headers = $table.Control.Headers
        $width = ($headers | Measure-Object -Property Width -Sum).Sum + $headers.Count - 1
        $width | Should -BeLessOrEqual 120
    }

    It 'declares the output type of every cmdlet with a view' {
        # (Invoke-TallyfyApi's data is the API's own JSON as PSCustomObjects: no fixed shape, so no view; its -Raw answer has one.)
        foreach ($c in Get-Command -Module TallyfyPS) {
            foreach ($t in $c.OutputType.Type | Where-Object { $_ -ne [void] -and $_ -ne [psobject] }) {
                @(Get-FormatData -TypeName $t.FullName -PowerShellVersion $PSVersionTable.PSVersion).Count | Should -BeGreaterThan 0 -Because "$($c.Name) outputs $($t.FullName)"
            }
        }
    }

    It 'runs on the framework''s System.Text.Json under PowerShell 7, never the shipped copy' {
        $sb = Start-TallyfySandbox -Runs 5
        try {
            $child = Invoke-ChildPwsh -NonInteractive -Script @"
Import-Module '$script:ModuleUnderTest'
`$null = Connect-Tallyfy -BaseUri '$($sb.ApiUri)' -OrganizationId '$($sb.OrganizationId)' -AccessToken (ConvertTo-SecureString 'tly-sandbox-admin-token' -AsPlainText -Force)
`$run = Get-TallyfyRun -First 1
"RUN `$(`$run.Id)"
`$stj = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'System.Text.Json' }
foreach (`$a in `$stj) { "STJ `$(`$a.GetName().Version) `$(`$a.Location)" }
"RUNTIME `$([Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory())"
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.Location -like '*dependencies*' } | ForEach-Object { "SHIPPED `$(`$_.Location)" }
"@
            $child.Output | Should -Match 'RUN [0-9a-f]{32}'
            $stj = @($child.Output -split "`n" | Where-Object { $_ -like 'STJ *' })
            $stj.Count | Should -Be 1
            $runtime = (($child.Output -split "`n" | Where-Object { $_ -like 'RUNTIME *' }) -replace '^RUNTIME ').Trim()
            $stj[0] | Should -Match '^STJ (\d+)\.'
            [int]($stj[0] -replace '^STJ (\d+)\..*', '$1') | Should -BeGreaterOrEqual 10
            $stj[0] | Should -BeLike "*$runtime*"
            $stj[0] | Should -Not -BeLike '*dependencies*'
            $child.Output | Should -Not -Match 'SHIPPED'
        }
        finally { Stop-TallyfySandbox $sb }
    }

    It 'serves the shipped dependencies only to its own assembly' {
        # The resolve handler answers only requests that come from TallyfyPS.dll.
        $handler = [TallyfyPS.ModuleInitializer].GetMethod('ResolveDependency', [Reflection.BindingFlags]'NonPublic,Static')
        $foreign = [ResolveEventArgs]::new('System.Text.Json, Version=8.0.0.0', [string].Assembly)
        $handler.Invoke($null, @($null, $foreign)) | Should -BeNullOrEmpty
        $none = [ResolveEventArgs]::new('System.Text.Json, Version=8.0.0.0')
        $handler.Invoke($null, @($null, $none)) | Should -BeNullOrEmpty
        $own = [ResolveEventArgs]::new('System.Text.Json, Version=8.0.0.0', [TallyfyPS.ModuleInitializer].Assembly)
        $loaded = $handler.Invoke($null, @($null, $own))
        # On Windows PowerShell this is the copy in dependencies/; on PowerShell 7 the runtime keeps the
        # framework's copy it already loaded, which is what must win there.
        $loaded.GetName().Name | Should -Be 'System.Text.Json'
        Test-Path (Join-Path $moduleDir 'dependencies/System.Text.Json.dll') | Should -BeTrue
    }
}

Describe 'Words the module can say' {
    BeforeAll {
        $script:assembly = [TallyfyPS.Cmdlets.ErrorIds].Assembly
        # Every string literal compiled into the module: every message and piece of advice it can produce.
        function script:Get-AssemblyString([string] $Path) {
            $stream = [IO.File]::OpenRead($Path)
            try {
                $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
                $md = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
                $handle = [System.Reflection.Metadata.Ecma335.MetadataTokens]::UserStringHandle(1)
                while (-not $handle.IsNil) {
                    $md.GetUserString($handle)
                    $handle = [System.Reflection.Metadata.Ecma335.MetadataReaderExtensions]::GetNextHandle($md, $handle)
                }
            }
            finally { $stream.Dispose() }
        }
        $script:literals = @(Get-AssemblyString $assembly.Location)
        $script:commands = @(Get-Command -Module TallyfyPS | ForEach-Object Name) + @(Get-Alias | Where-Object ModuleName -eq 'TallyfyPS' | ForEach-Object Name)
    }

    It 'keeps every ErrorId in one catalog, each listed in about_TallyfyPS' {
        $catalog = @([TallyfyPS.Cmdlets.ErrorIds].GetFields() | Where-Object { $_.IsLiteral } | ForEach-Object { $_.GetValue($null) } | Sort-Object)
        $catalog.Count | Should -BeGreaterThan 20
        $about = Get-Content (Join-Path $PSScriptRoot '../../docs/en-US/about_TallyfyPS.md') -Raw
        # The rows of the table under its '| ErrorId |' header, up to the first line that is not a row.
        $documented = [System.Collections.Generic.List[string]]::new()
        foreach ($line in @($about.Substring($about.IndexOf('| ErrorId |')) -split "`n" | Select-Object -Skip 2)) {
            if ($line -notmatch '^\|') { break }
            $documented.Add(($line -split '\|')[1].Trim())
        }
        $documented = @($documented | Sort-Object -Unique)
        $documented | Should -Be $catalog
        # And the help the module ships says the same.
        $shipped = Get-Content (Join-Path $moduleDir 'en-US/about_TallyfyPS.help.txt') -Raw
        foreach ($id in $catalog) { $shipped | Should -Match "\b$id\b" }
    }

    It 'names in its messages and advice only cmdlets that exist' {
        $literals.Count | Should -BeGreaterThan 100
        $named = @($literals | ForEach-Object { [regex]::Matches($_, '\b[A-Z][a-z]+-Tallyfy[A-Za-z]*\b').Value } | Sort-Object -Unique)
        $named | Should -Contain 'Connect-Tallyfy'
        $named | Should -Contain 'Get-TallyfyRun'
        $named | Where-Object { $_ -notin $commands } | Should -BeNullOrEmpty
    }

    It 'names in its help pages, docs, examples and README only commands that exist (its own and TallyfyPS.Sandbox''s)' {
        $docs = Join-Path $PSScriptRoot '../../docs'
        $files = @(Get-ChildItem $docs -Recurse -Include *.md, *.ps1 -File | Where-Object FullName -notlike '*/help/*') + @(Get-Item (Join-Path $PSScriptRoot '../../README.md'))
        $files.Count | Should -BeGreaterThan 12
        $text = @($files | Get-Content -Raw)
        $named = @($text | ForEach-Object { [regex]::Matches($_, '\b[A-Z][a-z]+-Tallyfy[A-Za-z]*\b').Value } | Sort-Object -Unique)
        # The commands of TallyfyPS.Sandbox, and the example scripts by their names.
        $sandboxCommands = @(Get-Command -Module TallyfyPS.Sandbox).Name + @($files | Where-Object Extension -eq '.ps1' | ForEach-Object BaseName)
        $named | Should -Contain 'Start-TallyfySandbox'
        $named | Where-Object { $_ -notin $commands -and $_ -notin $sandboxCommands } | Should -BeNullOrEmpty
    }
}
