# The package: what the .nupkg holds, and that it installs with Install-PSResource from a file repository.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:packageDir = $env:TALLYFY_TEST_PACKAGE
    $script:nupkg = if ($packageDir) { Get-ChildItem $packageDir -Filter 'TallyfyPS.*.nupkg' | Where-Object Name -Match '^TallyfyPS\.\d' | Select-Object -First 1 }
}

Describe 'The TallyfyPS package' {
    It 'exists (build.ps1 -Task Package, run by -Task Test)' {
        $nupkg | Should -Not -BeNullOrEmpty
    }

    It 'holds the manifest, the assembly, the formats, the MAML help and the dependencies, and nothing of the build' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($nupkg.FullName)
        try { $entries = @($zip.Entries.FullName) } finally { $zip.Dispose() }
        foreach ($f in 'TallyfyPS.psd1', 'TallyfyPS.dll', 'TallyfyPS.Format.ps1xml', 'en-US/TallyfyPS.dll-Help.xml', 'en-US/about_TallyfyPS.help.txt', 'dependencies/System.Text.Json.dll', 'schemas/tallyfy-run-backup.schema.json', 'LICENSE', 'TallyfyPS.nuspec') {
            $entries | Should -Contain $f
        }
        $entries | Where-Object { $_ -like '*System.Management.Automation*' -or $_ -like '*.pdb' } | Should -BeNullOrEmpty
    }

    It 'installs with Install-PSResource from a local file repository, and its help works' {
        # A private HOME: Install-PSResource -Scope CurrentUser and its repository list land there.
        $fakeHome = Join-Path $TestDrive 'home'
        New-Item -ItemType Directory -Path $fakeHome | Out-Null
        $child = Invoke-ChildPwsh -NonInteractive -Environment @{ HOME = $fakeHome; USERPROFILE = $fakeHome } -Script @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name TallyfyLocal -Uri '$packageDir' -Trusted
Install-PSResource -Name TallyfyPS -Repository TallyfyLocal -Scope CurrentUser -TrustRepository
Import-Module TallyfyPS
"BASE `$((Get-Module TallyfyPS).ModuleBase)"
"EXAMPLES `$(@((Get-Help Remove-TallyfyRun -Examples).examples.example).Count)"
"COMMANDS `$(@(Get-Command -Module TallyfyPS -CommandType Cmdlet).Count) ALIASES `$(@(Get-Command -Module TallyfyPS -CommandType Alias).Count)"
"@
        $child.Error | Should -BeNullOrEmpty
        $child.Output | Should -Match ('BASE ' + [regex]::Escape($fakeHome))
        [int](($child.Output -split "`n" | Where-Object { $_ -like 'EXAMPLES *' }) -replace '\D') | Should -BeGreaterOrEqual 3
        $manifest = Import-PowerShellDataFile $ModuleUnderTest
        $counts = ($child.Output -split "`n" | Where-Object { $_ -like 'COMMANDS *' }) -replace '[^\d ]' -split ' +' | Where-Object { $_ }
        [int]$counts[0] | Should -Be @($manifest.CmdletsToExport).Count
        [int]$counts[1] | Should -Be @($manifest.AliasesToExport).Count
    }
}

