# The package: what the .nupkg holds, and that it installs with Install-PSResource from a file repository.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:packageDir = $env:TALLYFY_TEST_PACKAGE
    $script:nupkg = if ($packageDir) { Get-ChildItem $packageDir -Filter 'TallyfyPS.*.nupkg' | Select-Object -First 1 }
}

Describe 'The TallyfyPS package' {
    It 'exists (build.ps1 -Task Package, run by -Task Test)' {
        $nupkg | Should -Not -BeNullOrEmpty
    }

    It 'holds the manifest, the assembly, the formats, the MAML help and the dependencies, and nothing of the build' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($nupkg.FullName)
        try { $entries = @($zip.Entries.FullName) } finally { $zip.Dispose() }
        foreach ($f in 'TallyfyPS.psd1', 'TallyfyPS.dll', 'TallyfyPS.Format.ps1xml', 'en-US/TallyfyPS.dll-Help.xml', 'en-US/about_TallyfyPS.help.txt', 'dependencies/System.Text.Json.dll', 'TallyfyPS.nuspec') {
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
"COMMANDS `$(@(Get-Command -Module TallyfyPS).Count)"
"@
        $child.Error | Should -BeNullOrEmpty
        $child.Output | Should -Match ('BASE ' + [regex]::Escape($fakeHome))
        [int](($child.Output -split "`n" | Where-Object { $_ -like 'EXAMPLES *' }) -replace '\D') | Should -BeGreaterOrEqual 3
        [int](($child.Output -split "`n" | Where-Object { $_ -like 'COMMANDS *' }) -replace '\D') | Should -Be 10
    }
}