Describe 'The TallyfyPS.Sandbox package: the tallyfy-sandbox tool and the TallyfyPS.Sandbox module in one' {
    BeforeAll {
        $script:sandboxManifest = Join-Path $PSScriptRoot '../../src/TallyfyPS.Sandbox/PowerShell/TallyfyPS.Sandbox.psd1'
        $script:sandboxVersion = (Import-PowerShellDataFile $sandboxManifest).ModuleVersion
        $script:sandboxNupkg = if ($packageDir) { Join-Path $packageDir "TallyfyPS.Sandbox.$sandboxVersion.nupkg" }
    }

    It 'holds the module at its root and the tool under tools/, at the module''s version' {
        $sandboxNupkg | Should -Exist
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($sandboxNupkg)
        try {
            $entries = @($zip.Entries.FullName)
            $reader = [IO.StreamReader]::new($zip.GetEntry('TallyfyPS.Sandbox.nuspec').Open())
            try { [xml] $nuspec = $reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
        foreach ($f in 'TallyfyPS.Sandbox.psd1', 'TallyfyPS.Sandbox.psm1', 'TallyfyPS.Sandbox.Format.ps1xml', 'LICENSE', 'tools/net10.0/any/TallyfyPS.Sandbox.dll', 'tools/net10.0/any/DotnetToolSettings.xml') {
            $entries | Should -Contain $f
        }
        $nuspec.package.metadata.version | Should -Be $sandboxVersion
        $nuspec.package.metadata.packageTypes.packageType.name | Should -Be 'DotnetTool'
        # Install-PSResource finds it as a module with these functions by its tags.
        $tags = $nuspec.package.metadata.tags -split ' '
        $tags | Should -Contain 'PSModule'
        $exported = (Import-PowerShellDataFile $sandboxManifest).FunctionsToExport
        @($tags | Where-Object { $_ -like 'PSFunction_*' } | ForEach-Object { $_.Substring(11) } | Sort-Object) | Should -Be @($exported | Sort-Object)
    }

    It 'installs as a .NET tool with dotnet tool install, and tallyfy-sandbox runs' {
        $fakeHome = Join-Path $TestDrive 'tool-home'
        New-Item -ItemType Directory -Path $fakeHome | Out-Null
        $saved = $env:HOME, $env:DOTNET_CLI_HOME
        try {
            $env:HOME = $fakeHome; $env:DOTNET_CLI_HOME = $fakeHome
            $out = & dotnet tool install --global --add-source $packageDir TallyfyPS.Sandbox --version $sandboxVersion 2>&1
            $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
            $tool = Join-Path $fakeHome '.dotnet/tools/tallyfy-sandbox'
            if ($IsWindows) { $tool += '.exe' }
            & $tool --version | Should -Be "tallyfy-sandbox $sandboxVersion"
            $help = & $tool --help
            $help | Should -Contain 'Usage: tallyfy-sandbox [options]'
        }
        finally { $env:HOME, $env:DOTNET_CLI_HOME = $saved }
    }

    It 'installs as a PowerShell module with Install-PSResource, whose Start-TallyfySandbox runs the tool beside it' {
        $fakeHome = Join-Path $TestDrive 'module-home'
        New-Item -ItemType Directory -Path $fakeHome | Out-Null
        $child = Invoke-ChildPwsh -NonInteractive -Environment @{ HOME = $fakeHome; USERPROFILE = $fakeHome; TALLYFY_SANDBOX_PATH = ''; TALLYFY_SANDBOX_DLL = '' } -Script @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name TallyfyLocal -Uri '$packageDir' -Trusted
Install-PSResource -Name TallyfyPS, TallyfyPS.Sandbox -Repository TallyfyLocal -Scope CurrentUser -TrustRepository
Import-Module TallyfyPS.Sandbox
"BASE `$((Get-Module TallyfyPS.Sandbox).ModuleBase)"
`$sb = Start-TallyfySandbox -Runs 7
try {
    "TOOL `$(`$sb.Tool)"
    `$null = Connect-TallyfySandbox `$sb
    "RUNS `$(@(Get-TallyfyRun).Count)"
    "HELP `$(@((Get-Help Start-TallyfySandbox -Examples).examples.example).Count)"
}
finally { Stop-TallyfySandbox `$sb }
"@
        $child.Error | Should -BeNullOrEmpty
        $base = (($child.Output -split "`n" | Where-Object { $_ -like 'BASE *' }) -replace '^BASE ').Trim()
        $base | Should -BeLike "$fakeHome*"
        ($child.Output -split "`n" | Where-Object { $_ -like 'TOOL *' }) | Should -BeLike "*$base*TallyfyPS.Sandbox.dll*"
        $child.Output | Should -Match 'RUNS 7'
        $child.Output | Should -Match 'HELP [3-9]'
    }
}
